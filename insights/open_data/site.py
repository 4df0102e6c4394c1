"""The static site: one page per language (kk, ru, en) that works from a folder, with no server and no internet.

Why plotly.js from the plotly package, as a file beside the pages: a ministry's site (or a file://
folder) serves it as is, and nothing is fetched from elsewhere. Every chart has a text alternative
(role="img" with a label) and the same numbers as a table right below it; numbers and months are
written for the page's language through Babel (dashboard/i18n.py). Everything from the data is
HTML-escaped, and JSON in scripts cannot close its <script> element.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from pathlib import Path

import polars as pl
from babel.numbers import get_decimal_symbol, get_group_symbol

from dashboard.i18n import LANGUAGE_NAMES, LANGUAGES, area_name, month, number, percent, text
from insights.open_data import package
from insights.open_data.cube import ALL

PLOTLY_FILE = "assets/plotly.min.js"
STYLE = """body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;line-height:1.5}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
nav ul{list-style:none;display:flex;gap:1rem;padding:0}a{color:#0b4f8a}a:focus{outline:3px solid #f0a500}
table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}td.n{text-align:right}
caption{text-align:left;font-weight:600}.chart{min-height:360px}
.headline{display:grid;grid-template-columns:max-content max-content;gap:.25rem 1rem}.headline dd{margin:0;font-weight:600}"""


def write_site(folder: Path, frames: dict[str, pl.DataFrame], k: int) -> None:
    from plotly.offline import get_plotlyjs

    (folder / "assets").mkdir(parents=True, exist_ok=True)
    (folder / PLOTLY_FILE).write_text(get_plotlyjs(), encoding="utf-8")
    for lang in LANGUAGES:
        (folder / lang).mkdir(exist_ok=True)
        (folder / lang / "index.html").write_text(page(lang, frames, k), encoding="utf-8")
    (folder / "index.html").write_text(_chooser(), encoding="utf-8")


def page(lang: str, frames: dict[str, pl.DataFrame], k: int) -> str:
    resp, areas = frames["responsiveness"], frames["areas"]
    months = sorted(m for m in resp["month"].unique().to_list() if m != ALL)
    sections = [_headline(lang, resp), _monthly(lang, resp), _regions(lang, resp), _areas(lang, areas), _agencies(lang, resp),
                _downloads(lang), _dictionary(lang, frames), _method(lang)]
    intro = text("publish.intro", lang, start=_month(months[0], lang), end=_month(months[-1], lang)) if months else ""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(text("publish.title", lang))}</title><style>{STYLE}</style>
<script src="../{PLOTLY_FILE}"></script></head>
<body><a class="skip" href="#content">{escape(text("publish.skip", lang))}</a>
<header>{_language_switch(lang)}</header>
<main id="content"><h1>{escape(text("publish.title", lang))}</h1>
<p>{escape(intro)}</p><p>{escape(text("publish.threshold", lang, k=k, hidden=_hidden(lang)))}</p>
{"".join(sections)}</main></body></html>
"""


def _language_switch(lang: str) -> str:
    current = ' aria-current="page"'
    items = "".join(
        f'<li><a href="../{other}/index.html" lang="{other}" hreflang="{other}"'
        f'{current if other == lang else ""}>{escape(LANGUAGE_NAMES[other])}</a></li>'
        for other in LANGUAGES)
    return f'<nav aria-label="{escape(text("publish.languages", lang))}"><ul>{items}</ul></nav>'


def _chooser() -> str:
    links = "".join(f'<li><a href="{lang}/index.html" lang="{lang}" hreflang="{lang}">'
                    f'{escape(text("publish.title", lang))} ({escape(LANGUAGE_NAMES[lang])})</a></li>' for lang in LANGUAGES)
    return (f'<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>{escape(text("publish.title", "kk"))}'
            f'</title></head><body><main><h1 lang="kk">{escape(text("publish.title", "kk"))}</h1><ul>{links}</ul>'
            f'</main></body></html>\n')


# ---------------------------------------------------------------- sections


def _headline(lang: str, resp: pl.DataFrame) -> str:
    """The country's figures for the whole period, as a definition list."""
    whole = resp.filter((pl.col("agency_key") == ALL) & (pl.col("region_key") == ALL) & (pl.col("month") == ALL))
    if whole.height == 0:
        return ""
    row = whole.row(0, named=True)
    items = "".join(f"<dt>{escape(text(key, lang))}</dt><dd>{escape(_cell_text(row[column], kind, lang))}</dd>"
                    for key, column, kind in _figures())
    return _section("country", lang, text("publish.country", lang), f'<dl class="headline">{items}</dl>')


def _monthly(lang: str, resp: pl.DataFrame) -> str:
    rows = resp.filter((pl.col("agency_key") == ALL) & (pl.col("region_key") == ALL) & (pl.col("month") != ALL)) \
        .sort("month")
    labels = [_month(m, lang) for m in rows["month"]]
    data = [{"type": "bar", "x": labels, "y": rows["appeals"].to_list(), "name": text("metric.appeals", lang)},
            {"type": "scatter", "mode": "lines+markers", "x": labels, "y": rows["on_time_share"].to_list(),
             "yaxis": "y2", "name": text("metric.on_time", lang)}]
    layout = {"yaxis": {"title": {"text": text("metric.appeals", lang)}}, "height": 480,
              "margin": {"t": 60, "b": 120}, "xaxis": {"tickangle": -45},
              "yaxis2": {"overlaying": "y", "side": "right", "tickformat": ".0%", "range": [0, 1.05],
                         "tickmode": "linear", "tick0": 0, "dtick": 0.2, "showgrid": False,
                         "title": {"text": text("metric.on_time", lang)}}}
    table = _table(lang, text("publish.monthly", lang), rows, [("dimension.month", "month", "month")] + _figures())
    return _section("monthly", lang, text("publish.monthly", lang), _chart("monthly", lang, data, layout,
                                                                           text("publish.monthly_alt", lang)) + table)


def _regions(lang: str, resp: pl.DataFrame) -> str:
    rows = resp.filter((pl.col("agency_key") == ALL) & (pl.col("region_key") != ALL) & (pl.col("month") == ALL)) \
        .sort("on_time_share", nulls_last=True)
    shown = rows.filter(pl.col("on_time_share").is_not_null())
    data = [{"type": "bar", "orientation": "h", "x": shown["on_time_share"].to_list(),
             "y": shown[f"region_name_{lang}"].to_list(), "name": text("metric.on_time", lang)}]
    layout = {"xaxis": {"tickformat": ".0%", "range": [0, 1]}, "yaxis": {"automargin": True}, "height": 120 + 24 * shown.height}
    table = _table(lang, text("publish.regions", lang), rows.sort(f"region_name_{lang}"),
                   [("dimension.region", f"region_name_{lang}", "text")] + _figures())
    return _section("regions", lang, text("publish.regions", lang),
                    _chart("regions", lang, data, layout, text("publish.regions_alt", lang)) + table)


def _areas(lang: str, areas: pl.DataFrame) -> str:
    rows = areas.filter((pl.col("agency_key") == ALL) & (pl.col("region_key") == ALL) & (pl.col("month") == ALL)) \
        .with_columns(pl.col("area").map_elements(lambda a: area_name(a, lang), return_dtype=pl.Utf8).alias("name")) \
        .sort("appeals", nulls_last=False)
    shown = rows.filter(pl.col("appeals").is_not_null())
    data = [{"type": "bar", "orientation": "h", "x": shown["appeals"].to_list(), "y": shown["name"].to_list(),
             "name": text("metric.appeals", lang)}]
    layout = {"yaxis": {"automargin": True}, "height": 120 + 28 * shown.height}
    table = _table(lang, text("publish.areas", lang), rows.sort("appeals", descending=True, nulls_last=True),
                   [("dimension.area", "name", "text"), ("metric.appeals", "appeals", "number")])
    return _section("areas", lang, text("publish.areas", lang),
                    _chart("areas", lang, data, layout, text("publish.areas_alt", lang)) + table)


def _agencies(lang: str, resp: pl.DataFrame) -> str:
    rows = resp.filter((pl.col("agency_key") != ALL) & (pl.col("region_key") != ALL) & (pl.col("month") == ALL)) \
        .sort([f"region_name_{lang}", f"agency_name_{lang}"])
    columns = [("dimension.agency", f"agency_name_{lang}", "text"), ("dimension.region", f"region_name_{lang}", "text"),
               *_figures()]
    return _section("agencies", lang, text("publish.agencies", lang), _table(lang, text("publish.agencies", lang), rows, columns))


def _downloads(lang: str) -> str:
    links = [(f"../data/{name}.{fmt}", f"{text(f'publish.resource.{name}', lang)} ({fmt.upper()})")
             for name in package.RESOURCES for fmt in ("csv", "parquet")] + [("../datapackage.json", "datapackage.json")]
    items = "".join(f'<li><a href="{href}">{escape(label)}</a></li>' for href, label in links)
    return _section("downloads", lang, text("publish.downloads", lang),
                    f'<p>{escape(text("publish.downloads_intro", lang))}</p><ul>{items}</ul>')


def _dictionary(lang: str, frames: dict[str, pl.DataFrame]) -> str:
    parts = []
    for name, frame in frames.items():
        title = text(f"publish.resource.{name}", lang)
        body = "".join(f"<tr><th scope=\"row\"><code>{escape(c)}</code></th><td>{package.field_type(frame, c)}</td>"
                       f"<td>{escape(package.field_meaning(name, c, lang))}</td></tr>" for c in frame.columns)
        head = "".join(f'<th scope="col">{escape(text(k, lang))}</th>' for k in ("publish.field", "publish.type", "publish.meaning"))
        parts.append(f"<h3>{escape(title)} (<code>data/{name}.csv</code>)</h3><table><caption>{escape(title)}</caption>"
                     f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return _section("dictionary", lang, text("publish.dictionary", lang), "".join(parts))


def _method(lang: str) -> str:
    return _section("method", lang, text("publish.method", lang), f"<p>{escape(text('publish.method_text', lang))}</p>")


# ---------------------------------------------------------------- pieces


def _figures() -> list[tuple[str, str, str]]:
    return [("metric.appeals", "appeals", "number"), ("metric.on_time", "on_time_share", "percent"),
            ("metric.median_days", "median_days_to_answer", "number"), ("metric.satisfaction", "mean_satisfaction", "decimal")]


def _section(key: str, lang: str, title: str, body: str) -> str:
    return f'<section aria-labelledby="h-{key}"><h2 id="h-{key}">{escape(title)}</h2>{body}</section>\n'


def _chart(key: str, lang: str, data: list, layout: dict, alt: str) -> str:
    layout = {**layout, "separators": get_decimal_symbol(lang) + get_group_symbol(lang), "showlegend": True,
              "legend": {"orientation": "h", "y": 1.08, "yanchor": "bottom"}, "font": {"family": "system-ui, sans-serif"}}
    figure = json.dumps({"data": data, "layout": layout}, ensure_ascii=False).replace("<", "\\u003c")
    return (f'<figure><div id="chart-{key}" class="chart" role="img" aria-label="{escape(alt)}"></div>'
            f'<figcaption>{escape(alt)}</figcaption></figure>'
            f'<script>(function(){{var f={figure};Plotly.newPlot("chart-{key}",f.data,f.layout,'
            f'{{displayModeBar:false,responsive:true}});}})();</script>')


def _table(lang: str, title: str, rows: pl.DataFrame, columns: list[tuple[str, str, str]]) -> str:
    head = "".join(f'<th scope="col">{escape(text(key, lang))}</th>' for key, _, _ in columns)
    body = []
    for row in rows.iter_rows(named=True):
        cells = [_cell(row[column], kind, lang, first=(i == 0)) for i, (_, column, kind) in enumerate(columns)]
        body.append(f"<tr>{''.join(cells)}</tr>")
    caption = escape(text("publish.table", lang, title=title))
    return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _cell(value, kind: str, lang: str, first: bool) -> str:
    shown = _cell_text(value, kind, lang)
    if first:
        return f'<th scope="row">{escape(shown)}</th>'
    return f'<td class="n">{escape(shown)}</td>' if kind != "text" else f"<td>{escape(shown)}</td>"


def _cell_text(value, kind: str, lang: str) -> str:
    if kind == "month":
        shown = _month(value, lang)
    elif value is None:
        shown = _hidden(lang) if kind != "text" else ""
    elif kind == "number":
        shown = number(value, lang)
    elif kind == "percent":
        shown = percent(value, lang)
    elif kind == "decimal":
        shown = number(value, lang, 2)
    else:
        shown = str(value)
    return shown


def _month(value: str, lang: str) -> str:
    year, mon = value.split("-")
    return month(date(int(year), int(mon), 1), lang)


def _hidden(lang: str) -> str:
    return "—"
