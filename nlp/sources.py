"""Readers for the real public data in ../shared/data, read in place and never copied.

Why one module: the shared data has no licence for redistribution (except KazNERD,
CC BY 4.0, and the Kazakh stop words), so the project reads it where it lies. Each
reader knows one file's quirks (gzip, CSV columns, IOB2 tokens) and nothing else.
Which uses are allowed is decided here too: KazNERD and the stop words may be used for
training (pretraining text, lexicons); the reviews, appeals and 311 notes only for
evaluation.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import DataMissingError

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """$TYNDAU_SHARED_DATA, else ../shared/data beside the project root."""
    env = os.environ.get("TYNDAU_SHARED_DATA")
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "data"


def _path(*parts: str) -> Path:
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        raise DataMissingError(f"Real data set missing: {path}")
    return path


def kaznerd_sentences() -> list[str]:
    """Sentences of the KazNERD sample (CC BY 4.0), rebuilt from IOB2 tokens."""
    sentences, tokens = [], []
    for line in _path("kaznerd-sample", "IOB2_test_first4000sent.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                sentences.append(_detokenize(tokens))
            tokens = []
            continue
        tokens.append(line.rsplit(" ", 1)[0])
    if tokens:
        sentences.append(_detokenize(tokens))
    return sentences


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    for p in (" .", " ,", " !", " ?", " :", " ;", " )", "« ", "( "):
        text = text.replace(p, p.strip())
    return text.replace(" »", "»")


def kazakh_stopwords() -> list[str]:
    """The NLTK-derived Kazakh stop-word list (it lacks және, немесе: callers add them)."""
    text = _path("kazakh-stopwords", "kazakh_stopwords_cyrillic_only.txt").read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip()]


@dataclass(frozen=True)
class Review:
    row: int
    source: str
    text: str
    stars: int


def kazsandra_reviews() -> list[Review]:
    """Kazakh 2GIS and Google Maps reviews with 1-5 stars (research use, evaluation only)."""
    reviews = []
    for name in ("01_source_2gis.csv", "05_source_maps.csv"):
        with _path("kazsandra-reviews", name).open(encoding="utf-8", newline="") as f:
            for i, r in enumerate(csv.DictReader(f), start=1):
                reviews.append(Review(i, r["source"], r["text"], int(r["label"])))
    return reviews


def spb_appeal_texts(limit: int | None = None) -> Iterator[str]:
    """The `text` of St Petersburg appeals (Russian; evaluation and benchmarks only)."""
    with gzip.open(_path("spb-nashgorod-appeals", "appeals.jsonl.gz"), "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                return
            yield json.loads(line).get("text") or ""


def spb_appeal_records() -> Iterator[dict]:
    """Whole St Petersburg appeals (text, three-level category, district, agency, dates): evaluation only."""
    with gzip.open(_path("spb-nashgorod-appeals", "appeals.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def boston_closure_reasons() -> list[str]:
    """Non-empty CLOSURE_REASON notes of every Boston 311 file (English; evaluation only)."""
    notes = []
    for path in sorted(_path("boston-311-2015").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as f:
            notes.extend(r["CLOSURE_REASON"].strip() for r in csv.DictReader(f) if (r.get("CLOSURE_REASON") or "").strip())
    return notes


def english_survey_items() -> list[str]:
    """US FEVS item wording (a US government work) and UK CSPS questionnaire lines (OGL v3)."""
    with _path("us-fevs-items", "fevs_core_items_q1_q71.csv").open(encoding="utf-8", newline="") as f:
        items = [r["text"] for r in csv.DictReader(f)]
    lines = _path("uk-civil-service-people-survey", "csps2013_questionnaire_core.txt").read_text(encoding="utf-8")
    return items + [line.strip() for line in lines.splitlines() if len(line.split()) >= 4]
