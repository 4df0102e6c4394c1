"""Early warning: months in which an agency's appeals, its complaints about one area, or the
appeals of one emerging theme rose beyond what their own history predicts.

**Series.** Per agency and region, the monthly count of appeals (metric ``volume``) and, per
competency area, of appeals with negative evidence on it (metric ``negative``), zeros included,
from the agency's first month with appeals on (``mart_responsiveness``, ``mart_area_cube``). Per
emerging theme (metric ``theme``, country-wide: ``agency_key`` and ``region_key`` empty, ``area``
the theme's number), the monthly count of appeals in the theme, zeros included, from the first
month any appeal has a theme (``mart_topic_monthly``): a theme that did not exist before is a
history of zeros, which is what makes its arrival a rise. Its exposure is the appeals of every
other theme that month, so the share of texts embedded and the season cancel out as they do for
agencies.

**Baseline** (one fit per series and month, on the months before it only). A quasi-Poisson GLM
of the count (statsmodels for the trend; without one, the intercept-only model's estimate is the
ratio of counts to exposure, computed directly) with ``log(appeals to every other agency that month)`` as offset:
the country's volume carries the season (winter heating, summer holidays) and the growth of the
whole system, so a series needs no month-of-year terms of its own (two years of history could not
estimate twelve of them per series). A linear trend is kept when it is significant (5 %). As in
the improved Farrington method (Noufaily et al., 2013), months with large (Poisson) Anscombe residuals
(past outbreaks) are down-weighted (weight ``s**-2`` above 2.58) and the model refitted, and the
overdispersion ``phi`` (at least 1) makes the prediction a negative binomial with mean ``expected``
and variance ``phi * expected``. A series with fewer than ``MIN_EVENTS_FOR_GLM`` events in its
history cannot carry a regression: its baseline is its history's rate per other appeal (plus a
half event, so an empty history is not a rate of zero), Poisson.

**Decision.** ``p_value`` = P(count >= observed) under the prediction. Every series with enough
history is one test per month; the p-values of one metric in one month are adjusted together
(Benjamini-Hochberg, false discovery rate ``fdr``), so among a month's alerts of a metric about
``fdr`` are expected to be false, however many series there are. A count below ``min_count`` is never an alert (its test
counts with p = 1, which keeps the adjustment honest), and an alert needs ``q_value <= fdr``.
``lower``/``upper`` are the central ``band`` prediction interval, shown on the chart: a count
above ``upper`` that is not an alert is what the adjustment for many series filters out.

Nothing here writes to the warehouse: ``mart_alerts`` (a Python model) calls :func:`detect` at
build time; the acknowledgements and deliveries the pages and the digest read are kept by
:mod:`warehouse.alert_state`.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import polars as pl

from warehouse.taxonomy import area_ids

METRICS = ("negative", "volume", "theme")
ALL_AREAS = ""                       # the area of a volume series: every appeal, whatever its content
COUNTRY = ""                         # the agency and region of a theme series: every agency, the whole country
THEME_LANGUAGES = ("kk", "ru", "en")
SERIES_KEY = ("metric", "agency_key", "region_key", "area")
MIN_EVENTS_FOR_GLM = 5
TREND_P = 0.05
OUTLIER_RESIDUAL = 2.58
EXAMPLES = 3


@dataclass(frozen=True)
class AlertRules:
    fdr: float = 0.05
    min_count: int = 3
    min_history_months: int = 12
    history_months: int = 36
    months: int = 12                 # the latest months the build looks at
    band: float = 0.95

    @classmethod
    def from_settings(cls, settings) -> "AlertRules":
        return cls(**{name: getattr(settings, f"alert_{name}") for name in SETTING_NAMES})

    @classmethod
    def from_build(cls, con: duckdb.DuckDBPyConnection) -> "AlertRules":
        """Inside ``tyndau build``, where every numeric setting is a SQL variable."""
        values = {name: con.execute("select getvariable(?)", [f"alert_{name}"]).fetchone()[0] for name in SETTING_NAMES}
        return cls(**{k: v for k, v in values.items() if v is not None})


SETTING_NAMES = ("fdr", "min_count", "min_history_months", "history_months", "months")


@dataclass(frozen=True)
class Baseline:
    expected: float
    dispersion: float
    trend: bool
    model: str                       # glm | rate


# ---------------------------------------------------------------- series


def monthly_series(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per series and month: ``count`` and ``exposure`` (the same count of every other agency,
    or theme)."""
    return pl.concat([agency_series(con), theme_series(con)]).sort(*SERIES_KEY, "month")


SERIES_SCHEMA = {**{k: pl.Utf8 for k in SERIES_KEY}, "month": pl.Date, "count": pl.Int64, "exposure": pl.Int64}


def agency_series(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    volume = con.execute("""
        select agency_key, region_key, registered_month as month, sum(appeals)::bigint as count
        from mart_responsiveness group by all""").pl()
    if volume.height == 0:
        return pl.DataFrame(schema=SERIES_SCHEMA)
    negative = con.execute("""
        select agency_key, region_key, area, registered_month as month, sum(appeals)::bigint as count
        from mart_area_cube where polarity = 'negative' group by all""").pl()
    months = pl.date_range(volume["month"].min(), volume["month"].max(), "1mo", eager=True).alias("month")
    national = volume.group_by("month").agg(pl.col("count").sum().alias("national"))
    starts = volume.group_by("agency_key", "region_key").agg(pl.col("month").min().alias("first"))
    cells = (starts.join(months.to_frame(), how="cross").filter(pl.col("month") >= pl.col("first")).drop("first"))
    own = cells.join(volume, on=["agency_key", "region_key", "month"], how="left").with_columns(
        pl.col("count").fill_null(0))
    areas = pl.DataFrame({"area": list(area_ids())})
    complaints = (cells.join(areas, how="cross")
                  .join(negative, on=["agency_key", "region_key", "area", "month"], how="left")
                  .with_columns(pl.col("count").fill_null(0), metric=pl.lit("negative")))
    exposure = own.join(national, on="month").select(
        "agency_key", "region_key", "month", (pl.col("national") - pl.col("count")).alias("exposure"))
    both = pl.concat([own.with_columns(metric=pl.lit("volume"), area=pl.lit(ALL_AREAS)),
                      complaints], how="diagonal")
    return (both.join(exposure, on=["agency_key", "region_key", "month"])
            .select(*SERIES_KEY, "month", pl.col("count").cast(pl.Int64), pl.col("exposure").cast(pl.Int64)))


def theme_series(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Per theme, its appeals per month against those of every other theme that month, zeros
    included. Empty until `tyndau topics build` has stored vectors."""
    monthly = con.execute("""select theme_no::varchar as area, registered_month as month, appeals::bigint as count
                             from mart_topic_monthly""").pl()
    if monthly.height == 0:
        return pl.DataFrame(schema=SERIES_SCHEMA)
    months = pl.date_range(monthly["month"].min(), monthly["month"].max(), "1mo", eager=True).alias("month")
    cells = monthly.select("area").unique().join(months.to_frame(), how="cross")
    own = cells.join(monthly, on=["area", "month"], how="left").with_columns(pl.col("count").fill_null(0))
    total = pl.col("count").sum().over("month")
    return own.select(metric=pl.lit("theme"), agency_key=pl.lit(COUNTRY), region_key=pl.lit(COUNTRY),
                      area="area", month="month", count=pl.col("count").cast(pl.Int64),
                      exposure=(total - pl.col("count")).cast(pl.Int64))


# ---------------------------------------------------------------- the baseline of one month


def baseline(counts: np.ndarray, exposure: np.ndarray, exposure_now: float) -> Baseline:
    """The expected count of the next month from the months before it (see the module's text)."""
    counts, exposure = np.asarray(counts, float), np.maximum(np.asarray(exposure, float), 1.0)
    now = max(float(exposure_now), 1.0)
    if counts.sum() < MIN_EVENTS_FOR_GLM:
        return Baseline((counts.sum() + 0.5) / exposure.sum() * now, 1.0, False, "rate")
    fit = _fit(counts, exposure, None)
    weights = _outbreak_weights(counts, fit.fitted)
    if weights is not None:
        fit = _fit(counts, exposure, weights)
    expected = fit.rate_at(len(counts)) * now
    if fit.trend:  # a trend may not carry the baseline beyond anything the series has shown (Farrington)
        expected = min(expected, float(np.max(counts / exposure)) * now)
    return Baseline(expected, fit.dispersion, fit.trend, "glm")


@dataclass(frozen=True)
class _Fit:
    params: np.ndarray               # log rate per other appeal: intercept (and trend per month)
    fitted: np.ndarray
    dispersion: float

    @property
    def trend(self) -> bool:
        return len(self.params) == 2

    def rate_at(self, month: int) -> float:
        return float(np.exp(self.params[0] + (self.params[1] * month if self.trend else 0.0)))


def _fit(counts: np.ndarray, exposure: np.ndarray, weights: np.ndarray | None) -> _Fit:
    """Intercept and trend (statsmodels' GLM); without a significant trend, the intercept-only
    quasi-Poisson model, whose estimate is the (weighted) ratio of counts to exposure exactly."""
    w = np.ones_like(counts) if weights is None else weights
    if len(counts) >= 4:
        from statsmodels.genmod import families
        from statsmodels.genmod.generalized_linear_model import GLM

        design = np.column_stack([np.ones_like(counts), np.arange(len(counts), dtype=float)])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a near-empty history warns about convergence; the test below decides
            fit = GLM(counts, design, family=families.Poisson(), offset=np.log(exposure), var_weights=w).fit(scale="X2")
        if np.isfinite(fit.pvalues[1]) and fit.pvalues[1] < TREND_P:
            return _Fit(np.asarray(fit.params), np.asarray(fit.fittedvalues), _dispersion(counts, fit.fittedvalues, w, 2))
    rate = float((w * counts).sum() / (w * exposure).sum())
    fitted = rate * exposure
    return _Fit(np.array([np.log(rate)]), fitted, _dispersion(counts, fitted, w, 1))


def _dispersion(counts, fitted, weights, params: int) -> float:
    """Pearson's chi-square over the residual degrees of freedom, never below 1 (Poisson)."""
    df = len(counts) - params
    if df <= 0:
        return 1.0
    return max(1.0, float((weights * (counts - fitted) ** 2 / np.maximum(fitted, 1e-9)).sum() / df))


def _outbreak_weights(counts: np.ndarray, fitted: np.ndarray) -> np.ndarray | None:
    """Farrington's down-weighting of past outbreaks (Anscombe residuals above 2.58); None when no
    month stands out."""
    mu = np.maximum(fitted, 1e-9)
    residuals = 1.5 * (np.cbrt(counts) ** 2 - np.cbrt(mu) ** 2) / np.cbrt(mu) ** 0.5
    if not np.any(residuals > OUTLIER_RESIDUAL):
        return None
    return np.where(residuals > OUTLIER_RESIDUAL, np.maximum(residuals, 1e-9) ** -2.0, 1.0)


def exceedance(observed: int, b: Baseline) -> float:
    """P(count >= observed) under the predictive distribution."""
    if observed <= 0:
        return 1.0
    dist, args = _distribution(b)
    return float(dist.sf(observed - 1, *args))


def band(b: Baseline, level: float = 0.95) -> tuple[float, float]:
    dist, args = _distribution(b)
    tail = (1 - level) / 2
    return float(dist.ppf(tail, *args)), float(dist.ppf(1 - tail, *args))


def _distribution(b: Baseline):
    """Poisson, or the negative binomial with variance ``dispersion * expected``."""
    from scipy import stats

    mean = max(b.expected, 1e-9)
    if b.dispersion <= 1.0 + 1e-6:
        return stats.poisson, (mean,)
    size = mean / (b.dispersion - 1.0)
    return stats.nbinom, (size, size / (size + mean))


# ---------------------------------------------------------------- detection over every series


def detect(series: pl.DataFrame, rules: AlertRules = AlertRules(), months: list[date] | None = None) -> pl.DataFrame:
    """Every test of ``months`` (default: the latest ``rules.months``) with its baseline, p- and
    q-value and ``is_alert``. Counts below ``min_count`` are tests with p = 1 and no fit."""
    if series.height == 0:
        return _empty_tests()
    all_months = sorted(series["month"].unique().to_list())
    wanted = set(months if months is not None else all_months[-rules.months:])
    rows = []
    for key, frame in series.group_by(SERIES_KEY, maintain_order=True):
        counts, exposure, when = frame["count"].to_numpy(), frame["exposure"].to_numpy(), frame["month"].to_list()
        for t in range(rules.min_history_months, len(when)):
            if when[t] in wanted:
                rows.append(_test(key, when[t], counts, exposure, t, rules))
    if not rows:
        return _empty_tests()
    tests = pl.DataFrame(rows, schema=TEST_SCHEMA, orient="row")
    return _adjusted(tests, rules)


TEST_SCHEMA = {"metric": pl.Utf8, "agency_key": pl.Utf8, "region_key": pl.Utf8, "area": pl.Utf8, "month": pl.Date,
               "observed": pl.Int64, "expected": pl.Float64, "lower": pl.Float64, "upper": pl.Float64,
               "dispersion": pl.Float64, "has_trend": pl.Boolean, "baseline_model": pl.Utf8,
               "history_months": pl.Int64, "p_value": pl.Float64}


def _test(key, month, counts, exposure, t, rules: AlertRules) -> tuple:
    observed = int(counts[t])
    first = max(0, t - rules.history_months)
    if observed < rules.min_count:
        return (*key, month, observed, None, None, None, None, None, None, t - first, 1.0)
    b = baseline(counts[first:t], exposure[first:t], float(exposure[t]))
    low, high = band(b, rules.band)
    return (*key, month, observed, b.expected, low, high, b.dispersion, b.trend, b.model, t - first,
            exceedance(observed, b))


def _adjusted(tests: pl.DataFrame, rules: AlertRules) -> pl.DataFrame:
    """Benjamini-Hochberg within each metric and month (a digest's volume alerts and its complaint
    alerts are two families: a thousand complaint series must not drown the seventy volume series)."""
    from statsmodels.stats.multitest import multipletests

    parts = []
    for _, month in tests.group_by("metric", "month", maintain_order=True):
        q = multipletests(month["p_value"].to_numpy(), method="fdr_bh")[1]
        parts.append(month.with_columns(q_value=pl.Series(q, dtype=pl.Float64), tests_in_month=pl.lit(month.height)))
    out = pl.concat(parts)
    alert = ((pl.col("q_value") <= rules.fdr) & (pl.col("observed") >= rules.min_count)
             & (pl.col("observed") > pl.col("expected")))
    return out.with_columns(is_alert=alert.fill_null(False))


def _empty_tests() -> pl.DataFrame:
    return pl.DataFrame(schema={**TEST_SCHEMA, "q_value": pl.Float64, "tests_in_month": pl.Int32,
                                "is_alert": pl.Boolean})


def alert_id(metric: str, agency_key: str, region_key: str, area: str, month: date) -> str:
    """Stable across builds, so an acknowledgement or a delivery stays attached to its alert."""
    raw = "|".join((metric, agency_key, region_key, area, month.isoformat()))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def with_ids(alerts: pl.DataFrame) -> pl.DataFrame:
    ids = [alert_id(*r) for r in alerts.select(*SERIES_KEY, "month").iter_rows()]
    return alerts.with_columns(alert_id=pl.Series(ids, dtype=pl.Utf8))


def examples(con: duckdb.DuckDBPyConnection, alerts: pl.DataFrame) -> pl.DataFrame:
    """Up to ``EXAMPLES`` appeal ids behind each alert: the clearest complaints on the area, (volume)
    the month's appeals that carry a complaint first, or (theme) the month's appeals closest to the
    theme's centre. Ids only: texts are read on the page, by roles that may read them, through the
    audited text views."""
    if alerts.height == 0:
        return alerts.with_columns(example_ids=pl.lit([], dtype=pl.List(pl.Utf8)))
    con.register("_alert_cells", alerts.select("alert_id", *SERIES_KEY, "month").to_arrow())
    try:
        found = con.execute(f"""
            with negative as (
                select c.alert_id, f.appeal_id, f.score as weight
                from _alert_cells c join fct_appeal_areas f
                  on c.metric = 'negative' and f.agency_key = c.agency_key and f.region_key = c.region_key
                 and f.area = c.area and f.registered_month = c.month and f.polarity = 'negative'
            ),
            volume as (
                select c.alert_id, a.appeal_id,
                       (select count(*) from fct_appeal_areas f where f.appeal_id = a.appeal_id
                        and f.polarity = 'negative')::double as weight
                from _alert_cells c join fct_appeals a
                  on c.metric = 'volume' and a.agency_key = c.agency_key and a.region_key = c.region_key
                 and a.registered_month = c.month
            ),
            theme as (
                select c.alert_id, m.appeal_id, m.similarity as weight
                from _alert_cells c join fct_topic_members m
                  on c.metric = 'theme' and m.theme_no::varchar = c.area
                join fct_appeals a on a.appeal_id = m.appeal_id and a.registered_month = c.month
            ),
            ranked as (
                select *, row_number() over (partition by alert_id order by weight desc nulls last, appeal_id) as n
                from (select * from negative union all select * from volume union all select * from theme)
            )
            select alert_id, list(appeal_id order by n) as example_ids from ranked
            where n <= {EXAMPLES} group by alert_id""").pl()
    finally:
        con.unregister("_alert_cells")
    return alerts.join(found, on="alert_id", how="left").with_columns(
        pl.col("example_ids").fill_null(pl.lit([], dtype=pl.List(pl.Utf8))))


def compute_alerts(con: duckdb.DuckDBPyConnection, rules: AlertRules) -> pl.DataFrame:
    """The alerts of the latest ``rules.months`` with their evidence: what ``mart_alerts`` stores."""
    tests = detect(monthly_series(con), rules)
    alerts = with_ids(tests.filter(pl.col("is_alert")).drop("is_alert"))
    return with_theme_names(con, examples(con, alerts)).select(ALERT_COLUMNS)


ALERT_COLUMNS = ("alert_id", *SERIES_KEY, "month", "observed", "expected", "lower", "upper", "p_value", "q_value",
                 "tests_in_month", "dispersion", "has_trend", "baseline_model", "history_months", "example_ids",
                 "theme_names")
NAME_TYPE = pl.Struct({"label": pl.Utf8, "label_language": pl.Utf8})
THEME_NAMES_TYPE = pl.Struct({lang: NAME_TYPE for lang in THEME_LANGUAGES})


def with_theme_names(con: duckdb.DuckDBPyConnection, alerts: pl.DataFrame) -> pl.DataFrame:
    """A theme alert's subject, its theme's name in each interface language (null for other alerts).

    Stored with the alert rather than joined when read: the page, the CLI, the API and the digest
    read one row and name it alike, and the name is that of the themes the alert was computed on
    (both are rebuilt together, by `tyndau build` and by `tyndau topics build`)."""
    names: dict[str, dict] = {}
    for theme_no, lang, label, label_language in con.execute(
            "select theme_no::varchar, lang, label, label_language from mart_topic_names").fetchall():
        names.setdefault(theme_no, {})[lang] = {"label": label, "label_language": label_language}
    column = [names.get(area) if metric == "theme" else None
              for metric, area in alerts.select("metric", "area").iter_rows()]
    return alerts.with_columns(theme_names=pl.Series(column, dtype=THEME_NAMES_TYPE))


def score_against_planted(tests: pl.DataFrame, planted: set[tuple[str, str, str, date]]) -> dict[str, dict]:
    """Per metric, how :func:`detect`'s tests fare against known rises ``(metric, agency, area, month)``:
    planted cells tested and found, and false alarms per series-month on the series with no planted
    rise at all (a rise's own series is left out: its other months sit beside an outbreak)."""
    cells = tests.with_columns(pl.struct("metric", "agency_key", "area", "month").map_elements(
        lambda r: tuple(r.values()) in planted, return_dtype=pl.Boolean).alias("is_planted"))
    spiked = {(m, a, area) for m, a, area, _ in planted}
    report = {}
    for metric in METRICS:
        mine = cells.filter(pl.col("metric") == metric)
        hits = mine.filter("is_planted")
        clean = mine.filter(~pl.struct("metric", "agency_key", "area").map_elements(
            lambda r: tuple(r.values()) in spiked, return_dtype=pl.Boolean))
        report[metric] = {
            "planted": hits.height, "found": int(hits["is_alert"].sum()),
            "missed": hits.filter(~pl.col("is_alert")).select("agency_key", "area", "month").rows(),
            "clean_series_months": clean.height, "false_alarms": int(clean["is_alert"].sum()),
            "false_alarm_rate": float(clean["is_alert"].mean()) if clean.height else None,
            "false_alarm_cells": clean.filter("is_alert").select("agency_key", "area", "month").rows()}
    return report


# ---------------------------------------------------------------- reading the stored alerts

STATUSES = ("new", "sent", "acknowledged")


def alert_list(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every stored alert, newest month first and clearest first, with its state: ``acknowledged``
    (by whom, when), else ``sent`` (in a digest), else ``new``."""
    return con.execute("""
        select a.*, k.acknowledged_by, k.acknowledged_at,
               (select max(d.sent_at) from alert_deliveries d where d.alert_id = a.alert_id) as sent_at,
               case when k.alert_id is not null then 'acknowledged'
                    when exists (select 1 from alert_deliveries d where d.alert_id = a.alert_id) then 'sent'
                    else 'new' end as status
        from mart_alerts a left join alert_acknowledgements k using (alert_id)
        order by a.month desc, a.q_value, a.p_value, a.alert_id""").pl()


def undelivered(con: duckdb.DuckDBPyConnection, channel: str) -> pl.DataFrame:
    """Alerts not acknowledged and not yet sent on this channel: what the next digest holds."""
    alerts = alert_list(con)
    sent = {r[0] for r in con.execute("select alert_id from alert_deliveries where channel = ?", [channel]).fetchall()}
    return alerts.filter(pl.col("acknowledged_by").is_null() & ~pl.col("alert_id").is_in(list(sent)))


EXPORT_COLUMNS = ("alert_id", "month", "metric", "agency_key", "agency", "region", "area_name", "observed",
                  "expected", "lower", "upper", "p_value", "q_value", "status", "acknowledged_by",
                  "acknowledged_at", "example_ids")


def alerts_for_export(alerts: pl.DataFrame, where, measure) -> pl.DataFrame:
    """Flat columns in a fixed order with names in the caller's language (ids kept for scripts):
    ``where(row)`` gives the (agency, region) names, ``measure(row)`` what rose."""
    rows = alerts.to_dicts()
    places = [where(r) for r in rows]
    named = alerts.with_columns(
        agency=pl.Series([p[0] for p in places], dtype=pl.Utf8),
        region=pl.Series([p[1] for p in places], dtype=pl.Utf8),
        area_name=pl.Series([measure(r) for r in rows], dtype=pl.Utf8),
        example_ids=pl.col("example_ids").list.join("; "))
    return named.select(EXPORT_COLUMNS)


def series_with_band(con: duckdb.DuckDBPyConnection, metric: str, agency_key: str, region_key: str, area: str,
                     rules: AlertRules = AlertRules()) -> pl.DataFrame:
    """One series month by month with the baseline each month had (from the months before it) and
    its prediction interval: the chart behind an alert."""
    series = monthly_series(con).filter((pl.col("metric") == metric) & (pl.col("agency_key") == agency_key)
                                        & (pl.col("region_key") == region_key) & (pl.col("area") == area))
    counts, exposure = series["count"].to_numpy(), series["exposure"].to_numpy()
    expected, lower, upper = [], [], []
    for t in range(series.height):
        if t < rules.min_history_months:
            expected.append(None), lower.append(None), upper.append(None)
            continue
        first = max(0, t - rules.history_months)
        b = baseline(counts[first:t], exposure[first:t], float(exposure[t]))
        low, high = band(b, rules.band)
        expected.append(b.expected), lower.append(low), upper.append(high)
    return series.select("month", "count").with_columns(
        expected=pl.Series(expected, dtype=pl.Float64), lower=pl.Series(lower, dtype=pl.Float64),
        upper=pl.Series(upper, dtype=pl.Float64))
