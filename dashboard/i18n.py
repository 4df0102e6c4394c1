"""Every string of the interface, in Kazakh, Russian and English; competency names from the taxonomy.

Why one table: a test checks that every key has all three languages and that the pages use no
key it lacks, so a new string cannot ship in one language only. Pages added later (the planners'
issue) may keep their own strings in their file and register them with :func:`add_strings`;
the same checks apply.

Values of the data (appeal types, polarities, languages, channels) are translated through
:func:`value_name`; names of agencies and regions come from the warehouse (``dim_agencies``,
``dim_regions``), names of competency areas from :mod:`warehouse.taxonomy`.
"""

from __future__ import annotations

from warehouse.taxonomy import area as taxonomy_area

LANGUAGES = ("kk", "ru", "en")
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "kk"
SESSION_KEY = "lang"


def _s(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


STRINGS: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- frame
    "app.title": _s("Тыңдау", "Тыңдау", "Tyndau"),
    "app.tagline": _s("«Еститін мемлекет» талдауы", "Аналитика «Слышащего государства»",
                      "“Listening State” analytics"),
    "app.language": _s("Тіл", "Язык", "Language"),
    "section.monitoring": _s("Мониторинг", "Мониторинг", "Monitoring"),
    "section.themes": _s("Тақырыптар мен мәтіндер", "Темы и тексты", "Themes and texts"),
    "section.admin": _s("Деректер", "Данные", "Data"),
    "page.overview": _s("Шолу", "Обзор", "Overview"),
    "page.responsiveness": _s("Жедел жауап беру", "Оперативность ответов", "Responsiveness"),
    "page.themes": _s("Тақырыптар", "Темы", "Themes"),
    "page.search": _s("Мәтіндерден іздеу", "Поиск по текстам", "Search texts"),
    "page.review": _s("Белгілерді тексеру", "Проверка меток", "Review labels"),
    "page.data_quality": _s("Деректер сапасы", "Качество данных", "Data quality"),
    "user.signed_in": _s("{name} ({role})", "{name} ({role})", "{name} ({role})"),
    "user.logout": _s("Шығу", "Выйти", "Log out"),
    "role.leadership": _s("Басшылық", "Руководство", "Leadership"),
    "role.analyst": _s("Талдаушы", "Аналитик", "Analyst"),
    "role.training_planner": _s("Оқыту жоспарлаушысы", "Планировщик обучения", "Training planner"),
    "role.admin": _s("Әкімші", "Администратор", "Administrator"),
    # ---------------------------------------------------------------- login and access
    "login.title": _s("Кіру", "Вход", "Log in"),
    "login.intro": _s("Тыңдау: азаматтардың өтініштері бойынша мемлекеттік органдардың жұмысы.",
                      "Тыңдау: работа государственных органов по обращениям граждан.",
                      "Tyndau: how public agencies answer citizens' appeals."),
    "login.user": _s("Пайдаланушы аты", "Имя пользователя", "User name"),
    "login.password": _s("Құпиясөз", "Пароль", "Password"),
    "login.submit": _s("Кіру", "Войти", "Log in"),
    "login.failed": _s("Пайдаланушы аты немесе құпиясөз қате.", "Неверное имя пользователя или пароль.",
                       "Wrong user name or password."),
    "login.locked": _s("Тым көп сәтсіз әрекет. {seconds} секундтан кейін қайталаңыз.",
                       "Слишком много неудачных попыток. Повторите через {seconds} секунд.",
                       "Too many failed attempts. Try again in {seconds} seconds."),
    "login.oidc": _s("Ұйымның тіркелгісімен кіру", "Войти через учётную запись организации",
                     "Log in with your organisation account"),
    "login.oidc_unknown": _s("Бұл тіркелгіге рөл берілмеген. Әкімшіге хабарласыңыз.",
                             "Этой учётной записи не назначена роль. Обратитесь к администратору.",
                             "This account has no role here. Ask an administrator to add you."),
    "login.no_users": _s(
        "Әзірге пайдаланушы жоқ. Әкімші біреуін қосуы керек: `tyndau users add NAME --role ROLE`.",
        "Пользователей пока нет. Администратор должен добавить: `tyndau users add NAME --role ROLE`.",
        "There are no users yet. An administrator adds one with `tyndau users add NAME --role ROLE`."),
    "guard.forbidden": _s("Бұл бетті ашуға рұқсатыңыз жоқ.", "У вас нет доступа к этой странице.",
                          "You do not have access to this page."),
    "guard.aggregates_only": _s(
        "Сіздің рөліңіз тек жиынтық көрсеткіштерді көреді: азаматтардың мәтіндерін талдаушылар мен әкімшілер ғана оқиды.",
        "Ваша роль видит только агрегированные показатели: тексты граждан читают только аналитики и администраторы.",
        "Your role sees aggregates only: only analysts and administrators read what citizens wrote."),
    # ---------------------------------------------------------------- filters
    "filters.title": _s("Сүзгілер", "Фильтры", "Filters"),
    "filters.months": _s("Тіркелген айлар", "Месяцы регистрации", "Months of registration"),
    "filters.agencies": _s("Мемлекеттік органдар", "Государственные органы", "Agencies"),
    "filters.regions": _s("Өңірлер", "Регионы", "Regions"),
    "filters.channels": _s("Арналар", "Каналы", "Channels"),
    "filters.languages": _s("Өтініш тілі", "Язык обращения", "Language of the appeal"),
    "filters.appeal_types": _s("Өтініш түрі", "Вид обращения", "Appeal type"),
    "filters.areas": _s("Құзыреттілік салалары", "Области компетенций", "Competency areas"),
    "filters.polarities": _s("Бағасы", "Тональность", "Polarity"),
    "filters.all": _s("Барлығы", "Все", "All"),
    "filters.clear": _s("Сүзгілерді тазалау", "Сбросить фильтры", "Clear filters"),
    # ---------------------------------------------------------------- common
    "common.as_of": _s("Деректер: {first} – {last}. Соңғы жүктеу: {load}.",
                       "Данные: {first} – {last}. Последняя загрузка: {load}.",
                       "Data: {first} – {last}. Last load: {load}."),
    "common.period": _s("Таңдалған кезең: {start} – {end}; салыстыру: {pstart} – {pend}.",
                        "Выбранный период: {start} – {end}; сравнение с {pstart} – {pend}.",
                        "Selected period: {start} – {end}; compared with {pstart} – {pend}."),
    "common.current": _s("Таңдалған кезең", "Выбранный период", "Selected period"),
    "common.previous": _s("Алдыңғы кезең", "Предыдущий период", "Previous period"),
    "common.no_data": _s("Осы сүзгілерге сай өтініш жоқ.", "Нет обращений, подходящих под фильтры.",
                         "No appeals match these filters."),
    "common.no_labels": _s(
        "Жіктелген мәтіндер әлі жоқ: `tyndau classify`, содан кейін `tyndau build` іске қосыңыз.",
        "Классифицированных текстов пока нет: запустите `tyndau classify`, затем `tyndau build`.",
        "No classified texts yet: run `tyndau classify`, then `tyndau build`."),
    "common.download_csv": _s("CSV жүктеу", "Скачать CSV", "Download CSV"),
    "common.download_xlsx": _s("Excel жүктеу", "Скачать Excel", "Download Excel"),
    "common.select_hint": _s("Артындағы мәтіндерді көру үшін бағанды немесе нүктені таңдаңыз.",
                             "Выберите столбец или точку, чтобы увидеть тексты за ними.",
                             "Select a bar or point to see the texts behind it."),
    "common.choose": _s("Таңдаңыз", "Выберите", "Choose"),
    "common.show_texts": _s("Мәтіндерді көрсету", "Показать тексты", "Show texts"),
    "common.texts_count": _s("{n} өтініш.", "Обращений: {n}.", "{n} appeals."),
    "common.texts_listed": _s("{n} өтініш; алғашқы {shown} тізімде.", "Обращений: {n}; в списке первые {shown}.",
                              "{n} appeals; the first {shown} listed."),
    "common.examples_listed": _s("{n} өтініштің {shown} мысалы.", "{shown} примеров из {n} обращений.",
                                 "{shown} examples of {n} appeals."),
    "common.aggregates_only": _s("Мәтіндер жасырылған: сіздің рөліңіз тек сандарды көреді ({n} өтініш).",
                                 "Тексты скрыты: ваша роль видит только числа ({n} обращений).",
                                 "Texts hidden: your role sees numbers only ({n} appeals)."),
    "common.min_count": _s("Ең аз өтініш саны", "Минимум обращений", "Minimum appeals"),
    # ---------------------------------------------------------------- dimensions
    "dimension.agency": _s("Орган", "Орган", "Agency"),
    "dimension.region": _s("Өңір", "Регион", "Region"),
    "dimension.channel": _s("Арна", "Канал", "Channel"),
    "dimension.language": _s("Тіл", "Язык", "Language"),
    "dimension.appeal_type": _s("Өтініш түрі", "Вид обращения", "Appeal type"),
    "dimension.month": _s("Ай", "Месяц", "Month"),
    "dimension.area": _s("Құзыреттілік саласы", "Область компетенций", "Competency area"),
    # ---------------------------------------------------------------- metrics
    "metric.appeals": _s("Өтініштер", "Обращения", "Appeals"),
    "metric.on_time": _s("Мерзімінде жауап", "Ответ в срок", "Answered on time"),
    "metric.on_time_help": _s(
        "Шешімі белгілі өтініштердің (жауап берілген немесе мерзімі өткен) ішінде түпкілікті жауап заңды мерзімде берілгендер үлесі: тіркелгеннен кейін {days} жұмыс күні немесе ұзартылған мерзім. Мерзімі әлі өтпеген өтініштер есептелмейді; 95 % аралық.",
        "Доля обращений с окончательным ответом в законный срок ({days} рабочих дней после регистрации или продлённый срок) среди обращений с известным исходом (с ответом или с истёкшим сроком). Обращения, срок которых ещё не истёк, не учитываются; 95 % интервал.",
        "Share answered finally within the legal term ({days} working days after registration, or the extended term) among appeals whose outcome is known (answered, or past the deadline); appeals still within their term are not counted. 95 % interval."),
    "metric.median_days": _s("Жауапқа дейінгі медиана, күн", "Медиана до ответа, дней", "Median days to answer"),
    "metric.p90_days": _s("90-перцентиль, күн", "90-й перцентиль, дней", "90th percentile, days"),
    "metric.satisfaction": _s("Қанағаттану (1–5)", "Удовлетворённость (1–5)", "Satisfaction (1–5)"),
    "metric.satisfied": _s("Қанағаттанған", "Удовлетворены", "Satisfied"),
    "metric.ping_pong": _s("«Пинг-понг» (≥2 қайта жіберу)", "«Пинг-понг» (≥2 переадресаций)",
                           "Ping-pong (≥2 redirects)"),
    "metric.repeats": _s("Қайталанған өтініштер", "Повторные обращения", "Repeat appeals"),
    "metric.interim_only": _s("Тек аралық жауап", "Только промежуточный ответ", "Interim answer only"),
    "metric.negative_share": _s("Олқылықты көрсететін өтініштер", "Обращения с указанием на дефицит",
                                "Appeals showing a gap"),
    "metric.per_1000": _s("1000 өтінішке", "на 1000 обращений", "per 1,000 appeals"),
    "metric.overdue": _s("Мерзімі өткен", "Просрочено", "Overdue"),
    "metric.redirects": _s("Қайта жіберулер", "Переадресации", "Redirects"),
    "metric.returns": _s("Қайтарылғаны", "Возвраты", "Returned"),
    # ---------------------------------------------------------------- values
    "value.polarity.negative": _s("Теріс (олқылық)", "Негатив (дефицит)", "Negative (gap)"),
    "value.polarity.positive": _s("Оң (мақтау)", "Позитив (похвала)", "Positive (praise)"),
    "value.polarity.neutral": _s("Бейтарап (ұсыныс)", "Нейтрально (предложение)", "Neutral (proposal)"),
    "value.appeal_type.application": _s("Өтініш", "Заявление", "Application"),
    "value.appeal_type.complaint": _s("Шағым", "Жалоба", "Complaint"),
    "value.appeal_type.proposal": _s("Ұсыныс", "Предложение", "Proposal"),
    "value.appeal_type.inquiry": _s("Сауал", "Запрос", "Inquiry"),
    "value.appeal_type.feedback": _s("Пікір", "Отклик", "Feedback"),
    "value.appeal_type.unknown": _s("Белгісіз", "Неизвестно", "Unknown"),
    "value.language.kk": _s("Қазақ тілі", "Казахский", "Kazakh"),
    "value.language.ru": _s("Орыс тілі", "Русский", "Russian"),
    "value.language.en": _s("Ағылшын тілі", "Английский", "English"),
    "value.language.unknown": _s("Белгісіз", "Неизвестно", "Unknown"),
    "value.channel.personal reception": _s("Жеке қабылдау", "Личный приём", "Personal reception"),
    "value.channel.written letter": _s("Жазбаша хат", "Письменное обращение", "Written letter"),
    "value.channel.phone 1414": _s("1414 телефоны", "Телефон 1414", "Phone 1414"),
    "value.channel.ЦОН": _s("ХҚКО", "ЦОН", "Public service centre"),
    "value.channel.unknown": _s("Белгісіз", "Неизвестно", "Unknown"),
    # staff categories a mandatory course reaches (insights.training.planning.staff_categories)
    "value.staff_category.all": _s("барлық қызметкерлер", "все сотрудники", "all staff"),
    "value.staff_category.akimat": _s("әкімдіктер қызметкерлері", "сотрудники акиматов", "akimat staff"),
    "value.staff_category.education": _s("білім беру органдарының қызметкерлері", "сотрудники органов образования",
                                         "education staff"),
    "value.staff_category.health": _s("денсаулық сақтау органдарының қызметкерлері", "сотрудники органов здравоохранения",
                                      "health staff"),
    "value.staff_category.land_relations": _s("жер қатынастары органдарының қызметкерлері",
                                              "сотрудники органов земельных отношений", "land relations staff"),
    "value.staff_category.police": _s("полиция қызметкерлері", "сотрудники полиции", "police staff"),
    "value.staff_category.public_service_centre": _s("ХҚКО қызметкерлері", "сотрудники ЦОН",
                                                     "public service centre staff"),
    "value.staff_category.social_protection": _s("әлеуметтік қорғау органдарының қызметкерлері",
                                                 "сотрудники органов социальной защиты", "social protection staff"),
    "value.staff_category.tax": _s("салық органдарының қызметкерлері", "сотрудники налоговых органов", "tax staff"),
    # ---------------------------------------------------------------- table columns (column.<name>)
    # Every column a table or export shows is named here; dashboard.components.table renames frames
    # through these, and a test fails on any column a page shows without a name in all three languages.
    "column.label": _s("Атауы", "Название", "Name"),
    "column.name": _s("Атауы", "Название", "Name"),
    "column.area_name": _s("Құзыреттілік саласы", "Область компетенций", "Competency area"),
    "column.appeals": _s("Өтініштер", "Обращения", "Appeals"),
    "column.all_appeals": _s("Барлық өтініштер", "Всего обращений", "All appeals"),
    "column.negative": _s("Теріс", "Негатив", "Negative"),
    "column.positive": _s("Оң", "Позитив", "Positive"),
    "column.neutral": _s("Бейтарап", "Нейтрально", "Neutral"),
    "column.per_1000": _s("1 000 өтінішке", "На 1 000 обращений", "Per 1,000 appeals"),
    "column.negative_per_1000": _s("Теріс, 1 000 өтінішке", "Негатив на 1 000 обращений", "Negative per 1,000 appeals"),
    "column.appeals_before": _s("Өтініштер (алдыңғы кезең)", "Обращения (пред. период)", "Appeals (previous period)"),
    "column.all_appeals_before": _s("Барлық өтініштер (алдыңғы кезең)", "Всего обращений (пред. период)",
                                    "All appeals (previous period)"),
    "column.per_1000_before": _s("1 000 өтінішке (алдыңғы кезең)", "На 1 000 (пред. период)",
                                 "Per 1,000 (previous period)"),
    "column.change_per_1000": _s("Өзгеріс, 1 000 өтінішке", "Изменение на 1 000 обращений", "Change per 1,000 appeals"),
    "column.z": _s("Өзгерістің күші (z)", "Сила изменения (z)", "Strength of the change (z)"),
    "column.agencies": _s("Органдар", "Органы", "Agencies"),
    "column.top_agency": _s("Ең көп органы", "Чаще всего орган", "Most frequent agency"),
    "column.top_agency_appeals": _s("Оның өтініштері", "Его обращений", "Its appeals"),
    "column.cohesion": _s("Ұқсастық", "Сходство", "Similarity"),
    "column.first_registered_at": _s("Алғашқысы", "Первое", "First"),
    "column.last_registered_at": _s("Соңғысы", "Последнее", "Latest"),
    "column.appeal_id": _s("Өтініш нөмірі", "Номер обращения", "Appeal number"),
    "column.registered_at": _s("Тіркелді", "Зарегистрировано", "Registered"),
    "column.text": _s("Мәтін", "Текст", "Text"),
    "column.score": _s("Сенімділік", "Уверенность", "Confidence"),
    "column.ranked": _s("Рейтингте", "В рейтинге", "Ranked"),
    "column.place": _s("Орны", "Место", "Place"),
    "column.overdue": _s("Мерзімі өткен", "Просрочено", "Overdue"),
    "column.median_days_overdue": _s("Кешігу медианасы, жұмыс күні", "Медиана просрочки, рабочих дней",
                                     "Median delay, working days"),
    "column.redirect_count": _s("Қайта жолдау саны", "Число переадресаций", "Redirections"),
    "column.on_time_low": _s("95 % аралық: төменгі", "95 % интервал: от", "95 % interval: from"),
    "column.on_time_high": _s("95 % аралық: жоғарғы", "95 % интервал: до", "95 % interval: to"),
    "column.p90_days": _s("90-шы процентиль, жұмыс күні", "90-й процентиль, рабочих дней", "90th percentile, working days"),
    "column.load_run_id": _s("Жүктеу №", "Загрузка №", "Load no."),
    "column.connector": _s("Коннектор", "Коннектор", "Connector"),
    "column.source": _s("Дереккөз", "Источник", "Source"),
    "column.status": _s("Күйі", "Статус", "Status"),
    "column.started_at": _s("Басталды", "Начало", "Started"),
    "column.finished_at": _s("Аяқталды", "Окончание", "Finished"),
    "column.seconds": _s("Секунд", "Секунд", "Seconds"),
    "column.rows_read": _s("Оқылған жолдар", "Прочитано строк", "Rows read"),
    "column.rows_inserted": _s("Жаңа жолдар", "Новых строк", "New rows"),
    "column.rows_updated": _s("Өзгерген жолдар", "Изменённых строк", "Changed rows"),
    "column.rows_unchanged": _s("Өзгермеген жолдар", "Без изменений", "Unchanged rows"),
    "column.rows_rejected": _s("Қабылданбаған жолдар", "Отклонено строк", "Rejected rows"),
    "column.error": _s("Қате", "Ошибка", "Error"),
    "column.last_success_at": _s("Соңғы сәтті жүктеу (UTC)", "Последняя успешная загрузка (UTC)",
                                 "Last successful pull (UTC)"),
    "column.consecutive_failures": _s("Қатарынан сәтсіздік", "Неудач подряд", "Failures in a row"),
    "column.next_attempt_at": _s("Келесі әрекет (UTC)", "Следующая попытка (UTC)", "Next attempt (UTC)"),
    "column.column_name": _s("Баған", "Столбец", "Column"),
    "column.reason": _s("Себебі", "Причина", "Reason"),
    "column.rows": _s("Жолдар", "Строк", "Rows"),
    "column.load_runs": _s("Жүктеулер", "Загрузок", "Loads"),
    "column.first_row": _s("Алғашқы жол", "Первая строка", "First row"),
    "column.model_name": _s("Модель", "Модель", "Model"),
    "column.model_version": _s("Модель нұсқасы", "Версия модели", "Model version"),
    "column.text_kind": _s("Мәтін түрі", "Вид текста", "Kind of text"),
    "column.texts": _s("Мәтіндер", "Текстов", "Texts"),
    "column.areas_found": _s("Табылған салалар", "Найдено областей", "Areas found"),
    "column.last_classified_at": _s("Соңғы жіктеу", "Последняя классификация", "Last classified"),
    "column.appeals_with_areas": _s("Саласы бар өтініштер", "Обращений с областями", "Appeals with areas"),
    "column.labels": _s("Белгілер", "Меток", "Labels"),
    "column.corrected_labels": _s("Түзетілген белгілер", "Исправленных меток", "Corrected labels"),
    "column.corrected_appeals": _s("Түзетілген өтініштер", "Исправленных обращений", "Corrected appeals"),
    "column.example_detail": _s("Мысал", "Пример", "Example"),
    "column.last_failed_at": _s("Соңғы қате", "Последняя ошибка", "Last failure"),
    "column.version": _s("Нұсқа", "Версия", "Version"),
    "column.applied_at": _s("Қолданылды", "Применена", "Applied"),
    "column.table": _s("Кесте", "Таблица", "Table"),
    "column.user": _s("Пайдаланушы", "Пользователь", "User"),
    "column.role": _s("Рөлі", "Роль", "Role"),
    "column.action": _s("Әрекет", "Действие", "Action"),
    "column.page": _s("Бет", "Страница", "Page"),
    "column.appeal_ids": _s("Өтініштер нөмірлері", "Номера обращений", "Appeal numbers"),
    "column.detail": _s("Толығырақ", "Подробности", "Detail"),
    "column.at": _s("Уақыты", "Время", "Time"),
    "column.appeal_count": _s("Өтініштер саны", "Число обращений", "Number of appeals"),
    # the training plan (insights.training.planning.plan_table); "gap closed" carries its unit
    "column.course_id": _s("Курс коды", "Код курса", "Course id"),
    "column.course": _s("Курс", "Курс", "Course"),
    "column.seats": _s("Орындар", "Мест", "Seats"),
    "column.cost": _s("Құны, теңге", "Стоимость, тенге", "Cost, KZT"),
    "column.plan_value": _s("Жабылатын олқылық, өлшенген шағым/ай", "Закрываемый дефицит, взвеш. жалоб/мес.",
                            "Gap closed, weighted complaints/month"),
    "column.mandatory": _s("Міндетті", "Обязательный", "Mandatory"),
    "column.mandatory_for": _s("Кім үшін міндетті", "Обязателен для", "Mandatory for"),
    "column.gap_areas": _s("Дамытатын олқылықтар", "Развивает области дефицитов", "Develops the gaps in"),
    "column.top_area": _s("Басты олқылық", "Главный дефицит", "Main gap"),
    "column.gap_pp": _s("Азаматтар көрсеткен олқылық, п.т.", "Дефицит по обращениям, п.п.", "Citizens' gap, pp"),
    "column.certainty": _s("Сенімділік", "Уверенность", "Certainty"),
    "column.survey_shortfall_pp": _s("360 кемшілігі, шкаланың %", "Недобор 360, % шкалы", "360 shortfall, % of scale"),
    "column.citizens_part": _s("Басымдықтағы азаматтар үлесі, өлшенген п.т.", "Вклад обращений в приоритет, взвеш. п.п.",
                               "Citizens' part of the priority, weighted pp"),
    "column.survey_part": _s("Басымдықтағы 360 үлесі, өлшенген п.т.", "Вклад оценки 360 в приоритет, взвеш. п.п.",
                             "360 part of the priority, weighted pp"),
    "column.negative_appeals": _s("Шағымдар", "Жалобы", "Complaints"),
    "column.classified_appeals": _s("Жіктелген өтініштер", "Классифицировано обращений", "Classified appeals"),
    "column.evidence": _s("Шағымдар / жіктелген өтініштер", "Жалобы / классифицировано обращений",
                          "Complaints / classified appeals"),
    "column.category": _s("Қызметкерлер санаты", "Категория сотрудников", "Staff category"),
    "column.agencies_reached": _s("Толық қамтылған органдар", "Органов охвачено полностью", "Agencies fully reached"),
    "column.staff": _s("Қызметкерлер", "Сотрудников", "Staff"),
    "column.seats_needed": _s("Қажетті орындар", "Нужно мест", "Seats needed"),
    "column.coverage": _s("Қамту", "Охват", "Coverage"),
    "plan.summary_sheet": _s("Қорытынды", "Итоги", "Summary"),
    "export.about_sheet": _s("Файл туралы", "О файле", "About"),
    "export.data_sheet": _s("Деректер", "Данные", "Data"),
    "export.item": _s("Не", "Что", "Item"),
    "export.value": _s("Мәні", "Значение", "Value"),
    "export.page": _s("Бет", "Страница", "Page"),
    "export.table": _s("Кесте", "Таблица", "Table"),
    "export.period": _s("Кезең", "Период", "Period"),
    "export.made": _s("Жасалған күні", "Дата выгрузки", "Made on"),
    "export.user": _s("Кім жасады", "Кто выгрузил", "Made by"),
    "export.budget": _s("Бюджет, теңге", "Бюджет, тенге", "Budget, KZT"),
    "common.period_short": _s("{start} – {end}", "{start} – {end}", "{start} to {end}"),
    "column.cost_per_seat": _s("Бір орын құны, теңге", "Стоимость места, тенге", "Cost per seat, KZT"),
    "column.gap_closed_weighted_complaints_per_month": _s(
        "Жабылатын олқылық, айына өлшенген шағымдар", "Закрываемый дефицит, взвешенных жалоб в месяц",
        "Gap closed, weighted complaints per month"),
    "column.priority": _s("Басымдық", "Приоритет", "Priority"),
    "column.staff_count": _s("Қызметкерлер саны", "Численность сотрудников", "Staff"),
    "column.rank_in_agency": _s("Органдағы орны", "Место в органе", "Rank in the agency"),
    "column.method": _s("Әдіс", "Метод", "Method"),
    "column.budget": _s("Бюджет, теңге", "Бюджет, тенге", "Budget, KZT"),
    "column.seat_limit": _s("Орындар шегі", "Лимит мест", "Seat limit"),
    "column.value": _s("Жабылатын олқылық", "Закрываемый дефицит", "Gap closed"),
    "column.mandatory_cost": _s("Міндетті оқыту құны, теңге", "Обязательное обучение, тенге", "Mandatory training, KZT"),
    "column.mandatory_seats": _s("Міндетті оқыту орындары", "Мест обязательного обучения", "Mandatory training seats"),
    "column.mandatory_coverage": _s("Міндетті оқыту қамтуы", "Охват обязательным обучением", "Mandatory training coverage"),
    "value.none": _s("—", "—", "—"),
    "unit.pp": _s("{value} п.т.", "{value} п.п.", "{value} pp"),
    "unit.no_change": _s("өзгеріс жоқ", "без изменений", "no change"),
    # ---------------------------------------------------------------- overview
    "overview.intro": _s("Кезеңдегі негізгі көрсеткіштер және олардың алдыңғы кезеңмен салыстыруы.",
                         "Главные показатели периода и их сравнение с предыдущим периодом.",
                         "The headline figures of the period, compared with the period before."),
    "overview.volume": _s("Айлар бойынша өтініштер", "Обращения по месяцам", "Appeals per month"),
    "overview.on_time_trend": _s("Мерзімінде жауап берілген үлес, айлар бойынша", "Доля ответов в срок по месяцам",
                                 "Share answered on time, by month"),
    "overview.top_areas": _s("Азаматтар жиі айтатын салалар", "Области, о которых граждане пишут чаще всего",
                             "What citizens write about most"),
    # ---------------------------------------------------------------- responsiveness
    "resp.intro": _s(
        "Заң талаптарына қарсы жауап беру: мерзім, жауапқа дейінгі күндер, қайта жіберулер, қайталанған өтініштер және қанағаттану.",
        "Ответы против требований закона: срок, дни до ответа, переадресации, повторные обращения и удовлетворённость.",
        "Answers against the law: the term, days to an answer, redirects, repeat appeals and satisfaction."),
    "resp.breakdown": _s("Бөлу", "Разбивка", "Breakdown"),
    "resp.by": _s("Бөлу негізі", "Разбить по", "Break down by"),
    "resp.on_time_chart": _s("Мерзімінде жауап (95 % аралық)", "Ответы в срок (95 % интервал)",
                             "Answered on time (95 % interval)"),
    "resp.national": _s("Жалпы деңгей", "Общий уровень", "Overall"),
    "resp.ranking": _s("Рейтинг", "Рейтинг", "Ranking"),
    "resp.ranking_note": _s(
        "Кемінде {n} өтініші бар органдар; реттеу жалпы деңгейге қарай түзетілген үлес бойынша (эмпирикалық Байес), сондықтан аз өтініші бар орган кездейсоқ жоғары шықпайды.",
        "Органы с не менее чем {n} обращениями; порядок по доле, сглаженной к общему уровню (эмпирический Байес), чтобы орган с несколькими обращениями не оказался наверху случайно.",
        "Agencies with at least {n} appeals, ordered by the rate shrunk toward the overall rate (empirical Bayes), so an agency with a handful of appeals cannot top the table by luck."),
    "resp.unranked": _s("{n} орган рейтингке кірмеді (өтініштер тым аз).",
                        "{n} органов не вошли в рейтинг (слишком мало обращений).",
                        "{n} agencies not ranked (too few appeals)."),
    "resp.trend": _s("Айлар бойынша үрдіс", "Динамика по месяцам", "Trend by month"),
    "resp.trend_metric": _s("Көрсеткіш", "Показатель", "Measure"),
    "resp.backlog": _s("Мерзімі өткен өтініштер", "Просроченные обращения", "Overdue backlog"),
    "resp.as_of": _s("Күні", "На дату", "As of"),
    "resp.backlog_total": _s("{date} күні мерзімі өткен {n} өтініш.", "На {date} просрочено {n} обращений.",
                             "{n} appeals overdue on {date}."),
    "resp.backlog_agency": _s("Мерзімі өткен өтініштерді көрсету: орган", "Показать просроченные обращения органа",
                              "Show the overdue appeals of"),
    "resp.redirects": _s("Қайта жіберу тізбектері («пинг-понг»)", "Цепочки переадресаций («пинг-понг»)",
                         "Redirect chains (“ping-pong”)"),
    "resp.chains": _s("Қайта жіберу саны бойынша өтініштер", "Обращения по числу переадресаций",
                      "Appeals by number of redirects"),
    "resp.pairs": _s("Органдар жұптары: кім кімге жібереді", "Пары органов: кто кому пересылает",
                     "Agency pairs: who sends appeals to whom"),
    "resp.from": _s("Кімнен", "От кого", "From"),
    "resp.to": _s("Кімге", "Кому", "To"),
    "resp.chain.0": _s("Тікелей", "Сразу", "Direct"),
    "resp.chain.1": _s("1 рет", "1 раз", "Once"),
    "resp.chain.2": _s("2 рет", "2 раза", "Twice"),
    "resp.chain.3": _s("3 және одан көп", "3 и более", "3 or more"),
    "resp.deadline_note": _s(
        "Мерзім: тіркелгеннен кейін {days} жұмыс күні (демалыс және мереке күндері есептелмейді, ауыстырылған жұмыс күндері есептеледі), ұзартылса — ұзарту туралы шешімнен бастап {ext} күнге дейін.",
        "Срок: {days} рабочих дней после регистрации (без выходных и праздников, с учётом перенесённых рабочих дней), при продлении — до {ext} дней со дня решения о продлении.",
        "Term: {days} working days after registration (weekends and public holidays excluded, transferred working days counted), up to {ext} days from the decision when extended."),
    # ---------------------------------------------------------------- themes
    "themes.intro": _s(
        "Азаматтар мемлекеттік қызметшілердің қандай мінез-құлқы туралы жазады: салалар, үрдістер, өзгерістер және ұқсас мәтіндер топтары.",
        "О каком поведении госслужащих пишут граждане: области, динамика, изменения и группы похожих текстов.",
        "What behaviour of civil servants citizens write about: areas, trends, changes and groups of similar texts."),
    "themes.areas": _s("Салалар бойынша дәлелдер", "Свидетельства по областям", "Evidence by area"),
    "themes.heatmap": _s("1000 өтінішке шаққандағы дәлелдер: {by} × сала", "Свидетельства на 1000 обращений: {by} × область",
                         "Evidence per 1,000 appeals: {by} × area"),
    "themes.heatmap_by": _s("Жолдар", "Строки", "Rows"),
    "themes.heatmap_value": _s("Мән", "Значение", "Value"),
    "themes.value_all": _s("Барлық дәлелдер", "Все свидетельства", "All evidence"),
    "themes.value_negative": _s("Тек олқылықтар", "Только дефициты", "Gaps only"),
    "themes.trend": _s("Айлар бойынша үрдіс (1000 өтінішке)", "Динамика по месяцам (на 1000 обращений)",
                       "Trend by month (per 1,000 appeals)"),
    "themes.changes": _s("Алдыңғы кезеңнен бері ең көп өзгергені", "Что изменилось сильнее всего с прошлого периода",
                         "What changed most since the previous period"),
    "themes.changes_by": _s("Салыстыру", "Сравнивать", "Compare"),
    "themes.changes_areas": _s("Салалар", "Области", "Areas"),
    "themes.changes_note": _s(
        "Реттеу z-көрсеткіші бойынша (екі Пуассон жиілігінің айырмасы): 1-ден 3 хатқа секіру 300-ден 420-ға тұрақты өсуден жоғары тұрмайды.",
        "Порядок по z-оценке (разность двух пуассоновских частот): скачок с 1 до 3 писем не обгонит устойчивый рост с 300 до 420.",
        "Ordered by the z score of the difference of two Poisson rates: a jump from 1 to 3 letters does not outrank a steady rise from 300 to 420."),
    "themes.groups": _s("Ұқсас мәтіндер топтары", "Группы похожих текстов", "Groups of similar texts"),
    "themes.group_area": _s("Сала", "Область", "Area"),
    "themes.group_pick": _s("Топ", "Группа", "Group"),
    "themes.group_examples": _s("Мысалдар", "Примеры", "Examples"),
    "themes.group_agencies": _s("Топ хаттары қайда жіберілді", "Куда направлены письма группы",
                                "Where the group's letters went"),
    "themes.drill": _s("Сандардың артындағы мәтіндер", "Тексты за цифрами", "Texts behind the numbers"),
    "themes.drill_caption": _s("Сала: {area}; {scope}", "Область: {area}; {scope}", "Area: {area}; {scope}"),
    "themes.group_n": _s("{n}-топ", "группа {n}", "group {n}"),
    "themes.all_scope": _s("барлық таңдалған өтініштер", "все выбранные обращения", "all selected appeals"),
    # ---------------------------------------------------------------- search and reading
    "search.query": _s("Мәтіндерден іздеу", "Поиск по текстам", "Search the texts"),
    "search.placeholder": _s("мысалы: пандус", "например: пандус", "e.g. ramp"),
    "search.results": _s("{n} мәтін табылды (ең жақсылары алдымен).", "Найдено текстов: {n} (лучшие совпадения первыми).",
                         "{n} texts found (best matches first)."),
    "search.none": _s("Ештеңе табылмады.", "Ничего не найдено.", "Nothing found."),
    "search.hint": _s("Сөздерді енгізіңіз; сүзгілер бүйірлік панельде.", "Введите слова; фильтры — на боковой панели.",
                      "Type some words; the filters are in the sidebar."),
    "reader.pick": _s("Мәтінді оқу үшін кестедегі оның жолын таңдаңыз (сол жақтағы шаршы).",
                      "Чтобы прочитать текст, выберите его строку в таблице (квадрат слева).",
                      "To read a text, select its row in the table (the box on the left)."),
    "reader.title": _s("Өтініш {id}", "Обращение {id}", "Appeal {id}"),
    "reader.labels": _s("Белгілер", "Метки", "Labels"),
    "reader.no_labels": _s("Сала жоқ (қарапайым сұрау).", "Нет областей (обычный запрос).",
                           "No area (a plain request)."),
    "reader.evidence_model": _s("Белгіленгені: классификатор шешіміне әсер еткен сөздер.",
                                "Выделено: слова, повлиявшие на решение классификатора.",
                                "Highlighted: the words that drove the classifier's decision."),
    "reader.evidence_keywords": _s("Белгіленгені: салалардың мінез-құлық индикаторларының кілт сөздері.",
                                   "Выделено: ключевые слова поведенческих индикаторов областей.",
                                   "Highlighted: keywords of the areas' behavioural indicators."),
    "reader.search_term": _s("Іздеу сөзі", "Поисковое слово", "Search term"),
    "reader.pending": _s("Бұл мәтінге түзету кезекте тұр: ол келесі жазу кезінде қолданылады.",
                         "Исправление для этого текста в очереди: оно будет применено при следующей записи.",
                         "A correction of this text is queued: it is applied at the next write."),
    "reader.review": _s("Белгілерді түзету", "Исправить метки", "Correct the labels"),
    "reader.meta": _s("{agency} · {region} · {date} · {type} · {language}", "{agency} · {region} · {date} · {type} · {language}",
                      "{agency} · {region} · {date} · {type} · {language}"),
    "reader.score": _s("Сенімділік", "Уверенность", "Confidence"),
    "reader.low_confidence": _s("Сенімділік төмен: тексеріңіз", "Низкая уверенность: проверьте",
                                "Low confidence: please check"),
    "reader.check": _s("Тексеру", "Проверка", "Check"),
    "reader.corrected": _s("Талдаушы түзеткен", "Исправлено аналитиком", "Corrected by an analyst"),
    # ---------------------------------------------------------------- review
    "review.intro": _s(
        "Модель белгілерін түзетіңіз. Түзетулер модель белгілерінің жанында сақталады (оларды өшірмейді), келесі оқытуда қолданылады және тексерілген үлгілердегі дәлдікті береді.",
        "Исправьте метки модели. Исправления хранятся рядом с метками модели (не затирая их), используются при следующем обучении и дают измеренную точность на проверенных выборках.",
        "Correct the model's labels. Corrections are stored beside the model's labels (never overwriting them), used by the next training, and give measured precision on reviewed samples."),
    "review.queue": _s("Тексеруге арналған мәтіндер (сенімділігі ең төмені алдымен)",
                       "Тексты для проверки (сначала наименее уверенные)",
                       "Texts to review (least confident first)"),
    "review.pick": _s("Өтініш", "Обращение", "Appeal"),
    "review.areas": _s("Салалар (бос — сала жоқ)", "Области (пусто — нет области)", "Areas (empty: no area)"),
    "review.polarity": _s("{area}: бағасы", "{area}: тональность", "{area}: polarity"),
    "review.note": _s("Түсініктеме (міндетті емес)", "Комментарий (необязательно)", "Note (optional)"),
    "review.submit": _s("Түзетуді кезекке қою", "Поставить исправление в очередь", "Queue the correction"),
    "review.queued": _s("Кезекке қойылды. Жазу жағы оны келесі `tyndau corrections apply` (немесе `tyndau demo`) кезінде сақтайды.",
                        "В очереди. Сторона записи сохранит его при следующем `tyndau corrections apply` (или `tyndau demo`).",
                        "Queued. The writer stores it at the next `tyndau corrections apply` (or `tyndau demo`)."),
    "review.pending": _s("Кезектегі түзетулер", "Исправления в очереди", "Corrections waiting to be applied"),
    "review.back": _s("Тексеру кезегіне оралу", "Назад к очереди проверки", "Back to the review queue"),
    "review.nothing": _s("Тексеретін мәтін жоқ.", "Нет текстов для проверки.", "No texts to review."),
    "review.model_labels": _s("Модель белгілері", "Метки модели", "The model's labels"),
    # ---------------------------------------------------------------- data quality
    "dq.intro": _s("Жүктеулер, қабылданбаған жолдар, схема нұсқасы және жіктеу сәтсіздіктері.",
                   "Загрузки, отклонённые строки, версия схемы и сбои классификации.",
                   "Loads, rejected rows, the schema version and classification failures."),
    "dq.snapshot": _s("Дашборд оқитын көшірме: {path}, {size} МБ, жарияланған {at}.",
                      "Снимок, который читает дашборд: {path}, {size} МБ, опубликован {at}.",
                      "Snapshot the dashboard reads: {path}, {size} MB, published {at}."),
    "dq.schema": _s("Схема нұсқасы", "Версия схемы", "Schema version"),
    "dq.runs": _s("Жүктеулер", "Загрузки", "Load runs"),
    "dq.runs_failed": _s("Сәтсіз жүктеулер", "Неудачные загрузки", "Failed loads"),
    "dq.sync": _s("Бақыланатын дереккөздер (tyndau sync)", "Отслеживаемые источники (tyndau sync)",
                  "Followed sources (tyndau sync)"),
    "dq.sync_failing": _s("Бұл дереккөздерден деректер алынбай тұр: {sources}. Қатені төмендегі кестеден қараңыз.",
                          "Эти источники сейчас не загружаются: {sources}. Ошибка указана в таблице ниже.",
                          "These sources are failing: {sources}. The table below gives the error."),
    "dq.rejected": _s("Қабылданбаған жолдар", "Отклонённые строки", "Rejected rows"),
    "dq.rejected_by_reason": _s("Себептер бойынша", "По причинам", "By reason"),
    "dq.classification": _s("Жіктеу", "Классификация", "Classification"),
    "dq.classified": _s("Жіктелген мәтіндер", "Классифицировано текстов", "Texts classified"),
    "dq.failures": _s("Жіктелмеген мәтіндер (себебімен)", "Не классифицированные тексты (с причиной)",
                      "Texts that could not be classified (with the reason)"),
    "dq.tables": _s("Кестелердегі жолдар", "Строк в таблицах", "Rows per table"),
    "dq.inbox": _s("Түзетулер кезегі", "Очередь исправлений", "Corrections queue"),
    "dq.audit": _s("Мәтінді қарау журналы (соңғылары)", "Журнал просмотров текстов (последние)",
                   "Text-view audit log (latest)"),
    # ---------------------------------------------------------------- training planners (issue 5)
    "section.training": _s("Оқытуды жоспарлау", "Планирование обучения", "Training planning"),
    "page.training_priorities": _s("Оқыту басымдықтары", "Приоритеты обучения", "Training priorities"),
    "page.training_plan": _s("Оқыту жоспары", "План обучения", "Training plan"),
    "page.survey_360": _s("360 градус бағалау", "Оценка 360 градусов", "360-degree results"),
    "page.training_impact": _s("Оқыту нәтижесі", "Результат обучения", "Training impact"),
    "training.intro": _s(
        "Олқылық: органға түскен өтініштердің осы сала бойынша шағым үлесі мен ел бойынша үлестің айырмасы (пайыздық тармақ), аз өтініші бар органдар үшін жалпы деңгейге тартылған (эмпирикалық Байес). Сенімділік — органның шын үлесі ел деңгейінен жоғары болу ықтималдығы.",
        "Дефицит: доля жалоб по области среди обращений органа минус доля по стране (в процентных пунктах), для органов с малым числом обращений притянутая к общему уровню (эмпирический Байес). Уверенность — вероятность того, что истинная доля органа выше общей.",
        "Gap: the share of the agency's appeals that complain about the area minus the national share (percentage points), pulled toward the national rate for agencies with few appeals (empirical Bayes). Certainty: the probability that the agency's true share is above the national one."),
    "training.no_gaps": _s("Жіктелген өтініштер әлі жоқ: `tyndau classify`, содан кейін `tyndau build` іске қосыңыз.",
                           "Классифицированных обращений пока нет: запустите `tyndau classify`, затем `tyndau build`.",
                           "No classified appeals yet: run `tyndau classify`, then `tyndau build`."),
    "training.period": _s("Кезең: {start} – {end}; үрдіс алдыңғы осындай кезеңмен салыстырылады.",
                          "Период: {start} – {end}; тренд — сравнение с таким же предыдущим периодом.",
                          "Period: {start} to {end}; the trend compares with the same length before."),
    "cli.plan_title": _s(
        "Оқыту жоспары: {budget} теңгенің {cost} теңгесі, {seats} орын, {agencies} орган; жабылатын олқылық {value} өлшенген шағым/ай",
        "План обучения: {cost} из {budget} тенге, {seats} мест, {agencies} органов; закрываемый дефицит {value} взвеш. жалоб/мес.",
        "Training plan: {cost} of {budget} KZT, {seats} seats, {agencies} agencies; gap closed {value} weighted complaints/month"),
    "cli.gaps_title": _s("Ең үлкен мінез-құлық олқылықтары (азаматтардың өтініштері бойынша)",
                         "Крупнейшие поведенческие дефициты (по обращениям граждан)",
                         "Largest behaviour gaps (from citizens' appeals)"),
    "training.top_gaps": _s("Әр органның ең үлкен олқылығы", "Главный дефицит каждого органа",
                            "Each agency's biggest gap"),
    "training.gap_pp": _s("Олқылық, п.т.", "Дефицит, п.п.", "Gap, pp"),
    "training.gap_axis": _s("Ел деңгейінен айырма, пайыздық тармақ", "Отклонение от уровня страны, п.п.",
                            "Above the national rate, percentage points"),
    "training.interval": _s("95 % аралық", "95 % интервал", "95 % interval"),
    "training.certainty": _s("Сенімділік", "Уверенность", "Certainty"),
    "training.complaints": _s("Шағымдар", "Жалобы", "Complaints"),
    "training.classified": _s("Жіктелген өтініштер", "Классифицировано обращений", "Classified appeals"),
    "training.trend": _s("Үрдіс, п.т.", "Тренд, п.п.", "Trend, pp"),
    "training.top_area": _s("Басты олқылық", "Главный дефицит", "Top gap"),
    "training.gaps_of": _s("{agency}: салалар бойынша олқылықтар", "{agency}: дефициты по областям",
                           "{agency}: gaps by area"),
    "training.evidence": _s("Дәлелдер (өтініштер саны)", "Свидетельства (число обращений)",
                            "Evidence (number of appeals)"),
    "training.rank": _s("Орны", "Место", "Rank"),
    "training.indicators": _s("{area}: мінез-құлық индикаторлары", "{area}: поведенческие индикаторы",
                              "{area}: behavioural indicators"),
    "training.indicators_caption": _s(
        "Тиімсіз мінез-құлық шағымдарда, тиімді мінез-құлық мақтауларда кілт сөздер бойынша ізделеді.",
        "Неэффективное поведение ищется в жалобах, эффективное — в похвалах, по ключевым словам индикаторов.",
        "Ineffective behaviours are looked for in complaints, effective ones in praise, by the indicators' keywords."),
    "training.kind": _s("Түрі", "Вид", "Kind"),
    "training.effective": _s("Тиімді", "Эффективное", "Effective"),
    "training.ineffective": _s("Тиімсіз", "Неэффективное", "Ineffective"),
    "training.behaviour": _s("Мінез-құлық", "Поведение", "Behaviour"),
    "training.matching": _s("Сәйкес мәтіндер", "Совпавшие тексты", "Matching texts"),
    "training.of_texts": _s("Мәтіндердің ішінен", "Из текстов", "Of texts"),
    "training.share": _s("Үлесі", "Доля", "Share"),
    "training.courses": _s("Каталогтағы курстар (басымдық бойынша)", "Курсы каталога (по приоритету)",
                           "Catalogue courses, by priority"),
    "training.no_courses": _s("Бұл органның олқылықтарын дамытатын курс жоқ.",
                              "Нет курсов, развивающих области дефицитов этого органа.",
                              "No catalogue course develops this agency's gap areas."),
    "training.course_id": _s("Курс коды", "Код курса", "Course id"),
    "training.course": _s("Курс", "Курс", "Course"),
    "training.develops": _s("Дамытатын олқылықтар", "Развивает области дефицитов", "Develops the gaps in"),
    "training.staff": _s("Оқытылатын қызметкерлер", "Сколько сотрудников обучить", "Staff to train"),
    "training.cohort_cost": _s("Топ құны, теңге", "Стоимость группы, тенге", "Cohort cost, KZT"),
    "training.value": _s("Құндылығы", "Ценность", "Value"),
    "training.already_trained": _s("Осы кезеңде оқытылған", "Уже обучено за период", "Already trained in the period"),
    "training.value_caption": _s(
        "Құндылық: курс дамытатын салалардағы айына артық шағымдар саны, сенімділікпен өлшенген (360 бағалаудағы кемшілік жартылай салмақпен қосылады).",
        "Ценность: число лишних жалоб в месяц по областям, которые развивает курс, взвешенное уверенностью (недобор в оценке 360 добавляется с половинным весом).",
        "Value: certainty-weighted excess complaints per month on the areas the course develops (a 360-degree shortfall adds at half weight)."),
    "training.examples": _s("Мысалдар: олқылықтың артындағы мәтіндер", "Примеры: тексты за дефицитом",
                             "Examples: texts behind the gap"),
    "training.no_examples": _s("Бұл сала бойынша шағым мысалы жоқ.", "Нет примеров жалоб по этой области.",
                               "No example complaints on this area."),
    "plan.intro": _s(
        "Бюджет (және орын шегі) бойынша ең көп олқылықты жабатын оқыту орындары: бүтін санды оңтайландыру, бір олқылыққа бірнеше курс қосылмайды.",
        "Места на курсах, которые в пределах бюджета (и лимита мест) закрывают больше всего дефицитов: целочисленная оптимизация, без наложения нескольких курсов на один дефицит.",
        "The course seats that close the most gap within the budget (and seat limit): an integer programme that does not stack courses on one gap."),
    "plan.budget": _s("Бюджет, теңге", "Бюджет, тенге", "Budget, KZT"),
    "plan.seats": _s("Орындар шегі (0 — шексіз)", "Лимит мест (0 — без лимита)", "Seat limit (0: none)"),
    "plan.seats_help": _s("Жоспардағы барлық курстардың жалпы орындары.", "Всего мест по всем курсам плана.",
                          "Seats over all courses of the plan."),
    "plan.cost": _s("Құны, теңге", "Стоимость, тенге", "Cost, KZT"),
    "plan.seats_used": _s("Орындар", "Мест", "Seats"),
    "plan.seats_col": _s("Орындар", "Мест", "Seats"),
    "plan.agencies": _s("Органдар", "Органов", "Agencies"),
    "plan.value": _s("Жабылатын олқылық, өлшенген шағым/ай", "Закрываемый дефицит, взвеш. жалоб/мес.",
                     "Gap closed, weighted complaints/month"),
    "plan.vs_naive": _s("Қолмен жасалған жоспардан артық", "Больше, чем ручной план", "More than a hand-made plan"),
    "plan.value_caption": _s(
        "Жабылатын олқылық — айына артық шағымдар (сенімділікпен өлшенген), оны жабу үшін қажетті қызметкерлер оқытылған үлесі. Қолмен жасалған жоспар: ең үлкен олқылықтар алдымен, бүтін топтармен.",
        "Закрываемый дефицит — лишние жалобы в месяц (взвешенные уверенностью), умноженные на долю обученных от нужного числа сотрудников. Ручной план: сначала самые большие дефициты, целыми группами.",
        "Gap closed: certainty-weighted excess complaints per month times the share of the staff needed that the plan trains. Hand-made plan: biggest gaps first, whole cohorts."),
    "plan.empty": _s("Бұл бюджетке жоспар жоқ: олқылық табылмады немесе бір орынға да жетпейді.",
                     "Плана нет: дефицитов не найдено или бюджета не хватает ни на одно место.",
                     "No plan: no gaps found, or the budget buys no seat."),
    "plan.by_agency": _s("Органдар бойынша шығын", "Расходы по органам", "Cost by agency"),
    "plan.method": _s("Әдіс: {method}.", "Метод: {method}.", "Method: {method}."),
    "plan.download_xlsx": _s("Excel жүктеу: жоспар мен қорытынды", "Скачать Excel: план и итоги",
                             "Download Excel: plan and summary"),
    "plan.download_csv": _s("CSV жүктеу: жоспар", "Скачать CSV: план", "Download CSV: plan"),
    "plan.mandatory": _s("Міндетті курстар", "Обязательные курсы", "Mandatory courses"),
    "plan.mandatory_help": _s(
        "Олқылыққа қарамастан таңдалған санаттардың барлық қызметкерлері оқуы тиіс курстар; олардың орындары бюджеттен бірінші сатып алынады.",
        "Курсы, которые должны пройти все сотрудники выбранных категорий независимо от дефицитов; их места оплачиваются из бюджета первыми.",
        "Courses every member of the chosen staff categories must take whatever the gaps; their seats are bought from the budget first."),
    "plan.categories": _s("Міндетті курстар кімге", "Для каких категорий", "Mandatory for"),
    "plan.coverage": _s("Міндетті оқытумен қамту", "Охват обязательным обучением", "Mandatory training coverage"),
    "plan.coverage_caption": _s(
        "Қамту — сатып алынған міндетті орындардың қажетті орындарға қатынасы (санаттағы қызметкерлер, кезеңде оқығандарды шегергенде).",
        "Охват — купленные обязательные места к нужным (сотрудники категории за вычетом уже обученных за период).",
        "Coverage: mandatory seats bought over seats needed (the category's staff less those already trained in the period)."),
    "plan.mandatory_cost": _s("Міндетті оқыту, теңге", "Обязательное обучение, тенге", "Mandatory training, KZT"),
    "plan.reason.gap": _s(
        "{area}: азаматтар шағымы ел деңгейінен {gap} жоғары (сенімділік {certainty}); {survey}; басымдық (өлшенген п.т.): азаматтар {citizens} + 360 {colleagues}; {complaints} шағым / {classified} жіктелген өтініш.",
        "{area}: жалоб на {gap} больше, чем по стране (уверенность {certainty}); {survey}; приоритет (взвеш. п.п.): обращения {citizens} + 360 {colleagues}; {complaints} жалоб из {classified} классифицированных обращений.",
        "{area}: complaints {gap} above the national rate (certainty {certainty}); {survey}; priority (weighted pp): citizens {citizens} + 360 {colleagues}; {complaints} complaints of {classified} classified appeals."),
    "plan.reason.survey": _s("360 кемшілігі шкаланың {shortfall}", "недобор 360: {shortfall} шкалы",
                             "360 shortfall {shortfall} of the scale"),
    "plan.reason.no_survey": _s("360 бағалауы жоқ", "оценки 360 нет", "no 360 survey"),
    "plan.reason.mandatory": _s("Міндетті: {categories}.", "Обязательный: {categories}.", "Mandatory for {categories}."),
    "plan.reason.no_gap": _s("Бұл органда курс салаларында оң олқылық жоқ.",
                             "Положительного дефицита по областям курса у органа нет.",
                             "No positive gap of this agency on the course's areas."),
    "survey.intro": _s(
        "Салалар бойынша бағалар (1–5) бағалаушы топтары бойынша. {k} адамнан аз топтың бағасы, саны мен пікірлері көрсетілмейді (өзін-өзі бағалаудан басқа), сондай-ақ айырма арқылы осындай топты есептеп шығаруға мүмкіндік беретін кез келген сан да жасырылады. Мақсатты деңгей: {target}.",
        "Оценки по областям (1–5) по группам оценщиков. Оценки, численность и комментарии групп меньше {k} человек не показываются (кроме самооценки); скрыто и всё, из чего такую группу можно вычислить вычитанием. Целевой уровень: {target}.",
        "Scores per area (1-5) by rater group. A group of fewer than {k} raters shows no score, no count and no comment (self-ratings excepted), and any figure that would let such a group be worked out by subtraction is suppressed too. Target level: {target}."),
    "survey.no_data": _s("360 градус бағалау нәтижелері жоқ.", "Нет результатов оценки 360 градусов.",
                         "No 360-degree results."),
    "survey.unit": _s("Бөлімше", "Подразделение", "Unit"),
    "survey.whole_agency": _s("Бүкіл орган", "Весь орган", "The whole agency"),
    "survey.period": _s("Соңғы толқын: {period} тоқсаны.", "Последняя волна: квартал {period}.",
                        "Latest wave: quarter of {period}."),
    "survey.hidden": _s("{n} топ жасырылған: бағалаушылары {k} адамнан аз, не олар осындай топты есептеп шығаруға мүмкіндік береді.",
                        "Скрыто групп: {n} — в них меньше {k} оценщиков, или по ним такую группу можно вычислить.",
                        "{n} group(s) suppressed: fewer than {k} raters, or they would let such a group be worked out."),
    "survey.hidden_cell": _s("жасырылған", "скрыто", "suppressed"),
    "survey.by_group": _s("Бағалаушы топтары бойынша бағалар", "Оценки по группам оценщиков",
                          "Scores by rater group"),
    "survey.group": _s("Бағалаушылар тобы", "Группа оценщиков", "Rater group"),
    "survey.group.self": _s("Өзін-өзі", "Самооценка", "Self"),
    "survey.group.manager": _s("Басшы", "Руководитель", "Manager"),
    "survey.group.peer": _s("Әріптестер", "Коллеги", "Peers"),
    "survey.group.direct_report": _s("Қол астындағылар", "Подчинённые", "Direct reports"),
    "survey.group.citizen": _s("Азаматтар", "Граждане", "Citizens"),
    "survey.group.staff": _s("Қызметкерлер", "Сотрудники", "Staff"),
    "survey.group.others": _s("Басқалар (өзінен басқа)", "Другие (все, кроме самооценки)", "Others (all but self)"),
    "survey.raters": _s("Бағалаушылар", "Оценщиков", "Raters"),
    "survey.score": _s("Баға", "Оценка", "Score"),
    "survey.gap_to_target": _s("Мақсатқа дейін", "До цели", "Below target by"),
    "survey.suppressed": _s("Жасырылған", "Скрыто", "Suppressed"),
    "survey.self_vs_others": _s("Өзін-өзі бағалау мен басқалардың бағасы", "Самооценка и оценка других",
                                "Self versus others"),
    "survey.target": _s("Мақсат", "Цель", "Target"),
    "survey.self_minus_others": _s("Өзін-өзі минус басқалар (орташа)", "Самооценка минус другие (в среднем)",
                                   "Self minus others (average)"),
    "survey.behind": _s("Баға артында не тұр", "Что стоит за оценкой", "Behind a score"),
    "survey.item": _s("Сұрақ", "Вопрос", "Item"),
    "survey.wording": _s("Тұжырым", "Формулировка", "Wording"),
    "survey.comments": _s("Пікірлер (жіктелген)", "Комментарии (классифицированные)", "Comments (classified)"),
    "survey.no_comments": _s("Көрсетуге болатын пікір жоқ.", "Нет комментариев, которые можно показать.",
                             "No comments that may be shown."),
    "survey.comment": _s("Пікір", "Комментарий", "Comment"),
    "survey.triangulation": _s("Азаматтар мен әріптестердің көзқарасы", "Взгляд граждан и коллег",
                               "Citizens' and colleagues' views"),
    "survey.triangulation_caption": _s(
        "Әр көзқарас өз деңгейімен салыстырылады: азаматтар — ел бойынша шағым үлесімен, әріптестер — барлық бағаланған органдардың орташасымен (бір жақты 95 %). Біреуі ғана олқылық көрсе — келіспеушілік.",
        "Каждый взгляд сравнивается со своим эталоном: граждане — с долей жалоб по стране, коллеги — со средним по оценённым органам (односторонние 95 %). Расхождение — когда дефицит видит только одна сторона.",
        "Each view is compared with its own benchmark: citizens with the national complaint rate, colleagues with the mean of surveyed agencies (one-sided 95 %). A disagreement: only one of them sees a gap."),
    "survey.no_triangulation": _s("Бұл орган үшін екі көзқарас та жоқ.", "Для этого органа нет обоих взглядов.",
                                  "This agency lacks one of the two views."),
    "survey.benchmark": _s("Орташа деңгей", "Эталон", "Benchmark"),
    "survey.agreement": _s("Салыстыру", "Сопоставление", "Comparison"),
    "survey.agreement.both": _s("Екеуі де олқылық көреді", "Дефицит видят обе стороны", "Both see a gap"),
    "survey.agreement.citizens_only": _s("Тек азаматтар олқылық көреді", "Дефицит видят только граждане",
                                         "Only citizens see a gap"),
    "survey.agreement.colleagues_only": _s("Тек әріптестер олқылық көреді", "Дефицит видят только коллеги",
                                           "Only colleagues see a gap"),
    "survey.agreement.neither": _s("Олқылық жоқ", "Дефицита нет", "Neither sees a gap"),
    "survey.disagree": _s("Келіспеушілік", "Расхождение", "Disagreement"),
    "impact.intro": _s(
        "Курстан кейін органның шағым үлесі өзгерді ме? Сессия айына дейінгі және кейінгі {months} ай, оқытылмаған сол түрдегі органдармен салыстырғанда (айырмалардың айырмасы). Теріс мән — олқылық басқа жерлерге қарағанда көбірек жабылды.",
        "Изменилась ли доля жалоб органа после курса? {months} мес. до и после месяца сессии в сравнении с органами того же типа без такого курса (разность разностей). Отрицательное значение — дефицит сократился сильнее, чем у других.",
        "Did the agency's complaint share move after the course? {months} months before and after the session's month, against agencies of the same kind without such a course (difference in differences). Negative: the gap closed more than elsewhere."),
    "impact.no_sessions": _s("Курс сессиялары жоқ.", "Нет сессий курсов.", "No course sessions."),
    "impact.sessions": _s("Сессиялар", "Сессий", "Sessions"),
    "impact.measured": _s("Өлшенген әсерлер", "Измерено эффектов", "Effects measured"),
    "impact.significant": _s("Айқын (көп салыстыруға түзетілген)", "Явные (с поправкой на множественность)",
                             "Clear (adjusted for many comparisons)"),
    "impact.effects": _s("Сессиялар мен салалар бойынша әсер", "Эффект по сессиям и областям",
                         "Effect per session and area"),
    "impact.chart_caption": _s("p-мәні ең кіші {n} әсер; кестеде барлығы бар.",
                               "{n} эффектов с наименьшим p-значением; в таблице — все.",
                               "The {n} effects with the smallest p-values; the table has them all."),
    "impact.effect_axis": _s("Шағым үлесінің өзгерісі, п.т.", "Изменение доли жалоб, п.п.",
                             "Change in the complaint share, pp"),
    "impact.effect": _s("Әсер, п.т.", "Эффект, п.п.", "Effect, pp"),
    "impact.months": _s("Ай сайын: оқытылған орган және салыстыру", "По месяцам: обученный орган и сравнение",
                        "Month by month: the trained agency and the comparison"),
    "impact.none_measured": _s("Өлшеуге деректер жеткіліксіз.", "Недостаточно данных для измерения.",
                               "Not enough data to measure any effect yet."),
    "impact.pick": _s("Сессия және сала", "Сессия и область", "Session and area"),
    "impact.comparison": _s("Салыстыру органдары", "Органы для сравнения", "Comparison agencies"),
    "impact.session": _s("Курс: {date}", "Курс: {date}", "Course: {date}"),
    "impact.assumptions": _s(
        "Болжамдар: курссыз органның үлесі салыстыру органдарымен қатар өзгерер еді (параллель үрдістер); сол уақытта органда басқа өзгеріс болған жоқ; жіктеуіштің қателері курсқа дейін және кейін бірдей. Аралық бір органның айлары өзара байланысты болуы мүмкін екенін ескереді: ол орган бойынша кластерлік-тұрақты аралықтың және салыстыру органдарының өз өзгерістерінің шашырауымен кеңейтілген биномдық аралықтың кеңірегі (оқытылған орган біреу ғана болғанда, кластерлік қате өздігінен тым кіші).",
        "Допущения: без курса доля органа менялась бы так же, как у органов сравнения (параллельные тренды); в то же время в органе не было других изменений; ошибки классификатора одинаковы до и после курса. Интервал учитывает, что месяцы одного органа связаны между собой: это более широкий из кластерно-устойчивого интервала по органу и биномиального интервала, расширенного на разброс собственных изменений органов сравнения (при одном обученном органе кластерная ошибка сама по себе занижена).",
        "Assumptions: without the course the agency's share would have moved like the comparison agencies' (parallel trends); nothing else changed at the agency at the same time; the classifier errs alike before and after. The interval allows for an agency's months being correlated: it is the wider of the cluster-robust interval (by agency) and the binomial interval widened by how much the comparison agencies' own changes vary (with a single trained agency the cluster-robust error alone is too small)."),
    "impact.multiple": _s(
        "Бір мезгілде {tests} әсер тексеріледі, сондықтан кездейсоқ «айқын» нәтижелер болады. «Айқын» — Бенджамини–Хохберг бойынша түзетілген p-мәні {fdr} аспайтын әсер (жалған ашылулар үлесі {fdr} шегінде); 95 % аралық әр әсердің өзінікі.",
        "Одновременно проверяется {tests} эффектов, и часть «явных» результатов была бы случайной. «Явный» — эффект с p-значением, скорректированным по Бенджамини–Хохбергу, не выше {fdr} (доля ложных открытий не более {fdr}); 95 % интервал — собственный для каждого эффекта.",
        "{tests} effects are tested at once, so some would look clear by chance alone. \"Clear\" means a p-value adjusted by Benjamini–Hochberg of at most {fdr} (false discovery rate {fdr}); each 95 % interval is the effect's own."),
    "column.session_date": _s("Сессия күні", "Дата сессии", "Session date"),
    "column.staff_trained": _s("Оқытылғандар", "Обучено", "Staff trained"),
    "column.treated_before_rate": _s("Дейін", "До", "Before"),
    "column.treated_after_rate": _s("Кейін", "После", "After"),
    "column.control_before_rate": _s("Салыстыру: дейін", "Сравнение: до", "Comparison: before"),
    "column.control_after_rate": _s("Салыстыру: кейін", "Сравнение: после", "Comparison: after"),
    "column.control_agencies": _s("Салыстыру органдары", "Органов для сравнения", "Comparison agencies"),
    "column.effect": _s("Әсер, п.т.", "Эффект, п.п.", "Effect, pp"),
    "column.effect_interval": _s("95 % аралық, п.т.", "95 % интервал, п.п.", "95 % interval, pp"),
    "column.p_value": _s("p-мәні", "p-значение", "p-value"),
    "column.p_adjusted": _s("Түзетілген p-мәні", "Скорректированное p-значение", "Adjusted p-value"),
    "column.is_significant": _s("Айқын (түзетуден кейін)", "Явный (после поправки)", "Clear (after adjustment)"),
    # ---------------------------------------------------------------- equity (issue 13, part 3)
    "page.equity": _s("Теңдік", "Равенство", "Equity"),
    "equity.intro": _s(
        "Азаматтар топтары (жынысы, жасы, мүгедектігі, ауылда тұруы және олардың қиылысы) бірдей қызмет ала ма: уақытылы жауап үлесі, жауапқа дейінгі күндер, қанағаттану және салалар бойынша шағымдар. Ауыл тұрғындары басқа органдарға жазады, сондықтан салыстыру әр органның ішінде жүргізіледі (Мантель–Хензель), содан кейін ел бойынша біріктіріледі. Кезең: {start} — {end}.",
        "Одинаково ли обслуживаются группы граждан (пол, возраст, инвалидность, проживание в сельской местности и их пересечение): доля ответов в срок, дни до ответа, удовлетворённость и жалобы по областям. Сельские жители пишут в другие органы, поэтому сравнение ведётся внутри каждого органа (Мантель–Хензель) и затем объединяется по стране. Период: {start} — {end}.",
        "Are groups of citizens (sex, age, disability, rural residence and their intersection) served alike: on-time answers, days to answer, satisfaction and complaints per area. Rural residents write to other agencies, so each comparison is made within each agency (Mantel-Haenszel) and then pooled for the country. Period: {start} to {end}."),
    "equity.period": _s("Кезең: {start} — {end}.", "Период: {start} — {end}.", "Period: {start} to {end}."),
    "equity.no_data": _s("Бұл кезеңде топтар бойынша деректер жоқ.", "За этот период нет данных по группам.",
                         "No data on groups of citizens in this period."),
    "equity.dimension": _s("Топтау", "Группировка", "Grouping"),
    "equity.dimension.sex": _s("Жынысы", "Пол", "Sex"),
    "equity.dimension.age_band": _s("Жас тобы", "Возрастная группа", "Age band"),
    "equity.dimension.disability": _s("Мүгедектік", "Инвалидность", "Disability"),
    "equity.dimension.rural": _s("Тұрғылықты жері", "Место проживания", "Residence"),
    "equity.dimension.rural_disability": _s("Тұрғылықты жері × мүгедектік", "Место проживания × инвалидность",
                                            "Residence × disability"),
    "equity.group.sex.female": _s("Әйелдер", "Женщины", "Women"),
    "equity.group.sex.male": _s("Ерлер", "Мужчины", "Men"),
    "equity.group.age_band": _s("{band} жас", "{band} лет", "aged {band}"),
    "equity.group.disability.yes": _s("мүгедектігі бар", "с инвалидностью", "with a disability"),
    "equity.group.disability.no": _s("мүгедектігі жоқ", "без инвалидности", "without a disability"),
    "equity.group.rural.yes": _s("ауыл тұрғындары", "сельские жители", "rural residents"),
    "equity.group.rural.no": _s("қала тұрғындары", "городские жители", "urban residents"),
    "equity.group.unknown": _s("көрсетілмеген", "не указано", "not recorded"),
    "equity.group.unrecognised": _s("танылмаған мән", "нераспознанное значение", "unrecognised value"),
    "equity.measure.on_time": _s("Уақытылы жауаптар", "Ответы в срок", "On-time answers"),
    "equity.measure.days_to_answer": _s("Жауапқа дейінгі күндер", "Дней до ответа", "Days to answer"),
    "equity.measure.satisfaction": _s("Қанағаттану (1–5)", "Удовлетворённость (1–5)", "Satisfaction (1-5)"),
    "equity.measure.negative": _s("Шағымдар: {area}", "Жалобы: {area}", "Complaints: {area}"),
    "equity.unit.days": _s("{value} күн", "{value} дн.", "{value} days"),
    "equity.unit.points": _s("{value} балл", "{value} балла", "{value} points"),
    "equity.kpi.tested": _s("Тексерілген салыстырулар", "Проверено сравнений", "Comparisons tested"),
    "equity.kpi.national": _s("Ел бойынша кемсіту", "Неравенство по стране", "Disadvantages, country"),
    "equity.kpi.agencies": _s("Органдардағы кемсіту", "Неравенство в органах", "Disadvantages in agencies"),
    "equity.kpi.hidden": _s("Жасырын ұяшықтар", "Скрытые ячейки", "Hidden cells"),
    "equity.national": _s("Ел бойынша (органдар ішінде салыстырылған)", "По стране (сравнение внутри органов)",
                          "Country (compared within agencies)"),
    "equity.national_caption": _s(
        "Айырма — органдар ішіндегі айырмалардың Мантель–Хензель салмақтаған орташасы; «тікелей айырма» органдарды ескермейді. Бір мезгілде {tests} салыстыру тексеріледі: «айқын» — Бенджамини–Хохберг бойынша түзетілген p-мәні {fdr} аспайтын айырма.",
        "Разница — средняя разниц внутри органов с весами Мантеля–Хензеля; «прямая разница» органы не учитывает. Одновременно проверяется {tests} сравнений: «явная» — разница с p-значением, скорректированным по Бенджамини–Хохбергу, не выше {fdr}.",
        "The difference is the Mantel-Haenszel weighted mean of the differences within agencies; the crude difference ignores agencies. {tests} comparisons are tested at once: \"clear\" means a Benjamini-Hochberg adjusted p-value of at most {fdr}."),
    "equity.agencies": _s("Органдар ішінде", "Внутри органов", "Within agencies"),
    "equity.agencies_caption": _s(
        "Тек екі топ та көрсетілген және әрқайсысында кемінде {k} мән бар жерде салыстырылады. {tests} салыстыру, Бенджамини–Хохберг түзетуі. Айқын кемсіту органның инклюзивтілік басымдығына қосылады (оқыту жоспары).",
        "Сравнивается, только где обе группы показаны и в каждой не менее {k} значений. {tests} сравнений, поправка Бенджамини–Хохберга. Явное неравенство добавляется к приоритету инклюзивности органа (план обучения).",
        "Compared only where both groups are shown and each has at least {k} values. {tests} comparisons, Benjamini-Hochberg adjusted. A clear disadvantage adds to the agency's inclusiveness priority (training plan)."),
    "equity.only_clear": _s("Тек айқын айырмалар", "Только явные разницы", "Clear differences only"),
    "equity.groups": _s("Топтардың көрсеткіштері", "Показатели групп", "Figures of the groups"),
    "equity.groups_caption": _s(
        "{k} өтініштен аз топ көрсетілмейді, сондай-ақ оны шегеру арқылы есептеуге мүмкіндік беретін ұяшықтар да жасырылады (органның жалпы саны, ел бойынша топ, қиылыстар).",
        "Группа меньше {k} обращений не показывается; скрыты и ячейки, из которых её можно вычислить вычитанием (итог органа, группа по стране, пересечения).",
        "A group of fewer than {k} appeals is not shown, nor is any cell it could be worked out from by subtraction (the agency's total, the country's group, the intersections)."),
    "equity.hidden.primary": _s("жасырын: {k}-ден аз", "скрыто: меньше {k}", "hidden: fewer than {k}"),
    "equity.hidden.complementary": _s("жасырын: қорғау үшін", "скрыто: для защиты", "hidden: protects another"),
    "equity.scope.national": _s("Бүкіл ел", "Вся страна", "Whole country"),
    "column.group": _s("Топ", "Группа", "Group"),
    "column.reference": _s("Салыстыру тобы", "Группа сравнения", "Compared with"),
    "column.measure": _s("Көрсеткіш", "Показатель", "Measure"),
    "column.group_figure": _s("Топ көрсеткіші", "Показатель группы", "Group's figure"),
    "column.reference_figure": _s("Салыстыру тобының көрсеткіші", "Показатель группы сравнения",
                                  "Reference group's figure"),
    "column.difference": _s("Айырма (органдар ішінде)", "Разница (внутри органов)", "Difference (within agencies)"),
    "column.crude_difference": _s("Тікелей айырма", "Прямая разница", "Crude difference"),
    "column.interval": _s("95 % аралық", "95 % интервал", "95 % interval"),
    "column.strata": _s("Салыстырылған органдар", "Органов в сравнении", "Agencies compared"),
    "column.is_disadvantage": _s("Айқын кемсіту", "Явное неравенство", "Clear disadvantage"),
    "column.on_time_rate": _s("Уақытылы", "В срок", "On time"),
    "column.on_time_interval": _s("Уақытылы, 95 % аралық", "В срок, 95 % интервал", "On time, 95 % interval"),
    "column.mean_days": _s("Орташа күн", "Среднее дней", "Mean days"),
    "column.hidden": _s("Жасырын", "Скрыто", "Hidden"),
    "column.equity_part": _s("Теңсіздік (өлшенген п.т.)", "Неравенство (взвеш. п.п.)", "Unequal treatment (weighted pp)"),
    "plan.reason.equity": _s(
        "Теңсіздік: {group} {reference} салыстырғанда — {measure} {shortfall} нашар (түзетілген p {p}); инклюзивтілік басымдығына {part} қосады; барлығы {findings} айқын кемсіту.",
        "Неравенство: {group} по сравнению с группой «{reference}» — {measure} хуже на {shortfall} (скорр. p {p}); добавляет {part} к приоритету инклюзивности; всего явных неравенств: {findings}.",
        "Unequal treatment: {group} against {reference}: {measure} worse by {shortfall} (adjusted p {p}); adds {part} to the inclusiveness priority; {findings} clear disadvantage(s) in all."),
    "cli.equity_title": _s("Теңдік: органдар ішіндегі айқын айырмалар", "Равенство: явные разницы внутри органов",
                           "Equity: clear differences within agencies"),
    "cli.equity_national_title": _s("Теңдік: ел бойынша", "Равенство: по стране", "Equity: country"),
    "cli.equity_none": _s("Айқын айырма табылмады.", "Явных разниц не найдено.", "No clear difference found."),
    # ---------------------------------------------------------------- early warning (alerts)
    "page.alerts": _s("Ескертулер", "Оповещения", "Alerts"),
    "alerts.intro": _s(
        "Органға келген өтініштер немесе бір сала бойынша шағымдар өз тарихы күткеннен асып кеткен айлар. "
        "Базалық деңгей алдыңғы айлардан есептеледі: маусымдылық пен көлемді басқа органдардың сол айдағы "
        "өтініштері береді, тренд маңызды болса ғана ескеріледі. Көп қатар бір мезгілде тексерілгендіктен, "
        "ескерту түзетілген p-мәні {fdr} аспағанда ғана беріледі.",
        "Месяцы, когда обращения в орган или жалобы по одной сфере превысили то, что предсказывает их собственная "
        "история. Базовый уровень рассчитывается по предыдущим месяцам: сезонность и объём задают обращения во все "
        "другие органы в том же месяце, тренд учитывается, только если он значим. Рядов проверяется много, "
        "поэтому оповещение выдаётся, только если скорректированное p-значение не больше {fdr}.",
        "Months in which an agency's appeals, or its complaints about one area, rose beyond what their own history "
        "predicts. The baseline comes from the months before: the appeals to every other agency that month carry "
        "the season and the volume, and a trend counts only when it is significant. Many series are tested at "
        "once, so an alert needs an adjusted p-value of at most {fdr}."),
    "alerts.none": _s("Ескерту жоқ: соңғы айларда күтпеген өсу табылмады.",
                      "Оповещений нет: в последние месяцы неожиданного роста не найдено.",
                      "No alerts: no unexpected rise in the latest months."),
    "alerts.new": _s("Жаңа", "Новые", "New"),
    "alerts.sent": _s("Жіберілген, расталмаған", "Отправлены, не подтверждены", "Sent, not acknowledged"),
    "alerts.acknowledged": _s("Расталған", "Подтверждены", "Acknowledged"),
    "alerts.show": _s("Көрсету", "Показать", "Show"),
    "alerts.open": _s("Расталмағандар", "Неподтверждённые", "Not acknowledged"),
    "alerts.all": _s("Барлығы", "Все", "All"),
    "alerts.choose": _s("Ескертуді таңдаңыз", "Выберите оповещение", "Choose an alert"),
    "alerts.metric.negative": _s("«{area}» бойынша шағымдар", "Жалобы: «{area}»", "Complaints about {area}"),
    "alerts.metric.volume": _s("Барлық өтініштер", "Все обращения", "All appeals"),
    "alerts.metric.theme": _s("«{theme}» тақырыбындағы өтініштер", "Обращения по теме «{theme}»",
                              "Appeals on the theme \"{theme}\""),
    "alerts.all_agencies": _s("Барлық органдар", "Все органы", "All agencies"),
    "alerts.whole_country": _s("Бүкіл ел", "Вся страна", "Whole country"),
    "alerts.evidence": _s(
        "{month}: {observed} өтініш, күтілгені {expected} (95 % болжам аралығы {lower}–{upper}); "
        "p = {p}, түзетілген p = {q} ({tests} қатар тексерілді).",
        "{month}: {observed} обращений при ожидаемых {expected} (95 % интервал прогноза {lower}–{upper}); "
        "p = {p}, скорректированное p = {q} (проверено рядов: {tests}).",
        "{month}: {observed} appeals against an expected {expected} (95 % prediction interval {lower}–{upper}); "
        "p = {p}, adjusted p = {q} ({tests} series tested)."),
    "alerts.chart_title": _s("Қатар және оның базалық деңгейі", "Ряд и его базовый уровень", "The series and its baseline"),
    "alerts.chart.count": _s("Өтініштер", "Обращения", "Appeals"),
    "alerts.chart.expected": _s("Күтілгені", "Ожидалось", "Expected"),
    "alerts.chart.band": _s("95 % болжам аралығы", "95 % интервал прогноза", "95 % prediction interval"),
    "alerts.chart.alert": _s("Ескерту", "Оповещение", "Alert"),
    "alerts.acknowledge": _s("Растау", "Подтвердить", "Acknowledge"),
    "alerts.ack_note": _s("Ескертпе (міндетті емес)", "Примечание (необязательно)", "Note (optional)"),
    "alerts.ack_queued": _s(
        "Расталды. Жазба келесі жаңартудан кейін көрінеді.",
        "Подтверждено. Запись появится после следующего обновления.",
        "Acknowledged. It shows as stored after the next update."),
    "alerts.ack_pending": _s("{user} растады ({at}), жазу күтілуде.", "Подтвердил(а) {user} ({at}), ожидает записи.",
                             "Acknowledged by {user} ({at}), waiting to be stored."),
    "alerts.ack_done": _s("{user} растады: {at}.", "Подтвердил(а) {user}: {at}.", "Acknowledged by {user} on {at}."),
    "alerts.examples": _s("Мысал өтініштер", "Примеры обращений", "Example appeals"),
    "alerts.examples_hidden": _s(
        "Мысал мәтіндерді тек мәтін оқи алатын рөлдер көреді.",
        "Тексты примеров видят только роли с доступом к текстам.",
        "Only roles that may read texts see the example texts."),
    "alerts.digest_subject": _s("Тыңдау: {count} жаңа ескерту", "Тыңдау: новых оповещений — {count}",
                                "Tyndau: {count} new alert(s)"),
    "alerts.digest_intro": _s(
        "Расталмаған жаңа ескертулер. Толығы және мысалдар — бақылау тақтасының «Ескертулер» бетінде.",
        "Новые неподтверждённые оповещения. Подробности и примеры — на странице «Оповещения» панели.",
        "New alerts nobody has acknowledged yet. Details and examples are on the dashboard's Alerts page."),
    "cli.alerts_title": _s("Ескертулер", "Оповещения", "Alerts"),
    "alerts.col_series": _s("Орган және көрсеткіш", "Орган и показатель", "Agency and measure"),
    "alerts.col_evidence": _s("Дәлел", "Доказательства", "Evidence"),
    "value.alert_status.new": _s("жаңа", "новое", "new"),
    "value.alert_status.sent": _s("жіберілген", "отправлено", "sent"),
    "value.alert_status.acknowledged": _s("расталған", "подтверждено", "acknowledged"),
    "value.metric.negative": _s("шағымдар", "жалобы", "complaints"),
    "value.metric.volume": _s("өтініштер саны", "число обращений", "appeal volume"),
    "value.metric.theme": _s("пайда болып жатқан тақырып", "возникающая тема", "emerging theme"),
    "column.alert_id": _s("Ескерту", "Оповещение", "Alert"),
    "column.metric": _s("Көрсеткіш", "Показатель", "Measure"),
    "column.agency_key": _s("Орган коды", "Код органа", "Agency code"),
    "column.observed": _s("Байқалғаны", "Наблюдалось", "Observed"),
    "column.expected": _s("Күтілгені", "Ожидалось", "Expected"),
    "column.lower": _s("Аралықтың төменгі шегі", "Нижняя граница интервала", "Interval low"),
    "column.upper": _s("Аралықтың жоғарғы шегі", "Верхняя граница интервала", "Interval high"),
    "column.q_value": _s("Түзетілген p-мәні", "Скорректированное p-значение", "Adjusted p-value"),
    "column.acknowledged_by": _s("Растаған", "Подтвердил(а)", "Acknowledged by"),
    "column.acknowledged_at": _s("Расталған уақыты", "Время подтверждения", "Acknowledged at"),
    "column.example_ids": _s("Мысал өтініштер", "Примеры обращений", "Example appeals"),
    # ---------------------------------------------------------------- emerging themes (issue 13, tyndau topics)
    "page.emerging_themes": _s("Пайда болып жатқан тақырыптар", "Возникающие темы", "Emerging themes"),
    "topics.title": _s("Пайда болып жатқан тақырыптар", "Возникающие темы", "Emerging themes"),
    "topics.intro": _s(
        "Өтініштер мағынасы бойынша топтастырылған: қазақ, орыс және ағылшын тіліндегі мәтіндер бірге, құзыреттілік саласы жоқтары да. Атауы — тақырыптың осы тілдегі мәтіндерінің негізгі тіркестері. «Жаңа» — өтініштерінің {share} аспайтыны соңғы {months} айдан бұрын түскен; «өсуде» — соңғы {months} айдағы үлесі бұрынғыдан жоғары, қатынастың 95 % аралығы 1-ден жоғары.",
        "Обращения сгруппированы по смыслу: тексты на казахском, русском и английском вместе, включая тексты без области компетенций. Название — ключевые фразы текстов темы на этом языке. «Новая» — не более {share} обращений темы пришли раньше последних {months} мес.; «растёт» — доля темы за последние {months} мес. выше прежней, 95 % интервал отношения выше 1.",
        "Appeals grouped by meaning: texts in Kazakh, Russian and English together, including texts with no competency area. A name is the key phrases of the theme's texts in that language. \"New\": at most {share} of the theme's appeals came before the last {months} months; \"growing\": its share of appeals in the last {months} months is higher than before, with the 95 % interval of the ratio above 1."),
    "topics.none": _s("Жаңа тақырыптар әлі табылмаған: жазу жағында `tyndau topics build` іске қосыңыз.",
                      "Новые темы ещё не найдены: запустите `tyndau topics build` на стороне записи.",
                      "No emerging themes yet: run `tyndau topics build` on the writer side."),
    "topics.unnamed": _s("(атауы жоқ)", "(без названия)", "(no name)"),
    "topics.label_other_language": _s("{label} [{language}: бұл тілде мәтін жоқ]", "{label} [{language}: текстов на этом языке нет]",
                                      "{label} [{language}: no text in this language]"),
    "topics.new": _s("Жаңа", "Новая", "New"),
    "topics.growing": _s("Өсуде", "Растёт", "Growing"),
    "topics.count": _s("Тақырыптар", "Темы", "Themes"),
    "topics.new_count": _s("Жаңа тақырыптар", "Новые темы", "New themes"),
    "topics.growing_count": _s("Өсіп жатқан тақырыптар", "Растущие темы", "Growing themes"),
    "topics.choose": _s("Тақырып", "Тема", "Theme"),
    "topics.trend": _s("Айлар бойынша өтініштер", "Обращения по месяцам", "Appeals per month"),
    "topics.agencies": _s("Органдар", "Органы", "Agencies"),
    "topics.regions": _s("Өңірлер", "Регионы", "Regions"),
    "topics.examples": _s("Мысал мәтіндер", "Примеры текстов", "Example texts"),
    "topics.map_title": _s("Тақырыпты құзыреттілік саласына байланыстыру", "Связать тему с областью компетенций",
                           "Map the theme to a competency area"),
    "topics.map_intro": _s(
        "Тақырып орталығына ең жақын өтініштердің {share} бөлігі осы саламен түзету ретінде кезекке қойылады; классификатор `tyndau train --db` кезінде олардан үйренеді.",
        "Доля {share} обращений темы, ближайших к её центру, ставится в очередь как исправления с этой областью; классификатор учится на них при `tyndau train --db`.",
        "The {share} of the theme's appeals closest to its centre are queued as corrections with this area; the classifier learns from them in `tyndau train --db`."),
    "topics.map_area": _s("Сала", "Область", "Area"),
    "topics.map_polarity": _s("Бағыты", "Тональность", "Polarity"),
    "topics.map_submit": _s("Түзетулерді кезекке қою", "Поставить исправления в очередь", "Queue the corrections"),
    "topics.map_queued": _s("{n} түзету кезекке қойылды.", "В очередь поставлено исправлений: {n}.", "{n} corrections queued."),
    "column.theme_no": _s("Тақырып №", "Тема №", "Theme no."),
    "column.theme_label": _s("Тақырып", "Тема", "Theme"),
    "column.with_area": _s("Саласы бар", "С областью", "With an area"),
    "column.theme_flag": _s("Белгі", "Отметка", "Flag"),
    "column.recent": _s("Соңғы айлар", "Последние месяцы", "Recent months"),
    "column.earlier": _s("Бұрын", "Ранее", "Earlier"),
    "column.share_ratio": _s("Үлес қатынасы", "Отношение долей", "Share ratio"),
    "column.ratio_interval": _s("95 % аралық", "95 % интервал", "95 % interval"),
    "column.registered_month": _s("Ай", "Месяц", "Month"),
    "column.share_of_month": _s("Ай үлесі", "Доля месяца", "Share of the month"),
    "column.similarity": _s("Ұқсастық", "Сходство", "Similarity"),
    # ---------------------------------------------------------------- open data: tyndau publish
    "publish.title": _s("Еститін мемлекет: өтініштерге жауаптың ашық деректері",
                        "Слышащее государство: открытые данные об ответах на обращения",
                        "Listening State: open data on how appeals are answered"),
    "publish.intro": _s(
        "Азаматтардың өтініштеріне мемлекеттік органдар қалай жауап беретіні: өтініштер саны, мерзімінде жауап үлесі, жауапқа дейінгі күндер және қанағаттану. Тек жиынтық сандар: мәтін де, адамдардың идентификаторы да жоқ. Кезең: {start} – {end}.",
        "Как государственные органы отвечают на обращения граждан: число обращений, доля ответов в срок, дни до ответа и удовлетворённость. Только агрегированные числа: ни текстов, ни идентификаторов людей. Период: {start} – {end}.",
        "How public agencies answer citizens' appeals: numbers of appeals, the share answered on time, days to an answer and satisfaction. Aggregates only: no texts and no identifiers of people. Period: {start} – {end}."),
    "publish.threshold": _s(
        "{k} өтініштен (немесе бағадан) аз ұяшықтар жасырылған, сондай-ақ оларды жиындардан есептеп шығаруға болмайтындай кейбір басқа ұяшықтар да. Жасырылған мән «{hidden}» болып көрсетіледі.",
        "Ячейки меньше {k} обращений (или оценок) скрыты, а также некоторые другие — так, чтобы скрытое нельзя было вычислить из итогов. Скрытое значение показано как «{hidden}».",
        "Cells of fewer than {k} appeals (or ratings) are hidden, and so are some others, so that no hidden figure can be worked out from the totals. A hidden figure reads “{hidden}”."),
    "publish.languages": _s("Тілді таңдау", "Выбор языка", "Choose a language"),
    "publish.skip": _s("Негізгі мазмұнға өту", "Перейти к содержанию", "Skip to the content"),
    "publish.country": _s("Барлық ел", "Вся страна", "Whole country"),
    "publish.monthly": _s("Ай сайынғы өтініштер және мерзімінде жауап", "Обращения и ответы в срок по месяцам",
                          "Appeals and answers on time, month by month"),
    "publish.monthly_alt": _s(
        "Диаграмма: ел бойынша әр айдағы өтініштер саны (бағандар) және мерзімінде жауап үлесі (сызық). Сандар төмендегі кестеде.",
        "Диаграмма: число обращений по стране за каждый месяц (столбцы) и доля ответов в срок (линия). Числа — в таблице ниже.",
        "Chart: appeals in the whole country each month (bars) and the share answered on time (line). The numbers are in the table below."),
    "publish.regions": _s("Өңірлер: мерзімінде жауап үлесі, бүкіл кезең", "Регионы: доля ответов в срок за весь период",
                          "Regions: share answered on time, whole period"),
    "publish.regions_alt": _s(
        "Диаграмма: әр өңірдегі мерзімінде жауап үлесі, бүкіл кезең үшін. Сандар төмендегі кестеде.",
        "Диаграмма: доля ответов в срок в каждом регионе за весь период. Числа — в таблице ниже.",
        "Chart: the share answered on time in each region over the whole period. The numbers are in the table below."),
    "publish.areas": _s("Құзыреттілік салалары бойынша өтініштер, бүкіл кезең",
                        "Обращения по областям компетенций за весь период",
                        "Appeals by competency area, whole period"),
    "publish.areas_alt": _s(
        "Диаграмма: әр құзыреттілік саласы туралы айтатын өтініштер саны, ел бойынша бүкіл кезең үшін. Сандар төмендегі кестеде.",
        "Диаграмма: число обращений, говорящих о каждой области компетенций, по стране за весь период. Числа — в таблице ниже.",
        "Chart: the number of appeals that speak about each competency area, whole country, whole period. The numbers are in the table below."),
    "publish.agencies": _s("Органдар, бүкіл кезең", "Органы за весь период", "Agencies, whole period"),
    "publish.table": _s("Кесте: {title}", "Таблица: {title}", "Table: {title}"),
    "publish.downloads": _s("Деректерді жүктеу", "Скачать данные", "Download the data"),
    "publish.downloads_intro": _s(
        "Кестелер CSV (UTF-8) және Parquet пішімдерінде; сипаттамасы Frictionless Data Package стандартында (datapackage.json).",
        "Таблицы в форматах CSV (UTF-8) и Parquet; описание — по стандарту Frictionless Data Package (datapackage.json).",
        "The tables as CSV (UTF-8) and Parquet; described by a Frictionless Data Package (datapackage.json)."),
    "publish.dictionary": _s("Деректер сөздігі", "Словарь данных", "Data dictionary"),
    "publish.field": _s("Өріс", "Поле", "Field"),
    "publish.type": _s("Түрі", "Тип", "Type"),
    "publish.meaning": _s("Мағынасы", "Значение", "Meaning"),
    "publish.method": _s("Әдіс", "Методика", "Method"),
    "publish.method_text": _s(
        "«ALL» мәні — барлық органдар, өңірлер немесе айлар бойынша жиын. Шағын ұяшық (шектен аз) жасырылады; жиын мен көрінетін бөліктердің айырмасы жасырылған ұяшықты ашпауы үшін қосымша ұяшықтар да жасырылады, және бұл сызықтық алгебрамен тексеріледі. Қанағаттану бағаларына жеке тексеру жасалады. Жауап күндерінің медианасы шектен аз жауап болғанда көрсетілмейді.",
        "Значение «ALL» — итог по всем органам, регионам или месяцам. Малая ячейка (меньше порога) скрыта; чтобы разность итога и видимых частей не раскрывала её, скрываются и дополнительные ячейки, что проверяется линейной алгеброй. Для оценок удовлетворённости — отдельная проверка. Медиана дней до ответа не показывается, если ответов меньше порога.",
        "“ALL” means the total over every agency, region or month. A small cell (under the threshold) is hidden; so that a total minus its visible parts cannot reveal it, further cells are hidden too, and this is checked with linear algebra. Satisfaction ratings are checked on their own. The median days to an answer is not shown when fewer answers than the threshold stand behind it."),
    "publish.resource.responsiveness": _s("Жауап беру: орган, өңір және ай бойынша", "Оперативность: по органам, регионам и месяцам",
                                          "Responsiveness per agency, region and month"),
    "publish.resource.areas": _s("Салалар бойынша өтініштер: орган, өңір және ай бойынша",
                                 "Обращения по областям: по органам, регионам и месяцам",
                                 "Appeals by area per agency, region and month"),
    "publish.field.month": _s("Тіркелген ай (ЖЖЖЖ-АА) немесе ALL — бүкіл кезең", "Месяц регистрации (ГГГГ-ММ) или ALL — весь период",
                              "Month of registration (YYYY-MM), or ALL for the whole period"),
    "publish.field.agency_key": _s("Орган коды немесе ALL — барлық органдар", "Код органа или ALL — все органы",
                                   "Agency code, or ALL for every agency"),
    "publish.field.agency_name": _s("Орган атауы ({language})", "Название органа ({language})", "Agency name ({language})"),
    "publish.field.region_key": _s("Өңір коды (ҚАТО) немесе ALL — барлық өңірлер", "Код региона (КАТО) или ALL — все регионы",
                                   "Region code (KATO), or ALL for every region"),
    "publish.field.region_name": _s("Өңір атауы ({language})", "Название региона ({language})", "Region name ({language})"),
    "publish.field.area": _s("Құзыреттілік саласының коды", "Код области компетенций", "Competency area code"),
    "publish.field.area_name": _s("Сала атауы ({language})", "Название области ({language})", "Area name ({language})"),
    "publish.field.appeals": _s("Тіркелген өтініштер", "Зарегистрированные обращения", "Appeals registered"),
    "publish.field.area_appeals": _s("Осы сала туралы айтатын өтініштер (бір өтініш бірнеше салаға жатуы мүмкін)",
                                     "Обращения, говорящие об этой области (одно обращение может касаться нескольких)",
                                     "Appeals that speak about this area (one appeal can touch several areas)"),
    "publish.field.answered": _s("Түпкілікті жауап берілген өтініштер", "Обращения с окончательным ответом",
                                 "Appeals with a final answer"),
    "publish.field.decided": _s("Шешімі белгілі өтініштер: жауап берілген немесе мерзімі өткен",
                                "Обращения с известным исходом: с ответом или с истёкшим сроком",
                                "Appeals whose outcome is known: answered, or past the deadline"),
    "publish.field.on_time": _s("Заңды мерзімде жауап берілген өтініштер", "Обращения с ответом в законный срок",
                                "Appeals answered within the legal term"),
    "publish.field.on_time_share": _s("Мерзімінде жауап үлесі (on_time / decided, 0–1)", "Доля ответов в срок (on_time / decided, 0–1)",
                                      "Share answered on time (on_time / decided, 0–1)"),
    "publish.field.median_days_to_answer": _s("Түпкілікті жауапқа дейінгі күндер медианасы", "Медиана дней до окончательного ответа",
                                              "Median days to the final answer"),
    "publish.field.rated": _s("Жауапты бағалаған өтініштер", "Обращения с оценкой ответа", "Appeals whose answer was rated"),
    "publish.field.mean_satisfaction": _s("Орташа қанағаттану бағасы (1–5)", "Средняя оценка удовлетворённости (1–5)",
                                          "Mean satisfaction rating (1–5)"),
    "publish.field.suppressed": _s("Шағын топтарды қорғау үшін сандар жасырылған", "Числа скрыты для защиты малых групп",
                                   "Figures hidden to protect small groups"),
    "publish.field.satisfaction_suppressed": _s("Бағалар жасырылған (rated, mean_satisfaction)",
                                                "Оценки скрыты (rated, mean_satisfaction)",
                                                "Ratings hidden (rated, mean_satisfaction)"),
}


def add_strings(strings: dict[str, dict[str, str]]) -> None:
    """Register a page's own strings; each needs all three languages and a key nobody else uses."""
    for key, values in strings.items():
        missing = [lang for lang in LANGUAGES if not values.get(lang)]
        if missing:
            raise ValueError(f"String {key!r} lacks {', '.join(missing)}.")
        if key in STRINGS and STRINGS[key] != values:
            raise ValueError(f"String {key!r} is already defined differently.")
        STRINGS[key] = values


def text(key: str, lang: str, **values) -> str:
    entry = STRINGS[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template


def current_language() -> str:
    import streamlit as st

    lang = st.session_state.get(SESSION_KEY)
    if lang in LANGUAGES:
        return lang
    from dashboard.data import settings

    configured = settings().dashboard_language
    return configured if configured in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values) -> str:
    """The string in the language the user chose."""
    return text(key, current_language(), **values)


def area_name(area_id: str, lang: str | None = None) -> str:
    try:
        return taxonomy_area(area_id).label(lang or current_language())
    except KeyError:
        return area_id


def theme_name(label: str | None, label_language: str | None, lang: str | None = None) -> str:
    """An emerging theme's key phrases in the interface language, or marked as another language's
    (a theme with no text in ``lang`` is named in the language it has most)."""
    lang = lang or current_language()
    if not label:
        return text("topics.unnamed", lang)
    if label_language != lang:
        return text("topics.label_other_language", lang, label=label,
                    language=value_name("language", label_language, lang))
    return label


def value_name(kind: str, value, lang: str | None = None) -> str:
    """A data value in the interface language; unknown values are shown as they are."""
    if value is None:
        return text("value.none", lang or current_language())
    key = f"value.{kind}.{value}"
    return text(key, lang or current_language()) if key in STRINGS else str(value)


# ---------------------------------------------------------------- numbers and dates for the locale
# Babel carries CLDR's rules (a thin space and a decimal comma in kk and ru, month names in each
# language), so no page formats a number with f"{x:,}".


def number(value, lang: str | None = None, digits: int = 0) -> str:
    from babel.numbers import format_decimal

    if value is None or value != value:
        return text("value.none", lang or current_language())
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang or current_language())


def percent(value, lang: str | None = None, digits: int = 1) -> str:
    """A share 0..1 as a percentage."""
    from babel.numbers import format_percent

    if value is None or value != value:
        return text("value.none", lang or current_language())
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(value, format=pattern, locale=lang or current_language())


def signed(value, lang: str | None = None, digits: int = 1) -> str:
    """A change with its sign; a change that rounds to zero reads as no change, not "+0.0"."""
    from babel.numbers import format_decimal

    lang = lang or current_language()
    if value is None or value != value:
        return text("value.none", lang)
    if round(value, digits) == 0:
        return text("unit.no_change", lang)
    pattern = "+#,##0" + ("." + "0" * digits if digits else "") + ";-#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang)


def points(change, lang: str | None = None, digits: int = 1) -> str:
    """A change of a share (0..1) in percentage points, with the unit."""
    lang = lang or current_language()
    if change is None or change != change or round(change * 100, digits) == 0:
        return signed(None if change is None else 0.0, lang)
    return text("unit.pp", lang, value=signed(change * 100, lang, digits))


def month(value, lang: str | None = None) -> str:
    from babel.dates import format_date

    return format_date(value, "LLLL y", locale=lang or current_language())


def day(value, lang: str | None = None) -> str:
    from babel.dates import format_date

    return format_date(value, "medium", locale=lang or current_language())
