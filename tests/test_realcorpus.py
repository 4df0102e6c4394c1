"""The real-text corpus: every label valid, every reference resolves to real text in ../shared/data,
no text labelled twice, enough per language, and an evaluation split training never reads."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from nlp import realcorpus
from nlp.corpus import LANGS
from nlp.errors import CorpusError


@pytest.fixture(scope="module")
def rows():
    return [(ex, obj) for path in realcorpus.files() for ex, obj in realcorpus.read_file(path)]


def test_every_line_resolves_and_is_labelled_by_the_model_contract(rows):
    assert rows, "nlp/corpus/real is empty"
    for ex, obj in rows:
        assert ex.text.strip() and ex.lang in LANGS and obj["note"].strip()
    refs = [obj["ref"] for _, obj in rows if obj.get("ref")]
    assert len(refs) == len(set(refs)), "a real text is labelled twice"
    assert len({ex.id for ex, _ in rows}) == len(rows)


def test_at_least_600_real_or_real_situation_texts_per_language(rows):
    per_lang = Counter(ex.lang for ex, _ in rows)
    assert all(per_lang[lang] >= 600 for lang in LANGS), per_lang
    real = Counter(ex.lang for ex, obj in rows if obj["origin"] == "real")
    assert all(real[lang] >= 150 for lang in LANGS), real


def test_the_texts_are_read_in_place_not_copied():
    for path in realcorpus.files():
        for line in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            assert not (obj.get("ref") and obj.get("text")), f"{path.name}: {obj['id']} copies a shared text"


def test_the_evaluation_split_is_fixed_by_hash_and_disjoint_from_training():
    train, held_out = realcorpus.load("train"), realcorpus.load("eval")
    assert not {e.id for e in train} & {e.id for e in held_out}
    share = len(held_out) / (len(train) + len(held_out))
    assert 0.3 < share < 0.4
    assert all(realcorpus.is_eval(e.id) for e in held_out)
    assert Counter(e.lang for e in held_out).most_common()[-1][1] >= 200


def test_training_reads_the_training_side_only():
    from nlp.train import load_examples

    ids = {e.id for e in load_examples()}
    assert not ids & {e.id for e in realcorpus.load("eval")}
    assert {e.id for e in realcorpus.load("train")} <= ids


def test_a_bad_reference_is_a_clear_error(tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text(json.dumps({"id": "real-ru-x-1", "origin": "real", "ref": "spb:0", "lang": "ru", "areas": {},
                               "note": "n"}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="No text behind ref"):
        realcorpus.read_file(bad)


def test_the_second_labellers_lines_are_evaluation_texts_with_valid_labels(rows):
    """bench/agreement.py compares them with the first labeller's: each must be an evaluation text
    (never training), labelled once, with the 12 area ids and the three polarities only."""
    import sys
    from pathlib import Path

    from warehouse.taxonomy import area_ids

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from agreement import LANGUAGES, second_labels

    by_id = {ex.id: ex for ex, _ in rows}
    for lang in LANGUAGES:
        labels = second_labels(lang)
        assert len(labels) == 120, lang
        for example_id, areas in labels.items():
            assert realcorpus.is_eval(example_id) and by_id[example_id].lang == lang, example_id
            assert set(areas) <= set(area_ids()) and set(areas.values()) <= {"negative", "positive", "neutral"}
