"""The sidebar filters, shared by every page through ``st.session_state``.

Why two keys per filter: Streamlit forgets a widget's state on a run where the widget is not
drawn, and not every page draws every filter (the data-quality page draws none). The value
therefore lives under a permanent key (``filter.<name>``): the widget (``w.<name>``) is drawn with
it as its default and its value is copied back right after. Choosing an agency on one page keeps
it on the next. (No ``on_change`` callbacks and no writes to widget keys: both interact badly
with range sliders when Streamlit replays widget state.)

Filters only ever reach SQL as bound parameters (:func:`insights.scope.where`).
"""

from __future__ import annotations

import calendar
from datetime import date

import streamlit as st

from dashboard import data
from dashboard.i18n import area_name, t, value_name
from dashboard.i18n import month as month_name
from insights import scope
from insights.scope import Filters
from warehouse.taxonomy import POLARITIES, area_ids

PREFIX, WIDGET = "filter.", "w."
DEFAULT_MONTHS = 12
MULTI = ("agencies", "regions", "channels", "languages", "appeal_types", "areas", "polarities")


def current() -> Filters:
    """The filters as chosen, whatever page chose them."""
    months = st.session_state.get(PREFIX + "months")
    date_from, date_to = (months[0], month_end(months[1])) if months else (None, None)
    chosen = {name: tuple(st.session_state.get(PREFIX + name, ())) for name in MULTI}
    return Filters(date_from=date_from, date_to=date_to, **chosen)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def sidebar(names: tuple[str, ...], lang: str) -> None:
    """Draw the filters a page declared, in the sidebar."""
    if not names:
        return
    options = data.query(scope.options)
    labels = data.query(scope.dimension_labels)
    st.sidebar.subheader(t("filters.title"))
    for name in names:
        _DRAW[name](options, labels, lang)
    st.sidebar.button(t("filters.clear"), on_click=clear, icon=":material/filter_alt_off:")


def clear() -> None:
    for key in list(st.session_state):
        if key.startswith(PREFIX) or key.startswith(WIDGET):
            del st.session_state[key]


def _months(options, labels, lang) -> None:
    first, last = options["months"]
    if not first:
        return
    months = month_range(first, last)
    names = [month_name(m, lang) for m in months]  # "наурыз 2025", "март 2025", "March 2025"
    stored = st.session_state.get(PREFIX + "months")
    if not stored or stored[0] not in months or stored[1] not in months:
        stored = (months[max(0, len(months) - DEFAULT_MONTHS)], months[-1])
    key = f"{WIDGET}months.{lang}"  # the option texts change with the language: one widget per language
    chosen = st.sidebar.select_slider(t("filters.months"), options=names, key=key,
                                      value=(month_name(stored[0], lang), month_name(stored[1], lang)))
    st.session_state[PREFIX + "months"] = (months[names.index(chosen[0])], months[names.index(chosen[1])])


def month_range(first: date, last: date) -> list[date]:
    months, m = [], first.replace(day=1)
    while m <= last:
        months.append(m)
        m = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return months


def _multiselect(name: str, values: list, format_func) -> None:
    stored = [v for v in st.session_state.get(PREFIX + name, ()) if v in values]
    chosen = st.sidebar.multiselect(t(f"filters.{name}"), options=values, default=stored, key=WIDGET + name,
                                    format_func=format_func, placeholder=t("filters.all"))
    st.session_state[PREFIX + name] = tuple(chosen)


def _dimension(name: str, option_key: str, kind: str):
    def draw(options, labels, lang):
        values = options[option_key]["key"].to_list()
        names = labels.get(kind, {})
        _multiselect(name, values, lambda v: names.get(v, {}).get(lang) or value_name(kind, v, lang))
    return draw


def _areas(options, labels, lang) -> None:
    _multiselect("areas", list(area_ids()), lambda a: area_name(a, lang))


def _polarities(options, labels, lang) -> None:
    _multiselect("polarities", list(POLARITIES), lambda p: value_name("polarity", p, lang))


_DRAW = {
    "months": _months,
    "agencies": _dimension("agencies", "agency", "agency"),
    "regions": _dimension("regions", "region", "region"),
    "channels": _dimension("channels", "channel", "channel"),
    "languages": _dimension("languages", "language", "language"),
    "appeal_types": _dimension("appeal_types", "appeal_type", "appeal_type"),
    "areas": _areas,
    "polarities": _polarities,
}
