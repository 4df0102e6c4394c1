"""Charts of the training planners' pages: plain functions from polars frames (and translated labels)
to plotly figures, like :mod:`dashboard.charts` (whose layout they share). No streamlit here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import CURRENT, HEIGHT, PALETTE, PREVIOUS, _layout


def gap_bars(frame: pl.DataFrame, label: Callable[[str], str], x_title: str = "") -> go.Figure:
    """An agency's gaps per area in percentage points with their 95 % interval; zero = the national rate."""
    frame = frame.sort("gap_score")
    values = [100 * v for v in frame["gap_score"].to_list()]
    fig = go.Figure(go.Bar(
        x=values, y=[label(a) for a in frame["area"].to_list()], orientation="h", customdata=frame["area"].to_list(),
        marker_color=[CURRENT if v > 0 else PREVIOUS for v in values],
        error_x=dict(type="data", symmetric=False,
                     array=[100 * h - v for h, v in zip(frame["gap_high"].to_list(), values)],
                     arrayminus=[v - 100 * lo for lo, v in zip(frame["gap_low"].to_list(), values)]),
        hovertemplate="%{y}: %{x:+.1f} pp<extra></extra>",
    ))
    fig.add_vline(x=0, line_color="#888")
    fig.update_xaxes(title=x_title, ticksuffix=" pp")
    return _layout(fig, height=max(HEIGHT, 26 * frame.height + 80))


def score_matrix(frame: pl.DataFrame, area_label: Callable[[str], str], group_label: Callable[[str], str],
                 groups: Sequence[str], hidden_text: str) -> go.Figure:
    """Mean 360-degree score per area (rows) and rater group (columns); hidden groups are blank cells."""
    areas = sorted(frame["area"].unique().to_list(), key=area_label)
    cell = {(r["area"], r["rater_group"]): r for r in frame.iter_rows(named=True)}
    z, text = [], []
    for area in areas:
        row_z, row_t = [], []
        for group in groups:
            r = cell.get((area, group))
            score = r["mean_score"] if r and not r["is_suppressed"] else None
            row_z.append(score)
            row_t.append(f"{score:.2f}" if score is not None else (hidden_text if r else ""))
        z.append(row_z)
        text.append(row_t)
    fig = go.Figure(go.Heatmap(z=z, x=[group_label(g) for g in groups], y=[area_label(a) for a in areas], text=text,
                               texttemplate="%{text}", zmin=1, zmax=5, colorscale="RdYlGn", hoverongaps=False,
                               colorbar=dict(title="1-5")))
    return _layout(fig, height=max(HEIGHT, 30 * len(areas) + 100))


def self_vs_others(frame: pl.DataFrame, area_label: Callable[[str], str], self_name: str, others_name: str,
                   target: float, target_name: str) -> go.Figure:
    """Per area, the self-rating and everyone else's mean joined by a line: the self-versus-others gap."""
    frame = frame.filter(pl.col("others_score").is_not_null()).sort("others_score")
    names = [area_label(a) for a in frame["area"].to_list()]
    fig = go.Figure()
    for name, s, o in zip(names, frame["self_score"].to_list(), frame["others_score"].to_list()):
        if s is not None:
            fig.add_trace(go.Scatter(x=[o, s], y=[name, name], mode="lines", line=dict(color="#bbb"),
                                     showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=frame["others_score"].to_list(), y=names, mode="markers", name=others_name,
                             marker=dict(color=CURRENT, size=11)))
    fig.add_trace(go.Scatter(x=frame["self_score"].to_list(), y=names, mode="markers", name=self_name,
                             marker=dict(color=PALETTE[1], size=11, symbol="diamond")))
    fig.add_vline(x=target, line_dash="dash", line_color="#888", annotation_text=target_name)
    fig.update_xaxes(range=[1, 5.1])
    return _layout(fig, height=max(HEIGHT, 28 * len(names) + 100))


def plan_cost_bars(table: pl.DataFrame, agency_label: Callable[[str], str], course_label: Callable[[str], str],
                   x_title: str = "") -> go.Figure:
    """Cost of the plan per agency, one colour per course, the legend naming courses by title."""
    fig = go.Figure()
    for i, course in enumerate(sorted(table["course_id"].unique().to_list())):
        part = table.filter(pl.col("course_id") == course)
        name = course_label(course)
        fig.add_trace(go.Bar(x=part["cost"].to_list(), y=[agency_label(a) for a in part["agency_key"].to_list()],
                             orientation="h", name=name, marker_color=PALETTE[i % len(PALETTE)],
                             hovertemplate=name + ": %{x:,.0f} KZT<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=x_title, tickformat=",.0f")
    return _layout(fig, height=max(HEIGHT, 30 * table["agency_key"].n_unique() + 100))


def impact_lines(series: pl.DataFrame, session_month: date, names: dict[str, str], session_name: str) -> go.Figure:
    """Monthly share of appeals with negative evidence, the trained agency against the comparison."""
    fig = go.Figure()
    for group, color in (("treated", CURRENT), ("comparison", PALETTE[1])):
        part = series.filter(pl.col("group") == group)
        fig.add_trace(go.Scatter(x=part["evidence_month"].to_list(), y=part["rate"].to_list(), name=names[group],
                                 mode="lines+markers", line=dict(color=color, width=3),
                                 customdata=part["appeals"].to_list(),
                                 hovertemplate="%{x|%Y-%m}: %{y:.1%} (n=%{customdata})<extra></extra>"))
    fig.add_shape(type="line", x0=session_month, x1=session_month, y0=0, y1=1, yref="paper",
                  line=dict(dash="dash", color="#888"))
    fig.add_annotation(x=session_month, y=1, yref="paper", text=session_name, showarrow=False, yanchor="bottom")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return _layout(fig)


def effect_dots(frame: pl.DataFrame, label: Callable[[dict], str], x_title: str = "") -> go.Figure:
    """Each measured effect with its 95 % interval; left of zero, the gap closed more than elsewhere."""
    frame = frame.filter(~pl.col("effect").is_nan())
    rows = list(frame.iter_rows(named=True))
    fig = go.Figure(go.Scatter(
        x=[100 * r["effect"] for r in rows], y=[label(r) for r in rows], mode="markers",
        marker=dict(size=10, color=[CURRENT if r["is_significant"] else PREVIOUS for r in rows]),
        error_x=dict(type="data", symmetric=False, array=[100 * (r["effect_high"] - r["effect"]) for r in rows],
                     arrayminus=[100 * (r["effect"] - r["effect_low"]) for r in rows]),
        hovertemplate="%{y}: %{x:+.1f} pp<extra></extra>"))
    fig.add_vline(x=0, line_color="#888")
    fig.update_xaxes(title=x_title, ticksuffix=" pp")
    return _layout(fig, height=max(HEIGHT, 24 * len(rows) + 80))
