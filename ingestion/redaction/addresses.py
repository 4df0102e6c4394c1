"""Home addresses without a cue the residence rules know: the whole span goes.

Why a second address rule: people give their address in countless ways ("Көкшетау, Ауэзов
көшесі 210-15.", "Адрес: пр. Абая 52/1 - 17", "Samal-2 microdistrict, building 58, flat 7",
"... тұрғынымын", "we live on ..."), mostly without a phrase the cue rules of
ingestion/redact.py list. This rule therefore looks at the address itself: a run of address
words (settlement, street type, house and flat words in their case forms, capitalised names,
numbers) that holds a house number, and decides whether it is somebody's home:

* a flat or plot word with its number ("кв. 5", "12 пәтер", "apt 3", "участок 34"), or a Kazakh
  house-flat number ("210-15", "7/2-14", "Ауэзов 205, 17"), says it is a dwelling;
* a street with a house number ("ул. Абая 12", "дом 5 по ул. Ленина", "на Рыскулова 10") is a
  home only when the text speaks of living or owning there ("живу", "тұрамын", "моего подъезда",
  "our house", "мекенжай", "Адрес:"); otherwise it is the place of a problem ("Яма на ул. Абая
  12", "мусор у дома 29/1") and stays: real appeals are mostly about buildings and yards;
* a street without a house number is a landmark and always stays;
* an address right after a public institution ("ЦОН Алмалинского района (ул. Абылай хана 91)",
  "ХҚКО-ның (Сарыарқа даңғылы 12)") is the institution's and stays.

The whole run becomes one ``[ADDRESS]``: the settlement, region and district that belong to the
address go too (a village and a street name together point at a household). An ``[ADDRESS]``
token the cue rules wrote is grown the same way ("г. Алматы, [ADDRESS]" -> "[ADDRESS]").
"""

from __future__ import annotations

import re

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LO = "a-zа-яёәғқңөұүһі"
_NOT_AFTER = r"(?![^\W\d_])"  # the word ends here
_NOT_BEFORE = r"(?<![^\W\d_])"

# Street types in their case forms (ru, kk, en, Latin-script kk).
_STREET = (
    r"ул|улица|улице|улицу|улицы|улицей|пр|пр-т|пр-кт|просп|проспект|проспекте|проспекта|бульвар|бульваре|б-р"
    r"|пер|переулок|переулке|тупик|шоссе|трасса|квартал|мкр|микрорайон|микрорайоне|микрорайона|жк|снт|днт"
    r"|ж\.м|жилмассив|массив|кольце|кольцо|мкрн|мкр-н|проезд|проезде|проспекту|микрорайону|аллея"
    r"|көш|көше|көшесі|көшесінде|көшесінің|көшесіндегі|даңғылы|даңғылында|даңғ|тұйық|тұйығы|тұйықтың"
    r"|шағын|шағынауданы|ықшам|ықшамауданы|ш/а|ш\.а|мөлтек|бағбандық|серіктестігі"
    r"|street|st|str|avenue|ave|av|road|rd|lane|drive|boulevard|blvd|microdistrict|mkr|line|snt"
    r"|gardening|partnership|koshesi|köshesi|kosh|dangyly|shagyn|yqsham|yksham"
    r"|к-сі|даң|с/т|ul|жолы|ulitsa|prospekt|pr|pereulok|mikrorayon|mkrn|cooperative|dacha|маңы|маңындағы"
)
# House, flat, building, plot and entrance words (numbers go with them).
# A flat or a private plot is somebody's: its number makes the address a home. ("Unit" and "suite"
# are not here: in 360 comments and office addresses they are departments and offices.)
_FLAT = (
    r"кв|квартира|квартире|квартиры|кв-ра|участок|вп|пәтер|пәтерде|пәтері|пәтерінде|пәт|п|учаске"
    r"|apt|apartment|flat|kv|plot|pater|уч|kvartira|пәтерге|пәтерім|пәтеріміз"
)
# A house or building number alone is as often the place of a problem ("во дворе дома 5 по ул.
# Ленина"): it makes a home only in a text that speaks of living there.
_HOUSE = (
    r"д|дом|доме|дома|корп|корпус|стр|строение|блок|подъезд|этаж|үй|үйде|үйі|үйінде|қабат"
    r"|house|building|bldg|block|entrance|unit|suite|uy|ui|dom|үйге|үйім|үйіміз|үйімізге|үйімізде"
)
_BUILDING = f"{_FLAT}|{_HOUSE}"
# Settlements, regions and districts: part of the address when they stand next to it.
_SETTLEMENT = (
    r"г|гор|город|с|село|пос|поселок|посёлок|а|аул|обл|область|р-н|район"
    r"|қ|қаласы|облысы|ауданы|аудан|ауылы|ауыл|кенті|қаласында|ауылында|ауданында|облысында|кентінде|городе"
    r"|поселке|поселка|посёлке|посёлка|селе|села|ауле|аула"
    r"|city|village|town|district|region|qalasy|kalasy|auyly|audany|oblysy"
)
# Words that join the parts of an address ("д. 5 по ул. Сатпаева", "Тауке хана").
_JOINER = r"үйдің|үйінің|в|на|по|и|and|khans|at|of|батыр|батыра|би|хан|хана|жырау|ата|batyr|bi|khan|ata|the"
_VOCABULARY = f"{_STREET}|{_BUILDING}|{_SETTLEMENT}|{_JOINER}"
# Abbreviations take their dot; after a whole word a dot ends the sentence ("45 пәтер. Үйдің ...").
_ABBREVIATION = (
    r"ул|пр|просп|пер|мкр|ж\.м|ш\.а|б-р|д|кв|корп|стр|г|гор|с|пос|п|а|обл|р-н|қ|көш|даңғ|пәт|уч|даң"
    r"|st|str|ave|av|rd|apt|bldg|blvd|mkr|ul|kv|pr"
)
# Capitalised words that open a sentence or address a reader; they end an address run.
_STOP_WORDS = frozenset(
    """
    мен біз я мы i we my our he she they hello hi dear please hello сәлем сәлеметсіз здравствуйте
    прошу просим адрес адресім мекенжайым мекен-жайым үйім үйіміз address service the this that there it мой моя наш наша менің біздің
    вчера сегодня кеше бүгін жалоба өтініш notice complaint обращение заявка өтінім application appeal call
    статья статьи статье статью ст article section пункт закон заңның бап бабы кодекс code law
    january february march april may june july august september october november december
    """.split()
)
# A house number: "12", "12а", "52/1", "7/2-14", "52/1 - 17", "2-я", "14th", "45-те"; never a piece
# of a longer digit group ("8-777-888-99-00", "(7172) 55-66-77" are phones), nor a quantity
# ("street 5 years", "Алматыда 5 жыл").
_QUANTITY = (
    r"[ \t]+(?i:years?|months?|days?|minutes?|hours?|km|лет|год[а-я]*|месяц[а-я]*|дн[а-я]*|минут[а-я]*|км|тг|тенге"
    r"|жыл[а-яәғқңөұүһі]*|ай|күн[а-яәғқңөұүһі]*|теңге|tenge|kzt)(?![^\W\d_])"
)
_NUMBER = (
    r"(?:№\s?)?(?<![0-9/\-])(?<![0-9][ \t])(?<![0-9]\)[ \t])[0-9]{1,5}(?:[A-Za-zА-Яа-яӘәҚқ](?![^\W\d_]))?"
    r"(?:\s?/\s?[0-9]{1,5}(?:[A-Za-zА-Яа-я](?![^\W\d_]))?)?"
    r"(?:\s?[/\-–]\s?[0-9]{1,5}(?:[A-Za-zА-Яа-я](?![^\W\d_]))?)?"
    f"(?![ \\t]?[/\\-–][ \\t]?[0-9]|[0-9]|{_QUANTITY})"
    f"(?:-?(?:st|nd|rd|th|я|й|ая|ий)(?![^\\W\\d_])|-[{_LO}]+)?"
)
# Why pieces and word sets instead of one big alternation: Python's regex engine tries every
# alternative at every position (0.4 ms for a 300-character window); a generic piece pattern and
# a set lookup per word cost a few microseconds.
_PIECE_RE = re.compile(
    r"\[ADDRESS\]|\[NAME\]|«[^»\n]{1,30}»"
    f"|(?P<number>{_NUMBER})"
    f"|(?P<word>[{_UP}{_LO}](?:[{_UP}{_LO}0-9]|[\\-/](?=[{_UP}{_LO}0-9]))*)(?P<dot>\\.)?"
)
_GAP_RE = re.compile(r"[ \t]*,?[ \t]*")


def _words(alternation: str) -> frozenset[str]:
    return frozenset(w.replace("\\", "") for w in alternation.split("|"))


# "ж.м." and "ш.а." come as single letters with their dots.
_VOCABULARY_WORDS = _words(_VOCABULARY) | {"ж", "м", "ш"}
_ABBREVIATION_WORDS = _words(_ABBREVIATION) | {"ж", "м", "ш", "а"}


def _address_pieces(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Runs of address pieces (numbers, capitalised words, address words) in text[start:end],
    joined by spaces or a comma; a dot after a whole word ends the run ("45 пәтер. Үйдің")."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last_end, open_dot = -1, False
    for m in _PIECE_RE.finditer(text, start, end):
        piece = _piece(m)
        if piece is None:
            if current:
                runs.append(current)
            current, last_end = [], -1
            continue
        gap = text[last_end : m.start()] if current else ""
        joined = bool(current) and _GAP_RE.fullmatch(gap) is not None and (gap or open_dot)
        if current and not joined:
            runs.append(current)
            current = []
        current.append((m.start(), piece))
        last_end, open_dot = piece, text[piece - 1] == "."
        if m.group("dot") and piece == m.end() - 1:  # a dot after a whole word: the sentence ends
            runs.append(current)
            current, last_end = [], -1
    if current:
        runs.append(current)
    return runs


def _piece(m: re.Match[str]) -> int | None:
    """Where an address piece ends, or None if the match is no address piece."""
    word = m.group("word")
    if word is None:
        return m.end()
    folded = word.casefold()
    if word.isupper() and re.fullmatch(r"[^\W\d_]{2,4}-[0-9]+", word) or _NUMBERED_NAME_RE.fullmatch(word):
        pass  # "ВП-2", "көктем-3"
    elif word[0].isupper() and not word.isupper() or len(word) == 1 and word.isupper():
        pass  # a name ("Абай", "Ақсай-4") or an initial ("Ж.")
    elif folded not in _VOCABULARY_WORDS and not (word.isupper() and folded in _ABBREVIATION_WORDS):
        return None
    if m.group("dot") and (folded in _ABBREVIATION_WORDS or len(word) == 1):
        return m.end()  # "ул.", "Ж."
    return m.end("word")

_STREET_RE = re.compile(f"{_NOT_BEFORE}(?i:{_STREET}){_NOT_AFTER}")
_NUMBERED_NAME_RE = re.compile(f"[{_LO}]{{3,}}-[0-9]{{1,2}}")  # a district written in lower case: "көктем-3"


def _numbered(words: str) -> re.Pattern[str]:
    """One of the words with its number, either order: "кв. 5", "дом № 5", "5 пәтер", "12-үй"."""
    return re.compile(
        f"{_NOT_BEFORE}(?i:{words})\\.?[ \t]*№?[ \t]*[0-9]|[0-9][A-Za-zА-Яа-я]?[ \t]*,?[ \t]*-?[ \t]*(?i:{words}){_NOT_AFTER}"
    )


_FLAT_NUMBER_RE = _numbered(_FLAT)
_HOUSE_NUMBER_RE = _numbered(_HOUSE)
# A house named by its street: "дома Сатпаева 90/21", "Дом Ауэзова 17", "house Abay 5".
_HOUSE_ON_STREET_RE = re.compile(
    f"{_NOT_BEFORE}(?i:дом|дома|доме|house|үй)[ \t]+[{_UP}][{_LO}]+[ \t]+[0-9]"
)
# House and flat in the Kazakh shorthand: "210-15", "7/2-14", "52/1 - 17", and a street name
# with house and flat: "Ауэзов 205, 17". A slash alone ("18/1") numbers a building, not a flat.
_HOUSE_FLAT_RE = re.compile(
    r"(?<![0-9/])[0-9]{1,4}[A-Za-zА-Яа-я]?(?:\s?/\s?[0-9]{1,4}[A-Za-zА-Яа-я]?)?\s?[-–]\s?[0-9]{1,4}(?![0-9])"
    f"|[{_UP}][{_LO}]+[ \t]+[0-9]{{1,4}}[A-Za-zА-Яа-я]?,[ \t]*[0-9]{{1,4}}(?![0-9])"
)
_DIGIT_RE = re.compile(r"[0-9]|\[ADDRESS\]")
# The text speaks of living, being registered or owning at an address.
_RESIDENCE_HINT_RE = re.compile(
    f"{_NOT_BEFORE}(?i:жив[уеёя][а-я]*|прожива[а-я]*|пропис[а-я]*|зарегистрир[а-я]*|мо(?:й|его|ем|ему)\\s+(?:же\\s+)?дом[а-я]*"
    r"|наш(?:его|ем|ему)?\s+дом[а-я]*|(?:мо(?:й|его|ем|ему)|наш(?:его|ем|ему)?)\s+подъезд[а-я]*|собственник[а-я]*|дач[аеуи]"
    r"|тұрам[а-яәғқңөұүһі]*|тұрады|тұратын[а-яәғқңөұүһі]*|тұрғын[а-яәғқңөұүһі]*|мекен-?жай[а-яәғқңөұүһі]*"
    r"|үйім[а-яәғқңөұүһі]*|үйіміз[а-яәғқңөұүһі]*|пәтерім[а-яәғқңөұүһі]*|саяжай[а-яәғқңөұүһі]*"
    r"|[а-яәғқңөұүһі]+(?:ның|нің|дың|дің|тың|тің)\s+(?:үйі|пәтері)[а-яәғқңөұүһі]*"
    r"|адрес\s*:|мой\s+адрес|адресім|address\s*:|(?:my|home)\s+address"
    r"|tur(?:amyn|amyz|ady|atyn)|turgyn[a-z]*|mekenzh?ai[a-z]*|mekenjai[a-z]*"
    r"|live[sd]?|living|reside[sd]?|residing|registered|dacha"
    r"|(?:my|our)\s+(?:home|house|apartment|flat|yard|building|entrance|dacha|street)"
    r"|at\s+home|(?:house|home|cottage)\s+at|famil(?:y|ies)|tenants?|семь[яиейю]|отбасы[а-яәғқңөұүһі]*"
    r"|пишу\s+из|үйде\s+болдым|частный\s+дом|дача\s+[а-я]+"
    # neighbours live next to the writer; a house "of" someone is a home
    r"|сосед(?:и|ей|ям|ями|ях|а|у|ом|е|ка|ки|ке|кой|ку)?|көрші[а-яәғқңөұүһі]*|neighbou?rs?|residents?|үйі|(?:his|her|their|our)\s+address)"
    f"{_NOT_AFTER}"
)
# Public institutions: an address right after one of them is the institution's.
_INSTITUTION_RE = re.compile(
    r"(?i:цон|хқко|акимат|әкімдік|мектеп|школ[а-я]*|поликлиник[а-я]*|больниц[а-я]*|аурухан[а-яәғқңөұүһі]*"
    r"|school|hospital|psc|clinic|university|университет[а-я]*|департамент[а-я]*|department|полици[а-я]*"
    r"|police|банк[а-я]*|bank)"
)
_CLAUSE_END_RE = re.compile(r"[.!?\n]")
# "на Рыскулова 10 у моего подъезда": a name and a number after "на"/"at" is a street and house.
_PLACE_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?i:на|по|at|on|residents\s+of)[ \t]+$")
_NAME_NUMBER_RE = re.compile(
    f"[{_UP}][{_LO}]+(?:[ \t]+[{_UP}][{_LO}]+)?[ \t]+[0-9]{{1,4}}[A-Za-zА-Яа-я]?(?:/[0-9]{{1,4}}[A-Za-zА-Яа-я]?)?"
)
_CONNECTOR_RE = re.compile(r"(?i:в|на|по|и|at|of|in|on|the|and)")

_GATE_WORDS = (
    "ул|көше|даңғ|пр[.-]|проспект|мкр|микрорайон|шағын|ықшам|ш/а|ш[.]а|ж[.]м|пер[.]|переул|б-р|бульвар|тұйық|проезд"
    "|street|st[.,]? |str[.]|avenue|ave|road|lane|drive|mkr|microdistrict|line|koshe|dangyl|снт|днт|жк "
    "|дом|д[.] ?[0-9]|кв|үй|пәт|корп|блок|участ|учаске|қабат|house|building|apt|flat|plot|block|entrance|suite"
    "|uy |pater|kv|жырау|батыр|хана|би |г[.]|қ[.]|қаласы|облысы|ауданы|ауылы|кенті|обл[.]|р-н|city|village|district|region"
)


def _either_case(words: str) -> str:
    """"ул|street" -> "[уУ]л|[sS]treet": case-insensitive where it matters, without (?i), which
    makes the Rust engine's automaton for Cyrillic many times larger."""
    return "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" if w[0].isalpha() else w for w in words.split("|"))


# Gate (Python re and Rust regex alike; any branch opens it): a number near an address word, a
# house-flat number, or "на Name 12".
# Short distances and no (?i) on purpose: they cost the Rust engine dearly (with (?i) and {0,40}:
# 6 s for 20,000 generated appeals, and the union of all gates in redact_series grew 30-fold).
HOME_ADDRESS_GATE = (
    f"(?:{_either_case(_GATE_WORDS)})[^0-9\n]{{0,12}}[0-9]",
    f"[0-9][^0-9\n]{{0,12}}(?:{_either_case(_GATE_WORDS)})",
    "[0-9]{1,4}[ ]?[/-][ ]?[0-9]{1,4}|[0-9]{1,4}[^0-9 ]?, ?[0-9]{1,4}",
    f"(?:[нН]а|[пП]о|[aA]t|[oO]n|[rR]esidents of)[ ][{_UP}][{_LO}]+(?:[ ][{_UP}][{_LO}]+)?[ ][0-9]",
    # a street word, a long street name, its number: "ул. Интернациональной, 41–6", "уч. 8"
    f"(?:[уУ]л|[пП]р|[uU]l|[sS]t|[уУ]ч)[.][ ]?(?:[{_UP}][{_LO}]+,?[ ])?[0-9]",
)


def redact_home_addresses(text: str) -> str:
    """Replace every home-address run (see the module docstring) by one [ADDRESS]."""
    resident: list[bool] = []  # computed on first need: most texts never ask
    out: list[str] = []
    pos = 0
    for run in _address_pieces(text, 0, len(text)):
        if not _DIGIT_RE.search(text, run[0][0], run[-1][1]):
            continue
        where = _address_part(text, run)
        if where is None or not _is_home(text, *where, resident):
            continue
        out.append(text[pos : where[0]])
        out.append("[ADDRESS]")
        pos = where[1]
    out.append(text[pos:])
    return _CUED_STREET_NAME_RE.sub(r"\g<cue>[ADDRESS]", _GLUED_TO_ADDRESS_RE.sub("[ADDRESS]", "".join(out)))


# A word glued to an address by a hyphen is part of it: "көктем-[ADDRESS]" (Көктем-3 мкр).
_GLUED_TO_ADDRESS_RE = re.compile(f"(?<![{_UP}{_LO}])[{_UP}{_LO}]+-\\[ADDRESS\\]")
# A street name in lower case between an address cue and the rest of the address: "по адресу
# мустафина [ADDRESS]".
_CUED_STREET_NAME_RE = re.compile(
    f"(?P<cue>(?i:адресу|адрес:|address:|address is|мекенжайы?:?)[ \t]+)[{_LO}]+[ \t]+\\[ADDRESS\\]"
)


def _address_part(text: str, tokens: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The address inside a run of address-like pieces: from the first settlement or street piece
    (leading words before a connector, pronouns and names are no address) to the last one; None
    if it holds no number."""
    tokens = _split_at_stop_words(text, tokens)
    if not tokens:
        return None
    words = [text[a:b] for a, b in tokens]
    for i, word in enumerate(words):  # "Вчера на Рыскулова 140/7": drop "Вчера на"
        if _CONNECTOR_RE.fullmatch(word) and not any(_DIGIT_RE.search(w) or _STREET_RE.search(w) for w in words[:i]):
            tokens, words = tokens[i + 1 :], words[i + 1 :]
            break
    for i, word in enumerate(words[1:-1], start=1):  # "Лермонтова 9, и с 1 декабря": "и" ends the address
        if word.casefold() in ("и", "and") and not words[i + 1][0].isupper() and any(map(_DIGIT_RE.search, words[:i])):
            tokens, words = tokens[:i], words[:i]
            break
    while words and (words[0] == "[NAME]" or _CONNECTOR_RE.fullmatch(words[0])):
        tokens, words = tokens[1:], words[1:]
    while words and (_CONNECTOR_RE.fullmatch(words[-1]) or words[-1] == "[NAME]"):
        tokens, words = tokens[:-1], words[:-1]
    if not tokens or not any(_DIGIT_RE.search(w) for w in words):
        return None
    return tokens[0][0], tokens[-1][1]


def _split_at_stop_words(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the stretch of tokens after the last stop word that precedes a number ("Мен Ақтау қ.,
    52-үй" -> "Ақтау қ., 52-үй"), and before the first stop word after it."""
    stops = [i for i, (a, b) in enumerate(tokens) if text[a:b].casefold().rstrip(".") in _STOP_WORDS]
    if not stops:
        return tokens
    digits = [i for i, (a, b) in enumerate(tokens) if _DIGIT_RE.search(text[a:b])]
    if not digits:
        return []
    first = max([s for s in stops if s < digits[0]], default=-1) + 1
    last = min([s for s in stops if s > digits[0]], default=len(tokens))
    return tokens[first:last]


def _lives_there(text: str, memo: list[bool]) -> bool:
    if not memo:
        memo.append(_RESIDENCE_HINT_RE.search(text) is not None)
    return memo[0]


def _is_home(text: str, start: int, end: int, resident: list[bool]) -> bool:
    span = text[start:end]
    if "[ADDRESS]" in span:
        return True  # a cue rule found it; the run adds the settlement and the rest of the street
    before = text[max(0, start - 60) : start].rstrip(" \t(,—-")
    if _after_institution(_CLAUSE_END_RE.split(before)[-1][-40:]):
        return False
    named = bool(_STREET_RE.search(span) or re.search(f"[{_UP}][{_LO}]", span))
    if not named:
        return False
    if _FLAT_NUMBER_RE.search(span):
        return True
    street_number = bool(_STREET_RE.search(span) and re.search("[0-9]", span)) or bool(_HOUSE_FLAT_RE.search(span))
    street_number = street_number or bool(_HOUSE_NUMBER_RE.search(span) or _HOUSE_ON_STREET_RE.search(span))
    street_number = street_number or bool(_PLACE_BEFORE_RE.search(text[:start]) and _NAME_NUMBER_RE.fullmatch(span))
    if _HOUSE_FLAT_RE.search(span.replace("№", "")) and "№" not in span and not _looks_like_date_or_code(span):
        return True
    return street_number and _lives_there(text, resident)


def _after_institution(clause: str) -> bool:
    """An institution opens the clause before the address and no living follows it ("ЦОН (ул. Абая
    91)" is the ЦОН's; "школы-лицея №165, хотя мы живем рядом: мкр Жулдыз-2" is the writer's)."""
    institution = None
    for institution in _INSTITUTION_RE.finditer(clause):
        pass
    return institution is not None and _RESIDENCE_HINT_RE.search(clause, institution.end()) is None


def _looks_like_date_or_code(span: str) -> bool:
    """"2024-2025", "09:00-18:00" and "ЖТ-2026-001" are no house-flat numbers."""
    return bool(re.search(r"(?:19|20)[0-9]{2}\s?[/\-]\s?[0-9]|[0-9]{5,}", span))
