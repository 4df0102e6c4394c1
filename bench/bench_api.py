"""Latency of the read-only API: every endpoint through a real `tyndau api` on 127.0.0.1.

    python bench/bench_api.py                    # the tests' warehouse (3,000 generated appeals)
    python bench/bench_api.py --shipped          # the shipped sample (sample_data/default, 15,000 appeals)
    python bench/bench_api.py --repeat 50

Steps: build and publish a warehouse the way the dashboard tests do (tests/dashboard_support.py:
the generator's labels stand in for the classifier), issue an analyst token with
`tyndau api-tokens add`, start `tyndau api` on a free loopback port, then per endpoint: the first
call (cold: the query runs) and --repeat further calls with the same parameters (warm: cached per
snapshot version, except texts, which are never cached). Reports p50/p95 in milliseconds.
Traffic goes to 127.0.0.1 only; the loop is bounded by --repeat and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from dashboard_support import SHIPPED_SAMPLE, build_warehouse, environment  # noqa: E402

ENDPOINTS = (
    ("/v1/me", {}),
    ("/v1/responsiveness/summary", {}),
    ("/v1/responsiveness/summary", {"date_from": "2025-01-01", "date_to": "2025-06-30"}),
    ("/v1/responsiveness/by/agency", {"limit": 50}),
    ("/v1/responsiveness/by/month", {}),
    ("/v1/training/gaps", {"limit": 50}),
    ("/v1/training/priorities", {"limit": 50}),
    ("/v1/themes/areas", {}),
    ("/v1/texts", {"area": "inclusiveness", "limit": 20}),
)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tyndau(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tyndau.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=True)


def wait_until_up(http: httpx.Client, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"tyndau api exited with {process.returncode}")
        try:
            if http.get("/v1/health").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit("tyndau api did not start")


def timed(http: httpx.Client, path: str, params: dict) -> float:
    start = time.perf_counter()
    response = http.get(path, params=params)
    elapsed = (time.perf_counter() - start) * 1000
    response.raise_for_status()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shipped", action="store_true",
                        help="Use sample_data/default instead of 3,000 generated appeals.")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        settings = build_warehouse(Path(folder), source=SHIPPED_SAMPLE if args.shipped else None)
        print(f"warehouse built in {time.perf_counter() - started:.1f} s")
        env = {**os.environ, **environment(settings), "PYTHONPATH": str(ROOT)}
        token = tyndau("api-tokens", "add", "--user", "analyst", env=env).stdout.strip().splitlines()[-1]
        port = free_port()
        process = subprocess.Popen([sys.executable, "-m", "tyndau.cli", "api", "--port", str(port)], env=env,
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120,
                              headers={"Authorization": f"Bearer {token}"}) as http:
                wait_until_up(http, process)
                print(f"{'endpoint':<64} {'cold ms':>9} {'p50 ms':>8} {'p95 ms':>8}")
                for path, params in ENDPOINTS:
                    cold = timed(http, path, params)
                    warm = sorted(timed(http, path, params) for _ in range(args.repeat))
                    p95 = warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))]
                    query = "&".join(f"{k}={v}" for k, v in params.items())
                    print(f"{path + ('?' + query if query else ''):<64} {cold:>9.1f} "
                          f"{statistics.median(warm):>8.1f} {p95:>8.1f}")
        finally:
            process.terminate()
            process.wait(timeout=15)


if __name__ == "__main__":
    main()
