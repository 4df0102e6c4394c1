"""Counts of the labelled corpus for nlp/corpus/README.md: `python -m nlp.corpus_stats [--markdown]`.

Why a script: the corpus grows while it is written; the README's tables are regenerated
from the files, never typed by hand.
"""

from __future__ import annotations

import argparse
from collections import Counter

from nlp import corpus
from nlp.corpus import Example
from nlp.labels import APPEAL_TYPES, POLARITIES, area_ids


def stats(examples: list[Example]) -> dict:
    by_lang: dict[str, dict] = {}
    for lang in corpus.LANGS:
        ex = [e for e in examples if e.lang == lang]
        if ex:
            by_lang[lang] = _one(ex)
    return by_lang


def _one(ex: list[Example]) -> dict:
    areas = Counter((a, p) for e in ex for a, p in e.areas.items())
    return {
        "lines": len(ex),
        "plain": sum(not e.areas for e in ex),
        "multi_label": sum(len(e.areas) > 1 for e in ex),
        "survey_comments": sum(e.kind == "survey_comment" for e in ex),
        "scripts": dict(Counter(e.script or "?" for e in ex)),
        "appeal_types": dict(Counter(e.appeal_type or "null" for e in ex)),
        "areas": {a: {p: areas[(a, p)] for p in POLARITIES} for a in area_ids()},
        "words_median": sorted(len(e.text.split()) for e in ex)[len(ex) // 2],
    }


def markdown(title: str, s: dict) -> str:
    langs = list(s)
    out = [f"### {title}", "", "| | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs)]
    for key in ("lines", "plain", "multi_label", "survey_comments", "words_median"):
        out.append(f"| {key.replace('_', ' ')} | " + " | ".join(str(s[l][key]) for l in langs) + " |")
    for script in ("cyrl", "mixed", "latn"):
        out.append(f"| script {script} | " + " | ".join(str(s[l]["scripts"].get(script, 0)) for l in langs) + " |")
    for t in APPEAL_TYPES + ("null",):
        out.append(f"| appeal type {t} | " + " | ".join(str(s[l]["appeal_types"].get(t, 0)) for l in langs) + " |")
    out += ["", "Areas (negative / positive / neutral):", "", "| area | " + " | ".join(langs) + " |",
            "|---|" + "---|" * len(langs)]
    for a in area_ids():
        cells = [" / ".join(str(s[l]["areas"][a][p]) for p in POLARITIES) + f" ({sum(s[l]['areas'][a].values())})"
                 for l in langs]
        out.append(f"| {a} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="Print Markdown tables for the README.")
    args = parser.parse_args()
    for title, files in (("train", corpus.train_files()), ("eval", corpus.eval_files())):
        s = stats(corpus.read_many(files))
        if args.markdown:
            print(markdown(title, s) + "\n")
        else:
            for lang, x in s.items():
                print(title, lang, {k: v for k, v in x.items() if k != "areas"})
                print("   ", {a: sum(v.values()) for a, v in x["areas"].items()})


if __name__ == "__main__":
    main()
