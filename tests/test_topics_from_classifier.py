"""`tyndau classify` stores the themes' meaning vectors itself, so `tyndau topics build` encodes nothing twice.

The claim checked with the real encoder and the trained classifier: the classifier's last-layer
document vector of a text is the vector `nlp.textvectors.embed_texts` computes for it, and it is
stored under the key `topics build` looks for. And the guard: an encoder read otherwise (another
checkpoint, int8, other windows) stores nothing.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime
from types import SimpleNamespace

import numpy as np

from insights import topics
from nlp.classify import classify_pending
from nlp.encoder import DEFAULT_ENCODER, fingerprint
from nlp.textvectors import WINDOW_TOKENS, embed_new_appeals, embed_texts, shared_encoder_hash
from tests.nlp_support import classifier
from warehouse.build import build_models

APPEALS = {
    "kk": "Сәлеметсіз бе! Екі ай бұрын әкімдікке өтініш бердім, әлі күнге жауап жоқ. Көшедегі шамдар жанбайды.",
    "ru": "Прошу отремонтировать уличное освещение на улице Абая. Вечером во дворе совсем темно.",
    "en": "The clerk demanded a 'gift' to speed up my documents. I refused and I am still waiting.",
    "ru-long": " ".join(["Во дворе дома номер пять третий месяц не вывозят мусор, контейнеры переполнены."] * 12),
    "kk-latin": "Salemetsiz be! Bizdin koshede jaryq joq, eki ai boiy eshkim jauap bermeidi.",
    "empty": "",
}
COMMENT = "Руководитель никогда не объясняет решения."


def add_texts(con) -> None:
    now = datetime.now()
    for external_id, text in APPEALS.items():
        con.execute("insert into raw_appeals (source, external_id, text, registered_at, language, row_hash, "
                    "source_file, load_run_id, loaded_at) values ('test', ?, ?, ?, ?, 'h', 'f', 1, ?)",
                    [external_id, text, now, None if external_id == "empty" else external_id[:2], now])
    con.execute("insert into raw_survey_responses (source, response_id, item_id, free_text, row_hash, source_file, "
                "load_run_id, loaded_at) values ('survey', 'r1', 'q1', ?, 'h', 'f', 1, ?)", [COMMENT, now])


def stored(con) -> dict[str, tuple[str, str, np.ndarray]]:
    rows = con.execute("select text_kind, text_id, encoder_hash, text_hash, vector from text_vectors").fetchall()
    return {text_id: (kind, encoder_hash, text_hash, np.asarray(vector, dtype=np.float32))
            for kind, text_id, encoder_hash, text_hash, vector in rows}


def test_classify_stores_the_themes_vectors_and_topics_build_embeds_nothing_more(con, settings):
    add_texts(con)
    clf = classifier()
    report = classify_pending(con, clf)
    assert (report.classified, report.failed) == (6, 1)  # five appeals and the comment; the empty appeal fails

    vectors = stored(con)
    assert set(vectors) == {f"test:{k}" for k in APPEALS if k != "empty"}  # appeals only, no failure
    expected_hash = fingerprint(DEFAULT_ENCODER)
    for text_id, (kind, encoder_hash, text_hash, _) in vectors.items():
        text = APPEALS[text_id.removeprefix("test:")]
        assert (kind, encoder_hash, text_hash) == ("appeal", expected_hash, hashlib.sha256(text.encode()).hexdigest())

    transliterated = {i for (i,) in con.execute(
        "select text_id from text_classifications where transliterated").fetchall()}
    plain = sorted(i for i in vectors if i not in transliterated)
    assert len(plain) >= 4
    reference = embed_texts([APPEALS[i.removeprefix("test:")] for i in plain])
    cosines = [float(vectors[i][3] @ reference[k]) for k, i in enumerate(plain)]
    assert min(cosines) >= 0.9999, dict(zip(plain, cosines))
    for _, _, _, vector in vectors.values():
        assert abs(float(np.linalg.norm(vector)) - 1) < 1e-4

    build_models(con, settings)
    assert embed_new_appeals(con) == 0  # topics build finds every appeal's vector already there
    members = con.execute("select count(*) from fct_topic_members").fetchone()[0]
    assert members == len(vectors)
    assert con.execute("select count(*) from mart_topics").fetchone()[0] >= topics.MIN_THEMES


def encoder_like(path=DEFAULT_ENCODER, **changes):
    """What shared_encoder_hash reads of an Encoder, as the default topics encoder would have it."""
    fields = {"path": path, "quantized": False, "window_tokens": WINDOW_TOKENS, "hidden": 384,
              "prefix": "passage: "}
    return SimpleNamespace(**{**fields, **changes})


def test_only_the_themes_encoder_read_the_same_way_shares_its_vectors(tmp_path):
    assert (DEFAULT_ENCODER / "e5.json").read_text(encoding="utf-8").count('"passage: "') == 1
    assert shared_encoder_hash(encoder_like()) == fingerprint(DEFAULT_ENCODER)
    assert shared_encoder_hash(None) is None
    assert shared_encoder_hash(encoder_like(quantized=True)) is None
    assert shared_encoder_hash(encoder_like(window_tokens=WINDOW_TOKENS * 2)) is None
    assert shared_encoder_hash(encoder_like(hidden=768)) is None

    copy = tmp_path / "same-weights-elsewhere"  # a copy of the checkpoint in another folder still counts
    copy.mkdir()
    for entry in DEFAULT_ENCODER.iterdir():
        (copy / entry.name).symlink_to(entry)
    assert shared_encoder_hash(encoder_like(copy)) == fingerprint(DEFAULT_ENCODER)
    assert shared_encoder_hash(encoder_like(copy, prefix="query: ")) is None

    other = tmp_path / "other-checkpoint"  # same files but one changed: another encoder
    shutil.copytree(copy, other, symlinks=True)
    (other / "config.json").unlink()
    (other / "config.json").write_text((DEFAULT_ENCODER / "config.json").read_text(encoding="utf-8") + " ")
    assert shared_encoder_hash(encoder_like(other)) is None
    assert shared_encoder_hash(encoder_like(), topics_encoder=tmp_path / "no-encoder-here") is None
