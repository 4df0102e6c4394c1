"""How often the reader decodes a legacy Cyrillic CSV to the right text, on real texts.

    python bench/bench_encoding_detection.py                 # 1, 3 and 10 texts per file
    python bench/bench_encoding_detection.py --per-file 1 5

Kazakh (mixed with Russian, as people write) : the KazSAnDRA 2GIS reviews, saved as KZ-1048.
Russian: the texts of "Наш Санкт-Петербург" appeals, saved as Windows-1251 (and as KZ-1048: the
bytes are the same unless a Kazakh letter occurs). Texts that the code page cannot hold (emoji) are
left out: a legacy file cannot contain them. A file counts as right when the detected encoding
decodes it to exactly the text written (Russian text is identical in both code pages, so either is
right for it). Reads ../shared/data; fails when it is missing.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingestion.readers import SNIFF_BYTES, cyrillic_codepage  # noqa: E402

SHARED = REPO.parent / "shared" / "data"


def kazakh_reviews(limit: int) -> list[str]:
    with (SHARED / "kazsandra-reviews" / "01_source_2gis.csv").open(encoding="utf-8", newline="") as fh:
        return [row["text"] for row in itertools.islice(csv.DictReader(fh), limit)]


def russian_appeals(limit: int) -> list[str]:
    with gzip.open(SHARED / "spb-nashgorod-appeals" / "appeals.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] or "" for line in itertools.islice(fh, limit)]


def encodable(texts: list[str], encoding: str) -> list[str]:
    kept = []
    for text in texts:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            continue
        if text.strip():
            kept.append(text)
    return kept


def csv_bytes(texts: list[str], encoding: str) -> bytes:
    lines = ["id;text"] + [f'{i};"{t.replace(chr(34), chr(34) * 2)}"' for i, t in enumerate(texts, 1)]
    return ("\n".join(lines) + "\n").encode(encoding)


def score(texts: list[str], encoding: str, per_file: int) -> tuple[int, int, int]:
    """(files, decoded right, files with a Kazakh-only byte)"""
    files = right = telling = 0
    for start in range(0, len(texts) - per_file + 1, per_file):
        data = csv_bytes(texts[start:start + per_file], encoding)
        head = data[:SNIFF_BYTES]
        guess = cyrillic_codepage(head)
        files += 1
        right += guess is not None and data.decode(guess, errors="replace") == data.decode(encoding)
        telling += head.decode("cp1251", errors="replace") != head.decode("kz1048", errors="replace")
    return files, right, telling


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-file", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--texts", type=int, default=3000)
    args = parser.parse_args()
    assert SHARED.exists(), f"{SHARED} is missing"
    corpora = {"Kazakh reviews as KZ-1048": (encodable(kazakh_reviews(args.texts), "kz1048"), "kz1048"),
               "Russian appeals as Windows-1251": (encodable(russian_appeals(args.texts), "cp1251"), "cp1251")}
    for name, (texts, encoding) in corpora.items():
        for per_file in args.per_file:
            files, right, telling = score(texts, encoding, per_file)
            print(f"{name}, {per_file} text(s) per file: {right}/{files} decoded right "
                  f"({right / files:.1%}); {telling} files hold a byte the two code pages read differently")


if __name__ == "__main__":
    main()
