"""Language identification, transliteration and failure detection: no model needed."""

from __future__ import annotations

import pytest

from nlp.langid import identify
from nlp.textprep import FAILURE_REASONS, prepare
from nlp.translit import cyrillic_to_informal_latin, fold_kazakh_letters, latin_to_cyrillic


@pytest.mark.parametrize("text, lang", [
    # plain texts
    ("Сәлеметсіз бе! Мен әкімдікке өтініш бердім, бірақ жауап жоқ.", "kk"),
    ("Прошу отремонтировать уличное освещение на улице Абая, фонари не горят с ноября.", "ru"),
    ("Please repair the street light in front of building 14 on Abay avenue.", "en"),
    # code-switching: a Kazakh frame with Russian words is Kazakh
    ("Үш рет звонить еттім, каждый раз «ертең өзіміз хабарласамыз» дейді, бірақ ешкім хабарласпайды.", "kk"),
    ("Жер учаскесіне заявление бергенмін наурызда, срок өтіп кетті, ешқандай ответ жоқ.", "kk"),
    # a Russian frame that only names Kazakh places stays Russian
    ("Прошу установить фонари на улице Нурлы в с. Талапкер.", "ru"),
    ("Прошу отремонтировать дорогу на ул. Сәтпаева возле школы.", "ru"),
    # Kazakh typed on a Russian keyboard, without Kazakh letters
    ("Оте жаксы маман екен, рахмет", "kk"),
    ("Телефон алмайды, сервис нашар", "kk"),
    # short texts
    ("Керемет", "kk"),
    ("Спасибо большое", "ru"),
    ("Thanks a lot", "en"),
    # redaction masks and URLs are no evidence
    ("Снова сломан лифт XXXX XXXXX XXXXXXX, см. https://gorod.gov.spb.ru/problems/1", "ru"),
    ("Менің атым [NAME], телефоным [PHONE], жауап әлі жоқ", "kk"),
])
def test_language_of_tricky_texts(text, lang):
    assert identify(text).lang == lang


@pytest.mark.parametrize("text", [
    "salemetsiz be, akimdikke 2 ai buryn otinish jazdym, jauap joq. qashan qaraidy?",
    "Meshittegi jamaǵat kóbeıe bersin",
    "Taza keremet jer",
    "rakhmet, jumys jaqsy boldy",
])
def test_latin_script_kazakh_is_detected_and_transliterated(text):
    found = identify(text)
    assert found.lang == "kk"
    assert found.transliterated
    assert found.script == "latn"
    latin_letters = sum("a" <= ch.lower() <= "z" for ch in found.text)
    assert latin_letters <= 2  # at most a stray word ("be") stays in Latin


def test_english_is_not_mistaken_for_latin_kazakh():
    found = identify("Case Closed Case Noted Thank you for contacting the Mayor's hotline")
    assert (found.lang, found.transliterated) == ("en", False)


def test_latin_to_cyrillic_restores_kazakh_letters_by_vowel_harmony():
    assert latin_to_cyrillic("jauap joq") == "жауап жоқ"
    assert latin_to_cyrillic("otinish") == "өтініш"
    assert latin_to_cyrillic("jaqsy") == "жақсы"
    assert latin_to_cyrillic("Qazaqstan") == "Қазақстан"
    assert latin_to_cyrillic("kóbeıe") == "көбейе"


def test_round_trip_and_folding_keep_text_readable():
    text = "Сәлеметсіз бе! Жауап жоқ, кезек көп."
    assert latin_to_cyrillic(cyrillic_to_informal_latin(text, "official")).startswith("Сәлеметсіз бе! Жауап жоқ")
    assert fold_kazakh_letters("жақсы, өте") == "жаксы, оте"


def test_latin_lookalike_letters_inside_cyrillic_words_are_read_as_cyrillic():
    assert identify("Құрметті дəрігерлер, рахмет").lang == "kk"


@pytest.mark.parametrize("raw, reason", [
    ("", "empty"),
    ("   \n\t ", "empty"),
    (None, "empty"),
    ("\x00\x01\x02binary\x00junk" * 10, "binary"),
    (bytes(range(256)) * 40, "binary"),
    ("12345 !!! 67890 ???", "no_letters"),
    ("жалоба " * 200_000, "too_long"),
])
def test_failures_are_reasons_not_exceptions(raw, reason):
    prepared = prepare(raw)
    assert prepared.failure == reason
    assert reason in FAILURE_REASONS


def test_a_normal_text_is_prepared_for_the_model():
    prepared = prepare("  salemetsiz be,   jauap   joq  ")
    assert prepared.ok
    assert prepared.language.lang == "kk"
    assert prepared.text == "сәлеметсіз бе, жауап жоқ"
