"""Does the equity analysis find the planted inequity, and how often does it flag a difference the
generator never made? On a sample generated with the plant (sample_data/inequity.py), labelled with
the generator's ground truth (as in tests/training_support.py; not the transformer classifier).

    python bench/equity_plant.py                         # generates 15,000 appeals and builds in a temp folder
    python bench/equity_plant.py --workdir /tmp/w --reuse
    python bench/equity_plant.py --months 24             # the whole sample instead of the latest 12 months
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from insights.equity import equity_report  # noqa: E402
from insights.scope import Filters  # noqa: E402
from insights.training.planning import PlanningRules  # noqa: E402
from sample_data import inequity  # noqa: E402


def snapshot(workdir: Path, reuse: bool, appeals: int) -> Path:
    path = workdir / "tyndau.snapshot.duckdb"
    if not (reuse and path.exists()):
        from sample_data.generate import generate
        from training_support import build_sample_warehouse

        generate(workdir / "sample", n_appeals=appeals)
        path = Path(build_sample_warehouse(workdir, workdir / "sample").resolved_snapshot_path())
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--appeals", type=int, default=15000)
    parser.add_argument("--months", type=int, default=12, help="12: the latest 12 (the default window); 24: all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(snapshot(workdir, args.reuse, args.appeals)), read_only=True)
        f = Filters(date(2024, 1, 1), date(2025, 12, 31)) if args.months == 24 else None
        started = time.perf_counter()
        report = equity_report(con, f, PlanningRules.from_settings())
        seconds = time.perf_counter() - started
        print(f"period {report.period[0]} .. {report.period[1]}; computed in {seconds:.2f} s")
        hidden = report.groups["hidden"].value_counts().sort("hidden").iter_rows()
        print("cells:", ", ".join(f"{why or 'shown'} {n}" for why, n in hidden))
        for name, value in inequity.score(report.national, report.agencies).items():
            print(f"{name}: {value}")


if __name__ == "__main__":
    main()
