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
    "common.show_texts": _s("Мәтіндерді көрсету", "Показать тексты", "Show texts"),
    "common.texts_count": _s("{n} өтініш (ең көбі {limit} көрсетіледі).", "{n} обращений (показано не более {limit}).",
                             "{n} appeals (at most {limit} shown)."),
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
    "value.none": _s("—", "—", "—"),
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
        "Мерзім: тіркелгеннен кейін {days} жұмыс күні (демалыс және мереке күндері есептелмейді), ұзартылса — {ext} күнге дейін.",
        "Срок: {days} рабочих дней после регистрации (без выходных и праздников), при продлении — до {ext} дней.",
        "Term: {days} working days after registration (weekends and public holidays excluded), up to {ext} days when extended."),
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
    "themes.all_scope": _s("барлық таңдалған өтініштер", "все выбранные обращения", "all selected appeals"),
    # ---------------------------------------------------------------- search and reading
    "search.query": _s("Мәтіндерден іздеу", "Поиск по текстам", "Search the texts"),
    "search.placeholder": _s("мысалы: пандус", "например: пандус", "e.g. ramp"),
    "search.results": _s("{n} мәтін табылды (ең жақсылары алдымен).", "Найдено текстов: {n} (лучшие совпадения первыми).",
                         "{n} texts found (best matches first)."),
    "search.none": _s("Ештеңе табылмады.", "Ничего не найдено.", "Nothing found."),
    "search.hint": _s("Сөздерді енгізіңіз; сүзгілер бүйірлік панельде.", "Введите слова; фильтры — на боковой панели.",
                      "Type some words; the filters are in the sidebar."),
    "reader.pick": _s("Оқу үшін мәтінді таңдаңыз", "Выберите текст для чтения", "Choose a text to read"),
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
    "training.examples": _s("Олқылықтың артындағы мәтіндер", "Тексты за дефицитом", "Texts behind the gap"),
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
    "plan.value": _s("Жабылатын олқылық", "Закрываемый дефицит", "Gap closed"),
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
    "impact.significant": _s("Нөлден айқын өзгеше", "Явно отличны от нуля", "Clearly not zero"),
    "impact.effects": _s("Сессиялар мен салалар бойынша әсер", "Эффект по сессиям и областям",
                         "Effect per session and area"),
    "impact.chart_caption": _s("Ең айқын {n} әсер (нөлден ең алыс); кестеде барлығы бар.",
                               "{n} самых явных эффектов (дальше всего от нуля); в таблице — все.",
                               "The {n} clearest effects (furthest from zero); the table has them all."),
    "impact.effect_axis": _s("Шағым үлесінің өзгерісі, п.т.", "Изменение доли жалоб, п.п.",
                             "Change in the complaint share, pp"),
    "impact.date": _s("Күні", "Дата", "Date"),
    "impact.staff": _s("Оқытылғандар", "Обучено", "Staff trained"),
    "impact.before": _s("Дейін", "До", "Before"),
    "impact.after": _s("Кейін", "После", "After"),
    "impact.control_before": _s("Салыстыру: дейін", "Сравнение: до", "Comparison: before"),
    "impact.control_after": _s("Салыстыру: кейін", "Сравнение: после", "Comparison: after"),
    "impact.controls": _s("Салыстыру органдары", "Органов для сравнения", "Comparison agencies"),
    "impact.effect": _s("Әсер, п.т.", "Эффект, п.п.", "Effect, pp"),
    "impact.is_significant": _s("Айқын", "Значим", "Clear"),
    "impact.months": _s("Ай сайын: оқытылған орган және салыстыру", "По месяцам: обученный орган и сравнение",
                        "Month by month: the trained agency and the comparison"),
    "impact.none_measured": _s("Өлшеуге деректер жеткіліксіз.", "Недостаточно данных для измерения.",
                               "Not enough data to measure any effect yet."),
    "impact.pick": _s("Сессия және сала", "Сессия и область", "Session and area"),
    "impact.comparison": _s("Салыстыру органдары", "Органы для сравнения", "Comparison agencies"),
    "impact.session": _s("Курс: {date}", "Курс: {date}", "Course: {date}"),
    "impact.assumptions": _s(
        "Болжамдар: курссыз органның үлесі салыстыру тобымен қатар өзгерер еді (параллель үрдістер); сол уақытта басқа өзгеріс болған жоқ; аралық айлар мен өтініштер арасындағы корреляцияны ескермейді, сондықтан тар болуы мүмкін.",
        "Допущения: без курса доля органа менялась бы так же, как у группы сравнения (параллельные тренды); в то же время не было других изменений; интервал не учитывает корреляцию между месяцами и обращениями и может быть узковат.",
        "Assumptions: without the course the agency's share would have moved like the comparison's (parallel trends); nothing else changed at the same time; the interval ignores correlation between months and appeals, so it may be too narrow."),
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


def value_name(kind: str, value, lang: str | None = None) -> str:
    """A data value in the interface language; unknown values are shown as they are."""
    if value is None:
        return text("value.none", lang or current_language())
    key = f"value.{kind}.{value}"
    return text(key, lang or current_language()) if key in STRINGS else str(value)
