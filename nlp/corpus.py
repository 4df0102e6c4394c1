"""The labelled corpus format: reading and validating JSON Lines files.

One object per line: ``{"id", "kind", "lang", "script", "text", "areas": {area: polarity},
"appeal_type"}``; extra fields are ignored. Labels outside the competency model are an
error, not silently dropped, because a typo in a label would quietly change the metrics.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nlp.errors import CorpusError
from nlp.labels import APPEAL_TYPES, area_ids
from warehouse.taxonomy import POLARITIES

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
LANGS = ("kk", "ru", "en")


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    lang: str
    areas: dict[str, str] = field(default_factory=dict)
    appeal_type: str | None = None
    kind: str = "appeal"
    script: str = ""


def read_jsonl(path: str | Path) -> list[Example]:
    """Read one labelled file; a bad line raises :class:`CorpusError` naming file and line."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"No labelled file at {path}.")
    examples = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            examples.append(_example(line, f"{path.name}:{n}"))
    return examples


def _example(line: str, where: str) -> Example:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{where}: not JSON ({exc.msg}).") from None
    areas = obj.get("areas") or {}
    for area, polarity in areas.items():
        if area not in area_ids() or polarity not in POLARITIES:
            raise CorpusError(f"{where}: unknown label {area}:{polarity}.")
    appeal_type = obj.get("appeal_type")
    if appeal_type is not None and appeal_type not in APPEAL_TYPES:
        raise CorpusError(f"{where}: unknown appeal_type {appeal_type!r}.")
    return Example(id=str(obj.get("id", where)), text=str(obj.get("text") or ""), lang=str(obj.get("lang") or ""),
                   areas=dict(areas), appeal_type=appeal_type, kind=obj.get("kind") or "appeal",
                   script=obj.get("script") or "")


def read_many(paths: Iterable[str | Path]) -> list[Example]:
    return [e for p in paths for e in read_jsonl(p)]


def train_files() -> list[Path]:
    return [CORPUS_DIR / "train" / f"{lang}.jsonl" for lang in LANGS if (CORPUS_DIR / "train" / f"{lang}.jsonl").exists()]


def eval_files() -> list[Path]:
    return [CORPUS_DIR / "eval" / f"{lang}.jsonl" for lang in LANGS if (CORPUS_DIR / "eval" / f"{lang}.jsonl").exists()]


def load_train() -> list[Example]:
    """The training corpus (never the eval files)."""
    return read_many(train_files())
