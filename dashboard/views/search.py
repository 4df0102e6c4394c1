"""Search: full-text search over the redacted texts within the sidebar filters, and reading them."""

import streamlit as st

from dashboard.components import text_list, text_reader
from dashboard.guard import enter, query
from dashboard.i18n import t
from insights import themes

ctx = enter("search")  # analysts and administrators only: checked here, not just hidden in the menu
st.title(t("page.search"))
st.caption(t("search.hint"))
words = st.text_input(t("search.query"), placeholder=t("search.placeholder"), key="search.words", max_chars=200)
if words.strip():
    found = query(themes.search_texts, words, ctx.filters, 200)
    if found.height == 0:
        st.info(t("search.none"))
    else:
        st.markdown(t("search.results", n=found.height))
        chosen = text_list(ctx, found, "search_results", f"search: {words}", "search", extra_columns=("score",))
        if chosen:
            text_reader(ctx, chosen, search=words)
