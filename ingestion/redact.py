"""Redaction of citizens' personal data at ingestion.

Why this module exists: Tyndau stores appeals in DuckDB for analysis. Everything
downstream (classifier, dashboard) must only ever see redacted text, so the
ingestion calls :func:`redact_series` (or :func:`redact_text` for single values)
before a row is written. Identifiers that are needed for repeat detection are
kept only as salted hashes (:func:`hash_identifier` / :func:`hash_series`).

Each personal-data item is replaced by a bracketed kind token and everything else
is kept, because the rest of the text (streets of a pothole, dates, sums) is what
the analysis needs:

``[IIN]`` ``[BIN]`` ``[PHONE]`` ``[EMAIL]`` ``[CARD]`` ``[IBAN]`` ``[NAME]`` ``[ADDRESS]``

Design: two stages.

* The *check-digit / context stage* (IIN/BIN, card, IBAN, names, home addresses)
  needs Python: check digits, look-arounds, word lists. It is split into four rule
  families (identifiers, names, apartments, residence addresses); each runs only
  on texts its gate pattern selects (a 12+ digit run, a grouped card, ``KZ`` + 2
  digits, a patronymic, initials or a name cue, an apartment or home-address cue).
  Most appeals contain none of these, so most rows never reach Python.
* The *cheap stage* (e-mail, phones) is plain regex. Its patterns are written in
  the common subset of Python ``re`` and Rust ``regex`` (the engine behind polars'
  ``str.replace_all``), so the very same pattern strings run in both engines.
  Rust ``regex`` has no look-around; digit boundaries are therefore matched as
  consumed groups (``pre``/``post``) that the replacement writes back.

``redact_text`` applies exactly the same stages in the same order, with the same
gates evaluated on the original text, which is what makes ``redact_series`` give
identical results.

Decisions (documented because they are judgement calls):

* 12-digit numbers: the check digit follows the official algorithm (Government
  Decree of Kazakhstan No. 406 of 22 May 2007): weights 1..11, mod 11; if that
  gives 10, weights 3..11,1,2; if that again gives 10 the number is never issued.
  A number passing the check is then classified by its structure:

  - BIN (legal entity): YYMM of registration (month 01-12), 5th digit = entity
    type 4 (resident), 5 (non-resident) or 6 (joint individual entrepreneurship),
    6th digit = 0 head office, 1 branch, 2 representative office, 3 peasant farm.
  - IIN (individual): YYMMDD birth date (month 01-12, day 01-31), 7th digit =
    century and sex 1-6 (1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd = male).

  The two never overlap: in an IIN the 5th digit is the tens of the day (0-3).
  A number that passes the check digit but fits neither structure (for example
  month 13) is *not* treated as an identifier and stays, like a number failing
  the check: appeal numbers and sums must survive for the analysis. BINs are
  redacted too because a BIN of a peasant farm or a joint entrepreneurship points
  at a family.
* Cards: 13-19 digits passing Luhn, written contiguously or in groups of four
  (4-4-4-4[-1..3]) or 4-6-4/5; thousand-grouped sums ("1 500 000 000 000") do not
  have a card grouping and stay.
* Phones need a +7/8/7 prefix and 10 national digits starting 3-9, or a Kazakh
  mobile code (70x, 747, 75x, 76x, 77x) without prefix, or 5-7 local digits right
  after a "тел."/"телефон"/"phone" cue; North American numbers (617-555-0142)
  are recognised too because the project also loads US 311 exports. An 11-digit run whose digits continue (a
  12+ digit number) is never a phone.
* Names are found only by pattern (cue phrase, patronymic, initials); a bare
  "Айгүл" or "Petrov" without such context stays. Public figures with a patronymic
  are redacted as well (over-redaction is the safe side).
* Addresses: apartment numbers anywhere ("кв. 12", "5 пәтер", "apt 4"); next to a
  residence cue ("проживаю по адресу", "прописана по адресу", "мекенжайым", "... 45-те
  тұрамын", "I reside at") the house part (street, house, flat) becomes one [ADDRESS];
  then ingestion/redaction/addresses.py finds home addresses without such a cue and
  grows every [ADDRESS] to the whole address, settlement included ("г. Алматы, ул. Абая
  12, кв. 5" -> one token). An address given as the location of a problem ("яма по
  адресу Абая 12") or of an institution stays. docs/redaction.md lists the rules.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable

import polars as pl

from ingestion.redaction.addresses import HOME_ADDRESS_GATE, redact_home_addresses
from ingestion.redaction.documents import (
    BIRTHDATE_AFTER_NAME_GATE,
    BIRTHDATE_GATE,
    DOCUMENT_GATE,
    OBFUSCATED_EMAIL_GATE,
    PLATE_GATE,
    redact_birthdates,
    redact_birthdates_after_names,
    redact_documents,
    redact_obfuscated_emails,
    redact_plates,
)
from ingestion.redaction.names import (
    NAME_MODEL_GATE,
    NAME_WORDLIST_GATE,
    is_given_name,
    is_kinship_word,
    model_name_spans,
    not_name_words,
    wordlist_name_spans,
)

__all__ = [
    "KINDS",
    "found_kinds",
    "hash_identifier",
    "hash_series",
    "redact_series",
    "redact_text",
]

#: The kind tokens this module writes, in a stable order.
KINDS: tuple[str, ...] = (
    "IIN", "BIN", "PHONE", "EMAIL", "CARD", "IBAN", "DOCUMENT", "PLATE", "BIRTHDATE", "NAME", "ADDRESS",
)

# --------------------------------------------------------------------------- #
# Character classes. Explicit ranges instead of \w, \s, \b in every pattern that
# both engines run: Python and Rust disagree on a few exotic code points for
# those shorthands (e.g. combining marks), and identical results are the point.
# --------------------------------------------------------------------------- #
_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"  # Latin, Russian and Kazakh capitals
_LO = "a-zа-яёәғқңөұүһі"  # ... and small letters
_LETTER = f"[{_UP}{_LO}]"
_NOT_LETTER = f"[^{_UP}{_LO}]"
_SP = "[ \t\u00a0\u202f]"  # a space as typed, including no-break spaces
_NAME_WORD = f"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?"  # "Айгүл", "Касым-Жомарт"

# =========================================================================== #
# Cheap stage: shared pattern strings for Python `re` and Rust `regex`.
# =========================================================================== #

# E-mail: Latin local part (so a glued Cyrillic word before it is kept), Latin or
# Cyrillic domain (мвд.рф, .қаз) and a TLD that may carry a glued Kazakh suffix
# ("mail.ruға") - swallowing the suffix is harmless, leaking the address is not.
# Lengths are bounded as in RFC 5321 (local part 64, label 63): unbounded runs
# make Python's backtracking engine quadratic on long digit/letter runs.
_EMAIL_SRC = (
    r"[A-Za-z0-9._%+\-]{1,64}@"
    f"[A-Za-z0-9{_UP}{_LO}\\-]{{1,63}}(?:\\.[A-Za-z0-9{_UP}{_LO}\\-]{{1,63}}){{0,8}}"
    f"\\.[A-Za-z{_UP}{_LO}]{{2,63}}"
)

# Separators people put inside phone numbers: spaces, dashes, dots, brackets.
_PSEP = "[ \t\u00a0\\-.()]"
# Kazakh mobile operator codes; used for numbers written without +7/8.
_KZ_MOBILE = r"7(?:0[0-8]|47|5[01]|6[0-4]|7[1-8])"

# North American numbering plan: area code and exchange start 2-9; separators are
# required (dashes, dots, or brackets), plain spaces only after +1, so sums and
# document numbers written in groups of digits stay.
_NANP = (
    r"(?:\+?1[ \-.]?)?(?:\([2-9][0-9]{2}\) ?[2-9][0-9]{2}[\-.][0-9]{4}"
    r"|[2-9][0-9]{2}-[2-9][0-9]{2}-[0-9]{4}|[2-9][0-9]{2}\.[2-9][0-9]{2}\.[0-9]{4})"
    r"|\+1 [2-9][0-9]{2} [2-9][0-9]{2} [0-9]{4}"
)

# Full phone number. `pre` = start or one non-digit that is not "+" and `post` =
# one non-digit or the end: together they say "this digit run is exactly a phone"
# (87011234567 inside 870112345678 is not a phone). They are consumed because the
# Rust engine has no look-around, and written back by the replacement.
_PHONE_SRC = (
    r"(?P<pre>^|[^0-9+])"
    r"(?P<num>"
    # +7 / 8 / 7, then 10 national digits, the first 3-9 (RU 3xx/4xx/8xx/9xx, KZ 7xx).
    # The first three (the area/operator code) are never split by a separator,
    # which keeps thousand-grouped sums like "87 000 000 000 тенге" out.
    rf"(?:\+{_SP}?7|8|7){_PSEP}{{0,2}}[3-9][0-9]{{2}}(?:{_PSEP}{{0,2}}[0-9]){{7}}"
    # or a Kazakh mobile number without prefix: (701) 234-56-78, 7012345678
    rf"|\(?{_KZ_MOBILE}\)?(?:{_PSEP}{{0,2}}[0-9]){{7}}"
    # or a North American number (the project also loads US 311 exports):
    # 617-555-0142, 617.555.0142, (617) 555-0142, +1 617 555 0142
    rf"|{_NANP}"
    r")"
    r"(?P<post>[^0-9]|$)"
)

# Local 5-7 digit number, only right after a phone cue (a bare 7-digit number is
# as likely a sum or a document number). The cue word is kept: "тел. [PHONE]".
_LOCAL_PHONE_SRC = (
    f"(?P<pre>^|{_NOT_LETTER})"
    f"(?P<cue>(?i:тел(?:ефон[{_LO}]*)?|tel|phone|ұялы){_SP}*[.:]{{0,2}}{_SP}*(?:№{_SP}*)?)"
    f"(?P<num>[0-9]{{1,3}}(?:[ \\-]?[0-9]{{2}}){{2}})"
    r"(?P<post>[^0-9]|$)"
)

# (pattern, Python replacement, Rust replacement); applied in this order, twice
# (see _cheap_stage_text for why twice).
_CHEAP_RULES: tuple[tuple[str, str, str], ...] = (
    (_PHONE_SRC, r"\g<pre>[PHONE]\g<post>", "${pre}[PHONE]${post}"),
    (_LOCAL_PHONE_SRC, r"\g<pre>\g<cue>[PHONE]\g<post>", "${pre}${cue}[PHONE]${post}"),
)
_EMAIL_RE = re.compile(_EMAIL_SRC)
_CHEAP_RES = tuple((re.compile(src), py_repl) for src, py_repl, _ in _CHEAP_RULES)

# =========================================================================== #
# Gates of the Python stage: one shared pattern per rule family. A family runs on
# a text only if its gate matches the *original* text, in redact_text and in
# redact_series alike. Every rule of a family needs its gate to match, so a gate
# costs nothing in recall; it only keeps rows away from Python.
# =========================================================================== #
_PATRONYMIC_CORE = (
    # Russian: -ович/-евич/-ич (Ильич), -овна/-евна/-ична; Kazakh: -ұлы/-улы/-қызы/-кызы
    f"[{_UP}][{_LO}]{{2,}}(?:ич|овн|евн|ичн|ұлы|улы|қызы|кызы)"
    # older two-word Kazakh form "Серік қызы"
    f"|[{_UP}][{_LO}]+{_SP}+(?:ұлы|улы|қызы|кызы)"
    # Latin transliteration (Abishuly, Serikkyzy, Ivanovich)
    r"|[A-Z][a-z]{2,}(?:ovich|evich|ovna|evna|uly|kyzy|qyzy)"
)
_INITIALS_CORE = f"[{_UP}]\\.{_SP}?[{_UP}]\\."  # "И.И.", "А. Б."
_WS = "[ \t\n\r\u00a0\u202f]"  # whitespace in shared gate patterns (no \\s: engines differ)
_NAME_CUE_CORE = (
    f"(?i:зовут|мо[её]{_WS}+имя|фамили|фио|ф\\.{_WS}?и\\.{_WS}?о|т\\.{_WS}?а\\.{_WS}?ә"
    f"|атым|есімім|аты-?жөн|name)"
    # formal opening "Я, Иванов Пётр, ..." / "Мен, ..."; bounded on the left, or
    # every "заявления," and "әкіммен," would open the gate
    f"|(?:^|{_NOT_LETTER})(?:Я|Мен),"
)
_APARTMENT_CORE = (
    r"(?i:кв|пәтер|apt|apartment|flat)[^0-9]{0,16}[0-9]"
    r"|[0-9][^0-9]{0,3}(?i:пәтер)"
)
# Whitespace written so both engines read it the same: Python's \s also matches
# \x1c-\x1f, Rust's does not.
_ANY_WS = r"[\s\x1c-\x1f]"
# Residence cues, written as people write them. An *explicit* cue names an address
# ("проживаю по адресу", "мой домашний адрес", "мекенжайым", "my home address is"): any
# house number after it is the writer's. A *bare* cue is a verb of residence ("проживаю",
# "живу", "прописан", "тұрамын", "registered at"): its address must also hold a street or
# house word ("ул.", "дом", "көшесі", "street"), so "живу в Алматы 5 лет" stays.
_W = f"{_ANY_WS}+"
_RU_RESIDE_VERB = "прожива(?:ю|ет|ем|ют|ющ[а-я]*)|живу|живем|живём|живет|живёт|прописан[аы]?|зарегистрирован[аы]?"
_EXPLICIT_RESIDENCE_CUE = (
    f"(?:{_RU_RESIDE_VERB})(?:{_W}(?:в|на){_W}(?:доме|квартире))?{_W}по{_W}адресу"
    f"|адрес(?:а|у)?{_W}(?:проживания|регистрации|прописки|места{_W}жительства)"
    f"|мой{_W}(?:домашний{_W}|фактический{_W})?адрес|домашний{_W}адрес"
    f"|(?:тұратын{_W}|тіркелген{_W}|үйімнің{_W})?мекен-?жайым|үйім"
    f"|(?:i|who|he|she|they|we){_W}(?:live|lives|reside|resides){_W}at|my{_W}(?:home{_W}|residential{_W})?address(?:{_W}is)?"
    f"|residing{_W}at|home{_W}address"
)
_BARE_RESIDENCE_CUE = (
    f"{_RU_RESIDE_VERB}|по{_W}месту{_W}жительства|тұрамын|тұрамыз"
    f"|i{_W}(?:live|reside){_W}(?:in|on)|registered{_W}at|resident{_W}of"
)
# Shared by the gate and the Python rule (which adds word boundaries and tells the two apart).
_RESIDENCE_CORE = f"(?i:{_EXPLICIT_RESIDENCE_CUE}|{_BARE_RESIDENCE_CUE})"
# Identifier cue words: a spaced IIN/BIN ("ИИН: 900101 300123") is taken only
# right after one of them.
_ID_CUE_CORE = "(?i:иин|жсн|бин|бсн)|IIN|BIN"
# Form fields whose value is a name part ("Имя: Анна", "Тегі: Сейтқали").
_FIELD_CUE_CORE = (
    f"(?i:имя|фамилия|отчество|аты|тегі|surname)"
    f"(?:{_WS}+(?i:заявителя|өтініш{_WS}+берушінің|of{_WS}+applicant))?{_WS}*[:—]"
)
# Surname with a typical ending next to a single initial ("Ахметов А.", "А. Ахметов").
_SURNAME_END = "(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|енко|баев|баева|бай|бек)"
_SINGLE_INITIAL_CORE = (
    f"[{_UP}][{_LO}]+{_SURNAME_END}{_SP}+[{_UP}]\\.|[{_UP}]\\.{_SP}?[{_UP}][{_LO}]+{_SURNAME_END}"
)

_IDENTIFIER_GATE = "|".join(
    (
        r"[0-9]{12}",  # IIN/BIN; also inside every contiguous 13-19 digit card
        r"[0-9]{4}[ \-][0-9]{4}[ \-][0-9]{4}",  # card in groups of four
        r"[0-9]{4}[ \-][0-9]{6}[ \-][0-9]{4}",  # Amex / Diners grouping
        r"(?i:kz)[0-9]{2}",  # KZ IBAN
        _ID_CUE_CORE,  # spaced IIN/BIN after a cue word
    )
)
_NAME_GATE = "|".join(
    (_PATRONYMIC_CORE, _INITIALS_CORE, _NAME_CUE_CORE, _FIELD_CUE_CORE, _SINGLE_INITIAL_CORE)
)

# =========================================================================== #
# Python stage: check digits, look-arounds, word lists.
# =========================================================================== #

_IIN_WEIGHTS_1 = tuple(range(1, 12))
_IIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def _kz_check_digit(digits: str) -> int | None:
    """Check digit of an IIN/BIN per Decree No. 406, or None if never issued."""
    values = [int(c) for c in digits[:11]]
    for weights in (_IIN_WEIGHTS_1, _IIN_WEIGHTS_2):
        check = sum(v * w for v, w in zip(values, weights, strict=True)) % 11
        if check != 10:
            return check
    return None  # 10 twice: the state never assigns such a number


def classify_kz_id(digits: str) -> str | None:
    """Return "IIN", "BIN" or None for a 12-digit string.

    Why both check digit and structure: ~1 in 11 random 12-digit numbers pass the
    check digit alone; the structure (a real month, day, century/sex or entity
    type) keeps appeal numbers and sums out while no real identifier fails it.
    """
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return None
    if _kz_check_digit(digits) != int(digits[11]):
        return None
    month = int(digits[2:4])
    if not 1 <= month <= 12:
        return None
    if digits[4] in "456":
        return "BIN" if digits[5] in "0123" else None
    day = int(digits[4:6])
    if 1 <= day <= 31 and digits[6] in "123456":
        return "IIN"
    return None


def luhn_valid(digits: str) -> bool:
    """Luhn (mod 10) check used by all payment card schemes."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban_valid(iban: str) -> bool:
    """ISO 13616 mod-97 check: rotate 4 chars to the end, letters -> 10..35."""
    s = iban.upper()
    if not s.isascii() or not s.isalnum():
        return False
    rotated = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in rotated)) % 97 == 1


# 12 contiguous digits, not part of a longer digit run.
_KZ_ID_RE = re.compile(r"(?<![0-9])[0-9]{12}(?![0-9])")

# 12 digits (with or without spaces or dashes) right after an identifier cue word
# ("ИИН: 900101 300123", "ЖСН 9001-0130-0123"): the cue decides, even when the check digit fails.
_KZ_ID_SPACED_RE = re.compile(
    r"(?P<cue>(?<![^\W\d_])(?:(?i:иин|жсн|бин|бсн)|IIN|BIN)(?![^\W\d_])[^0-9\n]{0,12}?)"
    r"(?P<num>(?<![0-9])[0-9](?:[ \-]?[0-9]){11})(?![0-9])"
)

# Card candidates; the Luhn check decides. Groupings as printed on cards only, so
# sums grouped by thousands never become candidates.
_CARD_RE = re.compile(
    r"(?<![0-9])(?:"
    r"[0-9]{13,19}"
    r"|[0-9]{4}(?:[ \-][0-9]{4}){3}(?:[ \-]?[0-9]{1,3})?"
    r"|[0-9]{4}[ \-][0-9]{6}[ \-][0-9]{4,5}"
    r")(?![0-9])"
)

# KZ IBAN: KZ + 2 check digits + 16 alphanumerics, optionally spaced in groups.
# Bounded by non-alphanumerics so "KZ" inside a word is not a start.
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])(?i:kz)[0-9]{2}(?:[ \-]?[A-Za-z0-9]){16}(?![A-Za-z0-9])")

# Capitalised words that precede or follow names but are not names; kept when a
# name pattern swallows them ("Уважаемый Пётр Сергеевич" -> "Уважаемый [NAME]").
_NOT_NAMES = frozenset(
    w.casefold()
    for w in """
    уважаемый уважаемая уважаемые гражданин гражданка господин госпожа товарищ
    аким акиму акима директор директору директора начальник начальнику начальника
    президент президенту президента министр министру министра депутат депутату
    руководитель руководителю заведующий заведующая врач врачу учитель учителю
    инспектор инспектору специалист специалисту судья судье следователь заявитель
    прошу просим сообщаю благодарю спасибо жалоба заявление обращение
    я мы мен біз мой моя мои менің құрметті мырза ханым әкім әкімге әкімі
    dear mr mrs ms dr sir madam mister please thanks the hello hi officer inspector nurse doctor professor
    judge sergeant captain detective constable manager здравствуйте сәлем сәлеметсіз
    """.split()
)

# Patronymic word with Russian case endings (Сергеевича, Петровне) or Kazakh
# endings (Серікқызына); the word must end there.
_PATRONYMIC = (
    f"(?:[{_UP}][{_LO}]{{2,}}(?:ич(?:а|у|ем|е)?|(?:овн|евн|ичн)(?:а|ы|е|у|ой)"
    f"|(?:ұлы|улы|қызы|кызы)[{_LO}]*)"
    r"|[A-Z][a-z]{2,}(?:ovich|evich|ovna|evna|uly|kyzy|qyzy))"
    f"(?!{_LETTER})"
)
_NW = f"(?<!{_LETTER}){_NAME_WORD}(?!{_LETTER})"

# Name with patronymic: "Иванов Пётр Сергеевич" | "Пётр Сергеевич [Иванов]" |
# "Айгүл Серікқызы"; also the older two-word Kazakh form "Айгүл Серік қызы".
# `lead*`/`tail*` are the words that may turn out to be an honorific.
_PATRONYMIC_NAME_RE = re.compile(
    f"(?P<lead1>{_NW}){_SP}+{_NW}{_SP}+{_PATRONYMIC}"
    f"|(?P<lead2>{_NW}){_SP}+{_PATRONYMIC}(?:{_SP}+(?P<tail1>{_NW}))?"
    f"|(?P<lead3>{_NW}){_SP}+{_NW}{_SP}+(?:ұлы|қызы|улы|кызы)(?!{_LETTER})"
)

# Surname with two initials, either order: "Иванов И.И.", "Сейтқали А.Б.",
# "И.И. Иванов", "А.Б.Сейтқали".
_INITIALS = f"(?<!{_LETTER})(?<!\\.)[{_UP}]\\.{_SP}?[{_UP}]\\.(?!{_LETTER})"
_INITIALS_NAME_RE = re.compile(
    f"(?P<lead1>{_NW}){_SP}+{_INITIALS}(?:{_SP}?(?P<tail1>{_NW}))?"
    f"|{_INITIALS}{_SP}?(?P<tail2>{_NW})"
)

# Surname with a typical ending and a single initial: "Ахметов А.", "А. Ахметов".
# Only with such an ending, so "Приложение А." or "пункт Б." stay.
_SURNAME = f"(?<!{_LETTER})[{_UP}][{_LO}]+{_SURNAME_END}(?!{_LETTER})"
_INITIAL = f"(?<!{_LETTER})(?<!\\.)[{_UP}]\\.(?!{_SP}?[{_UP}]\\.)"
_SINGLE_INITIAL_NAME_RE = re.compile(
    f"{_SURNAME}{_SP}+{_INITIAL}(?!{_LETTER})|{_INITIAL}{_SP}?{_SURNAME}"
)

# Street / "named after" context around initials or a patronymic: such a name is
# a public place (ул. Д.А. Кунаева, Қ.И. Сәтбаев атындағы мектеп) and stays.
_STREET_BEFORE_RE = re.compile(
    r"(?i:(?<![^\W\d_])(?:ул|улица|улице|улицу|улицы|пр|пр-т|пр-кт|просп|проспект|бульвар|б-р|мкр|им|имени"
    r"|st|street|ave|avenue|угол|углу|перекр[её]ст[а-я]*|corner\s+of|intersection\s+of|со\s+стороны)\.?\s*)$"
)
# "Абай мен Жамбыл көшелерінің қиылысы", "Bayzakov and Gogol": a name joined to a street is a street.
_STREET_AFTER_RE = re.compile(
    r"(?:\s+(?:мен|и|and)\s+[^\W\d_]+)?"
    r"\s*(?i:көшесі|даңғылы|атындағы|шағын\s+ауданы|шағынауданы|ықшам\s?ауданы|ауданы|ауылы|тұйығы"
    r"|көшелер[а-яәғқңөұүһі]*|даңғылдар[а-яәғқңөұүһі]*"
    r"|street|avenue|st\.|ave\.|junction|intersection|crossing|қиылыс[а-яәғқңөұүһі]*"
    r"|қалалық|аудандық|облыстық|ауылдық)(?![^\W\d_])"
    # a place or an institution named after a person, in any case form, up to two capitalised words
    # after the name: "Қонаев қаласы", "Қонаев көшесіндегі", "Тәуке хан даңғылында", "Сәтбаев
    # университетінің", "Назарбаев Зияткерлік мектебіне", "Кабанбай батыра", "Ботанический сад"
    # (Kazakh words in their possessive form only: "Дамир мектепке барады" is a boy going to school)
    r"|(?:\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:лық|лік|дық|дік|тық|тік|ий|ый|ая|ое))?\s+(?i:(?:көшес|даңғыл|қалас|аудан|ауыл|мектеб|университет[іи]"
    r"|институт[ыі]|колледж[іи]|лицей[іи]|гимназияс|ауруханас|емханас|саябағ|алаң[ыі]|базар[ыі]|вокзал[ыі]"
    r"|стадион[ыі]|театр[ыі]|мұражай[ыі]|кітапханас|қиылыс|бекет[іи]|аялдамас|улиц|проспект|бульвар|переул"
    r"|площад|сквер|микрорайон|атындағы|имени)[а-яёәғқңөұүһі]*|(?:университет|институт)(?:а|е|у|ом)?"
    r"|хан[а-яёәғқңөұүһі]?|би|батыр[а-яёәғқңөұүһі]*|сад[а-я]{0,2})(?![^\W\d_])"
    # the namesake's given name and surname before "named after": "Ыбырай Алтынсарин атындағы мектеп"
    r"|\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+\s+атындағы(?![^\W\d_])"
    # a name in an institution's or a station's name: "Nazarbayev University", "Zhibek Zholy metro station"
    r"|(?:\s+[A-Z][a-z]+){0,3}\s+(?i:university|institute|college|school|lyceum|gymnasium|hospital|clinic"
    r"|station|metro|airport|park|square|stadium|museum|theatre|theater|library|bazaar|market|mall"
    r"|pedagogical|national|state|medical)(?![^\W\d_])"
)

# Phrases that introduce the writer's own name; capitalised words follow.
_NAME_CUE_RE = re.compile(
    r"(?P<cue>(?<![^\W\d_])(?i:меня\s+зовут|мо[её]\s+имя(?:\s*[—:-])?|моя\s+фамилия"
    r"|(?:менің\s+)?(?:атым|есімім|аты-?жөнім)|my\s+name\s+is)"
    r"\s*[:—-]?\s*)"
    f"(?P<name>{_NW}(?:{_SP}+{_NW}){{0,2}})"
)
# Form fields with a colon: the value is the name whatever its case
# ("ФИО: иванов петр сергеевич"); at most three words.
_NAME_FIELD_RE = re.compile(
    r"(?P<cue>(?<![^\W\d_])(?i:фио|ф\.\s?и\.\s?о\.?|т\.\s?а\.\s?ә\.?|аты-?жөні|full\s+name|name"
    r"|имя|фамилия|отчество|аты|тегі|surname)"
    r"(?:\s+(?i:заявителя|өтініш\s+берушінің|of\s+applicant))?\s*[:—]\s*)"
    f"(?P<name>{_LETTER}+(?:-{_LETTER}+)?(?:{_SP}+{_LETTER}+(?:-{_LETTER}+)?){{0,2}})"
    f"(?!{_LETTER})"
)
# Formal letter opening "Я, Иванов Пётр, прошу..." / "Мен, Серікова Айгүл, ...":
# two or three capitalised words, so "Я, Алматы тұрғыны" is not taken for a name.
_NAME_LETTER_RE = re.compile(
    f"(?P<cue>(?<!{_LETTER})(?:Я|Мен),{_SP}*)"
    f"(?P<name>{_NW}(?:{_SP}+{_NW}){{1,2}})"
)

# Apartment: "кв. 12", "кв.5а", "квартира №7", "пәтер 5", "5-пәтер", "apt 4B".
# Four-digit 19xx/20xx after "кв." is a quarter ("2 кв. 2024"), not a flat.
# Kazakh: only the bare form word "пәтер" before a number ("пәтерлерде 14 градус"
# is a temperature), and a number before it only as an ordinal with a hyphen
# ("5-пәтер"); "15 пәтер" is a count. Inside a residence address every number is
# redacted anyway (see _redact_residence).
_APT_NUM = f"№?{_SP}{{0,2}}#?{_SP}{{0,2}}(?!(?:19|20)[0-9]{{2}}(?![0-9]))[0-9]{{1,4}}"
_APARTMENT_RE = re.compile(
    f"(?<!{_LETTER})(?i:кв(?:артира|-ра)?\\.?|пәтер|apt\\.?|apartment|flat)"
    f"{_SP}{{0,3}}{_APT_NUM}(?:[A-Za-zА-Яа-я](?!{_LETTER}))?(?![0-9])"
    f"|(?<![0-9])[0-9]{{1,4}}{_SP}?-{_SP}?(?i:пәтер[{_LO}]*)(?!{_LETTER})"
)

# Residence cue; the address that follows belongs to the writer.
_RESIDENCE_CUE_RE = re.compile(
    f"(?<![^\\W\\d_])(?i:(?P<explicit>{_EXPLICIT_RESIDENCE_CUE})|(?P<bare>{_BARE_RESIDENCE_CUE}))"
    r"(?![^\W\d_])\s*[:—-]?\s*"
)
# Words of the house part of an address: the street ...
_STREET_WORDS = (
    r"ул|улица|улице|улицу|улицы|пр|пр-т|пр-кт|просп|проспект|проспекте|бульвар|б-р|пер|переулок|переулке"
    r"|тупик|шоссе|трасса|квартал|мкр|микрорайон|микрорайоне|жк|массив"
    r"|көш|көшесі|көшесінде|даңғылы|даңғылында|жолы|тұйығы|шағынауданы|шағын|ықшамауданы|ықшам|мөлтек"
    r"|street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|microdistrict"
)
# ... and the building and flat.
_BUILDING_WORDS = (
    r"д|дом|доме|кв|квартира|квартире|корп|корпус|стр|строение|блок|подъезд|этаж"
    r"|үй|үйде|үйі|үйінде|пәтер|пәтерде|пәтері"
    r"|building|bldg|house|apt|apartment|flat|block|unit"
)
# Settlements, regions and districts: coarse enough to stay ("г. Алматы", "Алматы қаласы").
_SETTLEMENT_WORDS = (
    r"г|гор|город|с|село|пос|поселок|посёлок|п|р-н|район|обл|область"
    r"|қ|қаласы|ауданы|аудан|ауылы|ауыл|кенті|облысы|city|village|town|district|region"
)
# Words an address is made of; the address ends at the first other lowercase word
# or at a sentence end, so numbers later in the text are not touched.
_ADDR_WORDS = (
    f"{_STREET_WORDS}|{_BUILDING_WORDS}|{_SETTLEMENT_WORDS}"
    r"|гор|в|на|по|и|жилой|комплекс|дачный|батыр|би|хан|жырау|at|of"
)
# A number with an optional letter, a "/12" or "-12" part and a glued Kazakh case
# ending ("45-те", "12-үйде").
_ADDR_NUMBER = (
    r"№?\s?[0-9]+(?:[A-Za-zА-Яа-я](?![^\W\d_]))?(?:\s?[/\-]\s?[0-9]+(?:[A-Za-zА-Яа-я](?![^\W\d_]))?)?"
    f"(?:-[{_LO}]+)?"
)
# "[NAME]": a street the name rules took for a person ("Мекенжайым Абай 10").
_ADDR_TOKEN = (
    r"(?:\[ADDRESS\]|\[NAME\]"
    f"|{_ADDR_NUMBER}"
    f"|(?i:{_ADDR_WORDS})\\.?(?![^\\W\\d_])"
    f"|[{_UP}][{_LO}]+(?:-(?:[{_UP}][{_LO}]+|[0-9]+))*(?![^\\W\\d_])"
    r")"
)
_ADDRESS_SPAN_RE = re.compile(f"(?:{_ADDR_TOKEN}[ \t,]*){{1,15}}")
_HAS_NUMBER_RE = re.compile(r"[0-9]|\[ADDRESS\]")
_STREET_RE = re.compile(f"(?<![^\\W\\d_])(?i:{_STREET_WORDS})(?![^\\W\\d_])")
_HOUSE_WORD_RE = re.compile(f"(?<![^\\W\\d_])(?i:{_STREET_WORDS}|{_BUILDING_WORDS})(?![^\\W\\d_])")
_SETTLEMENT_RE = re.compile(f"(?<![^\\W\\d_])(?i:{_SETTLEMENT_WORDS})(?![^\\W\\d_])")
# What may open a house-part segment and stays: a settlement ("г. Алматы", "Алматы
# қаласы"), a preposition ("на", "at") or a pronoun ("Мен").
_KEPT_HEAD_RE = re.compile(
    f"(?:(?i:г|гор|город|с|село|пос|п|қ)\\.?\\s*[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?[ \t,]*"
    f"|[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?\\s+(?i:қаласы|облысы|ауылы|ауданы|кенті)[ \t,]*"
    f"|(?i:в|на|по|и|at|in|on|of|мен|біз|я|мы)\\s+)+"
)
_ABBREVIATION_END_RE = re.compile(
    r"(?<![^\W\d_])(?i:ул|пр|просп|мкр|д|кв|корп|стр|пер|г|гор|с|пос|п|обл|р-н|қ|көш"
    r"|st|ave|rd|ln|dr|blvd|bldg|apt)\.$"
)
_KEPT_TAIL_RE = re.compile(r"(?:\s+(?i:в|на|по|и|at|in|on|of))+\s*$|\s+$")

def _replace_iban(m: re.Match[str]) -> str:
    compact = m.group(0).replace(" ", "").replace("-", "")
    return "[IBAN]" if iban_valid(compact) else m.group(0)


def _replace_kz_id(m: re.Match[str]) -> str:
    kind = classify_kz_id(m.group(0))
    return f"[{kind}]" if kind else m.group(0)


def _replace_spaced_kz_id(m: re.Match[str]) -> str:
    """After an identifier cue the writer says what the number is: a mistyped IIN (check digit wrong)
    still points at a person, so it goes too, as the kind its cue names."""
    kind = classify_kz_id(re.sub("[ -]", "", m.group("num"))) or _kind_of_cue(m.group("cue"))
    return f"{m.group('cue')}[{kind}]"


def _kind_of_cue(cue: str) -> str:
    return "BIN" if re.search("(?i:бин|бсн|bin)", cue) else "IIN"


def _replace_card(m: re.Match[str]) -> str:
    digits = m.group(0).replace(" ", "").replace("-", "")
    return "[CARD]" if 13 <= len(digits) <= 19 and luhn_valid(digits) else m.group(0)


def _is_not_name(word: str | None) -> bool:
    return word is not None and word.casefold() in _NOT_NAMES


def _in_street_context(text: str, start: int, end: int) -> bool:
    """True if the matched span is part of a street/school name (public place)."""
    before = _TRAILING_INITIALS_RE.sub("", text[max(0, start - 24) : start])  # "ул. Д.А. Кунаева"
    return bool(_STREET_BEFORE_RE.search(before) or _STREET_AFTER_RE.match(text, end)
                or _PLACE_WORD_END_RE.search(text, start, end) or _FROM_TO_RE.search(text, max(0, start - 40), end + 40))


# A span whose last word is a place word is a place ("Назарбаев Университете"); "от Рыскулова до
# Райымбека" is a stretch of road between two streets.
_PLACE_WORD_END_RE = re.compile(
    r"(?<![^\W\d_])(?i:университет|институт|колледж|лицей|гимназия|школа|больница|парк|сад|university"
    r"|institute|college|school|hospital|park)[а-яa-z]{0,3}$"
)
_FROM_TO_RE = re.compile(r"(?<![^\W\d_])от\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яё]+\s+до\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яё]+")


_TRAILING_INITIALS_RE = re.compile(f"(?:[{_UP}]\\.{_SP}?){{1,2}}$")


_HAS_NAME_WORD_RE = re.compile(f"[{_UP}][{_LO}]")


def _first_group(m: re.Match[str], prefix: str) -> str | None:
    """The value of the first participating group whose name starts with prefix."""
    for name, value in m.groupdict().items():
        if name.startswith(prefix) and value is not None:
            return value
    return None


def _name_span_replacer(text: str) -> Callable[[re.Match[str]], str]:
    """Replacement for the patronymic/initials patterns.

    Why a closure over the text: whether "Д.А. Кунаева" is a person or a street
    depends on the words around the match. Honorifics the pattern swallowed
    ("Уважаемый", "Директору") are written back instead of being redacted.
    """

    def replace(m: re.Match[str]) -> str:
        if _in_street_context(text, m.start(), m.end()):
            return m.group(0)
        span = m.group(0)
        head = tail = ""
        lead = _first_group(m, "lead")
        if lead is not None and _is_not_name(lead):
            cut = len(lead) + (len(span) - len(lead) - len(span[len(lead) :].lstrip()))
            head, span = span[:cut], span[cut:]
        last = _first_group(m, "tail")
        if last is not None and _is_not_name(last) and span.endswith(last):
            body = span[: -len(last)].rstrip()
            span, tail = body, span[len(body) :]
        if not _HAS_NAME_WORD_RE.search(span):
            return m.group(0)  # only initials left ("The U.S."): not a name
        return f"{head}[NAME]{tail}"

    return replace


def _replace_cued_name(m: re.Match[str]) -> str:
    return m.group("cue") + "[NAME]"


def _redact_names(text: str) -> str:
    """Cue phrases first (they also cover names without patronymic), then the
    structural patterns on whatever is left."""
    text = _NAME_CUE_RE.sub(_replace_cued_name, text)
    text = _NAME_FIELD_RE.sub(_replace_cued_name, text)
    text = _NAME_LETTER_RE.sub(_replace_cued_name, text)
    text = _PATRONYMIC_NAME_RE.sub(_name_span_replacer(text), text)
    text = _INITIALS_NAME_RE.sub(_name_span_replacer(text), text)
    return _SINGLE_INITIAL_NAME_RE.sub(_name_span_replacer(text), text)


def _house_part(span: str, bare_cue: bool) -> tuple[int, int] | None:
    """Where the house part of a home address is inside an address span, or None.

    Why not only the numbers: street + house + flat together point at a household, so
    they go as one [ADDRESS]; the settlement ("г. Алматы", "Алматы қаласы", a trailing
    "Almaty") stays for the analysis. Segments are the comma-separated parts; a segment
    with a number, a street or a building word is part of the house; a bare name right
    before a segment without a street word is the street ("Абая, 12").
    """
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", span)]
    house = [bool(_HAS_NUMBER_RE.search(span[a:b]) or _HOUSE_WORD_RE.search(span[a:b])) for a, b in bounds]
    if not any(house):
        return None
    first, last = house.index(True), len(house) - 1 - house[::-1].index(True)
    if first and not _STREET_RE.search(span[bounds[first][0] : bounds[first][1]]):
        prev = span[bounds[first - 1][0] : bounds[first - 1][1]]
        if not _SETTLEMENT_RE.search(prev):
            first -= 1  # "Абая, 12": the name before the number is the street
    start, end = bounds[first][0], bounds[last][1]
    start += len(span[start:end]) - len(span[start:end].lstrip())
    head = _KEPT_HEAD_RE.match(span, start)
    start = head.end() if head else start
    tail = _KEPT_TAIL_RE.search(span[start:end])
    end = start + tail.start() if tail else end
    if span[start:end].endswith(".") and not _ABBREVIATION_END_RE.search(span[start:end]):
        end -= 1  # "77 Pine Road." ends a sentence; "ул." and "st." are abbreviations
    part = span[start:end]
    if not _HAS_NUMBER_RE.search(part) or (bare_cue and not _HOUSE_WORD_RE.search(part)):
        return None
    return start, end


def _redact_house_part(span: str, bare_cue: bool) -> str:
    where = _house_part(span, bare_cue)
    return span if where is None else span[: where[0]] + "[ADDRESS]" + span[where[1] :]


def _redact_residence(text: str) -> str:
    """Redact the house part of the address following a residence cue."""
    out: list[str] = []
    pos = 0
    for cue in _RESIDENCE_CUE_RE.finditer(text):
        if cue.start() < pos:
            continue
        span = _ADDRESS_SPAN_RE.match(text, cue.end())
        if span is None:
            continue
        out.append(text[pos : span.start()])
        out.append(_redact_house_part(span.group(0), bare_cue=cue.group("bare") is not None))
        pos = span.end()
    out.append(text[pos:])
    return "".join(out)


def _redact_identifiers(text: str) -> str:
    """Identifiers validated by check digits. Order matters: IBAN before cards
    (a spaced all-digit IBAN contains a 4-4-4-4 run), IIN/BIN before cards."""
    text = _IBAN_RE.sub(_replace_iban, text)
    text = _KZ_ID_RE.sub(_replace_kz_id, text)
    text = _KZ_ID_SPACED_RE.sub(_replace_spaced_kz_id, text)
    return _CARD_RE.sub(_replace_card, text)


def _redact_apartments(text: str) -> str:
    return _APARTMENT_RE.sub("[ADDRESS]", text)


# Kazakh addresses name the street first and the cue last: "Абай көшесі, 45 үй,
# 12 пәтер мекенжайында тұрамын", "Абай көшесі 45-те тұрамын". A flat number right
# after "N үй," is a flat (not a count of flats); an address span right before a
# residence cue is the writer's home, so its house part goes. The span must end right
# at the cue: "5 жыл тұрамын" (five years) or "үйдің алдында тұр" have none.
_KK_FLAT_AFTER_HOUSE_RE = re.compile(
    r"(?P<house>(?<![0-9])[0-9]{1,4}[A-Za-zА-Яа-я]?\s?-?\s?үй(?![^\W\d_])[ \t,]+)"
    r"(?P<flat>[0-9]{1,4})(?P<cue>\s?-?\s?пәтер)"
)
_KK_RESIDENCE_AFTER_CORE = (
    f"(?i:мекен-?жай[{_LO}]*{_ANY_WS}+(?:бойынша{_ANY_WS}+)?тұр[{_LO}]*"
    f"|мекен-?жайында|(?:үйде|пәтерде){_ANY_WS}+тұр[{_LO}]*|тұрамын|тұрамыз|тұратынмын)"
)
_KK_HOME_GATE = f"{_KK_RESIDENCE_AFTER_CORE}|үй[ \t,]+[0-9]"
_KK_RESIDENCE_AFTER_RE = re.compile(_KK_RESIDENCE_AFTER_CORE)
_ADDRESS_SPAN_BEFORE_RE = re.compile(f"(?:{_ADDR_TOKEN}[ \t,]*){{1,15}}$")


def _redact_kazakh_home(text: str) -> str:
    text = _KK_FLAT_AFTER_HOUSE_RE.sub(lambda m: m.group("house") + "[ADDRESS]" + m.group("cue"), text)
    out: list[str] = []
    pos = 0
    for cue in _KK_RESIDENCE_AFTER_RE.finditer(text):
        head = text[pos : cue.start()]
        span = _ADDRESS_SPAN_BEFORE_RE.search(head[-200:])
        if span is not None:
            cut = len(head) - len(span.group(0))
            head = head[:cut] + _redact_house_part(head[cut:], bare_cue=False)
        out.append(head)
        pos = cue.start()
    out.append(text[pos:])
    return "".join(out)


def _redact_names_by_model(texts: list[str]) -> list[str]:
    """Names the Russian model finds, except public places ("проспект Абая")."""
    return [_replace_name_spans(t, spans) for t, spans in zip(texts, model_name_spans(texts), strict=True)]


def _redact_names_by_wordlist(text: str) -> str:
    """Names from the given-name lists and surname endings, except public places ("Абай көшесі")."""
    return _grow_names(_replace_name_spans(text, wordlist_name_spans(text)))


# A capitalised word right next to a found name is the rest of it ("Айжан [NAME]", "Daulet [NAME]",
# "[NAME] Ғабдуллинмін"); "Mr." goes with the name it titles. Greetings, posts and address words stay.
_NEXT_TO_NAME_RE = re.compile(
    f"(?<!{_LETTER})(?P<before>[{_UP}][{_LO}]+)[ ]\\[NAME\\]|\\[NAME\\][ ](?P<after>[{_UP}][{_LO}]+)(?!{_LETTER})"
    r"|(?<![A-Za-z])(?P<title>(?:Mr|Mrs|Ms|Miss)\.?[ ])\[NAME\]"
    # a given name joined to a found one by a comma or "and": "Ботагөз, [NAME]", "Ғалымжан мен [NAME]"
    f"|(?<!{_LETTER})(?P<joined_before>[{_UP}][{_LO}]+)(?:,|[ ](?:мен|және|и|and))[ ]\\[NAME\\]"
    f"|\\[NAME\\](?:,|[ ](?:мен|және|и|and))[ ](?P<joined_after>[{_UP}][{_LO}]+)(?!{_LETTER})"
)


def _grow_names(text: str) -> str:
    if "[NAME]" not in text:
        return text

    def grow(m: re.Match[str]) -> str:
        if m.group("joined_before") or m.group("joined_after"):
            return _grow_joined_name(text, m)
        word = m.group("before") or m.group("after")
        if word is not None and (_is_not_name(word) or word.casefold() in not_name_words() or is_kinship_word(word)
                                 or _in_street_context(text, m.start(), m.end())
                                 or _HOUSE_WORD_RE.fullmatch(word) or _SETTLEMENT_RE.fullmatch(word)):
            return m.group(0)
        if m.group("before") and _starts_sentence(text, m.start()) and not is_given_name(word):
            return m.group(0)  # "Contact [NAME]": a sentence's first word is a name only if known as one
        return "[NAME]"

    return _grow_names_once(text, grow)


def _grow_joined_name(text: str, m: re.Match[str]) -> str:
    """"Ботагөз, [NAME]", "Ғалымжан мен [NAME]": the joined word goes only if it is a known given name."""
    before = m.group("joined_before")
    word = before or m.group("joined_after")
    if not is_given_name(word) or _in_street_context(text, m.start(), m.end()):
        return m.group(0)
    return "[NAME]" + m.group(0)[len(word) :] if before else m.group(0)[: -len(word)] + "[NAME]"


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n"


def _grow_names_once(text: str, grow: Callable[[re.Match[str]], str]) -> str:
    return _ADJACENT_NAMES_RE.sub("[NAME]", _NEXT_TO_NAME_RE.sub(grow, text))


def _replace_name_spans(text: str, spans: list[tuple[int, int]]) -> str:
    kept = sorted((s, e) for s, e in spans if not _in_street_context(text, s, e))
    merged: list[list[int]] = []
    for start, end in kept:
        if merged and start <= merged[-1][1] + 1 and not text[merged[-1][1] : start].strip():
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + "[NAME]" + text[end:]
    return _ADJACENT_NAMES_RE.sub("[NAME]", text) if merged else text


# Two rules that found the parts of one name write one token: "[NAME] [NAME]" -> "[NAME]".
_ADJACENT_NAMES_RE = re.compile(r"\[NAME\](?:[ \u00a0]\[NAME\])+")


def _each(redact: Callable[[str], str]) -> Callable[[list[str]], list[str]]:
    return lambda texts: [redact(t) for t in texts]


# (gate pattern shared with polars, batch function), applied in this order:
# identifiers and documents first so name/address number rules never see them;
# apartments before the residence rules, whose address span accepts "[ADDRESS]";
# home addresses before names, so a street in one ("Мекенжайым Абай 10") is an
# address and not a person to the name model; the name model after the name rules
# (their [NAME] tokens are no words to it).
_FAMILIES: tuple[tuple[str | tuple[str, ...], Callable[[list[str]], list[str]]], ...] = (
    (_IDENTIFIER_GATE, _each(_redact_identifiers)),
    (DOCUMENT_GATE, _each(redact_documents)),
    (PLATE_GATE, _each(redact_plates)),
    (BIRTHDATE_GATE, _each(redact_birthdates)),
    (OBFUSCATED_EMAIL_GATE, _each(redact_obfuscated_emails)),
    (_APARTMENT_CORE, _each(_redact_apartments)),
    (_KK_HOME_GATE, _each(_redact_kazakh_home)),
    (_RESIDENCE_CORE, _each(_redact_residence)),
    (HOME_ADDRESS_GATE, _each(redact_home_addresses)),
    (_NAME_GATE, _each(_redact_names)),
    (NAME_MODEL_GATE, _redact_names_by_model),
    (NAME_WORDLIST_GATE, _each(_redact_names_by_wordlist)),
    (BIRTHDATE_AFTER_NAME_GATE, _each(redact_birthdates_after_names)),
)


def _branches(gate: str | tuple[str, ...]) -> tuple[str, ...]:
    """A gate is one pattern or a tuple of patterns, any of which opens it. Why tuples: the Rust
    engine runs a few small patterns one after the other much faster than their union (the
    home-address gate: 0.14 s alone, 2.5 s inside the union of all gates, for 20,000 rows)."""
    return gate if isinstance(gate, tuple) else (gate,)


_FAMILY_GATES = tuple(tuple(re.compile(p) for p in _branches(gate)) for gate, _ in _FAMILIES)


def _cheap_stage_text(text: str) -> str:
    """E-mail and phones with the shared patterns (same as the polars path).

    Why the phone rules run twice: their consumed `post` character is the `pre`
    character of a phone that follows after a single separator
    ("87011234567 87011234568"); the second pass sees "[PHONE] 8701..." and
    catches it. Phones alternate at worst, so two passes always suffice.
    """
    text = _EMAIL_RE.sub("[EMAIL]", text)
    for _ in range(2):
        for rx, repl in _CHEAP_RES:
            text = rx.sub(repl, text)
    return text


def redact_text(text: str | None) -> str | None:
    """Replace personal data in one text by kind tokens; None stays None."""
    if not text:
        return text
    open_gates = [any(rx.search(text) for rx in gate) for gate in _FAMILY_GATES]
    for is_open, (_, redact) in zip(open_gates, _FAMILIES, strict=True):
        if is_open:
            text = redact([text])[0]
    return _cheap_stage_text(text)


def redact_series(s: pl.Series) -> pl.Series:
    """Vectorised :func:`redact_text` with identical results.

    Each Python rule family runs only on the rows its gate selects (gates are
    evaluated on the original column, as redact_text evaluates them on the
    original text); e-mail and phone patterns run as polars regex replacements,
    only on rows that hold an "@" or enough digits for a phone. Most texts
    hold no personal data at all, so most rows meet no rule: that is what makes
    this fast on millions of rows.
    """
    s = s.cast(pl.String).clone()  # scatter() writes in place; never touch the caller's series
    candidates = _gate_mask(s, _ANY_GATE).arg_true()
    if len(candidates):
        gated = s.gather(candidates)
        masks = [_gate_mask(gated, gate) for gate, _ in _FAMILIES]
        for mask, (_, redact) in zip(masks, _FAMILIES, strict=True):
            idx = mask.arg_true()
            if len(idx):
                gated.scatter(idx, pl.Series(redact(gated.gather(idx).to_list()), dtype=pl.String))
        s.scatter(candidates, gated)
    s = _replace_where(s, s.str.contains("@", literal=True), [(_EMAIL_SRC, "[EMAIL]")])
    phone_rules = [(src, rust_repl) for src, _py, rust_repl in _CHEAP_RULES]
    for _ in range(2):  # twice, as in _cheap_stage_text
        s = _replace_where(s, s.str.count_matches("[0-9]") >= _PHONE_MIN_DIGITS, phone_rules)
    return s


# The shortest number a phone rule takes ("тел. 2-34-56") has five digits.
_PHONE_MIN_DIGITS = 5
_ANY_GATE = (
    "|".join(f"(?:{gate})" for gate, _ in _FAMILIES if isinstance(gate, str)),
    *(p for gate, _ in _FAMILIES if isinstance(gate, tuple) for p in gate),
)


def _gate_mask(s: pl.Series, gate: str | tuple[str, ...]) -> pl.Series:
    masks = [s.str.contains(p).fill_null(False) for p in _branches(gate)]
    mask = masks[0]
    for other in masks[1:]:
        mask = mask | other
    return mask


def _replace_where(s: pl.Series, mask: pl.Series, rules: list[tuple[str, str]]) -> pl.Series:
    """Apply regex replacements (in order) to the masked rows only."""
    idx = mask.fill_null(False).arg_true()
    if not len(idx):
        return s
    part = s.gather(idx)
    for pattern, replacement in rules:
        part = part.str.replace_all(pattern, replacement)
    return s.scatter(idx, part)


_TOKEN_RE = re.compile(r"\[(" + "|".join(KINDS) + r")\]")


def found_kinds(text: str | None) -> set[str]:
    """Kinds of personal data redact_text finds in `text` (e.g. {"IIN", "PHONE"}).

    Tokens already present in the input are not counted as findings.
    """
    if not text:
        return set()
    before: dict[str, int] = {}
    for m in _TOKEN_RE.finditer(text):
        before[m.group(1)] = before.get(m.group(1), 0) + 1
    after: dict[str, int] = {}
    for m in _TOKEN_RE.finditer(redact_text(text) or ""):
        after[m.group(1)] = after.get(m.group(1), 0) + 1
    return {k for k, n in after.items() if n > before.get(k, 0)}


# =========================================================================== #
# Salted hashing of identifiers (repeat detection without storing them).
# =========================================================================== #

# Spaces (incl. no-break / thin spaces) and dashes (incl. Unicode dashes, minus)
# are formatting, not identity: "9001 0130-0123" and "900101300123" are the same.
_IDENT_STRIP_SRC = (
    "[ \t\n\r\x0b\x0c\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000"
    "\\-\u2010-\u2015\u2212]+"
)
_IDENT_STRIP_RE = re.compile(_IDENT_STRIP_SRC)


def _check_salt(salt: str) -> bytes:
    """An empty salt would make hashes of IINs reversible by enumerating the few
    billion valid IINs, so it is refused rather than silently accepted."""
    if not salt:
        raise ValueError("hash salt must be a non-empty secret string")
    return salt.encode("utf-8")


def _hmac_hex32(key: bytes, normalised: str) -> str:
    # hmac.digest is OpenSSL's one-shot HMAC: same value as hmac.new(...), several times faster.
    return hmac.digest(key, normalised.encode("utf-8"), "sha256").hex()[:32]


# HMAC-SHA256 (RFC 2104) from DuckDB's sha256, so a column is hashed in vectorised C++:
# H((K ^ opad) || H((K ^ ipad) || m)). Tested equal to Python's hmac for every value.
_HMAC_SQL = "left(sha256($opad::blob || unhex(sha256($ipad::blob || encode(v)))), 32)"


def _hmac_pads(key: bytes) -> dict[str, bytes]:
    block = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
    return {"ipad": bytes(b ^ 0x36 for b in block), "opad": bytes(b ^ 0x5C for b in block)}


def hash_identifier(value: str | None, salt: str) -> str | None:
    """HMAC-SHA256 (key = salt) of the normalised identifier, first 32 hex chars.

    Normalisation strips spaces and dashes and lowercases, so the same phone, IIN
    or e-mail written differently hashes the same. None, and values that are
    empty after normalisation, give None (they identify nobody).
    """
    key = _check_salt(salt)
    if value is None:
        return None
    normalised = _IDENT_STRIP_RE.sub("", value).lower()
    return _hmac_hex32(key, normalised) if normalised else None


def hash_series(s: pl.Series, salt: str) -> pl.Series:
    """Vectorised :func:`hash_identifier`: normalise in polars, HMAC each distinct value once
    (applicants come back) in DuckDB, map back."""
    from warehouse.db import scratch

    key = _check_salt(salt)
    normalised = s.cast(pl.String).str.replace_all(_IDENT_STRIP_SRC, "").str.to_lowercase()
    con = scratch()
    con.register("_identifiers", pl.DataFrame({"v": normalised}).to_arrow())
    try:
        hashed = con.execute(f"select v, {_HMAC_SQL} as h from (select distinct v from _identifiers where v <> '')",
                             _hmac_pads(key)).pl()
    finally:
        con.unregister("_identifiers")
    return normalised.replace_strict(hashed["v"], hashed["h"], default=None, return_dtype=pl.String).alias(s.name)
