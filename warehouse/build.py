"""Building the SQL models: staging, then marts, each checked on its declared key.

A model is one ``.sql`` file in ``models/staging`` or ``models/marts`` whose header
declares its grain and key::

    -- grain: one row per appeal
    -- key: appeal_id

A step SQL cannot express well (clustering similar texts) is a Python model: a ``.py``
file beside the SQL ones, with the same header as ``#`` comments and a function
``compute(con) -> polars.DataFrame``. It is ordered, materialised and key-checked exactly
like a SQL model, so a mart built on it is just another model.

Models are materialised as tables in dependency order (found from the names they
read), inside one transaction: a model that fails or breaks its key check leaves the
previous build in place. The full-text index of the texts is rebuilt last, in the same
transaction, so the snapshot readers get carries it; the ``fts`` extension is loaded before
the transaction opens, because on a fresh install its first load fails once (then installs
from the shipped file), and any failed statement aborts a DuckDB transaction.

An **incremental** SQL model adds ``-- materialized: incremental`` and ``-- partition:
<columns>`` to its header. It reads the variable ``incremental_since_at`` (when the
previous build of it ran; 1900 on a full build) to recompute only the partitions touched
since, and returns every partition it recomputed, even empty ones; the build replaces
exactly those partitions.
A changed model file or a missing table gives a full build. Watermarks live in
``model_state``.

Whole-number, decimal and true/false settings are SQL variables during the build
(``getvariable('min_raters')``), so models follow the deployment's rules; so is the deployment's
``timezone``. Raw tables store instants in UTC; staging shows them in that zone with the macro
``local_time(utc)``, once, so every mart (months, days to answer, working-day deadlines) counts in
the deployment's local time. A setting that changes between builds rebuilds the incremental models
in full (their state remembers the settings they were built with).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import time
from dataclasses import asdict, dataclass
from importlib import resources

import duckdb

from warehouse.workdays import refresh_calendar
from warehouse.config import Settings
from warehouse.db import database_path, require_schema, transaction
from warehouse.diskfull import disk_full_error, file_size, is_disk_full
from warehouse.errors import KeyCheckError, WarehouseError
from warehouse.search import INDEX_SCHEMA, INDEXED_TABLE, build_search_index, load_fts

LAYERS = ("staging", "marts")
HEADER = re.compile(r"^(?:--|#)\s*(grain|key|materialized|partition):\s*(.+)$", re.MULTILINE)
STATE_TABLE = "model_state"
MODEL_SUFFIXES = {".sql": "sql", ".py": "python"}


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    sql: str
    grain: str
    key: tuple[str, ...]
    kind: str = "sql"  # sql | python (then `sql` holds the module's source, read for dependencies)
    materialized: str = "table"  # table | incremental (SQL models only)
    partition: tuple[str, ...] = ()  # what an incremental build replaces by


@dataclass(frozen=True)
class BuildResult:
    name: str
    rows: int
    key: tuple[str, ...]
    seconds: float


def discover_models() -> list[Model]:
    models = []
    for layer in LAYERS:
        for entry in sorted(resources.files(f"warehouse.models.{layer}").iterdir(), key=lambda e: e.name):
            stem, dot, suffix = entry.name.rpartition(".")
            kind = MODEL_SUFFIXES.get(dot + suffix)
            if kind and not stem.startswith("_"):
                models.append(parse_model(stem, layer, entry.read_text(encoding="utf-8"), kind))
    return order_by_dependencies(models)


def parse_model(name: str, layer: str, sql: str, kind: str = "sql") -> Model:
    header = dict(HEADER.findall(sql))
    if "grain" not in header or "key" not in header:
        raise WarehouseError(f"Model {name} must declare '-- grain:' and '-- key:' in its header.")
    key = tuple(k.strip() for k in header["key"].split(","))
    materialized = header.get("materialized", "table").strip()
    partition = tuple(c.strip() for c in header.get("partition", "").split(",") if c.strip())
    if materialized == "incremental" and not partition:
        raise WarehouseError(f"Incremental model {name} must declare '-- partition:' (the columns it replaces by).")
    return Model(name, layer, sql, header["grain"].strip(), key, kind, materialized, partition)


def order_by_dependencies(models: list[Model]) -> list[Model]:
    by_name = {m.name: m for m in models}
    ordered: list[Model] = []
    visiting: set[str] = set()

    def visit(m: Model) -> None:
        if m in ordered:
            return
        if m.name in visiting:
            raise WarehouseError(f"Models depend on each other in a cycle through {m.name}.")
        visiting.add(m.name)
        for dep in dependencies(m, by_name):
            visit(by_name[dep])
        visiting.discard(m.name)
        ordered.append(m)

    for m in models:
        visit(m)
    return ordered


def dependencies(model: Model, by_name: dict[str, Model]) -> list[str]:
    words = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", re.sub(r"(--|#).*", "", model.sql)))
    return sorted(n for n in by_name if n in words and n != model.name)


def build_models(con: duckdb.DuckDBPyConnection, settings: Settings, only: list[str] | None = None) -> list[BuildResult]:
    require_schema(con)
    load_fts(con)  # before the transaction: a failed first `load fts` (fresh install) would abort it
    db_path = database_path(con)
    results = []
    try:
        with transaction(con):
            refresh_calendar(con, settings)
            set_setting_variables(con, settings)
            define_local_time(con)
            watermark = build_started_at(con)
            built_with = settings_key(settings)
            for model in discover_models():
                if only and model.name not in only:
                    continue
                results.append(build_one(con, model, watermark, built_with))
            if not only or INDEXED_TABLE in only:
                results.append(build_index(con))
    except Exception as exc:
        if is_disk_full(exc):  # a build rewrites the marts: about the warehouse's size is a fair estimate
            raise disk_full_error(exc, db_path, needed=file_size(db_path),
                                  outcome="The build was rolled back: the previous build stays in place.") from exc
        raise
    return results


# Text settings models read; others (the salt, passwords, paths) never become SQL variables.
MODEL_TEXT_SETTINGS = ("timezone",)


def set_setting_variables(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Numeric and true/false settings, and the deployment's zone, as SQL variables, so a model
    never hard-codes a configured rule."""
    settings.checked_timezone()  # an unknown zone is a configuration error, not a failed model
    for name, value in model_settings(settings).items():
        con.execute(f"set variable {name} = ?", [value])


def model_settings(settings: Settings) -> dict:
    return {name: value for name, value in asdict(settings).items()
            if isinstance(value, (bool, int, float)) or name in MODEL_TEXT_SETTINGS}


def define_local_time(con: duckdb.DuckDBPyConnection) -> None:
    """``local_time(utc)``: a stored instant (naive, in UTC) as the deployment's wall clock (naive).

    Staging calls it once per raw date-time column; marts then truncate to months and days and
    count working days in local time, as the law and the users do."""
    con.execute("create or replace temp macro local_time(utc) as "
                "timezone(getvariable('timezone'), timezone('UTC', utc::timestamp))")


def build_started_at(con: duckdb.DuckDBPyConnection):
    """The build's start: an incremental model has seen every change before it once the build commits."""
    return con.execute("select now()::timestamp").fetchone()[0]


def settings_key(settings: Settings) -> str:
    """The settings models read, as text: part of an incremental model's state."""
    return json.dumps(model_settings(settings), sort_keys=True)


def build_one(con: duckdb.DuckDBPyConnection, model: Model, watermark=None, built_with: str = "") -> BuildResult:
    started = time.perf_counter()
    if model.kind == "python":
        materialise_python_model(con, model)
    else:
        try:
            if model.materialized == "incremental":
                build_incremental(con, model, watermark or build_started_at(con), built_with)
            else:
                con.execute(f"create or replace table {model.name} as {model.sql}")
        except duckdb.Error as exc:
            raise WarehouseError(f"Model {model.name} failed: {exc}", hint="Fix the model's SQL.") from None
    check_key(con, model)
    rows = con.execute(f"select count(*) from {model.name}").fetchone()[0]
    return BuildResult(model.name, rows, model.key, time.perf_counter() - started)


def materialise_python_model(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    """Run the module's ``compute(con)`` and store the frame it returns as the model's table."""
    module = importlib.import_module(f"warehouse.models.{model.layer}.{model.name}")
    frame = module.compute(con)
    con.register("_python_model_frame", frame.to_arrow())
    try:
        con.execute(f"create or replace table {model.name} as select * from _python_model_frame")
    finally:
        con.unregister("_python_model_frame")


def build_incremental(con: duckdb.DuckDBPyConnection, model: Model, watermark, built_with: str = "") -> None:
    """Replace only the partitions the model recomputed; a full build when the model, its table or the
    settings it was built with are new (a changed time zone moves appeals between months)."""
    state = _previous_state(con, model)
    fingerprint = state_fingerprint(model, built_with)
    full = state is None or state[0] != fingerprint or not _table_exists(con, model.name)
    con.execute("set variable incremental_since_at = ?::timestamp", ["1900-01-01" if full else state[1]])
    if full:
        con.execute(f"create or replace table {model.name} as {model.sql}")
    else:
        cols = ", ".join(model.partition)
        con.execute(f"create or replace temp table _incremental_rows as {model.sql}")
        con.execute(f"delete from {model.name} where ({cols}) in (select distinct ({cols}) from _incremental_rows)")
        con.execute(f"insert into {model.name} by name select * from _incremental_rows")
        con.execute("drop table _incremental_rows")
    con.execute(f"insert or replace into {STATE_TABLE} values (?, ?, ?)", [model.name, fingerprint, watermark])


def state_fingerprint(model: Model, built_with: str) -> str:
    return hashlib.md5(f"{model.sql}\n{built_with}".encode("utf-8")).hexdigest()


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return con.execute("select count(*) from duckdb_tables() where table_name = ? and schema_name = 'main'",
                       [name]).fetchone()[0] > 0


def _previous_state(con: duckdb.DuckDBPyConnection, model: Model):
    con.execute(f"create table if not exists {STATE_TABLE} (model varchar primary key, fingerprint varchar, "
                "built_at timestamp)")
    return con.execute(f"select fingerprint, built_at from {STATE_TABLE} where model = ?",
                       [model.name]).fetchone()


def build_index(con: duckdb.DuckDBPyConnection) -> BuildResult:
    """The BM25 index of the texts, reported like a model (its rows are the indexed documents)."""
    started = time.perf_counter()
    build_search_index(con)
    rows = con.execute(f"select count(*) from {INDEX_SCHEMA}.docs").fetchone()[0]
    return BuildResult(f"{INDEX_SCHEMA} (full-text index)", rows, ("docid",), time.perf_counter() - started)


def check_key(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    cols = ", ".join(model.key)
    nulls = " or ".join(f"{k} is null" for k in model.key)
    null_rows = con.execute(f"select count(*) from {model.name} where {nulls}").fetchone()[0]
    if null_rows:
        raise KeyCheckError(f"Model {model.name}: {null_rows} row(s) with a null key ({cols}); grain: {model.grain}.")
    dupes = con.execute(
        f"select count(*) from (select {cols} from {model.name} group by all having count(*) > 1)").fetchone()[0]
    if dupes:
        raise KeyCheckError(f"Model {model.name}: {dupes} duplicated key value(s) of ({cols}); grain: {model.grain}.")
