"""How far two careful people agree on the real-text evaluation split: the ceiling of any score
measured against one labeller's reading.

A second labeller, who had not seen the first one's labels, the model or its evaluation, labelled
120 texts per language drawn at random (seed 20261207) from the evaluation split
(``nlp/corpus/agreement/second-labeller-*.jsonl``; ids and labels only, the texts stay in
``../shared/data`` and the corpus files). This prints macro and micro F1 over areas, with 95 %
bootstrap intervals, of the second labeller against the first, and of the shipped classifier
against each, on the same texts, so the model's score can be read against the human one.

    python bench/agreement.py [--model models/tyndau-default]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from nlp import realcorpus
from nlp.evaluate import area_counts, bootstrap, f1_from_counts

AGREEMENT_DIR = Path(__file__).resolve().parents[1] / "nlp" / "corpus" / "agreement"
LANGUAGES = ("kk", "ru", "en")


def second_labels(lang: str) -> dict[str, dict[str, str]]:
    path = AGREEMENT_DIR / f"second-labeller-{lang}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r["areas"] for r in rows}


def scores(gold: list[dict], other: list[dict]) -> str:
    counts = area_counts(gold, other)
    micro, macro = f1_from_counts(counts.sum(axis=0))
    ci = bootstrap(counts)["macro_f1"]
    return f"{macro:.3f} [{ci[0]:.2f}, {ci[1]:.2f}] (micro {micro:.3f})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="models/tyndau-default")
    args = parser.parse_args(argv)
    from nlp.ensemble import load_classifier

    classifier = load_classifier(args.model)
    examples = {e.id: e for e in realcorpus.load("eval")}
    print("| language | texts | second labeller vs first | model vs first | model vs second |")
    print("|---|---|---|---|---|")
    everything: dict[str, list] = {"first": [], "second": [], "model": []}
    for lang in LANGUAGES:
        second = second_labels(lang)
        chosen = [examples[i] for i in second]
        first = [e.areas for e in chosen]
        model = [{a.area: a.polarity for a in p.areas} for p in classifier.predict([e.text for e in chosen])]
        ordered = [second[e.id] for e in chosen]
        for key, labels in (("first", first), ("second", ordered), ("model", model)):
            everything[key].extend(labels)
        print(f"| {lang} | {len(chosen)} | {scores(first, ordered)} | {scores(first, model)} | {scores(ordered, model)} |")
    print(f"| all | {len(everything['first'])} | {scores(everything['first'], everything['second'])} "
          f"| {scores(everything['first'], everything['model'])} | {scores(everything['second'], everything['model'])} |")
    agree = np.mean([a == b for a, b in zip(everything["first"], everything["second"])])
    print(f"\nTexts on which both labellers chose exactly the same areas and polarities: {agree:.1%}")


if __name__ == "__main__":
    main()
