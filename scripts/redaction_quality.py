"""Recall per kind and language, and what redaction wrongly destroys, on the redaction corpus.

    python scripts/redaction_quality.py            # the table in docs/redaction.md
    python scripts/redaction_quality.py --misses   # also list every miss and every damaged text
    python scripts/redaction_quality.py --part tune --misses   # one part only (while tuning)

The corpus (tests/redaction_corpus/*.tsv) marks personal data as [[KIND:value]] and text that
must stay as {{value}}. An item counts as caught when none of its letters or digits survive
(the kind token written does not matter for privacy); a kept item counts as intact when all of
its characters survive. "heldout" was written before the rules it measures and never tuned on.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "redaction_corpus"
PARTS = ("tune", "tune_b", "tune_c", "heldout", "heldout_b", "heldout_c", "heldout_d", "heldout_e")
_TOKEN_RE = re.compile(r"\[[A-Z]+\]")
_MARK_RE = re.compile(r"\[\[(?P<kind>[A-Z]+):(?P<pii>.+?)\]\]|\{\{(?P<keep>.+?)\}\}")


@dataclass
class Sample:
    lang: str
    text: str
    pii: list[tuple[str, int, int]] = field(default_factory=list)
    keep: list[tuple[int, int]] = field(default_factory=list)


def parse_line(lang: str, marked: str) -> Sample:
    sample = Sample(lang, "")
    parts, pos = [], 0
    for m in _MARK_RE.finditer(marked):
        parts.append(marked[pos : m.start()])
        start = sum(map(len, parts))
        value = m.group("pii") or m.group("keep")
        parts.append(value)
        if m.group("kind"):
            sample.pii.append((m.group("kind"), start, start + len(value)))
        else:
            sample.keep.append((start, start + len(value)))
        pos = m.end()
    parts.append(marked[pos:])
    sample.text = "".join(parts)
    return sample


def load(split: str) -> list[Sample]:
    lines = (CORPUS / f"{split}.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#")]
    return [parse_line(lang, text) for lang, text in rows]


def surviving(original: str, redacted: str) -> set[int]:
    """Indices of original characters that are still in the redacted text."""
    # a kind token becomes one character the original cannot hold, so its letters match nothing
    redacted = _TOKEN_RE.sub("\x00", redacted)
    matcher = difflib.SequenceMatcher(None, original, redacted, autojunk=False)
    return {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}


def evaluate(samples: list[Sample], redacted: list[str]) -> dict:
    found: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    clean = [0, 0]
    keeps = [0, 0]
    misses, damaged = [], []
    for sample, out in zip(samples, redacted, strict=True):
        alive = surviving(sample.text, out)
        for kind, start, end in sample.pii:
            caught = not any(i in alive for i in range(start, end) if sample.text[i].isalnum())
            found[(kind, sample.lang)][0] += caught
            found[(kind, sample.lang)][1] += 1
            if not caught:
                misses.append((kind, sample.text[start:end], out))
            if kind == "ADDRESS":
                # The documented rule keeps a street's name and removes the house and flat numbers;
                # this row scores that rule, the row above the strict "nothing of it survives".
                numbers_gone = not any(i in alive for i in range(start, end) if sample.text[i].isdigit())
                found[("ADDRESS numbers", sample.lang)][0] += numbers_gone
                found[("ADDRESS numbers", sample.lang)][1] += 1
        for start, end in sample.keep:
            intact = all(i in alive for i in range(start, end))
            keeps[0] += intact
            keeps[1] += 1
            if not intact:
                damaged.append((sample.text[start:end], out))
        if not sample.pii:
            clean[0] += out == sample.text
            clean[1] += 1
            if out != sample.text:
                damaged.append(("(whole text)", out))
    return {"found": dict(found), "clean": clean, "keeps": keeps, "misses": misses, "damaged": damaged}


def table(name: str, result: dict) -> str:
    kinds = sorted({k for k, _ in result["found"]})
    langs = ("kk", "ru", "en")
    lines = [f"### {name}", "", "| kind | " + " | ".join(langs) + " | all |", "|---|" + "---|" * (len(langs) + 1)]
    for kind in kinds:
        cells, total = [], [0, 0]
        for lang in langs:
            hit, n = result["found"].get((kind, lang), (0, 0))
            total[0] += hit
            total[1] += n
            cells.append(f"{hit}/{n}" if n else "-")
        cells.append(f"{total[0]}/{total[1]} ({total[0] / total[1]:.2f})")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    c, k = result["clean"], result["keeps"]
    lines += ["", f"texts without personal data left unchanged: {c[0]}/{c[1]}; "
              f"must-stay items intact: {k[0]}/{k[1]}", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--part", choices=PARTS, action="append",
                        help="evaluate only this part (repeatable); while tuning, use only 'tune' and 'tune_b'")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from ingestion.redact import redact_series
    import polars as pl

    for split in args.part or PARTS:
        samples = load(split)
        redacted = redact_series(pl.Series([s.text for s in samples])).to_list()
        result = evaluate(samples, redacted)
        print(table(f"{split} ({len(samples)} texts)", result))
        if args.misses:
            for kind, value, out in result["misses"]:
                print(f"  MISS {kind}: {value!r} in {out!r}")
            for value, out in result["damaged"]:
                print(f"  DAMAGED {value!r} in {out!r}")
            print()


if __name__ == "__main__":
    main()
