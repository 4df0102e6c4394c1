"""Build ingestion/redaction/kk_given_names.txt from the KazNERD sample.

Why a gazetteer from KazNERD: Kazakh has no NER model on PyPI that installs
offline; KazNERD (IS2AI, CC BY 4.0) marks persons in real Kazakh text. The given
names are the first words of multi-word PERSON mentions that do not look like a
surname or patronymic (those are caught by their suffixes anyway).

    python scripts/build_kk_names.py [--sentences 3000]

Only the first --sentences sentences are read, so the rest of the sample stays
a held-out check (scripts/redaction_quality.py --kaznerd).
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "data" / "kaznerd-sample" / "IOB2_test_first4000sent.txt"
OUT = REPO / "ingestion" / "redaction" / "kk_given_names.txt"
HEADER = """# Kazakh given names (lower case), one a line: the first words of multi-word PERSON
# mentions in the first {n} sentences of KazNERD (IS2AI/KazNERD, commit bd4333d, IOB2_test.txt),
# licensed CC BY 4.0 (Yeshpanov, Khassanov, Varol: "KazNERD: Kazakh Named Entity Recognition
# Dataset", LREC 2022). Built by scripts/build_kk_names.py.
"""


def read_sentences(path: Path, limit: int) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if len(sentences) >= limit:
                break
            sentences.append([])
            continue
        word, _, tag = line.rpartition(" ")
        sentences[-1].append((word, tag))
    return [s for s in sentences if s][:limit]


def given_names(sentences: list[list[tuple[str, str]]]) -> set[str]:
    from ingestion.redaction.names import looks_like_surname

    names = set()
    for sentence in sentences:
        for (word, tag), (_, next_tag) in zip(sentence, sentence[1:] + [("", "O")]):
            if tag == "B-PERSON" and next_tag == "I-PERSON" and word.isalpha() and not looks_like_surname(word):
                names.add(word.lower())
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=3000)
    args = parser.parse_args()
    names = given_names(read_sentences(SAMPLE, args.sentences))
    OUT.write_text(HEADER.format(n=args.sentences) + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} given names -> {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
