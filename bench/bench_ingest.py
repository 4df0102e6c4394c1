"""Ingestion throughput against DuckDB's own CSV reader, on the same file, in the same run.

    python bench/bench_ingest.py --appeals 1000000        # the issue's bar: ratio <= 2
    python bench/bench_ingest.py --appeals 10000000       # must complete on 2 cores / 24 GiB
    python bench/bench_ingest.py --csv appeals.csv        # an existing file (generator layout)

Each measurement runs in its own subprocess so its peak memory (max RSS) is its own.
The baseline is `create table as select * from read_csv(...)` into a fresh DuckDB
file; Tyndau's first load is the full `tyndau ingest` path (sniffing, mapping,
validation, redaction, hashing, idempotent upsert, lineage) into a fresh warehouse;
the re-load ingests the same file again into that warehouse, where every row is
compared with its stored version and found unchanged (the path of a newer export).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BASELINE = """
import duckdb, json, resource, sys, time
started = time.perf_counter()
con = duckdb.connect(sys.argv[2])
con.execute("create table appeals as select * from read_csv(?, header=true, all_varchar=true)", [sys.argv[1]])
rows = con.execute("select count(*) from appeals").fetchone()[0]
con.close()
print(json.dumps({"seconds": time.perf_counter() - started, "rows": rows, "read": rows,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

TYNDAU = """
import json, resource, sys, time
from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.config import load_settings
from warehouse.db import connect, migrate
started = time.perf_counter()
settings = load_settings("/nonexistent.toml", db_path=sys.argv[2], salt="bench-salt-not-for-deployment")
con = connect(settings.db_path)
migrate(con)
report = ingest(con, make_connector("csv", sys.argv[1], "eotinish-sample"), settings)
con.close()
print(json.dumps({"seconds": time.perf_counter() - started, "rows": report.counts.inserted,
                  "read": report.counts.read, "unchanged": report.counts.unchanged, "rejected": report.counts.rejected,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, csv_path: Path, db_path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", code, str(csv_path), str(db_path)], cwd=REPO,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_file(n: int, workdir: Path) -> Path:
    from sample_data.generate import generate

    started = time.perf_counter()
    generate(workdir, n_appeals=n, with_events=False)
    print(f"generated {n:,} appeals in {time.perf_counter() - started:.1f}s "
          f"({(workdir / 'appeals.csv').stat().st_size / 1e6:.0f} MB)")
    return workdir / "appeals.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--csv", type=Path, default=None, help="ingest this file instead of generating one")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of (baseline, first load, re-load); the median ratio is the result")
    parser.add_argument("--no-reload", action="store_true", help="skip the second, all-unchanged load")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        csv_path = args.csv.resolve() if args.csv else make_file(args.appeals, work)
        ratios = [one_round(csv_path, work / f"round{i}", not args.no_reload) for i in range(1, args.repeat + 1)]
    first = statistics.median(r[0] for r in ratios)
    print(f"median ratio tyndau / duckdb = {first:.2f}  (target <= 2.00: {'met' if first <= 2 else 'NOT met'})"
          + ("" if args.no_reload else f"; re-load {statistics.median(r[1] for r in ratios):.2f}"))


def one_round(csv_path: Path, work: Path, reload: bool) -> tuple[float, float]:
    """Baseline and Tyndau back to back, so both see the same machine load."""
    work.mkdir()
    print(f"-- {work.name}")
    base = run(BASELINE, csv_path, work / "baseline.duckdb")
    report("duckdb read_csv", base, base)
    first = run(TYNDAU, csv_path, work / "tyndau.duckdb")
    report("tyndau ingest", first, base)
    again = run(TYNDAU, csv_path, work / "tyndau.duckdb") if reload else first
    if reload:
        report("tyndau re-ingest", again, base)
    for name in ("baseline.duckdb", "tyndau.duckdb"):
        (work / name).unlink()
    return first["seconds"] / base["seconds"], again["seconds"] / base["seconds"]


def report(label: str, result: dict, base: dict) -> None:
    counts = "" if "rejected" not in result else (
        f"  (inserted {result['rows']:,}, unchanged {result['unchanged']:,}, rejected {result['rejected']:,})")
    print(f"{label:<17}: {result['seconds']:7.2f}s  {result['read'] / result['seconds']:>10,.0f} rows/s  "
          f"peak {result['max_rss_mb']:,.0f} MB  x{result['seconds'] / base['seconds']:.2f}{counts}", flush=True)


if __name__ == "__main__":
    main()
