"""Values from the data shown inside Markdown (titles, captions, labels, alerts) as the text they are.

Why: Streamlit renders captions, headings, alerts and widget labels as Markdown, so an agency called
``[click](https://evil.example)`` or ``![x](https://evil.example/p.png)`` would become a live link,
or an image the analyst's browser fetches from outside, the moment a page opens. Every value that
comes from the data (appeal numbers, agency, region and area names, data values, user names,
messages that quote them) goes through :func:`md_escape` before it meets Markdown; the catalogue's
own templates (dashboard/i18n.py) stay Markdown.

How: every ASCII punctuation character gets a backslash (CommonMark reads ``\\[`` as a plain ``[``),
which also stops Streamlit's ``:red[...]`` directives, ``:material/...:`` icons and ``$...$`` maths.
GitHub-style autolinks (``https://…``, ``www.…``, ``name@host``) are found in the text *after* the
escapes are read, so a zero-width space goes after every ``:`` and ``@`` and between ``www`` and its
dot: invisible on screen, but no longer a link. Line breaks become spaces so a value cannot start a
block of its own. Plain-text places (data grids, select box options, st.text) need none of this.
"""

from __future__ import annotations

import re
import string

ZERO_WIDTH_SPACE = "\u200b"
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
_WWW = re.compile(r"(www)(?=\\\.)", re.IGNORECASE)


def md_escape(value: object) -> str:
    """`value` as literal text inside Streamlit Markdown: no links, images, HTML, styling or maths."""
    text = _LINE_BREAKS.sub(" ", "" if value is None else str(value))
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = text.replace("\\:", "\\:" + ZERO_WIDTH_SPACE).replace("\\@", "\\@" + ZERO_WIDTH_SPACE)
    return _WWW.sub(r"\1" + ZERO_WIDTH_SPACE, text)
