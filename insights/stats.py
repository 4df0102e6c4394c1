"""Fair comparisons: intervals for rates and shrinkage for small counts.

Leadership tables rank agencies by rates; an agency with three appeals must not top
the table by luck. Every rate gets a Wilson interval, and rankings use an empirical-
Bayes estimate that pulls small agencies toward the national rate (beta-binomial
with the prior fitted to all agencies by the method of moments).
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl

Z95 = 1.959963984540054


def wilson_interval(successes: float, trials: float, z: float = Z95) -> tuple[float, float]:
    successes, trials = float(successes or 0), float(trials or 0)
    if trials <= 0:
        return (float("nan"), float("nan"))
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def beta_prior(successes: pl.Series, trials: pl.Series) -> tuple[float, float]:
    """Method-of-moments Beta(a, b) fitted to the groups' rates (weighted by size)."""
    mask = trials > 0
    s, n = successes.filter(mask).cast(pl.Float64), trials.filter(mask).cast(pl.Float64)
    if n.len() == 0 or n.sum() == 0:
        return (1.0, 1.0)
    mean = s.sum() / n.sum()
    rates = s / n
    var = float(((rates - mean) ** 2 * n).sum() / n.sum())
    binomial_part = mean * (1 - mean) * float((1 / n).mean())
    between = max(var - binomial_part, 1e-6)
    if mean <= 0 or mean >= 1:
        return (max(mean, 1e-3) * 10, max(1 - mean, 1e-3) * 10)
    strength = max(mean * (1 - mean) / between - 1, 1.0)
    return (mean * strength, (1 - mean) * strength)


def add_rate_columns(frame: pl.DataFrame, successes: str, trials: str, prefix: str) -> pl.DataFrame:
    """rate, Wilson low/high, shrunk rate (empirical Bayes toward the overall rate)."""
    a, b = beta_prior(frame[successes], frame[trials])
    intervals = [wilson_interval(s, n) for s, n in zip(frame[successes].to_list(), frame[trials].to_list())]
    return frame.with_columns(
        (pl.col(successes) / pl.col(trials)).alias(f"{prefix}_rate"),
        pl.Series(f"{prefix}_low", [i[0] for i in intervals], dtype=pl.Float64),
        pl.Series(f"{prefix}_high", [i[1] for i in intervals], dtype=pl.Float64),
        shrunk_rate(pl.col(successes), pl.col(trials), a, b).alias(f"{prefix}_shrunk"),
    )


def shrunk_rate(successes, trials, a, b):
    """Posterior mean of a rate under the Beta(a, b) prior: the empirical-Bayes estimate. Works on
    numbers, numpy arrays and polars expressions alike."""
    return (successes + a) / (trials + a + b)


def quantile_from_histogram(days: list[int], counts: list[int], q: float) -> float | None:
    """Exact quantile (lower) of whole days from a histogram of counts."""
    total = sum(counts)
    if total == 0:
        return None
    target = q * (total - 1)
    running = 0
    for day, n in sorted(zip(days, counts)):
        running += n
        if running - 1 >= target:
            return float(day)
    return float(max(days))


def beta_posterior_interval(successes, trials, a: float, b: float, level: float = 0.95):
    """Credible interval of a rate under the Beta(a, b) prior: the interval that goes with a shrunk rate
    (a Wilson interval is centred on the raw rate, so it can miss the shrunk estimate of a small group).
    Takes numbers or numpy arrays (one call for a whole table: the dashboard's latency budget)."""
    from scipy.stats import beta

    s, n = np.asarray(successes, dtype=float), np.asarray(trials, dtype=float)
    tail = (1 - level) / 2
    return beta.ppf(tail, a + s, b + n - s), beta.ppf(1 - tail, a + s, b + n - s)


def posterior_exceedance(successes, trials, a: float, b: float, threshold):
    """P(true rate > threshold) under the Beta(a, b) prior: how sure it is that a group is worse than
    the reference, which is what a planner weighs a gap by. Numbers or numpy arrays."""
    from scipy.stats import beta

    s, n = np.asarray(successes, dtype=float), np.asarray(trials, dtype=float)
    return beta.sf(threshold, a + s, b + n - s)


def proportion_variance(successes: float, trials: float) -> float:
    """Binomial variance of an observed proportion (0 for an empty cell, which then adds no information)."""
    if not trials:
        return 0.0
    p = successes / trials
    return p * (1 - p) / trials


def difference_in_differences(treated_before: tuple[float, float], treated_after: tuple[float, float],
                              control_before: tuple[float, float], control_after: tuple[float, float],
                              z: float = Z95) -> dict[str, float]:
    """(after - before) of the treated minus the same for the controls, each cell (successes, trials),
    with an analytic normal interval from the four independent binomial variances."""
    cells = (treated_before, treated_after, control_before, control_after)
    if any(not n for _, n in cells):
        nan = float("nan")
        return {"effect": nan, "low": nan, "high": nan, "se": nan}
    tb, ta, cb, ca = (s / n for s, n in cells)
    effect = (ta - tb) - (ca - cb)
    se = math.sqrt(sum(proportion_variance(s, n) for s, n in cells))
    return {"effect": effect, "low": effect - z * se, "high": effect + z * se, "se": se}
