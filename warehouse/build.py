"""Building the SQL models: staging, then marts, each checked on its declared key.

A model is one ``.sql`` file in ``models/staging`` or ``models/marts`` whose header
declares its grain and key::

    -- grain: one row per appeal
    -- key: appeal_id

Models are materialised as tables in dependency order (found from the names they
read), inside one transaction: a model that fails or breaks its key check leaves the
previous build in place.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from importlib import resources

import duckdb

from warehouse.workdays import refresh_calendar
from warehouse.config import Settings
from warehouse.db import require_schema, transaction
from warehouse.errors import KeyCheckError, WarehouseError

LAYERS = ("staging", "marts")
HEADER = re.compile(r"^--\s*(grain|key):\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    sql: str
    grain: str
    key: tuple[str, ...]


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
            if entry.name.endswith(".sql"):
                models.append(parse_model(entry.name[:-4], layer, entry.read_text(encoding="utf-8")))
    return order_by_dependencies(models)


def parse_model(name: str, layer: str, sql: str) -> Model:
    header = dict(HEADER.findall(sql))
    if "grain" not in header or "key" not in header:
        raise WarehouseError(f"Model {name} must declare '-- grain:' and '-- key:' in its header.")
    key = tuple(k.strip() for k in header["key"].split(","))
    return Model(name, layer, sql, header["grain"].strip(), key)


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
    words = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", re.sub(r"--.*", "", model.sql)))
    return sorted(n for n in by_name if n in words and n != model.name)


def build_models(con: duckdb.DuckDBPyConnection, settings: Settings, only: list[str] | None = None) -> list[BuildResult]:
    require_schema(con)
    results = []
    with transaction(con):
        refresh_calendar(con, settings)
        for model in discover_models():
            if only and model.name not in only:
                continue
            results.append(build_one(con, model))
    return results


def build_one(con: duckdb.DuckDBPyConnection, model: Model) -> BuildResult:
    started = time.perf_counter()
    try:
        con.execute(f"create or replace table {model.name} as {model.sql}")
    except duckdb.Error as exc:
        raise WarehouseError(f"Model {model.name} failed: {exc}", hint="Fix the model's SQL.") from None
    check_key(con, model)
    rows = con.execute(f"select count(*) from {model.name}").fetchone()[0]
    return BuildResult(model.name, rows, model.key, time.perf_counter() - started)


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
