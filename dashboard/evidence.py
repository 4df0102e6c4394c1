"""Showing why a text got its labels: the evidence spans, highlighted, and nothing a citizen wrote as HTML.

Where the spans come from, best first:
1. the classifier's own ``explain`` (``nlp``), when a trained model is on this machine: the words
   that pushed each area's score up;
2. otherwise the behavioural indicators' keywords of the taxonomy for the text's areas;
3. and always the search terms the analyst typed.

Safety: :func:`highlight_html` escapes every character of the text (``html.escape``) *before*
wrapping spans in ``<mark>``; titles are escaped too. The result goes to ``st.html`` (no Markdown
pass), so ``<script>``, ``<img onerror>`` or a Markdown link in a letter is shown as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from warehouse.taxonomy import area as taxonomy_area

MARK_STYLE = ("background:{color};padding:0 2px;border-radius:3px")
AREA_COLORS = ("#ffe08a", "#b5e3c4", "#c6d8f5", "#f5c6d8", "#e0ccf5", "#f9d3b4", "#c9f0ef", "#e6e6a8",
               "#f2b8b8", "#d3e8a8", "#cfd6e6", "#e8d0b8")
QUERY_COLOR = "#a8d8ff"
WORD_END = re.compile(r"[\w\-]*", re.UNICODE)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    area: str          # an area id, or "" for a search term
    source: str        # model | keyword | query


def keyword_spans(text: str, areas: Iterable[str]) -> list[Span]:
    """Where the indicators' keywords of these areas occur (a keyword is a stem: the word is marked whole)."""
    spans, lowered = [], text.lower()
    for area_id in areas:
        try:
            indicators = taxonomy_area(area_id).indicators
        except KeyError:
            continue
        for keyword in {k for ind in indicators for words in ind.keywords.values() for k in words}:
            spans.extend(_occurrences(lowered, keyword.lower(), area_id, "keyword"))
    return spans


def query_spans(text: str, query: str) -> list[Span]:
    """Words of the search, matched on their first five letters (the index stems words too)."""
    spans, lowered = [], text.lower()
    for word in re.findall(r"\w+", query.lower()):
        if len(word) >= 3:
            spans.extend(_occurrences(lowered, word[:5], "", "query"))
    return spans


def model_spans(text: str, explained: dict[str, list]) -> list[Span]:
    """Spans of the classifier's explanation ({area: [Evidence(text=...)]}) found in the shown text."""
    spans, lowered = [], text.lower()
    for area_id, items in explained.items():
        for item in items:
            piece = (getattr(item, "text", "") or "").strip().lower()
            if piece:
                start = lowered.find(piece)
                if start >= 0:
                    spans.append(Span(start, start + len(piece), area_id, "model"))
    return spans


def _occurrences(lowered: str, needle: str, area_id: str, source: str) -> list[Span]:
    found = []
    for match in re.finditer(r"(?<!\w)" + re.escape(needle), lowered):
        end = WORD_END.match(lowered, match.end()).end()
        found.append(Span(match.start(), end, area_id, source))
    return found


def merge(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans in text order; on overlap the earlier, then the longer, wins."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


def highlight_html(text: str, spans: Iterable[Span], area_label: Callable[[str], str],
                   query_label: str = "") -> str:
    """The text, escaped, with each span wrapped in an escaped, coloured <mark>."""
    text = text or ""
    parts, position = [], 0
    for span in merge(spans):
        parts.append(html.escape(text[position:span.start]))
        title = area_label(span.area) if span.area else query_label
        color = _color(span.area)
        parts.append(f'<mark style="{MARK_STYLE.format(color=color)}" title="{html.escape(title, quote=True)}">'
                     f"{html.escape(text[span.start:span.end])}</mark>")
        position = span.end
    parts.append(html.escape(text[position:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div class="tyndau-text" style="line-height:1.7;font-size:1.02rem">{body}</div>'


def legend_html(areas: Iterable[str], area_label: Callable[[str], str]) -> str:
    items = [f'<mark style="{MARK_STYLE.format(color=_color(a))}">{html.escape(area_label(a))}</mark>'
             for a in areas]
    return '<div style="font-size:0.85rem">' + " ".join(items) + "</div>"


def _color(area_id: str) -> str:
    if not area_id:
        return QUERY_COLOR
    try:
        return AREA_COLORS[taxonomy_area(area_id).position % len(AREA_COLORS)]
    except KeyError:
        return AREA_COLORS[0]
