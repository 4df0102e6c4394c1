"""Hand-written sentences from which the generator composes appeals, answers and survey comments.

Why hand-written: a classifier evaluated on the sample data must meet phrasing that looks like real
citizens' letters, not one skeleton with swapped nouns. Each competency area has, per polarity and
language, several independent sentences; the generator adds openings, closings, addresses and
details around them and, in letters, greetings, who is writing, where they live, what happened and
since when, and polite formulae (the "Letters" section: none of those is evidence of an area). ``{place}`` marks where an address is inserted; ``{pii}`` where a phone number,
e-mail or IIN is inserted.

Languages: ``kk`` (Kazakh, Cyrillic), ``ru``, ``en``; ``MIXED_*`` are Kazakh–Russian code-switched
texts (labelled ``kk``); Latin-script Kazakh is produced from the Kazakh texts by ``to_latin``, the
informal way people type it on a phone ("jauap joq").
"""

from __future__ import annotations

# --------------------------------------------------------------------------------------------------
# Behavioural evidence: area -> polarity -> language -> sentences
# --------------------------------------------------------------------------------------------------

EVIDENCE: dict[str, dict[str, dict[str, list[str]]]] = {
    "responsiveness": {
        "negative": {
            "ru": [
                "Два месяца назад подал заявление, до сих пор нет никакого ответа.",
                "Срок рассмотрения давно прошёл, а мне так никто и не ответил.",
                "Пришла отписка «вопрос на контроле», по существу ничего не ответили.",
                "Пишу уже третий раз по одному и тому же вопросу, каждый раз тишина.",
                "Мои документы в отделе потеряли, пришлось собирать всё заново.",
                "Обещали перезвонить через неделю, прошёл месяц — ни звонка, ни ответа.",
                "Ответ пришёл через полтора месяца, когда он уже был не нужен.",
            ],
            "kk": [
                "Екі ай бұрын өтініш бердім, әлі күнге дейін ешқандай жауап жоқ.",
                "Қарау мерзімі әлдеқашан өтіп кетті, бірақ маған ешкім жауап берген жоқ.",
                "«Мәселе бақылауда» деген жалпы жауап келді, нақты ештеңе айтылмаған.",
                "Бір мәселе бойынша үшінші рет жазып отырмын, әр жолы үнсіздік.",
                "Құжаттарымды бөлімде жоғалтып алыпты, бәрін қайтадан жинауға тура келді.",
                "Бір аптадан кейін хабарласамыз деді, бір ай өтті — не қоңырау, не жауап жоқ.",
                "Жауап бір жарым айдан кейін келді, ол кезде оның қажеті де қалмады.",
            ],
            "en": [
                "I applied two months ago and still have not received any reply.",
                "The deadline for my appeal passed long ago and nobody has answered.",
                "All I got was a form letter saying the matter is 'under control', with no real answer.",
                "This is the third time I am writing about the same issue and every time there is silence.",
                "The department lost my documents and I had to collect everything again.",
                "They promised to call me back within a week; a month later there is still no call.",
            ],
        },
        "positive": {
            "ru": [
                "Ответ пришёл уже через четыре дня, и вопрос действительно решили.",
                "Спасибо специалисту, который сам позвонил и рассказал, на каком этапе моё заявление.",
                "Приятно удивлён: обращение рассмотрели раньше срока и ответили по существу.",
            ],
            "kk": [
                "Жауап төрт күннен кейін-ақ келді, мәселе шынымен шешілді.",
                "Өтінішім қай кезеңде екенін өзі хабарласып айтқан маманға рахмет.",
                "Өтінішім мерзімінен бұрын қаралып, нақты жауап берілгеніне риза болдым.",
            ],
            "en": [
                "The reply came within four days and the problem was actually solved.",
                "Thanks to the specialist who called me himself to tell me where my application stood.",
                "Pleasantly surprised: my appeal was handled before the deadline with a real answer.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю присылать СМС о том, на каком этапе рассмотрения находится обращение.",
                "Подскажите, пожалуйста, в какой срок обязаны ответить на моё заявление?",
                "Можно ли сделать так, чтобы в ответе указывали конкретные сроки исполнения?",
            ],
            "kk": [
                "Өтініштің қай кезеңде қаралып жатқаны туралы SMS жіберіп отыруды ұсынамын.",
                "Айтыңызшы, менің өтінішіме қанша уақыт ішінде жауап берілуі тиіс?",
                "Жауапта орындаудың нақты мерзімдерін көрсетуге бола ма?",
            ],
            "en": [
                "I suggest sending text messages about the stage my appeal has reached.",
                "Could you tell me within what time you are obliged to answer my application?",
                "Would it be possible to state concrete deadlines for the work in your replies?",
            ],
        },
    },
    "communication": {
        "negative": {
            "ru": [
                "Сотрудник разговаривал со мной грубо и на повышенных тонах.",
                "На мой вопрос специалист только махнул рукой и сказал «читайте сами».",
                "Отказ мне выдали, но так и не объяснили, почему.",
                "Обратился на казахском языке, а мне ответили, что по-казахски здесь не говорят.",
                "Ответ написан таким канцелярским языком, что я ничего не поняла.",
                "Оператор перебивал меня и бросил трубку, не дослушав.",
            ],
            "kk": [
                "Қызметкер менімен дөрекі, айқайлап сөйлесті.",
                "Сұрағыма маман қолын бір сілтеп, «өзіңіз оқыңыз» деді.",
                "Маған бас тартты, бірақ неге екенін түсіндірмеді.",
                "Мемлекеттік тілде сөйлесем, «қазақша түсінбеймін» деп орысша жауап берді.",
                "Жауап сондай кеңсе тілінде жазылған, ештеңе түсінбедім.",
                "Оператор сөзімді бөліп, аяғына дейін тыңдамай трубканы қойып тастады.",
            ],
            "en": [
                "The officer spoke to me rudely and raised his voice.",
                "When I asked a question the specialist waved me away and said 'read it yourself'.",
                "They refused my request but never explained why.",
                "I asked in Kazakh and was told nobody here speaks Kazakh.",
                "The reply was written in such bureaucratic language that I understood nothing.",
                "The operator kept interrupting me and hung up before I had finished.",
            ],
        },
        "positive": {
            "ru": [
                "Специалист терпеливо всё объяснила и ответила на все вопросы.",
                "Спасибо сотруднику, который говорил со мной на казахском и всё понятно растолковал.",
                "Очень вежливое обращение, ко мне отнеслись с уважением.",
            ],
            "kk": [
                "Маман бәрін шыдамдылықпен түсіндіріп, барлық сұрақтарыма жауап берді.",
                "Менімен қазақша сөйлесіп, бәрін түсінікті етіп айтқан қызметкерге рахмет.",
                "Өте сыпайы қарым-қатынас, маған құрметпен қарады.",
            ],
            "en": [
                "The specialist patiently explained everything and answered all my questions.",
                "Thank you to the officer who spoke to me in Kazakh and explained everything clearly.",
                "Very polite treatment; I was treated with respect.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю писать ответы простым языком, без одних только номеров приказов.",
                "Можно ли получить разъяснение решения на русском языке?",
                "Предлагаю проводить для сотрудников обучение вежливому общению с гражданами.",
            ],
            "kk": [
                "Жауаптарды бұйрықтардың нөмірлерімен ғана емес, қарапайым тілмен жазуды ұсынамын.",
                "Шешімнің түсіндірмесін қазақ тілінде алуға бола ма?",
                "Қызметкерлерге азаматтармен сыпайы сөйлесу бойынша оқыту өткізуді ұсынамын.",
            ],
            "en": [
                "I suggest writing replies in plain language, not just citing order numbers.",
                "Could I get an explanation of the decision in Russian?",
                "I propose training staff in polite communication with citizens.",
            ],
        },
    },
    "ethics_integrity": {
        "negative": {
            "ru": [
                "Специалист явно помогает своим знакомым, а остальных отправляет в конец очереди.",
                "Начальник отдела угрожал, что у меня будут проблемы, если я пожалуюсь.",
                "Мне сказали, что документы отправлены, хотя на самом деле их никто не отправлял.",
                "Комиссию по распределению возглавляет родственник одного из участников.",
                "Сотрудница позволяла себе неуместные замечания в мой адрес.",
                "Руководитель использует служебную машину в личных целях, это все видят.",
            ],
            "kk": [
                "Маман өз таныстарына көмектесіп, қалғандарды кезектің соңына жібереді.",
                "Бөлім бастығы шағымдансам, проблема болатынын айтып қорқытты.",
                "Құжаттар жіберілді деп айтты, шын мәнінде оларды ешкім жібермеген.",
                "Бөлу жөніндегі комиссияны қатысушылардың біреуінің туысы басқарады.",
                "Қызметкер әйел маған қатысты орынсыз сөздер айтты.",
                "Басшы қызметтік көлікті жеке мақсатына пайдаланады, мұны бәрі көріп жүр.",
            ],
            "en": [
                "The specialist clearly helps his acquaintances and sends everyone else to the back of the queue.",
                "The head of department threatened that I would have problems if I complained.",
                "They told me the documents had been sent, although in fact nobody sent them.",
                "The allocation commission is chaired by a relative of one of the applicants.",
                "An employee made inappropriate remarks about me.",
                "The manager uses the official car for personal errands and everybody sees it.",
            ],
        },
        "positive": {
            "ru": [
                "Решение приняли честно и по очереди, без всяких знакомств.",
                "Благодарю инспектора за беспристрастность: разобрался и выслушал обе стороны.",
                "Сотрудник честно признал ошибку ведомства и сам её исправил.",
            ],
            "kk": [
                "Шешім ешқандай таныссыз, әділ әрі кезек бойынша қабылданды.",
                "Екі тараптың да сөзін тыңдап, әділ шешкен инспекторға алғыс айтамын.",
                "Қызметкер мекеменің қателігін адал мойындап, оны өзі түзетті.",
            ],
            "en": [
                "The decision was made fairly and in turn, without any connections.",
                "I thank the inspector for his impartiality: he listened to both sides.",
                "The officer honestly admitted the agency's mistake and corrected it himself.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю публиковать списки очереди на жильё, чтобы всё было прозрачно.",
                "Кто проверяет, нет ли у членов комиссии конфликта интересов?",
                "Прошу разъяснить, куда можно сообщить о неэтичном поведении сотрудника.",
            ],
            "kk": [
                "Барлығы ашық болуы үшін тұрғын үй кезегінің тізімдерін жариялап отыруды ұсынамын.",
                "Комиссия мүшелерінде мүдделер қақтығысы жоқ екенін кім тексереді?",
                "Қызметкердің әдепсіз әрекеті туралы қайда хабарлауға болатынын түсіндіріп беріңіз.",
            ],
            "en": [
                "I suggest publishing the housing queue lists so that everything is transparent.",
                "Who checks that the commission members have no conflict of interest?",
                "Please explain where I can report unethical behaviour by an officer.",
            ],
        },
    },
    "anti_corruption": {
        "negative": {
            "ru": [
                "За то, чтобы ускорить оформление, у меня попросили «отблагодарить».",
                "Мне прямо намекнули, что без конверта вопрос не решится.",
                "В очереди стоять не нужно, если заплатить знакомому охраннику — так все и делают.",
                "На работу в отдел взяли только родственников начальника.",
                "Специалист сказал, что справку выдаст завтра, если я заплачу ему наличными, а иначе ждать месяц.",
                "Контракт на ремонт опять получила фирма брата заместителя.",
            ],
            "kk": [
                "Рәсімдеуді тездету үшін менен «алғыс білдіруді» сұрады.",
                "Конвертсіз мәселе шешілмейтінін маған ашық меңзеді.",
                "Таныс күзетшіге ақша төлесең, кезекте тұрудың қажеті жоқ — бәрі солай істейді.",
                "Бөлімге жұмысқа тек бастықтың туыстарын алды.",
                "Маман қолма-қол ақша төлесем, анықтаманы ертең беретінін, әйтпесе бір ай күтетінімді айтты.",
                "Жөндеу келісімшартын тағы да орынбасардың ағасының фирмасы алды.",
            ],
            "en": [
                "To speed up the paperwork I was asked to 'show my gratitude'.",
                "They hinted openly that without an envelope the matter would not be solved.",
                "You don't need to queue if you pay the guard you know; that's what everybody does.",
                "Only the chief's relatives were hired in the department.",
                "The specialist said I would get the certificate tomorrow if I paid him in cash, otherwise I would wait a month.",
                "The repair contract again went to the firm of the deputy's brother.",
            ],
        },
        "positive": {
            "ru": [
                "Сотрудник отказался от предложенного подарка и объяснил, что всё делается бесплатно.",
                "Сообщил о вымогательстве на горячую линию, и меры действительно приняли.",
                "Всё оформили быстро и без всяких поборов, спасибо.",
            ],
            "kk": [
                "Қызметкер ұсынылған сыйлықтан бас тартып, бәрі тегін жасалатынын түсіндірді.",
                "Пара сұрағаны туралы сенім телефонына хабарладым, шынымен шара қолданылды.",
                "Бәрін тез әрі ешқандай жиынсыз рәсімдеді, рахмет.",
            ],
            "en": [
                "The officer refused the gift I offered and explained that everything is free.",
                "I reported extortion to the hotline and action was really taken.",
                "Everything was processed quickly and without any extra payments, thank you.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю поставить камеры в кабинетах, где принимают граждан.",
                "Куда можно анонимно сообщить о вымогательстве?",
                "Почему результаты конкурса на работу не публикуют с баллами кандидатов?",
            ],
            "kk": [
                "Азаматтарды қабылдайтын кабинеттерге камера орнатуды ұсынамын.",
                "Пара сұрау туралы жасырын түрде қайда хабарлауға болады?",
                "Жұмысқа орналасу конкурсының нәтижелері неге үміткерлердің балдарымен жарияланбайды?",
            ],
            "en": [
                "I suggest installing cameras in the offices where citizens are received.",
                "Where can I report extortion anonymously?",
                "Why are the results of job competitions not published with the candidates' scores?",
            ],
        },
    },
    "inclusiveness": {
        "negative": {
            "ru": [
                "В здании нет пандуса, на коляске я не могу попасть на приём.",
                "Из нашего села до районного центра добираться полдня, а услугу оказывают только там.",
                "Для глухих никакого сурдопереводчика, пришлось объясняться записками.",
                "Пожилой маме пришлось два часа стоять в очереди, стульев нет.",
                "Мне, матери троих детей, отказали в приёме на работу, узнав о детях.",
                "Лифт не работает, а нужный кабинет на третьем этаже.",
            ],
            "kk": [
                "Ғимаратта пандус жоқ, арбамен қабылдауға кіре алмаймын.",
                "Біздің ауылдан аудан орталығына жету үшін жарты күн кетеді, ал қызмет тек сонда көрсетіледі.",
                "Естімейтіндерге ымдау тілінің аудармашысы жоқ, жазбамен түсіндіруге тура келді.",
                "Қарт анам кезекте екі сағат тұрды, отыратын орындық жоқ.",
                "Үш баланың анасы екенімді білген соң жұмысқа алудан бас тартты.",
                "Лифт істемейді, ал керекті кабинет үшінші қабатта.",
            ],
            "en": [
                "There is no ramp at the building, so in my wheelchair I cannot get to the appointment.",
                "It takes half a day to get from our village to the district centre, and the service is only offered there.",
                "There was no sign-language interpreter, so I had to explain myself in notes.",
                "My elderly mother had to stand in the queue for two hours; there are no chairs.",
                "I was refused a job as a mother of three once they learned about my children.",
                "The lift does not work and the office I need is on the third floor.",
            ],
        },
        "positive": {
            "ru": [
                "Сотрудница сама вышла к машине, чтобы оформить документы моему отцу с инвалидностью.",
                "Спасибо за выездной приём в нашем селе, не пришлось ехать в город.",
                "Для пожилых людей есть отдельное окно и стулья, обслужили без очереди.",
            ],
            "kk": [
                "Мүгедектігі бар әкемнің құжаттарын рәсімдеу үшін қызметкер өзі көлікке дейін шықты.",
                "Ауылымызда көшпелі қабылдау өткізгендеріңізге рахмет, қалаға барудың қажеті болмады.",
                "Қарттарға арналған бөлек терезе мен орындықтар бар, кезексіз қызмет көрсетті.",
            ],
            "en": [
                "The officer came out to the car herself to process the documents for my disabled father.",
                "Thank you for the mobile reception in our village; we did not have to travel to town.",
                "There is a separate window and chairs for elderly people; we were served without queuing.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю организовать выездной приём в отдалённых сёлах хотя бы раз в месяц.",
                "Будет ли в здании установлен подъёмник для людей на колясках?",
                "Прошу предусмотреть услуги сурдопереводчика по видеосвязи.",
            ],
            "kk": [
                "Шалғай ауылдарда айына бір рет болса да көшпелі қабылдау ұйымдастыруды ұсынамын.",
                "Ғимаратқа арбадағы адамдарға арналған көтергіш орнатыла ма?",
                "Бейнебайланыс арқылы ымдау тілі аудармашысының қызметін қарастыруды сұраймын.",
            ],
            "en": [
                "I suggest a mobile reception visiting remote villages at least once a month.",
                "Will a lift for wheelchair users be installed in the building?",
                "Please consider offering a sign-language interpreter by video call.",
            ],
        },
    },
    "cultural_sensitivity": {
        "negative": {
            "ru": [
                "Сотрудник позволил себе шутку про мою национальность.",
                "Свадьбы и поминки в нашем ауле решили ограничить одним приказом, не спросив жителей.",
                "Мне сделали замечание из-за платка, как будто это преступление.",
                "Решение для всей области приняли по городским меркам, а у нас отгонное животноводство.",
                "Бабушке заявили, что раз она не знает русского, пусть приводит переводчика.",
                "Празднование Наурыза в селе отменили без объяснений, хотя люди готовились.",
            ],
            "kk": [
                "Қызметкер менің ұлтым туралы орынсыз әзіл айтты.",
                "Ауылымыздағы той мен асты тұрғындардан сұрамай бір бұйрықпен шектеді.",
                "Орамал тағып жүргенім үшін маған ескерту жасады, қылмыс жасағандай.",
                "Бүкіл облысқа қалалық өлшеммен шешім қабылдады, ал бізде мал шаруашылығы.",
                "Әжеме орысша білмесеңіз, аудармашы ертіп келіңіз деді.",
                "Ауылдағы Наурыз мерекесін түсіндірмей тоқтатты, ал адамдар дайындалып жүрген.",
            ],
            "en": [
                "An officer made a joke about my ethnicity.",
                "Weddings and memorial feasts in our village were restricted by one order without asking residents.",
                "I was reprimanded for wearing a headscarf as if it were a crime.",
                "A decision for the whole region was made by city standards, while we live from herding.",
                "My grandmother was told to bring an interpreter since she does not speak Russian.",
                "The Nauryz celebration in the village was cancelled without explanation, although people had prepared.",
            ],
        },
        "positive": {
            "ru": [
                "Приятно, что специалист учёл наши местные обычаи при организации мероприятия.",
                "Спасибо, что объявления в селе теперь пишут на казахском, русском и корейском.",
                "Инспектор уважительно поговорил с аксакалами и нашёл общий язык со всеми.",
            ],
            "kk": [
                "Маман іс-шараны ұйымдастырғанда жергілікті салт-дәстүрімізді ескергені қуантты.",
                "Ауылдағы хабарландыруларды енді қазақ, орыс және корей тілдерінде жазатындарыңызға рахмет.",
                "Инспектор ақсақалдармен құрметпен сөйлесіп, бәрімен ортақ тіл тапты.",
            ],
            "en": [
                "It was good that the specialist took our local customs into account when organising the event.",
                "Thank you for writing village notices in Kazakh, Russian and Korean now.",
                "The inspector spoke respectfully with the elders and found common ground with everyone.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю согласовывать с советом старейшин сроки ремонта рядом с мечетью.",
                "Можно ли учитывать национальные праздники при составлении графика приёма?",
                "Предлагаю выпускать памятки на языках этнических общин района.",
            ],
            "kk": [
                "Мешіт маңындағы жөндеу мерзімдерін ақсақалдар кеңесімен келісуді ұсынамын.",
                "Қабылдау кестесін жасағанда ұлттық мерекелерді ескеруге бола ма?",
                "Аудандағы этностық қауымдастықтардың тілдерінде жадынамалар шығаруды ұсынамын.",
            ],
            "en": [
                "I suggest agreeing the repair dates near the mosque with the council of elders.",
                "Could national holidays be taken into account when the reception schedule is set?",
                "I propose issuing leaflets in the languages of the district's ethnic communities.",
            ],
        },
    },
    "legality": {
        "negative": {
            "ru": [
                "Мне отказали без ссылки на какую-либо норму закона.",
                "Требуют справку, которой нет в перечне документов по стандарту услуги.",
                "Решение суда в мою пользу вынесено полгода назад, а его до сих пор не исполняют.",
                "Проверку провели без моего уведомления, о решении я узнал случайно.",
                "Меня оштрафовали, не составив протокол и не выслушав.",
                "Отказ выдан устно, письменного решения, чтобы обжаловать, не дают.",
            ],
            "kk": [
                "Маған заңның ешбір нормасына сілтеме жасамай бас тартты.",
                "Қызмет стандартындағы құжаттар тізбесінде жоқ анықтаманы талап етеді.",
                "Сот жарты жыл бұрын менің пайдама шешім шығарды, бірақ ол әлі орындалмай жатыр.",
                "Тексеруді маған хабарламай жүргізді, шешім туралы кездейсоқ білдім.",
                "Хаттама толтырмай, сөзімді тыңдамай айыппұл салды.",
                "Бас тартуды ауызша айтты, шағымдану үшін жазбаша шешім бермейді.",
            ],
            "en": [
                "I was refused without reference to any provision of the law.",
                "They demand a certificate that is not on the list of documents in the service standard.",
                "The court ruled in my favour half a year ago, but the ruling has still not been enforced.",
                "The inspection was carried out without notifying me; I learned of the decision by chance.",
                "I was fined without a report being drawn up and without being heard.",
                "The refusal was given orally; they will not give me a written decision so that I can appeal.",
            ],
        },
        "positive": {
            "ru": [
                "В ответе подробно указаны статьи закона и порядок обжалования, всё понятно.",
                "Спасибо юристу отдела, который разъяснил мои права и помог их восстановить.",
                "Решение пересмотрели после моей жалобы, признав, что отказ был незаконным.",
            ],
            "kk": [
                "Жауапта заң баптары мен шағымдану тәртібі толық көрсетілген, бәрі түсінікті.",
                "Құқықтарымды түсіндіріп, оларды қалпына келтіруге көмектескен бөлім заңгеріне рахмет.",
                "Шағымымнан кейін шешім қайта қаралып, бас тартудың заңсыз болғаны мойындалды.",
            ],
            "en": [
                "The reply cited the articles of the law and how to appeal; everything was clear.",
                "Thanks to the department's lawyer who explained my rights and helped restore them.",
                "The decision was reviewed after my complaint and the refusal was found unlawful.",
            ],
        },
        "neutral": {
            "ru": [
                "На каком основании у меня требуют нотариально заверенную копию?",
                "Прошу разъяснить порядок обжалования решения комиссии.",
                "Предлагаю прикладывать к каждому отказу ссылку на норму и срок обжалования.",
            ],
            "kk": [
                "Менен нотариат куәландырған көшірмені қандай негізде талап етеді?",
                "Комиссия шешіміне шағымдану тәртібін түсіндіріп беруіңізді сұраймын.",
                "Әр бас тартуға нормаға сілтеме мен шағымдану мерзімін қосып беруді ұсынамын.",
            ],
            "en": [
                "On what legal basis am I required to provide a notarised copy?",
                "Please explain how to appeal the commission's decision.",
                "I suggest attaching to every refusal the legal provision and the deadline for appeal.",
            ],
        },
    },
    "digital_service": {
        "negative": {
            "ru": [
                "Портал eGov третий день выдаёт ошибку при подаче заявления.",
                "Заставили принести бумажную справку, хотя она есть в базе eGov.",
                "Специалист не умеет работать в системе и отправил меня подавать заново.",
                "Электронная очередь не работает, талоны раздают вручную.",
                "Заявка на e-Otinish висит в статусе «зарегистрировано», никто её не видит.",
                "Код подтверждения по СМС не приходит, и подписать заявление невозможно.",
            ],
            "kk": [
                "eGov порталы өтініш беру кезінде үшінші күн қате көрсетіп тұр.",
                "Анықтама eGov базасында тұрса да, қағаз нұсқасын әкелуге мәжбүрледі.",
                "Маман жүйеде жұмыс істей алмай, мені қайтадан тапсыруға жіберді.",
                "Электрондық кезек істемейді, талондарды қолмен таратады.",
                "e-Otinish-тегі өтінішім «тіркелді» мәртебесінде тұр, оны ешкім көрмейді.",
                "SMS арқылы растау коды келмейді, өтінішке қол қою мүмкін емес.",
            ],
            "en": [
                "The eGov portal has been showing an error for three days when I submit the application.",
                "They made me bring a paper certificate although it is already in the eGov database.",
                "The specialist does not know how to use the system and sent me to apply again.",
                "The electronic queue does not work and tickets are handed out by hand.",
                "My e-Otinish request has been stuck in 'registered' status and nobody sees it.",
                "The SMS confirmation code never arrives, so I cannot sign the application.",
            ],
        },
        "positive": {
            "ru": [
                "Подал заявление через eGov за пять минут, результат пришёл в личный кабинет.",
                "Оператор помог установить приложение и показал, как получать справки онлайн.",
                "Удобно, что теперь статус заявки можно отслеживать в телефоне.",
            ],
            "kk": [
                "eGov арқылы өтінішті бес минутта бердім, нәтижесі жеке кабинетке келді.",
                "Оператор қосымшаны орнатуға көмектесіп, анықтамаларды онлайн алуды көрсетті.",
                "Өтінім мәртебесін енді телефоннан бақылауға болатыны ыңғайлы.",
            ],
            "en": [
                "I applied through eGov in five minutes and the result came to my personal account.",
                "The operator helped me install the app and showed me how to get certificates online.",
                "It is convenient that I can now track the status of my request on my phone.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю добавить онлайн-запись на приём к специалисту.",
                "Когда эту услугу можно будет получить через eGov mobile?",
                "Предлагаю принимать электронную подпись через QR-код в приложении.",
            ],
            "kk": [
                "Маманның қабылдауына онлайн жазылуды қосуды ұсынамын.",
                "Бұл қызметті eGov mobile арқылы қашан алуға болады?",
                "Қосымшада QR-код арқылы электрондық қолтаңба қабылдауды ұсынамын.",
            ],
            "en": [
                "I suggest adding online booking for appointments with a specialist.",
                "When will this service be available through eGov mobile?",
                "I propose accepting electronic signatures via a QR code in the app.",
            ],
        },
    },
    "interagency_cooperation": {
        "negative": {
            "ru": [
                "Акимат отправляет в ЦОН, ЦОН — обратно в акимат, и так уже месяц.",
                "Моё обращение трижды пересылали из одного ведомства в другое.",
                "Каждое управление говорит, что это не их вопрос, а виноваты соседи.",
                "Одни и те же справки приходится заново собирать для каждого органа.",
                "Полиция говорит, что это дело акимата, акимат — что это дело полиции.",
                "Данные из одного управления не передали в другое, и мне снова отказали.",
            ],
            "kk": [
                "Әкімдік ХҚКО-ға жібереді, ХҚКО қайтадан әкімдікке, осылай бір ай өтті.",
                "Өтінішімді бір мекемеден екіншісіне үш рет жіберді.",
                "Әр басқарма бұл өз мәселесі емес екенін айтып, көршілерін кінәлайды.",
                "Әр органға бірдей анықтамаларды қайта-қайта жинауға тура келеді.",
                "Полиция бұл әкімдіктің ісі дейді, әкімдік полицияның ісі дейді.",
                "Бір басқарманың деректерін екіншісіне бермеген, сондықтан маған тағы бас тартты.",
            ],
            "en": [
                "The akimat sends me to the service centre, the centre sends me back to the akimat, for a month now.",
                "My appeal was forwarded from one agency to another three times.",
                "Each department says it is not their issue and blames the others.",
                "I have to collect the same certificates again for every authority.",
                "The police say it is the akimat's business, the akimat says it is the police's.",
                "One department did not pass the data to the other, so I was refused again.",
            ],
        },
        "positive": {
            "ru": [
                "Управления сами договорились между собой, мне не пришлось никуда ходить.",
                "Спасибо, что акимат и энергетики решили вопрос вместе, быстро и без волокиты.",
                "Сведения запросили у другого органа сами, от меня ничего не потребовали.",
            ],
            "kk": [
                "Басқармалар өзара келісіп алды, маған ешқайда барудың қажеті болмады.",
                "Мәселені әкімдік пен энергетиктер бірлесіп, тез әрі әуре-сарсаңсыз шешкеніне рахмет.",
                "Мәліметтерді басқа органнан өздері сұратты, менен ештеңе талап етпеді.",
            ],
            "en": [
                "The departments agreed between themselves and I did not have to go anywhere.",
                "Thanks to the akimat and the power company for solving it together, quickly and without red tape.",
                "They requested the information from the other authority themselves and asked nothing of me.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю сделать единое окно, чтобы не ходить по разным управлениям.",
                "Какой орган в итоге отвечает за ремонт ливнёвки — акимат или КСК?",
                "Можно ли обмениваться справками между ведомствами без участия заявителя?",
            ],
            "kk": [
                "Әртүрлі басқармаларды аралап жүрмеу үшін бірыңғай терезе жасауды ұсынамын.",
                "Нөсер кәрізін жөндеуге түптеп келгенде қай орган жауапты — әкімдік пе, әлде ПИК пе?",
                "Анықтамаларды мекемелер арасында өтініш берушінің қатысуынсыз алмасуға бола ма?",
            ],
            "en": [
                "I suggest a single window so that people don't have to go round different departments.",
                "Which body is finally responsible for the storm drain: the akimat or the housing cooperative?",
                "Could agencies exchange certificates without involving the applicant?",
            ],
        },
    },
    "citizen_engagement": {
        "negative": {
            "ru": [
                "Сквер вырубили под парковку, жителей никто не спросил.",
                "Публичные слушания провели в рабочее время, о них никто не знал.",
                "Наши предложения по бюджету села просто проигнорировали.",
                "На общественном совете всё решили заранее, нас лишь поставили перед фактом.",
                "Собрали подписи 300 жителей, но ответа по существу так и не получили.",
                "Маршрут автобуса изменили без обсуждения с жителями микрорайона.",
            ],
            "kk": [
                "Саябақты тұрақ үшін кесіп тастады, тұрғындардан ешкім сұраған жоқ.",
                "Қоғамдық тыңдаулар жұмыс уақытында өтті, ол туралы ешкім білмеді.",
                "Ауыл бюджеті бойынша ұсыныстарымызды елемей тастады.",
                "Қоғамдық кеңесте бәрі алдын ала шешілген, бізге тек дайын шешімді хабарлады.",
                "300 тұрғынның қолын жинадық, бірақ нақты жауап ала алмадық.",
                "Автобус бағытын шағын аудан тұрғындарымен талқыламай өзгертті.",
            ],
            "en": [
                "The square was cut down for a car park and nobody asked the residents.",
                "The public hearing was held during working hours and nobody knew about it.",
                "Our proposals for the village budget were simply ignored.",
                "At the public council everything had been decided in advance; we were just informed.",
                "We collected 300 residents' signatures but never got a substantive reply.",
                "The bus route was changed without discussing it with the residents of the district.",
            ],
        },
        "positive": {
            "ru": [
                "Спасибо акимату за встречу с жителями, наше предложение включили в план.",
                "Бюджет народного участия реально работает: во дворе сделали площадку по нашему проекту.",
                "На слушаниях нас выслушали и изменили проект дороги.",
            ],
            "kk": [
                "Тұрғындармен кездесу өткізген әкімдікке рахмет, ұсынысымыз жоспарға енді.",
                "Халықтық қатысу бюджеті шынымен жұмыс істейді: аулада біздің жобамыз бойынша алаң салынды.",
                "Тыңдауларда бізді тыңдап, жол жобасын өзгертті.",
            ],
            "en": [
                "Thanks to the akimat for meeting residents; our proposal was included in the plan.",
                "The people's budget really works: a playground was built in our yard to our design.",
                "At the hearing they listened to us and changed the road project.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю проводить слушания по бюджету вечером или онлайн.",
                "Как жителям подать проект в бюджет народного участия?",
                "Предлагаю публиковать отчёт о том, какие предложения жителей учтены.",
            ],
            "kk": [
                "Бюджет бойынша тыңдауларды кешке немесе онлайн өткізуді ұсынамын.",
                "Тұрғындар халықтық қатысу бюджетіне жобаны қалай ұсына алады?",
                "Тұрғындардың қандай ұсыныстары ескерілгені туралы есеп жариялап отыруды ұсынамын.",
            ],
            "en": [
                "I suggest holding budget hearings in the evening or online.",
                "How can residents submit a project to the people's budget?",
                "I propose publishing a report on which residents' proposals were taken into account.",
            ],
        },
    },
    "professional_competence": {
        "negative": {
            "ru": [
                "В справке опять ошибка в фамилии, это уже третья переделка.",
                "Специалист дал неверную информацию, и я зря съездил в город.",
                "Сотрудник сам не знает, какие документы нужны для этой услуги.",
                "Мне насчитали пособие неправильно, пришлось доказывать ошибку.",
                "В договоре перепутали кадастровый номер, теперь сделку не регистрируют.",
                "Каждый специалист называет разный перечень документов.",
            ],
            "kk": [
                "Анықтамада тегімде тағы қате кетті, бұл үшінші рет қайта жасау.",
                "Маман қате ақпарат берді, қалаға бекер бардым.",
                "Бұл қызметке қандай құжаттар керек екенін қызметкердің өзі білмейді.",
                "Жәрдемақымды қате есептеп, қатені дәлелдеуге тура келді.",
                "Шартта кадастрлық нөмірді шатастырып жіберіпті, енді мәмілені тіркемейді.",
                "Әр маман құжаттардың әртүрлі тізімін айтады.",
            ],
            "en": [
                "There is again a mistake in my surname on the certificate; this is the third correction.",
                "The specialist gave me wrong information and I travelled to town for nothing.",
                "The officer himself does not know which documents this service requires.",
                "My benefit was calculated wrongly and I had to prove the error.",
                "They mixed up the cadastral number in the contract and now the deal cannot be registered.",
                "Every specialist names a different list of documents.",
            ],
        },
        "positive": {
            "ru": [
                "Специалист сразу нашла ошибку в расчёте и всё исправила.",
                "Очень грамотная консультация, все документы приняли с первого раза.",
                "Инспектор хорошо знает своё дело, вопрос решили за один визит.",
            ],
            "kk": [
                "Маман есептегі қатені бірден тауып, бәрін түзетті.",
                "Өте сауатты кеңес берді, барлық құжаттарды бірінші реттен қабылдады.",
                "Инспектор өз ісін жақсы біледі, мәселені бір барғанда шештік.",
            ],
            "en": [
                "The specialist found the calculation error at once and corrected everything.",
                "Very competent advice; all documents were accepted the first time.",
                "The inspector knows his job well; the issue was solved in one visit.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю разместить на сайте точный перечень документов для каждой услуги.",
                "Прошу уточнить, какая формула используется для расчёта пособия.",
                "Предлагаю проверять документы до выдачи, чтобы не было ошибок.",
            ],
            "kk": [
                "Әр қызметке қажетті құжаттардың нақты тізбесін сайтқа орналастыруды ұсынамын.",
                "Жәрдемақыны есептеуге қандай формула қолданылатынын нақтылап беруіңізді сұраймын.",
                "Қате болмауы үшін құжаттарды берер алдында тексеруді ұсынамын.",
            ],
            "en": [
                "I suggest publishing the exact list of documents for each service on the website.",
                "Please clarify which formula is used to calculate the benefit.",
                "I propose checking documents before they are issued so there are no errors.",
            ],
        },
    },
    "leadership": {
        "negative": {
            "ru": [
                "Руководство меняется каждый год, и каждый новый начальник начинает всё с нуля.",
                "Аким района ни разу не приехал в село, хотя обещал.",
                "Начальник не слушает ни сотрудников, ни жителей, все решения единолично.",
                "Никакой стратегии развития посёлка нет, живём от аварии до аварии.",
                "Реформы на бумаге, а на деле руководство противится любым изменениям.",
                "Руководитель управления прячется от людей, на приём к нему не попасть.",
            ],
            "kk": [
                "Басшылық жыл сайын ауысады, әр жаңа бастық бәрін басынан бастайды.",
                "Аудан әкімі уәде берсе де, ауылға бір рет те келген жоқ.",
                "Бастық қызметкерлерді де, тұрғындарды да тыңдамайды, бәрін жалғыз өзі шешеді.",
                "Кенттің даму стратегиясы жоқ, апаттан апатқа дейін өмір сүріп жатырмыз.",
                "Реформалар қағаз жүзінде ғана, іс жүзінде басшылық кез келген өзгеріске қарсы.",
                "Басқарма басшысы адамдардан жасырынады, оның қабылдауына кіру мүмкін емес.",
            ],
            "en": [
                "The management changes every year and each new chief starts everything from scratch.",
                "The district akim has never once come to the village, although he promised.",
                "The chief listens neither to staff nor to residents; all decisions are his alone.",
                "There is no development plan for the settlement; we live from one breakdown to the next.",
                "Reforms exist on paper, but in practice the management resists any change.",
                "The head of the department hides from people; it is impossible to get an appointment.",
            ],
        },
        "positive": {
            "ru": [
                "Новый аким лично объехал все сёла и составил план вместе с жителями.",
                "Руководитель управления открыто объяснил, что и зачем меняется, и это вызывает доверие.",
                "Видно, что начальник отдела собрал сильную команду, работа наладилась.",
            ],
            "kk": [
                "Жаңа әкім барлық ауылдарды өзі аралап, тұрғындармен бірге жоспар құрды.",
                "Басқарма басшысы не үшін және не өзгеретінін ашық түсіндірді, бұл сенім тудырады.",
                "Бөлім бастығы мықты команда жинағаны көрініп тұр, жұмыс жүйеге түсті.",
            ],
            "en": [
                "The new akim personally visited every village and drew up a plan with residents.",
                "The head of department openly explained what was changing and why, which builds trust.",
                "You can see the head of the unit has built a strong team; the work has improved.",
            ],
        },
        "neutral": {
            "ru": [
                "Предлагаю акиму проводить ежеквартальные встречи с жителями сёл.",
                "Есть ли у района план развития на пять лет и где его можно прочитать?",
                "Предлагаю руководителям раз в месяц вести приём в вечернее время.",
            ],
            "kk": [
                "Әкімге ауыл тұрғындарымен тоқсан сайын кездесу өткізуді ұсынамын.",
                "Ауданның бес жылдық даму жоспары бар ма және оны қайдан оқуға болады?",
                "Басшыларға айына бір рет кешкі уақытта қабылдау өткізуді ұсынамын.",
            ],
            "en": [
                "I suggest the akim hold quarterly meetings with village residents.",
                "Does the district have a five-year development plan and where can I read it?",
                "I propose that heads of departments hold an evening reception once a month.",
            ],
        },
    },
}

# Evidence specific to a kind of agency, used (with a preference) when the appeal is addressed to an
# agency of that kind. These carry the four planted behaviour gaps and read like the real complaints.
KIND_EVIDENCE: dict[tuple[str, str, str], dict[str, list[str]]] = {
    ("responsiveness", "negative", "akimat"): {
        "ru": [
            "Акимат на мои обращения отвечает только отписками, проблема с дорогой не решается годами.",
            "В акимате сказали ждать, срок ответа сорван уже второй раз.",
            "Из акимата пришёл ответ «ваше обращение рассмотрено», но что решили — не написано.",
            "Жалуюсь на акимат: третий месяц не могут сказать, куда делся мой пакет документов.",
            "В приёмной акимата каждый раз говорят прийти через неделю, и так уже полгода.",
            "Акимат прислал промежуточный ответ и пропал, окончательного ответа так и нет.",
        ],
        "kk": [
            "Әкімдік өтініштеріме тек жалпылама жауап береді, жол мәселесі жылдар бойы шешілмей жатыр.",
            "Әкімдікте күте тұрыңыз деді, жауап мерзімі екінші рет бұзылды.",
            "Әкімдіктен «өтінішіңіз қаралды» деген жауап келді, бірақ не шешілгені жазылмаған.",
            "Әкімдікке шағым: үш ай бойы құжаттарымның қайда екенін айта алмай жүр.",
            "Әкімдіктің қабылдау бөлмесінде әр жолы бір аптадан кейін келіңіз дейді, осылай жарты жыл өтті.",
            "Әкімдік аралық жауап жіберді де жоғалып кетті, түпкілікті жауап әлі жоқ.",
        ],
        "en": [
            "The akimat answers my appeals only with form letters; the road problem has not been solved for years.",
            "At the akimat they told me to wait, and the deadline for a reply has been missed a second time.",
            "The akimat replied 'your appeal has been considered' but did not say what was decided.",
            "A complaint about the akimat: for three months they cannot tell me where my documents went.",
            "At the akimat reception they tell me every time to come back in a week; it has been half a year.",
            "The akimat sent an interim reply and disappeared; there is still no final answer.",
        ],
    },
    ("communication", "negative", "police"): {
        "ru": [
            "Участковый разговаривал со мной грубо и пригрозил, что «будет хуже».",
            "Дежурный в полиции на меня накричал и не стал принимать заявление.",
            "Инспектор при остановке хамил и разговаривал со мной на «ты».",
            "Когда я пришла писать заявление о краже, полицейские смеялись надо мной.",
            "Сотрудник полиции оскорбил моего пожилого отца и выгнал из кабинета.",
            "По номеру 102 мне нагрубили и посоветовали «не отвлекать по пустякам».",
        ],
        "kk": [
            "Учаскелік полиция менімен дөрекі сөйлесіп, «жаман болады» деп қорқытты.",
            "Полициядағы кезекші маған айқайлап, арызымды қабылдамады.",
            "Көлікті тоқтатқан инспектор дөрекілік көрсетіп, маған «сен» деп сөйлесті.",
            "Ұрлық туралы арыз жазуға келгенімде полицейлер мені мазақ етті.",
            "Полиция қызметкері қарт әкемді қорлап, кабинеттен қуып шықты.",
            "102-ге қоңырау шалғанымда дөрекі сөйлеп, «ұсақ-түйекпен алаңдатпаңыз» деді.",
        ],
        "en": [
            "The district police officer spoke to me rudely and threatened that 'it will get worse'.",
            "The duty officer at the police station shouted at me and refused to take my statement.",
            "The traffic inspector who stopped me was insulting and talked down to me.",
            "When I came to report a theft, the police officers laughed at me.",
            "A police officer insulted my elderly father and threw him out of the office.",
            "When I called 102 they were rude and told me not to bother them with trifles.",
        ],
    },
    ("anti_corruption", "negative", "land_relations"): {
        "ru": [
            "За оформление земельного участка специалист потребовал 500 тысяч тенге наличными.",
            "В управлении земельных отношений сказали, что акт на землю без «подарка» будут делать год.",
            "Участок, в очереди на который я стою пять лет, отдали по знакомству за деньги.",
            "Мне предложили «ускорить» изменение целевого назначения участка за отдельную плату.",
            "Землеустроитель сказал, что схема будет готова, только если заплатить ему лично.",
            "Без взятки в земельном отделе даже заявление на участок не принимают.",
        ],
        "kk": [
            "Жер учаскесін рәсімдеу үшін маман қолма-қол 500 мың теңге талап етті.",
            "Жер қатынастары басқармасында «сыйлықсыз» жерге акт бір жыл жасалады деді.",
            "Бес жыл кезекте тұрған учаскемді таныстығы бар біреуге ақшаға беріп жіберді.",
            "Учаскенің нысаналы мақсатын өзгертуді бөлек ақыға «тездетуді» ұсынды.",
            "Жерге орналастырушы сызба оған жеке ақша төлесем ғана дайын болатынын айтты.",
            "Жер бөлімінде парасыз учаскеге өтінішті де қабылдамайды.",
        ],
        "en": [
            "To register my land plot the specialist demanded 500,000 tenge in cash.",
            "At the land relations department they said a land title takes a year without a 'gift'.",
            "The plot I have queued for five years was given to someone with connections for money.",
            "They offered to 'speed up' the change of the plot's designated use for a separate fee.",
            "The land surveyor said the plan would be ready only if I paid him personally.",
            "Without a bribe the land office will not even accept an application for a plot.",
        ],
    },
    ("inclusiveness", "negative", "public_service_centre"): {
        "ru": [
            "В ЦОНе нет пандуса, маму на коляске пришлось заносить по ступенькам на руках.",
            "В ЦОНе нашего района нет окна для людей с инвалидностью, талон берут на общих основаниях.",
            "Ближайший ЦОН в 80 км от села, автобус ходит два раза в неделю.",
            "В ЦОНе незрячему отцу не помогли заполнить заявление, сказали прийти с родственниками.",
            "Кнопка вызова у входа в ЦОН не работает, сотрудники к людям на колясках не выходят.",
            "В ЦОНе нет сурдопереводчика, глухой брат не смог получить услугу.",
        ],
        "kk": [
            "ХҚКО-да пандус жоқ, арбадағы анамды баспалдақпен қолмен көтеріп шығардық.",
            "Ауданымыздағы ХҚКО-да мүмкіндігі шектеулі адамдарға арналған терезе жоқ, талонды жалпы негізде береді.",
            "Ең жақын ХҚКО ауылдан 80 шақырым жерде, автобус аптасына екі рет жүреді.",
            "ХҚКО-да көзі көрмейтін әкеме өтініш толтыруға көмектеспей, туыстарыңызбен келіңіз деді.",
            "ХҚКО кіреберісіндегі шақыру түймесі істемейді, қызметкерлер арбадағы адамдарға шықпайды.",
            "ХҚКО-да ымдау тілінің аудармашысы жоқ, естімейтін ағам қызметті ала алмады.",
        ],
        "en": [
            "There is no ramp at the public service centre; we had to carry my mother's wheelchair up the steps.",
            "Our district's public service centre has no priority window for people with disabilities.",
            "The nearest public service centre is 80 km from our village and the bus runs twice a week.",
            "At the service centre nobody helped my blind father fill in the form; they told him to bring relatives.",
            "The call button at the centre's entrance does not work and staff never come out to wheelchair users.",
            "There is no sign-language interpreter at the centre, so my deaf brother could not get the service.",
        ],
    },
}

# Kazakh–Russian code-switched negative evidence (labelled kk), two per area.
MIXED_EVIDENCE: dict[str, list[str]] = {
    "responsiveness": [
        "Сәлеметсіз бе, заявление бергеніме 2 ай болды, ответ әлі жоқ.",
        "Үшінші рет жазып жатырмын бір вопрос бойынша, ешкім не реагирует.",
    ],
    "communication": [
        "Специалист маған грубо сөйледі, ештеңе объяснить етпей шығарып жіберді.",
        "Қазақша сұрасам, «говорите по-русски» деп жауап береді.",
    ],
    "ethics_integrity": [
        "Маман тек знакомыйларына көмектеседі, басқалар очередьте тұра береді.",
        "Начальник «жалобу жазсаң проблема болады» деп қорқытты.",
    ],
    "anti_corruption": [
        "Документ тез дайын болу үшін «благодарность» керек деп намекнули.",
        "Очередьсіз кіру үшін охранникке ақша береді, бәрі біледі.",
    ],
    "inclusiveness": [
        "Пандус жоқ, коляскамен второй этажға көтеріле алмаймын.",
        "Ауылдан районға жету қиын, автобус редко ходит, ал услуга тек сонда.",
    ],
    "cultural_sensitivity": [
        "Әжеме «на русском говорите» деп, переводчик әкеліңіз деді.",
        "Той-томалақты бір приказпен шектеді, халықпен советоваться етпеді.",
    ],
    "legality": [
        "Стандартта жоқ справканы талап етеді, основание айтпайды.",
        "Отказты ауызша ғана айтты, письменный ответ бермейді, обжаловать ете алмаймын.",
    ],
    "digital_service": [
        "eGov-та ошибка шығады, үш күн заявление жібере алмай жатырмын.",
        "Справка базада бар, бірақ бумажный вариантын әкел деп талап етеді.",
    ],
    "interagency_cooperation": [
        "Акимат ЦОН-ға жібереді, ЦОН акиматқа, бізбен футбол ойнап жатыр.",
        "Әр органға одинаковые справкаларды қайта жинау керек.",
    ],
    "citizen_engagement": [
        "Скверді парковкаға кесіп тастады, жителей ешкім сұраған жоқ.",
        "Слушание рабочее время кезінде өтті, халық білмей қалды.",
    ],
    "professional_competence": [
        "Справкада фамилиямды тағы ошибкамен жазды, үшінші раз.",
        "Специалисттің өзі қандай документы керек екенін білмейді.",
    ],
    "leadership": [
        "Аким ауылға ни разу келген жоқ, обещал еді ғой.",
        "Начальник ешкімді тыңдамайды, барлығын сам решает.",
    ],
}

# --------------------------------------------------------------------------------------------------
# Plain service requests (no behavioural evidence): (agency kind, mode, text); mode r=request,
# q=question (inquiries), p=proposal. Kinds without a sentence of some mode fall back to "akimat".
# --------------------------------------------------------------------------------------------------

PLAIN: dict[str, list[tuple[str, str, str]]] = {
    "ru": [
        ("akimat", "r", "Прошу отремонтировать уличное освещение, фонари на нашей улице не горят уже месяц."),
        ("akimat", "r", "На дороге по адресу {place} образовалась большая яма, прошу заасфальтировать."),
        ("akimat", "r", "В нашем доме нет отопления с начала сезона, батареи холодные."),
        ("akimat", "r", "Мусор во дворе не вывозят уже неделю, контейнеры переполнены."),
        ("akimat", "r", "Прошу установить детскую площадку во дворе дома по адресу {place}."),
        ("akimat", "r", "Прошу спилить аварийное дерево возле подъезда, оно может упасть на машины."),
        ("akimat", "r", "Прошу восстановить подачу холодной воды, её нет третий день."),
        ("akimat", "r", "Прошу установить искусственные неровности на дороге возле школы."),
        ("akimat", "r", "Прошу отремонтировать крышу нашего дома, она протекает."),
        ("akimat", "r", "Прошу включить меня в очередь на получение жилья."),
        ("akimat", "r", "Прошу провести дератизацию подвала, там завелись крысы."),
        ("akimat", "r", "Прошу очистить арык вдоль улицы, вода заливает дворы."),
        ("akimat", "r", "Прошу вывезти строительный мусор с пустыря по адресу {place}."),
        ("akimat", "r", "Прошу установить остановочный павильон, люди ждут автобус под дождём."),
        ("akimat", "r", "Прошу провести газ в наш переулок, дома до сих пор топят углём."),
        ("akimat", "r", "Прошу отремонтировать тротуар, плитка разбита."),
        ("akimat", "r", "Прошу убрать снег с дороги к поликлинике."),
        ("akimat", "r", "Прошу починить светофор на перекрёстке, он только мигает жёлтым."),
        ("akimat", "r", "Прошу отловить бездомных собак, которые бегают у школы."),
        ("akimat", "q", "Подскажите, когда начнётся отопительный сезон в нашем районе?"),
        ("akimat", "q", "Когда будет восстановлен автобусный маршрут №12?"),
        ("akimat", "q", "Когда планируется капитальный ремонт нашего дома?"),
        ("akimat", "q", "Как получить субсидию на покупку скота для подсобного хозяйства?"),
        ("akimat", "p", "Предлагаю сделать велодорожку вдоль набережной."),
        ("akimat", "p", "Предлагаю установить на площади общественный туалет."),
        ("akimat", "p", "Предлагаю высадить деревья вдоль новой улицы."),
        ("akimat", "p", "Предлагаю продлить автобусный маршрут до нового микрорайона."),
        ("akimat", "p", "Предлагаю поставить контейнеры для раздельного сбора мусора."),
        ("police", "r", "Соседи каждую ночь шумят после одиннадцати, спать невозможно."),
        ("police", "r", "Во дворе по ночам собирается шумная компания, прошу усилить патрулирование."),
        ("police", "q", "На каком этапе расследование по моему заявлению о краже телефона?"),
        ("police", "q", "Как получить копию протокола о ДТП для страховой компании?"),
        ("public_service_centre", "r", "Прошу выдать справку о составе семьи."),
        ("public_service_centre", "r", "Прошу выдать архивную справку о стаже работы в совхозе."),
        ("public_service_centre", "r", "Прошу зарегистрировать ребёнка по месту жительства."),
        ("public_service_centre", "q", "Когда будет готов мой технический паспорт на квартиру?"),
        ("public_service_centre", "q", "Как заменить удостоверение личности, если истёк срок?"),
        ("social_protection", "r", "Прошу назначить адресную социальную помощь нашей семье."),
        ("social_protection", "r", "Прошу оформить пособие по инвалидности моему сыну."),
        ("social_protection", "q", "Какие документы нужны для оформления пособия по уходу за ребёнком?"),
        ("social_protection", "q", "Положена ли пенсионеру льгота на оплату коммунальных услуг?"),
        ("social_protection", "q", "Какой размер единовременного пособия при рождении ребёнка в этом году?"),
        ("health", "r", "Прошу прикрепить меня к поликлинике по месту жительства."),
        ("health", "r", "Прошу обеспечить мою маму бесплатными лекарствами от диабета."),
        ("health", "q", "Каков график работы поликлиники в праздничные дни?"),
        ("education", "r", "Прошу выделить место в детском саду для сына."),
        ("education", "r", "Прошу организовать подвоз детей в школу из соседнего села."),
        ("education", "q", "Когда откроется новая школа в нашем микрорайоне?"),
        ("land_relations", "r", "Прошу предоставить земельный участок под ИЖС в порядке очереди."),
        ("land_relations", "r", "Прошу выдать акт на право собственности на земельный участок."),
        ("land_relations", "q", "Какие документы нужны для изменения целевого назначения участка?"),
        ("tax", "r", "Прошу вернуть излишне уплаченный налог на транспорт."),
        ("tax", "q", "Прошу разъяснить, как рассчитан налог на моё имущество."),
        ("tax", "q", "Как индивидуальному предпринимателю сдать декларацию за полугодие?"),
    ],
    "kk": [
        ("akimat", "r", "Көшемізде шамдар бір айдан бері жанбайды, көше жарығын жөндеуді сұраймын."),
        ("akimat", "r", "{place} мекенжайындағы жолда үлкен шұңқыр пайда болды, асфальт төсеуді сұраймын."),
        ("akimat", "r", "Жылу маусымы басталғалы үйімізде жылу жоқ, батареялар суық."),
        ("akimat", "r", "Аулада қоқыс бір аптадан бері шығарылмай жатыр, контейнерлер толып кетті."),
        ("akimat", "r", "{place} мекенжайындағы үйдің ауласына балалар алаңын орнатуды сұраймын."),
        ("akimat", "r", "Подъезд жанындағы құлағалы тұрған ағашты кесуді сұраймын, көліктерге құлауы мүмкін."),
        ("akimat", "r", "Суық суды қайта беруді сұраймын, үш күннен бері су жоқ."),
        ("akimat", "r", "Мектеп жанындағы жолға жасанды кедергілер орнатуды сұраймын."),
        ("akimat", "r", "Үйіміздің шатыры ағып жатыр, жөндеуді сұраймын."),
        ("akimat", "r", "Мені тұрғын үй алу кезегіне қоюыңызды сұраймын."),
        ("akimat", "r", "Жертөлеге дератизация жүргізуді сұраймын, егеуқұйрықтар көбейіп кетті."),
        ("akimat", "r", "Көше бойындағы арықты тазалауды сұраймын, су ауланы басып жатыр."),
        ("akimat", "r", "{place} маңындағы бос жерден құрылыс қоқысын шығаруды сұраймын."),
        ("akimat", "r", "Аялдамаға павильон орнатуды сұраймын, адамдар автобусты жаңбыр астында күтеді."),
        ("akimat", "r", "Тұйық көшемізге газ тартуды сұраймын, үйлер әлі көмірмен жылытылады."),
        ("akimat", "r", "Тротуарды жөндеуді сұраймын, плиткалар сынып қалған."),
        ("akimat", "r", "Емханаға баратын жолдан қарды тазалауды сұраймын."),
        ("akimat", "r", "Қиылыстағы бағдаршамды жөндеуді сұраймын, тек сары түспен жыпылықтап тұр."),
        ("akimat", "r", "Мектеп маңында жүрген иесіз иттерді аулауды сұраймын."),
        ("akimat", "q", "Біздің ауданда жылу беру маусымы қашан басталады?"),
        ("akimat", "q", "№12 автобус бағыты қашан қалпына келтіріледі?"),
        ("akimat", "q", "Үйімізге күрделі жөндеу қашан жоспарланған?"),
        ("akimat", "q", "Қосалқы шаруашылыққа мал сатып алуға субсидияны қалай алуға болады?"),
        ("akimat", "p", "Жағалау бойымен велосипед жолын салуды ұсынамын."),
        ("akimat", "p", "Алаңға қоғамдық дәретхана орнатуды ұсынамын."),
        ("akimat", "p", "Жаңа көшенің бойына ағаш отырғызуды ұсынамын."),
        ("akimat", "p", "Автобус бағытын жаңа шағын ауданға дейін ұзартуды ұсынамын."),
        ("akimat", "p", "Қоқысты бөлек жинауға арналған контейнерлер қоюды ұсынамын."),
        ("police", "r", "Көршілер әр түні сағат он бірден кейін шу шығарады, ұйықтау мүмкін емес."),
        ("police", "r", "Аулада түнде шулы топ жиналады, патрульді күшейтуді сұраймын."),
        ("police", "q", "Телефонымның ұрлануы туралы арызым бойынша тергеу қай кезеңде?"),
        ("police", "q", "Сақтандыру компаниясы үшін жол-көлік оқиғасы хаттамасының көшірмесін қалай алуға болады?"),
        ("public_service_centre", "r", "Отбасы құрамы туралы анықтама беруіңізді сұраймын."),
        ("public_service_centre", "r", "Кеңшардағы еңбек өтілім туралы мұрағаттық анықтама беруіңізді сұраймын."),
        ("public_service_centre", "r", "Баламды тұрғылықты жері бойынша тіркеуді сұраймын."),
        ("public_service_centre", "q", "Пәтерімнің техникалық паспорты қашан дайын болады?"),
        ("public_service_centre", "q", "Мерзімі өткен жеке куәлікті қалай ауыстыруға болады?"),
        ("social_protection", "r", "Отбасымызға атаулы әлеуметтік көмек тағайындауды сұраймын."),
        ("social_protection", "r", "Ұлыма мүгедектігі бойынша жәрдемақы рәсімдеуді сұраймын."),
        ("social_protection", "q", "Бала күтімі бойынша жәрдемақы рәсімдеу үшін қандай құжаттар қажет?"),
        ("social_protection", "q", "Зейнеткерге коммуналдық қызметтерге төлем жеңілдігі қарастырылған ба?"),
        ("social_protection", "q", "Биыл бала туғанда берілетін біржолғы жәрдемақының мөлшері қанша?"),
        ("health", "r", "Мені тұрғылықты жерім бойынша емханаға тіркеуді сұраймын."),
        ("health", "r", "Анамды қант диабетіне қарсы тегін дәрілермен қамтамасыз етуді сұраймын."),
        ("health", "q", "Мереке күндері емхананың жұмыс кестесі қандай?"),
        ("education", "r", "Ұлыма балабақшадан орын беруіңізді сұраймын."),
        ("education", "r", "Көрші ауылдан балаларды мектепке тасымалдауды ұйымдастыруды сұраймын."),
        ("education", "q", "Шағын ауданымызда жаңа мектеп қашан ашылады?"),
        ("land_relations", "r", "Кезек тәртібімен жеке тұрғын үй құрылысына жер учаскесін беруді сұраймын."),
        ("land_relations", "r", "Жер учаскесіне меншік құқығы туралы акт беруіңізді сұраймын."),
        ("land_relations", "q", "Учаскенің нысаналы мақсатын өзгерту үшін қандай құжаттар қажет?"),
        ("tax", "r", "Артық төленген көлік салығын қайтаруды сұраймын."),
        ("tax", "q", "Мүлік салығым қалай есептелгенін түсіндіріп беруіңізді сұраймын."),
        ("tax", "q", "Жеке кәсіпкер жарты жылдық декларацияны қалай тапсырады?"),
    ],
    "en": [
        ("akimat", "r", "Please repair the street lighting; the lamps on our street have been off for a month."),
        ("akimat", "r", "A large pothole has appeared on the road at {place}; please resurface it."),
        ("akimat", "r", "Our building has had no heating since the season started; the radiators are cold."),
        ("akimat", "r", "Rubbish has not been collected from our yard for a week and the bins are overflowing."),
        ("akimat", "r", "Please install a children's playground in the yard at {place}."),
        ("akimat", "r", "Please cut down the dangerous tree by our entrance; it may fall on the cars."),
        ("akimat", "r", "Please restore the cold water supply; there has been none for three days."),
        ("akimat", "r", "Please install speed bumps on the road by the school."),
        ("akimat", "r", "Please repair the roof of our building; it is leaking."),
        ("akimat", "r", "Please put me on the waiting list for housing."),
        ("akimat", "r", "Please deal with the rats in our basement."),
        ("akimat", "r", "Please clean the irrigation ditch along the street; water is flooding the yards."),
        ("akimat", "r", "Please remove the construction waste from the empty lot at {place}."),
        ("akimat", "r", "Please build a shelter at the bus stop; people wait for the bus in the rain."),
        ("akimat", "r", "Please connect our lane to the gas network; houses are still heated with coal."),
        ("akimat", "r", "Please repair the pavement; the tiles are broken."),
        ("akimat", "r", "Please clear the snow from the road to the clinic."),
        ("akimat", "r", "Please fix the traffic light at the crossroads; it only flashes yellow."),
        ("akimat", "r", "Please deal with the stray dogs running around near the school."),
        ("akimat", "q", "When will the heating season start in our district?"),
        ("akimat", "q", "When will bus route 12 be restored?"),
        ("akimat", "q", "When is the major repair of our building planned?"),
        ("akimat", "q", "How can I get a subsidy to buy livestock for my household farm?"),
        ("akimat", "p", "I suggest building a cycle path along the embankment."),
        ("akimat", "p", "I suggest installing a public toilet on the square."),
        ("akimat", "p", "I suggest planting trees along the new street."),
        ("akimat", "p", "I suggest extending the bus route to the new housing estate."),
        ("akimat", "p", "I suggest putting out bins for separate waste collection."),
        ("police", "r", "My neighbours make noise every night after eleven; it is impossible to sleep."),
        ("police", "r", "A noisy group gathers in our yard at night; please increase patrols."),
        ("police", "q", "At what stage is the investigation into my report of a stolen phone?"),
        ("police", "q", "How can I get a copy of the road accident report for my insurer?"),
        ("public_service_centre", "r", "Please issue a certificate of family composition."),
        ("public_service_centre", "r", "Please issue an archive certificate of my years of work at the state farm."),
        ("public_service_centre", "r", "Please register my child at our place of residence."),
        ("public_service_centre", "q", "When will the technical passport for my flat be ready?"),
        ("public_service_centre", "q", "How do I replace an expired identity card?"),
        ("social_protection", "r", "Please grant targeted social assistance to our family."),
        ("social_protection", "r", "Please arrange a disability allowance for my son."),
        ("social_protection", "q", "Which documents are needed to apply for the childcare allowance?"),
        ("social_protection", "q", "Is a pensioner entitled to a discount on utility bills?"),
        ("social_protection", "q", "How much is the one-off childbirth allowance this year?"),
        ("health", "r", "Please register me with the clinic at my place of residence."),
        ("health", "r", "Please provide my mother with free diabetes medication."),
        ("health", "q", "What are the clinic's opening hours on public holidays?"),
        ("education", "r", "Please allocate a kindergarten place for my son."),
        ("education", "r", "Please arrange school transport for children from the neighbouring village."),
        ("education", "q", "When will the new school in our district open?"),
        ("land_relations", "r", "Please allocate a plot for building a house in the order of the waiting list."),
        ("land_relations", "r", "Please issue the title deed for my land plot."),
        ("land_relations", "q", "Which documents are needed to change the designated use of a plot?"),
        ("tax", "r", "Please refund the vehicle tax I overpaid."),
        ("tax", "q", "Please explain how the tax on my property was calculated."),
        ("tax", "q", "How does a sole trader file the half-year declaration?"),
    ],
}

MIXED_PLAIN: list[tuple[str, str, str]] = [
    ("akimat", "r", "Көшедегі фонарь бір айдан бері жанбайды, просьба жөндеп беріңіздер."),
    ("akimat", "r", "Подъездте отопление жоқ, батареялар салқын, үйде кішкентай балалар бар."),
    ("akimat", "r", "Мусор үш күннен бері шығарылмай жатыр, бүкіл аулада вонь."),
    ("akimat", "r", "Жолда үлкен яма пайда болды, машинамен жүру қиын, срочно жөндеу керек."),
    ("akimat", "q", "Су жоқ екі күн, горячая вода да жоқ, қашан береді?"),
    ("akimat", "q", "Автобус №12 қайта қашан жүреді, маршрутты отменили ма?"),
    ("akimat", "r", "Мектеп жанында пешеходный переход белгісі жоқ, балаларға қауіпті."),
    ("akimat", "r", "Аулада детская площадка сынып қалды, ремонт жасауды сұраймын."),
    ("akimat", "r", "Үйіміздің крышасы ағып жатыр, жаңбыр жауса су түседі."),
    ("public_service_centre", "q", "Справка алу үшін қандай документтер нужны?"),
    ("social_protection", "q", "Детский пособие қашан түседі, сроки қандай?"),
    ("akimat", "q", "Газ счетчигін ауыстыру керек, кімге обращаться ету керек?"),
]

# --------------------------------------------------------------------------------------------------
# Frames around the core: openings, closings, details, addresses and personal data
# --------------------------------------------------------------------------------------------------

OPENINGS: dict[str, list[str]] = {
    "ru": ["Здравствуйте!", "Добрый день.", "Уважаемые сотрудники!", "Прошу рассмотреть моё обращение.",
           "Пишу вам от имени жителей нашего дома.", "Здравствуйте, пишу по следующему вопросу."],
    "kk": ["Сәлеметсіз бе!", "Қайырлы күн.", "Құрметті мамандар!", "Өтінішімді қарауыңызды сұраймын.",
           "Үйіміздің тұрғындары атынан жазып отырмын.", "Сәлеметсіз бе, мына мәселе бойынша жазып отырмын."],
    "en": ["Hello,", "Good afternoon.", "Dear Sir or Madam,", "Please consider my appeal.",
           "I am writing on behalf of the residents of our building.", "Hello, I am writing about the following."],
    "mixed": ["Здравствуйте,", "Сәлеметсіз бе, добрый день.", "Добрый день, құрметті мамандар!",
              "Салем, короче такая ситуация.", "Сәлеметсіз бе, вопрос бар."],
}

# Openings addressed to an akim, used only for appeals to akimats (in addition to the above).
AKIMAT_OPENINGS: dict[str, list[str]] = {
    "ru": ["Уважаемый аким!", "Уважаемый аким, обращаюсь к вам лично."],
    "kk": ["Құрметті әкім!", "Құрметті әкім мырза, сізге жеке жүгініп отырмын."],
    "en": ["Dear akim,", "Dear akim, I am appealing to you personally."],
    "mixed": ["Құрметті әкім, здравствуйте!"],
}

REPEAT_OPENINGS: dict[str, list[str]] = {
    "ru": ["Повторно обращаюсь по тому же вопросу.", "Пишу уже не первый раз.",
           "Это моё повторное обращение, прошлый ответ ничего не решил."],
    "kk": ["Бұл мәселе бойынша қайта жазып отырмын.", "Бірінші рет жазып отырған жоқпын.",
           "Бұл менің қайталама өтінішім, өткен жауап ештеңені шешпеді."],
    "en": ["I am writing again about the same problem.", "This is not the first time I have written.",
           "This is a repeat appeal; the previous reply solved nothing."],
    "mixed": ["Повторно жазып отырмын, прошлый ответ ештеңе шешпеді.",
              "Бұл вопрос бойынша екінші раз жазамын."],
}

CLOSINGS_REQUEST: dict[str, list[str]] = {
    "ru": ["Прошу принять меры.", "Жду ответа.", "Прошу дать письменный ответ.",
           "Надеюсь на понимание.", "Прошу разобраться.", "Заранее спасибо."],
    "kk": ["Шара қолдануларыңызды сұраймын.", "Жауап күтемін.", "Жазбаша жауап беруіңізді сұраймын.",
           "Түсіністікпен қарайсыздар деп үміттенемін.", "Мән-жайын анықтауыңызды сұраймын.",
           "Алдын ала рахмет."],
    "en": ["Please take action.", "I look forward to your reply.", "Please reply in writing.",
           "I hope for your understanding.", "Please look into this.", "Thank you in advance."],
    "mixed": ["Рахмет заранее.", "Ответ күтемін.", "Шара қолдануды прошу."],
}

CLOSINGS_THANKS: dict[str, list[str]] = {
    "ru": ["Большое спасибо!", "Так держать!", "Побольше бы таких специалистов."],
    "kk": ["Үлкен рахмет!", "Осылай жалғастыра беріңіздер!", "Осындай мамандар көп болсын."],
    "en": ["Many thanks!", "Keep it up!", "We need more specialists like this."],
    "mixed": ["Спасибо большое, рахмет!", "Молодцы, осылай жалғастырыңыздар."],
}

DETAILS: dict[str, list[str]] = {
    "ru": ["Фото прилагаю.", "Могу показать всё на месте.", "Соседи могут подтвердить.",
           "В доме живут пожилые люди и маленькие дети.", "Удобнее всего связаться со мной после шести вечера.",
           "Копии документов прилагаю."],
    "kk": ["Суретін қоса беріп отырмын.", "Барлығын орнында көрсете аламын.", "Көршілер растай алады.",
           "Үйде қарт адамдар мен кішкентай балалар тұрады.", "Маған кешкі алтыдан кейін хабарласқан ыңғайлы.",
           "Құжаттардың көшірмелерін қоса беремін."],
    "en": ["Photos attached.", "I can show you everything on the spot.", "My neighbours can confirm this.",
           "Elderly people and small children live in the building.",
           "It is easiest to reach me after six in the evening.", "Copies of the documents are attached."],
}

ADDRESS_DETAILS: dict[str, list[str]] = {
    "ru": ["Адрес: {place}.", "Мой адрес: {place}."],
    "kk": ["Мекенжайы: {place}.", "Менің мекенжайым: {place}."],
    "en": ["Address: {place}.", "My address: {place}."],
}

# Personal data as citizens really write it, so redaction can be seen working.
PII_SENTENCES: dict[str, dict[str, list[str]]] = {
    "phone": {
        "ru": ["Мой телефон для связи: {pii}.", "Звоните: {pii}."],
        "kk": ["Байланыс телефоным: {pii}.", "Хабарласу үшін: {pii}."],
        "en": ["My phone number: {pii}.", "Call me on {pii}."],
    },
    "email": {
        "ru": ["Ответ прошу направить на почту {pii}"],
        "kk": ["Жауапты {pii} поштасына жіберуіңізді сұраймын."],
        "en": ["Please send the reply to {pii}"],
    },
    "iin": {
        "ru": ["Мой ИИН {pii}."],
        "kk": ["ЖСН: {pii}."],
        "en": ["My IIN is {pii}."],
    },
}

EMAIL_NAMES = ("aigerim", "nurlan", "dana", "yerlan", "asel", "marat", "olga", "sergey", "madina",
               "arman", "zhanna", "timur", "saule", "bauyrzhan", "irina", "daulet")
EMAIL_DOMAINS = ("mail.ru", "gmail.com", "mail.kz", "inbox.ru", "yandex.kz")
PHONE_PREFIXES = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")

# --------------------------------------------------------------------------------------------------
# Letters: the parts around the core that make a note into a letter. None of these sentences is
# evidence of a competency area: greetings and polite formulae, who the citizen is, where they live,
# what happened and since when, why it matters, and how they sign off. They are used in appeals with
# and without labels alike, so a classifier that reads politeness or a life story as evidence is
# wrong on this data as it would be on real appeals. Keys: "any" (every agency) or an agency kind;
# languages kk, ru, en and "mixed" (Kazakh–Russian code-switched, used beside the Kazakh ones).
# No sentence here has a {place} or {pii} slot.
# --------------------------------------------------------------------------------------------------

SALUTATIONS: dict[str, dict[str, list[str]]] = {
    "any": {
        "ru": ["Здравствуйте!", "Добрый день!", "Уважаемые сотрудники!", "Уважаемый руководитель!",
               "Доброго времени суток.", "Здравствуйте, уважаемые специалисты.",
               "Уважаемые господа!", "Добрый день, уважаемые коллеги."],
        "kk": ["Сәлеметсіз бе!", "Қайырлы күн!", "Құрметті мамандар!", "Құрметті басшы!",
               "Сәлеметсіздер ме, құрметті қызметкерлер.", "Армысыздар!",
               "Құрметті жауапты тұлғалар!", "Қайырлы күн, құрметті әріптестер."],
        "en": ["Dear Sir or Madam,", "Hello,", "Good afternoon,", "Dear colleagues,", "To whom it may concern,",
               "Dear Sirs,", "Good morning,", "Dear team,"],
        "mixed": ["Сәлеметсіз бе, здравствуйте!", "Добрый день, сәлеметсіз бе.", "Құрметті мамандар, добрый день!",
                  "Сәлем, добрый день."],
    },
    "akimat": {
        "ru": ["Уважаемый аким!", "Уважаемый аким, здравствуйте.", "Уважаемый господин аким!",
               "Уважаемый аким района, добрый день."],
        "kk": ["Құрметті әкім мырза!", "Құрметті әкім!", "Құрметті аудан әкімі, сәлеметсіз бе!",
               "Құрметті ауыл әкімі!"],
        "en": ["Dear Akim,", "Dear Mr Akim,", "Dear Akim of the district,"],
        "mixed": ["Құрметті әкім мырза, здравствуйте!", "Уважаемый аким, сәлеметсіз бе!"],
    },
    "police": {
        "ru": ["Уважаемый начальник департамента полиции!", "Уважаемый начальник!"],
        "kk": ["Құрметті полиция департаментінің бастығы!", "Құрметті бастық!"],
        "en": ["Dear Chief of Police,", "Dear Head of the Police Department,"],
    },
    "public_service_centre": {
        "ru": ["Уважаемое руководство ЦОНа!", "Уважаемый директор!"],
        "kk": ["ХҚКО-ның құрметті басшылығы!", "Құрметті директор!"],
        "en": ["Dear Director of the Service Centre,", "Dear management of the public service centre,"],
    },
    "social_protection": {
        "ru": ["Уважаемый руководитель управления!", "Уважаемые сотрудники отдела занятости!"],
        "kk": ["Құрметті басқарма басшысы!", "Жұмыспен қамту бөлімінің құрметті қызметкерлері!"],
        "en": ["Dear Head of the Department,", "Dear staff of the employment office,"],
    },
    "health": {
        "ru": ["Уважаемый руководитель управления здравоохранения!", "Уважаемые медики!"],
        "kk": ["Денсаулық сақтау басқармасының құрметті басшысы!", "Құрметті дәрігерлер!"],
        "en": ["Dear Head of the Health Department,", "Dear doctors,"],
    },
    "education": {
        "ru": ["Уважаемый руководитель управления образования!", "Уважаемые сотрудники отдела образования!"],
        "kk": ["Білім басқармасының құрметті басшысы!", "Білім бөлімінің құрметті қызметкерлері!"],
        "en": ["Dear Head of the Education Department,", "Dear education officials,"],
    },
    "land_relations": {
        "ru": ["Уважаемый руководитель управления земельных отношений!", "Уважаемые специалисты земельного отдела!"],
        "kk": ["Жер қатынастары басқармасының құрметті басшысы!", "Жер бөлімінің құрметті мамандары!"],
        "en": ["Dear Head of the Land Relations Department,", "Dear land officers,"],
    },
    "tax": {
        "ru": ["Уважаемый руководитель департамента государственных доходов!", "Уважаемые налоговые инспекторы!"],
        "kk": ["Мемлекеттік кірістер департаментінің құрметті басшысы!", "Құрметті салық инспекторлары!"],
        "en": ["Dear Head of the State Revenue Department,", "Dear tax officers,"],
    },
}

# What the letter is about, said before anything else ("I am turning to you about ...").
PREAMBLES: dict[str, list[str]] = {
    "ru": [
        "Обращаюсь к вам по вопросу, который касается всей нашей семьи.",
        "Пишу вам, потому что своими силами этот вопрос не решить.",
        "Позвольте обратиться к вам с просьбой.",
        "Обращаюсь к вам через портал, так как прийти лично не получается: работаю посменно.",
        "Хочу изложить ситуацию по порядку, чтобы было понятно, о чём речь.",
        "Прошу прощения за длинное письмо, но по-другому объяснить не получится.",
        "Приходится обращаться к вам за помощью.",
        "Пишу от своего имени и от имени соседей по подъезду.",
        "Коротко опишу, в чём дело.",
    ],
    "kk": [
        "Сізге бүкіл отбасымызға қатысты мәселе бойынша жүгініп отырмын.",
        "Бұл мәселені өзім шеше алмағандықтан сізге жазып отырмын.",
        "Сізге бір өтінішпен жүгінуге рұқсат етіңіз.",
        "Ауысыммен жұмыс істейтіндіктен, өзім бара алмай, портал арқылы жазып отырмын.",
        "Не туралы екені түсінікті болу үшін жағдайды ретімен баяндап берейін.",
        "Хатым ұзақ болғаны үшін кешірім сұраймын, басқаша түсіндіре алмаймын.",
        "Көмек сұрап сізге жүгінуге мәжбүрмін.",
        "Өз атымнан және подъездегі көршілерім атынан жазып отырмын.",
        "Мән-жайды қысқаша айтып берейін.",
    ],
    "en": [
        "I am writing to you about a matter that concerns my whole family.",
        "I am writing because I cannot resolve this on my own.",
        "Allow me to turn to you with a request.",
        "I am writing through the portal because I work shifts and cannot come in person.",
        "Let me set out the situation in order so that it is clear what this is about.",
        "I apologise for the long letter, but I cannot explain it more briefly.",
        "I have to ask for your help.",
        "I am writing on my own behalf and on behalf of my neighbours in the building.",
        "Briefly, here is the matter.",
    ],
    "mixed": [
        "Сізге один вопрос бойынша жазып отырмын.",
        "Ситуацияны по порядку айтып берейін.",
        "Өзім решить ете алмадым, сондықтан жазып отырмын.",
    ],
}

# Who is writing.
SELF_INTRODUCTIONS: dict[str, list[str]] = {
    "ru": [
        "Я пенсионерка, мне 72 года, живу одна.",
        "Я мать троих детей, младшему два года.",
        "Меня зовут Гульнара, я работаю медсестрой в районной больнице.",
        "Я ветеран труда, сорок лет проработал на железной дороге.",
        "Я студент второго курса, снимаю квартиру вместе с братом.",
        "Я индивидуальный предприниматель, держу небольшой магазин.",
        "Я учитель начальных классов, в этом году вышла на пенсию.",
        "Мы молодая семья, поженились в прошлом году.",
        "Я фермер, держу около двадцати голов скота.",
        "Я работаю вахтовым методом и дома бываю две недели в месяц.",
        "Пишу за свою бабушку, ей 86 лет, сама она пользоваться порталом не умеет.",
        "Я председатель совета дома, жильцы попросили меня написать от их имени.",
        "Я многодетный отец, жена сейчас в декретном отпуске.",
    ],
    "kk": [
        "Мен зейнеткермін, 72 жастамын, жалғыз тұрамын.",
        "Мен үш баланың анасымын, кенжем екі жаста.",
        "Атым Гүлнар, аудандық ауруханада мейірбике болып істеймін.",
        "Мен еңбек ардагерімін, темір жолда қырық жыл жұмыс істедім.",
        "Мен екінші курс студентімін, інімен бірге пәтер жалдап тұрамын.",
        "Мен жеке кәсіпкермін, шағын дүкенім бар.",
        "Бастауыш сынып мұғалімі едім, биыл зейнетке шықтым.",
        "Біз жас отбасымыз, өткен жылы үйлендік.",
        "Мен шаруамын, жиырмадай ірі қара ұстаймын.",
        "Вахталық әдіспен жұмыс істеймін, үйде айына екі апта ғана боламын.",
        "Әжемнің атынан жазып отырмын, ол кісі 86 жаста, порталды өзі пайдалана алмайды.",
        "Мен үй кеңесінің төрағасымын, тұрғындар өз атынан жазуды сұрады.",
        "Мен көп балалы әкемін, әйелім қазір декреттік демалыста.",
    ],
    "en": [
        "I am a 72-year-old pensioner and I live alone.",
        "I am a mother of three; my youngest is two years old.",
        "My name is Gulnara and I work as a nurse at the district hospital.",
        "I am a labour veteran and worked on the railway for forty years.",
        "I am a second-year student renting a flat with my brother.",
        "I run a small shop as a sole trader.",
        "I taught in a primary school and retired this year.",
        "We are a young family; we married last year.",
        "I am a farmer with about twenty head of cattle.",
        "I work on rotation and am home only two weeks a month.",
        "I am writing for my grandmother, who is 86 and cannot use the portal herself.",
        "I chair our building's residents' council and the tenants asked me to write for them.",
    ],
    "mixed": [
        "Мен пенсионеркамын, жалғыз тұрамын, балалар в городе.",
        "Үш балам бар, младшему екі жас.",
        "Вахтамен работаю, үйде айына екі неделя ғана боламын.",
        "Әжемнің атынан пишу, ол кісі порталды пользоваться ете алмайды.",
    ],
}

# Where they live and for how long.
HOMES: dict[str, list[str]] = {
    "ru": [
        "Живу в этом микрорайоне больше двадцати лет.",
        "Мы переехали в посёлок три года назад, купили здесь дом.",
        "Наш дом пятиэтажный, построен ещё в семидесятых, в нём 60 квартир.",
        "Живём на окраине города, в частном секторе.",
        "Я живу в селе, до районного центра около сорока километров.",
        "Квартиру получили от завода в 1989 году и с тех пор живём здесь.",
        "Наш дом новый, сдан в эксплуатацию в позапрошлом году.",
        "Живу в общежитии на третьем этаже вместе с семьёй.",
        "Мы живём в доме родителей мужа, вместе восемь человек.",
        "Улица у нас небольшая, всего двенадцать домов.",
    ],
    "kk": [
        "Осы шағынауданда жиырма жылдан астам тұрамын.",
        "Ауылға үш жыл бұрын көшіп келдік, осы жерден үй сатып алдық.",
        "Біздің үй бес қабатты, жетпісінші жылдары салынған, алпыс пәтер бар.",
        "Қаланың шетіндегі жеке үйлер ауданында тұрамыз.",
        "Ауылда тұрамын, аудан орталығына дейін қырық шақырымдай.",
        "Пәтерді 1989 жылы зауыттан алдық, содан бері осында тұрамыз.",
        "Үйіміз жаңа, былтырдан бұрын пайдалануға берілген.",
        "Жатақхананың үшінші қабатында отбасыммен тұрамын.",
        "Күйеуімнің ата-анасының үйінде тұрамыз, барлығы сегіз адамбыз.",
        "Көшеміз шағын, бар болғаны он екі үй.",
    ],
    "en": [
        "I have lived in this neighbourhood for more than twenty years.",
        "We moved to the settlement three years ago and bought a house here.",
        "Our building has five floors and 60 flats; it was built in the seventies.",
        "We live on the edge of town, in the area of private houses.",
        "I live in a village about forty kilometres from the district centre.",
        "We got our flat from the plant in 1989 and have lived here ever since.",
        "Our building is new; it was commissioned the year before last.",
        "I live with my family on the third floor of a hostel.",
        "We live in my husband's parents' house, eight of us together.",
        "Ours is a small street with only twelve houses.",
    ],
    "mixed": [
        "Осы микрорайонда жиырма жылдан бері живу.",
        "Частный секторда тұрамыз, город шетінде.",
        "Ауылдан райцентрге дейін қырық километр.",
    ],
}

# What happened, since when and why it matters: "any" fits every request; a kind's sentences fit the
# matters that agencies of that kind handle. None says that an agency did anything wrong.
BACKGROUNDS: dict[str, dict[str, list[str]]] = {
    "any": {
        "ru": [
            "Для нашей семьи это очень важно, поэтому пишу подробно.",
            "Мы с соседями обсудили это на собрании и решили обратиться официально.",
            "Сначала мы пытались решить всё сами, но без вашего участия не получается.",
            "О том, что нужно писать сюда, мне подсказали знакомые.",
            "Вопрос возник в начале прошлого месяца.",
            "Раньше с этим никаких трудностей не было, всё началось этой осенью.",
            "Понимаю, что обращений у вас много, но очень прошу не откладывать.",
            "Дома у нас пожилая мать, поэтому для нас это особенно срочно.",
            "Узнали мы об этом только на прошлой неделе, когда начали оформлять документы.",
            "Все нужные документы у меня на руках, могу предоставить по первому требованию.",
            "Если нужно, могу подъехать в удобное для вас время.",
        ],
        "kk": [
            "Бұл біздің отбасымыз үшін өте маңызды, сондықтан егжей-тегжейлі жазып отырмын.",
            "Көршілермен жиналыста ақылдасып, ресми түрде жүгінуге шештік.",
            "Алдымен бәрін өзім шешуге тырыстым, бірақ сіздердің көмектеріңізсіз болмай тұр.",
            "Осында жазу керек екенін таныстарым айтты.",
            "Мәселе өткен айдың басында туындады.",
            "Бұрын мұндай қиындық болған емес, бәрі осы күзде басталды.",
            "Өтініштеріңіздің көп екенін түсінемін, бірақ кейінге қалдырмауыңызды өтінемін.",
            "Үйде қарт анамыз бар, сондықтан бұл біз үшін аса шұғыл.",
            "Бұл туралы өткен аптада ғана, құжат рәсімдеуге барғанда білдім.",
            "Керекті құжаттардың бәрі қолымда, талап етсеңіз бірден ұсына аламын.",
            "Қажет болса, өзіңізге ыңғайлы уақытта бара аламын.",
        ],
        "en": [
            "This matters a great deal to our family, which is why I am writing in detail.",
            "My neighbours and I discussed it at a residents' meeting and decided to write officially.",
            "At first I tried to sort it out myself, but it cannot be done without you.",
            "Friends told me that this is where I should write.",
            "The matter came up at the beginning of last month.",
            "There was never any difficulty with this before; it all started this autumn.",
            "I understand you receive many appeals, but I ask you not to put this off.",
            "We have an elderly mother at home, so this is especially urgent for us.",
            "I only found out last week, when I went to have my documents drawn up.",
            "I have all the necessary documents and can provide them on request.",
            "If needed, I can come in at a time convenient for you.",
        ],
        "mixed": [
            "Бұл біздің семья үшін очень важно.",
            "Соседтермен собрание өткізіп, официально жазуға шештік.",
            "Үйде пожилая мама бар, сондықтан срочно керек.",
            "Барлық документтер қолымда, керек болса принесу.",
        ],
    },
    "akimat": {
        "ru": [
            "Впервые мы заметили это в начале октября.",
            "По вечерам на нашей улице совсем темно, дети возвращаются из школы в потёмках.",
            "Во дворе играют около тридцати детей, другого места для прогулок рядом нет.",
            "Последний раз дом ремонтировали, кажется, ещё в девяностые.",
            "Зимой у нас бывает до минус тридцати пяти, без тепла дома не прожить.",
            "Этой дорогой каждый день пользуются школьный автобус и скорая помощь.",
        ],
        "kk": [
            "Мұны алғаш рет қазан айының басында байқадық.",
            "Кешке көшеміз мүлде қараңғы, балалар мектептен қараңғыда қайтады.",
            "Аулада отызға жуық бала ойнайды, жақын маңда серуендейтін басқа орын жоқ.",
            "Үйді соңғы рет тоқсаныншы жылдары жөндеген шығар.",
            "Қыста бізде отыз бес градусқа дейін аяз болады, жылусыз үйде тұру мүмкін емес.",
            "Бұл жолмен күн сайын мектеп автобусы мен жедел жәрдем жүреді.",
        ],
        "en": [
            "We first noticed it at the beginning of October.",
            "In the evenings our street is completely dark and children walk home from school in the dark.",
            "About thirty children play in the yard and there is nowhere else nearby for them to go.",
            "I believe the building was last repaired back in the nineties.",
            "In winter it gets down to minus thirty-five here; you cannot live in a house without heat.",
            "The school bus and the ambulance use this road every day.",
        ],
        "mixed": [
            "Мұны первый раз октябрьдің басында байқадық.",
            "Кешке көше мүлде тёмная, балалар мектептен қараңғыда келеді.",
        ],
    },
    "police": {
        "ru": [
            "Это произошло в прошлую субботу около одиннадцати вечера.",
            "В нашем дворе живут в основном пожилые люди и семьи с детьми.",
            "Телефон был куплен в рассрочку, и платить за него ещё полгода.",
            "Мы с соседями терпели почти месяц, прежде чем написать.",
        ],
        "kk": [
            "Бұл өткен сенбіде кешкі он бірлер шамасында болды.",
            "Ауламызда көбіне қарт адамдар мен балалы отбасылар тұрады.",
            "Телефонды бөліп төлеуге алғанмын, әлі жарты жыл төлеуім керек.",
            "Жазбас бұрын көршілермен бір айға жуық шыдадық.",
        ],
        "en": [
            "It happened last Saturday at about eleven in the evening.",
            "Our yard is mostly elderly people and families with children.",
            "I bought the phone on instalments and still have half a year left to pay.",
            "My neighbours and I put up with it for almost a month before writing.",
        ],
    },
    "public_service_centre": {
        "ru": [
            "Справка нужна мне для оформления пенсии, без неё документы не принимают.",
            "Документы нужны до конца месяца, иначе сорвётся сделка по продаже квартиры.",
            "Удостоверение было утеряно во время поездки в Алматы.",
            "Ребёнку исполнилось шесть лет, и осенью он идёт в школу.",
        ],
        "kk": [
            "Анықтама зейнетақы рәсімдеу үшін керек, онсыз құжаттарды қабылдамайды.",
            "Құжаттар ай соңына дейін керек, әйтпесе пәтер сату мәмілесі бұзылады.",
            "Жеке куәлігімді Алматыға барған сапарда жоғалтып алдым.",
            "Балам алтыға толды, күзде мектепке барады.",
        ],
        "en": [
            "I need the certificate to apply for my pension; the documents are not accepted without it.",
            "I need the documents before the end of the month or the sale of my flat will fall through.",
            "I lost my identity card on a trip to Almaty.",
            "My child has turned six and starts school in the autumn.",
        ],
    },
    "social_protection": {
        "ru": [
            "Весной глава семьи потерял работу, и теперь мы живём на одну зарплату.",
            "В семье один кормилец, а детей четверо.",
            "Сыну восемь лет, ему нужен постоянный уход, поэтому я не могу выйти на работу.",
            "Наш доход на человека сейчас меньше прожиточного минимума.",
        ],
        "kk": [
            "Көктемде жұмыстан айырылдым, қазір отбасында тек әйелім жұмыс істейді.",
            "Күйеуім отбасын тастап кетті, балаларды жалғыз өзім бағып отырмын.",
            "Ұлым сегіз жаста, оған үнемі күтім керек, сондықтан жұмысқа шыға алмаймын.",
            "Қазір бір адамға шаққандағы табысымыз ең төменгі күнкөріс деңгейінен аз.",
        ],
        "en": [
            "I lost my job in the spring and now only my wife is working.",
            "My husband left us and I am raising the children alone.",
            "My son is eight and needs constant care, so I cannot go back to work.",
            "Our income per person is now below the subsistence minimum.",
        ],
    },
    "health": {
        "ru": [
            "Весной маме сделали операцию, и теперь ей нужно постоянное наблюдение.",
            "До нашей поликлиники сейчас два часа на автобусе с пересадкой.",
            "Диабет у мамы уже десять лет, лекарства нужны каждый день.",
            "Мы переехали в этот район в августе.",
        ],
        "kk": [
            "Көктемде анама ота жасалды, енді оған үнемі бақылау қажет.",
            "Қазір емханамызға дейін автобуспен ауысып, екі сағат жүреміз.",
            "Анамның қант диабетіне он жыл болды, дәрі күн сайын керек.",
            "Бұл ауданға тамыз айында көшіп келдік.",
        ],
        "en": [
            "My mother had an operation in the spring and now needs regular check-ups.",
            "Our clinic is now two hours away by bus with a change.",
            "My mother has had diabetes for ten years and needs medicine every day.",
            "We moved to this district in August.",
        ],
    },
    "education": {
        "ru": [
            "Мы переехали в город летом, сын пойдёт в первый класс.",
            "Я выхожу на работу из декрета в сентябре, оставить ребёнка не с кем.",
            "Из нашего села в школу ходят пятнадцать детей, дорога идёт вдоль трассы.",
            "Младшей дочери три года, в очереди в детский сад мы стоим с её рождения.",
        ],
        "kk": [
            "Қалаға жазда көшіп келдік, ұлым бірінші сыныпқа барады.",
            "Қыркүйекте декреттен жұмысқа шығамын, баланы қалдыратын ешкім жоқ.",
            "Ауылымыздан мектепке он бес бала барады, жол тас жолдың бойымен өтеді.",
            "Кенже қызым үш жаста, балабақшаға кезекте туғаннан бері тұрмыз.",
        ],
        "en": [
            "We moved to town in the summer and my son starts first grade.",
            "I go back to work from maternity leave in September and have no one to leave the child with.",
            "Fifteen children from our village walk to school along the highway.",
            "My youngest daughter is three; we have been in the kindergarten queue since she was born.",
        ],
    },
    "land_relations": {
        "ru": [
            "Участок достался мне по наследству от отца в 2019 году.",
            "Мы хотим построить дом для семьи сына рядом с нами.",
            "Заявление на участок подано ещё в 2018 году, номер в очереди у нас есть.",
            "Соседи уже оформили свои участки, остался только наш.",
        ],
        "kk": [
            "Учаске маған 2019 жылы әкемнен мұраға қалды.",
            "Ұлымыздың отбасына қасымыздан үй салып бергіміз келеді.",
            "Учаскеге өтінішті 2018 жылы берген едім, кезектегі нөмірім бар.",
            "Көршілер учаскелерін рәсімдеп қойды, тек біздікі қалды.",
        ],
        "en": [
            "I inherited the plot from my father in 2019.",
            "We want to build a house for our son's family next to ours.",
            "I applied for a plot back in 2018 and have a number in the queue.",
            "The neighbours have already registered their plots; only ours is left.",
        ],
    },
    "tax": {
        "ru": [
            "Машина продана ещё в прошлом году, договор купли-продажи сохранился.",
            "ИП зарегистрировано в марте, это первая декларация.",
            "Квартира у меня одна, и в ней я живу с семьёй.",
            "Налог за прошлый год оплачен вовремя, квитанция есть.",
        ],
        "kk": [
            "Көлікті өткен жылы сатып жібергенмін, сатып алу-сату шарты қолымда.",
            "ЖК-ны наурызда ашқанмын, бұл менің алғашқы декларациям.",
            "Менің бір ғана пәтерім бар, онда отбасыммен тұрамын.",
            "Өткен жылғы салықты уақытында төлегенмін, түбіртегі сақталған.",
        ],
        "en": [
            "I sold the car last year and have the sale contract.",
            "I registered as a sole trader in March; this is my first declaration.",
            "I own only one flat and live there with my family.",
            "I paid last year's tax on time and kept the receipt.",
        ],
    },
}

# Longer passages of what happened, as people tell it in a letter: one or two of them turn a letter
# into a long one. Like BACKGROUNDS, "any" fits every request, a kind's fit its matters, and none
# says that an agency did anything wrong.
STORIES: dict[str, dict[str, list[str]]] = {
    "any": {
        "ru": [
            "Мы долго не решались писать, думали, что справимся своими силами, но одним нам не справиться, а знакомые тоже не знали, к кому с этим обращаться, пока нам не подсказали написать сюда.",
            "В прошлые выходные к нам приезжала дочь из Астаны, выслушала всю историю и сказала, что нужно написать официально, а не ждать, поэтому и пишу.",
            "Всё, что нашли в интернете по этому вопросу, мы прочитали, но случай у нас не совсем обычный, поэтому хотелось бы, чтобы специалист посмотрел именно на нашу ситуацию.",
            "Если для решения вопроса нужно моё присутствие, подписи соседей или дополнительные справки, сообщите, пожалуйста, мы всё соберём и принесём в любой удобный день.",
        ],
        "kk": [
            "Ұзақ уақыт жазуға бата алмадық, өз күшімізбен шешеміз деп ойладық, бірақ жалғыз шеше алмайтынымызды түсіндік, таныстарымыз да кімге жүгіну керегін білмеді, кейін осында жазуға кеңес берді.",
            "Өткен демалыста Астанадан қызым келіп, бүкіл жағдайды тыңдап, күтпей ресми түрде жазу керек деді, сондықтан жазып отырмын.",
            "Бұл мәселе бойынша интернеттен тапқанның бәрін оқыдық, бірақ біздің жағдай әдеттегідей емес, сондықтан маман дәл біздің жағдайымызды қарағанын қалаймыз.",
            "Мәселені шешу үшін менің қатысуым, көршілердің қолы немесе қосымша анықтамалар керек болса, хабарлаңызшы, бәрін жинап, кез келген ыңғайлы күні әкелеміз.",
        ],
        "en": [
            "We hesitated to write for a long time, thinking we could manage on our own, but we cannot, and our friends did not know whom to turn to either until someone suggested writing here.",
            "Last weekend my daughter came from Astana, heard the whole story and said we should write officially instead of waiting, and that is why I am writing.",
            "We have read everything we could find online about this, but our case is not quite the usual one, so we would like a specialist to look at our situation in particular.",
            "If my presence, my neighbours' signatures or further certificates are needed to settle this, please let me know and we will collect everything and bring it on any convenient day.",
        ],
        "mixed": [
            "Ұзақ уақыт жазуға стеснялись, өзіміз решим деп ойладық, бірақ өзіміз справиться ете алмадық.",
            "Керек болса, соседтердің подписьтерін жинап, любой день әкеліп беремін.",
        ],
    },
    "akimat": {
        "ru": [
            "Я по пустякам не пишу и скандалить не люблю, но здесь дело касается здоровья детей и пожилых людей, поэтому молчать дальше не могу.",
            "Мы обсуждали этот вопрос в чате нашего дома, там больше ста человек, и большинство согласились, что нужно обращаться к вам, так что считайте это письмо общим.",
            "Понимаю, что бюджет не резиновый и всё сразу сделать нельзя, но хотелось бы хотя бы знать, запланировано ли это и в какие сроки, чтобы люди понимали, чего ждать.",
            "В прошлом году мы с соседями скинулись и сами засыпали яму щебнем, но после весенних дождей её снова размыло, и теперь машины объезжают её по тротуару, где ходят дети.",
            "Когда темнеет, а зимой это уже в пять вечера, люди идут с остановки с фонариками на телефонах, пожилые боятся выходить из дома, а недавно соседка поскользнулась и сломала руку.",
            "Дом у нас старый, трубы меняли последний раз лет тридцать назад, и каждую зиму что-нибудь случается: то в подвале течёт, то на верхних этажах батареи еле тёплые.",
            "Площадку во дворе когда-то поставил завод, с тех пор её никто не обновлял, качели сломаны, из горки торчат болты, и дети играют прямо на проезжей части между машинами.",
            "Раньше мусор забирали по вторникам и пятницам, с осени машина приходит когда придётся, контейнеры переполняются, пакеты растаскивают собаки, и во дворе стоит запах.",
            "Наш переулок отрезан от центральной улицы, весной и осенью дорогу так размывает, что ни такси, ни скорая к нам не проезжают, а в переулке живут три семьи с маленькими детьми.",
        ],
        "kk": [
            "Мен болмашы нәрсеге жазбаймын, ұрыс-керісті де жақтырмаймын, бірақ бұл балалар мен қарттардың денсаулығына қатысты, сондықтан енді үндемей отыра алмаймын.",
            "Бұл мәселені үйіміздің чатында талқыладық, онда жүзден астам адам бар, көбісі сізге жүгіну керек деп келісті, сондықтан бұл хатты ортақ деп есептеңіз.",
            "Бюджеттің шексіз емес екенін, бәрін бірден істеу мүмкін еместігін түсінемін, бірақ адамдар не күтетінін білу үшін бұл жоспарда бар ма, қашан болады, соны білгіміз келеді.",
            "Өткен жылы көршілермен ақша жинап, шұңқырды өзіміз қиыршық таспен көмдік, бірақ көктемгі жаңбырдан кейін қайта шайылып кетті, енді көліктер оны балалар жүретін тротуармен айналып өтеді.",
            "Қараңғы түскенде, ал қыста бұл кешкі бесте, адамдар аялдамадан телефон шамымен жүреді, қарттар үйден шығуға қорқады, жақында көршім тайып жығылып, қолын сындырып алды.",
            "Үйіміз ескі, құбырларды соңғы рет отыз жылдай бұрын ауыстырған, әр қыс сайын бірдеңе болады: бірде жертөлеге су ағады, бірде жоғарғы қабаттарда батареялар әрең жылы.",
            "Аулаға алаңды бір кезде зауыт орнатқан, содан бері ешкім жаңартпаған, әткеншектер сынған, сырғанақтан болттар шығып тұр, балалар көліктердің арасында, жолдың үстінде ойнайды.",
            "Бұрын қоқысты сейсенбі мен жұма күндері алып кететін, күзден бері көлік қалай болса солай келеді, контейнерлер толып, пакеттерді иттер тасып, аулада иіс тұрады.",
            "Тұйық көшеміз орталық көшеден бөлініп қалған, көктем мен күзде жолды су шайып кететіні сонша, бізге такси де, жедел жәрдем де жете алмайды, ал көшеде кішкентай балалары бар үш отбасы тұрады.",
        ],
        "en": [
            "I do not write over trifles and do not like to make a fuss, but this concerns the health of children and elderly people, so I cannot stay silent any longer.",
            "We discussed this in our building's group chat, which has more than a hundred members, and most agreed that we should turn to you, so please treat this letter as a joint one.",
            "I understand that the budget is limited and not everything can be done at once, but we would like at least to know whether this is planned and when, so that people know what to expect.",
            "Last year my neighbours and I chipped in and filled the pothole with gravel ourselves, but the spring rains washed it out again and now cars drive round it over the pavement where children walk.",
            "When it gets dark, which in winter is five in the evening, people walk from the bus stop using their phone torches, elderly people are afraid to go out, and recently a neighbour slipped and broke her arm.",
            "Our building is old, the pipes were last replaced some thirty years ago, and every winter something happens: either the basement floods or the radiators on the top floors are barely warm.",
            "The playground in our yard was put up by the plant long ago and nobody has renewed it since; the swings are broken, bolts stick out of the slide, and the children play in the driveway between the cars.",
            "The rubbish used to be collected on Tuesdays and Fridays; since the autumn the truck comes whenever it comes, the bins overflow, dogs drag the bags about and the yard smells.",
            "Our lane is cut off from the main street; in spring and autumn the road washes out so badly that neither a taxi nor an ambulance can reach us, and three families with small children live in the lane.",
        ],
        "mixed": [
            "Үйдің чатында обсудили, жүзден астам адам бар, большинство сізге жазу керек деді.",
            "Өткен жылы соседтермен скинулись, ямаға щебень төктік, бірақ весной жаңбыр бәрін қайта шайып кетті.",
            "Кешке аялдамадан телефонның фонаригімен жүреміз, пожилые адамдар шығуға қорқады.",
            "Үй ескі, трубаларды отыз жыл бұрын ауыстырған, каждую зиму бірдеңе болады.",
        ],
    },
    "police": {
        "ru": [
            "Компания собирается у соседнего подъезда почти каждый вечер, включают музыку из машины, пьют, после полуночи начинаются крики, а утром у подъезда осколки бутылок.",
            "Телефон украли в автобусе по дороге с работы, пропажу обнаружили только дома, заявление подано в тот же вечер, а в телефоне остались фотографии детей и все контакты.",
            "Авария произошла на перекрёстке у рынка, никто не пострадал, но машина серьёзно повреждена, и страховая без документов из полиции выплату не оформляет.",
        ],
        "kk": [
            "Көрші подъезд алдына кешке қарай бір топ жиналады, көліктен музыка қосып, ішімдік ішеді, түн ортасынан кейін айқай басталады, таңертең подъезд алдында бөтелке сынықтары жатады.",
            "Телефонды жұмыстан қайтып келе жатқанда автобуста ұрлап кетті, үйге келгенде ғана байқадым, арызды сол кеште жаздым, телефонда балалардың суреттері мен барлық байланыстар қалды.",
            "Жол апаты базар жанындағы қиылыста болды, ешкім зардап шекпеді, бірақ көлік қатты зақымданды, сақтандыру компаниясы полицияның құжатынсыз төлем рәсімдемейді.",
        ],
        "en": [
            "A group gathers at the next entrance almost every evening, plays music from a car and drinks; after midnight the shouting starts, and in the morning there is broken glass by the door.",
            "My phone was stolen on the bus on my way home from work; I only noticed at home and filed the report that same evening; the phone has my children's photos and all my contacts.",
            "The accident happened at the crossroads by the market; nobody was hurt, but the car is badly damaged and the insurer will not pay without the police documents.",
        ],
    },
    "public_service_centre": {
        "ru": [
            "Справку о стаже мне нужно получить за годы работы в совхозе, который давно закрыт, документы, как мне сказали, хранятся в районном архиве, а живу я сейчас в другой области.",
            "Мы покупаем квартиру в ипотеку, банк дал срок до пятнадцатого числа, и если к этому времени не будет техпаспорта, одобрение придётся получать заново.",
            "Сын родился в Турции, где мы работали два года, свидетельство о рождении у нас турецкое, и теперь нужно зарегистрировать его здесь, чтобы прикрепить к поликлинике и встать в очередь в сад.",
        ],
        "kk": [
            "Маған әлдеқашан жабылған кеңшарда істеген жылдарыма еңбек өтілі туралы анықтама алу керек, құжаттар аудандық мұрағатта сақталады деді, ал өзім басқа облыста тұрамын.",
            "Ипотекамен пәтер алып жатырмыз, банк он бесінші күнге дейін мерзім берді, оған дейін техпаспорт болмаса, мақұлдауды қайта алуға тура келеді.",
            "Ұлымыз екі жыл жұмыс істеген Түркияда туды, туу туралы куәлігі түрікше, енді оны емханаға тіркеп, балабақшаға кезекке қою үшін осында тіркеу керек.",
        ],
        "en": [
            "I need a certificate of service for the years I worked on a state farm that closed long ago; I was told the records are in the district archive, and I live in another region.",
            "We are buying a flat on a mortgage; the bank has given us until the fifteenth, and without the technical passport by then we will have to get the approval all over again.",
            "Our son was born in Turkey, where we worked for two years; his birth certificate is Turkish, and now he must be registered here so that we can sign him up at a clinic and a kindergarten.",
        ],
    },
    "social_protection": {
        "ru": [
            "После того как закрылся цех, на котором держалась наша семья, нормальную работу найти не получается, перебиваемся подработками, и денег едва хватает на коммунальные и продукты.",
            "Сын с рождения наблюдается у невролога, каждый месяц мы ездим в областной центр на процедуры, и почти вся зарплата уходит на дорогу и лекарства.",
            "Мы с детьми живём у моих родителей, пенсия у них небольшая, и я не хочу сидеть у них на шее, поэтому прошу помочь, пока не встану на ноги.",
        ],
        "kk": [
            "Он екі жыл істеген цехым жабылғаннан кейін дұрыс жұмыс таба алмай жүрмін, уақытша жұмысқа барамын, бірақ ақша коммуналдық төлем мен азық-түлікке әрең жетеді.",
            "Ұлым туғаннан невропатологтың бақылауында, ай сайын облыс орталығына емге барамыз, жалақының бәрі дерлік жол мен дәріге кетеді.",
            "Балаларыммен ата-анамның үйінде тұрамыз, олардың зейнетақысы аз, мойындарына отырғым келмейді, сондықтан аяққа тұрғанша көмектесулеріңізді сұраймын.",
        ],
        "en": [
            "Since the workshop where I worked for twelve years closed I cannot find a proper job; I take odd jobs, but the money barely covers the utilities and food.",
            "My son has been under a neurologist since birth; every month we travel to the regional centre for treatment, and almost all my salary goes on travel and medicine.",
            "The children and I live with my parents; their pension is small and I do not want to be a burden on them, so I ask for help until I am back on my feet.",
        ],
    },
    "health": {
        "ru": [
            "После операции маме назначили анализы каждые три месяца, сама добираться она не может, поэтому каждый раз я отпрашиваюсь с работы и везу её через весь город.",
            "Участкового терапевта в нашем районе меняли три раза за год, каждый новый врач заново изучает историю болезни, а маме нужен постоянный подбор доз.",
        ],
        "kk": [
            "Отадан кейін анама үш ай сайын талдау тапсыру тағайындалды, өзі бара алмайды, сондықтан әр жолы жұмыстан сұранып, оны бүкіл қаланы аралап апарамын.",
            "Ауданымыздағы учаскелік терапевт бір жылда үш рет ауысты, әр жаңа дәрігер ауру тарихын қайтадан зерттейді, ал анама дәрінің мөлшерін үнемі таңдау керек.",
        ],
        "en": [
            "After the operation my mother was told to have tests every three months; she cannot get there on her own, so each time I take leave from work and drive her across town.",
            "Our district GP has changed three times in a year; each new doctor studies the medical history afresh, while my mother needs her doses adjusted all the time.",
        ],
    },
    "education": {
        "ru": [
            "Ближайший детский сад, где есть места, находится в другом конце города, на автобусе туда больше часа с пересадкой, а к восьми утра мне нужно быть на работе.",
            "Утром дети выходят из дома в семь, идут вдоль трассы, где ездят грузовики, тротуара там нет, а зимой в это время ещё темно, и родители каждый день волнуются.",
        ],
        "kk": [
            "Орын бар ең жақын балабақша қаланың арғы шетінде, автобуспен ауысып бір сағаттан астам жүру керек, ал мен таңғы сегізде жұмыста болуым керек.",
            "Таңертең балалар үйден жетіде шығып, жүк көліктері жүретін тас жолдың бойымен жүреді, онда тротуар жоқ, қыста бұл уақытта әлі қараңғы, ата-аналар күнде уайымдайды.",
        ],
        "en": [
            "The nearest kindergarten with free places is on the other side of town, more than an hour by bus with a change, and I have to be at work by eight.",
            "The children leave home at seven and walk along the highway where lorries drive; there is no pavement, it is still dark at that hour in winter, and the parents worry every day.",
        ],
    },
    "land_relations": {
        "ru": [
            "Отец получил этот участок ещё в девяностые, дом на нём стоит с тех пор, но документы тогда оформили не до конца, и теперь без акта я не могу вступить в наследство.",
            "Мы с семьёй пятый год живём на съёмной квартире, и участок под строительство для нас единственная возможность когда-нибудь иметь свой дом.",
        ],
        "kk": [
            "Әкем бұл учаскені тоқсаныншы жылдары алған, үй содан бері тұр, бірақ ол кезде құжаттар толық рәсімделмеген, енді актісіз мұраға ие бола алмаймын.",
            "Отбасыммен бесінші жыл жалдамалы пәтерде тұрамыз, үй салуға берілетін учаске біз үшін бір күні өз үйімізге ие болудың жалғыз мүмкіндігі.",
        ],
        "en": [
            "My father was given this plot back in the nineties and the house has stood on it ever since, but the papers were never completed, and without the title I cannot inherit.",
            "My family has been renting for five years, and a building plot is our only chance of ever having a home of our own.",
        ],
    },
    "tax": {
        "ru": [
            "Машина была продана по генеральной доверенности ещё два года назад, новый владелец переоформил её на себя только через год, а налог начислили мне за оба года.",
        ],
        "kk": [
            "Көлік екі жыл бұрын бас сенімхатпен сатылған, жаңа иесі оны бір жылдан кейін ғана өзіне қайта рәсімдеді, ал салық екі жылға да маған есептелді.",
        ],
        "en": [
            "The car was sold under a general power of attorney two years ago; the new owner re-registered it only a year later, and the tax for both years was charged to me.",
        ],
    },
}

# What each plain request is about, in the order of PLAIN's (parallel) kk/ru/en lists and of
# MIXED_PLAIN: a letter around a plain request tells only the backgrounds and stories that fit it.
PLAIN_TOPICS: tuple[str, ...] = (
    "light", "road", "heat", "rubbish", "yard", "yard", "water", "road", "building", "housing",
    "building", "water", "rubbish", "transport", "heat", "road", "road", "road", "yard", "heat",
    "transport", "building", "farm", "city", "city", "city", "transport", "rubbish",
    "noise", "noise", "theft", "accident",
    "certificate", "archive", "registration", "techpassport", "id_card",
    "benefit", "disability_benefit", "benefit", "benefit", "benefit",
    "clinic", "medicine", "clinic",
    "kindergarten", "school_transport", "school",
    "plot", "plot_title", "plot_use",
    "vehicle_tax", "property_tax", "business_tax",
)
MIXED_PLAIN_TOPICS: tuple[str, ...] = (
    "light", "heat", "rubbish", "road", "water", "transport", "road", "yard", "building", "certificate",
    "benefit", "heat",
)

# The requests each kind's background and story fits (space-separated PLAIN_TOPICS), in the order
# of the kind's kk/ru/en lists ("all") and of its mixed list.
_AKIMAT_ISSUES = "light road heat rubbish yard water building"
BACKGROUND_TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "akimat": {"all": ("light road heat rubbish yard building", "light", "yard", "building", "heat water", "road"),
               "mixed": ("light road heat rubbish yard building", "light")},  # not water: "noticed in October"
    "police": {"all": ("noise theft accident", "noise", "theft", "noise")},
    "public_service_centre": {"all": ("certificate archive", "techpassport certificate", "id_card", "registration")},
    "social_protection": {"all": ("benefit", "benefit", "disability_benefit", "benefit")},
    "health": {"all": ("clinic medicine", "clinic", "medicine", "clinic")},
    "education": {"all": ("school", "kindergarten", "school_transport", "kindergarten")},
    "land_relations": {"all": ("plot_title", "plot", "plot", "plot_title plot_use")},
    "tax": {"all": ("vehicle_tax", "business_tax", "property_tax", "vehicle_tax property_tax")},
}
STORY_TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "akimat": {"all": ("heat rubbish water yard road", _AKIMAT_ISSUES + " city transport",
                       _AKIMAT_ISSUES + " city transport", "road", "light", "heat water building", "yard",
                       "rubbish", "road"),
               "mixed": (_AKIMAT_ISSUES + " city transport", "road", "light", "heat water building")},
    "police": {"all": ("noise", "theft", "accident")},
    "public_service_centre": {"all": ("archive", "techpassport", "registration")},
    "social_protection": {"all": ("benefit", "disability_benefit", "benefit")},
    "health": {"all": ("clinic", "clinic medicine")},
    "education": {"all": ("kindergarten", "school_transport")},
    "land_relations": {"all": ("plot_title", "plot")},
    "tax": {"all": ("vehicle_tax",)},
}

# A sentence leading into the evidence, by polarity (used only in appeals that carry evidence).
EVIDENCE_LEADS: dict[str, dict[str, list[str]]] = {
    "negative": {
        "ru": ["Хочу сообщить о том, что произошло со мной на прошлой неделе.",
               "Приходится писать жалобу.", "Хочу рассказать, с чем пришлось столкнуться.",
               "Пишу не для того, чтобы ругаться, а чтобы такое не повторялось.",
               "К сожалению, есть повод для жалобы."],
        "kk": ["Өткен аптада басымнан өткен жағдай туралы хабарлағым келеді.",
               "Шағым жазуға мәжбүрмін.", "Неге тап болғанымды айтып берейін.",
               "Ұрысу үшін емес, мұндай жағдай қайталанбасын деп жазып отырмын.",
               "Өкінішке қарай, шағымдануға себеп бар."],
        "en": ["I want to report what happened to me last week.", "I have to write a complaint.",
               "Let me tell you what I ran into.",
               "I am not writing to quarrel but so that this does not happen again.",
               "Unfortunately, I have reason to complain."],
        "mixed": ["Жалоба жазуға мәжбүрмін.", "Неге тап болғанымды айтайын, короче."],
    },
    "positive": {
        "ru": ["Хочу поделиться хорошим опытом.", "Обычно пишут жалобы, а я хочу сказать спасибо.",
               "Хочу рассказать о случае, который произошёл со мной в прошлом месяце."],
        "kk": ["Жақсы тәжірибеммен бөліскім келеді.", "Әдетте шағым жазады, ал мен алғыс айтқым келеді.",
               "Өткен айда болған бір жағдай туралы айтқым келеді."],
        "en": ["I would like to share a good experience.",
               "People usually write complaints, but I want to say thank you.",
               "I want to tell you about something that happened to me last month."],
        "mixed": ["Обычно жалоба жазады, ал мен рахмет айтқым келеді."],
    },
    "neutral": {
        "ru": ["У меня есть предложение.", "Хотел бы задать вопрос и внести предложение.",
               "Есть мысль, которая, возможно, будет полезна."],
        "kk": ["Менің бір ұсынысым бар.", "Сұрақ қойып, ұсыныс айтқым келеді.",
               "Пайдасы тиер деген бір ойым бар."],
        "en": ["I have a suggestion.", "I would like to ask a question and make a proposal.",
               "Here is an idea that may be useful."],
        "mixed": ["Бір предложение бар."],
    },
}

# The concrete request of a complaint, and of a letter of thanks (never used without such evidence).
COMPLAINT_REQUESTS: dict[str, list[str]] = {
    "ru": ["Прошу провести проверку и сообщить мне о её результатах.",
           "Прошу разобраться в ситуации и принять меры, чтобы это не повторилось с другими.",
           "Прошу рассмотреть мою жалобу и дать оценку действиям сотрудника.",
           "Прошу взять этот вопрос на личный контроль.",
           "Прошу принять меры и письменно сообщить, что сделано."],
    "kk": ["Тексеру жүргізіп, нәтижесін маған хабарлауыңызды сұраймын.",
           "Жағдайды анықтап, басқаларда қайталанбауы үшін шара қолдануларыңызды сұраймын.",
           "Шағымымды қарап, қызметкердің әрекетіне баға беруіңізді сұраймын.",
           "Осы мәселені жеке бақылауыңызға алуыңызды сұраймын.",
           "Шара қолданып, не істелгенін жазбаша хабарлауыңызды сұраймын."],
    "en": ["Please carry out a check and let me know the result.",
           "Please look into the matter and take measures so that this does not happen to others.",
           "Please consider my complaint and assess the officer's actions.",
           "Please take this matter under your personal control.",
           "Please take action and let me know in writing what has been done."],
    "mixed": ["Проверка жүргізіп, результатын хабарлауыңызды сұраймын.",
              "Разобраться етіп, шара қолдануларыңызды сұраймын."],
}

# A complaint names what it is about where citizens do: someone reporting a bribe calls it a bribe or
# corruption in the lead or in the request, even when the evidence itself is a hint ("без «подарка»").
# Drawn together with the generic leads and requests above (of the same polarity), so most such
# complaints still use a generic one; never used without a complaint about the area.
AREA_EVIDENCE_LEADS: dict[str, dict[str, list[str]]] = {
    "anti_corruption": {
        "ru": ["Хочу сообщить о факте коррупции.", "Сообщаю о вымогательстве со стороны сотрудника.",
               "Пишу, чтобы сообщить о требовании взятки."],
        "kk": ["Сыбайлас жемқорлық фактісі туралы хабарлағым келеді.",
               "Қызметкердің пара бопсалағаны туралы хабарлаймын.", "Пара талап етілгені туралы хабарлау үшін жазып отырмын."],
        "en": ["I want to report a case of corruption.", "I am reporting extortion by an officer.",
               "I am writing to report a demand for a bribe."],
        "mixed": ["Коррупция фактісі туралы хабарлағым келеді.", "Взятка талап еткені туралы жазып отырмын."],
    },
}

AREA_COMPLAINT_REQUESTS: dict[str, dict[str, list[str]]] = {
    "anti_corruption": {
        "ru": ["Прошу провести проверку по факту вымогательства взятки и привлечь виновных к ответственности.",
               "Считаю это коррупцией и прошу передать мою жалобу в Антикоррупционную службу.",
               "Прошу проверить этого сотрудника на причастность к коррупции, платить взятку я не собираюсь.",
               "Прошу пресечь поборы и сообщить мне, какие меры приняты."],
        "kk": ["Пара бопсалау фактісі бойынша тексеру жүргізіп, кінәлілерді жауапқа тартуыңызды сұраймын.",
               "Мұны сыбайлас жемқорлық деп санаймын, шағымымды Сыбайлас жемқорлыққа қарсы қызметке жіберуіңізді сұраймын.",
               "Бұл қызметкердің сыбайлас жемқорлыққа қатыстылығын тексеруіңізді сұраймын, мен пара бермеймін.",
               "Заңсыз ақша жинауды тоқтатып, қандай шара қолданылғанын хабарлауыңызды сұраймын."],
        "en": ["Please investigate this demand for a bribe and hold those responsible to account.",
               "I consider this corruption and ask you to pass my complaint to the Anti-Corruption Agency.",
               "Please check this officer for corruption; I am not going to pay a bribe.",
               "Please stop these illegal payments and tell me what has been done."],
        "mixed": ["Бұл взятка талап ету, проверка жүргізуіңізді сұраймын.",
                  "Коррупция фактісін тексеріп, шара қолдануларыңызды прошу."],
    },
}

PRAISE_REQUESTS: dict[str, list[str]] = {
    "ru": ["Прошу отметить этого сотрудника и передать ему мою благодарность.",
           "Прошу поощрить специалиста, он этого заслуживает.",
           "Передайте, пожалуйста, мою благодарность руководству."],
    "kk": ["Осы қызметкерді атап өтіп, оған алғысымды жеткізуіңізді сұраймын.",
           "Маманды марапаттауыңызды сұраймын, ол соған лайық.",
           "Алғысымды басшылыққа жеткізіңізші."],
    "en": ["Please recognise this officer and pass on my thanks.",
           "Please reward the specialist; he deserves it.",
           "Please pass my thanks on to the management."],
    "mixed": ["Осы сотрудникке рахметімді передайте, өтінемін."],
}

# Polite formulae before the signature: used in every kind of appeal, with or without evidence.
POLITE_CLOSINGS: dict[str, list[str]] = {
    "ru": ["Заранее благодарю за внимание к моему обращению.", "Будем очень признательны за помощь.",
           "Надеюсь на ваше понимание и положительное решение.", "Благодарю за ваше время.",
           "Заранее спасибо за ответ.", "Буду ждать вашего ответа.",
           "Очень рассчитываю на вашу помощь.", "Спасибо, что прочитали моё письмо до конца."],
    "kk": ["Өтінішіме көңіл бөлгеніңіз үшін алдын ала рахмет.", "Көмектессеңіз, шексіз риза болар едім.",
           "Түсіністікпен қарап, оң шешім қабылдайсыз деп үміттенемін.", "Уақыт бөлгеніңізге рахмет.",
           "Жауабыңыз үшін алдын ала рахмет.", "Жауабыңызды күтемін.",
           "Сіздің көмегіңізге қатты үміт артамын.", "Хатымды соңына дейін оқығаныңызға рахмет."],
    "en": ["Thank you in advance for your attention to my appeal.", "I would be very grateful for your help.",
           "I hope for your understanding and a positive decision.", "Thank you for your time.",
           "Thank you in advance for your reply.", "I look forward to hearing from you.",
           "I am counting on your help.", "Thank you for reading my letter to the end."],
    "mixed": ["Заранее рахмет.", "Көмектессеңіз, очень благодарна боламын.", "Ответыңызды күтемін, спасибо."],
}

SIGNOFFS: dict[str, list[str]] = {
    "ru": ["С уважением.", "С уважением и надеждой на помощь.", "С уважением, житель района.",
           "С наилучшими пожеланиями.", "С уважением и благодарностью.", "С уважением, ваш земляк."],
    "kk": ["Құрметпен, шағынауданымыздың тұрғыны.", "Құрметпен және көмекке үмітпен.",
           "Құрметпен, зейнеткер.", "Құрметпен, үй тұрғындары.", "Құрметпен, көп балалы ана.",
           "Құрметпен.", "Ізгі тілекпен.", "Сізге сенім артқан тұрғын."],
    "en": ["Yours faithfully,", "Yours sincerely, a resident of the neighbourhood.", "Kind regards,",
           "Respectfully yours, a pensioner.", "Best regards, the residents of the building.",
           "With respect and hope for your help."],
    "mixed": ["С уважением, тұрғын.", "Құрметпен, жители дома."],
}

# --------------------------------------------------------------------------------------------------
# Official answers: language -> kind -> texts. "substantive" answers plain requests, "complaint" answers
# complaints about behaviour, "thanks" praise, "proposal" proposals and questions; "formal" is the
# отписка citizens complain about; "interim" is sent while the appeal is still being considered.
# --------------------------------------------------------------------------------------------------

ANSWERS: dict[str, dict[str, list[str]]] = {
    "ru": {
        "substantive": [
            "Ваше обращение рассмотрено, вопрос решён положительно.",
            "Заявление удовлетворено, результат направлен в личный кабинет eGov.",
            "Специалист свяжется с вами в течение трёх рабочих дней.",
        ],
        "explanation": [
            "Разъяснение по вашему вопросу дано, порядок размещён на сайте.",
            "Сообщаем: перечень документов и сроки направлены вам в личный кабинет eGov.",
            "Ответ на ваш вопрос дан по телефону и продублирован письменно.",
        ],
        "complaint": [
            "Факты подтвердились, сотруднику объявлено замечание. Приносим извинения.",
            "Проведена служебная проверка, виновные привлечены к ответственности.",
            "Доводы подтвердились частично, с сотрудниками проведена беседа.",
            "Материалы направлены в службу внутренней безопасности для проверки.",
        ],
        "thanks": [
            "Благодарим за отзыв, он доведён до сотрудника и руководства.",
            "Спасибо за оценку нашей работы.",
        ],
        "proposal": [
            "Ваше предложение рассмотрено и будет учтено при планировании.",
            "Благодарим за предложение, оно направлено в профильный отдел.",
        ],
        "proposal_declined": [
            "Предложение рассмотрено, его реализация пока не предусмотрена бюджетом.",
            "Предложение изучено, но признано нецелесообразным на данном этапе.",
        ],
        "formal": [
            "Ваше обращение рассмотрено. Вопрос на контроле.",
            "Ваше обращение принято к сведению.",
            "Обращение рассмотрено в пределах компетенции.",
            "По обращению даны соответствующие поручения.",
            "Вопрос будет рассмотрен при наличии финансирования.",
            "Меры будут приняты в установленном порядке.",
        ],
        "refusal": [
            "Отказано по п. 9 стандарта услуги. Решение можно обжаловать в течение трёх месяцев.",
        ],
        "interim": [
            "Обращение на рассмотрении, ответ будет направлен дополнительно.",
            "Запрошены сведения, окончательный ответ будет дан дополнительно.",
            "Обращение рассматривается, о результатах сообщим.",
        ],
    },
    "kk": {
        "substantive": [
            "Өтінішіңіз қаралып, мәселе оң шешілді.",
            "Өтінішіңіз қанағаттандырылды, нәтижесі eGov жеке кабинетіне жіберілді.",
            "Маман үш жұмыс күні ішінде сізбен хабарласады.",
        ],
        "explanation": [
            "Сұрағыңыз бойынша түсініктеме берілді, тәртібі сайтта жарияланған.",
            "Құжаттар тізбесі мен мерзімдері eGov жеке кабинетіңізге жіберілді.",
            "Сұрағыңызға телефон арқылы жауап беріліп, жазбаша қайталанды.",
        ],
        "complaint": [
            "Деректер расталды, қызметкерге ескерту жасалды. Кешірім сұраймыз.",
            "Қызметтік тексеру жүргізіліп, кінәлілер жауапкершілікке тартылды.",
            "Уәждер ішінара расталды, қызметкерлермен әңгіме жүргізілді.",
            "Материалдар тексеру үшін ішкі қауіпсіздік қызметіне жіберілді.",
        ],
        "thanks": [
            "Пікіріңізге рахмет, ол қызметкер мен басшылыққа жеткізілді.",
            "Жұмысымызды бағалағаныңызға рахмет.",
        ],
        "proposal": [
            "Ұсынысыңыз қаралып, жоспарлау кезінде ескеріледі.",
            "Ұсынысыңызға рахмет, ол бейінді бөлімге жіберілді.",
        ],
        "proposal_declined": [
            "Ұсыныс қаралды, оны іске асыру әзірге бюджетте қарастырылмаған.",
            "Ұсыныс зерделенді, бірақ қазіргі кезеңде орынсыз деп танылды.",
        ],
        "formal": [
            "Өтінішіңіз қаралды. Мәселе бақылауда.",
            "Өтінішіңіз назарға алынды.",
            "Өтініш құзырет шегінде қаралды.",
            "Өтініш бойынша тиісті тапсырмалар берілді.",
            "Мәселе қаржыландыру болған жағдайда қаралады.",
            "Шаралар белгіленген тәртіппен қабылданады.",
        ],
        "refusal": [
            "Қызмет стандартының 9-тармағы бойынша бас тартылды. Шешімге үш ай ішінде шағымдануға болады.",
        ],
        "interim": [
            "Өтініш қаралу үстінде, жауап қосымша жіберіледі.",
            "Мәліметтер сұратылды, түпкілікті жауап қосымша беріледі.",
            "Өтініш қаралуда, нәтижесін хабарлаймыз.",
        ],
    },
    "en": {
        "substantive": [
            "Your appeal has been considered and the issue resolved in your favour.",
            "Your application has been granted; the result is in your eGov account.",
            "A specialist will contact you within three working days.",
        ],
        "explanation": [
            "An explanation has been given; the procedure is published on the website.",
            "The list of documents and the time limits have been sent to your eGov account.",
            "Your question was answered by phone and confirmed in writing.",
        ],
        "complaint": [
            "The facts were confirmed and the officer has been reprimanded. We apologise.",
            "An internal inspection was held and those responsible have been disciplined.",
            "Your points were partly confirmed; staff have been spoken to.",
            "The materials have been passed to internal security for checking.",
        ],
        "thanks": [
            "Thank you for your feedback; it has been passed on to the officer and management.",
            "Thank you for rating our work.",
        ],
        "proposal": [
            "Your proposal has been considered and will be taken into account in planning.",
            "Thank you for your proposal; it has been sent to the relevant department.",
        ],
        "proposal_declined": [
            "Your proposal has been considered, but it is not in this year's budget.",
            "Your proposal has been studied but is not considered feasible at this stage.",
        ],
        "formal": [
            "Your appeal has been considered. The matter is under control.",
            "Your appeal has been noted.",
            "The appeal has been considered within our competence.",
            "Appropriate instructions have been given on your appeal.",
            "The matter will be considered when funding is available.",
            "Measures will be taken in the established manner.",
        ],
        "refusal": [
            "Refused under paragraph 9 of the service standard. You may appeal within three months.",
        ],
        "interim": [
            "Your appeal is under consideration; a reply will follow.",
            "Information has been requested; a final reply will follow.",
            "The appeal is being considered; we will inform you of the result.",
        ],
    },
}

# Substantive answers and refusals that only fit one kind of agency: kind -> language -> kind of answer.
KIND_ANSWERS: dict[str, dict[str, dict[str, list[str]]]] = {
    "akimat": {
        "ru": {"substantive": ["Работы выполнены, результат проверен на месте.",
                               "Работы включены в план на следующий квартал.",
                               "Подрядчик определён, работы завершат до конца месяца."],
               "refusal": ["Отказано: работы не предусмотрены бюджетом текущего года. Решение можно обжаловать."]},
        "kk": {"substantive": ["Жұмыстар орындалып, нәтижесі орнында тексерілді.",
                               "Жұмыстар келесі тоқсанның жоспарына енгізілді.",
                               "Мердігер анықталды, жұмыстар ай соңына дейін аяқталады."],
               "refusal": ["Бас тартылды: жұмыстар биылғы бюджетте қарастырылмаған. Шешімге шағымдануға болады."]},
        "en": {"substantive": ["The work has been done and checked on site.",
                               "The work has been included in next quarter's plan.",
                               "A contractor has been appointed; the work will be finished this month."],
               "refusal": ["Refused: the work is not in this year's budget. You may appeal the decision."]},
    },
    "police": {
        "ru": {"substantive": ["Проведена проверка, нарушители привлечены к административной ответственности.",
                               "В указанном районе усилено патрулирование."],
               "refusal": ["В возбуждении дела отказано за отсутствием состава правонарушения. Решение можно обжаловать прокурору."]},
        "kk": {"substantive": ["Тексеру жүргізіліп, құқық бұзушылар әкімшілік жауапкершілікке тартылды.",
                               "Көрсетілген аудандағы патрульдеу күшейтілді."],
               "refusal": ["Құқық бұзушылық құрамы болмағандықтан іс қозғаудан бас тартылды. Шешімге прокурорға шағымдануға болады."]},
        "en": {"substantive": ["An inspection was held and the offenders have been fined.",
                               "Patrols have been increased in the area you named."],
               "refusal": ["No case was opened as no offence was found. You may appeal to the prosecutor."]},
    },
    "public_service_centre": {
        "ru": {"substantive": ["Документ готов, его можно получить в ЦОНе или в личном кабинете eGov.",
                               "Для оформления нужны удостоверение личности и заявление, срок — 5 рабочих дней."],
               "refusal": ["Отказано: представлен неполный пакет документов. Решение можно обжаловать."]},
        "kk": {"substantive": ["Құжат дайын, оны ХҚКО-дан немесе eGov жеке кабинетінен алуға болады.",
                               "Рәсімдеу үшін жеке куәлік пен өтініш қажет, мерзімі — 5 жұмыс күні."],
               "refusal": ["Бас тартылды: құжаттар толық емес. Шешімге шағымдануға болады."]},
        "en": {"substantive": ["The document is ready at the service centre or in your eGov account.",
                               "You need your ID card and an application; processing takes 5 working days."],
               "refusal": ["Refused: the set of documents is incomplete. You may appeal the decision."]},
    },
    "social_protection": {
        "ru": {"substantive": ["Выплата назначена и поступит до 25 числа.", "Пособие назначено с месяца обращения."],
               "refusal": ["Отказано: доход семьи выше порога для назначения пособия."]},
        "kk": {"substantive": ["Төлем тағайындалды, айдың 25-іне дейін түседі.",
                               "Жәрдемақы өтініш берілген айдан бастап тағайындалды."],
               "refusal": ["Бас тартылды: отбасы табысы жәрдемақы шегінен жоғары."]},
        "en": {"substantive": ["The payment has been granted and will arrive by the 25th.",
                               "The allowance has been granted from the month you applied."],
               "refusal": ["Refused: the family income is above the threshold for the allowance."]},
    },
    "health": {
        "ru": {"substantive": ["Вы прикреплены к поликлинике по месту жительства.",
                               "Лекарства включены в заявку на следующий месяц."],
               "refusal": ["Отказано: прикрепление возможно в период кампании прикрепления. Решение можно обжаловать."]},
        "kk": {"substantive": ["Сіз тұрғылықты жеріңіз бойынша емханаға тіркелдіңіз.",
                               "Дәрілер келесі айдың өтініміне енгізілді."],
               "refusal": ["Бас тартылды: тіркелу тек тіркеу науқаны кезінде мүмкін. Шешімге шағымдануға болады."]},
        "en": {"substantive": ["You have been registered with the clinic at your place of residence.",
                               "The medicines have been included in next month's order."],
               "refusal": ["Refused: registration is possible only during the registration campaign. You may appeal."]},
    },
    "education": {
        "ru": {"substantive": ["Место в детском саду выделено, направление в личном кабинете eGov.",
                               "Подвоз учащихся организован с начала четверти."],
               "refusal": ["Отказано: свободных мест нет, вы остаётесь в очереди."]},
        "kk": {"substantive": ["Балабақшадан орын бөлінді, жолдама eGov жеке кабинетінде.",
                               "Оқушыларды тасымалдау тоқсан басынан бастап ұйымдастырылды."],
               "refusal": ["Бас тартылды: бос орын жоқ, сіз кезекте қаласыз."]},
        "en": {"substantive": ["A kindergarten place has been allocated; the referral is in your eGov account.",
                               "School transport has been arranged from the start of the term."],
               "refusal": ["Refused: there are no free places; you remain on the waiting list."]},
    },
    "land_relations": {
        "ru": {"substantive": ["Акт на земельный участок подготовлен, его можно получить в ЦОНе.",
                               "Вы включены в очередь на получение земельного участка."],
               "refusal": ["Отказано: участок вне земель населённого пункта. Решение можно обжаловать в суде."]},
        "kk": {"substantive": ["Жер учаскесіне акт дайын, оны ХҚКО-дан алуға болады.",
                               "Сіз жер учаскесін алу кезегіне енгізілдіңіз."],
               "refusal": ["Бас тартылды: учаске елді мекен жерлерінен тыс. Шешімге сотқа шағымдануға болады."]},
        "en": {"substantive": ["The land title is ready and can be collected at the service centre.",
                               "You have been put on the waiting list for a land plot."],
               "refusal": ["Refused: the plot is outside the settlement's land. You may appeal to court."]},
    },
    "tax": {
        "ru": {"substantive": ["Излишне уплаченный налог возвращён на ваш счёт.",
                               "Расчёт налога проверен, порядок начисления разъяснён."],
               "refusal": ["Отказано: переплата не подтверждена. Решение можно обжаловать в вышестоящий орган."]},
        "kk": {"substantive": ["Артық төленген салық шотыңызға қайтарылды.",
                               "Салық есебі тексеріліп, есептеу тәртібі түсіндірілді."],
               "refusal": ["Бас тартылды: артық төлем расталмады. Шешімге жоғары тұрған органға шағымдануға болады."]},
        "en": {"substantive": ["The overpaid tax has been refunded to your account.",
                               "The tax calculation has been checked and the method explained."],
               "refusal": ["Refused: no overpayment was confirmed. You may appeal to the higher authority."]},
    },
}

# Internal notes of the appeal register (Russian, as the back-office writes them).
EVENT_NOTES = {
    "redirect": "по компетенции",
    "extension": "продлено до ",
    "interim_answer": "промежуточный ответ",
    "followup_pending": "запрос о ходе рассмотрения",
    "followup_answered": "несогласие с ответом",
}

# --------------------------------------------------------------------------------------------------
# 360-degree survey: items (2-3 per area, behavioural) and comments by staff raters
# --------------------------------------------------------------------------------------------------

# (item_id, area, asked of citizens too, en, ru, kk)
SURVEY_ITEMS: list[tuple[str, str, bool, str, str, str]] = [
    ("RESP1", "responsiveness", True, "Answers citizens' appeals on time and in substance.",
     "Отвечает на обращения граждан в установленный срок и по существу.",
     "Азаматтардың өтініштеріне белгіленген мерзімде және мәні бойынша жауап береді."),
    ("RESP2", "responsiveness", True, "Keeps the applicant informed of progress without waiting to be chased.",
     "Сообщает заявителю о ходе рассмотрения, не дожидаясь напоминаний.",
     "Еске салуды күтпей, өтініш берушіге қарау барысы туралы хабарлап отырады."),
    ("RESP3", "responsiveness", False, "Follows a case through to a result, not just to a formal reply.",
     "Доводит дело до результата, а не до формального ответа.",
     "Істі формалды жауапқа емес, нәтижеге дейін жеткізеді."),
    ("COMM1", "communication", True, "Explains decisions in plain language and answers questions.",
     "Объясняет решения понятным языком и отвечает на вопросы.",
     "Шешімдерді түсінікті тілмен түсіндіріп, сұрақтарға жауап береді."),
    ("COMM2", "communication", True, "Speaks politely and respectfully, even in a conflict.",
     "Разговаривает вежливо и уважительно даже в конфликтной ситуации.",
     "Даулы жағдайда да сыпайы және құрметпен сөйлеседі."),
    ("COMM3", "communication", False, "Speaks with people in the language they prefer (Kazakh or Russian).",
     "Общается с человеком на удобном для него языке (казахском или русском).",
     "Адаммен оған ыңғайлы тілде (қазақша немесе орысша) сөйлеседі."),
    ("ETH1", "ethics_integrity", True, "Treats everyone equally, without favouring acquaintances.",
     "Относится ко всем одинаково, без протекции знакомым.",
     "Таныстарына артықшылық бермей, барлығына бірдей қарайды."),
    ("ETH2", "ethics_integrity", False, "Admits mistakes and does not mislead people.",
     "Признаёт свои ошибки и не вводит людей в заблуждение.",
     "Өз қателіктерін мойындайды және адамдарды жаңылыстырмайды."),
    ("AC1", "anti_corruption", True, "Refuses gifts and any informal payments.",
     "Отказывается от подарков и любых неформальных платежей.",
     "Сыйлықтар мен кез келген бейресми төлемдерден бас тартады."),
    ("AC2", "anti_corruption", False, "Reports attempts at corruption instead of hiding them.",
     "Сообщает о попытках коррупции, не скрывая их.",
     "Сыбайлас жемқорлық әрекеттері туралы жасырмай хабарлайды."),
    ("INC1", "inclusiveness", True, "Makes sure people with disabilities and elderly people can access services.",
     "Обеспечивает доступ к услугам людям с инвалидностью и пожилым.",
     "Мүгедектігі бар адамдар мен қарттардың қызметке қол жеткізуін қамтамасыз етеді."),
    ("INC2", "inclusiveness", False, "Takes account of the needs of rural residents and vulnerable groups.",
     "Учитывает нужды сельских жителей и уязвимых групп.",
     "Ауыл тұрғындары мен осал топтардың қажеттіліктерін ескереді."),
    ("CULT1", "cultural_sensitivity", False, "Respects people's ethnic, linguistic and religious diversity.",
     "Уважает этническое, языковое и религиозное разнообразие людей.",
     "Адамдардың этностық, тілдік және діни әралуандығын құрметтейді."),
    ("CULT2", "cultural_sensitivity", False, "Takes local traditions and regional specifics into account in decisions.",
     "Учитывает местные традиции и особенности региона при принятии решений.",
     "Шешім қабылдағанда жергілікті дәстүрлер мен өңір ерекшеліктерін ескереді."),
    ("LEG1", "legality", False, "Bases decisions on a cited legal provision.",
     "Принимает решения со ссылкой на правовую норму.",
     "Шешімдерді құқықтық нормаға сілтеме жасай отырып қабылдайды."),
    ("LEG2", "legality", True, "Does not demand documents beyond those the law requires.",
     "Не требует документов сверх установленных законом.",
     "Заңда белгіленгеннен артық құжат талап етпейді."),
    ("DIG1", "digital_service", False, "Works confidently with information systems and helps citizens use eGov.",
     "Уверенно работает в информационных системах и помогает гражданам пользоваться eGov.",
     "Ақпараттық жүйелерде сенімді жұмыс істеп, азаматтарға eGov-ты пайдалануға көмектеседі."),
    ("DIG2", "digital_service", True, "Does not ask for paper certificates when the data is in state databases.",
     "Не требует бумажных справок, если данные есть в государственных базах.",
     "Деректер мемлекеттік базаларда болса, қағаз анықтамаларды талап етпейді."),
    ("IAC1", "interagency_cooperation", True,
     "Resolves issues with other bodies directly, without sending the citizen from office to office.",
     "Решает вопрос с другими органами сам, не отправляя гражданина по кабинетам.",
     "Мәселені басқа органдармен өзі шешеді, азаматты кабинеттерді аралатпайды."),
    ("IAC2", "interagency_cooperation", False, "Shares information with colleagues in other agencies in good time.",
     "Своевременно делится информацией с коллегами из других ведомств.",
     "Басқа ведомстволардағы әріптестерімен ақпаратты уақытылы бөліседі."),
    ("ENG1", "citizen_engagement", False, "Consults residents before making decisions that affect them.",
     "Советуется с жителями до принятия решений, которые их касаются.",
     "Тұрғындарға қатысты шешімдерді қабылдамас бұрын олармен ақылдасады."),
    ("ENG2", "citizen_engagement", False, "Considers citizens' proposals and reports back on what was adopted.",
     "Рассматривает предложения граждан и сообщает, что из них учтено.",
     "Азаматтардың ұсыныстарын қарап, олардың қайсысы ескерілгенін хабарлайды."),
    ("PROF1", "professional_competence", True, "Knows the service procedures and gives accurate information.",
     "Знает порядок оказания услуг и даёт точную информацию.",
     "Қызмет көрсету тәртібін біледі және нақты ақпарат береді."),
    ("PROF2", "professional_competence", False, "Prepares documents without errors.",
     "Готовит документы без ошибок.", "Құжаттарды қатесіз дайындайды."),
    ("LEAD1", "leadership", False, "Explains the goals and purpose of changes to the team.",
     "Объясняет команде цели и смысл изменений.",
     "Командаға өзгерістердің мақсаты мен мәнін түсіндіреді."),
    ("LEAD2", "leadership", False, "Values different views and involves staff in decisions.",
     "Ценит разные мнения и вовлекает сотрудников в принятие решений.",
     "Әртүрлі пікірлерді бағалап, қызметкерлерді шешім қабылдауға тартады."),
    ("LEAD3", "leadership", False, "Supports reforms and leads by example in implementing them.",
     "Поддерживает реформы и показывает пример в их реализации.",
     "Реформаларды қолдап, оларды жүзеге асыруда үлгі көрсетеді."),
]

# Comments by colleagues (self, manager, peers, direct reports) about the rated unit and its head.
STAFF_COMMENTS: dict[str, dict[str, dict[str, list[str]]]] = {
    "responsiveness": {
        "negative": {
            "ru": ["Обращения лежат неделями, руководитель вспоминает о них только перед проверкой.",
                   "В отделе привыкли отвечать формально, лишь бы не нарушить срок."],
            "kk": ["Өтініштер апталап жатады, басшы оларды тек тексеру алдында ғана еске алады.",
                   "Бөлімде мерзімді бұзбау үшін ғана формалды жауап беруге үйреніп алған."],
            "en": ["Appeals sit for weeks; the head only remembers them before an inspection.",
                   "The unit is used to giving formal replies just to meet the deadline."],
        },
        "positive": {
            "ru": ["Начальник сам следит, чтобы ни одно обращение не было просрочено.",
                   "Всегда держит заявителей в курсе и сам перезванивает."],
            "kk": ["Бастық бірде-бір өтініштің мерзімі өтіп кетпеуін өзі қадағалайды.",
                   "Өтініш берушілерге үнемі хабар беріп, өзі қайта қоңырау шалады."],
            "en": ["The head personally makes sure no appeal is overdue.",
                   "Always keeps applicants informed and calls them back himself."],
        },
    },
    "communication": {
        "negative": {
            "ru": ["Может накричать на сотрудника при посетителях.",
                   "Решения спускаются без объяснений, спрашивать «почему» не принято."],
            "kk": ["Келушілердің көзінше қызметкерге айқайлап жіберуі мүмкін.",
                   "Шешімдер түсіндірусіз түседі, «неге» деп сұрау қабылданбаған."],
            "en": ["He can shout at a staff member in front of visitors.",
                   "Decisions come down without explanation; asking 'why' is not done."],
        },
        "positive": {
            "ru": ["Умеет спокойно объяснить сложное решение и гражданам, и коллективу.",
                   "Всегда выслушивает до конца, даже когда не согласен."],
            "kk": ["Күрделі шешімді азаматтарға да, ұжымға да сабырмен түсіндіре алады.",
                   "Келіспесе де, әрқашан соңына дейін тыңдайды."],
            "en": ["She can calmly explain a difficult decision to citizens and to the team.",
                   "Always listens to the end, even when he disagrees."],
        },
    },
    "ethics_integrity": {
        "negative": {
            "ru": ["Премии получают одни и те же приближённые люди.",
                   "На совещаниях позволяет себе унизительные шутки в адрес подчинённых."],
            "kk": ["Сыйақыны үнемі бір жақын адамдары ғана алады.",
                   "Жиналыстарда бағыныштыларына қатысты қорлайтын әзілдер айтады."],
            "en": ["Bonuses always go to the same inner circle.",
                   "At meetings he makes humiliating jokes about subordinates."],
        },
        "positive": {
            "ru": ["Ко всем сотрудникам относится ровно, без любимчиков.",
                   "Честно признаёт свои ошибки перед коллективом."],
            "kk": ["Барлық қызметкерлерге бірдей қарайды, ешкімді ерекшелемейді.",
                   "Өз қателіктерін ұжым алдында адал мойындайды."],
            "en": ["Treats all staff evenly, without favourites.",
                   "Honestly admits her mistakes in front of the team."],
        },
    },
    "anti_corruption": {
        "negative": {
            "ru": ["В отделе все знают, что за ускорение документов берут деньги, и молчат.",
                   "На вакансии берут «своих», конкурс формальный."],
            "kk": ["Құжатты тездеткені үшін ақша алатынын бөлімде бәрі біледі, бірақ үндемейді.",
                   "Бос орындарға «өз адамдарын» алады, конкурс формалды түрде өтеді."],
            "en": ["Everyone in the unit knows money is taken to speed up documents, and nobody speaks up.",
                   "Vacancies go to 'our people'; the competition is a formality."],
        },
        "positive": {
            "ru": ["Руководитель сам сообщил о попытке дать ему взятку.",
                   "Регулярно напоминает, что подарки от заявителей недопустимы."],
            "kk": ["Басшы өзіне пара беру әрекеті туралы өзі хабарлады.",
                   "Өтініш берушілерден сыйлық алуға болмайтынын үнемі ескертеді."],
            "en": ["The head reported an attempted bribe himself.",
                   "Regularly reminds us that gifts from applicants are not acceptable."],
        },
    },
    "inclusiveness": {
        "negative": {
            "ru": ["Просьбы посетителей с инвалидностью считаются «лишней нагрузкой».",
                   "Выездные приёмы в сёла отменили, хотя люди просили."],
            "kk": ["Мүгедектігі бар келушілердің өтініштері «артық жүктеме» саналады.",
                   "Адамдар сұраса да, ауылдарға көшпелі қабылдауларды тоқтатты."],
            "en": ["Requests from visitors with disabilities are treated as an 'extra burden'.",
                   "Mobile receptions in villages were stopped although people asked for them."],
        },
        "positive": {
            "ru": ["По инициативе начальника у входа сделали пандус и кнопку вызова.",
                   "Организует выездные приёмы для жителей дальних сёл."],
            "kk": ["Бастықтың бастамасымен кіреберіске пандус пен шақыру түймесі орнатылды.",
                   "Шалғай ауылдардың тұрғындарына көшпелі қабылдау ұйымдастырады."],
            "en": ["On the head's initiative a ramp and a call button were installed at the entrance.",
                   "Organises mobile receptions for residents of remote villages."],
        },
    },
    "cultural_sensitivity": {
        "negative": {
            "ru": ["Не считается с местными традициями, все решения по городскому шаблону.",
                   "В коллективе допускаются шутки про национальность, руководитель не реагирует."],
            "kk": ["Жергілікті дәстүрлермен санаспайды, барлық шешім қалалық үлгімен.",
                   "Ұжымда ұлтқа қатысты әзілдерге жол беріледі, басшы мән бермейді."],
            "en": ["Ignores local traditions; all decisions follow a city template.",
                   "Jokes about ethnicity are tolerated in the team and the head does nothing."],
        },
        "positive": {
            "ru": ["Учитывает особенности каждого района и советуется с аксакалами.",
                   "Ценит, что в коллективе работают люди разных национальностей, и это видно."],
            "kk": ["Әр ауданның ерекшелігін ескеріп, ақсақалдармен ақылдасады.",
                   "Ұжымда әр ұлттың өкілдері барын бағалайды, бұл байқалып тұрады."],
            "en": ["Takes each district's specifics into account and consults the elders.",
                   "Values the team's ethnic diversity, and it shows."],
        },
    },
    "legality": {
        "negative": {
            "ru": ["Отказы пишутся без ссылки на норму, лишь бы быстрее.",
                   "Просят у граждан лишние справки «на всякий случай»."],
            "kk": ["Бас тартулар тезірек болсын деп нормаға сілтемесіз жазылады.",
                   "Азаматтардан «не болса да» деп артық анықтамалар сұрайды."],
            "en": ["Refusals are written without citing any provision, just to be quick.",
                   "Citizens are asked for extra certificates 'just in case'."],
        },
        "positive": {
            "ru": ["Каждое решение проверяет на соответствие АППК.",
                   "Всегда указывает в ответе порядок обжалования."],
            "kk": ["Әр шешімді ӘРПК-ге сәйкестігіне тексереді.",
                   "Жауапта шағымдану тәртібін әрқашан көрсетеді."],
            "en": ["Checks every decision against the Administrative Procedural Code.",
                   "Always states in the reply how the decision can be appealed."],
        },
    },
    "digital_service": {
        "negative": {
            "ru": ["Половина отдела не умеет работать в новой системе, всё дублируют на бумаге.",
                   "Руководитель не доверяет электронным документам и требует распечатки."],
            "kk": ["Бөлімнің жартысы жаңа жүйеде жұмыс істей алмайды, бәрін қағазға қайталайды.",
                   "Басшы электрондық құжаттарға сенбей, басып шығаруды талап етеді."],
            "en": ["Half the unit cannot use the new system, so everything is duplicated on paper.",
                   "The head does not trust electronic documents and demands printouts."],
        },
        "positive": {
            "ru": ["Быстро перевёл отдел на электронный документооборот.",
                   "Сам обучил сотрудников работать в eGov и e-Otinish."],
            "kk": ["Бөлімді электрондық құжат айналымына тез көшірді.",
                   "Қызметкерлерді eGov пен e-Otinish жүйесінде жұмыс істеуге өзі үйретті."],
            "en": ["Quickly moved the unit to electronic document flow.",
                   "Personally trained staff to work in eGov and e-Otinish."],
        },
    },
    "interagency_cooperation": {
        "negative": {
            "ru": ["Любой вопрос на стыке с другим управлением мы просто переадресуем.",
                   "С соседними ведомствами не общаемся, только переписка."],
            "kk": ["Басқа басқармамен шектес кез келген мәселені жай ғана басқа жаққа жібереміз.",
                   "Көрші ведомстволармен сөйлеспейміз, тек хат алмасамыз."],
            "en": ["Any issue shared with another department is simply forwarded.",
                   "We don't talk to neighbouring agencies, we only exchange letters."],
        },
        "positive": {
            "ru": ["Наладил рабочую группу с акиматом и ЦОНом, вопросы решаются за один день.",
                   "Сам звонит коллегам в другие органы, чтобы не гонять заявителя."],
            "kk": ["Әкімдікпен және ХҚКО-мен жұмыс тобын құрды, мәселелер бір күнде шешіледі.",
                   "Өтініш берушіні сергелдеңге салмау үшін басқа органдардағы әріптестерге өзі хабарласады."],
            "en": ["Set up a working group with the akimat and the service centre; issues are solved in a day.",
                   "Calls colleagues in other bodies himself so the applicant is not sent around."],
        },
    },
    "citizen_engagement": {
        "negative": {
            "ru": ["Предложения жителей не рассматриваются, слушания проводим для галочки.",
                   "Решения принимаются до встречи с населением."],
            "kk": ["Тұрғындардың ұсыныстары қаралмайды, тыңдауларды жай көз алдау үшін өткіземіз.",
                   "Шешімдер халықпен кездесуге дейін қабылданып қойады."],
            "en": ["Residents' proposals are not considered; hearings are held to tick a box.",
                   "Decisions are taken before meeting the public."],
        },
        "positive": {
            "ru": ["Регулярно проводит встречи с жителями и отчитывается, что сделано.",
                   "Внедрил онлайн-опросы перед каждым крупным решением."],
            "kk": ["Тұрғындармен үнемі кездесіп, не істелгені туралы есеп береді.",
                   "Әр ірі шешім алдында онлайн сауалнама енгізді."],
            "en": ["Regularly meets residents and reports back on what was done.",
                   "Introduced online polls before every major decision."],
        },
    },
    "professional_competence": {
        "negative": {
            "ru": ["Много ошибок в документах, их приходится переделывать.",
                   "Новые сотрудники не знают регламентов, обучения нет."],
            "kk": ["Құжаттарда қате көп, оларды қайта жасауға тура келеді.",
                   "Жаңа қызметкерлер регламенттерді білмейді, оқыту жоқ."],
            "en": ["There are many mistakes in documents and they have to be redone.",
                   "New staff do not know the regulations and there is no training."],
        },
        "positive": {
            "ru": ["Отлично знает законодательство и всегда подскажет точный порядок.",
                   "Документы из отдела выходят без ошибок."],
            "kk": ["Заңнаманы жақсы біледі, нақты тәртібін әрқашан айтып береді.",
                   "Бөлімнен шығатын құжаттар қатесіз болады."],
            "en": ["Knows the legislation very well and always points to the exact procedure.",
                   "Documents leaving the unit are free of errors."],
        },
    },
    "leadership": {
        "negative": {
            "ru": ["Руководитель не объясняет цели, мы не понимаем, зачем нужны изменения.",
                   "Любое новое предложение сотрудников встречают словами «не положено»."],
            "kk": ["Басшы мақсатты түсіндірмейді, өзгерістердің не үшін керек екенін түсінбейміз.",
                   "Қызметкерлердің кез келген жаңа ұсынысы «болмайды» деген сөзбен қарсы алынады."],
            "en": ["The head does not explain goals, so we do not understand why changes are needed.",
                   "Any new proposal from staff is met with 'not allowed'."],
        },
        "positive": {
            "ru": ["Умеет увлечь команду общей целью и поддерживает инициативы.",
                   "Ценит разные мнения и даёт молодым сотрудникам проявить себя."],
            "kk": ["Команданы ортақ мақсатқа жұмылдырып, бастамаларды қолдайды.",
                   "Әртүрлі пікірлерді бағалап, жас қызметкерлерге өзін көрсетуге мүмкіндік береді."],
            "en": ["Can rally the team around a shared goal and supports initiatives.",
                   "Values different opinions and gives young staff a chance to shine."],
        },
    },
}

# --------------------------------------------------------------------------------------------------
# Latin-script Kazakh as typed on phones (no diacritics): "Сәлеметсіз бе" -> "Salemetsiz be"
# --------------------------------------------------------------------------------------------------

_LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "",
    "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia", "«": "\"", "»": "\"",
}


def latin_pairs() -> tuple[list[str], list[str]]:
    """Cyrillic letters (lower and capitalised) and their informal Latin spellings, for a
    vectorised ``str.replace_many``."""
    source, target = [], []
    for cyr, lat in _LATIN.items():
        source.append(cyr)
        target.append(lat)
        if cyr.upper() != cyr:
            source.append(cyr.upper())
            target.append(lat[:1].upper() + lat[1:])
    return source, target


def to_latin(text: str) -> str:
    """Transliterate one Kazakh text the way people type it without a Kazakh keyboard."""
    source, target = latin_pairs()
    table = dict(zip(source, target))
    return "".join(table.get(ch, ch) for ch in text)
