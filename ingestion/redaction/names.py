"""Names without a cue word: a named-entity model for Russian, word lists for Kazakh and English.

Why three sources: the cue and patronymic rules of ingestion/redact.py miss a bare
"Петренко Виктор угрожал" or "Officer Daniel Walsh". For Russian, Natasha's
news NER (slovnet, shipped inside the PyPI wheels, no download at run time)
finds persons. Kazakh has no such offline model; a gazetteer of given names taken
from KazNERD (kk_given_names.txt, CC BY 4.0) plus surname and patronymic suffixes
(-ов/-ева/-ұлы/-қызы...) stands in. English uses a list of common given names
(en_given_names.txt) and titles (Mr, Officer, Dr).

The model is the slow part (about 0.3-1.5 ms a text, batched), so
:func:`model_name_spans` takes a whole batch and ``NAME_MODEL_GATE`` keeps texts
without two adjacent capitalised words or a surname ending away from it. It returns character spans; ingestion/redact.py decides what to replace
(and keeps street names such as "Абай көшесі").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LO = "a-zа-яёәғқңөұүһі"
_HERE = Path(__file__).resolve().parent

# Kazakh case and possessive endings and Russian case endings a name may carry.
_ENDING = (
    "(?:тың|тің|дың|дің|ның|нің|ға|ге|қа|ке|ңа|ңе|на|не|ды|ді|ны|ні|ты|ті|да|де|та|те|нда|нде"
    "|дан|ден|тан|тен|нан|нен|мен|бен|пен|ның|ы|і|а|е|у|ой|ым|ом|ем|ых|им|ою)?"
)
_SURNAME_RE = re.compile(
    "[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:ов|ев|ёв|ова|ева|ёва|ұлы|улы|қызы|кызы|енко|чук|ук|юк|ский|ская|цкий|цкая)"
    + _ENDING
    + "|[A-Z][a-z]+(?:ov|ev|ova|eva|uly|kyzy|qyzy|enko|chuk|sky|skaya|bayev|bayeva|bekov|bekova)"
)

#: Pre-filter of the model (Python re and Rust regex): two adjacent capitalised
#: words, two upper-case words, or a word with a surname ending. The model is the
#: costly step, so a lone capitalised word ("на улице Достык") does not open it.
NAME_MODEL_GATE = (
    "[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+[ ]+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]"
    "|[А-ЯЁӘҒҚҢӨҰҮҺІ]{2,}[ ]+[А-ЯЁӘҒҚҢӨҰҮҺІ]{2,}"
    "|[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:ов|ев|ова|ева|ин|ина|енко|чук|ук|ұлы|қызы)"
)  # Cyrillic only: the model's Latin-script spans are not used
#: Pre-filter of the word lists (cheap, pure Python): Latin-script names too, and a
#: capitalised word inside a sentence ("ұлым Ерасыл", "Officer Walsh").
NAME_WORDLIST_GATE = (
    NAME_MODEL_GATE
    + f"|[{_UP}][{_LO}]+[ ]+[{_UP}][{_LO}]|[{_UP}]{{2,}}[ ]+[{_UP}]{{2,}}"
    + "|[A-Z][a-z]+(?:ov|ev|ova|eva|uly|kyzy)"
    + f"|[{_LO},;:«\"'.][ ]+[{_UP}][{_LO}]"
    # a writer introducing themself in lower case: "мен ербол,", "живу я, тимур ахметов"
    + f"|(?:^|[.,!?;:—-][ ]*)(?:я|мен|Я|Мен)[ ]+[{_LO}]+[ ]*[,.—-]|(?:^|[ ,.!?])(?:я|мен|Я|Мен),[ ]+[{_LO}]"
)


_WORD_RE = re.compile(
    f"(?<![{_UP}{_LO}0-9\\[])[{_UP}](?:[{_LO}]+(?:['’\\-][{_UP}]?[{_LO}]+)*|['’][{_UP}][{_LO}]+)(?![{_UP}{_LO}0-9\\]])"
)
_TITLE_RE = re.compile(
    r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr|Officer|Inspector|Nurse|Doctor|Mister|Madam|Professor|Judge|Sergeant)\.?$"
)
_TOKEN_CHARS_RE = re.compile(r"[\[\]]")  # a span touching a kind token ("[BIN]") is no name
_CYRILLIC_RE = re.compile("[а-яёәғқңөұүһі]", re.IGNORECASE)


def looks_like_surname(word: str) -> bool:
    """A capitalised word with a surname or patronymic ending (Ахметов, Ерланқызы, Nurpeisova)."""
    return _SURNAME_RE.fullmatch(word) is not None


def _word_list(name: str) -> frozenset[str]:
    lines = (_HERE / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _given_names() -> frozenset[str]:
    return (_word_list("kk_given_names.txt") | _word_list("en_given_names.txt") | _latin_given_names()
            | _cyrillic_given_names())


# Russian given names that are ordinary words ("Вера" faith, "Любовь" love, "Слава" glory).
_RUSSIAN_WORD_NAMES = frozenset({"вера", "любовь", "надежда", "слава", "мир", "мирон", "роза", "лада", "мила", "ким", "лев", "марк"})


@cache
def _cyrillic_given_names() -> frozenset[str]:
    """Russian and Ukrainian given names as written, from the same Faker lists."""
    return frozenset(n for locale in _CYRILLIC_LOCALES for n in _faker_given_names(locale)) - _RUSSIAN_WORD_NAMES


@cache
def _faker_given_names(locale: str) -> frozenset[str]:
    """One locale's given names from Faker's person provider, lower case (read once)."""
    from importlib import import_module

    provider = import_module(f"faker.providers.person.{locale}").Provider
    return frozenset(name.lower() for attribute in ("first_names", "first_names_male", "first_names_female")
                     for name in getattr(provider, attribute, ()))


# Faker (PyPI, pinned, MIT) ships given-name lists per locale: the English-speaking ones as they are,
# and the Russian and Ukrainian ones transliterated to Latin script ("Kirill", "Yuriy"), the way
# Kazakhstan's residents write them in English, and so are the Kazakh names of kk_given_names.txt.
_LATIN_LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ")
_CYRILLIC_LOCALES = ("ru_RU", "uk_UA")
# Names that are also common English words or months: a capitalised "May" or "Will" is no person.
_ENGLISH_WORD_NAMES = frozenset(
    """
    january february march april may june july august september october november december
    will hope grace faith joy rose lily daisy violet ivy holly dawn summer autumn mark bill art bob jack
    pat sue rob ray guy dean earl frank gene king major miles page penny sandy mercy chase hunter carter
    cooper baker park lane brook brooks river sky star sunny angel crystal amber ruby pearl ginger candy
    honey destiny harmony trinity unity iris heather olive hazel chance christian love precious royal prince
    duke lord bishop sterling price rich grant buck cash chip dusty rusty rocky stormy west north young white
    black brown green gray grey golden silver stone rock wood woods field hill hall victory asia china india
    georgia virginia carolina dallas austin paris london sydney jordan israel lincoln madison jackson washington
    central city street avenue school station bay lake
    """.split()
)
_CYRILLIC_TO_LATIN = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієәғқңөұүһ",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "ye", "a", "g", "k", "n", "o", "u",
     "u", "h"]))


@cache
def _latin_given_names() -> frozenset[str]:
    """Common given names in Latin script from Faker's locale lists (read once)."""
    names = {n for locale in _LATIN_LOCALES for n in _faker_given_names(locale)}
    cyrillic = {n for locale in _CYRILLIC_LOCALES for n in _faker_given_names(locale)}
    for name in (*cyrillic, *_word_list("kk_given_names.txt")):
        names.update(_latin_forms(name))
    return frozenset(n for n in names if _LATIN_NAME_RE.fullmatch(n.capitalize())) - _ENGLISH_WORD_NAMES


def _latin_forms(cyrillic: str) -> set[str]:
    """The usual Latin spellings of a Russian, Ukrainian or Kazakh given name ("Юрий": yuriy, yuri, yury;
    "Ербол": erbol, yerbol)."""
    latin = "".join(_CYRILLIC_TO_LATIN.get(c, c) for c in cyrillic)
    forms = {latin}
    if latin.endswith("iy"):
        forms |= {latin[:-1], latin[:-2] + "y"}
    if cyrillic.startswith("е"):
        forms |= {"y" + f for f in forms}
    return forms


_LATIN_NAME_RE = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


@cache
def not_name_words() -> frozenset[str]:
    """Capitalised words never taken as a name (not_names.txt), lower case."""
    return _word_list("not_names.txt")


_STRIP_ENDING_RE = re.compile(_ENDING[:-2] + ")$")


def is_given_name(word: str) -> bool:
    """The word, or the word without a case ending ("Айгүлге"), is a known given name."""
    low = word.lower()
    if low in not_name_words():
        return False
    names = _given_names()
    if low in names or _KAZAKH_COMPOUND_NAME_RE.fullmatch(low):
        return True
    stripped = _STRIP_ENDING_RE.sub("", low)
    return stripped != low and len(stripped) >= 3 and (stripped in names or _KAZAKH_COMPOUND_NAME_RE.fullmatch(stripped) is not None)


# Kazakh given names are often compounds whose last part is one of a few words ("Айжан", "Нұржан",
# "Ғалымжан", "Ботагөз", "Гүлнұр"): a Cyrillic word of two syllables or more ending so is taken for one.
_KAZAKH_COMPOUND_NAME_RE = re.compile("(?!азербайджан|баклажан)[а-яёәғқңөұүһі]{2,}(?:жан|гүл|гуль|гөз|нұр|нур)")


def _gazetteer_spans(text: str) -> list[tuple[int, int]]:
    """Runs of adjacent capitalised words holding a given name or a surname.

    A lone given name counts only after a lowercase word or a title (so "Абай"
    opening a sentence about the poet's avenue is left to the street rule and to
    the reader); an unknown capitalised word joins a run that has a name in it
    ("Sarah Connolly", "Сейтқали Айгүл").
    """
    words = list(_WORD_RE.finditer(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        j = i
        while j + 1 < len(words) and text[words[j].end() : words[j + 1].start()] in (" ", "\u00a0"):
            j += 1
        run = words[i : j + 1]
        spans.extend(_name_parts_of_run(text, run))
        i = j + 1
    return spans


def _word_kind(word: str) -> str:
    """"S" surname-like, "G" given name, "C" any other capitalised word (not_names.txt included:
    "Зарегистрирована" has a surname ending but is a verb)."""
    if word.lower() in not_name_words():
        return "C"
    return "S" if looks_like_surname(word) else "G" if is_given_name(word) else "C"


def _name_parts_of_run(text: str, run: list[re.Match[str]]) -> list[tuple[int, int]]:
    kinds = [_word_kind(w.group()) for w in run]
    if all(k == "C" for k in kinds):
        return []
    before = text[max(0, run[0].start() - 12) : run[0].start()].rstrip()
    after_title = _TITLE_RE.search(before) is not None
    if len(run) == 1:
        mid_sentence = bool(before) and before[-1].isalpha() and before[-1].islower()
        if kinds[0] == "S" or after_title or mid_sentence:
            return [(run[0].start(), run[0].end())]
        return []
    # keep the name words and the unknown words right next to them (a surname, a given name)
    # A surname after a given name joins ("Sarah Connolly"); a word before a name joins only
    # inside a sentence, so "Officer Daniel Walsh" or "Contact Michael" keeps its first word.
    keep = [k != "C" for k in kinds]
    starts_sentence = not before or not (before[-1].isalpha() or before[-1] in ",;:«\"")
    for n, k in enumerate(kinds):
        if k != "C" or run[n].group().lower() in not_name_words() or _TITLE_RE.fullmatch(run[n].group()):
            continue
        after_name = n > 0 and kinds[n - 1] != "C"
        before_name = n + 1 < len(kinds) and kinds[n + 1] != "C" and not (n == 0 and starts_sentence)
        keep[n] = after_name or before_name
    return [(w.start(), w.end()) for w, k in zip(run, keep) if k]


def _titled_spans(text: str) -> list[tuple[int, int]]:
    """English titles: "Officer Walsh", "Dr. Kim Lee"."""
    spans = []
    for m in re.finditer(r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr|Officer|Inspector|Nurse|Mister)\.?[ ]+"
                         r"((?:[A-Z][a-z]+(?:['’\-][A-Z]?[a-z]+)*)(?:[ ]+[A-Z][a-z]+(?:['’\-][A-Z]?[a-z]+)*)?)", text):
        spans.append((m.start(1), m.end(1)))
    return spans


_CAPS_RUN_RE = re.compile(f"(?<![{_UP}{_LO}])[{_UP}]{{2,}}(?:[ ]+[{_UP}]{{2,}})+(?![{_UP}{_LO}])")


def _caps_to_title(text: str) -> str:
    """"ИВАНОВ ПЁТР" -> "Иванов Пётр" (same length), so the model sees a name it knows.
    Only runs of two or more upper-case words of which one is a known given name or
    has a surname ending: "БИН ТОО" and "ЦОН" are acronyms."""
    return _CAPS_RUN_RE.sub(_title_if_name, text)


def _title_if_name(m: re.Match[str]) -> str:
    titled = m.group().title()
    words = titled.split()
    return titled if any(looks_like_surname(w) or is_given_name(w) for w in words) else m.group()


@cache
def _natasha_tagger():
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())


MODEL_CONTEXT_CHARS = 160
_MODEL_GATE_RE = re.compile(NAME_MODEL_GATE)
# A signature of one to three Cyrillic words closing the text ("... мерзнут. Зульфия"): the model reads
# it too, when the text opened its gate (an earlier rule may have hidden the words that opened it).
_TRAILING_SIGNATURE_RE = re.compile(
    "(?<=[.!?\n])[ \t]*[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:[ ]+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+){0,2}[ \t]*[.!]?[ \t]*$"
)


def model_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of a text the model reads: each place the gate matches, with
    MODEL_CONTEXT_CHARS of context either side (cut at whitespace), overlaps merged. A long letter
    with one name is a few hundred characters for the model instead of all of it."""
    windows: list[tuple[int, int]] = []
    for m in [*_MODEL_GATE_RE.finditer(text), *_TRAILING_SIGNATURE_RE.finditer(text)]:
        start = max(0, m.start() - MODEL_CONTEXT_CHARS)
        end = min(len(text), m.end() + MODEL_CONTEXT_CHARS)
        if start:  # begin and end on whole words
            space = text.find(" ", start, m.start())
            start = space + 1 if space != -1 else start
        if end < len(text):
            space = text.rfind(" ", m.end(), end)
            end = space if space != -1 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def _model_spans(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Russian PER spans from Natasha, one batch for all the texts' gated windows."""
    from threadpoolctl import threadpool_limits

    tagger = _natasha_tagger()
    pieces = [(i, start, text[start:end]) for i, text in enumerate(texts) for start, end in model_windows(text)]
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    # One BLAS thread: the model's matrices are small, and threads fighting over two shared
    # cores made it seven times slower (measured, docs/redaction.md).
    with threadpool_limits(limits=1, user_api="blas"):
        markups = list(tagger.map([_caps_to_title(piece) for _, _, piece in pieces]))
    for (i, offset, piece), markup in zip(pieces, markups, strict=True):
        out[i].extend((offset + s.start, offset + s.stop) for s in markup.spans
                      if s.type == "PER" and _CYRILLIC_RE.search(piece[s.start : s.stop])
                      and not _TOKEN_CHARS_RE.search(piece[s.start : s.stop])
                      and piece[s.start : s.stop].lower() not in not_name_words())
    return out


def model_name_spans(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Person spans the Russian model finds, for a batch of texts."""
    return _model_spans(texts) if texts else []


def wordlist_name_spans(text: str) -> list[tuple[int, int]]:
    """Person spans from the given-name lists, surname endings, titles and the words around a name."""
    return (_gazetteer_spans(text) + _gazetteer_spans(_caps_to_title(text)) + _titled_spans(text)
            + context_name_spans(text))


_CAP = f"[{_UP}][{_LO}]+(?:['’\\-][{_UP}]?[{_LO}]+)?"
# A relative or neighbour named right after the kinship word: "күйеуім Ғалым", "ұлым Ерасыл",
# "жена Асель", "брата Игоря", "my brother Arsen", "My neighbour, Gulsara,". Any capitalised word
# there is a person, known name or not.
_KIN = (
    "күйеуім|күйеуіміз|әйелім|ұлым|ұлымыз|қызым|қызымыз|інім|ағам|апам|әпкем|сіңлім|қарындасым|әкем|анам"
    "|атам|әжем|немерем|шөберем|жиенім|келінім|күйеу ?балам|балам|көршім|көршіміз|досым|құрбым"
    "|муж|мужа|мужу|мужем|жена|жены|жене|женой|сын|сына|сыну|сыном|дочь|дочери|дочка|дочки|дочке"
    "|брат|брата|брату|братом|сестра|сестры|сестре|сестрой|отец|отца|отцу|мать|матери|мама|мамы|маме"
    "|папа|папы|бабушка|бабушки|бабушке|дедушка|дедушки|дедушке|внук|внука|внучка|внучки|сосед|соседа"
    "|соседка|соседки|соседу|соседке|племянник|племянника|племянница|племянницы|свекровь|тёща|теща"
    "|husband|wife|son|daughter|brother|sister|mother|father|mom|mum|dad|grandmother|grandfather"
    "|grandson|granddaughter|grandma|grandpa|neighbour|neighbor|nephew|niece|cousin|uncle|aunt|friend"
)
_KIN_RE = re.compile(f"(?i:{_KIN})")


def is_kinship_word(word: str) -> bool:
    """"Ұлым", "Brother": a word that names a relation, not a person."""
    return _KIN_RE.fullmatch(word) is not None


_KIN_NAME_RE = re.compile(
    f"(?<![{_UP}{_LO}])(?i:{_KIN})[ ]*,?[ ]+(?P<name>{_CAP})(?P<second>[ ]+{_CAP})?(?![{_UP}{_LO}0-9])"
)
# Kazakh puts the respect word or "деген" (called) after the name: "Мұрат ағай", "Ержан деген жігіт".
_HONORIFIC_AFTER_RE = re.compile(
    f"(?<![{_UP}{_LO}])(?P<name>{_CAP})[ ]+(?:(?:ағай|апай|мырза|ханым|деген)[{_LO}]*|аға|апа|әже)"
    f"(?![{_LO}])"
)
# A given name with one initial: "Yerbol K.", "Айгүл С.".
_NAME_INITIAL_RE = re.compile(f"(?<![{_UP}{_LO}])(?P<name>{_CAP})[ ]+[{_UP}]\\.(?![{_UP}{_LO}])")
# The signature: a last sentence of one to three capitalised words, or the words after a sign-off
# ("Құрметпен, Айгерім", "С уважением, Дина").
_SIGNATURE_RE = re.compile(
    f"(?:^|[.!?\n]|(?P<signoff>(?i:құрметпен|с\\s+уважением|regards|sincerely|рахмет|спасибо|thank\\s+you|thanks),))"
    f"[ \t]*(?P<name>{_CAP}(?:[ ]+{_CAP}){{0,2}})[ \t]*[.!]?[ \t]*$"
)


_ANY_WORD = f"[{_UP}{_LO}]+"
# The writer introducing themself, in any case ("я Нуржан,", "мен ербол,", "я, тимур ахметов",
# "I am Dana", "Madina here"): the word must be a known given name, a surname may follow.
_SELF_INTRO_RE = re.compile(
    f"(?<![{_UP}{_LO}])(?i:я|мен|i[ ]+am|i'm|this[ ]+is)[ ]*,?[ ]+(?P<name>{_ANY_WORD})(?P<second>[ ]+{_ANY_WORD})?"
    f"(?![{_UP}{_LO}])"
    f"|(?<![{_UP}{_LO}])(?P<here>{_CAP})[ ]+here(?![A-Za-z])"
)
# A lower-case given name after a kinship word ("my son timur", "моя бабушка тамара григорьевна")
# or before "деген"/"есімді" ("мұрат деген малшы"); capitalised ones are _KIN_NAME_RE's and
# _HONORIFIC_AFTER_RE's.
_KIN_LOWER_NAME_RE = re.compile(
    f"(?<![{_UP}{_LO}])(?i:{_KIN})[ ]*,?[ ]+(?P<name>[{_LO}]+)(?P<second>[ ]+[{_LO}]+)?(?![{_UP}{_LO}0-9])"
)
_CALLED_RE = re.compile(f"(?<![{_UP}{_LO}])(?P<name>{_ANY_WORD})[ ]+(?:деген|есімді|атты)(?![{_LO}])")
# "Жазған: Айнұр" (written by): the signature of a Kazakh letter.
_WRITTEN_BY_RE = re.compile(f"(?<![{_UP}{_LO}])(?i:жазған|жазушы)[ ]*[:—-][ ]*(?P<name>{_CAP}(?:[ ]+{_CAP})?)")
# A lone known given name opening a sentence, followed by a lower-case word ("Ермек сказал",
# "Almas from the water company", "Асқардың телефоны"); a street or an institution after it
# ("Абай көшесі") is told apart where spans are replaced.
_SENTENCE_OPENING_NAME_RE = re.compile(
    f"(?:^|(?<=[.!?\n])[ ]*)(?P<name>{_CAP})[ ]+[{_LO}]"
)


def _is_surname_or_patronymic(word: str) -> bool:
    return looks_like_surname(word.capitalize()) or re.fullmatch(
        "[а-яёa-z]{3,}(?:ович|евич|овна|евна|ична|ұлы|қызы|ovich|evich|ovna|evna|uly|kyzy)", word.lower()) is not None


def _intro_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for rx in (_SELF_INTRO_RE, _KIN_LOWER_NAME_RE):
        for m in rx.finditer(text):
            if m.groupdict().get("here"):
                if is_given_name(m.group("here")):
                    spans.append(m.span("here"))
                continue
            if not is_given_name(m.group("name").capitalize()):
                continue
            spans.append(m.span("name"))
            second = m.group("second")
            if second and _is_surname_or_patronymic(second.strip()):
                spans.append(m.span("second"))
    for m in _CALLED_RE.finditer(text):
        if is_given_name(m.group("name").capitalize()):
            spans.append(m.span("name"))
    for m in _WRITTEN_BY_RE.finditer(text):
        if m.group("name").lower() not in not_name_words():
            spans.append(m.span("name"))
    for m in _SENTENCE_OPENING_NAME_RE.finditer(text):
        if _word_kind(m.group("name")) == "G":
            spans.append(m.span("name"))
    return spans


def context_name_spans(text: str) -> list[tuple[int, int]]:
    """Names found by the words around them rather than by the name itself."""
    spans: list[tuple[int, int]] = _intro_spans(text)
    for m in _KIN_NAME_RE.finditer(text):
        if m.group("name").lower() not in not_name_words():
            spans.append(m.span("name"))
            second = m.group("second")
            if second and _word_kind(second.strip()) != "C":
                spans.append(m.span("second"))
    for m in _HONORIFIC_AFTER_RE.finditer(text):
        if m.group("name").lower() not in not_name_words():
            spans.append(m.span("name"))
    for m in _NAME_INITIAL_RE.finditer(text):
        if _word_kind(m.group("name")) != "C":
            spans.append((m.start("name"), m.end()))
    m = _SIGNATURE_RE.search(text)
    words = m.group("name").split() if m else []
    if m and (m.group("signoff") and words[0].lower() not in not_name_words()
              or any(_word_kind(w) != "C" for w in words)):
        spans.append(m.span("name"))
    return spans
