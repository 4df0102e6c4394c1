"""The classifier: save/load layout, predictions, failures, evidence, evaluation, --base, determinism."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp import evaluate
from nlp.corpus import Example
from nlp.ensemble import load_classifier, model_hash
from nlp.labels import APPEAL_TYPES, POLARITIES, all_labels, area_ids
from tests.nlp_support import classifier, model_dir, train_small
from tyndau.cli import app

TEXTS = [
    "Сәлеметсіз бе! Екі ай бұрын әкімдікке өтініш бердім, әлі күнге жауап жоқ.",
    "Прошу отремонтировать уличное освещение на улице Абая, фонари не горят.",
    "The clerk at the service centre demanded a 'gift' to speed up my documents.",
    "salemetsiz be, akimdikke otinish jazdym, jauap joq",
    "Сотрудник ЦОНа нагрубил моей матери и отказался объяснить причину отказа.",
]


@pytest.fixture(scope="module")
def clf():
    return classifier()


def test_model_directory_has_head_ngrams_calibration_and_points_at_its_encoder():
    d = model_dir()
    for name in ("encoder.json", "head.safetensors", "head.json", "calibration.json", "tyndau.json",
                 "ngram/vocabulary.json", "ngram/weights.npz"):
        assert (d / name).exists(), name
    head = json.loads((d / "head.json").read_text())
    assert head["labels"] == len(all_labels()) == 41
    spec = json.loads((d / "encoder.json").read_text())
    encoder = (d / spec["path"]).resolve()
    assert (encoder / "config.json").exists() and len(spec["fingerprint"]) == 64
    assert head["dim"] == spec["layers"] * json.loads((encoder / "config.json").read_text())["hidden_size"]


def test_the_encoder_is_a_standard_checkpoint_transformers_loads_on_its_own():
    from transformers import AutoModel, AutoTokenizer

    spec = json.loads((model_dir() / "encoder.json").read_text())
    encoder = (model_dir() / spec["path"]).resolve()
    model = AutoModel.from_pretrained(str(encoder))
    tokenizer = AutoTokenizer.from_pretrained(str(encoder))
    hidden = model(**tokenizer(["passage: жауап жоқ"], return_tensors="pt")).last_hidden_state
    assert hidden.shape[0] == 1 and hidden.shape[2] == model.config.hidden_size


def test_an_older_model_directory_is_refused_with_what_to_do(tmp_path):
    from nlp.errors import ModelError

    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError, match="retrain"):
        load_classifier(tmp_path)


def test_round_trip_gives_the_same_model_and_predictions(clf, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(model_dir(), copy)
    again = load_classifier(copy)
    assert again.model_hash == clf.model_hash == model_hash(model_dir())
    assert [p.area_scores for p in again.predict(TEXTS)] == [p.area_scores for p in clf.predict(TEXTS)]


def test_predictions_have_the_contract_labels(clf):
    predictions = clf.predict(TEXTS)
    assert len(predictions) == len(TEXTS)
    for p in predictions:
        assert p.failure is None
        assert set(p.area_scores) == set(area_ids())
        assert all(0.0 <= s <= 1.0 for s in p.area_scores.values())
        assert p.appeal_type in APPEAL_TYPES
        for a in p.areas:
            assert a.area in area_ids() and a.polarity in POLARITIES
            assert a.score == p.area_scores[a.area]
    assert [p.language for p in predictions] == ["kk", "ru", "en", "kk", "ru"]
    assert predictions[3].transliterated and not predictions[0].transliterated


def test_failures_come_back_as_data_in_a_batch(clf):
    junk = "\x00\x07\x1b" * 3000
    huge = "жалоба на акимат " * 70_000  # about 1.2 MB
    predictions = clf.predict(["", junk, huge, "12 345 !!!", TEXTS[0]])
    assert [p.failure for p in predictions[:4]] == ["empty", "binary", "too_long", "no_letters"]
    assert predictions[4].failure is None and predictions[4].appeal_type


def test_evidence_points_at_words_of_the_text(clf):
    text = "Сотрудник потребовал «подарок» за ускорение оформления документов, иначе ждать полгода."
    prediction = clf.predict([text])[0]
    explained = clf.explain(text)
    assert set(explained) == prediction.area_ids
    for area, spans in explained.items():
        assert spans, area
        for e in spans:
            assert e.text and e.text in text and text[e.start:e.end] == e.text and e.weight > 0


def test_explaining_a_chosen_area_works_even_if_it_was_not_predicted(clf):
    spans = clf.area_evidence("Мне не ответили на обращение уже два месяца", "responsiveness")
    assert spans and all(s.area == "responsiveness" for s in spans)


# --- evaluation ----------------------------------------------------------------------------------

def test_metrics_on_a_hand_checked_example():
    gold = [Example("1", "", "ru", {"responsiveness": "negative"}, "complaint"),
            Example("2", "", "ru", {"communication": "negative", "legality": "neutral"}, "complaint"),
            Example("3", "", "kk", {}, "application")]
    pred = [evaluate.Labelled({"responsiveness": "positive"}, "complaint"),
            evaluate.Labelled({"communication": "negative"}, "inquiry"),
            evaluate.Labelled({"legality": "negative"}, "application")]
    r = evaluate.report_by_language(gold, pred, resamples=50)
    # areas: tp 2 (responsiveness, communication), fp 1 (legality in 3), fn 1 (legality in 2)
    assert r["micro_f1"] == pytest.approx(2 * 2 / (2 * 2 + 1 + 1), abs=1e-4)
    # per area F1: responsiveness 1, communication 1, legality 0 -> macro 2/3
    assert r["macro_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["polarity_accuracy"] == 0.5
    assert r["exact_match"] == 0.0
    assert r["appeal_type_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["by_language"]["kk"]["n"] == 1 and r["by_language"]["ru"]["n"] == 2
    lo, hi = r["micro_f1_ci"]
    assert 0.0 <= lo <= hi <= 1.0


def test_evaluate_json_structure_and_values(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "g1", "kind": "appeal", "lang": "kk", "text": TEXTS[0], "areas": {"responsiveness": "negative"},
         "appeal_type": "complaint"},
        {"id": "g2", "kind": "appeal", "lang": "ru", "text": TEXTS[1], "areas": {}, "appeal_type": "application"},
        {"id": "g3", "kind": "appeal", "lang": "en", "text": TEXTS[2], "areas": {"anti_corruption": "negative"},
         "appeal_type": "complaint"},
        {"id": "g4", "kind": "survey_comment", "lang": "ru", "text": "Руководитель никогда не объясняет решения.",
         "areas": {"leadership": "negative", "communication": "negative"}, "appeal_type": None},
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), "--json", "--model", str(model_dir()),
                                      "--resamples", "50"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    fields = ("macro_f1", "micro_f1", "macro_f1_ci", "micro_f1_ci", "polarity_accuracy", "exact_match",
              "appeal_type_accuracy", "per_area", "n")
    for f in fields:
        assert f in doc
    assert set(doc["by_language"]) == {"kk", "ru", "en"}
    for lang, r in doc["by_language"].items():
        for f in fields:
            assert f in r, (lang, f)
        assert 0.0 <= r["macro_f1"] <= 1.0 and 0.0 <= r["micro_f1"] <= 1.0
    assert doc["by_language"]["ru"]["n"] == 2
    assert set(doc["components"]) == {"transformer", "ngram"}
    assert set(doc["per_area"]) == set(area_ids())


def test_evaluate_without_files_is_a_helpful_error():
    result = CliRunner().invoke(app, ["evaluate"])
    assert result.exit_code == 2
    assert "what to do" in result.output


# --- fine-tuning a pretrained checkpoint (--base) -------------------------------------------------

def make_tiny_checkpoint(folder: Path) -> Path:
    """Another local checkpoint made here from a config: a tiny BERT with the e5 tokenizer (no download)."""
    from transformers import AutoTokenizer, BertConfig, BertModel

    from nlp.encoder import DEFAULT_ENCODER

    tokenizer = AutoTokenizer.from_pretrained(str(DEFAULT_ENCODER))
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=160)
    BertModel(config).save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
    return folder


def test_train_with_base_uses_any_local_checkpoint_as_the_encoder(tmp_path):
    from nlp.train import TrainConfig, train

    base = make_tiny_checkpoint(tmp_path / "base")
    out = tmp_path / "tuned"
    report = train(TrainConfig(out=out, base=str(base), limit=40, epochs=2, augment=False, use_real=False),
                   progress=lambda s: None)
    assert report.counts == {"kk": 40, "ru": 40, "en": 40}
    assert json.loads((out / "head.json").read_text())["dim"] == 32  # one layer: the tiny model has no more
    assert json.loads((out / "tyndau.json").read_text())["base"] == str(base.resolve())
    predictions = load_classifier(out).predict(TEXTS[:2])
    assert len(predictions) == 2 and all(p.failure is None for p in predictions)


@pytest.mark.slow
def test_training_is_deterministic(tmp_path):
    first = train_small(tmp_path / "a")
    second = train_small(tmp_path / "b")
    assert model_hash(first) == model_hash(second)


# --- learning from analysts -------------------------------------------------------------------------

def test_train_with_db_learns_the_corrections_analysts_made(con, settings, tmp_path):
    """Texts the model got wrong, corrected by an analyst in the warehouse: after `tyndau train --db`,
    the model predicts what the analyst said on most of them (and it did on none before)."""
    from datetime import datetime

    from nlp import corpus
    from nlp.review import store_correction

    runner = CliRunner()
    before_dir, after_dir = tmp_path / "before", tmp_path / "after"
    result = runner.invoke(app, ["train", "--out", str(before_dir), "--limit", "150", "--epochs", "20"])
    assert result.exit_code == 0, result.output
    before = load_classifier(before_dir)
    candidates = corpus.read_many(corpus.eval_files())[::7]
    predicted = before.predict([e.text for e in candidates])
    wrong = [e for e, p in zip(candidates, predicted) if {a.area for a in p.areas} != set(e.areas)][:10]
    assert len(wrong) == 10
    now = datetime.now()
    for n, e in enumerate(wrong):
        con.execute("insert into raw_appeals (source, external_id, text, row_hash, source_file, load_run_id, "
                    "loaded_at) values ('test', ?, ?, 'h', 'f', 1, ?)", [str(n), e.text, now])
        store_correction(con, f"test:{n}", e.areas, "analyst-1", appeal_type=e.appeal_type)
    con.close()

    result = runner.invoke(app, ["train", "--out", str(after_dir), "--limit", "150", "--epochs", "20",
                                 "--db", settings.db_path])
    assert result.exit_code == 0, result.output
    assert json.loads((after_dir / "tyndau.json").read_text())["corrections"] == 10
    after = load_classifier(after_dir).predict([e.text for e in wrong])
    learned = sum({a.area for a in p.areas} == set(e.areas) for e, p in zip(wrong, after))
    # "Most of them": a majority. (The tiny model's thresholds are calibrated on a handful of texts, so the
    # exact count moves by one between machines: 7 here, 6 in a CI run; the scores below are steadier.)
    assert learned > len(wrong) / 2, learned
    wrong_before = dict(zip((e.text for e in candidates), predicted))
    rise = [p.area_scores[a] - wrong_before[e.text].area_scores[a] for e, p in zip(wrong, after) for a in e.areas]
    assert rise and sum(rise) / len(rise) > 0.2, "the analysts' areas score clearly higher after training"
