"""UK Civil Service People Survey: published % positive scores, one row per organisation, one column per measure.

The published file is wide (an organisation per row; themes, indices and questions B01..W04 as
columns holding "63%"), so a flat mapping cannot read it: this connector unpivots it into
``raw_survey_scores``, one row per organisation and measure. The wording of each measure comes from
the harmonised reference files published beside the scores (when present); the competency area from
the shipped ``ingestion/mappings/uk-csps-areas.toml``. Details: docs/connectors.md, section "UK CSPS".
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import polars as pl

from ingestion import readers
from ingestion.base import Batch, Connector, register
from ingestion.readers import ROW
from warehouse.errors import ConfigError, SourceError
from warehouse.taxonomy import areas as taxonomy_areas

SOURCE = "uk-csps"
INSTRUMENT = "Civil Service People Survey"
ORGANISATION = "Organisation"
ID_COLUMNS = ("Departmental Group", ORGANISATION, "Organisation code")
INDEX_MEASURES = frozenset({"Employee Engagement Index", "PERMA Index", "Proxy Stress Index"})
RESPONSE_RATE = "Response Rate"
SUPPRESSED = ("", "*")  # the survey hides results of groups too small to publish
PERCENT = r"^(\d{1,3}(?:\.\d+)?)\s*%$"
AREAS_FILE = "uk-csps-areas.toml"
QUESTIONS_REF = "csps_questions_ref.csv"
MEASURES_LOOKUP = "csps_measures_lookup.csv"


@register
class UkCspsConnector(Connector):
    name = "uk-csps"
    description = "UK Civil Service People Survey scores (wide CSV, % positive per organisation and measure)."

    def batches(self) -> Iterator[Batch]:
        path = Path(self.location)
        period = survey_period(path, self.options.get("period"))
        areas = competency_areas(self.options.get("areas"))
        texts = MeasureTexts(path.parent, period)
        for raw in readers.read_csv(path, delimiter=self.options.get("delimiter"),
                                    encoding=self.options.get("encoding"),
                                    limits=readers.Limits.from_options(self.options)):
            _require_organisation(raw, path.name)
            long = unpivot_scores(raw)
            good, rejected = split_unreadable(long)
            wording = texts.for_columns(long["measure_id"].unique().to_list())
            yield Batch({"raw_survey_scores": score_rows(good, period, areas, wording)}, rejected, raw.height)


def survey_period(path: Path, given: str | None) -> str:
    """The survey year: the `period` option, else the one year in the file name (as published)."""
    if given:
        return str(given).strip()
    years = set(re.findall(r"(?<!\d)(20\d\d)(?!\d)", path.name))
    if len(years) != 1:
        raise ConfigError(f"Cannot tell the survey year from the file name {path.name!r}.",
                          hint="Pass it: --option period=2019")
    return years.pop()


def _require_organisation(raw: pl.DataFrame, file_name: str) -> None:
    if ORGANISATION not in raw.columns:
        have = ", ".join(c for c in raw.columns[:8] if not c.startswith("_"))
        raise SourceError(f"{file_name} has no {ORGANISATION!r} column (it starts with: {have}).",
                          hint="Use the 'All Organisation Scores' CSV: one row per organisation, measures as columns.")


def unpivot_scores(raw: pl.DataFrame) -> pl.DataFrame:
    """Wide to long: (row, organisation, measure_id, raw text of the value)."""
    measures = [c for c in raw.columns if c not in ID_COLUMNS and not c.startswith("_")]
    return raw.unpivot(index=[ROW, ORGANISATION], on=measures, variable_name="measure_id", value_name="raw").with_columns(
        pl.col(ORGANISATION).str.strip_chars(), pl.col("raw").str.strip_chars().fill_null(""))


def split_unreadable(long: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Suppressed values ("*", empty) load as null; anything else that is not a percentage is rejected."""
    number = pl.col("raw").str.extract(PERCENT, 1).cast(pl.Float64, strict=False)
    checked = long.with_columns(value=number).with_columns(reason=(
        pl.when(pl.col(ORGANISATION).is_null() | (pl.col(ORGANISATION) == ""))
        .then(pl.lit("the organisation's name is empty"))
        .when(pl.col("raw").is_in(SUPPRESSED)).then(None)
        .when(pl.col("value").is_null()).then(pl.format("cannot read {} as a percentage such as 63%", pl.col("raw").str.slice(0, 40)))
        .when(pl.col("value") > 100).then(pl.format("{} is above 100%", pl.col("raw")))
    ))
    bad = checked.filter(pl.col("reason").is_not_null())
    rejected = bad.select(
        pl.col(ROW).cast(pl.Int64).alias("row_number"),
        pl.when(pl.col("reason").str.starts_with("the organisation")).then(pl.lit(ORGANISATION))
        .otherwise(pl.col("measure_id")).alias("column_name"),
        "reason",
        pl.struct(ORGANISATION, "measure_id", pl.col("raw").alias("value")).struct.json_encode().alias("raw_record"),
    )
    return checked.filter(pl.col("reason").is_null()), rejected


def score_rows(good: pl.DataFrame, period: str, areas: dict[str, str], texts: dict[str, str]) -> pl.DataFrame:
    """Canonical rows; the row number stays so two rows of one organisation are caught as duplicates."""
    measure = pl.col("measure_id")
    return good.select(
        pl.lit(SOURCE).alias("source"),
        pl.col(ORGANISATION).alias("organisation"),
        measure,
        pl.lit(period).alias("period"),
        pl.lit(INSTRUMENT).alias("instrument"),
        measure.replace_strict(texts, default=None, return_dtype=pl.Utf8).alias("measure_text"),
        measure.replace_strict(areas, default=None, return_dtype=pl.Utf8).alias("competency_area"),
        pl.col("value"),
        pl.when(measure.is_in(list(INDEX_MEASURES))).then(pl.lit("index"))
        .when(measure == RESPONSE_RATE).then(pl.lit("response_rate"))
        .otherwise(pl.lit("pct_positive")).alias("value_kind"),
        pl.col(ROW),
    )


# ---------------------------------------------------------------- reference data


def competency_areas(path: str | None = None) -> dict[str, str]:
    """Measure -> area id, from the shipped TOML (or `--option areas=FILE.toml`); ids are checked."""
    origin = path or AREAS_FILE
    if path and not Path(path).is_file():
        raise ConfigError(f"No areas file {path}.", hint=f"Pass a TOML file like ingestion/mappings/{AREAS_FILE}.")
    text = Path(path).read_text(encoding="utf-8") if path else (
        resources.files("ingestion.mappings") / AREAS_FILE).read_text(encoding="utf-8")
    try:
        table = tomllib.loads(text).get("areas", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin} is not valid TOML: {exc}.") from None
    known = {a.id for a in taxonomy_areas()}
    unknown = sorted({v for v in table.values() if v not in known})
    if unknown:
        raise ConfigError(f"{origin} names unknown competency areas: {', '.join(unknown)}.",
                          hint=f"Use the area ids of the taxonomy: {', '.join(sorted(known))}.")
    return dict(table)


class MeasureTexts:
    """Column name -> wording, from the harmonised CSPS reference files beside the scores file.

    The measures lookup maps a year's question code (b01) to a stable id, the questions reference maps
    that id to its wording; themes and indices are not in the lookup and are matched by the
    reference's own patterns. Without the reference files the measures load without wording."""

    def __init__(self, folder: Path, period: str):
        questions, lookup = folder / QUESTIONS_REF, folder / MEASURES_LOOKUP
        self.labels, self.patterns = _question_labels(questions) if questions.exists() else ({}, [])
        self.codes = _measure_codes(lookup, period) if lookup.exists() else {}

    def for_columns(self, columns: list[str]) -> dict[str, str]:
        found = {column: self.text_of(column) for column in columns}
        return {column: text for column, text in found.items() if text}

    def text_of(self, column: str) -> str | None:
        name = column.strip().lower()
        uid = self.codes.get(name)
        if uid in self.labels:
            return self.labels[uid]
        return next((label for pattern, label in self.patterns if pattern.search(name)), None)


def _question_labels(path: Path) -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    """A multiple-choice question shares its id with its first option; the stem row has no pattern,
    the option row has one, and the option is what a score column measures."""
    labels, patterns = {}, []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("regex") or row["uid_num"] not in labels:
                labels[row["uid_num"]] = row["label"]
            if row.get("regex"):
                pattern = _compile(row["regex"])
                if pattern is not None:
                    patterns.append((pattern, row["label"]))
    return labels, patterns


def _compile(pattern: str) -> re.Pattern | None:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:
        return None  # a pattern written for another regex dialect: that measure gets no wording


def _measure_codes(path: Path, period: str) -> dict[str, str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["measure"].strip().lower(): row["uid"] for row in csv.DictReader(fh)
                if row.get("year") == period and row.get("uid")}
