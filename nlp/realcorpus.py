"""Real texts labelled by the competency model, stored as references into ../shared/data.

Why references: the St Petersburg appeals, KazSAnDRA reviews and Boston 311 notes have no
licence for redistribution, so a label file keeps ``ref`` (which text) and the labels, and the
text is read in place when the corpus is loaded. Texts written by the labellers themselves
("real situations": a real case rendered the way a citizen writes it) carry their ``text``.

Refs:
- ``spb:<id>``: the ``text`` of a St Petersburg appeal;
- ``kazsandra:<2gis|maps>:<row>``: a KazSAnDRA review (1-based data row of its CSV);
- ``boston:<CASE_ENQUIRY_ID>``: the CLOSURE_REASON note of a Boston 311 case.

The evaluation split is chosen by a hash of the id, so training, calibration and model choice
never see it, whoever adds lines later.

    python -m nlp.realcorpus candidates spb --n 30 --shard 1/2 --min-chars 300
    python -m nlp.realcorpus check nlp/corpus/real/*.jsonl
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import hashlib
import json
import random
import re
from pathlib import Path

from nlp import sources
from nlp.corpus import CORPUS_DIR, Example, _example
from nlp.errors import CorpusError

REAL_DIR = CORPUS_DIR / "real"
EVAL_SHARE = 0.35
ORIGINS = ("real", "situation")


def is_eval(example_id: str) -> bool:
    """The fixed real-text evaluation split: 35 % of ids by their SHA-256."""
    digest = hashlib.sha256(example_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < EVAL_SHARE


@functools.cache
def _spb_texts() -> dict[str, str]:
    with gzip.open(sources._path("spb-nashgorod-appeals", "appeals.jsonl.gz"), "rt", encoding="utf-8") as f:
        return {str(d["id"]): d.get("text") or "" for d in map(json.loads, f)}


@functools.cache
def _kazsandra_texts() -> dict[str, str]:
    return {f"{r.source if r.source == '2gis' else 'maps'}:{r.row}": r.text for r in sources.kazsandra_reviews()}


@functools.cache
def _boston_rows() -> dict[str, dict]:
    rows = {}
    for path in sorted(sources._path("boston-311-2015").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as f:
            for r in csv.DictReader(f):
                rows[r["CASE_ENQUIRY_ID"]] = {**r, "_file": path.stem}
    return rows


def resolve(ref: str) -> str:
    """The text a ref points at; an unknown ref is a :class:`CorpusError`."""
    source, _, key = ref.partition(":")
    table = {"spb": lambda: _spb_texts(), "kazsandra": lambda: _kazsandra_texts(),
             "boston": lambda: {k: v["CLOSURE_REASON"].strip() for k, v in _boston_rows().items()}}
    if source not in table:
        raise CorpusError(f"Unknown source in ref {ref!r}: use spb:, kazsandra: or boston:.")
    text = table[source]().get(key)
    if not text:
        raise CorpusError(f"No text behind ref {ref!r}.")
    return text


def read_file(path: Path) -> list[tuple[Example, dict]]:
    """Each line as an Example (text resolved) and its raw object (origin, note, ref)."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        obj = json.loads(line)
        if obj.get("origin") not in ORIGINS:
            raise CorpusError(f"{where}: origin must be one of {ORIGINS}.")
        if not obj.get("note"):
            raise CorpusError(f"{where}: every line needs a one-line note of why.")
        if obj.get("ref"):
            obj = {**obj, "text": resolve(obj["ref"])}
        elif not obj.get("text"):
            raise CorpusError(f"{where}: a line needs a ref or a text.")
        out.append((_example(json.dumps(obj, ensure_ascii=False), where), obj))
    return out


def files(real_dir: Path = REAL_DIR) -> list[Path]:
    return sorted(real_dir.glob("*.jsonl"))


def rows(split: str | None = None, real_dir: Path = REAL_DIR) -> list[tuple[Example, dict]]:
    """Every labelled real text with its raw line (origin, ref, implicit, note); ``split`` 'train' or
    'eval' keeps one side of the hash split."""
    seen: set[str] = set()
    out = []
    for path in files(real_dir):
        for example, obj in read_file(path):
            if example.id in seen:
                raise CorpusError(f"{path.name}: duplicate id {example.id}.")
            seen.add(example.id)
            if split is None or (split == "eval") == is_eval(example.id):
                out.append((example, obj))
    return out


def load(split: str | None = None, real_dir: Path = REAL_DIR) -> list[Example]:
    return [example for example, _ in rows(split, real_dir)]


# --- helping labellers pick texts -------------------------------------------------------------

PUBLIC_SERVICE = re.compile(r"цон|хқко|хкко|халыққа қызмет|халыкка кызмет|әкімдік|акимат|акимдик|әкімшілі|"
                            r"емхана|поликлиник|аурухана|больниц|полиция|полицей|мектеп|школ|балабақша|"
                            r"балабакша|детсад|мемлекеттік|мемлекеттик|егов|egov|дәрігер|дарігер|врач|"
                            r"мұғалім|мугалим|жедел|скорая|банк|касса|вокзал|автобус|почта|пошта|kazpost",
                            re.IGNORECASE)


def candidates(source: str, n: int, shard: str, min_chars: int, max_chars: int, seed: int,
               public_only: bool) -> list[tuple[str, str]]:
    k, _, of = shard.partition("/")
    pool: list[tuple[str, str]]
    if source == "spb":
        pool = [(f"spb:{i}", t) for i, t in _spb_texts().items()]
    elif source == "kazsandra":
        pool = [(f"kazsandra:{i}", t) for i, t in _kazsandra_texts().items()
                if not public_only or PUBLIC_SERVICE.search(t)]
    elif source.startswith("boston"):
        pool = [(f"boston:{i}", r["CLOSURE_REASON"].strip()) for i, r in _boston_rows().items()
                if source == "boston" or r["_file"].lower().endswith(source.split("-", 1)[1])]
    else:
        raise SystemExit(f"unknown source {source}")
    pool = [(ref, t) for ref, t in pool if min_chars <= len(t) <= max_chars
            and int(hashlib.md5(ref.encode()).hexdigest(), 16) % int(of) == int(k) - 1]
    random.Random(seed).shuffle(pool)
    return pool[:n]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m nlp.realcorpus")
    sub = parser.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("candidates", help="print refs and texts to label")
    c.add_argument("source", help="spb | kazsandra | boston | boston-employee | boston-policy")
    c.add_argument("--n", type=int, default=30)
    c.add_argument("--shard", default="1/1", help="K/N: only refs whose hash falls in shard K of N")
    c.add_argument("--min-chars", type=int, default=1)
    c.add_argument("--max-chars", type=int, default=100_000)
    c.add_argument("--seed", type=int, default=0)
    c.add_argument("--public-only", action="store_true", help="kazsandra: reviews that name a public service")
    k = sub.add_parser("check", help="validate label files and print counts")
    k.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "candidates":
        for ref, text in candidates(args.source, args.n, args.shard, args.min_chars, args.max_chars, args.seed,
                                    args.public_only):
            print(json.dumps({"ref": ref, "text": text}, ensure_ascii=False))
        return
    total = 0
    for path in args.paths:
        rows = read_file(path)
        total += len(rows)
        origins = {o: sum(r.get("origin") == o for _, r in rows) for o in ORIGINS}
        with_area = sum(bool(e.areas) for e, _ in rows)
        print(f"{path}: {len(rows)} lines, {origins}, {with_area} with an area, "
              f"{sum(is_eval(e.id) for e, _ in rows)} in the eval split")
    print(f"total {total}")


if __name__ == "__main__":
    main()
