"""How well the early-warning alerts do on the bundled sample, where the generator planted five
one-month spikes (sample_data/README.md, "Planted spikes"):

    python bench/alerts_sample.py [--workdir /tmp/alerts-bench] [--reuse]

Builds a warehouse from sample_data/default the way the tests do (the generator's ground-truth
labels through the classifier's write path, so the figures measure the alerts, not the classifier),
runs the detection on every month with enough history (not only the build's latest months), and
prints, per metric, the planted spikes found and the false alarms per series-month on the series
without a planted spike.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/alerts-bench"))
    parser.add_argument("--reuse", action="store_true", help="use the warehouse built by a previous run")
    args = parser.parse_args()
    import duckdb

    from dashboard_support import SHIPPED_SAMPLE, build_warehouse
    from insights.alerts import ALL_AREAS, AlertRules, detect, monthly_series, score_against_planted
    from sample_data.checks import spike_months

    db = args.workdir / "tyndau.duckdb"
    if not (args.reuse and db.exists()):
        shutil.rmtree(args.workdir, ignore_errors=True)
        args.workdir.mkdir(parents=True)
        build_warehouse(args.workdir, source=SHIPPED_SAMPLE)
    con = duckdb.connect(str(db), read_only=True)
    series = monthly_series(con)
    began = time.perf_counter()
    tests = detect(series, AlertRules(), months=sorted(series["month"].unique().to_list()))
    seconds = time.perf_counter() - began
    planted = {("negative", a, area, m) for a, area, m in spike_months()}
    planted |= {("volume", a, ALL_AREAS, m) for a, _, m in spike_months()}
    report = score_against_planted(tests, planted)
    print(f"{series.select('metric', 'agency_key', 'region_key', 'area').unique().height} series, "
          f"{tests.height} series-months tested in {seconds:.1f} s")
    for metric, r in report.items():
        print(f"{metric:9s} planted spikes found {r['found']}/{r['planted']} (missed: {r['missed']}); "
              f"false alarms {r['false_alarms']} in {r['clean_series_months']} series-months without a spike "
              f"= {r['false_alarm_rate']:.5f} per series-month {r['false_alarm_cells']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
