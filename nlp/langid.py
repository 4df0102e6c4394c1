"""Language identification for kk / ru / en that survives Kazakh-Russian mixing and Latin script.

Why not an off-the-shelf detector: lingua and fastText's lid model call code-switched
Kazakh ("справка алу үшін 3 рет келдім, очередь бітпейді") Russian, call Kazakh typed on a
Russian keyboard ("оте жаксы" for "өте жақсы") Russian or Kyrgyz, and call Latin-script
Kazakh ("jauap joq") anything at all.

How it works: every word is scored on its own by a character n-gram model (n = 1..5 with
word boundaries, Naive Bayes log-ratio) fitted on Kazakh text (KazNERD sentences, the
training corpus, also with the Kazakh letters folded to Russian look-alikes) against
Russian, and, for Latin-script words, on Kazakh written in Latin letters against English.
Words with a Kazakh-specific letter (әғқңөұүһі, or the official Latin á ǵ ń ó ú ı ...)
are Kazakh evidence outright. Words that score near zero (names, numbers, "ЦОН") are
left out.

The rule for mixed texts (decided here, documented in docs/classifier.md):
a text is **kk when at least 25 % of its language-marked words are Kazakh**
(:data:`KK_SHARE`). Kazakh-Russian code-switching puts Russian nouns and phrases into a
Kazakh sentence ("заявление бергенмін, срок өтіп кетті"): such a text is written by a
Kazakh speaker and belongs with Kazakh texts even when half its words are Russian.
A Russian sentence that only names a Kazakh street or agency ("ул. Сәтпаева", "ХҚКО")
stays far below 25 % and stays ru (a capitalised word inside a sentence, a probable
name, counts 0.3). Otherwise the majority of ru vs en words decides.

Latin-script Kazakh is detected the same way (its words score Kazakh against English)
and those words are transliterated to Cyrillic (:mod:`nlp.translit`); the result says
so (``transliterated=True``), and the classifier reads the Cyrillic text.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from nlp.translit import (KAZAKH_SPECIFIC, LATIN_KAZAKH_SPECIFIC, cyrillic_to_informal_latin, fold_kazakh_letters,
                          latin_to_cyrillic)

KK_SHARE = 0.25
"""Share of Kazakh among language-marked words from which a mixed text is Kazakh."""

MARGIN = 0.25
"""Mean per-n-gram log-ratio below which a word is not evidence for either language."""

KK_FOLDED_MARGIN = 0.5
"""A Cyrillic word without Kazakh letters needs more to count as Kazakh: Russian is the
more common source of such words, and many Russian words look Turkic to n-grams."""

RU_FUNCTION_WORDS = frozenset("""
и в во на не что с со по я это как а но у за из к ко от для мне меня мы вы он она они их его её ее при о об
до после без очень только ещё еще когда где который которая которые которых этот эта эти этого того чтобы
уже или же бы был была было были нет так все всё вас нам нас вам им ли даже можно нужно надо просим прошу
уважаемые уважаемый здравствуйте спасибо пожалуйста почему зачем сколько какой какая какие также тоже там
тут здесь если то чем через между над под про сейчас вообще очередь отлично хорошо плохо место очень
""".split())
"""Frequent Russian words that are not Kazakh words in any spelling: each is a Russian vote."""

KK_FUNCTION_WORDS = frozenset("""
және жане мен менің маған бұл бул осы сол бір бир деп үшін ушин жоқ жок бар емес еді еди екен болды ғой гой
бірақ бирак өте оте көп коп тағы тагы енді енди неге қашан кашан қалай калай кім ким біз биз сіз сиз олар
рахмет рақмет ракмет жақсы жаксы жаман керемет тамаша сәлеметсіз салеметсиз болады болмайды керек ештеңе
нашар ұнады унады ұнамады унамады
""".split())
"""Frequent Kazakh words, also as typed without Kazakh letters: each is a Kazakh vote."""

MAX_N = 5
PROFILE_RESOURCE = "langid_profile.json"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CYR = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_LAT = re.compile(r"[a-zà-ɏ]", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\[[A-Z_]+\]|\b([A-Za-zА-Яа-я])\1{2,}\b")
# Latin look-alikes typed inside Cyrillic words ("дəрігер", "Адемi"): read as Cyrillic.
_HOMOGLYPHS = str.maketrans({"ə": "ә", "Ə": "Ә", "i": "і", "I": "І", "a": "а", "e": "е", "o": "о", "c": "с",
                             "p": "р", "x": "х", "y": "у", "k": "к", "H": "Н", "T": "Т", "M": "М", "B": "В"})


@dataclass(frozen=True)
class Language:
    """What :func:`identify` found: the language, the script, and the text to classify."""

    lang: str                # kk | ru | en | und (no letters to judge)
    script: str              # cyrl | latn | mixed | none
    transliterated: bool     # Latin-script Kazakh words were turned into Cyrillic
    text: str                # the normalised text the classifier should read
    kk_share: float          # share of Kazakh among language-marked words


def identify(text: str) -> Language:
    """Identify the language of one text and normalise Latin-script Kazakh to Cyrillic."""
    text = fix_homoglyphs(text)
    words = evidence_words(text)
    script = _script(text)
    if not words:
        return Language("und", script, False, text, 0.0)
    votes, kk_latin = _votes(words, script)
    lang, share = _decide(votes) if votes else _weak_decision(words, script)
    if lang == "kk" and kk_latin:
        return Language("kk", script, True, _transliterate_words(text, kk_latin), share)
    return Language(lang, script, False, text, share)


def fix_homoglyphs(text: str) -> str:
    """Turn Latin look-alike letters inside otherwise Cyrillic words into Cyrillic."""
    def fix(m: re.Match) -> str:
        word = m.group(0)
        if _CYR.search(word) and _LAT.search(word):
            return word.translate(_HOMOGLYPHS)
        return word
    return _WORD.sub(fix, text)


NAME_WEIGHT = 0.3
"""Weight of a capitalised word inside a sentence: a proper name (Жана Куат, Нурлы Жол) tells
the language of the place, not of the writer."""


def evidence_words(text: str) -> list[tuple[str, float]]:
    """(word, weight) of the words that can carry language evidence: not redaction
    placeholders ([NAME], XXXX), URLs or short acronyms (ЦОН, ХҚКО, WC); if nothing else is
    left, every word."""
    cleaned = _PLACEHOLDER.sub(" ", text)
    words = [(m.group(0), _weight(cleaned, m)) for m in _WORD.finditer(cleaned)]
    kept = [(w, x) for w, x in words if not (w.isupper() and (len(w) <= 4 or _LAT.match(w)))]
    return kept or words


def _weight(text: str, m: re.Match) -> float:
    word = m.group(0)
    if not word[:1].isupper() or word.isupper():
        return 1.0
    before = text[:m.start()].rstrip()
    sentence_start = not before or before[-1] in ".!?\n«\"(:—-"
    return 1.0 if sentence_start else NAME_WEIGHT


def _script(text: str) -> str:
    cyr, lat = len(_CYR.findall(text)), len(_LAT.findall(text))
    if not cyr and not lat:
        return "none"
    if cyr and lat and min(cyr, lat) / (cyr + lat) > 0.1:
        return "mixed"
    return "cyrl" if cyr >= lat else "latn"


def _votes(words: list[tuple[str, float]], script: str) -> tuple[Counter, set[str]]:
    """Weighted votes per language; words of the minority script count half.

    Also returns the Latin-script words that are not clearly English: if the text is
    Kazakh, these are the ones to transliterate.
    """
    votes: Counter = Counter()
    kk_latin: set[str] = set()
    for word, weight in words:
        lang, word_script = word_language(word)
        if word_script == "latn" and (lang != "en" or (script == "latn" and _weak_english(word))):
            kk_latin.add(word)
        if lang is None:
            continue
        minority = script in ("cyrl", "latn") and word_script != script
        if word.lower() in KK_FUNCTION_WORDS or word.lower() in RU_FUNCTION_WORDS:
            weight = 1.0  # "Керемет", "Рахмет" capitalised are praise, not names
        votes[lang] += weight * (0.5 if minority else 1.0)
    return votes, kk_latin


def _weak_decision(words: list[tuple[str, float]], script: str) -> tuple[str, float]:
    """No word was clear evidence ("Зор", "Баянтау"): follow the sign of the summed scores."""
    cyrillic = script != "latn"
    other = "ru" if cyrillic else "en"
    total = sum(word_score(w.lower(), "cyrl" if cyrillic else "latn", other) for w, _ in words)
    return ("kk", 1.0) if total > 0 else (other, 0.0)


STRONG_ENGLISH = -1.0
"""In a Latin-script text, only words this clearly English are kept in Latin when it is Kazakh."""


def _weak_english(word: str) -> bool:
    return word_score(word.lower(), "latn", "en") > STRONG_ENGLISH


def _decide(votes: Counter) -> tuple[str, float]:
    marked = sum(votes.values())
    if not marked:
        return "und", 0.0
    share = votes["kk"] / marked
    if share >= KK_SHARE:
        return "kk", share
    return ("ru" if votes["ru"] >= votes["en"] else "en"), share


def word_language(word: str) -> tuple[str | None, str]:
    """(language or None when the word is no evidence, script) of a single word."""
    low = word.lower()
    if _CYR.search(low):
        if _LAT.search(low):
            return None, "mixed"
        if any(ch in KAZAKH_SPECIFIC for ch in low) or low in KK_FUNCTION_WORDS:
            return "kk", "cyrl"
        if low in RU_FUNCTION_WORDS:
            return "ru", "cyrl"
        return _by_profile(low, "cyrl", "ru", KK_FOLDED_MARGIN), "cyrl"
    if any(ch in LATIN_KAZAKH_SPECIFIC for ch in low):
        return "kk", "latn"
    return _by_profile(low, "latn", "en"), "latn"


def _by_profile(word: str, script: str, other: str, kk_margin: float = MARGIN) -> str | None:
    score = word_score(word, script, other)
    if score > kk_margin:
        return "kk"
    if score < -MARGIN:
        return other
    return None


@functools.lru_cache(maxsize=200_000)
def word_score(word: str, script: str, other: str) -> float:
    """Mean log-ratio P(n-gram | kk) / P(n-gram | other) over the word's n-grams."""
    profile = load_profile()[script]
    grams = list(_ngrams(word))
    if not grams:
        return 0.0
    total = 0.0
    for g in grams:
        total += _logp(profile, "kk", g) - _logp(profile, other, g)
    return total / len(grams)


def _logp(profile: dict, lang: str, gram: str) -> float:
    table = profile[lang]
    return math.log((table["grams"].get(gram, 0) + 0.5) / (table["total"] + 0.5 * table["size"]))


def _ngrams(word: str) -> Iterable[str]:
    padded = f"<{word}>"
    for n in range(1, MAX_N + 1):
        for i in range(len(padded) - n + 1):
            yield padded[i:i + n]


def _transliterate_words(text: str, kk_latin: set[str]) -> str:
    return re.sub(r"[^\W\d_]+", lambda m: latin_to_cyrillic(m.group(0)) if m.group(0) in kk_latin else m.group(0),
                  text)


# --- the profile: built from text, shipped as a resource ----------------------------------------

@functools.cache
def load_profile() -> dict:
    raw = (resources.files("nlp.resources") / PROFILE_RESOURCE).read_text(encoding="utf-8")
    return json.loads(raw)


def build_profile(kk: Iterable[str], ru: Iterable[str], en: Iterable[str], keep: int = 40_000) -> dict:
    """Count word n-grams per language and script; Kazakh also folded and in Latin letters.

    The Cyrillic model compares Kazakh (as written, and with its letters folded to the
    Russian look-alikes that keyboard users type) with Russian; the Latin model compares
    Kazakh in informal and official Latin letters with English.
    """
    kk = list(kk)
    kk_cyr = kk + [fold_kazakh_letters(t) for t in kk]
    kk_lat = [cyrillic_to_informal_latin(t) for t in kk] + [cyrillic_to_informal_latin(t, "official") for t in kk]
    return {"cyrl": {"kk": _count(kk_cyr, keep), "ru": _count(ru, keep)},
            "latn": {"kk": _count(kk_lat, keep), "en": _count(en, keep)}}


def _count(texts: Iterable[str], keep: int) -> dict:
    counts: Counter = Counter()
    for text in texts:
        for word in _WORD.findall(text.lower()):
            counts.update(_ngrams(word))
    top = dict(counts.most_common(keep))
    return {"grams": top, "total": sum(top.values()), "size": len(top)}


def write_profile(profile: dict, path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(profile, f, ensure_ascii=False, separators=(",", ":"))
