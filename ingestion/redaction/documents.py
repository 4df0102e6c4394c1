"""Identity documents, car plates and dates of birth.

Why separate rules with cue words: a 9-digit number, a date or "123 ABC 02" alone
is as likely an appeal number, the date of an event or a road sign. Each rule
therefore takes a number only where its shape is unmistakable (a Kazakhstan
passport "N12345678", a plate in the official layout) or where a cue word says
what it is ("удостоверение личности", "туған күні", "born on"). The dates of
events and appeal numbers must stay: they are what the analysis counts.

Each ``*_GATE`` is written in the common subset of Python ``re`` and Rust
``regex`` (see ingestion/redact.py), so polars can select the rows a rule needs.
"""

from __future__ import annotations

import re

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LO = "a-zа-яёәғқңөұүһі"
_LETTER = f"[{_UP}{_LO}]"

# --------------------------------------------------------------------------- #
# Passports and ID cards
# --------------------------------------------------------------------------- #
# Cue words (kk, ru, en); the stem form so every case ending matches.
_DOC_CUE = (
    r"паспорт|удостоверени[а-я]*(?:\s+личности)?|уд\.\s?л(?:ичн(?:ости)?)?\.?"
    r"|жеке\s+куәлі[а-яәғқңөұүһі]*|куәлі[а-яәғқңөұүһі]*|төлқұжат[а-яәғқңөұүһі]*"
    r"|passport|id\s+card|identity\s+card|identity\s+document|id\s+number"
    # driving licences, residence permits, birth certificates
    r"|вод[а-я]*\s+прав[а-я]*|вид[а-я]*\s+на\s+жительство|свидетельств[а-я]*\s+о\s+рождении"
    r"|ықтиярхат[а-яәғқңөұүһі]*|driv(?:ing|er'?s)\s+licen[cs]e|residence\s+permit|birth\s+certificate"
)
DOCUMENT_GATE = (
    "(?i:паспорт|удостоверени|уд[.] ?л|куәлі|төлқұжат|passport|id card|identity|водител|жительство"
    "|свидетельств|ықтиярхат|licen[cs]e|permit|certificate)"
    "|[NnНн][0-9]{8}"
)
# The number itself: KZ passport N + 8 digits; KZ ID card 9 digits; Russian
# passport "45 09 771234" / "4509 771234" / "серия 4509 номер 771234".
_DOC_NUMBER = (
    r"[NnНн]\s?[0-9]{8}"
    r"|[0-9]{6,10}"  # ID card (9), driving licence and residence permit numbers
    r"|[A-ZА-Я]{1,2}\s?[0-9]{6,8}"  # driving licence "AB 123456"
    r"|[IVXІ]{1,3}-[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{2}\s*№?\s*[0-9]{6}"  # birth certificate "II-МЮ № 123456"
    r"|[0-9]{2}\s?[0-9]{2}(?:\s*(?:№|номер|н\.|no\.?)\s*|\s+)[0-9]{6}"
)
_CUED_DOCUMENT_RE = re.compile(
    f"(?P<cue>(?<!{_LETTER})(?i:{_DOC_CUE})(?:[^0-9\\n.]|(?<=(?i:no|nr))\\.|\\.(?!\\s)){{0,40}}?)"
    f"(?P<num>(?<![0-9])(?i:серии\\s+|серия\\s+|series\\s+)?(?:{_DOC_NUMBER}))(?![0-9])"
)
# A Kazakhstan passport number is unmistakable even without a cue.
_PASSPORT_RE = re.compile(f"(?<![{_UP}{_LO}0-9])[NnНн][0-9]{{8}}(?![0-9])")


def redact_documents(text: str) -> str:
    """Passport and ID-card numbers; the cue words stay."""
    text = _CUED_DOCUMENT_RE.sub(lambda m: m.group("cue") + "[DOCUMENT]", text)
    return _PASSPORT_RE.sub("[DOCUMENT]", text)


# --------------------------------------------------------------------------- #
# Car plates
# --------------------------------------------------------------------------- #
# Latin letters and their Cyrillic look-alikes (people type either).
_PL = "A-ZАВЕКМНОРСТУХ"
# Kazakhstan since 2012: "123 ABC 02" (persons), "123 AB 02" (organisations),
# region 01-20. Before 2012: "A 123 BCD" (region letter first), also with
# lower-case Latin letters when typed without spaces ("123abc02").
PLATE_GATE = (
    f"[0-9]{{3}} ?[{_PL}]{{2,3}} ?[0-9]{{2}}"
    "|[0-9]{3}[a-z]{2,3}[0-9]{2}"
    f"|[{_PL}] ?[0-9]{{3}} ?[{_PL}]{{2,3}}"
)
_PLATE_RE = re.compile(
    f"(?<![{_UP}{_LO}0-9])(?:"
    f"[0-9]{{3}} ?[{_PL}]{{2,3}} ?(?:0[1-9]|1[0-9]|20)"
    f"|[0-9]{{3}}[a-z]{{2,3}}(?:0[1-9]|1[0-9]|20)"
    # old Kazakhstan and Russian layout: letter, 3 digits, 2-3 letters, optional region
    f"|[{_PL}] ?[0-9]{{3}} ?[{_PL}]{{2,3}}(?: ?[0-9]{{2,3}}(?![0-9]))?"
    f")(?![{_UP}{_LO}0-9])"
)


def redact_plates(text: str) -> str:
    return _PLATE_RE.sub("[PLATE]", text)


# --------------------------------------------------------------------------- #
# Dates of birth (only with a birth cue)
# --------------------------------------------------------------------------- #
_MONTHS = (
    r"январ[а-я]*|феврал[а-я]*|март[а-я]*|апрел[а-я]*|ма[йя]|июн[а-я]*|июл[а-я]*|август[а-я]*"
    r"|сентябр[а-я]*|октябр[а-я]*|ноябр[а-я]*|декабр[а-я]*"
    r"|қаңтар[а-яәғқңөұүһі]*|ақпан[а-яәғқңөұүһі]*|наурыз[а-яәғқңөұүһі]*|сәуір[а-яәғқңөұүһі]*"
    r"|мамыр[а-яәғқңөұүһі]*|маусым[а-яәғқңөұүһі]*|шілде[а-яәғқңөұүһі]*|тамыз[а-яәғқңөұүһі]*"
    r"|қыркүйек[а-яәғқңөұүһі]*|қазан[а-яәғқңөұүһі]*|қараша[а-яәғқңөұүһі]*|желтоқсан[а-яәғқңөұүһі]*"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_YEAR = r"(?:19|20)[0-9]{2}"
_DATE = (
    r"(?:[0-3]?[0-9][./-][01]?[0-9][./-](?:19|20)?[0-9]{2}"  # 14.02.1941, 3/9/88
    f"|{_YEAR}-[01][0-9]-[0-3][0-9]"  # 1990-11-23
    f"|[0-3]?[0-9]\\s+(?i:{_MONTHS})\\s+{_YEAR}(?:\\s*(?:г\\.|года|жыл[а-яәғқңөұүһі]*))?"  # 7 July 1962
    f"|(?i:{_MONTHS})\\s+[0-3]?[0-9],?\\s+{_YEAR}"  # July 7, 1962
    f"|{_YEAR}\\s*(?:ж\\.|жыл[а-яәғқңөұүһі]*)?\\s*[0-3]?[0-9]\\s+(?i:{_MONTHS})"  # 1979 жылғы 5 наурыз
    f"|{_YEAR})"
)
_BIRTH_CUE_BEFORE = (
    r"туған\s+(?:күн[а-яәғқңөұүһі]*|жыл[а-яәғқңөұүһі]*)|дата\s+рождения|д\.\s?р\.|д/р"
    r"|год\s+рождения|родил(?:ся|ась|ись)|рожд[её]н[а-я]*"
    r"|date\s+of\s+birth|dob|d\.o\.b\.|born(?:\s+(?:on|in))?|birth\s+date|birthday|year\s+of\s+birth"
    r"|туыл[а-яәғқңөұүһі]*|дүниеге\s+келген[а-яәғқңөұүһі]*|рождени[яе]"
)
_BIRTH_CUE_AFTER = (
    r"г\.\s?р\.|гг?\.?\s+рождения|года\s+рождения|г\.р|года\s+р\."
    r"|(?:ж\.\s?|жылы\s+|жылғы\s+)?(?:туған|туыл[а-яәғқңөұүһі]*)[а-яәғқңөұүһі]*|ж\.\s?т\."
)
BIRTHDATE_GATE = (
    "(?i:туған|туыл|дүниеге|рождени|родил|рожд[её]н|д[.] ?р[.]|д/р|г[.] ?р|ж[.] ?т[.]|birth|born|dob|d[.]o[.]b)"
)
_BIRTH_BEFORE_RE = re.compile(
    f"(?P<cue>(?<!{_LETTER})(?i:{_BIRTH_CUE_BEFORE})(?!{_LETTER})[^0-9\\n]{{0,16}}?)"
    f"(?<![0-9])(?P<date>{_DATE})(?![0-9])"
)
_BIRTH_AFTER_RE = re.compile(
    f"(?<![0-9])(?P<date>{_DATE})(?![0-9])(?P<cue>[ \\t,]*(?:\\(\\s*)?(?i:{_BIRTH_CUE_AFTER}))"
)


# A full date of a past decade right after a name is the person's date of birth: "[NAME], 03.05.1951",
# "[NAME] (02.08.1955)". Runs after the name rules (it needs their [NAME]); its gate, like every gate,
# sees the original text: a full date of such a year after a comma or a bracket.
_PAST_DATE = r"[0-3]?[0-9][./-][01]?[0-9][./-](?:19[0-9]{2}|20[01][0-9])"
BIRTHDATE_AFTER_NAME_GATE = f"[,(][ \t]*{_PAST_DATE}"  # no look-around: the Rust engine runs it too
_BIRTH_AFTER_NAME_RE = re.compile(f"(?P<name>\\[NAME\\][ \t]*[,(][ \t]*)(?<![0-9]){_PAST_DATE}(?![0-9])")


def redact_birthdates_after_names(text: str) -> str:
    return _BIRTH_AFTER_NAME_RE.sub(lambda m: m.group("name") + "[BIRTHDATE]", text)


def redact_birthdates(text: str) -> str:
    """A date is a date of birth only next to a birth cue; the cue stays."""
    text = _BIRTH_BEFORE_RE.sub(lambda m: m.group("cue") + "[BIRTHDATE]", text)
    return _BIRTH_AFTER_RE.sub(lambda m: "[BIRTHDATE]" + m.group("cue"), text)


# --------------------------------------------------------------------------- #
# E-mail addresses written to dodge filters: "aigul at mail dot kz",
# "john (at) gmail (dot) com", "ivan собака mail точка ru". Redacted as [EMAIL]:
# they reach a person as surely as the plain form. A top-level domain is required,
# so "meet at school" stays.
# --------------------------------------------------------------------------- #
OBFUSCATED_EMAIL_GATE = "(?i: dot |[(\\[]dot[)\\]]| точка |[(\\[]at[)\\]]| собака )"
_AT = r"(?:\s*[(\[]\s*(?:at|собака)\s*[)\]]\s*|\s+(?:at|собака)\s+)"
_DOT = r"(?:\s*[(\[]\s*(?:dot|точка)\s*[)\]]\s*|\s+(?:dot|точка)\s+|\.)"
_TLD = r"(?:kz|ru|com|org|net|gov|edu|su|uz|kg|info|io|me|рф|қаз)"
_OBFUSCATED_EMAIL_RE = re.compile(
    f"(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]{{1,64}}(?i:{_AT})[A-Za-z0-9\\-]{{1,63}}"
    f"(?:(?i:{_DOT})[A-Za-z0-9\\-]{{1,63}}){{0,3}}(?i:{_DOT}){_TLD}(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def redact_obfuscated_emails(text: str) -> str:
    return _OBFUSCATED_EMAIL_RE.sub("[EMAIL]", text)
