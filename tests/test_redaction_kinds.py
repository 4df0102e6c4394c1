"""Per-kind tests of the kinds added for issue 10 (documents, plates, dates of birth, names
without cues, Kazakh home addresses with the cue after) and the attack view; plus the
redaction corpus (tests/redaction_corpus) with its measured floors.

Decisions these tests pin down (docs/redaction.md explains them):
* a street named as the place of a problem stays; the house part of a home address (a
  residence cue before or after it) goes as one [ADDRESS] with its street, a flat number always;
* a date is a date of birth only next to a birth cue; dates of events stay;
* obfuscated e-mails ("name at mail dot kz") are redacted as [EMAIL].
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

from ingestion.redact import redact_series, redact_text
from tests.conftest import shared_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import redaction_quality as quality  # noqa: E402

DOCUMENT_CASES = [
    ("Паспорт серии 45 09 771234 выдан ОВД", "Паспорт [DOCUMENT] выдан ОВД"),  # "серии" goes with the number
    ("паспорт 4510 123456, выдан УФМС", "паспорт [DOCUMENT], выдан УФМС"),
    ("удостоверение личности № 041234567 утеряно", "удостоверение личности № [DOCUMENT] утеряно"),
    ("Жеке куәлік нөмірі 038765432", "Жеке куәлік нөмірі [DOCUMENT]"),
    ("Төлқұжат N12345678 мерзімі өтті", "Төлқұжат [DOCUMENT] мерзімі өтті"),
    ("My passport number is N09876543.", "My passport number is [DOCUMENT]."),
    ("My ID card no. 041876234 was stolen", "My ID card no. [DOCUMENT] was stolen"),
    ("Водительское удостоверение AB 123456 утеряно", "Водительское удостоверение [DOCUMENT] утеряно"),
    ("Свидетельство о рождении II-МЮ № 123456", "Свидетельство о рождении [DOCUMENT]"),
    ("Ықтиярхат нөмірі 123456789", "Ықтиярхат нөмірі [DOCUMENT]"),
    ("My residence permit 0123456 expired", "My residence permit [DOCUMENT] expired"),
    ("ID card number 034567891 expired", "ID card number [DOCUMENT] expired"),
    # nine digits without a cue: an appeal or a register number, it stays
    ("обращение 041234567 зарегистрировано", "обращение 041234567 зарегистрировано"),
    ("паспорт дали через 15 дней", "паспорт дали через 15 дней"),
]

PLATE_CASES = [
    ("машина 777 ADK 02 стоит на газоне", "машина [PLATE] стоит на газоне"),
    ("Көлігім 123ABC02 эвакуаторға алынды", "Көлігім [PLATE] эвакуаторға алынды"),
    ("car 852 BNM 02 parks here", "car [PLATE] parks here"),
    ("госномер B 567 KLM", "госномер [PLATE]"),
    ("номер А 123 ВС 77 (Россия)", "номер [PLATE] (Россия)"),
    # counts and distances in capitals-free text stay
    ("300 км 15 минут ехать", "300 км 15 минут ехать"),
    ("статья 76 АППК", "статья 76 АППК"),
]

BIRTHDATE_CASES = [
    ("Дата рождения: 03.09.1988, прошу", "Дата рождения: [BIRTHDATE], прошу"),
    ("мать (14.02.1941 г.р.) не получает", "мать ([BIRTHDATE] г.р.) не получает"),
    ("Соколов 1985 г.р. не получил", "[NAME] [BIRTHDATE] г.р. не получил"),
    ("Туған күнім 1979 жылғы 5 наурыз", "Туған күнім [BIRTHDATE]"),
    ("Ұлым 2015 жылы туған", "Ұлым [BIRTHDATE] жылы туған"),
    ("I was born on 7 July 1962 and", "I was born on [BIRTHDATE] and"),
    ("Date of birth: 1990-11-23.", "Date of birth: [BIRTHDATE]."),
    ("Ол 1985 жылы туылған", "Ол [BIRTHDATE] жылы туылған"),
    ("анам Айгүл Сейітова, 03.05.1951 ж.т.", "анам [NAME], [BIRTHDATE] ж.т."),
    ("My father Arman Sadykov (02.08.1955) lives alone", "My father [NAME] ([BIRTHDATE]) lives alone"),
    ("Обращение Иванова от 12.03.2024, ответа нет", "Обращение [NAME] от 12.03.2024, ответа нет"),
    # dates of events stay
    ("Обращение от 12.03.2024 не рассмотрено", "Обращение от 12.03.2024 не рассмотрено"),
    ("2024 жылғы 3 мамырда өтініш бердім", "2024 жылғы 3 мамырда өтініш бердім"),
    ("I wrote on 4 April 2024", "I wrote on 4 April 2024"),
]

NAME_WITHOUT_CUE_CASES = [
    ("Прошу наказать участкового Сидоренко, он", "Прошу наказать участкового [NAME], он"),
    ("Гражданин Петренко Виктор угрожал соседям", "Гражданин [NAME] угрожал соседям"),
    ("Учаскелік инспектор Қасымов Бауыржан келмеді", "Учаскелік инспектор [NAME] келмеді"),
    ("Officer Daniel Walsh refused", "Officer [NAME] refused"),
    ("Contact Michael O'Brien at the school", "Contact [NAME] at the school"),
    # places and agencies stay
    ("Абай көшесіндегі шұңқыр жөнделмеді", "Абай көшесіндегі шұңқыр жөнделмеді"),
    ("Акимат района Байконур не вывозит мусор", "Акимат района Байконур не вывозит мусор"),
    ("Ремонт на улице Сатпаева обещали", "Ремонт на улице Сатпаева обещали"),
    # places and institutions named after people, in their case forms (round 5)
    ("Тәуке хан даңғылында жол жөндеу басталды", "Тәуке хан даңғылында жол жөндеу басталды"),
    ("Інім Арман Сәтбаев университетінің жатақханасында тұрады", "Інім [NAME] Сәтбаев университетінің жатақханасында тұрады"),
    ("Ұлым Дамир мектепке бара алмай жүр.", "Ұлым [NAME] мектепке бара алмай жүр."),
    ("дорога на ул. Момышулы от Рыскулова до Райымбека", "дорога на ул. Момышулы от Рыскулова до Райымбека"),
    ("В Назарбаев Университете день открытых дверей", "В Назарбаев Университете день открытых дверей"),
    ("Dear Akim, thank you for the playground", "Dear Akim, thank you for the playground"),
    # the writer introducing themself, in any case (round 5)
    ("сәлем, мен ербол, су жоқ", "сәлем, мен [NAME], су жоқ"),
    ("Здравствуйте, я Нуржан, во дворе темно", "Здравствуйте, я [NAME], во дворе темно"),
    # a known given name opening a sentence (not the text: the word-list gate needs a word before it)
    ("Трубу не починили. Ермек сказал что придет", "Трубу не починили. [NAME] сказал что придет"),
    ("Абай көшесінде жарық жоқ. Абай даңғылы да қараңғы", "Абай көшесінде жарық жоқ. Абай даңғылы да қараңғы"),
    ("Nobody from the Ministry of Health answered", "Nobody from the Ministry of Health answered"),
]

KAZAKH_HOME_CASES = [
    ("Абай көшесі, 45 үй, 12 пәтер мекенжайында тұрамын.", "[ADDRESS] мекенжайында тұрамын."),
    ("Сарыарқа көшесі, 5 үй, 33 пәтер мекенжайы бойынша тұрамын",
     "[ADDRESS] мекенжайы бойынша тұрамын"),
    ("Қабанбай батыр даңғылы, 7 үйде тұрамын", "[ADDRESS] тұрамын"),
    ("Жамбыл көшесі 8 үй, 21 пәтерде жылу жоқ", "[ADDRESS] жылу жоқ"),  # house and flat: a dwelling
    # the place of a problem stays
    ("Яссауи көшесі 14 үйдің алдындағы шам жанбай тұр", "Яссауи көшесі 14 үйдің алдындағы шам жанбай тұр"),
]

# Home-address cues before the address (ru, kk, en) and after it (kk): street, house and flat
# go as one [ADDRESS]; the settlement stays, and so does a street named as a problem's place.
RESIDENCE_CASES = [
    ("Живу в доме по адресу ул. Сейфуллина 34, кв. 8, соседи шумят.", "Живу в доме по адресу [ADDRESS], соседи шумят."),
    ("Прописан по адресу Абая, 12", "Прописан по адресу [ADDRESS]"),
    ("Прописана по адресу: г. Шымкент, мкр Нурсат, дом 5, кв 77", "Прописана по адресу: [ADDRESS]"),
    ("Зарегистрирована по адресу ул. Толе би 45, но", "Зарегистрирована по адресу [ADDRESS], но"),
    ("Мой домашний адрес: ул. Жандосова 58, кв. 14.", "Мой домашний адрес: [ADDRESS]."),
    ("Адрес проживания: пр. Республики 9-12", "Адрес проживания: [ADDRESS]"),
    ("Адрес регистрации: г. Астана, ул. Кенесары 40", "Адрес регистрации: [ADDRESS]"),
    ("по месту жительства: ул. Абая 150, кв. 3", "по месту жительства: [ADDRESS]"),
    ("Я проживаю в г. Алматы на ул. Розыбакиева 100, кв. 5, прошу", "Я проживаю в [ADDRESS], прошу"),
    ("Живу в доме 5 по улице Абая, крыша течёт.", "Живу в [ADDRESS], крыша течёт."),
    ("Абай көшесі 45-те тұрамын, жарық жоқ.", "[ADDRESS] тұрамын, жарық жоқ."),
    ("Мен Сарыарқа көшесі 5 үйде тұрамын.", "Мен [ADDRESS] тұрамын."),
    ("Үйім Жетісу шағын ауданы, 12 үй, 40 пәтер.", "Үйім [ADDRESS]."),
    ("Тіркелген мекенжайым: Қарағанды қаласы, Бұқар жырау даңғылы 33", "Тіркелген мекенжайым: [ADDRESS]"),
    ("Мекенжайым Абай 10, 5 пәтер", "Мекенжайым [ADDRESS]"),  # "Абай" here is a street, not a person
    ("Төле би көшесі 22 үй, 3 пәтерде тұрамын.", "[ADDRESS] тұрамын."),
    ("I reside at house 9, Elm Street, Springfield.", "I reside at [ADDRESS]."),
    ("My home address is 14 Oak Lane, Springfield.", "My home address is [ADDRESS]."),
    ("I am residing at 221B Baker Street, flat 2.", "I am residing at [ADDRESS]."),
    ("I am registered at 5 Main Street, apt 3.", "I am registered at [ADDRESS]."),
    ("Home address: 77 Pine Road.", "Home address: [ADDRESS]."),
    # a verb of residence without a street or house word, a count of years, a problem's place: they stay
    ("Живу в Алматы 5 лет, жалоба на акимат.", "Живу в Алматы 5 лет, жалоба на акимат."),
    ("Обращение зарегистрировано 12.03.2024 под номером 55.", "Обращение зарегистрировано 12.03.2024 под номером 55."),
    ("Прошу направить ответ по месту жительства.", "Прошу направить ответ по месту жительства."),
    ("Алматыда 5 жыл тұрамын.", "Алматыда 5 жыл тұрамын."),
    ("Яма на ул. Абая 12 не заделана.", "Яма на ул. Абая 12 не заделана."),
    ("There is a pothole on Elm Street near house 12.", "There is a pothole on Elm Street near house 12."),
    ("The complaint was registered at 10 am on Monday.", "The complaint was registered at 10 am on Monday."),
    ("I live in Almaty for 5 years.", "I live in Almaty for 5 years."),
]

# Home addresses without a residence cue the rules list: the address itself says it is a home (a
# house-flat number, a flat or house word) or the text speaks of living there; the settlement goes
# with it. Institution addresses, law articles, appeal numbers, phones and problem places stay.
HOME_ADDRESS_WITHOUT_CUE_CASES = [
    ("Семей, Абай көшесі 12-4. Жылу жоқ.", "[ADDRESS]. Жылу жоқ."),
    ("Адрес: Ауэзов 205, 17, жарық жоқ", "Адрес: [ADDRESS], жарық жоқ"),
    ("Вчера на Рыскулова 10 у моего подъезда сбили собаку.", "Вчера на [ADDRESS] у моего подъезда сбили собаку."),
    ("salem, men Nursat mkr 12 uy 5 pater turamyn", "salem, men [ADDRESS] turamyn"),
    ("hi, no water in our building, Samal-1 microdistrict, building 5, flat 9.", "hi, no water in our [ADDRESS]."),
    ("We live on Oak street 14 and the lights are out.", "We live on [ADDRESS] and the lights are out."),
    ("Біз Жамбыл ауылы, Абай көшесі 3 мекенжайында тұрамыз.", "Біз [ADDRESS] мекенжайында тұрамыз."),
    ("Атырау облысы, Мақат ауданы, 5 үй, 2 пәтер, газ жоқ", "[ADDRESS], газ жоқ"),
    ("ЦОН Алмалинского района (ул. Абылай хана 91) закрыт", "ЦОН Алмалинского района (ул. Абылай хана 91) закрыт"),
    ("ХҚКО-ның (Сарыарқа даңғылы 12) кестесі өзгерді ме?", "ХҚКО-ның (Сарыарқа даңғылы 12) кестесі өзгерді ме?"),
    ("The school at Abay street 12 needs repair, I live nearby.",
     "The school at Abay street 12 needs repair, I live nearby."),
    ("Звоните 8-777-888-99-00 после 6", "Звоните [PHONE] после 6"),
    ("Статья 76, 12 пункт", "Статья 76, 12 пункт"),
    ("Обращение № 3-24/1187 от 5 июня", "Обращение № 3-24/1187 от 5 июня"),
    ("Яма на Абая 12 не заделана.", "Яма на Абая 12 не заделана."),
    # a house or building number without a flat and without a residence word: the place of a problem
    ("Мусор в 12 парадной по ул. Варшавская д. 29/1. Просьба убрать.",
     "Мусор в 12 парадной по ул. Варшавская д. 29/1. Просьба убрать."),
    ("Яма у дома 12 по ул. Абая не заделана.", "Яма у дома 12 по ул. Абая не заделана."),
    ("Графити на стене паркинга, ул. Абая 64/1.", "Графити на стене паркинга, ул. Абая 64/1."),
    # ... and with one, a home
    ("Живём в доме 12 по ул. Абая, крыша течёт.", "Живём в [ADDRESS], крыша течёт."),
    ("Остановка на ул. Сейфуллина угол Макатаева разбита", "Остановка на ул. Сейфуллина угол Макатаева разбита"),
    ("Абай мен Жамбыл көшелерінің қиылысында бағдаршам жоқ", "Абай мен Жамбыл көшелерінің қиылысында бағдаршам жоқ"),
]

# Lone Kazakh given names inside a sentence, from the whole KazNERD sample (one-word mentions too).
KAZAKH_GIVEN_NAME_CASES = [
    ("Ұлым Дамир мектепке бара алмай жүр.", "Ұлым [NAME] мектепке бара алмай жүр."),
    ("Қызым Салтанатқа дәрі берілмеді.", "Қызым [NAME] дәрі берілмеді."),
    ("мейірбике Меруерт ғана көмектесті", "мейірбике [NAME] ғана көмектесті"),
]

ATTACK_CASES = [
    ("Заявитель Ivanov Petr просит", "Заявитель [NAME] просит"),  # Latin script
    ("Пишет вам ИВАНОВА МАРИНА, прошу", "Пишет вам [NAME], прошу"),  # all caps
    ("SARAH MILLER complained twice", "[NAME] complained twice"),
    ("подписал А.Б. Ким, но", "подписал [NAME], но"),  # initials first (a capitalised verb before them is swallowed: known)
    ("маман Болат Нұрланұлы көмектеспеді", "маман [NAME] көмектеспеді"),  # -ұлы
    ("дәрігер Айжан Мұратқызы қабылдамады", "дәрігер [NAME] қабылдамады"),  # -қызы
    ("Врач «Петрова Анна» отказала", "Врач «[NAME]» отказала"),  # in quotes
    ("тел 8 701 111 22 33", "тел [PHONE]"),
    ("+7-747-555-66-77 или 8(727)2505050", "[PHONE] или [PHONE]"),
    ("Почта aigul at mail dot kz, ответ", "Почта [EMAIL], ответ"),
    ("Email me: john.smith (at) gmail (dot) com.", "Email me: [EMAIL]."),
    ("ivan собака mail точка ru", "[EMAIL]"),
    ("meet at school at nine", "meet at school at nine"),
]

NEW_CASES = (DOCUMENT_CASES + PLATE_CASES + BIRTHDATE_CASES + NAME_WITHOUT_CUE_CASES + KAZAKH_HOME_CASES
             + RESIDENCE_CASES + HOME_ADDRESS_WITHOUT_CUE_CASES + KAZAKH_GIVEN_NAME_CASES + ATTACK_CASES)


@pytest.mark.parametrize(("text", "expected"), DOCUMENT_CASES)
def test_documents(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), PLATE_CASES)
def test_plates(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), BIRTHDATE_CASES)
def test_birthdates(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), NAME_WITHOUT_CUE_CASES)
def test_names_without_cue(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), KAZAKH_HOME_CASES)
def test_kazakh_home_address(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), RESIDENCE_CASES)
def test_home_address_cues(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), HOME_ADDRESS_WITHOUT_CUE_CASES)
def test_home_address_without_cue(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), KAZAKH_GIVEN_NAME_CASES)
def test_lone_kazakh_given_names(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_kazakh_name_list_is_built_from_the_whole_kaznerd_sample() -> None:
    """The committed list is what scripts/build_kk_names.py makes of all the sample's sentences."""
    import build_kk_names

    sample = shared_data("kaznerd-sample", "IOB2_test_first4000sent.txt")
    sentences = build_kk_names.read_sentences(sample, sys.maxsize)
    committed = {line for line in build_kk_names.OUT.read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#")}
    assert len(sentences) == 4000
    assert committed == build_kk_names.given_names(sentences)
    assert {"светлана", "дамир", "салтанат"} <= committed  # one-word mentions, without case endings
    assert not committed & {"роза", "надежда", "құдай", "ақшақарлар"}  # not_names.txt and plurals


@pytest.mark.parametrize(("text", "expected"), ATTACK_CASES)
def test_attacks(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_series_equals_text_on_new_cases_and_corpus() -> None:
    texts = [t for t, _ in NEW_CASES] + [s.text for split in SPLITS for s in quality.load(split)]
    assert redact_series(pl.Series(texts)).to_list() == [redact_text(t) for t in texts]


def test_idempotent_on_new_cases() -> None:
    for text, _ in NEW_CASES:
        once = redact_text(text)
        assert redact_text(once) == once


SPLITS = ("tune", "tune_b", "tune_c", "heldout", "heldout_b", "heldout_c", "heldout_d", "heldout_e")
# Floors per split: the tuning part must pass fully; the held-out parts at what was
# measured (docs/redaction.md), so a regression fails. Keys: kind -> minimum recall.
STRICT = {k: 1.0 for k in ("IIN", "BIN", "PHONE", "EMAIL", "CARD", "IBAN", "DOCUMENT", "PLATE", "BIRTHDATE", "NAME")}
FLOORS = {
    "tune": {**STRICT, "ADDRESS": 1.0, "ADDRESS numbers": 1.0},
    "heldout": {**STRICT, "ADDRESS": 1.0, "ADDRESS numbers": 1.0},
    "heldout_b": {**STRICT, "ADDRESS": 1.0, "ADDRESS numbers": 1.0, "NAME": 7 / 8},
    # tuned on for the address round; its other kinds at what was measured before that round
    "tune_b": {**STRICT, "ADDRESS": 104 / 107, "ADDRESS numbers": 104 / 107},
    # tuned on in round 5 (names and home addresses, written blind); floors at what was measured after it
    "tune_c": {**STRICT, "NAME": 132 / 138, "ADDRESS": 53 / 55, "ADDRESS numbers": 53 / 55},
    # tuned on in round 4 (names and addresses); floors at what was measured after it
    "heldout_c": {**STRICT, "ADDRESS": 28 / 29, "ADDRESS numbers": 1.0, "CARD": 1 / 2},
    "heldout_d": {**STRICT, "ADDRESS": 42 / 46, "ADDRESS numbers": 43 / 46},
    # written blind and never tuned on: measured once after round 5 (docs/redaction.md); a floor, so a
    # regression fails, and the next round must tune on it no more than on any part it has read
    "heldout_e": {**STRICT, "NAME": 54 / 61, "ADDRESS": 27 / 35, "ADDRESS numbers": 28 / 35, "DOCUMENT": 7 / 8,
                  "BIRTHDATE": 8 / 9},
}
# Must-stay items known to be damaged, by split: "Алматы Тазалық" (a company) is a person to the
# Russian name model. Listed so that any other damage fails.
# In tune_c the city before a home address ("Мен Ақтау қаласы, 12 шағын аудан, 5 үй, 40 пәтерде тұрамын")
# is marked to stay, where every other part counts it in the address: the rules follow the other parts
# (a settlement next to a street goes with it, docs/redaction.md), so these two stay listed.
# In heldout_e a mausoleum named after a person ("Түркістан Қожа Ахмет Ясауи кесенесінің маңындағы") is
# taken for a name, which also changes a text that holds no personal data.
KNOWN_DAMAGE = {"tune_b": ["Алматы Тазалық"], "tune_c": ["Балқаш", "Ақтау"],
                "heldout_e": ["Түркістан", "Қожа Ахмет Ясауи кесенесінің", "(whole text)"]}
# Texts without personal data that come out changed, by split (every other split: none).
CHANGED_CLEAN_TEXTS = {"heldout_e": 1}
# Parts centred on some kinds only: the kinds each must hold at least.
REQUIRED_KINDS = {"tune_c": {"NAME", "ADDRESS"}}
# heldout_c and heldout_d were tuned on in round 4: they are floors now; a new blind part is the honest
# measure (docs/redaction.md).


@pytest.mark.parametrize("split", SPLITS)
def test_corpus_recall_and_nothing_destroyed(split: str) -> None:
    samples = quality.load(split)
    assert len(samples) >= 30
    result = quality.evaluate(samples, [redact_text(s.text) or "" for s in samples])
    kinds = {k for k, _ in result["found"]}
    assert REQUIRED_KINDS.get(split, {"NAME", "ADDRESS", "PHONE", "DOCUMENT", "PLATE", "BIRTHDATE"}) <= kinds
    for kind in kinds:
        hit = sum(h for (k, _), (h, _n) in result["found"].items() if k == kind)
        total = sum(n for (k, _), (_h, n) in result["found"].items() if k == kind)
        assert hit / total >= FLOORS[split][kind], (kind, hit, total, result["misses"])
    assert [value for value, _ in result["damaged"]] == KNOWN_DAMAGE.get(split, []), result["damaged"]
    assert result["clean"][1] > 0 and result["clean"][1] - result["clean"][0] == CHANGED_CLEAN_TEXTS.get(split, 0)


def test_quality_evaluator_counts_token_letters_as_gone() -> None:
    """The evaluator itself: '[PLATE]' shares letters with 'ADK'; they must not count as survivors."""
    sample = quality.parse_line("ru", "машина [[PLATE:777 ADK 02]] и {{статья 76}}")
    assert sample.text == "машина 777 ADK 02 и статья 76"
    caught = quality.evaluate([sample], ["машина [PLATE] и статья 76"])
    missed = quality.evaluate([sample], ["машина 777 [PLATE] и статья"])
    assert caught["found"][("PLATE", "ru")] == [1, 1] and caught["keeps"] == [1, 1]
    assert missed["found"][("PLATE", "ru")] == [0, 1] and missed["keeps"] == [0, 1]
