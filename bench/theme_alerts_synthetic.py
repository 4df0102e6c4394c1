"""How the early-warning test does on emerging-theme series, where the truth is known by construction:

    python bench/theme_alerts_synthetic.py [--runs 20] [--themes 40] [--appeals 1500]

Each run draws 24 months of appeals (``--appeals`` a month, with a +-25 % season and 2 % growth a
month) split among ``--themes`` themes of unequal size (shares from a Dirichlet(1) draw), each count
negative-binomially overdispersed (variance ``--dispersion`` times the mean, 1.5 by default). In the
last month a rise is planted in six themes: three multiply their expected count by 2, 3 and 5, and
three themes absent until then appear with 5, 10 and 20 appeals. The theme series then go through
:func:`insights.alerts.detect` exactly as the build's (same baseline, same Benjamini-Hochberg family:
every theme in a month). Printed: the planted rises found per kind (with the usual monthly count of
the missed ones) and the false alarms per series-month on the themes with nothing planted.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

MONTHS = 24
MULTIPLIERS = (2.0, 3.0, 5.0)
NEW_THEME_COUNTS = (5, 10, 20)


def draw(rng, themes: int, appeals: int, dispersion: float):
    """(series frame, planted cells {(theme, kind)}) for one run."""
    import numpy as np
    import polars as pl

    months = [date(2024 + m // 12, m % 12 + 1, 1) for m in range(MONTHS)]
    volume = appeals * (1 + 0.25 * np.sin(2 * np.pi * np.arange(MONTHS) / 12)) * 1.02 ** np.arange(MONTHS)
    share = rng.dirichlet(np.ones(themes))
    mean = np.outer(share, volume)                      # themes x months
    newcomer = themes                                   # one more theme, empty until the last month
    mean = np.vstack([mean, np.zeros(MONTHS)])
    planted = {}
    risers = rng.choice(themes, size=len(MULTIPLIERS), replace=False)
    for theme, factor in zip(risers, MULTIPLIERS):
        mean[theme, -1] *= factor
        planted[str(theme)] = (f"x{factor:g}", share[theme] * volume[-1])
    counts = _overdispersed(rng, mean, dispersion)
    rows, last = [], months[-1]
    for n, extra in enumerate(NEW_THEME_COUNTS):
        theme = str(newcomer + n)
        planted[theme] = (f"new theme, {extra} appeals", 0.0)
        rows.append(pl.DataFrame({"area": theme, "month": months, "count": [0] * (MONTHS - 1) + [extra]}))
    own = pl.DataFrame({"area": [str(t) for t in range(themes) for _ in months],
                        "month": months * themes, "count": counts[:themes].ravel().astype(int)})
    frame = pl.concat([own, *rows]).with_columns(pl.col("count").cast(pl.Int64))
    frame = frame.with_columns(exposure=(pl.col("count").sum().over("month") - pl.col("count")).cast(pl.Int64))
    series = frame.select(metric=pl.lit("theme"), agency_key=pl.lit(""), region_key=pl.lit(""), area="area",
                          month="month", count="count", exposure="exposure")
    return series, planted, last


def _overdispersed(rng, mean, dispersion: float):
    """Negative binomial with variance ``dispersion * mean``; Poisson at 1."""
    import numpy as np

    if dispersion <= 1:
        return rng.poisson(mean)
    size = np.maximum(mean, 1e-9) / (dispersion - 1)
    return rng.negative_binomial(size, size / (size + np.maximum(mean, 1e-9)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--themes", type=int, default=40)
    parser.add_argument("--appeals", type=int, default=1500, help="appeals a month with a theme")
    parser.add_argument("--dispersion", type=float, default=1.5, help="variance / mean of every count (1: Poisson)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    import numpy as np
    import polars as pl

    from insights.alerts import AlertRules, detect

    rng = np.random.default_rng(args.seed)
    found: dict[str, list[tuple[bool, float]]] = {}
    clean_tests = clean_alarms = 0
    alarm_months = []
    started = time.perf_counter()
    for _ in range(args.runs):
        series, planted, last = draw(rng, args.themes, args.appeals, args.dispersion)
        tests = detect(series, AlertRules())
        for theme, (kind, usual) in planted.items():
            hit = tests.filter((pl.col("area") == theme) & (pl.col("month") == last))["is_alert"]
            found.setdefault(kind, []).append((bool(hit.any()), usual))
        clean = tests.filter(~pl.col("area").is_in(list(planted)))
        clean_tests += clean.height
        clean_alarms += int(clean["is_alert"].sum())
        alarm_months.extend(clean.filter("is_alert")["month"].to_list())
    seconds = time.perf_counter() - started
    print(f"{args.runs} runs, {args.themes} themes + 3 new, {args.appeals} appeals a month, "
          f"{seconds:.1f} s")
    for kind, hits in found.items():
        missed = sorted(round(float(usual), 1) for hit, usual in hits if not hit)
        print(f"  {kind:<24} found {sum(h for h, _ in hits)} / {len(hits)}"
              + (f"; missed where the usual count was {missed}" if missed and kind.startswith("x") else ""))
    print(f"  false alarms: {clean_alarms} in {clean_tests} series-months = {clean_alarms / max(clean_tests, 1):.5f}"
          f" ({sum(m == last for m in alarm_months)} in the month of the planted rises)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
