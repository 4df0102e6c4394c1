"""Build ingestion/redaction/kk_given_names.txt from the KazNERD sample.

Why a gazetteer from KazNERD: Kazakh has no NER model on PyPI that installs
offline; KazNERD (IS2AI, CC BY 4.0) marks persons in real Kazakh text. The given
names are taken from every PERSON mention of the sample: the first word of a multi-word
mention, and a one-word mention ("Светлана", "Дамирдің") without its case ending. Words that
look like a surname or patronymic are left out (their suffixes catch them anyway), and so are
plurals ("Ақшақарлар": characters, not a person) and the words of not_names.txt (Роза, Құдай:
ordinary words or places that KazNERD happens to tag as a person).

    python scripts/build_kk_names.py [--sentences N]

All sentences are read by default; the sample is therefore no held-out check for the list.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "data" / "kaznerd-sample" / "IOB2_test_first4000sent.txt"
sys.path.insert(0, str(REPO))
OUT = REPO / "ingestion" / "redaction" / "kk_given_names.txt"
HEADER = """# Kazakh given names (lower case), one a line: the first words of multi-word PERSON
# mentions (and one-word mentions without their case ending) in {n} sentences of KazNERD (IS2AI/KazNERD, commit bd4333d, IOB2_test.txt),
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


_PLURAL_RE = re.compile("(?:лар|лер|дар|дер|тар|тер)[а-яәғқңөұүһі]*$")
# Kazakh case endings that no given name ends with (genitive, accusative, ablative, dative,
# locative-attributive). The one-letter and Russian endings the matcher also strips are left
# alone here: cutting them would turn "Светлана" into "светла".
_KK_CASE_ENDING_RE = re.compile("(?:ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті|нан|нен|дан|ден|тан|тен"
                                "|ға|ге|қа|ке|дағы|дегі|тағы|тегі)$")


def _base_form(low: str) -> str:
    stripped = _KK_CASE_ENDING_RE.sub("", low)
    return stripped if len(stripped) >= 3 else low



def given_names(sentences: list[list[tuple[str, str]]]) -> set[str]:
    from ingestion.redaction.names import looks_like_surname, not_name_words

    names = set()
    for sentence in sentences:
        for (word, tag), (_, next_tag) in zip(sentence, sentence[1:] + [("", "O")]):
            if tag != "B-PERSON" or not word.isalpha() or looks_like_surname(word):
                continue
            low = word.lower()
            if next_tag != "I-PERSON":  # a one-word mention may carry a case ending, or be a plural
                if _PLURAL_RE.search(low):
                    continue
                low = _base_form(low)
            if low not in not_name_words():
                names.add(low)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=None, help="read only the first N (default: all)")
    args = parser.parse_args()
    sentences = read_sentences(SAMPLE, args.sentences or sys.maxsize)
    names = given_names(sentences)
    count = f"all {len(sentences):,}" if args.sentences is None else f"the first {len(sentences):,}"
    OUT.write_text(HEADER.format(n=count) + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} given names -> {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
