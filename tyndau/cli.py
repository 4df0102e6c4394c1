"""The one command line, and the one place that composes warehouse, ingestion, nlp and dashboard.

Domain errors (:class:`warehouse.errors.TyndauError`) are turned into a message and a
"what to do" line here, once; heavy modules (torch, streamlit) are imported inside
the commands that need them so `tyndau --help` stays fast.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from warehouse.config import MIN_SALT_LENGTH, SALT_HINT, load_settings, setting_help
from warehouse.errors import TyndauError

app = typer.Typer(help="Tyndau: citizen-feedback and 'Listening State' analytics.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
console = Console(stderr=True)
out = Console(soft_wrap=True)


def friendly(fn):
    """Print domain errors as a message plus what to do; exit 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except TyndauError as exc:
            _report(exc)
        except Exception as exc:  # a full disk can surface anywhere a file is written (DuckDB or Python)
            from warehouse.diskfull import disk_full_error, is_disk_full

            if not is_disk_full(exc):
                raise
            _report(disk_full_error(exc))

    return wrapper


def _report(exc: TyndauError):
    console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
    if exc.hint:
        console.print(f"[bold]what to do:[/] {escape(exc.hint)}", highlight=False)
    raise typer.Exit(2) from None


ConfigOpt = typer.Option(None, "--config", help="Configuration file (default: ./tyndau.toml or $TYNDAU_CONFIG).")
DbOpt = typer.Option(None, "--db", help="Warehouse file (overrides db_path).")


def settings_from(config: Optional[Path], db: Optional[Path]):
    return load_settings(config, db_path=str(db) if db else None)


def open_writer(settings):
    from warehouse.db import connect, migrate

    con = connect(settings.db_path, mode=settings.file_mode)
    migrate(con, settings.checked_timezone())
    return con


def publish(con, settings) -> None:
    from warehouse.db import publish_snapshot

    con.execute("checkpoint")
    publish_snapshot(settings.db_path, settings.resolved_snapshot_path(), con, settings.file_mode)


@app.command()
@friendly
def init(config: Optional[Path] = ConfigOpt, db: Optional[Path] = DbOpt):
    """Create the warehouse, or upgrade an existing file in place, and load the reference data."""
    from warehouse.db import connect, migrate
    from warehouse.refdata import load_reference_data

    settings = settings_from(config, db)
    con = connect(settings.db_path, mode=settings.file_mode)
    applied = migrate(con, settings.checked_timezone())
    load_reference_data(con)
    publish(con, settings)
    out.print(f"Warehouse {settings.db_path}: " + (f"applied {', '.join(applied)}" if applied else "schema up to date"))


@app.command()
@friendly
def ingest(
    location: str = typer.Argument(..., help="File path or URL to read."),
    connector: str = typer.Option("file", "--connector", "-c", help="Connector name (`tyndau connectors` lists them)."),
    mapping: Optional[str] = typer.Option(None, "--mapping", "-m", help="Shipped mapping name or path to a .toml mapping."),
    strict: bool = typer.Option(False, "--strict", help="Fail (and load nothing) if any row is rejected."),
    sheet: Optional[str] = typer.Option(None, help="Excel sheet name."),
    header_row: Optional[int] = typer.Option(None, help="Excel header row (1-based); found automatically if omitted."),
    delimiter: Optional[str] = typer.Option(None, help="CSV delimiter; sniffed if omitted."),
    encoding: Optional[str] = typer.Option(None, help="CSV encoding (utf-8, cp1251, kz1048, utf-16, ...); detected if omitted."),
    option: list[str] = typer.Option([], "--option", "-o", help="Connector option KEY=VALUE (repeatable)."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Load one file or API into the warehouse: idempotent, atomic, bad rows kept aside."""
    from ingestion.registry import make_connector

    settings = settings_from(config, db)
    settings.hashing_salt()  # refused before the warehouse is even opened: nothing is written
    options = {k: v for k, v in (("sheet", sheet), ("header_row", header_row), ("delimiter", delimiter),
                                 ("encoding", encoding)) if v is not None}
    options.update(parse_options(option))
    conn = make_connector(connector, location, mapping, options)
    con = open_writer(settings)
    report = _ingest_with_progress(con, conn, settings, strict)
    publish(con, settings)
    print_load_summary(report)


def parse_options(pairs: list[str]) -> dict:
    options = {}
    for pair in pairs:
        if "=" not in pair:
            raise TyndauError(f"--option {pair!r} is not KEY=VALUE.", hint="Example: --option page_size=100")
        key, value = pair.split("=", 1)
        options[key.strip()] = value
    return options


def _ingest_with_progress(con, conn, settings, strict):
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ingestion.pipeline import ingest as run_ingest

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed:,} rows"),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        task = progress.add_task(f"ingesting {Path(conn.location).name}", total=None)
        return run_ingest(con, conn, settings, strict=strict, on_batch=lambda n: progress.advance(task, n))


def print_load_summary(report) -> None:
    from ingestion.pipeline import format_rejections

    c = report.counts
    out.print(f"load run {report.run_id}: read {c.read:,}, inserted {c.inserted:,}, updated {c.updated:,}, "
              f"unchanged {c.unchanged:,}, rejected {c.rejected:,}")
    for table, t in c.by_table.items():
        out.print(f"  {table}: +{t['inserted']:,} new, {t['updated']:,} updated, {t['unchanged']:,} unchanged")
    for note in getattr(report, "notes", []):
        out.print(f"  note: {note}", highlight=False, markup=False)
    if c.rejected:
        out.print(format_rejections(report.rejected_sample), highlight=False, markup=False)
        out.print(f"[yellow]{c.rejected:,} row(s) were kept aside in rejected_rows (load run {report.run_id}).[/] "
                  f"See them with `tyndau rejected {report.run_id}`; fix the export and ingest it again "
                  f"(good rows already loaded stay as they are).")


@app.command()
@friendly
def rejected(run_id: Optional[int] = typer.Argument(None, help="Load run (default: the latest with rejections)."),
             limit: int = typer.Option(50, help="How many rows to show."),
             config: Optional[Path] = ConfigOpt, db: Optional[Path] = DbOpt):
    """Show the rows a load kept aside, with file, row number, column and reason."""
    from warehouse.db import connect

    settings = settings_from(config, db)
    con = connect(settings.db_path, read_only=True)
    if run_id is None:
        row = con.execute("select max(load_run_id) from rejected_rows").fetchone()
        run_id = row[0]
    rows = con.execute("select source_file, row_number, column_name, reason from rejected_rows where load_run_id = ? "
                       "order by row_number limit ?", [run_id, limit]).fetchall()
    for f, n, col, reason in rows:
        out.print(f"{Path(f).name}:{n} [{col or '-'}] {reason}", highlight=False, markup=False)
    if not rows:
        out.print("No rejected rows.")


@app.command("sync")
@friendly
def sync_cmd(
    source: list[str] = typer.Option([], "--source", "-s", help="Pull only this declared source (repeatable)."),
    watch: bool = typer.Option(False, "--watch", help="Keep running: pull each source when its every_minutes is due."),
    full: bool = typer.Option(False, "--full", help="Ignore the cursors: read every source from its start again "
                                                   "(idempotent: only what changed is written)."),
    classify: bool = typer.Option(True, "--classify/--no-classify", help="Classify what is new (needs the model)."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Pull what is new from every source declared in tyndau.toml, then classify, build and publish.

    Each pull is a load run; a source that fails is retried with backoff and reported, and the others go on.
    Exits 1 when a source failed (for cron and systemd timers to notice)."""
    import os
    import time

    from ingestion.sync import load_sources

    settings = settings_from(config, db)
    settings.hashing_salt()
    sources = _chosen_sources(load_sources(config or os.environ.get("TYNDAU_CONFIG", "tyndau.toml")), source)
    while True:
        failed = _sync_round(sources, settings, watch=watch, full=full, classify=classify)
        if not watch:
            if failed:
                raise typer.Exit(1)
            return
        time.sleep(60)  # the finest schedule is a minute


def _chosen_sources(sources, names: list[str]):
    unknown = sorted(set(names) - {s.name for s in sources})
    if unknown:
        raise TyndauError(f"No source named {', '.join(unknown)}.",
                          hint=f"Declared sources: {', '.join(s.name for s in sources)}.")
    return [s for s in sources if not names or s.name in names]


def _sync_round(sources, settings, *, watch: bool, full: bool, classify: bool) -> bool:
    """One pass over the sources with the writer held only for it (other writers can run between passes)."""
    from ingestion.sync import sync

    con = open_writer(settings)
    try:
        pulls = sync(con, sources, settings, only_due=watch, full=full, on_pull=_print_pull)
        if any(p.changed_rows for p in pulls):
            _after_sync(con, settings, classify)
        elif any(not p.not_due for p in pulls):
            publish(con, settings)  # sync state and failed runs show on the data-quality page
        return any(p.error for p in pulls)
    finally:
        con.close()


def _print_pull(pull) -> None:
    if pull.error:
        console.print(f"[bold red]{escape(pull.source)}: failed[/] {escape(pull.error)}", highlight=False)
        return
    runs = ", ".join(str(r.run_id) for r in pull.reports) or "none"
    inserted = sum(r.counts.inserted for r in pull.reports)
    updated = sum(r.counts.updated for r in pull.reports)
    rejected = sum(r.counts.rejected for r in pull.reports)
    skipped = f", {pull.skipped_files} file(s) unchanged" if pull.skipped_files else ""
    out.print(f"{escape(pull.source)}: +{inserted:,} new, {updated:,} updated, {rejected:,} rejected "
              f"(load runs {runs}{skipped})", highlight=False)


def _after_sync(con, settings, classify: bool) -> None:
    from warehouse.build import build_models

    model = Path(settings.model_dir)
    if classify and (model / "tyndau.json").exists():
        from nlp.ensemble import load_classifier

        _classify_with_progress(con, load_classifier(model))
    elif classify:
        console.print(f"[yellow]No classifier at {escape(str(model))}: the new texts stay unclassified until "
                      f"`tyndau train` and `tyndau classify`.[/]", highlight=False)
    build_models(con, settings)
    publish(con, settings)


@app.command()
@friendly
def build(config: Optional[Path] = ConfigOpt, db: Optional[Path] = DbOpt):
    """Rebuild the staging models and marts, and check every model's key is unique and not null."""
    from warehouse.build import build_models

    settings = settings_from(config, db)
    con = open_writer(settings)
    results = build_models(con, settings)
    for r in results:
        out.print(f"  {r.name:<40} {r.rows:>10,} rows  key ({', '.join(r.key)}) ok  {r.seconds:.2f}s")
    publish(con, settings)
    out.print(f"Built {len(results)} models; keys checked unique and not null.")


@app.command()
@friendly
def status(tables: bool = typer.Option(False, "--tables", help="Also list every table's row count and the latest load runs."),
           config: Optional[Path] = ConfigOpt, db: Optional[Path] = DbOpt):
    """What the warehouse holds, in a few lines: appeals and period, last load per source, share classified,
    snapshot age and open problems."""
    from insights.status import warehouse_status, warehouse_summary
    from warehouse.db import connect, current_version

    settings = settings_from(config, db)
    _require_warehouse(settings.db_path)
    con = connect(settings.db_path, read_only=True)
    out.print(f"Warehouse {settings.db_path}, schema version {current_version(con)}", highlight=False)
    _print_summary(warehouse_summary(con, settings.resolved_snapshot_path()))
    if not tables:
        return
    info = warehouse_status(con)
    out.print("Tables:")
    for table, n in info["tables"].items():
        out.print(f"  {table:<32} {n:>12,}")
    out.print("Latest load runs:")
    for r in info["runs"]:
        out.print(f"  #{r[0]} {r[1]:<12} {r[2]:<10} read {r[3]:,} +{r[4]:,} ~{r[5]:,} rejected {r[6]:,}  {Path(r[7]).name}",
                  highlight=False)


@app.command("export-parquet")
@friendly
def export_parquet(out_dir: Path = typer.Option(..., "--out", help="Folder of the Parquet lake (created if missing)."),
                   config: Optional[Path] = ConfigOpt, db: Optional[Path] = DbOpt):
    """Export the snapshot's facts and marts as Parquet partitioned by month (year=/month=), for other engines;
    only the months that changed since the last export are rewritten, and manifest.json is written last."""
    from warehouse.lake import export_lake

    settings = settings_from(config, db)
    snapshot = settings.resolved_snapshot_path()
    if not Path(snapshot).exists():
        raise TyndauError(f"No warehouse snapshot at {snapshot}.",
                          hint="Run `tyndau build` (or `tyndau init`) to publish it first.")
    report = export_lake(snapshot, out_dir, settings.file_mode)
    for t in report.tables:
        out.print(f"  {t.name:<32} {t.rows:>12,} rows  {t.partitions:>4} partitions, {t.written} written, "
                  f"{t.removed} removed", highlight=False)
    written = sum(t.written for t in report.tables)
    out.print(f"Exported {len(report.tables)} tables to {report.out_dir} ({written} partitions written, "
              f"{report.bytes / 1e6:,.1f} MB in all) in {report.seconds:.1f} s.", highlight=False)


def _require_warehouse(db_path: str) -> None:
    """Readers never create a warehouse: a missing file is a wrong path, not an empty warehouse."""
    if not Path(db_path).exists():
        raise TyndauError(f"No warehouse at {db_path}.",
                          hint="Run `tyndau demo` or `tyndau init`, or point --db / db_path in tyndau.toml at "
                               "your warehouse file.")


def _print_summary(summary) -> None:
    if summary.appeals:
        out.print(f"  appeals        {summary.appeals:,}, registered {summary.first_registered:%Y-%m-%d} "
                  f"to {summary.last_registered:%Y-%m-%d}", highlight=False)
    else:
        out.print("  appeals        none yet (load a file with `tyndau ingest`)")
    if summary.classified_share is not None:
        out.print(f"  classified     {summary.classified_share:.0%} of appeals", highlight=False)
    out.print(f"  snapshot       {_age(summary.snapshot_age_seconds)}", highlight=False)
    out.print("  last load per source:")
    for s in summary.sources:
        when = f"{s.finished_at:%Y-%m-%d %H:%M}" if s.finished_at else "not finished"
        out.print(f"    {Path(s.source_uri).name:<28} {s.status:<10} {when}  {s.rows_read:,} rows", highlight=False)
    if not summary.sources:
        out.print("    none")
    out.print("  problems:" if summary.problems else "  problems       none")
    for problem in summary.problems:
        out.print(f"    - {problem}", highlight=False)


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "not published yet (run `tyndau build`)"
    if seconds < 3600:
        return f"published {seconds / 60:.0f} minutes ago"
    if seconds < 2 * 86400:
        return f"published {seconds / 3600:.0f} hours ago"
    return f"published {seconds / 86400:.0f} days ago"


@app.command()
def connectors():
    """List the connectors and the shipped mappings."""
    from ingestion.mapping import load_mapping, shipped_mappings
    from ingestion.registry import all_connectors

    out.print("Connectors:")
    for name, cls in all_connectors().items():
        out.print(f"  {name:<14} {cls.description}")
    out.print("Shipped mappings (--mapping):")
    for name in shipped_mappings():
        m = load_mapping(name)
        out.print(f"  {name:<24} -> {m.target:<22} {m.description}")


@app.command("config")
@friendly
def show_config(config: Optional[Path] = ConfigOpt):
    """Print every setting with its current value and help; the salt only as whether it is usable."""
    settings = load_settings(config)
    for name, help_text in setting_help().items():
        shown = _salt_status(settings) if name == "salt" else repr(getattr(settings, name))
        out.print(f"{name} = {shown}\n    {help_text}", highlight=False)
    if settings.salt_problem():
        console.print(f"[bold yellow]warning:[/] {settings.salt_problem()}: `tyndau ingest` refuses it.\n"
                      f"[bold]what to do:[/] {escape(SALT_HINT)}", highlight=False)


def _salt_status(settings) -> str:
    """Whether the salt may be used, never the salt itself (nor its length, which narrows a guess)."""
    problem = settings.salt_problem()
    return f"*** (REFUSED: {problem})" if problem else f"*** (set; at least {MIN_SALT_LENGTH} characters)"


# ---------------------------------------------------------------- training planners: gaps, plan, questionnaire


def open_reader(settings):
    from warehouse.db import connect

    return connect(settings.db_path, read_only=True)


def _agency_filter(con, agency: Optional[str]):
    """Filters for --agency NAME (code or part of a name, any language); an unknown name is an error."""
    from insights.scope import Filters
    from insights.training.planning import find_agency

    if not agency:
        return None
    keys = find_agency(con, agency)
    if not keys:
        raise TyndauError(f"No agency matches {agency!r}.", hint="Give an agency code (e.g. POL-23) or part of its name.")
    return Filters(agencies=tuple(keys))


def _write_or_print(data: bytes, out_file: Optional[Path]) -> None:
    if out_file:
        out_file.write_bytes(data)
        console.print(f"Wrote {out_file}")
    else:
        sys.stdout.write(data.decode("utf-8"))


LangOpt = typer.Option(None, "--lang", help="Language of names and headers: kk, ru or en (default: dashboard_language).")


@app.command()
@friendly
def gaps(
    agency: Optional[str] = typer.Option(None, "--agency", help="Only this agency (code or part of its name)."),
    fmt: str = typer.Option("table", "--format", help="table or csv."),
    top: int = typer.Option(20, "--top", help="The N largest gaps in the table format (csv has all)."),
    per_agency: int = typer.Option(3, "--per-agency", help="At most this many areas of one agency in the table."),
    lang: Optional[str] = LangOpt,
    out_file: Optional[Path] = typer.Option(None, "--out", help="Write the csv to this file instead of stdout."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Behaviour gaps per agency and area from citizens' appeals, largest first: gap, interval, certainty, evidence."""
    from insights.exports import csv_bytes
    from insights.training.planning import PlanningRules, citizen_gaps, gaps_for_export

    settings = settings_from(config, db)
    _require_warehouse(settings.db_path)
    con = open_reader(settings)
    frame = gaps_for_export(citizen_gaps(con, _agency_filter(con, agency), PlanningRules.from_settings(settings)))
    if fmt == "csv":
        _write_or_print(csv_bytes(frame), out_file)
    elif fmt == "table":
        _print_gaps(con, frame, top, per_agency, _language(lang, settings))
    else:
        raise TyndauError(f"Unknown format {fmt!r}.", hint="Use --format table or --format csv.")


def _language(lang: Optional[str], settings) -> str:
    from dashboard.i18n import LANGUAGES

    chosen = lang or settings.dashboard_language
    if chosen not in LANGUAGES:
        raise TyndauError(f"Unknown language {chosen!r}.", hint="Use --lang kk, --lang ru or --lang en.")
    return chosen


def _agency_names(con, lang: str) -> dict[str, str]:
    return dict(con.execute(f"select agency_key, coalesce(name_{lang}, name_en, agency_key) from dim_agencies").fetchall())


def _print_gaps(con, frame, top: int, per_agency: int, lang: str) -> None:
    import polars as pl
    from rich.table import Table

    from dashboard.i18n import area_name, month, number, percent, signed, text

    if frame.height == 0:
        out.print(text("training.no_gaps", lang))
        return
    names = _agency_names(con, lang)
    shown = frame.filter(pl.col("rank_in_agency") <= per_agency).sort("gap_score", descending=True).head(top)
    period = text("training.period", lang, start=month(frame["period_start"][0], lang), end=month(frame["period_end"][0], lang))
    table = Table(title=text("cli.gaps_title", lang), caption=period)
    for key in ("dimension.agency", "dimension.area", "training.rank", "training.gap_pp", "training.interval",
                "training.trend", "training.certainty", "training.complaints", "training.classified"):
        table.add_column(text(key, lang))
    for r in shown.iter_rows(named=True):
        trend = None if r["trend"] is None else 100 * r["trend"]
        table.add_row(f"{names.get(r['agency_key'], r['agency_key'])} ({r['agency_key']})", area_name(r["area"], lang),
                      str(r["rank_in_agency"]), signed(100 * r["gap_score"], lang),
                      f"{signed(100 * r['gap_low'], lang)} … {signed(100 * r['gap_high'], lang)}", signed(trend, lang),
                      percent(r["certainty"], lang, 0), number(r["negative_appeals"], lang),
                      number(r["classified_appeals"], lang))
    _wide().print(table)


def _wide() -> Console:
    """Reports are wide tables: as wide as the terminal, and never narrower than 140 columns."""
    return Console(soft_wrap=True, width=max(out.width, 140))


@app.command()
@friendly
def plan(
    budget: float = typer.Option(..., "--budget", help="Budget in KZT."),
    seats: Optional[int] = typer.Option(None, "--seats", help="At most this many seats in total."),
    mandatory: list[str] = typer.Option(
        [], "--mandatory", help="A course every member of some staff categories must take, bought first: COURSE_ID "
                                "(all staff) or COURSE_ID:CATEGORY,... (an agency kind, e.g. C03:police). Repeatable."),
    fmt: str = typer.Option("table", "--format", help="table, csv or xlsx (xlsx needs --out)."),
    out_file: Optional[Path] = typer.Option(None, "--out", help="Write csv or xlsx to this file."),
    lang: Optional[str] = LangOpt,
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """A training plan within a budget (and seat limit): mandatory courses first, then the seats that close the
    most positive gap; each line says why (citizens' gap, certainty, 360 shortfall, their weights, evidence)."""
    from dashboard.plan_reasons import with_reasons
    from insights.training.planning import (Mandate, PlanningRules, plan_csv_bytes, plan_summary, plan_with_coverage,
                                            plan_xlsx_bytes)

    if fmt not in ("table", "csv", "xlsx"):
        raise TyndauError(f"Unknown format {fmt!r}.", hint="Use --format table, csv or xlsx.")
    if fmt == "xlsx" and not out_file:
        raise TyndauError("An Excel plan needs a file to go to.", hint="Add --out plan.xlsx.")
    settings = settings_from(config, db)
    _require_warehouse(settings.db_path)
    chosen = _language(lang, settings)
    rules = PlanningRules.from_settings(settings)
    mandates = tuple(Mandate.parse(spec) for spec in mandatory)
    con = open_reader(settings)
    table, coverage = plan_with_coverage(con, budget, seats, None, rules, mandates)
    table = with_reasons(table, chosen)
    summary = plan_summary(table, budget, seats, coverage)
    if fmt == "csv":
        _write_or_print(plan_csv_bytes(table, chosen), out_file)
    elif fmt == "xlsx":
        _write_or_print(plan_xlsx_bytes(table, summary, chosen), out_file)
    else:
        _print_plan(con, table, summary, coverage, chosen)


PLAN_TABLE_COLUMNS = ("agency_key", "course_id", "seats", "cost", "mandatory_for", "top_area", "gap_pp", "certainty",
                      "survey_shortfall_pp", "citizens_part", "survey_part", "evidence", "plan_value")


def _print_plan(con, table, summary: dict, coverage, lang: str) -> None:
    """The plan's lines as columns (numbers in the locale), then each line's reason on a line of its own
    under the same number, so the sentence is readable however narrow the terminal."""
    from rich.table import Table

    from dashboard.i18n import area_name, number, percent, points, text
    from dashboard.plan_reasons import category_names

    names = _agency_names(con, lang)
    title = text("cli.plan_title", lang, cost=number(summary["cost"], lang), budget=number(summary["budget"], lang),
                 seats=number(summary["seats"], lang), agencies=number(summary["agencies"], lang),
                 value=number(summary["value"], lang, 1))
    view = Table(title=title)
    view.add_column("#", overflow="fold")
    for column in PLAN_TABLE_COLUMNS:
        view.add_column(text("dimension.agency" if column == "agency_key" else f"column.{column}", lang),
                        overflow="fold")
    none = text("value.none", lang)
    maybe = lambda v, f: f(v) if v is not None else none  # noqa: E731
    for i, r in enumerate(table.iter_rows(named=True), start=1):
        view.add_row(
            str(i), r["agency_key"], r["course_id"], number(r["seats"], lang), number(r["cost"], lang),
            category_names(r["mandatory_for"], lang) or none, maybe(r["top_area"], lambda v: area_name(v, lang)),
            maybe(r["gap_score"], lambda v: points(v, lang)), maybe(r["certainty"], lambda v: percent(v, lang, 0)),
            maybe(r["survey_shortfall"], lambda v: percent(v, lang)),
            maybe(r["citizens_part"], lambda v: number(100 * v, lang, 2)),
            maybe(r["survey_part"], lambda v: number(100 * v, lang, 2)),
            maybe(r["negative_appeals"], lambda v: f"{number(v, lang)} / {number(r['classified_appeals'], lang)}"),
            number(r["plan_value"], lang, 2))
    _wide().print(view)
    if table.height == 0:
        out.print(text("plan.empty", lang))
    for i, r in enumerate(table.iter_rows(named=True), start=1):
        course = r[f"title_{lang}"] or r["title_en"]
        _wide().print(f"{i}. {names.get(r['agency_key'], r['agency_key'])} ({r['agency_key']}), {r['course_id']} "
                      f"{course}: {r['reason']}", highlight=False, markup=False)
    if coverage.height:
        _print_coverage(coverage, lang)


def _print_coverage(coverage, lang: str) -> None:
    from rich.table import Table

    from dashboard.i18n import number, percent, text, value_name

    view = Table(title=text("plan.coverage", lang), caption=text("plan.coverage_caption", lang))
    for column in ("course_id", "category", "agencies", "agencies_reached", "staff", "seats_needed", "seats",
                   "coverage"):
        view.add_column(text(f"column.{column}", lang))
    for r in coverage.iter_rows(named=True):
        view.add_row(r["course_id"], value_name("staff_category", r["category"], lang), number(r["agencies"], lang),
                     number(r["agencies_reached"], lang), number(r["staff"], lang), number(r["seats_needed"], lang),
                     number(r["seats"], lang), percent(r["coverage"], lang))
    _wide().print(view)


@app.command("publish")
@friendly
def publish_open_data(
    out_dir: Path = typer.Option(..., "--out", help="Folder to write the open-data package and site into (new or empty)."),
    min_count: Optional[int] = typer.Option(None, "--min-count", help="Suppress cells of fewer appeals or ratings than this (default: publish_min_count)."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite the folder if it already holds files."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Open data: responsiveness and appeals by area per agency, region and month (aggregates only, small cells
    suppressed) as CSV, Parquet and datapackage.json, with a static site in kk, ru and en."""
    from insights.open_data import publish_package

    settings = settings_from(config, db)
    _require_warehouse(settings.db_path)
    k = settings.publish_min_count if min_count is None else min_count
    con = open_reader(settings)
    try:
        frames = publish_package(con, out_dir, k, replace)
    finally:
        con.close()
    for name, frame in frames.items():
        hidden = int(frame["suppressed"].sum())
        console.print(f"{name}: {frame.height} rows, {hidden} suppressed (threshold {k})")
    console.print(f"Wrote {out_dir} (open {out_dir / 'kk' / 'index.html'}, ru/, en/)")


@app.command()
@friendly
def equity(
    agency: Optional[str] = typer.Option(None, "--agency", help="Only this agency (code or part of its name)."),
    fmt: str = typer.Option("table", "--format", help="table or csv."),
    show_all: bool = typer.Option(False, "--all", help="Every comparison tested, not only the clear differences."),
    lang: Optional[str] = LangOpt,
    out_file: Optional[Path] = typer.Option(None, "--out", help="Write the csv to this file instead of stdout."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Are all citizens served alike? Groups compared within agencies (on time, days, satisfaction, complaints)."""
    from insights.equity import comparisons_for_export, equity_report
    from insights.exports import csv_bytes
    from insights.training.planning import PlanningRules

    settings = settings_from(config, db)
    _require_warehouse(settings.db_path)
    con = open_reader(settings)
    report = equity_report(con, _agency_filter(con, agency), PlanningRules.from_settings(settings))
    if fmt == "csv":
        _write_or_print(csv_bytes(comparisons_for_export(report)), out_file)
    elif fmt == "table":
        _print_equity(con, report, show_all, _language(lang, settings), settings.equity_min_cell)
    else:
        raise TyndauError(f"Unknown format {fmt!r}.", hint="Use --format table or --format csv.")


def _print_equity(con, report, show_all: bool, lang: str, min_cell: int) -> None:
    import polars as pl
    from rich.table import Table

    from dashboard.equity_names import difference_text, figure_text, group_name, interval_text, measure_name, p_text
    from dashboard.i18n import month, number, percent, text
    from insights.equity import FDR

    if report.period is None:
        out.print(text("equity.no_data", lang))
        return
    names = _agency_names(con, lang)
    period = text("equity.period", lang, start=month(report.period[0], lang), end=month(report.period[1], lang))
    for title, frame in (("cli.equity_national_title", report.national), ("cli.equity_title", report.agencies)):
        shown = frame if show_all else frame.filter(pl.col("is_significant"))
        if shown.height == 0:
            out.print(f"{text(title, lang)}: {text('cli.equity_none', lang)}")
            continue
        view = Table(title=text(title, lang), caption=period)
        agencies = "agency_key" in shown.columns
        headers = (["dimension.agency"] if agencies else []) + [
            "column.group", "column.reference", "column.measure", "column.group_figure", "column.reference_figure",
            "column.difference" if not agencies else "column.effect_interval", "column.p_adjusted"]
        for key in headers:
            view.add_column(text(key, lang), overflow="fold")
        for r in shown.sort("p_adjusted").iter_rows(named=True):
            m = r["measure"]
            cells = [f"{names.get(r['agency_key'], r['agency_key'])} ({r['agency_key']})"] if agencies else []
            cells += [group_name(r["dimension"], r["group_value"], lang), group_name(r["dimension"], r["reference"], lang),
                      measure_name(m, r.get("area"), lang), figure_text(m, r["group_figure"], lang),
                      figure_text(m, r["reference_figure"], lang),
                      f"{difference_text(m, r['difference'], lang)} ({interval_text(m, r['low'], r['high'], lang)})",
                      p_text(r["p_adjusted"], lang)]
            view.add_row(*cells)
        _wide().print(view)
        out.print(text("equity.agencies_caption" if agencies else "equity.national_caption", lang,
                       k=number(min_cell, lang), tests=number(frame.height, lang), fdr=percent(FDR, lang, 0)),
                  highlight=False, markup=False)


@app.command()
@friendly
def questionnaire(
    out_file: Path = typer.Option(..., "--out", help="File to write (.xlsx for xlsform, .csv for csv)."),
    fmt: str = typer.Option("xlsform", "--format", help="xlsform (KoboToolbox, ODK) or csv."),
    area: list[str] = typer.Option([], "--area", help="Only these competency areas (repeatable; default all)."),
):
    """The 360-degree questionnaire per area from the taxonomy, in Kazakh, Russian and English."""
    from insights.training.questionnaire import questions, write_questionnaire

    write_questionnaire(out_file, fmt, tuple(area))
    out.print(f"Wrote {out_file}: {len(questions(tuple(area)))} items; answers ingest with "
              f"`tyndau ingest EXPORT.csv -c kobo`.")


# ---------------------------------------------------------------- early warning

ALERT_HEADER_KEYS = {"month": "dimension.month", "agency": "dimension.agency", "region": "dimension.region"}


@app.command()
@friendly
def alerts(
    fmt: str = typer.Option("table", "--format", help="table or csv."),
    show: str = typer.Option("open", "--show", help="open (not acknowledged), new (never sent) or all."),
    lang: Optional[str] = LangOpt,
    out_file: Optional[Path] = typer.Option(None, "--out", help="Write the csv to this file instead of stdout."),
    apply: bool = typer.Option(False, "--apply", help="Store the acknowledgements the dashboard queued, then publish."),
    send: bool = typer.Option(False, "--send", help="Store queued acknowledgements, then send the digest of new, "
                                                    "unacknowledged alerts by e-mail and/or webhook, then publish."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Early-warning alerts: unusual monthly rises of complaints per area, or of appeals, per agency and region,
    and of the appeals of each emerging theme (found by `tyndau build` and `tyndau topics build`), listed
    (table or csv), acknowledged, and sent as a digest."""
    settings = settings_from(config, db)
    _require_warehouse(settings.db_path)
    language = _language(lang, settings)
    if apply or send:
        _alerts_writer(settings, language, send)
        return
    from insights.alerts import alert_list

    con = open_reader(settings)
    frame = _alert_selection(alert_list(_with_alerts(con)), show)
    if fmt == "csv":
        _write_or_print(_alerts_csv(con, frame, language), out_file)
    elif fmt == "table":
        _print_alerts(con, frame, language)
    else:
        raise TyndauError(f"Unknown format {fmt!r}.", hint="Use --format table or --format csv.")


def _with_alerts(con):
    if not con.execute("select count(*) from duckdb_tables() where table_name = 'mart_alerts'").fetchone()[0]:
        raise TyndauError("The warehouse has no alerts yet.", hint="Run `tyndau build` (it finds the alerts).")
    return con


def _alert_selection(frame, show: str):
    import polars as pl

    chosen = {"open": pl.col("status") != "acknowledged", "new": pl.col("status") == "new", "all": pl.lit(True)}
    if show not in chosen:
        raise TyndauError(f"Unknown selection {show!r}.", hint="Use --show open, --show new or --show all.")
    return frame.filter(chosen[show])


def _dimension_names(con, lang: str) -> dict:
    regions = dict(con.execute(f"select region_key, coalesce(name_{lang}, name_en, region_key) from dim_regions").fetchall())
    return {"agency": _agency_names(con, lang), "region": regions}


def _alerts_csv(con, frame, lang: str) -> bytes:
    import polars as pl

    from dashboard.i18n import STRINGS, text, value_name
    from insights.alerts import alerts_for_export
    from insights.exports import csv_bytes
    from tyndau.digest import measure, where

    names = _dimension_names(con, lang)
    export = alerts_for_export(frame, lambda r: where(r, names, lang), lambda r: measure(r, lang)).with_columns(
        pl.col("metric").map_elements(lambda v: value_name("metric", v, lang), return_dtype=pl.Utf8),
        pl.col("status").map_elements(lambda v: value_name("alert_status", v, lang), return_dtype=pl.Utf8))
    keys = {c: ALERT_HEADER_KEYS.get(c, f"column.{c}") for c in export.columns}
    return csv_bytes(export, {c: text(k, lang) for c, k in keys.items() if k in STRINGS})


def _print_alerts(con, frame, lang: str) -> None:
    from rich.table import Table

    from dashboard.i18n import text, value_name
    from tyndau.digest import alert_title, evidence_line

    if frame.height == 0:
        out.print(text("alerts.none", lang))
        return
    names = _dimension_names(con, lang)
    table = Table(title=text("cli.alerts_title", lang))
    for key in ("column.alert_id", "column.status", "alerts.col_series", "alerts.col_evidence"):
        table.add_column(text(key, lang))
    for r in frame.iter_rows(named=True):
        table.add_row(r["alert_id"], value_name("alert_status", r["status"], lang),
                      escape(alert_title(r, names, lang)), escape(evidence_line(r, lang)))
    _wide().print(table)


def _alerts_writer(settings, lang: str, send: bool) -> None:
    from warehouse.alert_state import apply_acknowledgements

    con = open_writer(settings)
    try:
        _with_alerts(con)
        counts = apply_acknowledgements(con, settings)
        out.print(f"Acknowledgements: {counts['applied']} stored, {counts['failed']} failed "
                  f"(kept in the inbox's acknowledgements/failed with the reason).")
        try:
            if send:
                _send_digest(con, settings, lang)
        finally:  # stored acknowledgements and deliveries reach the dashboard even when a channel fails
            publish(con, settings)
    finally:
        con.close()


def _send_digest(con, settings, lang: str) -> None:
    from insights.alerts import undelivered
    from tyndau.digest import SENDERS, channels, compose
    from warehouse.alert_state import record_deliveries

    configured = channels(settings)
    if not configured:
        raise TyndauError("No digest channel is configured.",
                          hint="Set alert_smtp_host and alert_mail_to (e-mail) and/or alert_webhook_url, "
                               "in tyndau.toml or TYNDAU_* variables.")
    names = _dimension_names(con, lang)
    for channel in configured:
        pending = undelivered(con, channel)
        if pending.height == 0:
            out.print(f"{channel}: no new alerts to send.")
            continue
        digest = compose(pending, names, lang)
        SENDERS[channel](settings, digest)
        record_deliveries(con, digest.alert_ids, channel)
        out.print(f"{channel}: sent {len(digest.alert_ids)} alert(s).")


# ---------------------------------------------------------------- dashboard: users, serving, corrections, audit, demo

users_app = typer.Typer(help="Dashboard users (a TOML file of argon2 password hashes and roles).", no_args_is_help=True)
corrections_app = typer.Typer(help="Analysts' label corrections queued by the dashboard.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(corrections_app, name="corrections")
DASHBOARD_APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


@users_app.command("add")
@friendly
def users_add(
    name: str = typer.Argument(..., help="User name to log in with."),
    role: str = typer.Option(..., "--role", help="leadership, analyst, training_planner or admin."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin (for scripts)."),
    display_name: str = typer.Option("", "--display-name", help="Name shown in the dashboard."),
    email: str = typer.Option("", "--email", help="E-mail an OIDC login maps to this user (optional)."),
    replace: bool = typer.Option(False, "--replace", help="Change an existing user's password and role."),
    config: Optional[Path] = ConfigOpt,
):
    """Add a dashboard user to the users file (users_file), storing an argon2 hash of the password."""
    from dashboard.users import add_user

    settings = load_settings(config)
    password = sys.stdin.readline().rstrip("\n") if password_stdin else \
        typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = add_user(settings.users_file, name, role, password, display_name, email, replace, settings.file_mode)
    out.print(f"User {user.name} ({user.role}) saved in {settings.users_file}.")


@users_app.command("list")
@friendly
def users_list(config: Optional[Path] = ConfigOpt):
    """List the dashboard users and their roles (never the hashes)."""
    from dashboard.users import load_entries

    settings = load_settings(config)
    entries = load_entries(settings.users_file)
    for name, entry in sorted(entries.items()):
        out.print(f"  {name:<24} {entry['role']:<18} {entry.get('email', '')}", highlight=False)
    if not entries:
        out.print(f"No users in {settings.users_file}; add one with `tyndau users add NAME --role ROLE`.")


@app.command()
@friendly
def dashboard(
    port: int = typer.Option(8501, "--port", help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Serve the dashboard (Streamlit, headless) on the published snapshot of the warehouse."""
    import os

    settings = settings_from(config, db)
    _check_dashboard_ready(settings)
    os.environ.update(_dashboard_environment(config, db))
    console.print(f"Dashboard on http://{host}:{port} (snapshot {settings.resolved_snapshot_path()}); Ctrl+C stops it.")
    os.execv(sys.executable, [sys.executable, *_streamlit_arguments(port, host)])


def _check_dashboard_ready(settings) -> None:
    from dashboard.users import load_entries

    if not Path(settings.resolved_snapshot_path()).exists():
        raise TyndauError(f"No warehouse snapshot at {settings.resolved_snapshot_path()}.",
                          hint="Run `tyndau demo` for the sample data, or `tyndau init`, `tyndau ingest` and `tyndau build`.")
    if not load_entries(settings.users_file):
        console.print(f"[yellow]No users in {settings.users_file}:[/] nobody can log in until you run "
                      "`tyndau users add NAME --role ROLE`.")


def _dashboard_environment(config: Optional[Path], db: Optional[Path]) -> dict[str, str]:
    env = {}
    if config:
        env["TYNDAU_CONFIG"] = str(config.resolve())
    if db:
        env["TYNDAU_DB_PATH"] = str(db.resolve())
    return env


def _streamlit_arguments(port: int, host: str) -> list[str]:
    return ["-m", "streamlit", "run", str(DASHBOARD_APP), "--server.headless", "true", "--server.port", str(port),
            "--server.address", host, "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            "--global.developmentMode", "false", "--client.toolbarMode", "minimal"]


# ---------------------------------------------------------------- the read-only API and its tokens

api_tokens_app = typer.Typer(help="Tokens for the read-only API (stored as SHA-256 hashes beside the users file).",
                             no_args_is_help=True)
app.add_typer(api_tokens_app, name="api-tokens")


@api_tokens_app.command("add")
@friendly
def api_tokens_add(
    user: str = typer.Option(..., "--user", help="Dashboard user the token acts as (and whose role it has)."),
    label: str = typer.Option("", "--label", help="Which system uses it, e.g. 'e-Otinish' (shown in the list)."),
    expires_days: Optional[int] = typer.Option(None, "--expires-days", help="Days until it stops working (default: never)."),
    config: Optional[Path] = ConfigOpt,
):
    """Issue an API token for a user; it is printed once and only its hash is kept."""
    from api.tokens import issue, tokens_path

    settings = load_settings(config)
    path = tokens_path(settings.users_file)
    token, entry = issue(path, settings.users_file, user, label, expires_days, settings.file_mode)
    console.print(f"Token {entry.token_id} for {entry.user} saved (as a hash) in {path}. "
                  "Copy it now; it is not shown again:")
    out.print(token, highlight=False)


@api_tokens_app.command("list")
@friendly
def api_tokens_list(config: Optional[Path] = ConfigOpt):
    """List the API tokens: id, user, label, when issued and when they expire (never the tokens or hashes)."""
    from api.tokens import entries, tokens_path

    settings = load_settings(config)
    found = entries(tokens_path(settings.users_file))
    for e in found:
        out.print(f"  {e.token_id}  {e.user:<20} {e.created_at:<26} {e.expires_at or 'no expiry':<26} {e.label}",
                  highlight=False)
    if not found:
        out.print("No API tokens; issue one with `tyndau api-tokens add --user NAME`.")


@api_tokens_app.command("revoke")
@friendly
def api_tokens_revoke(token_id: str = typer.Argument(..., help="The token's id (from `tyndau api-tokens list`)."),
                      config: Optional[Path] = ConfigOpt):
    """Revoke an API token: the next request with it gets 401."""
    from api.tokens import revoke, tokens_path

    settings = load_settings(config)
    removed = revoke(tokens_path(settings.users_file), token_id, settings.file_mode)
    out.print(f"Token {removed.token_id} of {removed.user} revoked.")


@app.command("api")
@friendly
def api_serve(
    port: int = typer.Option(8502, "--port", help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (put a TLS proxy in front "
                                                         "before opening it beyond this machine)."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Serve the read-only JSON API (OpenAPI at /v1/openapi.json) on the published snapshot."""
    from api.app import serve
    from api.tokens import entries, tokens_path

    settings = settings_from(config, db)
    if not Path(settings.resolved_snapshot_path()).exists():
        raise TyndauError(f"No warehouse snapshot at {settings.resolved_snapshot_path()}.",
                          hint="Run `tyndau demo` for the sample data, or `tyndau init`, `tyndau ingest` and `tyndau build`.")
    if not entries(tokens_path(settings.users_file)):
        console.print("[yellow]No API tokens yet:[/] every request gets 401 until you run "
                      "`tyndau api-tokens add --user NAME`.")
    console.print(f"API on http://{host}:{port}/v1 (snapshot {settings.resolved_snapshot_path()}); Ctrl+C stops it.")
    serve(settings, host, port)


@corrections_app.command("apply")
@friendly
def corrections_apply(
    rebuild: bool = typer.Option(True, "--build/--no-build", help="Rebuild the marts so the pages show them."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Store the corrections the dashboard queued (its inbox) beside the model's labels, then rebuild."""
    settings = settings_from(config, db)
    con = open_writer(settings)
    counts = _apply_corrections(con, settings)
    out.print(f"Corrections: {counts['applied']} applied, {counts['failed']} failed "
              f"(kept in {settings.resolved_inbox_dir()}/failed with the reason).")
    if rebuild and counts["applied"]:
        from warehouse.build import build_models

        build_models(con, settings)
    publish(con, settings)


def _apply_corrections(con, settings) -> dict[str, int]:
    from nlp.review import store_correction
    from warehouse.inbox import apply_pending

    def store(c):
        store_correction(con, c.text_id, c.areas, c.analyst, note=c.note or None,
                         reviewed_model_version=c.model_version or None, correction_id=c.correction_id)

    return apply_pending(settings.resolved_inbox_dir(), store)


@app.command()
@friendly
def audit(last: int = typer.Option(50, "--last", help="How many of the latest records."),
          config: Optional[Path] = ConfigOpt, db: Optional[Path] = DbOpt):
    """Show who read which citizens' texts in the dashboard (the append-only audit log)."""
    from warehouse.audit import read

    settings = settings_from(config, db)
    for r in read(settings.resolved_audit_log_path(), last):
        out.print(f"{r['at']} {r['user']:<16} {r['role']:<12} {r['action']:<7} {r['page']:<14} "
                  f"{r['appeal_count']:>5} text(s) {r['detail'][:60]}", highlight=False)


@app.command()
@friendly
def demo(
    port: int = typer.Option(8501, "--port", help="Port of the dashboard."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address of the dashboard."),
    folder: Path = typer.Option(Path("demo"), "--dir", help="Folder for the demo warehouse and its users file."),
    train: bool = typer.Option(True, "--train/--no-train", help="Train the default classifier if none exists."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Start the dashboard at the end."),
    reset_passwords: bool = typer.Option(False, "--reset-passwords",
                                         help="Give the four demo users new passwords (printed once)."),
):
    """The sample data end to end: init, ingest every file, classify, build, demo users, then the dashboard.

    Writes ./tyndau.toml (when there is none) so that every later command in this folder finds the demo
    warehouse and its users."""
    import os

    settings = load_settings(None, db_path=str(folder / "tyndau.duckdb"), users_file=str(folder / "users.toml"),
                             salt=_demo_salt(folder))
    con = open_writer(settings)
    from warehouse.refdata import load_reference_data

    load_reference_data(con)
    _demo_ingest(con, settings, folder)
    _demo_classify(con, settings, train)
    from warehouse.build import build_models

    out.print("==> building the marts and the search index")
    build_models(con, settings)
    publish(con, settings)
    con.close()
    _demo_users(settings, reset_passwords)
    _remember_demo(settings)
    if serve:
        os.environ.update({"TYNDAU_DB_PATH": str(Path(settings.db_path).resolve()),
                           "TYNDAU_USERS_FILE": str(Path(settings.users_file).resolve())})
        console.print(f"Dashboard on http://{host}:{port}; Ctrl+C stops it.")
        os.execv(sys.executable, [sys.executable, *_streamlit_arguments(port, host)])


def _demo_salt(folder: Path) -> str:
    """The demo's own random salt, made once and kept in the demo folder (0600), so a second run
    hashes the same applicant the same way; the sample's IINs are made up, but a deployment's salt
    is never a value shipped with the code."""
    import secrets

    from warehouse.files import write_private_text

    file = folder / "demo.salt"
    if not file.exists():
        write_private_text(file, secrets.token_urlsafe(32))
    return file.read_text(encoding="utf-8").strip()


def _demo_sample_folder(folder: Path) -> Path:
    """The committed sample (sample_data/default), or the same generated once into the demo folder."""
    shipped = Path(__file__).resolve().parents[1] / "sample_data" / "default"
    if (shipped / "appeals.csv").exists():
        return shipped
    generated = folder / "sample"
    if not (generated / "appeals.csv").exists():
        from sample_data.generate import generate

        out.print(f"==> generating the sample dataset into {generated}")
        generate(generated)
    return generated


def _demo_ingest(con, settings, folder: Path) -> None:
    from ingestion.sample_files import ingest_sample_dataset

    sample = _demo_sample_folder(folder)
    out.print(f"==> loading {sample}")
    ingest_sample_dataset(con, sample, settings, on_file=lambda name, report: out.print(
        f"  {name:<24} read {report.counts.read:>8,}  new {report.counts.inserted:>8,}  "
        f"rejected {report.counts.rejected:,}"))


def _demo_classify(con, settings, train: bool) -> None:
    """Classify with the installed model; without one, train the default first (a few minutes, once)."""
    model_dir = Path(settings.model_dir)
    if not (model_dir / "encoder.json").exists():
        if not train:
            console.print("[yellow]No classifier: the themes pages stay empty.[/] Train one with "
                          "`tyndau demo --train` or `tyndau train`.")
            return
        from nlp.train import TrainConfig
        from nlp.train import train as train_model

        out.print(f"==> no classifier in {model_dir}: training the default one (a few minutes, only this once)")
        train_model(TrainConfig(out=model_dir), progress=lambda line: out.print(f"  {line}", highlight=False))
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from nlp.classify import classify_pending, count_pending
    from nlp.ensemble import load_classifier

    out.print(f"==> classifying the texts with {model_dir}")
    classifier = load_classifier(model_dir)
    with Progress(TextColumn("  classifying"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                  TimeRemainingColumn(), console=console, transient=True) as progress:
        task = progress.add_task("classify", total=count_pending(con, classifier.model_hash))
        report = classify_pending(con, classifier, on_batch=lambda n: progress.advance(task, n))
    out.print(f"  {report.classified:,} classified, {report.failed:,} could not be ({report.rate:,.0f} texts/s)")


def _demo_users(settings, reset: bool = False) -> None:
    """One user per role with a fresh random password, printed once (only when the file has none, or on reset)."""
    import secrets

    from dashboard.users import ROLES, add_user, load_entries

    if load_entries(settings.users_file) and not reset:
        out.print(f"==> users: {settings.users_file} (unchanged); `tyndau demo --reset-passwords` gives new passwords")
        return
    out.print(f"==> demo users (saved as argon2 hashes in {settings.users_file}; passwords shown only now):")
    for role in ROLES:
        password = secrets.token_urlsafe(9)
        add_user(settings.users_file, _demo_user_name(role), role, password, replace=True, mode=settings.file_mode)
        out.print(f"  {_demo_user_name(role):<24} {password}   ({role})", highlight=False)


def _demo_user_name(role: str) -> str:
    return f"demo-{role.replace('_', '-')}"


def _remember_demo(settings) -> None:
    """Point ./tyndau.toml at the demo, so `tyndau status`, `ingest` or `dashboard` find it afterwards
    (instead of quietly creating a second, empty warehouse); an existing file is never overwritten."""
    import os

    db, users = Path(settings.db_path).resolve(), Path(settings.users_file).resolve()
    config = Path(os.environ.get("TYNDAU_CONFIG", "tyndau.toml"))
    out.print(f"==> the demo warehouse is {db}")
    if config.exists():
        out.print(f"    {config} exists and is left as it is: pass --db {db} to other commands.")
        return
    from warehouse.files import write_private_text

    # The demo's salt goes with it, so a later `tyndau ingest` here hashes applicants as the demo did
    # (the file is private, 0600, like the salt file it comes from).
    write_private_text(config,
        "# Written by `tyndau demo`: every tyndau command run in this folder uses the demo warehouse.\n"
        "# Delete this file (or edit db_path) to use another warehouse.\n"
        f"[tyndau]\ndb_path = {_toml_string(db)}\nusers_file = {_toml_string(users)}\n"
        f"salt = {_toml_string(settings.salt)}\n")
    out.print(f"    wrote {config.resolve()}: later commands in this folder use it.")


def _toml_string(value) -> str:
    import json

    return json.dumps(str(value), ensure_ascii=False)


# --- the classifier: train, evaluate, classify, explain (nlp/) --------------------------------------

ModelOpt = typer.Option(None, "--model", help="Model directory (default: the model_dir setting).")


@app.command("train")
@friendly
def train_cmd(
    out_dir: Optional[Path] = typer.Option(None, "--out", help="Where to save the model (default: model_dir)."),
    base: Optional[str] = typer.Option(None, "--base", help="The encoder: any local save_pretrained checkpoint "
                                       "(default models/e5-small, built by scripts/setup.sh)."),
    epochs: Optional[int] = typer.Option(None, "--epochs", help="Epochs of the head over the encoder vectors "
                                         "(default 40)."),
    seed: int = typer.Option(13, "--seed", help="Random seed (training is deterministic for a seed)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many labelled texts per language "
                                        "(a quick model for trying things out)."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = typer.Option(None, "--db", help="Warehouse whose analysts' corrections join the training data."),
):
    """Train the classifier: encoder vectors + head, n-grams, calibration (+ reviewed corrections); offline."""
    from nlp.train import TrainConfig
    from nlp.train import train as train_model

    settings = settings_from(config, None)
    corrections = _corrections_from(db)
    cfg = TrainConfig(out=out_dir or Path(settings.model_dir), base=base, seed=seed, limit=limit)
    if epochs is not None:
        cfg.epochs = epochs
    report = train_model(cfg, extra=corrections, progress=lambda line: console.print(line, highlight=False))
    out.print(f"Model saved in {report.out} ({report.seconds / 60:.1f} min). Validation macro F1: "
              + ", ".join(f"{k} {v['macro_f1']}" for k, v in report.validation.items()))


def _corrections_from(db: Optional[Path]) -> list:
    if db is None:
        return []
    from nlp.review import corrections_as_examples
    from warehouse.db import connect

    con = connect(db, read_only=True)
    try:
        examples = corrections_as_examples(con)
    finally:
        con.close()
    console.print(f"{len(examples)} reviewed correction(s) from {db} join the training data.")
    return examples


@app.command("evaluate")
@friendly
def evaluate_cmd(
    gold: Optional[list[Path]] = typer.Option(None, "--gold", help="Labelled JSON Lines file(s) to score."),
    more: Optional[list[Path]] = typer.Argument(None, help="More gold files (so `--gold eval/*.jsonl` works)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    model_dir: Optional[Path] = ModelOpt,
    real: bool = typer.Option(False, "--real", help="Also run the checks on real text in ../shared/data."),
    real_split: bool = typer.Option(False, "--real-split", help="Also score the real-text evaluation split of "
                                    "nlp/corpus/real (texts read from ../shared/data), with slices."),
    resamples: int = typer.Option(1000, "--resamples", help="Bootstrap resamples for the 95 % intervals."),
    config: Optional[Path] = ConfigOpt,
):
    """Score the model on labelled files: F1 per language with intervals, vs the n-gram baseline."""
    import json

    from nlp.evaluate import evaluate_files, format_report

    files = list(gold or []) + list(more or [])
    if not files and not real and not real_split:
        raise TyndauError("Nothing to evaluate.", hint="Pass --gold FILE.jsonl (e.g. nlp/corpus/eval/*.jsonl), "
                          "--real-split or --real.")
    settings = settings_from(config, None)
    result = evaluate_files(files, model_dir or Path(settings.model_dir), real=real, resamples=resamples,
                            real_split=real_split)
    if as_json:
        out.print_json(json.dumps(result, ensure_ascii=False))
    else:
        out.print(format_report(result), highlight=False)


@app.command("classify")
@friendly
def classify_cmd(
    batch_size: int = typer.Option(256, "--batch-size", help="Texts per batch (one transaction each)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Classify at most this many pending texts."),
    model_dir: Optional[Path] = ModelOpt,
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Label the appeals and survey comments the current model has not labelled yet (resumable)."""
    from nlp.ensemble import load_classifier

    settings = settings_from(config, db)
    classifier = load_classifier(model_dir or Path(settings.model_dir))
    con = open_writer(settings)
    _classify_with_progress(con, classifier, batch_size, limit)
    publish(con, settings)


def _classify_with_progress(con, classifier, batch_size: int = 256, limit: Optional[int] = None) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from nlp.classify import classify_pending, count_pending

    pending = count_pending(con, classifier.model_hash)
    total = min(pending, limit) if limit else pending
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.speed} texts/s"),
                  TimeRemainingColumn(), console=console, transient=True) as progress:
        task = progress.add_task(f"classifying with {classifier.name} {classifier.version}", total=total)
        report = classify_pending(con, classifier, batch_size, limit, on_batch=lambda n: progress.advance(task, n))
    out.print(f"{report.classified:,} classified, {report.failed:,} could not be "
              f"({', '.join(f'{k} {v}' for k, v in report.failures.items()) or 'no failures'}); "
              f"{pending - report.classified - report.failed:,} still pending; {report.rate:,.0f} texts/s.")


@app.command("explain")
@friendly
def explain_cmd(
    text: str = typer.Argument(..., help="The text to classify."),
    model_dir: Optional[Path] = ModelOpt,
    config: Optional[Path] = ConfigOpt,
):
    """Classify one text and show the words that drove each area."""
    from nlp.ensemble import load_classifier

    settings = settings_from(config, None)
    classifier = load_classifier(model_dir or Path(settings.model_dir))
    p = classifier.predict([text])[0]
    if p.failure:
        out.print(f"Not classified: {p.failure}")
        return
    out.print(f"language {p.language} ({p.script}{', transliterated' if p.transliterated else ''}); "
              f"appeal type {p.appeal_type} ({p.appeal_type_score:.2f})", highlight=False)
    evidence = classifier.explain(text)
    for a in p.areas:
        spans = ", ".join(f"«{e.text}»" for e in evidence.get(a.area, []))
        out.print(f"  {a.area:<24} {a.polarity:<8} {a.score:.2f}  {spans}", highlight=False)
    if not p.areas:
        out.print("  no competency area (a plain request)")


# ---------------------------------------------------------------- emerging themes
topics_app = typer.Typer(help="Emerging themes: appeals grouped by meaning across kk, ru and en.", no_args_is_help=True)
app.add_typer(topics_app, name="topics")
EncoderOpt = typer.Option(None, "--encoder", help="Encoder checkpoint (default: models/e5-small).")


@topics_app.command("build")
@friendly
def topics_build(encoder: Optional[Path] = EncoderOpt, config: Optional[Path] = ConfigOpt, db: Optional[Path] = DbOpt):
    """Embed the appeals that have no vector yet (resumable), then find and name the themes."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from insights.topics import REBUILT_WITH_THEMES
    from nlp.encoder import DEFAULT_ENCODER
    from nlp.textvectors import embed_new_appeals
    from warehouse.build import build_models

    settings = settings_from(config, db)
    con = open_writer(settings)
    with Progress(TextColumn("embedding appeals"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("embed", total=None)
        embedded = embed_new_appeals(con, encoder or DEFAULT_ENCODER,
                                     progress=lambda done, total: progress.update(task, completed=done, total=total))
    results = {r.name: r.rows for r in build_models(con, settings, only=list(REBUILT_WITH_THEMES))}
    publish(con, settings)
    out.print(f"{embedded:,} appeals embedded; {results.get('mart_topics', 0):,} themes over "
              f"{results.get('fct_topic_members', 0):,} appeals.")


@topics_app.command("list")
@friendly
def topics_list(
    lang: Optional[str] = LangOpt,
    fmt: str = typer.Option("table", "--format", help="table or csv."),
    out_file: Optional[Path] = typer.Option(None, "--out", help="Write the csv to this file instead of stdout."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """The themes named in one language: new and growing first, with size, trend interval and share in an area."""
    from insights.exports import csv_bytes
    from insights.topics import TopicsError, has_themes, theme_table

    settings = settings_from(config, db)
    _require_warehouse(settings.db_path)
    lang = _language(lang, settings)
    con = open_reader(settings)
    try:
        if not has_themes(con):
            raise TopicsError("The warehouse has no emerging themes yet.")
        frame = theme_table(con, lang)
    finally:
        con.close()
    if fmt == "csv":
        _write_or_print(csv_bytes(frame), out_file)
    elif fmt == "table":
        _print_topics(frame, lang)
    else:
        raise TyndauError(f"Unknown format {fmt!r}.", hint="Use --format table or --format csv.")


def _print_topics(frame, lang: str) -> None:
    from rich.table import Table

    from dashboard.i18n import number, percent, text

    table = Table(title=text("topics.title", lang))
    for key in ("column.theme_no", "column.theme_label", "column.appeals", "column.with_area", "column.theme_flag",
                "column.share_ratio", "column.ratio_interval"):
        table.add_column(text(key, lang))
    for r in frame.iter_rows(named=True):
        table.add_row(str(r["theme_no"]), _theme_label(r, lang), number(r["appeals"], lang),
                      percent(r["with_area"] / r["appeals"] if r["appeals"] else None, lang, 0),
                      _theme_flag(r, lang), number(r["share_ratio"], lang, 2),
                      f"{number(r['ratio_low'], lang, 2)} … {number(r['ratio_high'], lang, 2)}")
    _wide().print(table)


def _theme_label(row: dict, lang: str) -> str:
    from dashboard.i18n import theme_name

    return theme_name(row["label"], row["label_language"], lang)


def _theme_flag(row: dict, lang: str) -> str:
    from dashboard.i18n import text

    return text("topics.new", lang) if row["is_new"] else text("topics.growing", lang) if row["is_growing"] else ""


@topics_app.command("map")
@friendly
def topics_map(
    theme: int = typer.Argument(..., help="Theme number (`tyndau topics list`)."),
    area: str = typer.Option(..., "--area", help="Competency area id the theme is about."),
    polarity: str = typer.Option("negative", "--polarity", help="negative, positive or neutral."),
    analyst: str = typer.Option(..., "--analyst", help="Pseudonymous id of the analyst who decided."),
    core: float = typer.Option(0.5, "--core", help="Share of the theme, closest to its centre, that gets the area."),
    config: Optional[Path] = ConfigOpt,
    db: Optional[Path] = DbOpt,
):
    """Map a theme to a competency area: its core appeals become corrections `tyndau train --db` learns from."""
    from insights.topics import corrections_for_theme
    from nlp.review import store_correction
    from warehouse.build import build_models

    settings = settings_from(config, db)
    _require_warehouse(settings.db_path)
    con = open_writer(settings)
    try:
        corrections = corrections_for_theme(con, theme, area, polarity, analyst, core)
        for c in corrections:
            store_correction(con, c.text_id, c.areas, c.analyst, note=c.note, correction_id=c.correction_id)
        build_models(con, settings)
        publish(con, settings)
    finally:
        con.close()
    out.print(f"Theme {theme} -> {area} ({polarity}): {len(corrections):,} corrections stored; "
              "`tyndau train --db` learns from them.")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
