"""Peak memory and outcome of `tyndau ingest` on hostile inputs, each load in its own process.

    python bench/bench_hostile_inputs.py                       # this checkout, 200 MiB inputs
    python bench/bench_hostile_inputs.py --repo ../main        # another checkout (e.g. before a change)
    python bench/bench_hostile_inputs.py --mib 50              # smaller inputs

Inputs are generated in a temporary directory and deleted afterwards: a gzip bomb (one line of
zeros, as CSV and as JSON Lines), a JSON array with one huge record, and a legitimate JSON array
of many ordinary records (streamed, so it must load in bounded memory too).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOOD = REPO / "tests" / "good_inputs"

INGEST = """
import resource, sys, time
from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from warehouse.config import load_settings
from warehouse.db import connect, migrate
settings = load_settings(sys.argv[3], db_path=sys.argv[2], salt="bench-salt-not-for-deployment")
con = connect(settings.db_path)
migrate(con)
started = time.perf_counter()
try:
    report = ingest(con, make_connector("file", sys.argv[1], "eotinish-sample", {}), settings)
    said = f"loaded {report.counts.inserted:,}, rejected {report.counts.rejected:,}"
except Exception as exc:
    said = f"{type(exc).__name__}: {str(exc).splitlines()[0][:150]}"
print(said, "|", round(time.perf_counter() - started, 1), "|", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def gzip_bomb(path: Path, mib: int, header: str) -> Path:
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(header.encode())
        for _ in range(mib):
            out.write(b"0" * 2**20)
    return path


def huge_record(path: Path, mib: int) -> Path:
    first = json.loads((GOOD / "appeals.json").read_text(encoding="utf-8"))[0]
    with path.open("w", encoding="utf-8") as out:
        out.write("[" + json.dumps(first, ensure_ascii=False) + ', {"appeal_no": "KZ-9", "text": "')
        for _ in range(mib):
            out.write("x" * 2**20)
        out.write('"}]')
    return path


def many_records(path: Path, mib: int) -> Path:
    first = json.loads((GOOD / "appeals.json").read_text(encoding="utf-8"))[0]
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        n = 0
        while out.tell() < mib * 2**20:
            out.write(("," if n else "") + json.dumps({**first, "appeal_no": f"KZ-{n}"}, ensure_ascii=False) + "\n")
            n += 1
        out.write("]")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout whose code runs the loads")
    parser.add_argument("--mib", type=int, default=200, help="decompressed size of each hostile input")
    args = parser.parse_args()
    header = (GOOD / "appeals_utf8.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
    with tempfile.TemporaryDirectory(prefix="tyndau-bench-") as tmp:
        work = Path(tmp)
        inputs = {
            "gzip bomb, CSV": gzip_bomb(work / "bomb.csv.gz", args.mib, header),
            "gzip bomb, JSON Lines": gzip_bomb(work / "bomb.jsonl.gz", args.mib, ""),
            "JSON array, one huge record": huge_record(work / "huge.json", args.mib),
            "JSON array, many records": many_records(work / "many.json", args.mib // 2),
        }
        print(f"code: {args.repo.resolve()}\n| input | size on disk | outcome | seconds | peak RSS (MiB) |\n|---|---|---|---|---|")
        for i, (label, path) in enumerate(inputs.items()):
            done = subprocess.run([sys.executable, "-c", INGEST, str(path), str(work / f"w{i}.duckdb"),
                                   str(work / "none.toml")], capture_output=True, text=True,
                                  cwd=args.repo, env={**os.environ, "PYTHONPATH": str(args.repo.resolve())})
            result = done.stdout.strip().splitlines()[-1] if done.returncode == 0 else \
                f"crashed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1][:150]} | - | -"
            print(f"| {label} | {path.stat().st_size / 2**20:.1f} MiB | {result} |")


if __name__ == "__main__":
    main()
