"""The connector seam: every source, built-in or new, is one class registered here.

A connector's facts are class attributes (``name``, ``description``, ``target``); its
one hook is :meth:`Connector.batches`, yielding :class:`Batch` objects of canonical
rows plus rejections. File connectors get this from a reader plus a declarative
mapping (:class:`MappedFileConnector`); nested sources (threads with status
histories, survey APIs) override ``batches``. Redaction, hashing, lineage,
idempotent upserts and load runs live once, in :mod:`ingestion.pipeline`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import polars as pl

from ingestion import readers
from ingestion.mapping import DEFAULT_ZONE, Mapping, apply_mapping, check_columns, load_mapping
from warehouse.errors import ConfigError

REGISTRY: dict[str, type["Connector"]] = {}


def register(cls: type["Connector"]) -> type["Connector"]:
    """Class decorator: the one registration a new connector needs."""
    if cls.name in REGISTRY:
        raise ConfigError(f"Two connectors are named {cls.name!r}.")
    REGISTRY[cls.name] = cls
    return cls


def empty_rejections() -> pl.DataFrame:
    return pl.DataFrame(schema={"row_number": pl.Int64, "column_name": pl.Utf8, "reason": pl.Utf8, "raw_record": pl.Utf8})


@dataclass
class Batch:
    """Canonical rows per raw table, and the rows of this batch that failed validation."""

    tables: dict[str, pl.DataFrame]
    rejected: pl.DataFrame = field(default_factory=empty_rejections)
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)  # what the load report must say besides counts


class Connector:
    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    empty_is_error: ClassVar[bool] = True  # a file without rows is a mistake; an API window may be empty
    zone: str = DEFAULT_ZONE  # the deployment's time zone; the pipeline sets it from the settings

    def __init__(self, location: str, mapping: Mapping | None = None, options: dict | None = None):
        self.location = location
        self.mapping = mapping
        self.options = options or {}

    def source_uri(self) -> str:
        """Where the data came from, safe to store and print (no credentials, no query string)."""
        return str(Path(self.location).resolve()) if "://" not in self.location else self.location.split("?")[0]

    def batches(self) -> Iterator[Batch]:  # pragma: no cover - the hook
        raise NotImplementedError


class MappedFileConnector(Connector):
    """A file read by a format reader, given meaning by a mapping; needs no code per agency."""

    reader: ClassVar[str] = ""
    default_mapping: ClassVar[str | None] = None

    def __init__(self, location: str, mapping: Mapping | None = None, options: dict | None = None):
        if mapping is None and self.default_mapping:
            mapping = load_mapping(self.default_mapping)
        if mapping is None:
            raise ConfigError(f"The {self.name} connector needs --mapping NAME_OR_FILE.",
                              hint="List the shipped mappings with `tyndau connectors`.")
        super().__init__(location, mapping, {**mapping.reader_options, **(options or {})})

    def raw_batches(self) -> Iterator[pl.DataFrame]:
        path = Path(self.location)
        kind = self.reader or self.mapping.reader or readers.reader_for(path)
        opts = self.options
        limits = readers.Limits.from_options(opts)
        if kind == "csv":
            return readers.read_csv(path, delimiter=opts.get("delimiter"), encoding=opts.get("encoding"), limits=limits)
        if kind == "xlsx":
            return readers.read_xlsx(path, sheet=opts.get("sheet"), header_row=opts.get("header_row"),
                                     required=self.mapping.required_columns)
        if kind == "json":
            return readers.read_json(path, records_path=opts.get("records_path"), limits=limits)
        raise ConfigError(f"Unknown reader {kind!r}.")

    def batches(self) -> Iterator[Batch]:
        from warehouse.load import table_spec_from_migrations

        types = table_spec_from_migrations(self.mapping.target)
        for raw in self.raw_batches():
            check_columns(self.mapping, raw, Path(self.location).name)
            good, rejected = apply_mapping(self.mapping, raw, types, self.zone)
            yield Batch({self.mapping.target: good}, rejected, raw.height)
