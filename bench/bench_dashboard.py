"""Dashboard speed at scale: every query behind every page, and every page's render time.

    python bench/bench_dashboard.py                        # 1 million appeals (the issue's bar)
    python bench/bench_dashboard.py --appeals 10000000     # the 10 million report
    python bench/bench_dashboard.py --workdir /tmp/b --reuse   # time again on a warehouse built before

Steps: generate the sample data (sample_data.generate), ingest every file through the real
pipeline, write classifications, `build` (marts, text groups, full-text index), publish the
snapshot; then, on the read-only snapshot the dashboard uses, time each query function with
varied filters (p50/p95 over --repeat runs) and render each page with AppTest (the first load,
then reruns: warm = same filters, cached; varied = new filters, queries run).

Classifications are synthesised, not predicted: the classifier's rate (~300 texts/s on 2 cores)
would make classifying a million texts take about an hour, which measures the classifier, not the
dashboard. The rows are the generator's ground-truth labels written in the classifier's own
tables with its shape (one row per text and model, one score row per text and area), so the marts
do the same work as after `tyndau classify`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

QUERY_BAR_MS = 200
MEMORY_LIMIT = "12GB"
PAGE_BAR_S = 1.0
SEARCH_WORDS = ("пандус", "жауап", "ответ", "очередь", "взятка", "пандус жоқ", "ramp", "answer", "документы",
                "кезек", "перенаправили", "грубо")


# ---------------------------------------------------------------- building the warehouse


def step(label: str):
    def wrap(fn):
        def run(*args, **kwargs):
            started = time.perf_counter()
            print(f"  {label} ...", flush=True)
            result = fn(*args, **kwargs)
            print(f"  {label}: {time.perf_counter() - started:,.1f} s", flush=True)
            return result
        return run
    return wrap


@step("generate the sample data")
def generate_data(folder: Path, appeals: int) -> None:
    from sample_data.generate import generate

    generate(folder, n_appeals=appeals)


@step("ingest every file (the real pipeline)")
def ingest_data(con, folder: Path, settings) -> None:
    from ingestion.sample_files import ingest_sample_dataset

    ingest_sample_dataset(con, folder, settings, on_file=lambda name, r: print(
        f"    {name:<24} {r.counts.inserted:>12,} rows", flush=True))


@step("bulk-load appeals and events with DuckDB's CSV reader (--fast-load)")
def fast_load(con, folder: Path, settings) -> None:
    """The two big files straight into their raw tables, as the shipped mappings would fill them.

    Only for the benchmark at 10 M: the real pipeline (redaction in Python, one transaction) is
    measured by bench/bench_ingest.py; what this benchmark measures starts at the warehouse. The
    generator's texts are synthetic, so skipping redaction exposes nobody. The small files still
    go through the real pipeline.
    """
    from ingestion.pipeline import ingest
    from ingestion.registry import make_connector
    from ingestion.sample_files import SAMPLE_FILES

    lineage = "md5(concat_ws('|', *columns(*))) as row_hash, ? as source_file, 0 as load_run_id, now() as loaded_at"
    zone = settings.checked_timezone().replace("'", "")  # the generator writes local times; raw tables hold UTC

    def utc(column: str) -> str:
        return f"timezone('UTC', timezone('{zone}', {column}::timestamp))"

    con.execute(f"""
        insert into raw_appeals by name
        select *, {lineage} from (
            select 'eotinish-sample' as source, appeal_no as external_id, appeal_kind as appeal_type, channel,
                   agency_code, agency_name, region_kato as region_code, region_name, language, text,
                   {utc("reg_date")} as registered_at, {utc("due_date")} as due_at,
                   {utc("answer_date")} as answered_at, {utc("close_date")} as closed_at, status, answer_text,
                   satisfaction::double as satisfaction, md5('bench' || applicant_id) as applicant_hash,
                   age_band, sex, disability = 'yes' as has_disability, rural = 'yes' as is_rural
            from read_csv(?, header = true, all_varchar = true))""",
                [str(folder / "appeals.csv"), str(folder / "appeals.csv")])
    con.execute(f"""
        insert into raw_appeal_events by name
        select *, {lineage} from (
            select 'eotinish-sample' as source, appeal_no as external_id, seq::integer as event_seq, event_type,
                   {utc("event_at")} as event_at, status, from_agency_code as from_agency,
                   to_agency_code as to_agency, note as text
            from read_csv(?, header = true, all_varchar = true))""",
                [str(folder / "appeal_events.csv"), str(folder / "appeal_events.csv")])
    for name, mapping in SAMPLE_FILES:
        if name not in ("appeals.csv", "appeal_events.csv") and (folder / name).exists():
            ingest(con, make_connector("csv", str(folder / name), mapping), settings)


@step("write classifications (synthesised from the generator's labels)")
def synthesise_classifications(con, labels_csv: Path) -> None:
    """One classification per appeal and one score per appeal and area, area by area (bounded memory)."""
    con.execute("set preserve_insertion_order = false")
    con.execute("""
        create or replace temp table truth as
        select 'eotinish-sample:' || appeal_no as text_id, area, polarity
        from read_csv(?, header = true, all_varchar = true)""", [str(labels_csv)])
    con.execute("""
        insert into text_classifications
        select 'appeal', a.source || ':' || a.external_id, repeat('b', 64), 'bench-truth', 'truth-1',
               sha256(coalesce(a.text, '')), a.language, 'cyrl', false, null, null, coalesce(n.areas, 0), now()
        from raw_appeals a
        left join (select text_id, count(*) as areas from truth group by text_id) n
               on n.text_id = a.source || ':' || a.external_id""")
    for (area,) in con.execute("select area_id from ref_competency_areas order by position").fetchall():
        con.execute("""
            insert into text_area_scores
            select 'appeal', c.text_id, c.model_hash, ?,
                   case when t.area is null then 0.05 + (hash(c.text_id || ?) % 30) / 100.0
                        else 0.55 + (hash(c.text_id || ?) % 45) / 100.0 end,
                   t.area is not null, t.polarity, case when t.area is null then null else 0.8 end, 0.5
            from text_classifications c
            left join (select text_id, area, polarity from truth where area = ?) t on t.text_id = c.text_id""",
                    [area, area, area, area])


@step("build (marts, text groups, full-text index)")
def build(con, settings) -> None:
    from warehouse.build import build_models

    for r in build_models(con, settings):
        print(f"    {r.name:<44} {r.rows:>12,} rows {r.seconds:8.2f} s", flush=True)


def prepare(workdir: Path, appeals: int, reuse: bool, save_disk: bool = False, fast: bool = False):
    from dashboard.users import add_user
    from warehouse.config import load_settings
    from warehouse.db import connect, migrate, publish_snapshot
    from warehouse.refdata import load_reference_data

    settings = load_settings(workdir / "none.toml", db_path=str(workdir / "tyndau.duckdb"), salt="bench-salt-not-for-deployment",
                             users_file=str(workdir / "users.toml"), model_dir=str(workdir / "no-model"))
    if reuse and Path(settings.resolved_snapshot_path()).exists():
        return settings
    data = workdir / "sample"
    if not (data / "appeals.csv").exists():
        generate_data(data, appeals)
    con = connect(settings.db_path)
    migrate(con)
    load_reference_data(con)
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")  # leave room for the rest of the machine
    (fast_load if fast else ingest_data)(con, data, settings)
    synthesise_classifications(con, data / "appeal_labels.csv")
    if save_disk:
        shutil.rmtree(data)  # the CSV files are loaded; at 10 M they are ~9 GB
    build(con, settings)
    con.execute("checkpoint")
    con.close()
    if save_disk:  # nothing writes after the build: a hard link serves as the snapshot (~23 GB less at 10 M)
        Path(settings.resolved_snapshot_path()).unlink(missing_ok=True)
        os.link(settings.db_path, settings.resolved_snapshot_path())
    else:
        publish_snapshot(settings.db_path, settings.resolved_snapshot_path())
    if not Path(settings.users_file).exists():
        add_user(settings.users_file, "bench", "admin", "bench-password")
    return settings


# ---------------------------------------------------------------- varied filters


def filter_pool(con, rng: random.Random, n: int):
    """Filters an analyst would choose: periods of 3, 6 or 12 months, some agencies, a region, a language."""
    from dashboard.filters import month_end, month_range
    from insights.scope import Filters

    first, last = con.execute("select min(registered_month), max(registered_month) from mart_responsiveness").fetchone()
    months = month_range(first, last)
    agencies = [r[0] for r in con.execute("select agency_key from dim_agencies where appeals > 0").fetchall()]
    regions = [r[0] for r in con.execute("select region_key from dim_regions where appeals > 0").fetchall()]
    pool = []
    for i in range(n):
        span = rng.choice((3, 6, 12))
        start = rng.randrange(span, len(months) - span + 1) if len(months) > 2 * span else span
        kind = i % 5
        pool.append(Filters(
            date_from=months[start], date_to=month_end(months[min(start + span, len(months)) - 1]),
            agencies=tuple(rng.sample(agencies, rng.choice((1, 2, 3)))) if kind == 1 else (),
            regions=(rng.choice(regions),) if kind == 2 else (),
            languages=(rng.choice(("kk", "ru", "en")),) if kind == 3 else (),
            appeal_types=(rng.choice(("complaint", "application")),) if kind == 4 else (),
        ))
    return pool


# ---------------------------------------------------------------- the queries behind each page


def page_queries(con, f, rng: random.Random) -> dict[str, dict[str, Callable[[], object]]]:
    """For each page, the query calls it makes (the same functions, the same arguments)."""
    from insights import quality as qq
    from insights import responsiveness as q
    from insights import scope
    from insights import themes as qt

    as_of = f.date_to or date.today()
    area = rng.choice(("responsiveness", "inclusiveness", "communication", "interagency_cooperation"))
    agency = f.agencies[0] if f.agencies else None
    return {
        "sidebar filters": {"options": lambda: scope.options(con), "dimension_labels": lambda: scope.dimension_labels(con)},
        "overview": {
            "data_bounds": lambda: scope.data_bounds(con),
            "period_comparison": lambda: q.period_comparison(con, f),
            "area_totals (now, before)": lambda: (qt.area_totals(con, f), qt.area_totals(con, f.previous_period())),
            "monthly_responsiveness (now, before)": lambda: (q.monthly_responsiveness(con, f),
                                                             q.monthly_responsiveness(con, f.previous_period())),
        },
        "responsiveness": {
            "responsiveness_by agency": lambda: q.responsiveness_by(con, f, "agency"),
            "responsiveness_by region": lambda: q.responsiveness_by(con, f, "region"),
            "overdue_backlog": lambda: q.overdue_backlog(con, f, as_of),
            "overdue_appeals (drill-down)": lambda: q.overdue_appeals(con, f, as_of, agency),
            "redirect_chains": lambda: q.redirect_chains(con, f),
            "redirect_pairs": lambda: q.redirect_pairs(con, f),
        },
        "themes": {
            "area_matrix agency": lambda: qt.area_matrix(con, f, "agency"),
            "area_matrix region": lambda: qt.area_matrix(con, f, "region"),
            "area_trend": lambda: qt.area_trend(con, f),
            "area_changes areas": lambda: qt.area_changes(con, f, None, 10),
            "area_changes agency x area": lambda: qt.area_changes(con, f, "agency", 5),
            "text_groups": lambda: qt.text_groups(con, f, area),
            "group_by_agency": lambda: qt.group_by_agency(con, f, area, 0),
            "texts_behind (drill-down)": lambda: qt.texts_behind(con, f, area=area, agency_key=agency),
        },
        "search": {"search_texts": lambda: qt.search_texts(con, rng.choice(SEARCH_WORDS), f, 200)},
        "review": {"review_queue": lambda: qt.review_queue(con, f, 100),
                   "appeal_detail": lambda: qt.appeal_detail(con, first_appeal(con))},
        "data_quality": {
            "load_runs": lambda: qq.load_runs(con), "rejected_by_reason": lambda: qq.rejected_by_reason(con),
            "schema_migrations": lambda: qq.schema_migrations(con), "table_counts": lambda: qq.table_counts(con),
            "classification_coverage": lambda: qq.classification_coverage(con),
            "classified_texts": lambda: qq.classified_texts(con),
            "classification_failures": lambda: qq.classification_failures(con),
        },
        **planner_queries(con, f, rng),
    }


def planner_queries(con, f, rng: random.Random) -> dict[str, dict[str, Callable[[], object]]]:
    """The training planners' pages (docs/training.md): the same calls with the same arguments."""
    from insights import survey360
    from insights.scope import Filters
    from insights.training import impact, planning
    from insights.training.planning import PlanningRules

    rules = PlanningRules.from_settings()
    agency = f.agencies[0] if f.agencies else rng.choice(("AKM-31-TRZ", "LND-19", "PSC-61", "POL-23", "AKM-39"))
    area = rng.choice(("responsiveness", "inclusiveness", "communication", "anti_corruption"))
    surveyed = Filters(date_from=f.date_from, date_to=f.date_to, agencies=(agency,))
    budget = rng.choice((2_000_000, 5_000_000, 10_000_000, 30_000_000))
    seats = rng.choice((None, 100, 300))
    gaps = planning.citizen_gaps(con, f, rules)
    period = (gaps["period_start"][0], gaps["period_end"][0]) if gaps.height else (date(2025, 1, 1), date(2025, 12, 1))
    examples = tuple(gaps.filter(gaps["agency_key"] == agency)["example_appeal_ids"].explode().drop_nulls()[:3])
    return {
        "training_priorities": {
            "citizen_gaps": lambda: planning.citizen_gaps(con, f, rules),
            "indicator_matches": lambda: planning.indicator_matches(con, agency, area, period),
            "training_priorities": lambda: planning.training_priorities(con, f, rules),
            "example_texts": lambda: planning.example_texts(con, examples),
        },
        "training_plan": {
            "training_plan": lambda: planning.training_plan(con, budget, seats, f, rules),
            "naive_plan_value": lambda: planning.naive_plan_value(con, budget, seats, f, rules),
        },
        "survey_360": {
            "surveyed_units": lambda: survey360.surveyed_units(con, f),
            "area_scores": lambda: survey360.area_scores(con, surveyed, rules.min_raters, "agency", None,
                                                         rules.survey_target_score),
            "self_vs_others": lambda: survey360.self_vs_others(con, surveyed, rules.min_raters, "agency", None,
                                                               rules.survey_target_score),
            "area_items": lambda: survey360.area_items(con, agency, area, surveyed, rules.min_raters),
            "area_comments": lambda: survey360.area_comments(con, agency, area, surveyed, rules.min_raters),
            "triangulation": lambda: planning.triangulation(con, surveyed, rules),
        },
        "training_impact": {
            "training_impact": lambda: impact.training_impact(con, rules, f.agencies),
            "impact_series": lambda: impact.impact_series(con, "S-0101", "communication", rules),
        },
    }


def first_appeal(con) -> str:
    return con.execute("select appeal_id from fct_appeal_areas limit 1").fetchone()[0]


def open_snapshot(path: str | Path):
    import duckdb

    from warehouse.search import load_fts

    con = duckdb.connect(str(path), read_only=True)
    load_fts(con)
    return con


def time_queries(snapshot_path: str | Path, repeat: int, seed: int) -> dict[str, dict[str, list[float]]]:
    """Warm: after one untimed first load, every query with `repeat` new filter combinations."""
    con = open_snapshot(snapshot_path)
    rng = random.Random(seed)
    timings: dict[str, dict[str, list[float]]] = {}
    pool = filter_pool(con, rng, repeat + 1)
    for calls in page_queries(con, pool.pop(), rng).values():  # warm-up, untimed: the first load
        for call in calls.values():
            call()
    for f in pool:
        for page, calls in page_queries(con, f, rng).items():
            for name, call in calls.items():
                started = time.perf_counter()
                call()
                timings.setdefault(page, {}).setdefault(name, []).append((time.perf_counter() - started) * 1000)
    con.close()
    return timings


def cold_queries(snapshot_path: Path, seed: int) -> dict[str, dict[str, float]]:
    """Each page's first load on a cold cache: the file evicted from the OS page cache (this file
    only) and a new connection (an empty DuckDB buffer pool), then the page's queries in order.

    The planners' pages compute their citizen gaps once while their calls are prepared (after the
    eviction), so their first timed call already finds some of the file in memory."""
    from scale_up import drop_from_page_cache

    rng = random.Random(seed)
    con = open_snapshot(snapshot_path)
    f = filter_pool(con, rng, 1)[0]
    pages = list(page_queries(con, f, random.Random(seed)))
    con.close()
    timings: dict[str, dict[str, float]] = {}
    for page in pages:
        drop_from_page_cache(snapshot_path)
        con = open_snapshot(snapshot_path)
        for name, call in page_queries(con, f, random.Random(seed))[page].items():
            started = time.perf_counter()
            call()
            timings.setdefault(page, {})[name] = (time.perf_counter() - started) * 1000
        con.close()
    return timings


# ---------------------------------------------------------------- concurrent readers


def concurrent_readers(snapshot_path: Path, counts: list[int], loads: int, seed: int) -> dict[int, dict[str, float]]:
    """N users at once on one dashboard process: N threads, each with its own cursor of one
    SnapshotReader (as Streamlit's sessions are), each loading the overview and responsiveness
    pages `loads` times with new filters (so the dashboard's result cache never answers)."""
    import threading

    from dashboard.data import SnapshotReader

    reader = SnapshotReader(str(snapshot_path))
    _, probe = reader.cursor()
    pool = filter_pool(probe, random.Random(seed), max(counts) * loads)
    probe.close()
    results = {}
    for n in counts:
        latencies: list[float] = []
        lock = threading.Lock()

        def user(number: int) -> None:
            _, cursor = reader.cursor()
            rng = random.Random(seed + number)
            for i in range(loads):
                calls = page_queries(cursor, pool[(number * loads + i) % len(pool)], rng)
                started = time.perf_counter()
                for page in ("overview", "responsiveness"):
                    for call in calls[page].values():
                        call()
                with lock:
                    latencies.append(time.perf_counter() - started)
            cursor.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=user, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        results[n] = {"p50_s": statistics.median(latencies), "p95_s": p95(latencies),
                      "loads_per_s": len(latencies) / wall}
        print(f"    {n:>3} users at once: page load p50 {results[n]['p50_s']:.2f} s, p95 {results[n]['p95_s']:.2f} s, "
              f"{results[n]['loads_per_s']:.1f} loads/s", flush=True)
    return results


# ---------------------------------------------------------------- page renders


def time_pages(settings, repeat: int, seed: int) -> dict[str, dict[str, float]]:
    """AppTest per page: first load, then warm reruns (cached) and reruns with varied filters."""
    import duckdb
    from streamlit.testing.v1 import AppTest

    from dashboard import registry

    os.environ.update({"TYNDAU_DB_PATH": settings.db_path, "TYNDAU_USERS_FILE": settings.users_file,
                       "TYNDAU_MODEL_DIR": settings.model_dir, "TYNDAU_DASHBOARD_LANGUAGE": "en",
                       "TYNDAU_CONFIG": str(Path(settings.db_path).with_name("none.toml"))})
    con = duckdb.connect(settings.resolved_snapshot_path(), read_only=True)
    pool = filter_pool(con, random.Random(seed), repeat)
    con.close()
    results = {}
    for spec in registry.PAGES:
        at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=600)
        at.session_state["lang"] = "en"
        at.session_state["user"] = {"name": "bench", "role": "admin"}
        at.run()
        at.switch_page(spec.script)
        if spec.key == "search":  # an empty search page shows nothing: time it with a search
            at.run()
            at.text_input(key="search.words").input(SEARCH_WORDS[0])
        started = time.perf_counter()
        at.run()
        first = time.perf_counter() - started
        if at.exception:
            raise RuntimeError(f"{spec.key}: {at.exception}")
        warm = [_rerun(at) for _ in range(3)]
        varied = []
        for i, f in enumerate(pool):
            _set_filters(at, f)
            if spec.key == "search":
                at.text_input(key="search.words").input(SEARCH_WORDS[i % len(SEARCH_WORDS)])
            varied.append(_rerun(at))
        results[spec.key] = {"first_s": first, "warm_p50_s": statistics.median(warm),
                             "varied_p50_s": statistics.median(varied), "varied_p95_s": p95(varied)}
    return results


def _rerun(at) -> float:
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def _set_filters(at, f) -> None:
    """Choose the filters in the sidebar widgets, as a user would (pages without filters just rerun)."""
    keys = {w.key for w in at.sidebar.get("select_slider") + at.sidebar.get("multiselect")}
    if "w.months" in keys:
        at.select_slider(key="w.months").set_range(f.date_from.strftime("%Y-%m"), f.date_to.strftime("%Y-%m"))
    for name in ("agencies", "regions", "languages", "appeal_types"):
        if f"w.{name}" in keys:
            at.multiselect(key=f"w.{name}").set_value(list(getattr(f, name)))


# ---------------------------------------------------------------- report


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def report(appeals: int, timings: dict, pages: dict) -> dict:
    print(f"\nQueries on the snapshot, {appeals:,} appeals (ms over varied filters; bar: p95 < {QUERY_BAR_MS} ms)")
    print(f"  {'page':<16} {'query':<40} {'p50':>8} {'p95':>8} {'max':>8}")
    worst = 0.0
    for page, calls in timings.items():
        for name, values in calls.items():
            worst = max(worst, p95(values))
            flag = "" if p95(values) < QUERY_BAR_MS else "  <-- over the bar"
            print(f"  {page:<16} {name:<40} {statistics.median(values):8.1f} {p95(values):8.1f} "
                  f"{max(values):8.1f}{flag}")
    print(f"\nPages rendered with AppTest (s; bar: < {PAGE_BAR_S} s after the first load)")
    print(f"  {'page':<22} {'first':>7} {'warm p50':>9} {'varied p50':>11} {'varied p95':>11}")
    for page, r in pages.items():
        flag = "" if r["varied_p95_s"] < PAGE_BAR_S else "  <-- over the bar"
        print(f"  {page:<22} {r['first_s']:7.2f} {r['warm_p50_s']:9.2f} {r['varied_p50_s']:11.2f} "
              f"{r['varied_p95_s']:11.2f}{flag}")
    print(f"\nworst query p95: {worst:.1f} ms; worst page (varied filters) p95: "
          f"{max(r['varied_p95_s'] for r in pages.values()):.2f} s")
    return {"appeals": appeals, "queries_ms": {p: {n: {"p50": statistics.median(v), "p95": p95(v)}
                                                   for n, v in c.items()} for p, c in timings.items()},
            "pages_s": pages}


# ---------------------------------------------------------------- scaling up in SQL (bench/scale_up.py)


def scale_up(args) -> dict:
    """A real warehouse of --base appeals, replicated in SQL to --baseline and --appeals appeals;
    both sizes timed in this process (cold and warm), then their ratios; the Parquet export of each."""
    from scale_up import scale_snapshot

    workdir = args.workdir or Path("/tmp/tyndau-bench-scale")
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Base warehouse: {args.base:,} appeals through the generator, classifications and build")
    base = Path(prepare(workdir / f"base-{args.base}", args.base, reuse=True, fast=True).resolved_snapshot_path())
    figures = {"base_appeals": args.base, "load_average": os.getloadavg(), "scales": {}}
    for appeals in (args.baseline, args.appeals):
        k = appeals // args.base
        target = workdir / f"scaled-{appeals}.duckdb"
        print(f"\n{appeals:,} appeals: the base {k} times", flush=True)
        if args.reuse and target.exists():
            made = {"seconds": None, "bytes": target.stat().st_size, "rows": {}}
        else:
            made = scale_snapshot(base, target, k)
        print(f"  snapshot {made['bytes'] / 1e9:.2f} GB" +
              (f", made in {made['seconds']:,.0f} s" if made["seconds"] else " (reused)"), flush=True)
        scale = {"k": k, "snapshot_bytes": made["bytes"], "build_s": made["seconds"], "rows": made["rows"]}
        scale["cold_ms"] = cold_queries(target, args.seed)
        scale["warm_ms"] = time_queries(target, args.repeat, args.seed)
        print(f"  queries: worst cold {max(v for c in scale['cold_ms'].values() for v in c.values()):,.0f} ms, "
              f"worst warm p95 {max(p95(v) for c in scale['warm_ms'].values() for v in c.values()):,.0f} ms",
              flush=True)
        if args.readers and appeals == args.baseline:
            print("  concurrent users (overview + responsiveness pages, new filters each time):")
            scale["readers"] = concurrent_readers(target, args.readers, 5, args.seed)
        scale["parquet"] = time_lake_export(target, workdir / f"lake-{appeals}")
        figures["scales"][appeals] = scale
        if args.json:  # kept as it goes: a run stopped at the larger size keeps the smaller one's figures
            args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    report_scaling(args.baseline, args.appeals, figures)
    return figures


def scale_figures(snapshot: Path, args) -> dict:
    """What docs/scaling.md reads at a real (not replicated) size: users at once, and the lake export."""
    figures = {}
    if args.readers:
        print("concurrent users (overview + responsiveness pages, new filters each time):")
        figures["readers"] = concurrent_readers(snapshot, args.readers, 5, args.seed)
    if args.parquet:
        figures["parquet"] = time_lake_export(snapshot, args.parquet)
    return figures


def time_lake_export(snapshot: Path, lake: Path) -> dict:
    """The first export writes everything (the folder is emptied); the second, of unchanged data, should
    write nothing."""
    from warehouse.lake import export_lake

    shutil.rmtree(lake, ignore_errors=True)
    first = export_lake(snapshot, lake)
    again = export_lake(snapshot, lake)
    figures = {"seconds": first.seconds, "bytes": first.bytes, "again_seconds": again.seconds,
               "again_written": sum(t.written for t in again.tables)}
    print(f"  Parquet export: {first.seconds:,.1f} s, {first.bytes / 1e9:.2f} GB; again unchanged: "
          f"{again.seconds:,.1f} s, {figures['again_written']} partitions written", flush=True)
    return figures


def report_scaling(small: int, large: int, figures: dict) -> None:
    a, b = figures["scales"][small], figures["scales"][large]
    print(f"\nQueries at {small:,} and {large:,} appeals (ms; cold = first load of the page on an evicted file; "
          f"warm = p50 / p95 over varied filters); ratio = {large:,} / {small:,}")
    print(f"  {'page':<18} {'query':<38} {'cold':>8} {'cold':>8} {'ratio':>6}   {'warm p50':>9} {'warm p50':>9} "
          f"{'ratio':>6}  {'p95':>7} {'p95':>7}")
    worst = {"cold": 0.0, "p95": 0.0}
    for page, calls in a["warm_ms"].items():
        for name, small_runs in calls.items():
            large_runs = b["warm_ms"][page][name]
            c1, c2 = a["cold_ms"][page][name], b["cold_ms"][page][name]
            w1, w2 = statistics.median(small_runs), statistics.median(large_runs)
            worst = {"cold": max(worst["cold"], c2), "p95": max(worst["p95"], p95(large_runs))}
            print(f"  {page:<18} {name[:38]:<38} {c1:8.1f} {c2:8.1f} {c2 / c1:6.1f}   {w1:9.1f} {w2:9.1f} "
                  f"{w2 / w1:6.1f}  {p95(small_runs):7.1f} {p95(large_runs):7.1f}")
    ratios = [statistics.median(b["warm_ms"][p][n]) / statistics.median(r)
              for p, c in a["warm_ms"].items() for n, r in c.items()]
    print(f"\n  warm p50 ratio over all queries: median {statistics.median(ratios):.1f}, max {max(ratios):.1f}; "
          f"at {large:,}: worst warm p95 {worst['p95']:.0f} ms, worst cold {worst['cold']:.0f} ms")
    for n, s in figures["scales"].items():
        print(f"  {n:>12,} appeals: snapshot {s['snapshot_bytes'] / 1e9:.2f} GB, Parquet {s['parquet']['bytes'] / 1e9:.2f} GB "
              f"exported in {s['parquet']['seconds']:.0f} s (unchanged re-export {s['parquet']['again_seconds']:.0f} s)")
    print(f"  load average at the start: {', '.join(f'{x:.1f}' for x in figures['load_average'])} (2 cores)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=None, help="default: /tmp/tyndau-bench-<appeals>")
    parser.add_argument("--reuse", action="store_true", help="time an existing warehouse in --workdir")
    parser.add_argument("--repeat", type=int, default=20, help="filter combinations per query and page")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    parser.add_argument("--fast-load", action="store_true",
                        help="load appeals and events with DuckDB's CSV reader instead of the pipeline (10 M)")
    parser.add_argument("--save-disk", action="store_true",
                        help="delete the CSVs once loaded and hard-link the snapshot (for --appeals 10000000)")
    parser.add_argument("--scale-up", action="store_true",
                        help="replicate a real --base warehouse in SQL to --baseline and --appeals appeals; "
                             "time both (cold and warm) and print the ratios (bench/scale_up.py)")
    parser.add_argument("--base", type=int, default=100_000, help="appeals of the real warehouse (--scale-up)")
    parser.add_argument("--baseline", type=int, default=1_000_000, help="the smaller size timed (--scale-up)")
    parser.add_argument("--readers", type=lambda v: [int(x) for x in v.split(",")], default=None,
                        help="users at once, e.g. 1,2,4,8 (with --scale-up: on the baseline)")
    parser.add_argument("--parquet", type=Path, default=None,
                        help="also time the Parquet lake export of the snapshot into this folder (emptied first)")
    args = parser.parse_args(argv)
    if args.scale_up:
        figures = scale_up(args)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
        return 0
    workdir = args.workdir or Path(f"/tmp/tyndau-bench-{args.appeals}")
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Warehouse with {args.appeals:,} appeals in {workdir}")
    settings = prepare(workdir, args.appeals, args.reuse, args.save_disk, args.fast_load)
    size = Path(settings.resolved_snapshot_path()).stat().st_size / 1e9
    print(f"  snapshot: {size:.2f} GB")
    timings = time_queries(settings.resolved_snapshot_path(), args.repeat, args.seed)
    pages = time_pages(settings, max(5, args.repeat // 2), args.seed)
    figures = report(args.appeals, timings, pages)
    figures.update(scale_figures(Path(settings.resolved_snapshot_path()), args))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
