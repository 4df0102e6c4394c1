"""Charts: plain functions from a polars frame (and labels) to a plotly figure. No streamlit here.

Why plain functions: pages stay thin, a chart is tested by calling it, and the same figure can be
exported or reused by the planners' pages. Every function takes already-translated labels, so
none of them knows about languages; points carry ``customdata`` (the key behind them) so a
selection on the page can drill down to the texts behind that point.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import plotly.graph_objects as go
import polars as pl

PALETTE = ("#1f5f8b", "#e07b39", "#4c9a6a", "#b8476b", "#7a5fa6", "#c9a227", "#4aa3b5", "#8c6d4f",
           "#d65f5f", "#6b8e23", "#5f6f8b", "#a0522d")
CURRENT, PREVIOUS = "#1f5f8b", "#9bb4c9"
HEIGHT = 380
TEXT_ATTRIBUTES = ("x", "y", "name", "text", "hovertext", "labels")


def _layout(fig: go.Figure, title: str = "", height: int = HEIGHT, **kwargs) -> go.Figure:
    _data_as_text(fig)
    fig.update_layout(title=title or None, height=height, margin=dict(l=10, r=10, t=40 if title else 10, b=10),
                      legend=dict(orientation="h", y=-0.15), template="plotly_white", **kwargs)
    return fig


def _data_as_text(fig: go.Figure) -> None:
    """Labels from the data (agency, region, session names) shown as text, not as plotly's HTML.

    Why: plotly renders a subset of HTML in tick labels, legends and hover texts, ``<a href>``
    included, so an agency called ``<a href="https://evil.example">…</a>`` would be a live link.
    Entities are what plotly decodes back to ``<``, ``>`` and ``&`` on screen. `customdata` (the
    keys a selection returns) is left alone."""
    for trace in fig.data:
        for attribute in TEXT_ATTRIBUTES:
            value = getattr(trace, attribute, None) if attribute in trace else None
            if isinstance(value, str):
                trace[attribute] = html.escape(value, quote=False)
            elif isinstance(value, (tuple, list)):
                trace[attribute] = [html.escape(v, quote=False) if isinstance(v, str) else v for v in value]


def rate_bars(frame: pl.DataFrame, label: Callable[[object], str], rate: str, low: str, high: str,
              title: str = "", x_title: str = "", reference: float | None = None,
              reference_label: str = "") -> go.Figure:
    """Horizontal bars of a rate with its 95 % interval as error bars; key of each bar in customdata."""
    frame = frame.sort(rate, nulls_last=True)
    keys = frame["key"].to_list()
    values = frame[rate].to_list()
    fig = go.Figure(go.Bar(
        x=values, y=[label(k) for k in keys], orientation="h", customdata=keys, marker_color=CURRENT,
        error_x=dict(type="data", symmetric=False,
                     array=[(h - v) if h is not None and v is not None else 0 for h, v in zip(frame[high], values)],
                     arrayminus=[(v - lo) if lo is not None and v is not None else 0
                                 for lo, v in zip(frame[low], values)]),
        hovertemplate="%{y}: %{x:.1%}<extra></extra>",
    ))
    if reference is not None:
        fig.add_vline(x=reference, line_dash="dash", line_color="#888", annotation_text=reference_label)
    fig.update_xaxes(tickformat=".0%", title=x_title, range=[0, 1.02])
    return _layout(fig, title, height=max(HEIGHT, 22 * len(keys) + 80))


def trend_lines(current: pl.DataFrame, previous: pl.DataFrame | None, value: str, title: str = "",
                current_name: str = "", previous_name: str = "", percent: bool = False,
                y_title: str = "") -> go.Figure:
    """A monthly series for the chosen period, with the previous period aligned month by month."""
    fig = go.Figure()
    months = current["key"].to_list() if current.height else []
    fig.add_trace(go.Scatter(x=months, y=current[value].to_list() if current.height else [], name=current_name,
                             mode="lines+markers", line=dict(color=CURRENT, width=3), customdata=months))
    if previous is not None and previous.height and months:
        shifted = months[-len(previous):] if len(previous) <= len(months) else months
        fig.add_trace(go.Scatter(x=shifted, y=previous[value].to_list()[-len(shifted):], name=previous_name,
                                 mode="lines", line=dict(color=PREVIOUS, width=2, dash="dot"), hoverinfo="skip"))
    fig.update_yaxes(tickformat=".0%" if percent else None, title=y_title, rangemode="tozero")
    return _layout(fig, title)


def volume_bars(frame: pl.DataFrame, x: str, y: str, title: str = "", y_title: str = "") -> go.Figure:
    fig = go.Figure(go.Bar(x=frame[x].to_list(), y=frame[y].to_list(), marker_color=CURRENT,
                           customdata=frame[x].to_list()))
    fig.update_yaxes(title=y_title)
    return _layout(fig, title)


def heatmap(frame: pl.DataFrame, row_label: Callable[[object], str], column_label: Callable[[object], str],
            value: str, title: str = "", max_rows: int = 30, colorbar_title: str = "") -> go.Figure:
    """Rows (agencies or regions) by columns (areas); the value is a rate per 1,000 appeals."""
    rows = (frame.group_by("key").agg(pl.col(value).sum().alias("_total")).sort("_total", descending=True)
            .head(max_rows)["key"].to_list())
    columns = sorted(frame["area"].unique().to_list())
    cells = {(k, a): v for k, a, v in frame.select("key", "area", value).iter_rows()}
    z = [[cells.get((k, a)) for a in columns] for k in rows]
    fig = go.Figure(go.Heatmap(
        z=z, x=[column_label(a) for a in columns], y=[row_label(k) for k in rows], colorscale="OrRd",
        hovertemplate="%{y}<br>%{x}: %{z:.1f}<extra></extra>", colorbar=dict(title=colorbar_title),
    ))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=max(HEIGHT, 24 * len(rows) + 160))


def area_trend_lines(frame: pl.DataFrame, area_label: Callable[[str], str], value: str = "per_1000",
                     title: str = "", y_title: str = "") -> go.Figure:
    fig = go.Figure()
    for i, area in enumerate(sorted(frame["area"].unique().to_list()) if frame.height else []):
        part = frame.filter(pl.col("area") == area).sort("month")
        fig.add_trace(go.Scatter(x=part["month"].to_list(), y=part[value].to_list(), name=area_label(area),
                                 mode="lines+markers", line=dict(color=PALETTE[i % len(PALETTE)]),
                                 customdata=[[area, m] for m in part["month"].to_list()]))
    fig.update_yaxes(title=y_title, rangemode="tozero")
    return _layout(fig, title, height=HEIGHT + 60)


def change_bars(frame: pl.DataFrame, label: Callable[[dict], str], value: str = "change_per_1000",
                title: str = "", x_title: str = "", top: int = 12) -> go.Figure:
    """The biggest changes since the previous period: rises red, falls green; key in customdata."""
    part = frame.head(top).sort(value)
    rows = part.to_dicts()
    fig = go.Figure(go.Bar(
        x=[r[value] for r in rows], y=[label(r) for r in rows], orientation="h",
        marker_color=["#c0392b" if (r[value] or 0) > 0 else "#2e8b57" for r in rows],
        customdata=[r.get("area") for r in rows], hovertemplate="%{y}: %{x:+.1f}<extra></extra>",
    ))
    fig.update_xaxes(title=x_title, zeroline=True)
    return _layout(fig, title, height=max(HEIGHT, 26 * len(rows) + 80))


def stacked_polarity_bars(frame: pl.DataFrame, label: Callable[[str], str], names: Sequence[str],
                          title: str = "", x_title: str = "") -> go.Figure:
    """Per area: negative, positive and neutral evidence as one stacked bar; area in customdata."""
    part = frame.sort("appeals")
    fig = go.Figure()
    for polarity, name, color in zip(("negative", "positive", "neutral"), names, ("#c0392b", "#2e8b57", "#95a5a6")):
        fig.add_trace(go.Bar(x=part[polarity].to_list(), y=[label(a) for a in part["area"].to_list()],
                             orientation="h", name=name, marker_color=color, customdata=part["area"].to_list()))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=x_title)
    return _layout(fig, title, height=max(HEIGHT, 28 * part.height + 80))


def chain_bars(frame: pl.DataFrame, labels: Sequence[str], title: str = "", y_title: str = "") -> go.Figure:
    fig = go.Figure(go.Bar(x=list(labels), y=frame["appeals"].to_list(), marker_color=CURRENT,
                           customdata=frame["redirect_count"].to_list()))
    fig.update_yaxes(title=y_title, type="log")
    return _layout(fig, title)


def backlog_bars(frame: pl.DataFrame, label: Callable[[object], str], title: str = "", x_title: str = "",
                 top: int = 20) -> go.Figure:
    part = frame.head(top).sort("overdue")
    fig = go.Figure(go.Bar(x=part["overdue"].to_list(), y=[label(k) for k in part["agency_key"].to_list()],
                           orientation="h", marker_color="#c0392b", customdata=part["agency_key"].to_list()))
    fig.update_xaxes(title=x_title)
    return _layout(fig, title, height=max(HEIGHT, 24 * part.height + 80))


def baseline_band(frame: pl.DataFrame, names: dict[str, str], alert_month=None, title: str = "") -> go.Figure:
    """A series (bars) with the baseline each month had (dashed) and its prediction interval (band):
    ``frame`` has month, count, expected, lower, upper (null before the series had enough history);
    ``names`` labels count, expected, band and alert."""
    x = [m.strftime("%Y-%m") for m in frame["month"]]
    fitted = frame.filter(pl.col("expected").is_not_null())
    fx = [m.strftime("%Y-%m") for m in fitted["month"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=fx + fx[::-1], y=fitted["upper"].to_list() + fitted["lower"].to_list()[::-1],
                             fill="toself", fillcolor="rgba(31,95,139,0.15)", line=dict(width=0),
                             hoverinfo="skip", name=names["band"]))
    fig.add_trace(go.Bar(x=x, y=frame["count"].to_list(), name=names["count"], marker_color=PREVIOUS))
    fig.add_trace(go.Scatter(x=fx, y=fitted["expected"].to_list(), mode="lines", name=names["expected"],
                             line=dict(color=CURRENT, dash="dash")))
    if alert_month is not None:
        hit = frame.filter(pl.col("month") == alert_month)
        fig.add_trace(go.Scatter(x=[alert_month.strftime("%Y-%m")], y=hit["count"].to_list(), mode="markers",
                                 name=names["alert"], marker=dict(color="#d62728", size=12, symbol="diamond")))
    return _layout(fig, title)
