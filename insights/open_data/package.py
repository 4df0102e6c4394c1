"""The data files and their description: CSV (UTF-8, formula-safe) and Parquet, and datapackage.json.

Why Frictionless Data Package: it is the open-data description most portals and tools read
(data.gov.kz's CKAN, frictionless-py, pandas readers), and it carries types, keys and the meaning of
every field; the site carries the same dictionary in kk, ru and en.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from dashboard.i18n import text
from insights.exports import csv_bytes
from insights.open_data.tables import LANGS

RESOURCES = ("responsiveness", "areas")
KEYS = {"responsiveness": ["month", "agency_key", "region_key"], "areas": ["area", "month", "agency_key", "region_key"]}
_TYPES = {pl.Utf8: "string", pl.Int64: "integer", pl.Float64: "number", pl.Boolean: "boolean"}


def write_data(folder: Path, frames: dict[str, pl.DataFrame]) -> None:
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        (data / f"{name}.csv").write_bytes(csv_bytes(frame))
        frame.write_parquet(data / f"{name}.parquet")


def field_meaning(resource: str, column: str, lang: str) -> str:
    """The dictionary line of a column in a language (name columns say which language they hold)."""
    for prefix in ("agency_name", "region_name", "area_name"):
        if column.startswith(prefix + "_"):
            return text(f"publish.field.{prefix}", lang, language=column.rsplit("_", 1)[1])
    if resource == "areas" and column == "appeals":
        return text("publish.field.area_appeals", lang)
    return text(f"publish.field.{column}", lang)


def field_type(frame: pl.DataFrame, column: str) -> str:
    return _TYPES.get(frame.schema[column], "string")


def datapackage(frames: dict[str, pl.DataFrame], k: int) -> dict:
    resources = []
    for name, frame in frames.items():
        schema = {"fields": [_field(name, frame, c) for c in frame.columns], "primaryKey": KEYS[name],
                  "missingValues": [""]}
        for fmt, media in (("csv", "text/csv"), ("parquet", "application/vnd.apache.parquet")):
            resource = {"name": f"{name}-{fmt}", "path": f"data/{name}.{fmt}", "format": fmt, "mediatype": media,
                        "title": text(f"publish.resource.{name}", "en"), "schema": schema}
            if fmt == "csv":
                resource.update(encoding="utf-8", dialect={"delimiter": ",", "header": True})
            resources.append(resource)
    return {"profile": "tabular-data-package", "name": "tyndau-listening-state",
            "title": text("publish.title", "en"),
            "description": text("publish.method_text", "en"),
            "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            "keywords": ["appeals", "responsiveness", "public services", "Kazakhstan"],
            "x_suppression": {"threshold": k, "method": "primary and complementary cell suppression, audited "
                                                        "by linear algebra (see docs/publish.md)"},
            "resources": resources}


def _field(resource: str, frame: pl.DataFrame, column: str) -> dict:
    field = {"name": column, "type": field_type(frame, column), "description": field_meaning(resource, column, "en"),
             "x_description": {lang: field_meaning(resource, column, lang) for lang in LANGS}}
    if column == "month":
        field["constraints"] = {"pattern": r"\d{4}-\d{2}|ALL"}
    if column in KEYS[resource]:
        field.setdefault("constraints", {})["required"] = True
    return field


def write_datapackage(folder: Path, frames: dict[str, pl.DataFrame], k: int) -> None:
    (folder / "datapackage.json").write_text(json.dumps(datapackage(frames, k), ensure_ascii=False, indent=2),
                                             encoding="utf-8")
