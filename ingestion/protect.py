"""Personal data protection applied to every batch before it is written.

Citizens' free texts are redacted (kind tokens such as ``[IIN]`` replace the data)
in the columns everything downstream reads; identifiers of applicants and raters are
replaced by salted hashes. The original text is kept only when the deployment's
configuration says so, and then only in the separate table ``original_texts``.
"""

from __future__ import annotations

import polars as pl

from ingestion.redact import hash_series, redact_series

TEXT_COLUMNS = {
    "raw_appeals": ("text", "answer_text"),
    "raw_appeal_events": ("text",),
    "raw_survey_responses": ("free_text",),
}
HASHED_IDENTIFIERS = {  # canonical field holding the identifier -> column of its hash
    "raw_appeals": ("applicant_id", "applicant_hash"),
    "raw_survey_responses": ("rater_id", "rater_hash"),
}
KEYS = {"raw_appeals": ("external_id",), "raw_appeal_events": ("external_id", "event_seq"),
        "raw_survey_responses": ("response_id", "item_id")}


class Redactor:
    """Redacts each distinct text once, however often it occurs in the tables of one batch.

    Why: redaction is the costliest step of a load (its context rules run in Python), and the same
    text often arrives many times in one batch: templated official answers, and a final answer that
    is both an appeal's answer_text and the text of its answer event (in the St Petersburg portal
    export nearly half of the texts a load redacts are repeats). Keep one per batch: the memo then
    grows with the batch, not with the load.
    """

    def __init__(self) -> None:
        self._memo = pl.DataFrame(schema={"original": pl.Utf8, "redacted": pl.Utf8})

    def __call__(self, texts: pl.Series) -> pl.Series:
        texts = texts.cast(pl.Utf8)
        distinct = pl.DataFrame({"original": texts.drop_nulls().unique()})
        new = distinct.join(self._memo, on="original", how="anti")["original"]
        if len(new):
            self._memo = pl.concat([self._memo, pl.DataFrame({"original": new, "redacted": redact_series(new)})])
        return texts.replace_strict(self._memo["original"], self._memo["redacted"], default=None,
                                    return_dtype=pl.Utf8)


def protect(table: str, frame: pl.DataFrame, salt: str, redactor: Redactor | None = None) -> pl.DataFrame:
    redact = redactor or Redactor()
    frame = _hash_identifiers(table, frame, salt)
    for column in TEXT_COLUMNS.get(table, ()):
        if column in frame.columns:
            frame = frame.with_columns(redact(frame[column]).alias(column))
    return frame


def _hash_identifiers(table: str, frame: pl.DataFrame, salt: str) -> pl.DataFrame:
    if table not in HASHED_IDENTIFIERS:
        return frame
    raw, hashed = HASHED_IDENTIFIERS[table]
    if raw not in frame.columns:
        return frame
    return frame.with_columns(hash_series(frame[raw].cast(pl.Utf8), salt).alias(hashed)).drop(raw)


def originals(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Un-redacted texts in long form, for the restricted table (only when configured)."""
    columns = [c for c in TEXT_COLUMNS.get(table, ()) if c in frame.columns]
    if not columns or table != "raw_appeals":
        return pl.DataFrame(schema={"source": pl.Utf8, "external_id": pl.Utf8, "field": pl.Utf8, "original_text": pl.Utf8})
    return (
        frame.select("source", "external_id", *columns)
        .unpivot(index=["source", "external_id"], on=columns, variable_name="field", value_name="original_text")
        .filter(pl.col("original_text").is_not_null())
    )


def redact_rejections(rejected: pl.DataFrame) -> pl.DataFrame:
    """Rejected rows are kept, but never with personal data in them."""
    if rejected.height == 0:
        return rejected
    return rejected.with_columns(redact_series(rejected["raw_record"]).alias("raw_record"))
