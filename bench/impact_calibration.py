"""How often the training-impact page cries wolf, and whether it still finds the planted effect, on
the committed sample (sample_data/default) labelled with the generator's ground truth (as in
tests/training_support.py; not the transformer classifier).

    python bench/impact_calibration.py                      # builds a warehouse in a temporary folder
    python bench/impact_calibration.py --workdir /tmp/w --reuse

The 48 background sessions (S-0001 ... S-0048) change nothing by construction
(sample_data/README.md), so every one of them flagged is a false alarm. "Before" is the previous
rule (the binomial 95 % interval of pooled shares excludes zero, each effect on its own); "after"
is the page's rule (interval widened for correlated months, Benjamini-Hochberg across every effect
shown)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from insights import stats
from insights.training import impact  # noqa: E402
from insights.training.planning import PlanningRules  # noqa: E402
from sample_data import scenario as sc  # noqa: E402


def snapshot(workdir: Path, reuse: bool) -> Path:
    path = workdir / "tyndau.snapshot.duckdb"
    if not (reuse and path.exists()):
        from training_support import build_sample_warehouse

        path = Path(build_sample_warehouse(workdir).resolved_snapshot_path())
    return path


def report(effects: pl.DataFrame, seconds: float, agency_effects: pl.DataFrame) -> None:
    measured = effects.filter(~pl.col("is_unmeasured"))
    background = measured.filter(pl.col("session_id") < f"S-{sc.TRAINING_EFFECT.first_session_id:04d}")
    old_rule = (background["effect"].abs() > stats.Z95 * background["naive_se"])
    tests = measured.select(impact.TREATMENT).unique().height
    print(f"effects measured: {measured.height} ({tests} distinct treatments = tests); computed in {seconds:.2f} s")
    print(f"background effects measured: {background.height}")
    print(f"  flagged before (binomial interval alone): {old_rule.sum()}")
    print(f"  flagged with the wider interval, unadjusted p < 0.05: {(background['p_value'] < 0.05).sum()}")
    print(f"  flagged after (wider interval + BH FDR {impact.FDR:.0%}): {background['is_significant'].sum()}")
    for effect in sc.PLANTED_SESSIONS:
        area = sc.PLANTED_BY_AGENCY[effect.agency_code].area
        first = f"S-{effect.first_session_id:04d}"
        for name, frame in (("all effects", measured), (f"{effect.agency_code} only", agency_effects)):
            rows = frame.filter((pl.col("session_id") == first) & (pl.col("area") == area))
            if rows.height:
                r = rows.row(0, named=True)
                print(f"{first} {effect.agency_code} {area} [{name}]: effect {100 * r['effect']:+.1f} pp "
                      f"({100 * r['effect_low']:+.1f} .. {100 * r['effect_high']:+.1f}), p {r['p_value']:.4f}, "
                      f"adjusted {r['p_adjusted']:.4f}, clear: {r['is_significant']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--reuse", action="store_true", help="use a snapshot built before in --workdir")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="impact-calibration-"))
    workdir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(snapshot(workdir, args.reuse)), read_only=True)
    rules = PlanningRules.from_settings()
    started = time.perf_counter()
    effects = impact.training_impact(con, rules)
    seconds = time.perf_counter() - started
    agencies = tuple(e.agency_code for e in sc.PLANTED_SESSIONS)
    report(effects, seconds, pl.concat([impact.training_impact(con, rules, (a,)) for a in agencies]))


if __name__ == "__main__":
    main()
