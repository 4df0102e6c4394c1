"""Survey exports in "wide" layout (one row per submission, one column per question):
KoboToolbox (CSV/XLSX export and API v2 JSON) and LimeSurvey (CSV response export).

All three share one unpivot: question columns selected by the mapping's
``item_pattern`` become one canonical row per respondent and item, with the item's
competency area from the mapping's ``[items]`` table. What differs per tool (metadata
column names, how the API pages) is a couple of class attributes.

A mapping for these connectors::

    name = "kobo-360"
    target = "raw_survey_responses"
    source = "kobo"
    [survey]
    instrument = "tyndau-360-v1"
    response_id = "_uuid"              # defaults per tool
    submitted_at = "_submission_time"
    rater_role = "rater_role"          # column holding self/manager/peer/...
    rated_agency = "agency"
    rated_unit = "unit"
    comment = "comment"
    item_pattern = "(?:^|/)(q_[a-z_]+_[0-9]+)$"   # group 1 is the item id
    scale_min = 1
    scale_max = 5
    [items]
    q_responsiveness_1 = { area = "responsiveness", text = "Answers requests on time" }
    [labels]                            # exports that carry labels instead of numbers
    strongly_agree = 5
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import polars as pl

from ingestion import readers
from ingestion.base import Batch, Connector, empty_rejections, register
from ingestion.http import HttpSource, safe_url
from ingestion.mapping import ENUMS, IDENTIFIER_FIELDS, OFFSET, load_mapping, offset_minutes, utc_instant
from ingestion.readers import ROW
from warehouse.errors import ConfigError, SourceError


def taxonomy_items() -> dict[str, dict]:
    """Items of the questionnaires Tyndau builds from the taxonomy (`<area>_q<n>`), known without a mapping."""
    from warehouse.taxonomy import areas

    items = {}
    for area in areas():
        for item in area.survey_items:
            items[item["id"].replace(".", "_")] = {"area": area.id, "text": item.get("en")}
    return items


class WideSurveyConnector(Connector):
    """Shared unpivot; subclasses set the tool's metadata column names."""

    default_mapping: ClassVar[str] = ""
    id_column: ClassVar[str] = ""
    submitted_column: ClassVar[str] = ""
    saved_records_path: ClassVar[str | None] = None  # records inside a saved API response (a JSON document)
    unrecorded_times: ClassVar[tuple[str, ...]] = ()  # the tool's placeholder for "no time recorded"
    submitted_zone: ClassVar[str | None] = None  # the zone of the tool's times without an offset; None: the deployment's

    def __init__(self, location, mapping=None, options=None):
        mapping = mapping or load_mapping(self.default_mapping)
        super().__init__(location, mapping, {**mapping.reader_options, **(options or {})})
        self.survey = {"response_id": self.id_column, "submitted_at": self.submitted_column,
                       **mapping.sections.get("survey", {})}
        self.items = {**taxonomy_items(), **mapping.sections.get("items", {})}
        self.labels = {str(k).lower(): float(v) for k, v in mapping.sections.get("labels", {}).items()}
        self.pattern = re.compile(self.survey.get("item_pattern", r"^(q_[A-Za-z0-9_]+)$"))

    def batches(self) -> Iterator[Batch]:
        for frame in self.wide_frames():
            yield self.unpivot(frame)

    def wide_frames(self) -> Iterator[pl.DataFrame]:
        path = Path(self.location)
        kind = readers.reader_for(path)
        limits = readers.Limits.from_options(self.options)
        if kind == "xlsx":
            return readers.read_xlsx(path, sheet=self.options.get("sheet"), required=(self.survey["response_id"],))
        if kind == "json":
            return readers.read_json(path, records_path=self._records_path(path), limits=limits)
        return readers.read_csv(path, delimiter=self.options.get("delimiter"), encoding=self.options.get("encoding"),
                                limits=limits)

    def _records_path(self, path: Path) -> str | None:
        """Where a saved API response keeps its submissions (Kobo's data.json: `results`); a top-level
        array or JSON Lines need none."""
        if self.options.get("records_path") or readers.is_json_lines(path):
            return self.options.get("records_path")
        return self.saved_records_path

    def question_columns(self, frame: pl.DataFrame) -> dict[str, list[str]]:
        """Item id -> the source columns that hold it.

        A form that changed between versions (a group renamed: `grp_a/leadership_q1`, then
        `grp_b/leadership_q1`) exports both paths; the item pattern's group 1 names the question, so
        both columns are the same item (see :meth:`_answers`)."""
        found: dict[str, list[str]] = {}
        for column in frame.columns:
            match = self.pattern.search(column)
            if match:
                found.setdefault(match.group(1) if match.groups() else column, []).append(column)
        if not found:
            raise SourceError(f"{Path(self.location).name}: no question columns match {self.pattern.pattern!r}.",
                              hint="Set item_pattern in the mapping's [survey] table to match the question columns.")
        return found

    def unpivot(self, frame: pl.DataFrame) -> Batch:
        s = self.survey
        self._require(frame, [s["response_id"]])
        frame = frame.filter(~pl.all_horizontal(pl.exclude(ROW).is_null()))  # a blank line (LimeSurvey ends with one)
        frame, unreadable = self._split_unreadable(frame)
        answers, clashes = self._answers(frame, self.question_columns(frame))
        meta = {name: s[name] for name in ("response_id", "submitted_at", "rater_role", "rated_agency", "rated_unit",
                                           "comment", "rater_id") if s.get(name) in frame.columns}
        long = frame.select(pl.col(ROW), *[pl.col(c).alias(n) for n, c in meta.items()], *answers)
        long = long.unpivot(index=[ROW, *meta], variable_name="item_id", value_name="answer").with_columns(
            pl.col("item_id").str.replace("^_item:", ""))
        long = long.filter(pl.col("answer").is_not_null())
        batch = self._canonical(long, frame)
        batch.rejected = pl.concat([unreadable, clashes, batch.rejected])
        batch.rows_read += unreadable.height
        return batch

    def _answers(self, frame: pl.DataFrame, questions: dict[str, list[str]]) -> tuple[list[pl.Expr], pl.DataFrame]:
        """One answer per item; an item under several paths takes the one that was answered.

        Each submission was made with one version of the form, so it answers one of the paths. When
        a submission holds two different answers to one item, neither is chosen: that item of that
        submission is kept aside with both paths in the reason (its other items load)."""
        answers, clashes = [], [empty_rejections()]
        for item, columns in questions.items():
            given = [_answered(c) for c in columns]
            if len(given) == 1:
                answers.append(given[0].alias(f"_item:{item}"))
                continue
            differ = pl.concat_list(given).list.drop_nulls().list.n_unique() > 1
            answers.append(pl.when(differ).then(None).otherwise(pl.coalesce(given)).alias(f"_item:{item}"))
            clashes.append(self._version_clashes(frame.filter(differ), item, columns))
        return answers, pl.concat(clashes)

    def _version_clashes(self, bad: pl.DataFrame, item: str, columns: list[str]) -> pl.DataFrame:
        if bad.height == 0:
            return empty_rejections()
        shown = pl.concat_list([pl.format("{}={}", pl.lit(c), _answered(c)) for c in columns]).list.drop_nulls()
        reason = pl.format("different answers to {} in two versions of the form ({}); neither is loaded",
                           pl.lit(item), shown.list.join(", "))
        return self._raw_records(bad, reason.alias("reason")).select(
            pl.col(ROW).cast(pl.Int64).alias("row_number"), pl.lit(item).alias("column_name"), "reason", "raw_record")

    def _split_unreadable(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Rows the reader could not trust (`_error`: ragged, NUL bytes, hidden Excel values): rejected whole."""
        if "_error" not in frame.columns or frame["_error"].is_null().all():
            return frame, empty_rejections()
        bad = self._raw_records(frame.filter(pl.col("_error").is_not_null()), "_error")
        return frame.filter(pl.col("_error").is_null()), bad.select(
            pl.col(ROW).cast(pl.Int64).alias("row_number"), pl.lit("").alias("column_name"),
            pl.col("_error").alias("reason"), "raw_record")

    def _raw_records(self, frame: pl.DataFrame, *keep: str | pl.Expr) -> pl.DataFrame:
        """The source rows as JSON, identifiers masked (rejected rows never hold them in clear)."""
        masked = {self.survey[f] for f in IDENTIFIER_FIELDS if self.survey.get(f)}
        cols = [pl.lit("[ID]").alias(c) if c in masked else pl.col(c) for c in frame.columns if c not in (ROW, "_error")]
        return frame.select(pl.col(ROW), *keep, pl.struct(cols).struct.json_encode().alias("raw_record"))

    def _canonical(self, long: pl.DataFrame, frame: pl.DataFrame) -> Batch:
        s = self.survey
        score = self._score(pl.col("answer"))
        low, high = float(s.get("scale_min", 1)), float(s.get("scale_max", 5))
        roles = {k.lower(): v for k, v in ENUMS["rater_role"].items()}
        out = long.with_columns(
            score.alias("score"),
            pl.lit(self.mapping.source).alias("source"),
            pl.lit(s.get("instrument")).alias("instrument"),
            pl.col("item_id").replace_strict({k: v.get("area") for k, v in self.items.items()}, default=None,
                                             return_dtype=pl.Utf8).alias("competency_area"),
            pl.col("item_id").replace_strict({k: v.get("text") for k, v in self.items.items()}, default=None,
                                             return_dtype=pl.Utf8).alias("item_text"),
            pl.lit(low).alias("scale_min"), pl.lit(high).alias("scale_max"),
        )
        if "rater_role" in out.columns:
            out = out.with_columns(pl.col("rater_role").str.to_lowercase().replace_strict(roles, default=None))
        if "submitted_at" in out.columns:
            out = out.with_columns(self._submitted_at(pl.col("submitted_at")))
        if "comment" in out.columns:
            out = out.rename({"comment": "free_text"})
        bad = pl.col("score").is_null() | ~pl.col("score").is_between(low, high)
        rejected = self._rejections(out.filter(bad), frame, low, high)
        return Batch({"raw_survey_responses": out.filter(~bad).drop("answer")}, rejected, frame.height)

    def _submitted_at(self, raw: pl.Expr) -> pl.Expr:
        """The instant in UTC, as every date-time is stored (a time without an offset is the tool's
        `submitted_zone`, else the deployment's wall clock). The tool's "not recorded" placeholder is no time (LimeSurvey writes 1980-01-01 00:00:00
        for every response of a survey with anonymised date stamps)."""
        if self.unrecorded_times:
            raw = pl.when(~raw.is_in(list(self.unrecorded_times))).then(raw)
        clock = raw.str.replace(OFFSET, "").str.to_datetime(strict=False, time_unit="us")
        return utc_instant(clock, offset_minutes(raw), self.submitted_zone or self.zone).alias("submitted_at")

    def _score(self, answer: pl.Expr) -> pl.Expr:
        number = answer.str.strip_chars().str.replace(",", ".").cast(pl.Float64, strict=False)
        if not self.labels:
            return number
        label = answer.str.strip_chars().str.to_lowercase().replace_strict(self.labels, default=None,
                                                                          return_dtype=pl.Float64)
        return pl.coalesce(number, label)

    def _rejections(self, bad: pl.DataFrame, frame: pl.DataFrame, low: float, high: float) -> pl.DataFrame:
        if bad.height == 0:
            return empty_rejections()
        records = self._raw_records(frame)
        return bad.join(records, on=ROW, how="left").select(
            pl.col(ROW).cast(pl.Int64).alias("row_number"),
            pl.col("item_id").alias("column_name"),
            pl.format("answer {} is not a score on the scale " + f"{low:g}..{high:g}", pl.col("answer")).alias("reason"),
            "raw_record",
        )

    def _require(self, frame: pl.DataFrame, columns: list[str]) -> None:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise SourceError(f"{Path(self.location).name} lacks the column(s) {', '.join(missing)}.",
                              hint="Export the survey with its metadata columns, or set them in the mapping's [survey].")


def _answered(column: str) -> pl.Expr:
    """The column's answer, blank as null (an empty cell is a question not asked, not an answer)."""
    return pl.when(pl.col(column).str.strip_chars() != "").then(pl.col(column).str.strip_chars())


# Kobo's server writes `_submission_time` in UTC without saying so: in the real exports of
# tests/fixtures/surveys, `end` 21:38:34+02:00 is `_submission_time` 19:38:34.
KOBO_SUBMISSION_ZONE = "UTC"


@register
class KoboFileConnector(WideSurveyConnector):
    name = "kobo"
    description = "KoboToolbox data export (CSV or XLSX, one row per submission) or a saved API data.json."
    default_mapping = "kobo-360"
    id_column = "_uuid"
    submitted_column = "_submission_time"
    submitted_zone = KOBO_SUBMISSION_ZONE
    saved_records_path = "results"


@register
class KoboApiConnector(WideSurveyConnector):
    name = "kobo-api"
    description = "KoboToolbox API v2 /api/v2/assets/<uid>/data.json (token from $KOBO_TOKEN; follows `next`)."
    default_mapping = "kobo-360"
    id_column = "_uuid"
    submitted_column = "_submission_time"
    submitted_zone = KOBO_SUBMISSION_ZONE
    empty_is_error = False

    def source_uri(self) -> str:
        return safe_url(self.location)

    def wide_frames(self) -> Iterator[pl.DataFrame]:
        token = os.environ.get(self.options.get("token_env", "KOBO_TOKEN"))
        headers = {"Authorization": f"Token {token}"} if token else {}
        http = HttpSource(headers=headers, backoff=float(self.options.get("backoff", 1.0)))
        url, seen = self.location, 0
        try:
            while url:
                page = http.get_json(url)
                if not isinstance(page, dict) or "results" not in page:
                    raise ConfigError(f"{safe_url(url)} is not a KoboToolbox API v2 data endpoint (no 'results').")
                frame = readers.records_frame(page["results"], seen)
                seen += frame.height
                if frame.height:
                    yield frame
                url = page.get("next")
        finally:
            http.close()


@register
class LimeSurveyConnector(WideSurveyConnector):
    name = "limesurvey"
    description = "LimeSurvey response export (CSV, question codes as headers, e.g. RESP[SQ001])."
    default_mapping = "limesurvey-360"
    id_column = "id"
    submitted_column = "submitdate"
    unrecorded_times = ("1980-01-01 00:00:00",)
