"""Reference tables of the synthetic world: regions, agencies, organisational units and courses.

Everything here is fixed data (no randomness), so the same agency codes and course ids exist in
every generated dataset, whatever the seed or size. The region list is the real one (17 oblasts and
the three cities of republican significance, with their 2-digit KATO codes after the 2022 reform).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    """A region of Kazakhstan with the name forms the generator needs to write agency names."""

    kato: str
    name_kk: str
    name_ru: str
    name_en: str
    gen_kk: str  # possessive genitive: "Жамбыл облысының"
    gen_ru: str  # genitive: "Жамбылской области"
    dat_ru: str  # dative after "по": "по Жамбылской области"
    centre_kk: str
    centre_ru: str
    centre_en: str
    village_kk: str | None
    village_ru: str | None
    village_en: str | None
    population_m: float  # millions, drives appeal volumes
    kk_share: float  # share of Kazakh-language appeals before calibration
    rural_share: float  # share of applicants living in villages

    @property
    def is_city(self) -> bool:
        return self.village_kk is None


def _region(kato, kk, ru, en, gen_kk, gen_ru, dat_ru, centre, village, pop, kk_share, rural):
    return Region(kato, kk, ru, en, gen_kk, gen_ru, dat_ru, *centre, *(village or (None,) * 3),
                  pop, kk_share, rural)


REGIONS: tuple[Region, ...] = (
    _region("10", "Абай облысы", "область Абай", "Abai Region", "Абай облысының", "области Абай",
            "области Абай", ("Семей", "Семей", "Semey"), ("Қарауыл", "Караул", "Karaul"),
            0.61, 0.55, 0.38),
    _region("11", "Ақмола облысы", "Акмолинская область", "Akmola Region", "Ақмола облысының",
            "Акмолинской области", "Акмолинской области", ("Көкшетау", "Кокшетау", "Kokshetau"),
            ("Зеренді", "Зеренда", "Zerendi"), 0.79, 0.35, 0.52),
    _region("15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", "Ақтөбе облысының",
            "Актюбинской области", "Актюбинской области", ("Ақтөбе", "Актобе", "Aktobe"),
            ("Мәртөк", "Мартук", "Martuk"), 0.92, 0.55, 0.25),
    _region("19", "Алматы облысы", "Алматинская область", "Almaty Region", "Алматы облысының",
            "Алматинской области", "Алматинской области", ("Қонаев", "Конаев", "Konaev"),
            ("Шамалған", "Шамалган", "Shamalgan"), 1.50, 0.55, 0.60),
    _region("23", "Атырау облысы", "Атырауская область", "Atyrau Region", "Атырау облысының",
            "Атырауской области", "Атырауской области", ("Атырау", "Атырау", "Atyrau"),
            ("Махамбет", "Махамбет", "Makhambet"), 0.70, 0.70, 0.40),
    _region("27", "Батыс Қазақстан облысы", "Западно-Казахстанская область",
            "West Kazakhstan Region", "Батыс Қазақстан облысының", "Западно-Казахстанской области",
            "Западно-Казахстанской области", ("Орал", "Уральск", "Oral"),
            ("Жәнібек", "Жанибек", "Zhanibek"), 0.69, 0.50, 0.45),
    _region("31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", "Жамбыл облысының",
            "Жамбылской области", "Жамбылской области", ("Тараз", "Тараз", "Taraz"),
            ("Мерке", "Мерке", "Merke"), 1.22, 0.55, 0.55),
    _region("33", "Жетісу облысы", "область Жетісу", "Zhetysu Region", "Жетісу облысының",
            "области Жетісу", "области Жетісу", ("Талдықорған", "Талдыкорган", "Taldykorgan"),
            ("Балпық би", "Балпык би", "Balpyk Bi"), 0.70, 0.55, 0.55),
    _region("35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region",
            "Қарағанды облысының", "Карагандинской области", "Карагандинской области",
            ("Қарағанды", "Караганда", "Karaganda"), ("Ботақара", "Ботакара", "Botakara"),
            1.13, 0.30, 0.17),
    _region("39", "Қостанай облысы", "Костанайская область", "Kostanay Region",
            "Қостанай облысының", "Костанайской области", "Костанайской области",
            ("Қостанай", "Костанай", "Kostanay"), ("Затобол", "Затобольск", "Zatobolsk"),
            0.83, 0.30, 0.42),
    _region("43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region",
            "Қызылорда облысының", "Кызылординской области", "Кызылординской области",
            ("Қызылорда", "Кызылорда", "Kyzylorda"), ("Жаңақорған", "Жанакорган", "Zhanakorgan"),
            0.83, 0.80, 0.55),
    _region("47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region",
            "Маңғыстау облысының", "Мангистауской области", "Мангистауской области",
            ("Ақтау", "Актау", "Aktau"), ("Шетпе", "Шетпе", "Shetpe"), 0.78, 0.70, 0.40),
    _region("55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region",
            "Павлодар облысының", "Павлодарской области", "Павлодарской области",
            ("Павлодар", "Павлодар", "Pavlodar"), ("Ертіс", "Иртышск", "Irtyshsk"),
            0.75, 0.30, 0.30),
    _region("59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область",
            "North Kazakhstan Region", "Солтүстік Қазақстан облысының",
            "Северо-Казахстанской области", "Северо-Казахстанской области",
            ("Петропавл", "Петропавловск", "Petropavl"), ("Саумалкөл", "Саумалколь", "Saumalkol"),
            0.53, 0.25, 0.55),
    _region("61", "Түркістан облысы", "Туркестанская область", "Turkistan Region",
            "Түркістан облысының", "Туркестанской области", "Туркестанской области",
            ("Түркістан", "Туркестан", "Turkistan"), ("Шәуілдір", "Шаульдер", "Shauildir"),
            2.10, 0.75, 0.80),
    _region("62", "Ұлытау облысы", "область Ұлытау", "Ulytau Region", "Ұлытау облысының",
            "области Ұлытау", "области Ұлытау", ("Жезқазған", "Жезказган", "Zhezkazgan"),
            ("Ұлытау", "Улытау", "Ulytau"), 0.22, 0.60, 0.30),
    _region("63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область",
            "East Kazakhstan Region", "Шығыс Қазақстан облысының",
            "Восточно-Казахстанской области", "Восточно-Казахстанской области",
            ("Өскемен", "Усть-Каменогорск", "Oskemen"), ("Үлкен Нарын", "Улкен Нарын", "Ulken Naryn"),
            0.73, 0.35, 0.40),
    _region("71", "Астана қаласы", "город Астана", "Astana", "Астана қаласының", "города Астаны",
            "городу Астане", ("Астана", "Астана", "Astana"), None, 1.42, 0.50, 0.0),
    _region("75", "Алматы қаласы", "город Алматы", "Almaty", "Алматы қаласының", "города Алматы",
            "городу Алматы", ("Алматы", "Алматы", "Almaty"), None, 2.23, 0.35, 0.0),
    _region("79", "Шымкент қаласы", "город Шымкент", "Shymkent", "Шымкент қаласының",
            "города Шымкента", "городу Шымкенту", ("Шымкент", "Шымкент", "Shymkent"), None,
            1.22, 0.65, 0.0),
)

REGION_BY_KATO = {r.kato: r for r in REGIONS}

# Streets that exist in most Kazakh towns: (kk, ru, en).
STREETS: tuple[tuple[str, str, str], ...] = (
    ("Абай даңғылы", "пр. Абая", "Abai Ave"),
    ("Төле би көшесі", "ул. Толе би", "Tole Bi St"),
    ("Қабанбай батыр көшесі", "ул. Кабанбай батыра", "Kabanbay Batyr St"),
    ("Сейфуллин көшесі", "ул. Сейфуллина", "Seifullin St"),
    ("Жамбыл көшесі", "ул. Жамбыла", "Zhambyl St"),
    ("Абылай хан даңғылы", "пр. Абылай хана", "Abylai Khan Ave"),
    ("Тәуелсіздік көшесі", "ул. Тауелсиздик", "Tauelsizdik St"),
    ("Бейбітшілік көшесі", "ул. Бейбитшилик", "Beibitshilik St"),
    ("Әуезов көшесі", "ул. Ауэзова", "Auezov St"),
    ("Достық көшесі", "ул. Достык", "Dostyk St"),
    ("Гагарин көшесі", "ул. Гагарина", "Gagarin St"),
    ("Пушкин көшесі", "ул. Пушкина", "Pushkin St"),
    ("Мәметова көшесі", "ул. Маметовой", "Mametova St"),
    ("Байтұрсынұлы көшесі", "ул. Байтурсынулы", "Baitursynuly St"),
    ("Желтоқсан көшесі", "ул. Желтоксан", "Zheltoksan St"),
    ("Мектеп көшесі", "ул. Школьная", "Mektep St"),
    ("Орталық көшесі", "ул. Центральная", "Ortalyk St"),
    ("Бірлік көшесі", "ул. Бирлик", "Birlik St"),
    ("Саябақ көшесі", "ул. Парковая", "Sayabak St"),
    ("Ыбырай Алтынсарин көшесі", "ул. Ибрая Алтынсарина", "Ybyrai Altynsarin St"),
)


@dataclass(frozen=True)
class AgencyKind:
    """A kind of state body, with name patterns in three languages and its share of appeals."""

    kind: str
    prefix: str
    name_kk: str  # "{gen_kk}" placeholder
    name_ru: str  # "{gen_ru}" or "{dat_ru}"
    name_en: str  # "{en}"
    volume_weight: float
    staff_per_million: int


AGENCY_KINDS: dict[str, AgencyKind] = {k.kind: k for k in (
    AgencyKind("akimat", "AKM", "{gen_kk} әкімдігі", "Акимат {gen_ru}", "Akimat of {en}", 4.0, 260),
    AgencyKind("police", "POL", "{gen_kk} Полиция департаменті", "Департамент полиции {gen_ru}",
               "Police Department of {en}", 1.6, 2400),
    AgencyKind("public_service_centre", "PSC", "{gen_kk} халыққа қызмет көрсету орталықтары",
               "Центры обслуживания населения {gen_ru}", "Public Service Centres of {en}", 1.5, 420),
    AgencyKind("social_protection", "SOC",
               "{gen_kk} жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы",
               "Управление координации занятости и социальных программ {gen_ru}",
               "Employment and Social Programmes Department of {en}", 1.2, 90),
    AgencyKind("health", "HLT", "{gen_kk} денсаулық сақтау басқармасы",
               "Управление здравоохранения {gen_ru}", "Health Department of {en}", 1.0, 70),
    AgencyKind("education", "EDU", "{gen_kk} білім басқармасы", "Управление образования {gen_ru}",
               "Education Department of {en}", 0.9, 80),
    AgencyKind("land_relations", "LND", "{gen_kk} жер қатынастары басқармасы",
               "Управление земельных отношений {gen_ru}", "Land Relations Department of {en}",
               0.8, 40),
    AgencyKind("tax", "TAX", "{kk} бойынша Мемлекеттік кірістер департаменті",
               "Департамент государственных доходов по {dat_ru}", "State Revenue Department for {en}",
               0.7, 520),
)}

# Which kinds exist in which regions, beyond the akimat every region has. Chosen so that each planted
# gap agency has comparable agencies of the same kind elsewhere.
KINDS_BY_REGION: dict[str, tuple[str, ...]] = {
    "police": ("15", "23", "27", "31", "35", "47", "55", "71", "75", "79"),
    "public_service_centre": ("11", "19", "31", "39", "43", "61", "63", "71", "75", "79"),
    "social_protection": ("10", "35", "59", "61", "63", "71", "75", "79"),
    "health": ("35", "55", "61", "71", "75", "79"),
    "education": ("31", "43", "61", "71", "75", "79"),
    "land_relations": ("19", "31", "33", "47", "61", "71", "75", "79"),
    "tax": ("15", "23", "35", "71", "75", "79"),
}

# City akimats that sit beside their region's akimat (the region akimat keeps the rest of the volume).
CITY_AKIMATS: tuple[dict, ...] = (
    dict(code="AKM-31-TRZ", region="31", name_kk="Тараз қаласының әкімдігі",
         name_ru="Акимат города Тараз", name_en="Akimat of Taraz City", share_of_region_akimat=0.6,
         staff_count=410),
)


@dataclass(frozen=True)
class Agency:
    code: str
    kind: str
    region_kato: str
    name_kk: str
    name_ru: str
    name_en: str
    staff_count: int
    volume_weight: float


def _regional_agency(kind: AgencyKind, region: Region) -> Agency:
    names = dict(gen_kk=region.gen_kk, gen_ru=region.gen_ru, dat_ru=region.dat_ru,
                 en=region.name_en, kk=region.name_kk)
    staff = max(25, round(kind.staff_per_million * region.population_m / 5) * 5)
    return Agency(
        code=f"{kind.prefix}-{region.kato}", kind=kind.kind, region_kato=region.kato,
        name_kk=kind.name_kk.format(**names), name_ru=kind.name_ru.format(**names),
        name_en=kind.name_en.format(**names), staff_count=staff,
        volume_weight=kind.volume_weight * region.population_m,
    )


def build_agencies() -> tuple[Agency, ...]:
    """The fixed list of agencies: every region's akimat, the listed city akimats, and the
    departments of other kinds in the regions of ``KINDS_BY_REGION``, ordered by code."""
    agencies = {}
    for region in REGIONS:
        agencies[f"AKM-{region.kato}"] = _regional_agency(AGENCY_KINDS["akimat"], region)
    for kind_name, katos in KINDS_BY_REGION.items():
        for kato in katos:
            agency = _regional_agency(AGENCY_KINDS[kind_name], REGION_BY_KATO[kato])
            agencies[agency.code] = agency
    for city in CITY_AKIMATS:
        region_akimat = agencies[f"AKM-{city['region']}"]
        share = city["share_of_region_akimat"]
        agencies[city["code"]] = Agency(
            code=city["code"], kind="akimat", region_kato=city["region"], name_kk=city["name_kk"],
            name_ru=city["name_ru"], name_en=city["name_en"], staff_count=city["staff_count"],
            volume_weight=region_akimat.volume_weight * share)
        agencies[region_akimat.code] = Agency(**{**region_akimat.__dict__,
                                                 "volume_weight": region_akimat.volume_weight * (1 - share)})
    return tuple(agencies[code] for code in sorted(agencies))


# Organisational units rated in the 360-degree survey, per agency kind (Russian, as in org charts).
UNITS_BY_KIND: dict[str, tuple[str, ...]] = {
    "akimat": ("Отдел обращений", "Отдел ЖКХ", "Отдел строительства", "Аппарат акима"),
    "police": ("Участковая служба", "Дежурная часть", "Административная полиция", "Миграционная служба"),
    "public_service_centre": ("Фронт-офис", "Отдел недвижимости", "Отдел регистрации", "Бэк-офис"),
    "social_protection": ("Отдел пособий", "Отдел занятости", "Отдел по делам инвалидов"),
    "health": ("Отдел лекарственного обеспечения", "Отдел медпомощи", "Отдел обращений"),
    "education": ("Отдел дошкольного образования", "Отдел школ", "Отдел инклюзивного образования"),
    "land_relations": ("Отдел предоставления участков", "Отдел землеустройства", "Отдел земельного контроля"),
    "tax": ("Отдел приёма отчётности", "Отдел работы с налогоплательщиками", "Отдел администрирования"),
}


@dataclass(frozen=True)
class Course:
    course_id: str
    title_en: str
    title_ru: str
    title_kk: str
    areas: tuple[str, ...]
    duration_hours: int
    cost_per_seat_kzt: int
    max_seats: int
    provider: str


_APA = "Academy of Public Administration under the President of the Republic of Kazakhstan"
_ACSA = "Regional centre of the Agency for Civil Service Affairs"
_ACA = "Anti-Corruption Agency training centre"
_GFC = "Government for Citizens State Corporation academy"
_NGO = "Independent trainers (NGO consortium)"

COURSES: tuple[Course, ...] = (
    Course("C01", "Inclusive leadership", "Инклюзивное лидерство", "Инклюзивті көшбасшылық",
           ("leadership", "inclusiveness"), 24, 96000, 30, _APA),
    Course("C02", "Intercultural communication in public service",
           "Межкультурная коммуникация на госслужбе", "Мемлекеттік қызметтегі мәдениетаралық коммуникация",
           ("cultural_sensitivity", "communication"), 16, 64000, 30, _APA),
    Course("C03", "Digital literacy for civil servants", "Цифровая грамотность госслужащих",
           "Мемлекеттік қызметшілердің цифрлық сауаттылығы", ("digital_service",), 20, 40000, 40, _ACSA),
    Course("C04", "Anti-corruption standards and integrity", "Антикоррупционные стандарты и добросовестность",
           "Сыбайлас жемқорлыққа қарсы стандарттар және адалдық", ("anti_corruption", "ethics_integrity"),
           12, 30000, 50, _ACA),
    Course("C05", "Customer service and communication with citizens",
           "Клиентоориентированность и коммуникация с гражданами",
           "Клиентке бағдарлану және азаматтармен коммуникация", ("communication", "responsiveness"),
           16, 48000, 35, _GFC),
    Course("C06", "Legal literacy: the Administrative Procedural Code",
           "Правовая грамотность: Административный процедурно-процессуальный кодекс",
           "Құқықтық сауаттылық: Әкімшілік рәсімдік-процестік кодекс", ("legality", "responsiveness"),
           18, 54000, 40, _APA),
    Course("C07", "Handling citizens' appeals: deadlines and substantive answers",
           "Работа с обращениями граждан: сроки и ответы по существу",
           "Азаматтардың өтініштерімен жұмыс: мерзімдер және мәні бойынша жауаптар",
           ("responsiveness", "professional_competence"), 12, 36000, 40, _ACSA),
    Course("C08", "Accessible services for persons with disabilities",
           "Доступные услуги для людей с инвалидностью", "Мүгедектігі бар адамдарға қолжетімді қызметтер",
           ("inclusiveness",), 12, 42000, 25, _NGO),
    Course("C09", "Interagency coordination and case management",
           "Межведомственное взаимодействие и ведение дел", "Ведомствоаралық өзара іс-қимыл және істерді жүргізу",
           ("interagency_cooperation", "digital_service"), 16, 48000, 30, _ACSA),
    Course("C10", "Public participation and hearings", "Участие граждан и публичные слушания",
           "Азаматтардың қатысуы және қоғамдық тыңдаулар", ("citizen_engagement",), 12, 36000, 30, _APA),
    Course("C11", "Ethics of public service", "Этика государственной службы", "Мемлекеттік қызмет әдебі",
           ("ethics_integrity",), 8, 20000, 60, _ACSA),
    Course("C12", "Conflict de-escalation for front-line staff",
           "Деэскалация конфликтов для сотрудников первой линии",
           "Алдыңғы шептегі қызметкерлерге арналған жанжалды бәсеңдету",
           ("communication", "ethics_integrity"), 16, 56000, 25, _NGO),
    Course("C13", "Change leadership and strategic thinking",
           "Лидерство в изменениях и стратегическое мышление", "Өзгерістердегі көшбасшылық және стратегиялық ойлау",
           ("leadership",), 24, 110000, 20, _APA),
    Course("C14", "The state language in public service", "Государственный язык на госслужбе",
           "Мемлекеттік қызметтегі мемлекеттік тіл", ("communication", "cultural_sensitivity"),
           40, 60000, 20, _ACSA),
    Course("C15", "Data-driven management and risk", "Управление на основе данных и рисков",
           "Деректер мен тәуекелдерге негізделген басқару", ("professional_competence", "leadership"),
           20, 80000, 25, _APA),
    Course("C16", "Sign language basics for front-office staff",
           "Основы жестового языка для сотрудников фронт-офиса",
           "Фронт-офис қызметкерлеріне арналған ымдау тілінің негіздері",
           ("inclusiveness", "communication"), 24, 50000, 15, _NGO),
)

COURSE_BY_ID = {c.course_id: c for c in COURSES}

AREAS: tuple[str, ...] = (
    "responsiveness", "communication", "ethics_integrity", "anti_corruption", "inclusiveness",
    "cultural_sensitivity", "legality", "digital_service", "interagency_cooperation",
    "citizen_engagement", "professional_competence", "leadership",
)
