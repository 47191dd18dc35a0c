"""Texts of the demo's self-paced courses in the six languages (data only): courses,
modules, lessons, questions, the captions of the video lessons and a downloadable checklist.

Every list that becomes blocks (choices, accepted answers) has the same length in every
language, so that a lesson's translations share one structure and one set of block ids."""

# ruff: noqa: E501
# fmt: off

# The course the demo learner is half-way through: the one with video lessons.
LEARNER_COURSE = "data-quality-essentials"
# The demo learner's first try at that course's quiz, read in French: one response per
# question, in order (choices by position). Three right out of five, 60%: short of the 70%
# to pass, with two attempts left.
LEARNER_QUIZ_ANSWERS = ["0", "0,2", "false", "3880", "unicité"]

# Each course ends with a graded quiz of five questions, one of each kind.
QUIZ_SUMMARY = {
    "en": "Five questions on the whole course: 70% to pass, three attempts.",
    "ar": "خمسة أسئلة عن الدورة كلها: 70% للنجاح، وثلاث محاولات.",
    "zh-hans": "涵盖整门课程的五道题：70%及格，可作答三次。",
    "fr": "Cinq questions sur tout le cours : 70 % pour réussir, trois tentatives.",
    "ru": "Пять вопросов по всему курсу: 70% для зачёта, три попытки.",
    "es": "Cinco preguntas sobre todo el curso: 70 % para aprobar, tres intentos.",
}

QUIZ_INTRO = {
    "en": "<p>This quiz covers the whole course. Answer the five questions, then submit: you will see which answers were right, and why. You need 70% to pass, and you have three attempts.</p>",
    "ar": "<p>يغطي هذا الاختبار الدورة كلها. أجب عن الأسئلة الخمسة ثم أرسل إجاباتك: سترى أيّ الإجابات كانت صحيحة ولماذا. تحتاج إلى 70% للنجاح، ولديك ثلاث محاولات.</p>",
    "zh-hans": "<p>本测验涵盖整门课程。回答五道题后提交，即可看到哪些答案正确及其原因。70%及格，共有三次作答机会。</p>",
    "fr": "<p>Ce quiz porte sur tout le cours. Répondez aux cinq questions, puis envoyez vos réponses : vous verrez lesquelles étaient justes, et pourquoi. Il faut 70 % pour réussir, et vous avez trois tentatives.</p>",
    "ru": "<p>Тест охватывает весь курс. Ответьте на пять вопросов и отправьте ответы: вы увидите, какие из них верны и почему. Для зачёта нужно 70%, у вас три попытки.</p>",
    "es": "<p>Este cuestionario abarca todo el curso. Responda las cinco preguntas y envíe sus respuestas: verá cuáles eran correctas y por qué. Necesita un 70 % para aprobar y tiene tres intentos.</p>",
}

# ---------------------------------------------------------------------------------------
# Disaster risk reduction
# ---------------------------------------------------------------------------------------

UNDERSTANDING_DISASTER_RISK = {
    "slug": "understanding-disaster-risk",
    "theme": "disaster-risk-reduction",
    "trainers": ["Juan Pablo Quispe", "Tesfaye Bekele"],
    "level": "beginner",
    "hours": 4,
    "licence": "cc-by-4.0",
    "title": {
        "en": "Understanding Disaster Risk",
        "ar": "فهم مخاطر الكوارث",
        "zh-hans": "认识灾害风险",
        "fr": "Comprendre le risque de catastrophe",
        "ru": "Понимание риска бедствий",
        "es": "Comprender el riesgo de desastres",
    },
    "summary": {
        "en": "A self-paced introduction to what turns a natural hazard into a disaster, and to the early warnings that save lives.",
        "ar": "مقدمة ذاتية الوتيرة لما يحوّل الخطر الطبيعي إلى كارثة، وللإنذارات المبكرة التي تنقذ الأرواح.",
        "zh-hans": "自主进度课程：了解自然灾害如何演变为灾难，以及挽救生命的早期预警。",
        "fr": "Une introduction à votre rythme à ce qui transforme un aléa naturel en catastrophe, et aux alertes précoces qui sauvent des vies.",
        "ru": "Курс в собственном темпе о том, что превращает природную опасность в бедствие, и о раннем предупреждении, которое спасает жизни.",
        "es": "Una introducción a su propio ritmo sobre lo que convierte una amenaza natural en un desastre y sobre las alertas tempranas que salvan vidas.",
    },
    "objectives": [
        {
            "en": "Explain disaster risk as the combination of hazard, exposure and vulnerability",
            "ar": "شرح مخاطر الكوارث بوصفها مزيجًا من الخطر والتعرّض والهشاشة",
            "zh-hans": "将灾害风险解释为致灾因子、暴露度和脆弱性的组合",
            "fr": "Expliquer le risque de catastrophe comme la combinaison de l'aléa, de l'exposition et de la vulnérabilité",
            "ru": "Объяснять риск бедствий как сочетание опасности, подверженности и уязвимости",
            "es": "Explicar el riesgo de desastres como la combinación de amenaza, exposición y vulnerabilidad",
        },
        {
            "en": "Name the four elements of a people-centred early warning system",
            "ar": "تسمية العناصر الأربعة لنظام الإنذار المبكر المتمحور حول الناس",
            "zh-hans": "说出以人为本的早期预警系统的四个要素",
            "fr": "Nommer les quatre éléments d'un système d'alerte précoce centré sur les personnes",
            "ru": "Называть четыре элемента системы раннего предупреждения, ориентированной на людей",
            "es": "Nombrar los cuatro elementos de un sistema de alerta temprana centrado en las personas",
        },
        {
            "en": "Relate local action to the global targets of the Sendai Framework",
            "ar": "ربط العمل المحلي بالأهداف العالمية لإطار سينداي",
            "zh-hans": "将地方行动与《仙台框架》的全球目标联系起来",
            "fr": "Relier l'action locale aux cibles mondiales du Cadre de Sendai",
            "ru": "Связывать местные действия с глобальными целями Сендайской рамочной программы",
            "es": "Relacionar la acción local con las metas mundiales del Marco de Sendái",
        },
    ],
    "modules": [
        {
            "slug": "hazard-exposure-and-vulnerability",
            "title": {
                "en": "Hazard, exposure and vulnerability",
                "ar": "الخطر والتعرّض والهشاشة",
                "zh-hans": "致灾因子、暴露度与脆弱性",
                "fr": "Aléa, exposition et vulnérabilité",
                "ru": "Опасность, подверженность и уязвимость",
                "es": "Amenaza, exposición y vulnerabilidad",
            },
            "summary": {
                "en": "What disaster risk is made of, and how it is measured.",
                "ar": "مما تتكوّن مخاطر الكوارث، وكيف تُقاس.",
                "zh-hans": "灾害风险由什么构成，又如何衡量。",
                "fr": "De quoi est fait le risque de catastrophe, et comment on le mesure.",
                "ru": "Из чего складывается риск бедствий и как его измеряют.",
                "es": "De qué está hecho el riesgo de desastres y cómo se mide.",
            },
            "lessons": [
                {
                    "slug": "what-turns-a-hazard-into-a-disaster",
                    "minutes": 10,
                    "preview": True,
                    "title": {
                        "en": "What turns a hazard into a disaster",
                        "ar": "ما الذي يحوّل الخطر إلى كارثة",
                        "zh-hans": "致灾因子如何演变为灾害",
                        "fr": "Ce qui transforme un aléa en catastrophe",
                        "ru": "Что превращает опасность в бедствие",
                        "es": "Qué convierte una amenaza en un desastre",
                    },
                    "summary": {
                        "en": "Hazard, exposure and vulnerability, and why risk is more than the hazard.",
                        "ar": "الخطر والتعرّض والهشاشة، ولماذا تتجاوز المخاطر الخطرَ نفسه.",
                        "zh-hans": "致灾因子、暴露度与脆弱性，以及为什么风险不只取决于致灾因子。",
                        "fr": "Aléa, exposition et vulnérabilité, et pourquoi le risque ne se réduit pas à l'aléa.",
                        "ru": "Опасность, подверженность и уязвимость, и почему риск — это не только опасность.",
                        "es": "Amenaza, exposición y vulnerabilidad, y por qué el riesgo es más que la amenaza.",
                    },
                    "body": [
                        ("text", {
                            "en": "<p>A <b>hazard</b> is a process or event that may cause harm: an earthquake, a cyclone, a flood, a drought. It becomes a <b>disaster</b> only when it seriously disrupts a community that cannot cope with its own resources.</p>"
                                  "<p>Disaster risk combines three factors: the <b>hazard</b>; the <b>exposure</b> of the people and assets located where it strikes; and their <b>vulnerability</b>, the conditions that make them more likely to suffer harm. If one of the three is absent, there is no risk: a strong earthquake in an empty desert harms no one.</p>"
                                  "<p>Most hazards cannot be prevented, but exposure and vulnerability can be reduced through land-use planning, safer buildings, early warning and social protection. This is why reducing disaster risk is a question of development as much as of emergency response.</p>",
                            "ar": "<p><b>الخطر</b> عملية أو حدث قد يُلحق الضرر: زلزال أو إعصار أو فيضان أو جفاف. ولا يصبح <b>كارثة</b> إلا حين يُخلّ إخلالًا جسيمًا بحياة مجتمع لا يستطيع مواجهته بموارده الذاتية.</p>"
                                  "<p>تجمع مخاطر الكوارث بين ثلاثة عوامل: <b>الخطر</b> نفسه، و<b>تعرّض</b> الناس والأصول الموجودة حيث يضرب، و<b>هشاشتهم</b>، أي الظروف التي تجعلهم أكثر عرضة للضرر. وإذا غاب أحد العوامل الثلاثة فلا خطر: فالزلزال القوي في صحراء خالية لا يؤذي أحدًا.</p>"
                                  "<p>لا يمكن منع معظم الأخطار، لكن يمكن الحد من التعرّض والهشاشة بتخطيط استخدام الأراضي، والمباني الأكثر أمانًا، والإنذار المبكر، والحماية الاجتماعية. ولهذا فالحد من مخاطر الكوارث مسألة تنمية بقدر ما هو مسألة استجابة للطوارئ.</p>",
                            "zh-hans": "<p><b>致灾因子</b>是可能造成危害的过程或事件，如地震、气旋、洪水、干旱。只有当它严重扰乱了一个无法依靠自身资源应对的社区时，才成为<b>灾害</b>。</p>"
                                       "<p>灾害风险由三个因素共同构成：<b>致灾因子</b>本身；位于受灾地点的人员和资产的<b>暴露度</b>；以及他们的<b>脆弱性</b>，即使其更容易受到伤害的条件。三者缺一，风险便不存在：发生在无人沙漠中的强烈地震不会伤害任何人。</p>"
                                       "<p>大多数致灾因子无法阻止，但可以通过土地利用规划、更安全的建筑、早期预警和社会保障来降低暴露度和脆弱性。因此，减少灾害风险既是应急问题，也是发展问题。</p>",
                            "fr": "<p>Un <b>aléa</b> est un phénomène ou un événement susceptible de causer des dommages : séisme, cyclone, inondation, sécheresse. Il ne devient une <b>catastrophe</b> que lorsqu'il perturbe gravement une communauté incapable d'y faire face avec ses propres ressources.</p>"
                                  "<p>Le risque de catastrophe combine trois facteurs : l'<b>aléa</b> ; l'<b>exposition</b> des personnes et des biens situés là où il frappe ; et leur <b>vulnérabilité</b>, c'est-à-dire les conditions qui les rendent plus susceptibles de subir des dommages. Si l'un des trois manque, il n'y a pas de risque : un fort séisme dans un désert vide ne blesse personne.</p>"
                                  "<p>La plupart des aléas ne peuvent être empêchés, mais l'exposition et la vulnérabilité peuvent être réduites par l'aménagement du territoire, des bâtiments plus sûrs, l'alerte précoce et la protection sociale. C'est pourquoi réduire le risque de catastrophe relève du développement autant que de la réponse d'urgence.</p>",
                            "ru": "<p><b>Опасность</b> — это процесс или событие, способное причинить ущерб: землетрясение, циклон, наводнение, засуха. <b>Бедствием</b> она становится лишь тогда, когда серьёзно нарушает жизнь сообщества, неспособного справиться своими силами.</p>"
                                  "<p>Риск бедствий складывается из трёх факторов: самой <b>опасности</b>; <b>подверженности</b> людей и имущества, находящихся там, где она проявляется; и их <b>уязвимости</b> — условий, из-за которых они скорее пострадают. Если нет хотя бы одного из трёх, нет и риска: сильное землетрясение в безлюдной пустыне никому не вредит.</p>"
                                  "<p>Большинство опасностей предотвратить нельзя, но подверженность и уязвимость можно снизить с помощью территориального планирования, более безопасных зданий, раннего предупреждения и социальной защиты. Поэтому снижение риска бедствий — вопрос развития не меньше, чем реагирования на чрезвычайные ситуации.</p>",
                            "es": "<p>Una <b>amenaza</b> es un proceso o suceso que puede causar daños: un terremoto, un ciclón, una inundación, una sequía. Solo se convierte en <b>desastre</b> cuando altera gravemente a una comunidad que no puede afrontarlo con sus propios recursos.</p>"
                                  "<p>El riesgo de desastres combina tres factores: la <b>amenaza</b>; la <b>exposición</b> de las personas y los bienes situados donde golpea; y su <b>vulnerabilidad</b>, las condiciones que los hacen más propensos a sufrir daños. Si falta uno de los tres, no hay riesgo: un fuerte terremoto en un desierto vacío no hace daño a nadie.</p>"
                                  "<p>La mayoría de las amenazas no pueden evitarse, pero la exposición y la vulnerabilidad pueden reducirse mediante la ordenación del territorio, edificios más seguros, la alerta temprana y la protección social. Por eso reducir el riesgo de desastres es una cuestión de desarrollo tanto como de respuesta a emergencias.</p>",
                        }),
                    ],
                },
                {
                    "slug": "measuring-exposure-and-vulnerability",
                    "minutes": 15,
                    "title": {
                        "en": "Measuring exposure and vulnerability",
                        "ar": "قياس التعرّض والهشاشة",
                        "zh-hans": "衡量暴露度与脆弱性",
                        "fr": "Mesurer l'exposition et la vulnérabilité",
                        "ru": "Измерение подверженности и уязвимости",
                        "es": "Medir la exposición y la vulnerabilidad",
                    },
                    "summary": {
                        "en": "What data tells us who and what is at risk, with a knowledge check.",
                        "ar": "ما تخبرنا به البيانات عمّن وما هو معرّض للخطر، مع اختبار للمعارف.",
                        "zh-hans": "数据如何告诉我们谁、什么处于风险之中，附知识自测。",
                        "fr": "Ce que les données nous disent de qui et de ce qui est menacé, avec un test de connaissances.",
                        "ru": "Что данные говорят о том, кто и что находится под угрозой; с проверкой знаний.",
                        "es": "Lo que los datos nos dicen sobre quién y qué está en riesgo, con una comprobación de conocimientos.",
                    },
                    "body": [
                        ("text", {
                            "en": "<p>Exposure is counted: how many people live in the flood plain, how many schools and hospitals stand in the earthquake zone, how many hectares of crops depend on the rains. Censuses, building surveys, satellite imagery and open maps all feed an exposure database.</p>"
                                  "<p>Vulnerability is harder to measure because it has physical, social and economic sides: building materials, poverty, age, disability, access to information. Indicators such as the share of households below the poverty line or without a mobile phone help find the people who need support first.</p>",
                            "ar": "<p>التعرّض يُعَدّ ويُحصى: كم عدد الناس الذين يعيشون في السهل الفيضي، وكم مدرسة ومستشفى تقع في منطقة الزلازل، وكم هكتارًا من المحاصيل يعتمد على الأمطار. وتغذّي التعدادات السكانية ومسوح المباني وصور الأقمار الصناعية والخرائط المفتوحة قاعدةَ بيانات التعرّض.</p>"
                                  "<p>أما الهشاشة فقياسها أصعب لأن لها جوانب مادية واجتماعية واقتصادية: مواد البناء، والفقر، والعمر، والإعاقة، والوصول إلى المعلومات. وتساعد مؤشرات مثل نسبة الأسر التي تعيش تحت خط الفقر أو التي لا تملك هاتفًا محمولًا على تحديد من يحتاجون إلى الدعم أولًا.</p>",
                            "zh-hans": "<p>暴露度是可以清点的：有多少人住在洪泛区，有多少学校和医院位于地震带，有多少公顷作物依赖降雨。人口普查、建筑调查、卫星影像和开放地图都为暴露度数据库提供数据。</p>"
                                       "<p>脆弱性更难衡量，因为它涉及物质、社会和经济等方面：建筑材料、贫困、年龄、残疾、获取信息的途径。贫困线以下家庭或没有手机的家庭所占比例等指标，有助于找到最需要优先支持的人群。</p>",
                            "fr": "<p>L'exposition se compte : combien de personnes vivent dans la plaine inondable, combien d'écoles et d'hôpitaux se trouvent dans la zone sismique, combien d'hectares de cultures dépendent des pluies. Recensements, enquêtes sur le bâti, images satellitaires et cartes ouvertes alimentent une base de données d'exposition.</p>"
                                  "<p>La vulnérabilité est plus difficile à mesurer, car elle a des dimensions physiques, sociales et économiques : matériaux de construction, pauvreté, âge, handicap, accès à l'information. Des indicateurs comme la part des ménages sous le seuil de pauvreté ou sans téléphone portable aident à repérer les personnes à soutenir en premier.</p>",
                            "ru": "<p>Подверженность можно сосчитать: сколько людей живёт в пойме, сколько школ и больниц находится в сейсмической зоне, сколько гектаров посевов зависит от дождей. Переписи населения, обследования зданий, спутниковые снимки и открытые карты наполняют базу данных о подверженности.</p>"
                                  "<p>Уязвимость измерить труднее: у неё есть физическая, социальная и экономическая стороны — строительные материалы, бедность, возраст, инвалидность, доступ к информации. Такие показатели, как доля домохозяйств за чертой бедности или без мобильного телефона, помогают найти тех, кому помощь нужна в первую очередь.</p>",
                            "es": "<p>La exposición se cuenta: cuántas personas viven en la llanura inundable, cuántas escuelas y hospitales se encuentran en la zona sísmica, cuántas hectáreas de cultivos dependen de las lluvias. Censos, inventarios de edificaciones, imágenes satelitales y mapas abiertos alimentan una base de datos de exposición.</p>"
                                  "<p>La vulnerabilidad es más difícil de medir porque tiene aspectos físicos, sociales y económicos: materiales de construcción, pobreza, edad, discapacidad, acceso a la información. Indicadores como la proporción de hogares bajo la línea de pobreza o sin teléfono móvil ayudan a encontrar a quienes necesitan apoyo primero.</p>",
                        }),
                        ("resources", {
                            "heading": {
                                "en": "Download",
                                "ar": "للتنزيل",
                                "zh-hans": "下载",
                                "fr": "À télécharger",
                                "ru": "Скачать",
                                "es": "Descargar",
                            },
                            "resources": [
                                {
                                    "document": "household-emergency-plan",
                                    "title": {
                                        "en": "Household emergency plan: a checklist (text, 1 KB)",
                                        "ar": "خطة الطوارئ المنزلية: قائمة تحقق (نص، 1 كيلوبايت)",
                                        "zh-hans": "家庭应急计划核对清单（文本，1 KB）",
                                        "fr": "Plan familial d'urgence : une liste de contrôle (texte, 1 Ko)",
                                        "ru": "Семейный план действий при ЧС: контрольный список (текст, 1 КБ)",
                                        "es": "Plan familiar de emergencia: una lista de verificación (texto, 1 KB)",
                                    },
                                },
                            ],
                        }),
                    ],
                    "questions": [
                        {
                            "kind": "single_choice",
                            "prompt": {
                                "en": "A village of 2,000 people lies in a valley that floods every few years. Which change reduces its <b>exposure</b>?",
                                "ar": "تقع قرية يسكنها 2000 شخص في وادٍ تغمره الفيضانات كل بضع سنوات. أيّ تغيير يقلّل <b>تعرّضها</b>؟",
                                "zh-hans": "一个有2000人的村庄位于每隔几年就发生洪水的山谷中。哪项改变能降低它的<b>暴露度</b>？",
                                "fr": "Un village de 2 000 habitants se trouve dans une vallée inondée tous les quelques ans. Quel changement réduit son <b>exposition</b> ?",
                                "ru": "Деревня с населением 2000 человек расположена в долине, которую затапливает раз в несколько лет. Какое изменение снижает её <b>подверженность</b>?",
                                "es": "Un pueblo de 2.000 habitantes está en un valle que se inunda cada pocos años. ¿Qué cambio reduce su <b>exposición</b>?",
                            },
                            "explanation": {
                                "en": "Exposure is about what is located in harm's way; moving people and assets out of the hazard zone reduces it.",
                                "ar": "يتعلق التعرّض بما يقع في طريق الخطر؛ ونقل الناس والأصول خارج منطقة الخطر يقلّله.",
                                "zh-hans": "暴露度关乎哪些人和物处于危险之中；把人员和资产迁出危险区即可降低暴露度。",
                                "fr": "L'exposition concerne ce qui se trouve sur le chemin du danger ; déplacer personnes et biens hors de la zone d'aléa la réduit.",
                                "ru": "Подверженность — это то, что находится на пути опасности; перенос людей и имущества из опасной зоны её снижает.",
                                "es": "La exposición se refiere a lo que está en el camino del peligro; sacar personas y bienes de la zona de amenaza la reduce.",
                            },
                            "choices": [
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "Moving the health centre to higher ground",
                                        "ar": "نقل المركز الصحي إلى أرض مرتفعة",
                                        "zh-hans": "把卫生院迁到地势较高处",
                                        "fr": "Déplacer le centre de santé sur les hauteurs",
                                        "ru": "Перенести медпункт на возвышенность",
                                        "es": "Trasladar el centro de salud a un terreno más alto",
                                    },
                                    "feedback": {
                                        "en": "Right: fewer people and assets stand where the water goes.",
                                        "ar": "صحيح: يقلّ عدد الناس والأصول في مسار المياه.",
                                        "zh-hans": "正确：处于洪水路径上的人员和资产减少了。",
                                        "fr": "Exact : moins de personnes et de biens se trouvent sur le passage de l'eau.",
                                        "ru": "Верно: на пути воды остаётся меньше людей и имущества.",
                                        "es": "Correcto: hay menos personas y bienes donde llega el agua.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "Installing a rain gauge upstream",
                                        "ar": "تركيب مقياس للأمطار في أعلى المجرى",
                                        "zh-hans": "在上游安装雨量计",
                                        "fr": "Installer un pluviomètre en amont",
                                        "ru": "Установить дождемер выше по течению",
                                        "es": "Instalar un pluviómetro aguas arriba",
                                    },
                                    "feedback": {
                                        "en": "A rain gauge helps the warning, but the health centre is still in the flood plain.",
                                        "ar": "يساعد مقياس الأمطار في الإنذار، لكن المركز الصحي ما زال في السهل الفيضي.",
                                        "zh-hans": "雨量计有助于预警，但卫生院仍在洪泛区内。",
                                        "fr": "Un pluviomètre aide l'alerte, mais le centre de santé reste dans la plaine inondable.",
                                        "ru": "Дождемер помогает предупреждению, но медпункт по-прежнему в пойме.",
                                        "es": "Un pluviómetro ayuda a la alerta, pero el centro de salud sigue en la llanura inundable.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "Training volunteers in first aid",
                                        "ar": "تدريب متطوعين على الإسعافات الأولية",
                                        "zh-hans": "培训志愿者掌握急救技能",
                                        "fr": "Former des bénévoles aux premiers secours",
                                        "ru": "Обучить добровольцев первой помощи",
                                        "es": "Formar a voluntarios en primeros auxilios",
                                    },
                                    "feedback": {
                                        "en": "First aid reduces vulnerability and improves the response, but exposure is unchanged.",
                                        "ar": "تقلّل الإسعافات الأولية الهشاشة وتحسّن الاستجابة، لكن التعرّض لا يتغير.",
                                        "zh-hans": "急救能降低脆弱性、改善应对，但暴露度没有改变。",
                                        "fr": "Les premiers secours réduisent la vulnérabilité et améliorent la réponse, mais l'exposition ne change pas.",
                                        "ru": "Первая помощь снижает уязвимость и улучшает реагирование, но подверженность не меняется.",
                                        "es": "Los primeros auxilios reducen la vulnerabilidad y mejoran la respuesta, pero la exposición no cambia.",
                                    },
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "answer": False,
                            "prompt": {
                                "en": "A strong earthquake in an uninhabited area is a disaster.",
                                "ar": "الزلزال القوي في منطقة غير مأهولة كارثة.",
                                "zh-hans": "发生在无人居住地区的强烈地震是一场灾害。",
                                "fr": "Un fort séisme dans une zone inhabitée est une catastrophe.",
                                "ru": "Сильное землетрясение в необитаемой местности — это бедствие.",
                                "es": "Un fuerte terremoto en una zona deshabitada es un desastre.",
                            },
                            "feedback_true": {
                                "en": "Not quite: with nobody and nothing exposed, the earthquake causes no disaster.",
                                "ar": "ليس تمامًا: إذا لم يتعرّض أحد ولا شيء، فلا يسبّب الزلزال كارثة.",
                                "zh-hans": "不对：没有任何人或物暴露在外，地震就不会造成灾害。",
                                "fr": "Pas tout à fait : sans personne ni rien d'exposé, le séisme ne provoque pas de catastrophe.",
                                "ru": "Не совсем: если никто и ничто не подвержено, землетрясение не вызывает бедствия.",
                                "es": "No exactamente: sin nadie ni nada expuesto, el terremoto no causa un desastre.",
                            },
                            "feedback_false": {
                                "en": "Correct: without exposure there is no disaster.",
                                "ar": "صحيح: لا كارثة من دون تعرّض.",
                                "zh-hans": "正确：没有暴露就没有灾害。",
                                "fr": "Exact : sans exposition, pas de catastrophe.",
                                "ru": "Верно: без подверженности нет бедствия.",
                                "es": "Correcto: sin exposición no hay desastre.",
                            },
                            "explanation": {
                                "en": "Risk needs a hazard, exposure and vulnerability together.",
                                "ar": "تتطلب المخاطر اجتماع الخطر والتعرّض والهشاشة معًا.",
                                "zh-hans": "风险需要致灾因子、暴露度和脆弱性同时存在。",
                                "fr": "Le risque exige à la fois un aléa, une exposition et une vulnérabilité.",
                                "ru": "Для риска нужны одновременно опасность, подверженность и уязвимость.",
                                "es": "El riesgo requiere a la vez una amenaza, exposición y vulnerabilidad.",
                            },
                        },
                    ],
                },
            ],
        },
        {
            "slug": "acting-on-risk",
            "title": {
                "en": "Acting on risk",
                "ar": "العمل على الحد من المخاطر",
                "zh-hans": "应对风险",
                "fr": "Agir sur le risque",
                "ru": "Действия по снижению риска",
                "es": "Actuar sobre el riesgo",
            },
            "summary": {
                "en": "Warnings that reach people in time, and the global targets for reducing losses.",
                "ar": "إنذارات تصل إلى الناس في الوقت المناسب، والأهداف العالمية للحد من الخسائر.",
                "zh-hans": "及时送达民众的预警，以及减少损失的全球目标。",
                "fr": "Des alertes qui atteignent les gens à temps, et les cibles mondiales pour réduire les pertes.",
                "ru": "Предупреждения, которые вовремя доходят до людей, и глобальные цели по сокращению потерь.",
                "es": "Alertas que llegan a tiempo a las personas y las metas mundiales para reducir las pérdidas.",
            },
            "lessons": [
                {
                    "slug": "early-warnings-that-reach-everyone",
                    "minutes": 15,
                    "title": {
                        "en": "Early warnings that reach everyone",
                        "ar": "إنذارات مبكرة تصل إلى الجميع",
                        "zh-hans": "惠及每个人的早期预警",
                        "fr": "Des alertes précoces qui atteignent tout le monde",
                        "ru": "Раннее предупреждение, которое доходит до каждого",
                        "es": "Alertas tempranas que llegan a todos",
                    },
                    "summary": {
                        "en": "The four elements of a people-centred early warning system, and the Sendai Framework.",
                        "ar": "العناصر الأربعة لنظام الإنذار المبكر المتمحور حول الناس، وإطار سينداي.",
                        "zh-hans": "以人为本的早期预警系统的四个要素，以及《仙台框架》。",
                        "fr": "Les quatre éléments d'un système d'alerte précoce centré sur les personnes, et le Cadre de Sendai.",
                        "ru": "Четыре элемента системы раннего предупреждения, ориентированной на людей, и Сендайская рамочная программа.",
                        "es": "Los cuatro elementos de un sistema de alerta temprana centrado en las personas y el Marco de Sendái.",
                    },
                    "body": [
                        ("text", {
                            "en": "<p>An early warning system is only as strong as its weakest link. Four elements must work together: <b>risk knowledge</b> (which hazards, and who is exposed); <b>detection, monitoring and forecasting</b>; <b>warning dissemination and communication</b>; and <b>preparedness and response capabilities</b>.</p>"
                                  "<p>A perfect forecast saves no one if the message never reaches the fishing village, is written in a language people do not read, or does not say what to do. Good warnings are short, come from a trusted source, name the place and the time, and tell people which action to take. Drills make sure they know where to go.</p>"
                                  "<p>The <b>Sendai Framework for Disaster Risk Reduction 2015–2030</b>, adopted in Sendai, Japan, sets seven global targets, among them fewer deaths and wider access to early warnings. In 2022 the UN Secretary-General launched <i>Early Warnings for All</i>, so that everyone on Earth is protected by an early warning system by the end of 2027.</p>",
                            "ar": "<p>لا يكون نظام الإنذار المبكر أقوى من أضعف حلقاته. ويجب أن تعمل أربعة عناصر معًا: <b>المعرفة بالمخاطر</b> (ما الأخطار ومن المعرّض لها)، و<b>الرصد والمراقبة والتنبؤ</b>، و<b>نشر الإنذارات والإبلاغ بها</b>، و<b>قدرات التأهب والاستجابة</b>.</p>"
                                  "<p>لا ينقذ التنبؤ الدقيق أحدًا إذا لم تصل الرسالة إلى قرية الصيادين، أو كُتبت بلغة لا يقرؤها الناس، أو لم تقل ماذا يفعلون. فالإنذار الجيد قصير، ويصدر عن مصدر موثوق، ويحدد المكان والزمان، ويخبر الناس بالإجراء الواجب اتخاذه. وتضمن التدريبات أن يعرفوا إلى أين يذهبون.</p>"
                                  "<p>يحدد <b>إطار سينداي للحد من مخاطر الكوارث 2015–2030</b>، الذي اعتُمد في مدينة سينداي باليابان، سبعة أهداف عالمية، منها خفض عدد الوفيات وتوسيع الوصول إلى الإنذارات المبكرة. وفي عام 2022 أطلق الأمين العام للأمم المتحدة مبادرة <i>الإنذار المبكر للجميع</i>، كي يحظى كل إنسان على الأرض بحماية نظام للإنذار المبكر بحلول نهاية عام 2027.</p>",
                            "zh-hans": "<p>早期预警系统的强度取决于其最薄弱的环节。四个要素必须协同运作：<b>风险认知</b>（有哪些致灾因子、谁暴露其中）；<b>探测、监测与预报</b>；<b>预警发布与传播</b>；以及<b>备灾与响应能力</b>。</p>"
                                       "<p>如果信息没有送达渔村、使用了当地人看不懂的语言，或者没有说明该怎么做，再准确的预报也救不了人。好的预警简短明了、来自可信的来源、写明地点和时间，并告诉人们应采取什么行动。演练则确保人们知道该往哪里去。</p>"
                                       "<p>在日本仙台通过的<b>《2015—2030年仙台减少灾害风险框架》</b>设定了七项全球目标，其中包括减少死亡人数、扩大早期预警的覆盖。2022年，联合国秘书长发起了<i>“全民早期预警”</i>倡议，目标是到2027年底让地球上每个人都受到早期预警系统的保护。</p>",
                            "fr": "<p>Un système d'alerte précoce ne vaut que ce que vaut son maillon le plus faible. Quatre éléments doivent fonctionner ensemble : la <b>connaissance des risques</b> (quels aléas, qui est exposé) ; la <b>détection, la surveillance et la prévision</b> ; la <b>diffusion et la communication des alertes</b> ; et les <b>capacités de préparation et d'intervention</b>.</p>"
                                  "<p>Une prévision parfaite ne sauve personne si le message n'atteint jamais le village de pêcheurs, s'il est rédigé dans une langue que les gens ne lisent pas ou s'il ne dit pas quoi faire. Une bonne alerte est brève, vient d'une source de confiance, nomme le lieu et l'heure et indique l'action à mener. Les exercices garantissent que chacun sait où aller.</p>"
                                  "<p>Le <b>Cadre de Sendai pour la réduction des risques de catastrophe 2015-2030</b>, adopté à Sendai, au Japon, fixe sept cibles mondiales, dont la baisse de la mortalité et un accès élargi aux alertes précoces. En 2022, le Secrétaire général de l'ONU a lancé l'initiative <i>Alertes précoces pour tous</i>, afin que chaque habitant de la planète soit protégé par un système d'alerte précoce d'ici fin 2027.</p>",
                            "ru": "<p>Система раннего предупреждения надёжна настолько, насколько надёжно её самое слабое звено. Четыре элемента должны работать вместе: <b>знание рисков</b> (какие опасности и кто им подвержен); <b>обнаружение, мониторинг и прогнозирование</b>; <b>распространение предупреждений и информирование</b>; <b>готовность и способность к реагированию</b>.</p>"
                                  "<p>Идеальный прогноз никого не спасёт, если сообщение не дойдёт до рыбацкой деревни, написано на языке, которого люди не читают, или не говорит, что делать. Хорошее предупреждение короткое, исходит из надёжного источника, называет место и время и говорит людям, какие действия предпринять. Учения помогают людям знать, куда идти.</p>"
                                  "<p><b>Сендайская рамочная программа по снижению риска бедствий на 2015–2030 годы</b>, принятая в японском городе Сендай, ставит семь глобальных целей, среди них — снижение смертности и расширение доступа к раннему предупреждению. В 2022 году Генеральный секретарь ООН выдвинул инициативу <i>«Ранние предупреждения для всех»</i>, чтобы к концу 2027 года каждый человек на Земле был защищён системой раннего предупреждения.</p>",
                            "es": "<p>Un sistema de alerta temprana es tan fuerte como su eslabón más débil. Cuatro elementos deben funcionar juntos: el <b>conocimiento del riesgo</b> (qué amenazas y quién está expuesto); la <b>detección, el seguimiento y el pronóstico</b>; la <b>difusión y comunicación de las alertas</b>; y la <b>capacidad de preparación y respuesta</b>.</p>"
                                  "<p>Un pronóstico perfecto no salva a nadie si el mensaje nunca llega a la aldea de pescadores, está escrito en un idioma que la gente no lee o no dice qué hacer. Una buena alerta es breve, procede de una fuente de confianza, indica el lugar y la hora y dice qué medida tomar. Los simulacros aseguran que todos sepan adónde ir.</p>"
                                  "<p>El <b>Marco de Sendái para la Reducción del Riesgo de Desastres 2015-2030</b>, adoptado en Sendái (Japón), fija siete metas mundiales, entre ellas menos muertes y un mayor acceso a las alertas tempranas. En 2022 el Secretario General de la ONU lanzó la iniciativa <i>Alertas Tempranas para Todos</i>, para que toda persona en la Tierra esté protegida por un sistema de alerta temprana a finales de 2027.</p>",
                        }),
                    ],
                },
                {
                    "slug": "quiz-disaster-risk-basics",
                    "minutes": 10,
                    "graded": True,
                    "title": {
                        "en": "Quiz: disaster risk basics",
                        "ar": "اختبار: أساسيات مخاطر الكوارث",
                        "zh-hans": "测验：灾害风险基础",
                        "fr": "Quiz : les bases du risque de catastrophe",
                        "ru": "Тест: основы риска бедствий",
                        "es": "Cuestionario: conceptos básicos del riesgo de desastres",
                    },
                    "summary": QUIZ_SUMMARY,
                    "body": [
                        ("text", QUIZ_INTRO),
                    ],
                    "questions": [
                        {
                            "kind": "single_choice",
                            "prompt": {
                                "en": "Which factor of disaster risk can a community change most directly?",
                                "ar": "أيّ عامل من عوامل مخاطر الكوارث يستطيع المجتمع تغييره بشكل مباشر أكثر من غيره؟",
                                "zh-hans": "在灾害风险的各因素中，社区最能直接改变的是哪一个？",
                                "fr": "Quel facteur du risque de catastrophe une communauté peut-elle changer le plus directement ?",
                                "ru": "Какой фактор риска бедствий сообщество может изменить наиболее непосредственно?",
                                "es": "¿Qué factor del riesgo de desastres puede cambiar una comunidad de forma más directa?",
                            },
                            "explanation": {
                                "en": "Hazards are mostly beyond control; exposure and vulnerability are where risk reduction acts.",
                                "ar": "الأخطار في معظمها خارج نطاق السيطرة؛ أما التعرّض والهشاشة فهما مجال عمل الحد من المخاطر.",
                                "zh-hans": "致灾因子大多无法控制；减少风险的着力点在于暴露度和脆弱性。",
                                "fr": "Les aléas échappent le plus souvent à notre contrôle ; c'est sur l'exposition et la vulnérabilité qu'agit la réduction des risques.",
                                "ru": "Опасности в основном неподконтрольны; снижение риска воздействует на подверженность и уязвимость.",
                                "es": "Las amenazas escapan casi siempre a nuestro control; la reducción del riesgo actúa sobre la exposición y la vulnerabilidad.",
                            },
                            "choices": [
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "The vulnerability of its homes and people",
                                        "ar": "هشاشة مساكنه وسكانه",
                                        "zh-hans": "住房和居民的脆弱性",
                                        "fr": "La vulnérabilité de ses logements et de ses habitants",
                                        "ru": "Уязвимость своих домов и жителей",
                                        "es": "La vulnerabilidad de sus viviendas y habitantes",
                                    },
                                    "feedback": {
                                        "en": "Yes: safer buildings, savings, information and social protection all reduce vulnerability.",
                                        "ar": "نعم: المباني الأكثر أمانًا والمدخرات والمعلومات والحماية الاجتماعية كلها تقلّل الهشاشة.",
                                        "zh-hans": "是的：更安全的建筑、储蓄、信息和社会保障都能降低脆弱性。",
                                        "fr": "Oui : bâtiments plus sûrs, épargne, information et protection sociale réduisent tous la vulnérabilité.",
                                        "ru": "Да: безопасные здания, сбережения, информация и социальная защита снижают уязвимость.",
                                        "es": "Sí: edificios más seguros, ahorros, información y protección social reducen la vulnerabilidad.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "How often earthquakes occur",
                                        "ar": "عدد مرات وقوع الزلازل",
                                        "zh-hans": "地震发生的频率",
                                        "fr": "La fréquence des séismes",
                                        "ru": "Частота землетрясений",
                                        "es": "La frecuencia de los terremotos",
                                    },
                                    "feedback": {
                                        "en": "Earthquakes cannot be prevented; what we build and how we prepare can change.",
                                        "ar": "لا يمكن منع الزلازل؛ لكن ما نبنيه وطريقة استعدادنا يمكن أن يتغيرا.",
                                        "zh-hans": "地震无法阻止；我们能改变的是建造方式和备灾方式。",
                                        "fr": "On ne peut empêcher les séismes ; ce que l'on construit et la manière de se préparer peuvent changer.",
                                        "ru": "Землетрясения не предотвратить; меняется то, как мы строим и готовимся.",
                                        "es": "Los terremotos no pueden evitarse; lo que construimos y cómo nos preparamos sí puede cambiar.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "The path of a tropical cyclone",
                                        "ar": "مسار الإعصار المداري",
                                        "zh-hans": "热带气旋的路径",
                                        "fr": "La trajectoire d'un cyclone tropical",
                                        "ru": "Траекторию тропического циклона",
                                        "es": "La trayectoria de un ciclón tropical",
                                    },
                                    "feedback": {
                                        "en": "No one can steer a cyclone; warnings and shelters reduce its impact.",
                                        "ar": "لا أحد يستطيع توجيه الإعصار؛ الإنذارات والملاجئ تقلّل أثره.",
                                        "zh-hans": "没有人能改变气旋的路径；预警和避难所可以减轻其影响。",
                                        "fr": "Personne ne peut dévier un cyclone ; les alertes et les abris réduisent son impact.",
                                        "ru": "Циклоном никто не управляет; предупреждения и укрытия уменьшают его последствия.",
                                        "es": "Nadie puede desviar un ciclón; las alertas y los refugios reducen su impacto.",
                                    },
                                },
                            ],
                        },
                        {
                            "kind": "multiple_choice",
                            "prompt": {
                                "en": "Which of these are elements of a people-centred early warning system? Choose all that apply.",
                                "ar": "أيّ مما يلي من عناصر نظام الإنذار المبكر المتمحور حول الناس؟ اختر كل ما ينطبق.",
                                "zh-hans": "以下哪些是以人为本的早期预警系统的要素？请选出所有正确项。",
                                "fr": "Lesquels sont des éléments d'un système d'alerte précoce centré sur les personnes ? Cochez toutes les bonnes réponses.",
                                "ru": "Что из перечисленного относится к элементам системы раннего предупреждения, ориентированной на людей? Выберите все подходящие варианты.",
                                "es": "¿Cuáles de estos son elementos de un sistema de alerta temprana centrado en las personas? Elija todos los que correspondan.",
                            },
                            "explanation": {
                                "en": "The four elements are risk knowledge; detection, monitoring and forecasting; warning dissemination and communication; and preparedness and response capabilities.",
                                "ar": "العناصر الأربعة هي: المعرفة بالمخاطر؛ والرصد والمراقبة والتنبؤ؛ ونشر الإنذارات والإبلاغ بها؛ وقدرات التأهب والاستجابة.",
                                "zh-hans": "四个要素是：风险认知；探测、监测与预报；预警发布与传播；备灾与响应能力。",
                                "fr": "Les quatre éléments sont : la connaissance des risques ; la détection, la surveillance et la prévision ; la diffusion et la communication des alertes ; les capacités de préparation et d'intervention.",
                                "ru": "Четыре элемента: знание рисков; обнаружение, мониторинг и прогнозирование; распространение предупреждений и информирование; готовность и способность к реагированию.",
                                "es": "Los cuatro elementos son: conocimiento del riesgo; detección, seguimiento y pronóstico; difusión y comunicación de las alertas; y capacidad de preparación y respuesta.",
                            },
                            "choices": [
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "Risk knowledge",
                                        "ar": "المعرفة بالمخاطر",
                                        "zh-hans": "风险认知",
                                        "fr": "La connaissance des risques",
                                        "ru": "Знание рисков",
                                        "es": "Conocimiento del riesgo",
                                    },
                                    "feedback": {
                                        "en": "Yes: knowing who is exposed shapes every warning.",
                                        "ar": "نعم: معرفة المعرّضين للخطر تحدد شكل كل إنذار.",
                                        "zh-hans": "是的：了解谁处于风险中，决定了每一条预警的内容。",
                                        "fr": "Oui : savoir qui est exposé oriente chaque alerte.",
                                        "ru": "Да: знание того, кто подвержен опасности, определяет каждое предупреждение.",
                                        "es": "Sí: saber quién está expuesto orienta cada alerta.",
                                    },
                                },
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "Warning dissemination and communication",
                                        "ar": "نشر الإنذارات والإبلاغ بها",
                                        "zh-hans": "预警发布与传播",
                                        "fr": "La diffusion et la communication des alertes",
                                        "ru": "Распространение предупреждений и информирование",
                                        "es": "Difusión y comunicación de las alertas",
                                    },
                                    "feedback": {
                                        "en": "Yes: a warning must reach people in a form they understand.",
                                        "ar": "نعم: يجب أن يصل الإنذار إلى الناس بصيغة يفهمونها.",
                                        "zh-hans": "是的：预警必须以民众能理解的形式送达。",
                                        "fr": "Oui : une alerte doit atteindre les gens sous une forme qu'ils comprennent.",
                                        "ru": "Да: предупреждение должно дойти до людей в понятной им форме.",
                                        "es": "Sí: una alerta debe llegar a la gente de una forma que entienda.",
                                    },
                                },
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "Preparedness and response capabilities",
                                        "ar": "قدرات التأهب والاستجابة",
                                        "zh-hans": "备灾与响应能力",
                                        "fr": "Les capacités de préparation et d'intervention",
                                        "ru": "Готовность и способность к реагированию",
                                        "es": "Capacidad de preparación y respuesta",
                                    },
                                    "feedback": {
                                        "en": "Yes: people must know what to do once warned.",
                                        "ar": "نعم: يجب أن يعرف الناس ما عليهم فعله عند تلقي الإنذار.",
                                        "zh-hans": "是的：民众收到预警后必须知道该做什么。",
                                        "fr": "Oui : une fois alertés, les gens doivent savoir quoi faire.",
                                        "ru": "Да: получив предупреждение, люди должны знать, что делать.",
                                        "es": "Sí: una vez alertadas, las personas deben saber qué hacer.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "Insurance payouts after the disaster",
                                        "ar": "تعويضات التأمين بعد الكارثة",
                                        "zh-hans": "灾后的保险赔付",
                                        "fr": "Les indemnités d'assurance après la catastrophe",
                                        "ru": "Страховые выплаты после бедствия",
                                        "es": "Las indemnizaciones del seguro tras el desastre",
                                    },
                                    "feedback": {
                                        "en": "Insurance helps recovery, but it is not part of the warning chain.",
                                        "ar": "يساعد التأمين على التعافي، لكنه ليس جزءًا من سلسلة الإنذار.",
                                        "zh-hans": "保险有助于灾后恢复，但不属于预警链条。",
                                        "fr": "L'assurance aide au relèvement, mais ne fait pas partie de la chaîne d'alerte.",
                                        "ru": "Страхование помогает восстановлению, но не входит в цепочку предупреждения.",
                                        "es": "El seguro ayuda a la recuperación, pero no forma parte de la cadena de alerta.",
                                    },
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "answer": False,
                            "prompt": {
                                "en": "A warning works as soon as the forecast is accurate.",
                                "ar": "ينجح الإنذار بمجرد أن يكون التنبؤ دقيقًا.",
                                "zh-hans": "只要预报准确，预警就能发挥作用。",
                                "fr": "Une alerte est efficace dès lors que la prévision est exacte.",
                                "ru": "Предупреждение срабатывает, как только прогноз точен.",
                                "es": "Una alerta funciona en cuanto el pronóstico es exacto.",
                            },
                            "feedback_true": {
                                "en": "An accurate forecast is only the start: the message must reach people and tell them what to do.",
                                "ar": "التنبؤ الدقيق مجرد بداية: يجب أن تصل الرسالة إلى الناس وتخبرهم بما يفعلون.",
                                "zh-hans": "准确的预报只是开始：信息还必须送达民众，并告诉他们该做什么。",
                                "fr": "Une prévision exacte n'est qu'un début : le message doit atteindre les gens et leur dire quoi faire.",
                                "ru": "Точный прогноз — лишь начало: сообщение должно дойти до людей и сказать им, что делать.",
                                "es": "Un pronóstico exacto es solo el comienzo: el mensaje debe llegar a la gente y decirle qué hacer.",
                            },
                            "feedback_false": {
                                "en": "Correct: the warning must also reach people, be understood and lead to action.",
                                "ar": "صحيح: يجب أيضًا أن يصل الإنذار إلى الناس وأن يُفهم وأن يؤدي إلى العمل.",
                                "zh-hans": "正确：预警还必须送达民众、被理解，并促成行动。",
                                "fr": "Exact : l'alerte doit aussi atteindre les gens, être comprise et mener à l'action.",
                                "ru": "Верно: предупреждение должно ещё дойти до людей, быть понятым и привести к действиям.",
                                "es": "Correcto: la alerta también debe llegar a la gente, entenderse y llevar a la acción.",
                            },
                            "explanation": {
                                "en": "An early warning system is only as strong as its weakest link.",
                                "ar": "لا يكون نظام الإنذار المبكر أقوى من أضعف حلقاته.",
                                "zh-hans": "早期预警系统的强度取决于其最薄弱的环节。",
                                "fr": "Un système d'alerte précoce ne vaut que ce que vaut son maillon le plus faible.",
                                "ru": "Система раннего предупреждения надёжна настолько, насколько надёжно её самое слабое звено.",
                                "es": "Un sistema de alerta temprana es tan fuerte como su eslabón más débil.",
                            },
                        },
                        {
                            "kind": "numeric",
                            "answer": "24",
                            "tolerance": "0.5",
                            "unit": "%",
                            "prompt": {
                                "en": "A district of 50,000 people has 12,000 living in the flood plain. What percentage of its population is exposed to floods?",
                                "ar": "يسكن 12000 شخص في السهل الفيضي من أصل 50000 نسمة في إحدى المقاطعات. ما النسبة المئوية للسكان المعرّضين للفيضانات؟",
                                "zh-hans": "某区有5万人口，其中1.2万人住在洪泛区。该区暴露于洪水的人口占百分之几？",
                                "fr": "Dans un district de 50 000 habitants, 12 000 vivent dans la plaine inondable. Quel pourcentage de la population est exposé aux inondations ?",
                                "ru": "В районе с населением 50 000 человек 12 000 живут в пойме. Какой процент населения подвержен наводнениям?",
                                "es": "En un distrito de 50.000 habitantes, 12.000 viven en la llanura inundable. ¿Qué porcentaje de la población está expuesto a las inundaciones?",
                            },
                            "explanation": {
                                "en": "12,000 ÷ 50,000 = 0.24, that is 24% of the population.",
                                "ar": "12000 ÷ 50000 = 0.24، أي 24% من السكان.",
                                "zh-hans": "12000 ÷ 50000 = 0.24，即人口的24%。",
                                "fr": "12 000 ÷ 50 000 = 0,24, soit 24 % de la population.",
                                "ru": "12 000 ÷ 50 000 = 0,24, то есть 24% населения.",
                                "es": "12.000 ÷ 50.000 = 0,24, es decir, el 24 % de la población.",
                            },
                        },
                        {
                            "kind": "short_text",
                            "prompt": {
                                "en": "Which Japanese city gave its name to the global framework for disaster risk reduction adopted in 2015?",
                                "ar": "ما المدينة اليابانية التي أعطت اسمها للإطار العالمي للحد من مخاطر الكوارث المعتمد عام 2015؟",
                                "zh-hans": "2015年通过的全球减少灾害风险框架是以日本哪座城市命名的？",
                                "fr": "Quelle ville japonaise a donné son nom au cadre mondial de réduction des risques de catastrophe adopté en 2015 ?",
                                "ru": "Какой японский город дал название глобальной рамочной программе по снижению риска бедствий, принятой в 2015 году?",
                                "es": "¿Qué ciudad japonesa dio nombre al marco mundial para la reducción del riesgo de desastres adoptado en 2015?",
                            },
                            "explanation": {
                                "en": "The Sendai Framework for Disaster Risk Reduction 2015–2030 was adopted at the Third UN World Conference on Disaster Risk Reduction, in Sendai, Japan.",
                                "ar": "اعتُمد إطار سينداي للحد من مخاطر الكوارث 2015–2030 في مؤتمر الأمم المتحدة العالمي الثالث للحد من مخاطر الكوارث في سينداي باليابان.",
                                "zh-hans": "《2015—2030年仙台减少灾害风险框架》在日本仙台举行的第三届联合国世界减少灾害风险大会上通过。",
                                "fr": "Le Cadre de Sendai pour la réduction des risques de catastrophe 2015-2030 a été adopté lors de la troisième Conférence mondiale de l'ONU sur la réduction des risques de catastrophe, à Sendai, au Japon.",
                                "ru": "Сендайская рамочная программа по снижению риска бедствий на 2015–2030 годы была принята на третьей Всемирной конференции ООН по снижению риска бедствий в Сендае, Япония.",
                                "es": "El Marco de Sendái para la Reducción del Riesgo de Desastres 2015-2030 se adoptó en la Tercera Conferencia Mundial de las Naciones Unidas sobre la Reducción del Riesgo de Desastres, en Sendái (Japón).",
                            },
                            "accepted": {
                                "en": ["Sendai", "Sendai, Japan", "Sendai Framework"],
                                "ar": ["سينداي", "سنداي", "Sendai"],
                                "zh-hans": ["仙台", "仙台市", "Sendai"],
                                "fr": ["Sendai", "Sendai, Japon", "Cadre de Sendai"],
                                "ru": ["Сендай", "Сендаи", "Sendai"],
                                "es": ["Sendái", "Sendai, Japón", "Marco de Sendái"],
                            },
                        },
                    ],
                },
            ],
        },
    ],
}

# ---------------------------------------------------------------------------------------
# Big data: the video course
# ---------------------------------------------------------------------------------------

DATA_QUALITY_ESSENTIALS = {
    "slug": "data-quality-essentials",
    "theme": "big-data",
    # Li Wei is the demo trainer's account (courses.demo): they follow the demo learner.
    "trainers": ["Priya Raman", "Li Wei"],
    "level": "beginner",
    "hours": 3,
    "licence": "cc-by-sa-4.0",
    "title": {
        "en": "Data Quality Essentials",
        "ar": "أساسيات جودة البيانات",
        "zh-hans": "数据质量基础",
        "fr": "L'essentiel de la qualité des données",
        "ru": "Основы качества данных",
        "es": "Fundamentos de la calidad de los datos",
    },
    "summary": {
        "en": "A self-paced course with short videos on checking, cleaning and documenting data before it informs a decision.",
        "ar": "دورة ذاتية الوتيرة مع مقاطع فيديو قصيرة حول فحص البيانات وتنظيفها وتوثيقها قبل أن تُبنى عليها القرارات.",
        "zh-hans": "配有短视频的自主进度课程：在数据用于决策之前，如何检查、清洗和记录数据。",
        "fr": "Un cours à votre rythme, avec de courtes vidéos, pour vérifier, nettoyer et documenter les données avant qu'elles n'éclairent une décision.",
        "ru": "Курс в собственном темпе с короткими видео о том, как проверять, очищать и документировать данные, прежде чем опираться на них в решениях.",
        "es": "Un curso a su propio ritmo, con vídeos cortos, para comprobar, depurar y documentar los datos antes de que sirvan para decidir.",
    },
    "objectives": [
        {
            "en": "Describe the six dimensions of data quality",
            "ar": "وصف الأبعاد الستة لجودة البيانات",
            "zh-hans": "描述数据质量的六个维度",
            "fr": "Décrire les six dimensions de la qualité des données",
            "ru": "Описывать шесть измерений качества данных",
            "es": "Describir las seis dimensiones de la calidad de los datos",
        },
        {
            "en": "Profile a dataset to find missing, duplicate and impossible values",
            "ar": "إعداد ملف تعريفي لمجموعة بيانات لاكتشاف القيم المفقودة والمكررة والمستحيلة",
            "zh-hans": "对数据集进行概况分析，找出缺失、重复和不可能的值",
            "fr": "Profiler un jeu de données pour trouver les valeurs manquantes, en double ou impossibles",
            "ru": "Профилировать набор данных, чтобы находить пропущенные, повторяющиеся и невозможные значения",
            "es": "Perfilar un conjunto de datos para encontrar valores faltantes, duplicados o imposibles",
        },
        {
            "en": "Clean data in a way others can check and repeat",
            "ar": "تنظيف البيانات بطريقة يستطيع الآخرون التحقق منها وتكرارها",
            "zh-hans": "以他人可核查、可重复的方式清洗数据",
            "fr": "Nettoyer les données d'une manière que d'autres peuvent vérifier et refaire",
            "ru": "Очищать данные так, чтобы другие могли проверить и повторить работу",
            "es": "Depurar los datos de forma que otros puedan comprobarla y repetirla",
        },
    ],
    "modules": [
        {
            "slug": "why-data-quality-matters",
            "title": {
                "en": "Why data quality matters",
                "ar": "لماذا تهمّ جودة البيانات",
                "zh-hans": "数据质量为何重要",
                "fr": "Pourquoi la qualité des données compte",
                "ru": "Почему качество данных важно",
                "es": "Por qué importa la calidad de los datos",
            },
            "summary": {
                "en": "What good data looks like, and how to check it quickly.",
                "ar": "كيف تبدو البيانات الجيدة، وكيف نفحصها بسرعة.",
                "zh-hans": "好数据是什么样的，以及如何快速检查。",
                "fr": "À quoi ressemblent de bonnes données, et comment les vérifier rapidement.",
                "ru": "Как выглядят хорошие данные и как быстро их проверить.",
                "es": "Cómo son los buenos datos y cómo comprobarlos rápidamente.",
            },
            "lessons": [
                {
                    "slug": "six-dimensions-of-data-quality",
                    "minutes": 10,
                    "preview": True,
                    "title": {
                        "en": "Six dimensions of data quality",
                        "ar": "الأبعاد الستة لجودة البيانات",
                        "zh-hans": "数据质量的六个维度",
                        "fr": "Les six dimensions de la qualité des données",
                        "ru": "Шесть измерений качества данных",
                        "es": "Las seis dimensiones de la calidad de los datos",
                    },
                    "summary": {
                        "en": "Accuracy, completeness, consistency, timeliness, validity and uniqueness, in a short video.",
                        "ar": "الدقة والاكتمال والاتساق والآنية والصلاحية والتفرد، في مقطع فيديو قصير.",
                        "zh-hans": "通过一段短视频了解准确性、完整性、一致性、及时性、有效性和唯一性。",
                        "fr": "Exactitude, complétude, cohérence, actualité, validité et unicité, en une courte vidéo.",
                        "ru": "Точность, полнота, согласованность, актуальность, достоверность формата и уникальность — в коротком видео.",
                        "es": "Exactitud, completitud, coherencia, actualidad, validez y unicidad, en un vídeo corto.",
                    },
                    "body": [
                        ("video", {
                            "clip": "six-dimensions",
                            "title": {
                                "en": "Video: the six dimensions of data quality",
                                "ar": "فيديو: الأبعاد الستة لجودة البيانات",
                                "zh-hans": "视频：数据质量的六个维度",
                                "fr": "Vidéo : les six dimensions de la qualité des données",
                                "ru": "Видео: шесть измерений качества данных",
                                "es": "Vídeo: las seis dimensiones de la calidad de los datos",
                            },
                        }),
                        ("text", {
                            "en": "<p>A decision is only as good as the data behind it. Data quality is usually described along six dimensions: <b>accuracy</b> (values match reality), <b>completeness</b> (nothing required is missing), <b>consistency</b> (the same fact reads the same everywhere), <b>timeliness</b> (recent enough for its use), <b>validity</b> (values follow the agreed formats and ranges) and <b>uniqueness</b> (each record appears once).</p>"
                                  "<p>No dataset is perfect on all six. What matters is knowing where it falls short, and whether that matters for your question: a census from five years ago may be accurate, yet not timely enough to plan an emergency response.</p>",
                            "ar": "<p>لا يكون القرار أفضل من البيانات التي يستند إليها. وتوصف جودة البيانات عادةً بستة أبعاد: <b>الدقة</b> (القيم تطابق الواقع)، و<b>الاكتمال</b> (لا ينقص شيء مطلوب)، و<b>الاتساق</b> (الحقيقة نفسها تُقرأ بالشكل نفسه في كل مكان)، و<b>الآنية</b> (حديثة بما يكفي لاستخدامها)، و<b>الصلاحية</b> (القيم تتبع الصيغ والنطاقات المتفق عليها)، و<b>التفرد</b> (كل سجل يظهر مرة واحدة).</p>"
                                  "<p>لا توجد مجموعة بيانات مثالية في الأبعاد الستة كلها. المهم أن تعرف أين تقصر، وهل يؤثر ذلك في سؤالك: فقد يكون تعداد سكاني أُجري قبل خمس سنوات دقيقًا، لكنه ليس حديثًا بما يكفي لتخطيط الاستجابة لحالة طوارئ.</p>",
                            "zh-hans": "<p>决策的好坏取决于其背后的数据。数据质量通常从六个维度来描述：<b>准确性</b>（数值符合实际）、<b>完整性</b>（必需的内容没有缺失）、<b>一致性</b>（同一事实在各处表述相同）、<b>及时性</b>（足够新，能满足用途）、<b>有效性</b>（数值符合约定的格式和范围）以及<b>唯一性</b>（每条记录只出现一次）。</p>"
                                       "<p>没有哪个数据集在六个维度上都完美无缺。关键是了解它的不足之处，以及这些不足是否影响你要回答的问题：五年前的人口普查数据可能是准确的，但用来规划应急响应却不够及时。</p>",
                            "fr": "<p>Une décision ne vaut que ce que valent les données qui la fondent. On décrit généralement la qualité des données selon six dimensions : l'<b>exactitude</b> (les valeurs correspondent à la réalité), la <b>complétude</b> (rien de requis ne manque), la <b>cohérence</b> (un même fait se lit de la même façon partout), l'<b>actualité</b> (assez récentes pour l'usage prévu), la <b>validité</b> (les valeurs respectent les formats et plages convenus) et l'<b>unicité</b> (chaque enregistrement n'apparaît qu'une fois).</p>"
                                  "<p>Aucun jeu de données n'est parfait sur les six. L'important est de savoir où il pèche, et si cela compte pour votre question : un recensement vieux de cinq ans peut être exact, mais pas assez récent pour planifier une réponse d'urgence.</p>",
                            "ru": "<p>Решение хорошо настолько, насколько хороши данные, на которых оно основано. Качество данных обычно описывают шестью измерениями: <b>точность</b> (значения соответствуют действительности), <b>полнота</b> (ничего обязательного не пропущено), <b>согласованность</b> (один и тот же факт везде записан одинаково), <b>актуальность</b> (данные достаточно свежие для своей цели), <b>достоверность формата</b> (значения соответствуют принятым форматам и диапазонам) и <b>уникальность</b> (каждая запись встречается один раз).</p>"
                                  "<p>Ни один набор данных не идеален по всем шести измерениям. Важно знать, в чём он недотягивает и важно ли это для вашего вопроса: перепись пятилетней давности может быть точной, но недостаточно актуальной для планирования реагирования на чрезвычайную ситуацию.</p>",
                            "es": "<p>Una decisión es tan buena como los datos en que se basa. La calidad de los datos suele describirse en seis dimensiones: <b>exactitud</b> (los valores coinciden con la realidad), <b>completitud</b> (no falta nada necesario), <b>coherencia</b> (un mismo hecho se lee igual en todas partes), <b>actualidad</b> (lo bastante recientes para su uso), <b>validez</b> (los valores siguen los formatos y rangos acordados) y <b>unicidad</b> (cada registro aparece una sola vez).</p>"
                                  "<p>Ningún conjunto de datos es perfecto en las seis. Lo importante es saber en qué falla y si eso afecta a su pregunta: un censo de hace cinco años puede ser exacto, pero no lo bastante actual para planificar una respuesta de emergencia.</p>",
                        }),
                    ],
                },
                {
                    "slug": "profiling-a-dataset",
                    "minutes": 15,
                    "title": {
                        "en": "Profiling a dataset",
                        "ar": "إعداد الملف التعريفي لمجموعة بيانات",
                        "zh-hans": "数据集概况分析",
                        "fr": "Profiler un jeu de données",
                        "ru": "Профилирование набора данных",
                        "es": "Perfilar un conjunto de datos",
                    },
                    "summary": {
                        "en": "A first look that finds most problems in minutes, with a knowledge check.",
                        "ar": "نظرة أولى تكشف معظم المشكلات في دقائق، مع اختبار للمعارف.",
                        "zh-hans": "几分钟内发现大部分问题的初步检查，附知识自测。",
                        "fr": "Un premier regard qui trouve la plupart des problèmes en quelques minutes, avec un test de connaissances.",
                        "ru": "Первый взгляд, который за минуты находит большинство проблем; с проверкой знаний.",
                        "es": "Un primer vistazo que encuentra la mayoría de los problemas en minutos, con una comprobación de conocimientos.",
                    },
                    "body": [
                        ("text", {
                            "en": "<p>Before any analysis, profile the data: count the rows, list the type of each column, count the missing values, and look at the minimum and maximum of each number and the most frequent values of each category. A person aged 212 or a rainfall of −5 mm shows itself at once.</p>"
                                  "<p>Then look for duplicates: the same household entered twice, or the same station reported under two names. Keep a short profiling report with the dataset: it tells the next analyst what you found and what you changed.</p>",
                            "ar": "<p>قبل أي تحليل، أعدّ الملف التعريفي للبيانات: عُدّ الصفوف، وحدّد نوع كل عمود، وعُدّ القيم المفقودة، وانظر إلى أصغر قيمة وأكبرها في كل عمود رقمي وإلى القيم الأكثر تكرارًا في كل فئة. فشخص عمره 212 عامًا أو هطول أمطار قدره −5 مم يظهر على الفور.</p>"
                                  "<p>ثم ابحث عن التكرارات: الأسرة نفسها مُدخلة مرتين، أو المحطة نفسها مسجلة باسمين. واحتفظ بتقرير قصير عن الملف التعريفي مع مجموعة البيانات: فهو يخبر المحلل التالي بما وجدته وما غيّرته.</p>",
                            "zh-hans": "<p>在进行任何分析之前，先做数据概况分析：统计行数，列出每一列的类型，统计缺失值，查看每个数值列的最小值和最大值以及每个类别列中最常见的取值。年龄212岁的人或−5毫米的降雨量会立刻显现出来。</p>"
                                       "<p>然后查找重复项：同一户家庭被录入两次，或同一个站点以两个名称上报。把一份简短的概况报告与数据集一起保存：它能告诉下一位分析人员你发现了什么、改动了什么。</p>",
                            "fr": "<p>Avant toute analyse, profilez les données : comptez les lignes, notez le type de chaque colonne, comptez les valeurs manquantes, regardez le minimum et le maximum de chaque nombre et les valeurs les plus fréquentes de chaque catégorie. Une personne de 212 ans ou une pluie de −5 mm saute aux yeux.</p>"
                                  "<p>Cherchez ensuite les doublons : le même ménage saisi deux fois, ou la même station déclarée sous deux noms. Gardez un court rapport de profilage avec le jeu de données : il dit au prochain analyste ce que vous avez trouvé et ce que vous avez changé.</p>",
                            "ru": "<p>Перед любым анализом профилируйте данные: посчитайте строки, определите тип каждого столбца, посчитайте пропуски, посмотрите минимум и максимум каждого числового столбца и самые частые значения каждой категории. Человек в возрасте 212 лет или осадки −5 мм сразу бросаются в глаза.</p>"
                                  "<p>Затем ищите дубликаты: одно и то же домохозяйство, введённое дважды, или одна и та же станция под двумя названиями. Храните вместе с набором данных краткий отчёт о профилировании: он расскажет следующему аналитику, что вы нашли и что изменили.</p>",
                            "es": "<p>Antes de cualquier análisis, perfile los datos: cuente las filas, anote el tipo de cada columna, cuente los valores faltantes y mire el mínimo y el máximo de cada número y los valores más frecuentes de cada categoría. Una persona de 212 años o una lluvia de −5 mm salta a la vista.</p>"
                                  "<p>Luego busque duplicados: el mismo hogar introducido dos veces o la misma estación registrada con dos nombres. Guarde un breve informe de perfilado junto con los datos: le dice al siguiente analista qué encontró y qué cambió.</p>",
                        }),
                    ],
                    "questions": [
                        {
                            "kind": "numeric",
                            "answer": "4",
                            "tolerance": "0.1",
                            "unit": "%",
                            "prompt": {
                                "en": "A survey file has 1,250 records, and 50 of them have no value for age. What percentage of the ages is missing?",
                                "ar": "يحتوي ملف مسح على 1250 سجلًا، منها 50 سجلًا بلا قيمة للعمر. ما النسبة المئوية للأعمار المفقودة؟",
                                "zh-hans": "一份调查文件有1250条记录，其中50条没有年龄值。缺失的年龄占百分之几？",
                                "fr": "Un fichier d'enquête compte 1 250 enregistrements, dont 50 sans valeur pour l'âge. Quel pourcentage des âges manque ?",
                                "ru": "В файле обследования 1250 записей, и в 50 из них не указан возраст. Какой процент значений возраста отсутствует?",
                                "es": "Un archivo de encuesta tiene 1.250 registros y 50 de ellos no tienen valor para la edad. ¿Qué porcentaje de las edades falta?",
                            },
                            "explanation": {
                                "en": "50 ÷ 1,250 = 0.04, that is 4%.",
                                "ar": "50 ÷ 1250 = 0.04، أي 4%.",
                                "zh-hans": "50 ÷ 1250 = 0.04，即4%。",
                                "fr": "50 ÷ 1 250 = 0,04, soit 4 %.",
                                "ru": "50 ÷ 1250 = 0,04, то есть 4%.",
                                "es": "50 ÷ 1.250 = 0,04, es decir, el 4 %.",
                            },
                        },
                        {
                            "kind": "single_choice",
                            "prompt": {
                                "en": "In a profile, the column “age” shows a maximum of 212. Which dimension of quality is at stake?",
                                "ar": "في ملف تعريفي، يُظهر عمود «العمر» قيمة قصوى قدرها 212. أيّ بُعد من أبعاد الجودة هو موضع الشك؟",
                                "zh-hans": "在概况分析中，“年龄”一列的最大值为212。这涉及哪个质量维度？",
                                "fr": "Dans un profil, la colonne « âge » affiche un maximum de 212. Quelle dimension de la qualité est en jeu ?",
                                "ru": "В профиле столбец «возраст» показывает максимум 212. О каком измерении качества идёт речь?",
                                "es": "En un perfil, la columna «edad» muestra un máximo de 212. ¿Qué dimensión de la calidad está en juego?",
                            },
                            "explanation": {
                                "en": "Range checks test validity; an impossible value must be corrected or marked missing, never silently kept.",
                                "ar": "فحوص النطاق تختبر الصلاحية؛ ويجب تصحيح القيمة المستحيلة أو وسمها بأنها مفقودة، لا الإبقاء عليها بصمت.",
                                "zh-hans": "范围检查检验的是有效性；不可能的值必须更正或标记为缺失，绝不能悄悄保留。",
                                "fr": "Les contrôles de plage testent la validité ; une valeur impossible doit être corrigée ou marquée manquante, jamais gardée en silence.",
                                "ru": "Проверки диапазона проверяют достоверность формата; невозможное значение нужно исправить или пометить как пропуск, а не молча оставить.",
                                "es": "Los controles de rango comprueban la validez; un valor imposible debe corregirse o marcarse como faltante, nunca conservarse en silencio.",
                            },
                            "choices": [
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "Validity",
                                        "ar": "الصلاحية",
                                        "zh-hans": "有效性",
                                        "fr": "La validité",
                                        "ru": "Достоверность формата",
                                        "es": "Validez",
                                    },
                                    "feedback": {
                                        "en": "Yes: 212 is outside any plausible range for a person's age.",
                                        "ar": "نعم: 212 خارج أي نطاق معقول لعمر إنسان.",
                                        "zh-hans": "是的：212超出了人类年龄的任何合理范围。",
                                        "fr": "Oui : 212 est hors de toute plage plausible pour l'âge d'une personne.",
                                        "ru": "Да: 212 выходит за любые правдоподобные пределы возраста человека.",
                                        "es": "Sí: 212 está fuera de cualquier rango plausible para la edad de una persona.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "Timeliness",
                                        "ar": "الآنية",
                                        "zh-hans": "及时性",
                                        "fr": "L'actualité",
                                        "ru": "Актуальность",
                                        "es": "Actualidad",
                                    },
                                    "feedback": {
                                        "en": "Timeliness is about how recent the data is, not whether a value is possible.",
                                        "ar": "تتعلق الآنية بمدى حداثة البيانات، لا بإمكانية القيمة.",
                                        "zh-hans": "及时性关注数据有多新，而不是数值是否可能。",
                                        "fr": "L'actualité concerne la fraîcheur des données, pas la possibilité d'une valeur.",
                                        "ru": "Актуальность касается свежести данных, а не того, возможно ли значение.",
                                        "es": "La actualidad se refiere a lo recientes que son los datos, no a si un valor es posible.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "Uniqueness",
                                        "ar": "التفرد",
                                        "zh-hans": "唯一性",
                                        "fr": "L'unicité",
                                        "ru": "Уникальность",
                                        "es": "Unicidad",
                                    },
                                    "feedback": {
                                        "en": "Uniqueness is about duplicate records.",
                                        "ar": "يتعلق التفرد بالسجلات المكررة.",
                                        "zh-hans": "唯一性关注的是重复记录。",
                                        "fr": "L'unicité concerne les enregistrements en double.",
                                        "ru": "Уникальность касается повторяющихся записей.",
                                        "es": "La unicidad se refiere a los registros duplicados.",
                                    },
                                },
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "slug": "cleaning-and-documenting",
            "title": {
                "en": "Cleaning and documenting",
                "ar": "التنظيف والتوثيق",
                "zh-hans": "清洗与记录",
                "fr": "Nettoyer et documenter",
                "ru": "Очистка и документирование",
                "es": "Depurar y documentar",
            },
            "summary": {
                "en": "Fix what can be fixed, and leave a trail others can follow.",
                "ar": "أصلح ما يمكن إصلاحه، واترك أثرًا يستطيع الآخرون تتبّعه.",
                "zh-hans": "修正能修正的问题，并留下他人可追溯的记录。",
                "fr": "Corriger ce qui peut l'être, et laisser une trace que d'autres peuvent suivre.",
                "ru": "Исправить то, что можно, и оставить след, по которому смогут пройти другие.",
                "es": "Corregir lo que se pueda y dejar un rastro que otros puedan seguir.",
            },
            "lessons": [
                {
                    "slug": "cleaning-without-losing-the-truth",
                    "minutes": 15,
                    "title": {
                        "en": "Cleaning without losing the truth",
                        "ar": "التنظيف دون إضاعة الحقيقة",
                        "zh-hans": "清洗数据而不失真",
                        "fr": "Nettoyer sans perdre la vérité",
                        "ru": "Очистка без потери правды",
                        "es": "Depurar sin perder la verdad",
                    },
                    "summary": {
                        "en": "Keep the raw data, script every change, record what you did; with a short video.",
                        "ar": "احتفظ بالبيانات الخام، ونفّذ كل تغيير ببرنامج نصي، وسجّل ما فعلته؛ مع مقطع فيديو قصير.",
                        "zh-hans": "保留原始数据，用脚本完成每一处修改，记录所做的工作；附短视频。",
                        "fr": "Garder les données brutes, scripter chaque modification, noter ce que l'on a fait ; avec une courte vidéo.",
                        "ru": "Сохраняйте исходные данные, вносите каждое изменение скриптом, записывайте, что сделали; с коротким видео.",
                        "es": "Conservar los datos originales, programar cada cambio y anotar lo hecho; con un vídeo corto.",
                    },
                    "body": [
                        ("video", {
                            "clip": "repeatable-cleaning",
                            "title": {
                                "en": "Video: three habits of a clean-up you can repeat",
                                "ar": "فيديو: ثلاث عادات لتنظيف يمكن تكراره",
                                "zh-hans": "视频：可重复的数据清洗的三个习惯",
                                "fr": "Vidéo : trois habitudes pour un nettoyage que l'on peut refaire",
                                "ru": "Видео: три привычки воспроизводимой очистки",
                                "es": "Vídeo: tres hábitos para una depuración que se puede repetir",
                            },
                        }),
                        ("text", {
                            "en": "<p>Never edit the raw file. Keep it read-only, and make every correction with a script or a recorded list of steps, so that anyone can run the same cleaning again and get the same result.</p>"
                                  "<p>Be careful with missing values: an empty cell is not a zero. Replacing missing rainfall with 0 mm invents a drought. Mark missing values explicitly, and if you must estimate them, say how.</p>"
                                  "<p>Finally, write a short data note: the source, the date, what each column means and the changes made. It takes ten minutes and saves the next analyst days.</p>",
                            "ar": "<p>لا تعدّل الملف الخام أبدًا. اجعله للقراءة فقط، ونفّذ كل تصحيح ببرنامج نصي أو بقائمة خطوات مسجّلة، كي يتمكن أي شخص من إعادة التنظيف نفسه والحصول على النتيجة نفسها.</p>"
                                  "<p>احذر القيم المفقودة: الخلية الفارغة ليست صفرًا. فاستبدال بيانات الأمطار المفقودة بـ 0 مم يختلق جفافًا لم يحدث. ضع علامة واضحة على القيم المفقودة، وإذا اضطررت إلى تقديرها فاذكر كيف فعلت ذلك.</p>"
                                  "<p>وأخيرًا، اكتب ملاحظة قصيرة عن البيانات: المصدر، والتاريخ، ومعنى كل عمود، والتغييرات التي أُجريت. يستغرق ذلك عشر دقائق ويوفّر على المحلل التالي أيامًا.</p>",
                            "zh-hans": "<p>永远不要直接修改原始文件。将其设为只读，每一处更正都通过脚本或记录在案的步骤完成，这样任何人都能重新执行同样的清洗并得到相同的结果。</p>"
                                       "<p>谨慎处理缺失值：空单元格不等于零。把缺失的降雨量填成0毫米，就凭空制造了一场干旱。应明确标记缺失值；如果必须估算，要说明估算方法。</p>"
                                       "<p>最后，写一份简短的数据说明：来源、日期、每一列的含义以及所做的修改。这只需十分钟，却能为下一位分析人员节省好几天。</p>",
                            "fr": "<p>Ne modifiez jamais le fichier brut. Gardez-le en lecture seule et faites chaque correction avec un script ou une liste d'étapes consignée, afin que chacun puisse refaire le même nettoyage et obtenir le même résultat.</p>"
                                  "<p>Attention aux valeurs manquantes : une cellule vide n'est pas un zéro. Remplacer une pluie manquante par 0 mm invente une sécheresse. Marquez explicitement les valeurs manquantes et, si vous devez les estimer, dites comment.</p>"
                                  "<p>Enfin, rédigez une courte note sur les données : la source, la date, le sens de chaque colonne et les modifications faites. Cela prend dix minutes et fait gagner des jours au prochain analyste.</p>",
                            "ru": "<p>Никогда не редактируйте исходный файл. Сделайте его доступным только для чтения и вносите каждое исправление скриптом или по записанному списку шагов, чтобы любой мог повторить ту же очистку и получить тот же результат.</p>"
                                  "<p>Осторожнее с пропусками: пустая ячейка — не ноль. Заменив пропущенные осадки на 0 мм, вы придумаете засуху. Явно помечайте пропуски, а если приходится их оценивать, укажите, как.</p>"
                                  "<p>И наконец, напишите короткую записку о данных: источник, дата, смысл каждого столбца и внесённые изменения. Это займёт десять минут и сэкономит следующему аналитику дни.</p>",
                            "es": "<p>Nunca edite el archivo original. Manténgalo en solo lectura y haga cada corrección con un script o una lista de pasos registrada, para que cualquiera pueda repetir la misma depuración y obtener el mismo resultado.</p>"
                                  "<p>Cuidado con los valores faltantes: una celda vacía no es un cero. Sustituir la lluvia faltante por 0 mm inventa una sequía. Marque explícitamente los valores faltantes y, si debe estimarlos, explique cómo.</p>"
                                  "<p>Por último, escriba una breve nota sobre los datos: la fuente, la fecha, el significado de cada columna y los cambios realizados. Lleva diez minutos y ahorra días al siguiente analista.</p>",
                        }),
                    ],
                },
                {
                    "slug": "quiz-data-quality",
                    "minutes": 10,
                    "graded": True,
                    "title": {
                        "en": "Quiz: data quality",
                        "ar": "اختبار: جودة البيانات",
                        "zh-hans": "测验：数据质量",
                        "fr": "Quiz : la qualité des données",
                        "ru": "Тест: качество данных",
                        "es": "Cuestionario: calidad de los datos",
                    },
                    "summary": QUIZ_SUMMARY,
                    "body": [("text", QUIZ_INTRO)],
                    "questions": [
                        {
                            "kind": "single_choice",
                            "prompt": {
                                "en": "A rainfall series has empty cells for the days the station was broken. What should you do?",
                                "ar": "في سلسلة بيانات الأمطار خلايا فارغة للأيام التي كانت فيها المحطة معطّلة. ماذا ينبغي أن تفعل؟",
                                "zh-hans": "某降雨量序列在站点故障的日子里是空单元格。你应该怎么做？",
                                "fr": "Une série de pluies comporte des cellules vides pour les jours où la station était en panne. Que faut-il faire ?",
                                "ru": "В ряду осадков пустые ячейки за дни, когда станция была неисправна. Что нужно сделать?",
                                "es": "Una serie de lluvias tiene celdas vacías los días en que la estación estaba averiada. ¿Qué debe hacer?",
                            },
                            "explanation": {
                                "en": "An empty value is not a zero; any estimate must be documented.",
                                "ar": "القيمة الفارغة ليست صفرًا؛ ويجب توثيق أي تقدير.",
                                "zh-hans": "空值不等于零；任何估算都必须记录在案。",
                                "fr": "Une valeur vide n'est pas un zéro ; toute estimation doit être documentée.",
                                "ru": "Пустое значение — не ноль; любую оценку нужно задокументировать.",
                                "es": "Un valor vacío no es un cero; cualquier estimación debe documentarse.",
                            },
                            "choices": [
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "Mark them as missing and say so in the data note",
                                        "ar": "وسمها بأنها مفقودة وذكر ذلك في ملاحظة البيانات",
                                        "zh-hans": "将其标记为缺失，并在数据说明中注明",
                                        "fr": "Les marquer comme manquantes et le signaler dans la note sur les données",
                                        "ru": "Пометить их как пропуски и указать это в записке о данных",
                                        "es": "Marcarlas como faltantes e indicarlo en la nota sobre los datos",
                                    },
                                    "feedback": {
                                        "en": "Right: missing stays missing, and readers know why.",
                                        "ar": "صحيح: المفقود يبقى مفقودًا، والقرّاء يعرفون السبب.",
                                        "zh-hans": "正确：缺失的就保持缺失，读者也知道原因。",
                                        "fr": "Exact : ce qui manque reste manquant, et les lecteurs savent pourquoi.",
                                        "ru": "Верно: пропуск остаётся пропуском, и читатели знают почему.",
                                        "es": "Correcto: lo que falta sigue faltando y los lectores saben por qué.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "Replace them with 0 mm",
                                        "ar": "استبدالها بـ 0 مم",
                                        "zh-hans": "用0毫米填充",
                                        "fr": "Les remplacer par 0 mm",
                                        "ru": "Заменить их на 0 мм",
                                        "es": "Sustituirlas por 0 mm",
                                    },
                                    "feedback": {
                                        "en": "That would record dry days that never happened.",
                                        "ar": "هذا يسجّل أيامًا جافة لم تحدث قط.",
                                        "zh-hans": "这样会记录下从未发生过的无雨日。",
                                        "fr": "Cela enregistrerait des jours secs qui n'ont jamais eu lieu.",
                                        "ru": "Так вы запишете сухие дни, которых не было.",
                                        "es": "Eso registraría días secos que nunca ocurrieron.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "Delete the station from the dataset",
                                        "ar": "حذف المحطة من مجموعة البيانات",
                                        "zh-hans": "从数据集中删除该站点",
                                        "fr": "Supprimer la station du jeu de données",
                                        "ru": "Удалить станцию из набора данных",
                                        "es": "Eliminar la estación del conjunto de datos",
                                    },
                                    "feedback": {
                                        "en": "You would lose every valid reading of that station.",
                                        "ar": "ستفقد كل القراءات الصحيحة لتلك المحطة.",
                                        "zh-hans": "这样会丢失该站点所有有效的读数。",
                                        "fr": "Vous perdriez toutes les mesures valables de cette station.",
                                        "ru": "Вы потеряете все верные измерения этой станции.",
                                        "es": "Perdería todas las lecturas válidas de esa estación.",
                                    },
                                },
                            ],
                        },
                        {
                            "kind": "multiple_choice",
                            "prompt": {
                                "en": "Which practices make a cleaning repeatable? Choose all that apply.",
                                "ar": "أيّ الممارسات تجعل التنظيف قابلًا للتكرار؟ اختر كل ما ينطبق.",
                                "zh-hans": "哪些做法能让数据清洗可重复？请选出所有正确项。",
                                "fr": "Quelles pratiques rendent un nettoyage reproductible ? Cochez toutes les bonnes réponses.",
                                "ru": "Какие приёмы делают очистку воспроизводимой? Выберите все подходящие варианты.",
                                "es": "¿Qué prácticas hacen que una depuración se pueda repetir? Elija todas las que correspondan.",
                            },
                            "explanation": {
                                "en": "Raw data kept, scripted changes and a data note let anyone redo and check the work.",
                                "ar": "الاحتفاظ بالبيانات الخام والتغييرات المنفّذة ببرامج نصية وملاحظة البيانات تتيح لأي شخص إعادة العمل والتحقق منه.",
                                "zh-hans": "保留原始数据、用脚本修改、撰写数据说明，任何人都能重做并核查这项工作。",
                                "fr": "Données brutes conservées, modifications scriptées et note sur les données permettent à chacun de refaire et de vérifier le travail.",
                                "ru": "Сохранённые исходные данные, изменения скриптом и записка о данных позволяют любому повторить и проверить работу.",
                                "es": "Conservar los datos originales, programar los cambios y escribir una nota permiten a cualquiera repetir y comprobar el trabajo.",
                            },
                            "choices": [
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "Keeping the raw file unchanged",
                                        "ar": "إبقاء الملف الخام دون تغيير",
                                        "zh-hans": "保持原始文件不变",
                                        "fr": "Garder le fichier brut intact",
                                        "ru": "Сохранять исходный файл неизменным",
                                        "es": "Mantener intacto el archivo original",
                                    },
                                    "feedback": {
                                        "en": "Yes: you can always start again from it.",
                                        "ar": "نعم: يمكنك دائمًا البدء من جديد انطلاقًا منه.",
                                        "zh-hans": "是的：你随时可以从它重新开始。",
                                        "fr": "Oui : on peut toujours repartir de lui.",
                                        "ru": "Да: с него всегда можно начать заново.",
                                        "es": "Sí: siempre se puede volver a empezar desde él.",
                                    },
                                },
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "Making every change with a script",
                                        "ar": "إجراء كل تغيير ببرنامج نصي",
                                        "zh-hans": "每处修改都用脚本完成",
                                        "fr": "Faire chaque modification avec un script",
                                        "ru": "Вносить каждое изменение скриптом",
                                        "es": "Hacer cada cambio con un script",
                                    },
                                    "feedback": {
                                        "en": "Yes: the script is an exact record of what was done.",
                                        "ar": "نعم: البرنامج النصي سجل دقيق لما أُنجز.",
                                        "zh-hans": "是的：脚本就是所做工作的精确记录。",
                                        "fr": "Oui : le script est une trace exacte de ce qui a été fait.",
                                        "ru": "Да: скрипт — точная запись того, что было сделано.",
                                        "es": "Sí: el script es un registro exacto de lo que se hizo.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "Correcting values by hand in the raw file",
                                        "ar": "تصحيح القيم يدويًا في الملف الخام",
                                        "zh-hans": "在原始文件中手工修改数值",
                                        "fr": "Corriger les valeurs à la main dans le fichier brut",
                                        "ru": "Исправлять значения вручную в исходном файле",
                                        "es": "Corregir valores a mano en el archivo original",
                                    },
                                    "feedback": {
                                        "en": "Hand edits in the raw file leave no trace and cannot be repeated.",
                                        "ar": "التعديلات اليدوية في الملف الخام لا تترك أثرًا ولا يمكن تكرارها.",
                                        "zh-hans": "在原始文件中手工修改不留痕迹，也无法重复。",
                                        "fr": "Les retouches à la main dans le fichier brut ne laissent aucune trace et ne peuvent être refaites.",
                                        "ru": "Ручные правки в исходном файле не оставляют следа и не повторяются.",
                                        "es": "Las ediciones a mano en el archivo original no dejan rastro y no pueden repetirse.",
                                    },
                                },
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "Writing a data note with the changes",
                                        "ar": "كتابة ملاحظة بيانات تتضمن التغييرات",
                                        "zh-hans": "撰写包含修改内容的数据说明",
                                        "fr": "Rédiger une note sur les données avec les modifications",
                                        "ru": "Писать записку о данных с перечнем изменений",
                                        "es": "Escribir una nota sobre los datos con los cambios",
                                    },
                                    "feedback": {
                                        "en": "Yes: the note tells others what changed, and why.",
                                        "ar": "نعم: تخبر الملاحظة الآخرين بما تغيّر ولماذا.",
                                        "zh-hans": "是的：说明能告诉他人改了什么、为什么改。",
                                        "fr": "Oui : la note dit aux autres ce qui a changé, et pourquoi.",
                                        "ru": "Да: записка сообщает другим, что изменилось и почему.",
                                        "es": "Sí: la nota dice a los demás qué cambió y por qué.",
                                    },
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "answer": True,
                            "prompt": {
                                "en": "A dataset can be accurate but not timely.",
                                "ar": "يمكن أن تكون مجموعة البيانات دقيقة لكنها غير آنية.",
                                "zh-hans": "一个数据集可能准确但不及时。",
                                "fr": "Un jeu de données peut être exact sans être à jour.",
                                "ru": "Набор данных может быть точным, но неактуальным.",
                                "es": "Un conjunto de datos puede ser exacto pero no actual.",
                            },
                            "feedback_true": {
                                "en": "Correct: values can be right but too old for the decision at hand.",
                                "ar": "صحيح: قد تكون القيم صحيحة لكنها أقدم من أن تخدم القرار المطروح.",
                                "zh-hans": "正确：数值可能是对的，但对当前决策来说太旧了。",
                                "fr": "Exact : les valeurs peuvent être justes mais trop anciennes pour la décision à prendre.",
                                "ru": "Верно: значения могут быть правильными, но слишком старыми для текущего решения.",
                                "es": "Correcto: los valores pueden ser correctos pero demasiado antiguos para la decisión que hay que tomar.",
                            },
                            "feedback_false": {
                                "en": "It can: a five-year-old census may be accurate, yet out of date.",
                                "ar": "بل يمكن: فقد يكون تعداد عمره خمس سنوات دقيقًا، لكنه قديم.",
                                "zh-hans": "可以的：五年前的人口普查可能准确，但已经过时。",
                                "fr": "Si : un recensement vieux de cinq ans peut être exact, mais dépassé.",
                                "ru": "Может: перепись пятилетней давности бывает точной, но устаревшей.",
                                "es": "Sí puede: un censo de hace cinco años puede ser exacto pero estar desactualizado.",
                            },
                            "explanation": {
                                "en": "The six dimensions are separate: data can do well on one and poorly on another.",
                                "ar": "الأبعاد الستة منفصلة: قد تكون البيانات جيدة في أحدها وضعيفة في آخر.",
                                "zh-hans": "六个维度相互独立：数据可能在某一维度表现好，而在另一维度表现差。",
                                "fr": "Les six dimensions sont distinctes : des données peuvent être bonnes sur l'une et faibles sur une autre.",
                                "ru": "Шесть измерений независимы: данные могут быть хороши по одному и слабы по другому.",
                                "es": "Las seis dimensiones son independientes: los datos pueden ir bien en una y mal en otra.",
                            },
                        },
                        {
                            "kind": "numeric",
                            "answer": "3880",
                            "tolerance": "0",
                            "unit": {
                                "en": "records",
                                "ar": "سجلًا",
                                "zh-hans": "条记录",
                                "fr": "enregistrements",
                                "ru": "записей",
                                "es": "registros",
                            },
                            "prompt": {
                                "en": "A table of 4,000 records holds 120 extra copies of records already in it. How many records remain once the duplicates are removed?",
                                "ar": "يحتوي جدول من 4000 سجل على 120 نسخة إضافية من سجلات موجودة فيه أصلًا. كم سجلًا يبقى بعد حذف التكرارات؟",
                                "zh-hans": "一张有4000条记录的表中，有120条是已有记录的多余副本。删除重复项后还剩多少条记录？",
                                "fr": "Une table de 4 000 enregistrements contient 120 copies en trop d'enregistrements qui y figurent déjà. Combien d'enregistrements restent une fois les doublons supprimés ?",
                                "ru": "В таблице из 4000 записей есть 120 лишних копий уже имеющихся записей. Сколько записей останется после удаления дубликатов?",
                                "es": "Una tabla de 4.000 registros contiene 120 copias sobrantes de registros que ya figuran en ella. ¿Cuántos registros quedan tras eliminar los duplicados?",
                            },
                            "explanation": {
                                "en": "4,000 − 120 = 3,880 records.",
                                "ar": "4000 − 120 = 3880 سجلًا.",
                                "zh-hans": "4000 − 120 = 3880条记录。",
                                "fr": "4 000 − 120 = 3 880 enregistrements.",
                                "ru": "4000 − 120 = 3880 записей.",
                                "es": "4.000 − 120 = 3.880 registros.",
                            },
                        },
                        {
                            "kind": "short_text",
                            "prompt": {
                                "en": "Which dimension of data quality asks whether each record appears only once?",
                                "ar": "أيّ بُعد من أبعاد جودة البيانات يسأل عمّا إذا كان كل سجل يظهر مرة واحدة فقط؟",
                                "zh-hans": "数据质量的哪个维度关注每条记录是否只出现一次？",
                                "fr": "Quelle dimension de la qualité des données vérifie que chaque enregistrement n'apparaît qu'une fois ?",
                                "ru": "Какое измерение качества данных проверяет, что каждая запись встречается только один раз?",
                                "es": "¿Qué dimensión de la calidad de los datos comprueba que cada registro aparece una sola vez?",
                            },
                            "explanation": {
                                "en": "Uniqueness: a record counted twice inflates every total.",
                                "ar": "التفرد: السجل المحسوب مرتين يضخّم كل مجموع.",
                                "zh-hans": "唯一性：一条记录被计算两次，会使所有总数虚高。",
                                "fr": "L'unicité : un enregistrement compté deux fois gonfle tous les totaux.",
                                "ru": "Уникальность: запись, учтённая дважды, завышает все итоги.",
                                "es": "La unicidad: un registro contado dos veces infla todos los totales.",
                            },
                            "accepted": {
                                "en": ["uniqueness", "unique", "deduplication"],
                                "ar": ["التفرد", "تفرد", "uniqueness"],
                                "zh-hans": ["唯一性", "唯一", "uniqueness"],
                                "fr": ["unicité", "l'unicité", "uniqueness"],
                                "ru": ["уникальность", "уникальности", "uniqueness"],
                                "es": ["unicidad", "la unicidad", "uniqueness"],
                            },
                        },
                    ],
                },
            ],
        },
    ],
}

# ---------------------------------------------------------------------------------------
# Smart cities
# ---------------------------------------------------------------------------------------

CITY_AIR_QUALITY = {
    "slug": "city-air-quality-with-low-cost-sensors",
    "theme": "smart-cities",
    "trainers": ["María Fernanda López", "Wang Fang"],
    "level": "intermediate",
    "hours": 4,
    "licence": "cc-by-4.0",
    "title": {
        "en": "City Air Quality with Low-Cost Sensors",
        "ar": "جودة الهواء في المدن باستخدام أجهزة استشعار منخفضة التكلفة",
        "zh-hans": "利用低成本传感器监测城市空气质量",
        "fr": "La qualité de l'air en ville avec des capteurs à bas coût",
        "ru": "Качество воздуха в городе с недорогими датчиками",
        "es": "La calidad del aire urbano con sensores de bajo coste",
    },
    "summary": {
        "en": "A self-paced course for city staff on measuring fine particles with low-cost sensors and publishing the data openly.",
        "ar": "دورة ذاتية الوتيرة لموظفي المدن حول قياس الجسيمات الدقيقة بأجهزة استشعار منخفضة التكلفة ونشر البيانات بشكل مفتوح.",
        "zh-hans": "面向城市工作人员的自主进度课程：用低成本传感器测量细颗粒物，并以开放方式发布数据。",
        "fr": "Un cours à votre rythme pour les agents des villes : mesurer les particules fines avec des capteurs à bas coût et publier les données en accès ouvert.",
        "ru": "Курс в собственном темпе для сотрудников городских служб: измерение мелких частиц недорогими датчиками и публикация открытых данных.",
        "es": "Un curso a su propio ritmo para el personal municipal: medir partículas finas con sensores de bajo coste y publicar los datos en abierto.",
    },
    "objectives": [
        {
            "en": "Explain what PM2.5 is and why it harms health",
            "ar": "شرح ماهية الجسيمات PM2.5 ولماذا تضر بالصحة",
            "zh-hans": "解释什么是PM2.5以及它为何危害健康",
            "fr": "Expliquer ce que sont les PM2,5 et pourquoi elles nuisent à la santé",
            "ru": "Объяснять, что такое PM2,5 и почему они вредят здоровью",
            "es": "Explicar qué son las PM2,5 y por qué dañan la salud",
        },
        {
            "en": "Calibrate low-cost sensors against a reference monitor",
            "ar": "معايرة أجهزة الاستشعار منخفضة التكلفة مقارنةً بجهاز رصد مرجعي",
            "zh-hans": "以参比监测仪为基准校准低成本传感器",
            "fr": "Étalonner des capteurs à bas coût par rapport à un analyseur de référence",
            "ru": "Калибровать недорогие датчики по эталонному прибору",
            "es": "Calibrar sensores de bajo coste con un monitor de referencia",
        },
        {
            "en": "Publish air-quality data as open data, with its limits stated",
            "ar": "نشر بيانات جودة الهواء بيانات مفتوحة مع بيان حدودها",
            "zh-hans": "以开放数据形式发布空气质量数据，并说明其局限",
            "fr": "Publier les données de qualité de l'air en données ouvertes, en indiquant leurs limites",
            "ru": "Публиковать данные о качестве воздуха как открытые, указывая их ограничения",
            "es": "Publicar los datos de calidad del aire como datos abiertos, indicando sus límites",
        },
    ],
    "modules": [
        {
            "slug": "measuring-the-citys-air",
            "title": {
                "en": "Measuring the city's air",
                "ar": "قياس هواء المدينة",
                "zh-hans": "测量城市空气",
                "fr": "Mesurer l'air de la ville",
                "ru": "Измерение городского воздуха",
                "es": "Medir el aire de la ciudad",
            },
            "summary": {
                "en": "Fine particles, and the sensors that count them.",
                "ar": "الجسيمات الدقيقة، وأجهزة الاستشعار التي تحصيها.",
                "zh-hans": "细颗粒物，以及对其计数的传感器。",
                "fr": "Les particules fines, et les capteurs qui les comptent.",
                "ru": "Мелкие частицы и датчики, которые их считают.",
                "es": "Las partículas finas y los sensores que las cuentan.",
            },
            "lessons": [
                {
                    "slug": "fine-particles-and-health",
                    "minutes": 10,
                    "preview": True,
                    "title": {
                        "en": "Fine particles and health",
                        "ar": "الجسيمات الدقيقة والصحة",
                        "zh-hans": "细颗粒物与健康",
                        "fr": "Particules fines et santé",
                        "ru": "Мелкие частицы и здоровье",
                        "es": "Partículas finas y salud",
                    },
                    "summary": {
                        "en": "What PM2.5 is, where it comes from, and the WHO guideline values.",
                        "ar": "ما هي الجسيمات PM2.5، ومن أين تأتي، وما القيم الإرشادية لمنظمة الصحة العالمية.",
                        "zh-hans": "什么是PM2.5、它从何而来，以及世界卫生组织的指导值。",
                        "fr": "Ce que sont les PM2,5, d'où elles viennent, et les valeurs guides de l'OMS.",
                        "ru": "Что такое PM2,5, откуда они берутся и каковы рекомендуемые ВОЗ значения.",
                        "es": "Qué son las PM2,5, de dónde vienen y los valores guía de la OMS.",
                    },
                    "body": [
                        ("text", {
                            "en": "<p><b>PM2.5</b> are particles with a diameter of 2.5 micrometres or less, about thirty times thinner than a human hair. They come from traffic, industry, cooking and heating with solid fuels, burning waste, and dust. They reach deep into the lungs and the bloodstream, and are linked to heart disease, stroke and lung disease.</p>"
                                  "<p>The World Health Organization's 2021 air quality guidelines recommend that the annual average of PM2.5 should not exceed <b>5 µg/m³</b>, and the 24-hour average should not exceed <b>15 µg/m³</b> on more than three or four days a year. Most cities in the world are above these values, which is why measuring them street by street matters.</p>",
                            "ar": "<p><b>PM2.5</b> جسيمات يبلغ قطرها 2.5 ميكرومتر أو أقل، أي أرفع من شعرة الإنسان بنحو ثلاثين مرة. وتأتي من حركة المرور والصناعة والطهي والتدفئة بالوقود الصلب وحرق النفايات والغبار. وتتوغل عميقًا في الرئتين وفي مجرى الدم، وترتبط بأمراض القلب والسكتة الدماغية وأمراض الرئة.</p>"
                                  "<p>توصي المبادئ التوجيهية لمنظمة الصحة العالمية بشأن جودة الهواء الصادرة عام 2021 بألا يتجاوز المتوسط السنوي لتركيز PM2.5 قيمة <b>5 ميكروغرام/م³</b>، وألا يتجاوز متوسط 24 ساعة قيمة <b>15 ميكروغرام/م³</b> في أكثر من ثلاثة أو أربعة أيام في السنة. ومعظم مدن العالم تتخطى هذه القيم، ولهذا يهم قياسها شارعًا شارعًا.</p>",
                            "zh-hans": "<p><b>PM2.5</b>是直径小于或等于2.5微米的颗粒物，约为人类头发直径的三十分之一。它们来自交通、工业、使用固体燃料做饭和取暖、焚烧垃圾以及扬尘。它们能深入肺部并进入血液，与心脏病、中风和肺部疾病相关。</p>"
                                       "<p>世界卫生组织2021年发布的《空气质量指南》建议：PM2.5年均浓度不应超过<b>5微克/立方米</b>，24小时平均浓度每年超过<b>15微克/立方米</b>的天数不应多于三到四天。世界上大多数城市都高于这些数值，因此逐街测量十分重要。</p>",
                            "fr": "<p>Les <b>PM2,5</b> sont des particules d'un diamètre de 2,5 micromètres ou moins, environ trente fois plus fines qu'un cheveu. Elles proviennent de la circulation, de l'industrie, de la cuisson et du chauffage aux combustibles solides, du brûlage des déchets et des poussières. Elles pénètrent profondément dans les poumons et le sang, et sont associées aux maladies cardiaques, aux accidents vasculaires cérébraux et aux maladies pulmonaires.</p>"
                                  "<p>Les lignes directrices de l'Organisation mondiale de la santé sur la qualité de l'air (2021) recommandent que la moyenne annuelle des PM2,5 ne dépasse pas <b>5 µg/m³</b>, et que la moyenne sur 24 heures ne dépasse pas <b>15 µg/m³</b> plus de trois ou quatre jours par an. La plupart des villes du monde sont au-dessus de ces valeurs : c'est pourquoi il importe de les mesurer rue par rue.</p>",
                            "ru": "<p><b>PM2,5</b> — это частицы диаметром 2,5 микрометра и меньше, примерно в тридцать раз тоньше человеческого волоса. Их источники — транспорт, промышленность, приготовление пищи и отопление на твёрдом топливе, сжигание отходов и пыль. Они проникают глубоко в лёгкие и в кровь и связаны с болезнями сердца, инсультом и заболеваниями лёгких.</p>"
                                  "<p>Рекомендации Всемирной организации здравоохранения по качеству воздуха 2021 года гласят: среднегодовая концентрация PM2,5 не должна превышать <b>5 мкг/м³</b>, а среднесуточная — <b>15 мкг/м³</b> более чем три-четыре дня в году. Большинство городов мира превышают эти значения, поэтому важно измерять их на каждой улице.</p>",
                            "es": "<p>Las <b>PM2,5</b> son partículas de un diámetro de 2,5 micrómetros o menos, unas treinta veces más finas que un cabello humano. Proceden del tráfico, la industria, la cocina y la calefacción con combustibles sólidos, la quema de residuos y el polvo. Penetran hasta el fondo de los pulmones y en la sangre, y se asocian a cardiopatías, accidentes cerebrovasculares y enfermedades pulmonares.</p>"
                                  "<p>Las directrices de la Organización Mundial de la Salud sobre la calidad del aire de 2021 recomiendan que la media anual de PM2,5 no supere <b>5 µg/m³</b> y que la media de 24 horas no supere <b>15 µg/m³</b> más de tres o cuatro días al año. La mayoría de las ciudades del mundo están por encima de estos valores, por eso importa medirlos calle por calle.</p>",
                        }),
                    ],
                },
                {
                    "slug": "low-cost-sensors-and-calibration",
                    "minutes": 15,
                    "title": {
                        "en": "Low-cost sensors and calibration",
                        "ar": "أجهزة الاستشعار منخفضة التكلفة ومعايرتها",
                        "zh-hans": "低成本传感器及其校准",
                        "fr": "Capteurs à bas coût et étalonnage",
                        "ru": "Недорогие датчики и калибровка",
                        "es": "Sensores de bajo coste y calibración",
                    },
                    "summary": {
                        "en": "Why a cheap sensor needs a reference, and how to correct it; with a knowledge check.",
                        "ar": "لماذا يحتاج جهاز الاستشعار الرخيص إلى مرجع، وكيف نصحّح قراءاته؛ مع اختبار للمعارف.",
                        "zh-hans": "为什么廉价传感器需要参比，以及如何修正其读数；附知识自测。",
                        "fr": "Pourquoi un capteur bon marché a besoin d'une référence, et comment le corriger ; avec un test de connaissances.",
                        "ru": "Почему дешёвому датчику нужен эталон и как корректировать его показания; с проверкой знаний.",
                        "es": "Por qué un sensor barato necesita una referencia y cómo corregirlo; con una comprobación de conocimientos.",
                    },
                    "body": [
                        ("text", {
                            "en": "<p>Low-cost optical sensors count particles with a laser and cost a few tens of dollars, so a city can install dozens of them. But they are less accurate than reference monitors: they drift over time, and they overestimate particles in humid air, because particles absorb water and look larger.</p>"
                                  "<p>The remedy is <b>co-location</b>: place the sensors next to a reference monitor for several weeks, compare the readings, and derive a correction, often a simple linear one that also takes humidity into account. Repeat the check regularly, and record which correction applies to which period.</p>",
                            "ar": "<p>تُحصي أجهزة الاستشعار البصرية منخفضة التكلفة الجسيماتِ بواسطة الليزر، ولا يتجاوز ثمنها بضع عشرات من الدولارات، فتستطيع المدينة تركيب العشرات منها. لكنها أقل دقة من أجهزة الرصد المرجعية: إذ تنحرف قراءاتها مع الوقت، وتبالغ في تقدير الجسيمات في الهواء الرطب لأن الجسيمات تمتص الماء فتبدو أكبر.</p>"
                                  "<p>والعلاج هو <b>التموضع المشترك</b>: ضع أجهزة الاستشعار بجوار جهاز رصد مرجعي عدة أسابيع، وقارن القراءات، واستخرج معامل تصحيح، غالبًا ما يكون خطيًا بسيطًا يأخذ الرطوبة أيضًا في الحسبان. كرّر الفحص بانتظام، وسجّل أيّ تصحيح ينطبق على أيّ فترة.</p>",
                            "zh-hans": "<p>低成本光学传感器用激光对颗粒物计数，价格只有几十美元，因此一座城市可以安装几十台。但它们不如参比监测仪准确：读数会随时间漂移，而且在潮湿空气中会高估颗粒物浓度，因为颗粒吸水后看起来更大。</p>"
                                       "<p>解决办法是<b>共置比对</b>：把传感器放在参比监测仪旁边运行数周，比较读数，推导出修正公式，通常是一个同时考虑湿度的简单线性修正。定期重复这项检查，并记录每个时段适用的修正。</p>",
                            "fr": "<p>Les capteurs optiques à bas coût comptent les particules grâce à un laser et coûtent quelques dizaines de dollars : une ville peut en installer des dizaines. Mais ils sont moins exacts que les analyseurs de référence : ils dérivent avec le temps et surestiment les particules par air humide, car les particules absorbent l'eau et paraissent plus grosses.</p>"
                                  "<p>Le remède est la <b>colocalisation</b> : placer les capteurs à côté d'un analyseur de référence pendant plusieurs semaines, comparer les mesures et en tirer une correction, souvent une simple correction linéaire qui tient aussi compte de l'humidité. Refaites ce contrôle régulièrement et notez quelle correction s'applique à quelle période.</p>",
                            "ru": "<p>Недорогие оптические датчики считают частицы с помощью лазера и стоят несколько десятков долларов, поэтому город может установить их десятки. Но они менее точны, чем эталонные приборы: их показания со временем дрейфуют, а во влажном воздухе они завышают концентрацию, потому что частицы впитывают воду и кажутся крупнее.</p>"
                                  "<p>Решение — <b>совместное размещение</b>: поставьте датчики рядом с эталонным прибором на несколько недель, сравните показания и выведите поправку, часто простую линейную, учитывающую и влажность. Регулярно повторяйте проверку и записывайте, какая поправка действует в какой период.</p>",
                            "es": "<p>Los sensores ópticos de bajo coste cuentan las partículas con un láser y cuestan unas decenas de dólares, así que una ciudad puede instalar decenas de ellos. Pero son menos exactos que los monitores de referencia: sus lecturas derivan con el tiempo y sobrestiman las partículas con aire húmedo, porque las partículas absorben agua y parecen más grandes.</p>"
                                  "<p>La solución es la <b>colocalización</b>: situar los sensores junto a un monitor de referencia durante varias semanas, comparar las lecturas y obtener una corrección, a menudo una simple corrección lineal que también tiene en cuenta la humedad. Repita la comprobación con regularidad y anote qué corrección se aplica a cada periodo.</p>",
                        }),
                    ],
                    "questions": [
                        {
                            "kind": "numeric",
                            "answer": "0.8",
                            "tolerance": "0.02",
                            "prompt": {
                                "en": "During co-location, a sensor reads 30 µg/m³ when the reference monitor reads 24 µg/m³. By what factor should the sensor's readings be multiplied to match the reference?",
                                "ar": "في أثناء التموضع المشترك، يقرأ جهاز الاستشعار 30 ميكروغرام/م³ بينما يقرأ جهاز الرصد المرجعي 24 ميكروغرام/م³. ما المعامل الذي يجب ضرب قراءات جهاز الاستشعار فيه لتطابق المرجع؟",
                                "zh-hans": "共置比对期间，参比监测仪读数为24微克/立方米时，传感器读数为30微克/立方米。传感器读数应乘以多少系数才能与参比一致？",
                                "fr": "Pendant la colocalisation, un capteur indique 30 µg/m³ quand l'analyseur de référence indique 24 µg/m³. Par quel facteur faut-il multiplier les mesures du capteur pour rejoindre la référence ?",
                                "ru": "При совместном размещении датчик показывает 30 мкг/м³, когда эталонный прибор показывает 24 мкг/м³. На какой коэффициент нужно умножать показания датчика, чтобы они совпали с эталоном?",
                                "es": "Durante la colocalización, un sensor marca 30 µg/m³ cuando el monitor de referencia marca 24 µg/m³. ¿Por qué factor hay que multiplicar las lecturas del sensor para que coincidan con la referencia?",
                            },
                            "explanation": {
                                "en": "24 ÷ 30 = 0.8: the sensor reads 25% too high.",
                                "ar": "24 ÷ 30 = 0.8: أي أن قراءة جهاز الاستشعار أعلى من الحقيقة بنسبة 25%.",
                                "zh-hans": "24 ÷ 30 = 0.8：传感器读数偏高25%。",
                                "fr": "24 ÷ 30 = 0,8 : le capteur mesure 25 % de trop.",
                                "ru": "24 ÷ 30 = 0,8: датчик завышает показания на 25%.",
                                "es": "24 ÷ 30 = 0,8: el sensor marca un 25 % de más.",
                            },
                        },
                        {
                            "kind": "true_false",
                            "answer": True,
                            "prompt": {
                                "en": "Low-cost optical sensors tend to overestimate PM2.5 in humid air.",
                                "ar": "تميل أجهزة الاستشعار البصرية منخفضة التكلفة إلى المبالغة في تقدير PM2.5 في الهواء الرطب.",
                                "zh-hans": "在潮湿空气中，低成本光学传感器往往会高估PM2.5。",
                                "fr": "Les capteurs optiques à bas coût ont tendance à surestimer les PM2,5 par air humide.",
                                "ru": "Недорогие оптические датчики склонны завышать PM2,5 во влажном воздухе.",
                                "es": "Los sensores ópticos de bajo coste tienden a sobrestimar las PM2,5 con aire húmedo.",
                            },
                            "feedback_true": {
                                "en": "Correct: particles swell with water and look larger.",
                                "ar": "صحيح: تنتفخ الجسيمات بالماء فتبدو أكبر.",
                                "zh-hans": "正确：颗粒吸水膨胀，看起来更大。",
                                "fr": "Exact : les particules gonflent avec l'eau et paraissent plus grosses.",
                                "ru": "Верно: частицы набухают от воды и кажутся крупнее.",
                                "es": "Correcto: las partículas se hinchan con el agua y parecen más grandes.",
                            },
                            "feedback_false": {
                                "en": "They do: humidity makes particles swell, so the sensor counts more mass than there is.",
                                "ar": "بل تبالغ: فالرطوبة تجعل الجسيمات تنتفخ، فيحسب الجهاز كتلة أكبر من الحقيقية.",
                                "zh-hans": "确实会：湿度使颗粒膨胀，传感器计算出的质量因而偏高。",
                                "fr": "Si : l'humidité fait gonfler les particules, et le capteur compte plus de masse qu'il n'y en a.",
                                "ru": "Завышают: от влажности частицы набухают, и датчик насчитывает больше массы, чем есть.",
                                "es": "Sí lo hacen: la humedad hincha las partículas y el sensor cuenta más masa de la que hay.",
                            },
                            "explanation": {
                                "en": "This is why corrections usually include relative humidity.",
                                "ar": "لهذا تتضمن معاملات التصحيح عادةً الرطوبة النسبية.",
                                "zh-hans": "因此修正公式通常会纳入相对湿度。",
                                "fr": "C'est pourquoi les corrections incluent en général l'humidité relative.",
                                "ru": "Поэтому поправки обычно учитывают относительную влажность.",
                                "es": "Por eso las correcciones suelen incluir la humedad relativa.",
                            },
                        },
                    ],
                },
            ],
        },
        {
            "slug": "from-readings-to-decisions",
            "title": {
                "en": "From readings to decisions",
                "ar": "من القراءات إلى القرارات",
                "zh-hans": "从读数到决策",
                "fr": "Des mesures aux décisions",
                "ru": "От показаний к решениям",
                "es": "De las lecturas a las decisiones",
            },
            "summary": {
                "en": "Open data that residents and planners can trust.",
                "ar": "بيانات مفتوحة يثق بها السكان والمخططون.",
                "zh-hans": "居民和规划者都能信赖的开放数据。",
                "fr": "Des données ouvertes auxquelles habitants et urbanistes peuvent se fier.",
                "ru": "Открытые данные, которым доверяют жители и планировщики.",
                "es": "Datos abiertos en los que residentes y planificadores pueden confiar.",
            },
            "lessons": [
                {
                    "slug": "publishing-open-air-quality-data",
                    "minutes": 15,
                    "title": {
                        "en": "Publishing open air-quality data",
                        "ar": "نشر بيانات مفتوحة عن جودة الهواء",
                        "zh-hans": "发布开放的空气质量数据",
                        "fr": "Publier des données ouvertes sur la qualité de l'air",
                        "ru": "Публикация открытых данных о качестве воздуха",
                        "es": "Publicar datos abiertos de calidad del aire",
                    },
                    "summary": {
                        "en": "Formats, metadata and honest limits.",
                        "ar": "الصيغ والبيانات الوصفية والحدود المعلنة بصدق.",
                        "zh-hans": "格式、元数据，以及如实说明的局限。",
                        "fr": "Formats, métadonnées et limites honnêtement indiquées.",
                        "ru": "Форматы, метаданные и честно указанные ограничения.",
                        "es": "Formatos, metadatos y límites expuestos con honestidad.",
                    },
                    "body": [
                        ("text", {
                            "en": "<p>Air-quality data is most useful when anyone can reuse it: residents checking their street, researchers, journalists, planners. Publish it in an open, machine-readable format such as CSV, under an open licence, at a stable web address that also offers the latest values.</p>"
                                  "<p>Each dataset needs metadata: where each sensor stands, its type, the averaging period, the units, the corrections applied and the calibration dates. Say plainly that low-cost data is indicative and cannot be used to check legal compliance; that honesty keeps residents' trust.</p>",
                            "ar": "<p>تكون بيانات جودة الهواء أكثر فائدة حين يستطيع أي شخص إعادة استخدامها: السكان الذين يتفقدون شارعهم، والباحثون، والصحفيون، والمخططون. انشرها بصيغة مفتوحة قابلة للقراءة آليًا مثل CSV، وبترخيص مفتوح، وعلى عنوان ويب ثابت يقدّم أيضًا أحدث القيم.</p>"
                                  "<p>تحتاج كل مجموعة بيانات إلى بيانات وصفية: موقع كل جهاز استشعار، ونوعه، وفترة حساب المتوسط، والوحدات، والتصحيحات المطبقة، وتواريخ المعايرة. وقل بوضوح إن بيانات الأجهزة منخفضة التكلفة استرشادية ولا يمكن استخدامها للتحقق من الامتثال القانوني؛ فهذا الصدق يحفظ ثقة السكان.</p>",
                            "zh-hans": "<p>当任何人都能再利用空气质量数据时，它的价值最大：查看自家街道的居民、研究人员、记者、规划者。请以CSV等开放的机器可读格式、在开放许可下发布数据，并提供一个稳定的网址，同时给出最新数值。</p>"
                                       "<p>每个数据集都需要元数据：每台传感器的位置、型号、平均时段、单位、所做的修正以及校准日期。要明确说明，低成本传感器的数据仅供参考，不能用于判定是否符合法定标准；这种坦诚能赢得居民的信任。</p>",
                            "fr": "<p>Les données de qualité de l'air sont plus utiles quand chacun peut les réutiliser : habitants qui regardent leur rue, chercheurs, journalistes, urbanistes. Publiez-les dans un format ouvert et lisible par machine, comme le CSV, sous licence ouverte, à une adresse web stable qui donne aussi les dernières valeurs.</p>"
                                  "<p>Chaque jeu de données a besoin de métadonnées : l'emplacement de chaque capteur, son type, la période de calcul de la moyenne, les unités, les corrections appliquées et les dates d'étalonnage. Dites clairement que les données des capteurs à bas coût sont indicatives et ne servent pas à vérifier le respect des normes légales : cette honnêteté préserve la confiance des habitants.</p>",
                            "ru": "<p>Данные о качестве воздуха полезнее всего, когда их может повторно использовать любой: жители, проверяющие свою улицу, исследователи, журналисты, планировщики. Публикуйте их в открытом машиночитаемом формате, например CSV, под открытой лицензией, по постоянному веб-адресу, где есть и последние значения.</p>"
                                  "<p>Каждому набору данных нужны метаданные: где стоит каждый датчик, его тип, период усреднения, единицы, применённые поправки и даты калибровки. Прямо укажите, что данные недорогих датчиков носят ориентировочный характер и не годятся для проверки соблюдения нормативов; такая честность сохраняет доверие жителей.</p>",
                            "es": "<p>Los datos de calidad del aire son más útiles cuando cualquiera puede reutilizarlos: residentes que consultan su calle, investigadores, periodistas, planificadores. Publíquelos en un formato abierto y legible por máquina, como CSV, con una licencia abierta, en una dirección web estable que ofrezca también los últimos valores.</p>"
                                  "<p>Cada conjunto de datos necesita metadatos: dónde está cada sensor, su tipo, el periodo de promedio, las unidades, las correcciones aplicadas y las fechas de calibración. Diga claramente que los datos de sensores de bajo coste son indicativos y no sirven para verificar el cumplimiento legal; esa honestidad mantiene la confianza de los residentes.</p>",
                        }),
                    ],
                },
                {
                    "slug": "quiz-city-air-quality",
                    "minutes": 10,
                    "graded": True,
                    "title": {
                        "en": "Quiz: city air quality",
                        "ar": "اختبار: جودة الهواء في المدن",
                        "zh-hans": "测验：城市空气质量",
                        "fr": "Quiz : la qualité de l'air en ville",
                        "ru": "Тест: качество воздуха в городе",
                        "es": "Cuestionario: calidad del aire urbano",
                    },
                    "summary": QUIZ_SUMMARY,
                    "body": [("text", QUIZ_INTRO)],
                    "questions": [
                        {
                            "kind": "single_choice",
                            "prompt": {
                                "en": "What is the WHO 2021 guideline value for the annual average of PM2.5?",
                                "ar": "ما القيمة الإرشادية لمنظمة الصحة العالمية لعام 2021 للمتوسط السنوي لتركيز PM2.5؟",
                                "zh-hans": "世界卫生组织2021年指南中PM2.5年均浓度的指导值是多少？",
                                "fr": "Quelle est la valeur guide de l'OMS (2021) pour la moyenne annuelle des PM2,5 ?",
                                "ru": "Каково рекомендуемое ВОЗ (2021) значение среднегодовой концентрации PM2,5?",
                                "es": "¿Cuál es el valor guía de la OMS (2021) para la media anual de PM2,5?",
                            },
                            "explanation": {
                                "en": "The 2021 guidelines set 5 µg/m³ for the annual average and 15 µg/m³ for the 24-hour average.",
                                "ar": "حددت المبادئ التوجيهية لعام 2021 قيمة 5 ميكروغرام/م³ للمتوسط السنوي و15 ميكروغرام/م³ لمتوسط 24 ساعة.",
                                "zh-hans": "2021年指南规定年均值为5微克/立方米，24小时均值为15微克/立方米。",
                                "fr": "Les lignes directrices de 2021 fixent 5 µg/m³ en moyenne annuelle et 15 µg/m³ en moyenne sur 24 heures.",
                                "ru": "Рекомендации 2021 года: 5 мкг/м³ для среднегодовой и 15 мкг/м³ для среднесуточной концентрации.",
                                "es": "Las directrices de 2021 fijan 5 µg/m³ para la media anual y 15 µg/m³ para la media de 24 horas.",
                            },
                            "choices": [
                                {
                                    "correct": True,
                                    "text": "5 µg/m³",
                                    "feedback": {
                                        "en": "Right: the 2021 guidelines lowered it from 10 to 5 µg/m³.",
                                        "ar": "صحيح: خفّضتها المبادئ التوجيهية لعام 2021 من 10 إلى 5 ميكروغرام/م³.",
                                        "zh-hans": "正确：2021年指南将其从10微克/立方米下调至5微克/立方米。",
                                        "fr": "Exact : les lignes directrices de 2021 l'ont abaissée de 10 à 5 µg/m³.",
                                        "ru": "Верно: в рекомендациях 2021 года её снизили с 10 до 5 мкг/м³.",
                                        "es": "Correcto: las directrices de 2021 lo redujeron de 10 a 5 µg/m³.",
                                    },
                                },
                                {
                                    "text": "15 µg/m³",
                                    "feedback": {
                                        "en": "15 µg/m³ is the 24-hour guideline, not the annual one.",
                                        "ar": "15 ميكروغرام/م³ هي القيمة الإرشادية لمتوسط 24 ساعة، لا للمتوسط السنوي.",
                                        "zh-hans": "15微克/立方米是24小时均值的指导值，不是年均值。",
                                        "fr": "15 µg/m³ est la valeur guide sur 24 heures, pas la valeur annuelle.",
                                        "ru": "15 мкг/м³ — это среднесуточное, а не среднегодовое значение.",
                                        "es": "15 µg/m³ es el valor guía de 24 horas, no el anual.",
                                    },
                                },
                                {
                                    "text": "25 µg/m³",
                                    "feedback": {
                                        "en": "25 µg/m³ was the 24-hour value of the 2005 guidelines.",
                                        "ar": "25 ميكروغرام/م³ كانت قيمة متوسط 24 ساعة في المبادئ التوجيهية لعام 2005.",
                                        "zh-hans": "25微克/立方米是2005年指南中的24小时均值。",
                                        "fr": "25 µg/m³ était la valeur sur 24 heures des lignes directrices de 2005.",
                                        "ru": "25 мкг/м³ — среднесуточное значение рекомендаций 2005 года.",
                                        "es": "25 µg/m³ era el valor de 24 horas de las directrices de 2005.",
                                    },
                                },
                            ],
                        },
                        {
                            "kind": "multiple_choice",
                            "prompt": {
                                "en": "What belongs in the metadata of a published air-quality dataset? Choose all that apply.",
                                "ar": "ما الذي ينبغي إدراجه في البيانات الوصفية لمجموعة بيانات منشورة عن جودة الهواء؟ اختر كل ما ينطبق.",
                                "zh-hans": "已发布的空气质量数据集的元数据应包括哪些内容？请选出所有正确项。",
                                "fr": "Qu'est-ce qui a sa place dans les métadonnées d'un jeu de données publié sur la qualité de l'air ? Cochez toutes les bonnes réponses.",
                                "ru": "Что должно входить в метаданные опубликованного набора данных о качестве воздуха? Выберите все подходящие варианты.",
                                "es": "¿Qué debe figurar en los metadatos de un conjunto de datos publicado sobre la calidad del aire? Elija todas las que correspondan.",
                            },
                            "explanation": {
                                "en": "Metadata describes how the data was measured and corrected; it never names people.",
                                "ar": "تصف البيانات الوصفية كيف قيست البيانات وصُحّحت؛ ولا تذكر أسماء أشخاص أبدًا.",
                                "zh-hans": "元数据描述数据是如何测量和修正的；绝不涉及个人姓名。",
                                "fr": "Les métadonnées décrivent comment les données ont été mesurées et corrigées ; elles ne nomment jamais personne.",
                                "ru": "Метаданные описывают, как данные измерялись и корректировались; имён людей в них нет.",
                                "es": "Los metadatos describen cómo se midieron y corrigieron los datos; nunca nombran a personas.",
                            },
                            "choices": [
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "The location of each sensor",
                                        "ar": "موقع كل جهاز استشعار",
                                        "zh-hans": "每台传感器的位置",
                                        "fr": "L'emplacement de chaque capteur",
                                        "ru": "Место установки каждого датчика",
                                        "es": "La ubicación de cada sensor",
                                    },
                                    "feedback": {
                                        "en": "Yes: a reading means little without its place.",
                                        "ar": "نعم: لا معنى كبيرًا للقراءة من دون مكانها.",
                                        "zh-hans": "是的：脱离位置的读数意义不大。",
                                        "fr": "Oui : une mesure sans son lieu ne dit pas grand-chose.",
                                        "ru": "Да: показание без места почти ничего не значит.",
                                        "es": "Sí: una lectura sin su lugar dice poco.",
                                    },
                                },
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "The corrections applied and the calibration dates",
                                        "ar": "التصحيحات المطبقة وتواريخ المعايرة",
                                        "zh-hans": "所做的修正和校准日期",
                                        "fr": "Les corrections appliquées et les dates d'étalonnage",
                                        "ru": "Применённые поправки и даты калибровки",
                                        "es": "Las correcciones aplicadas y las fechas de calibración",
                                    },
                                    "feedback": {
                                        "en": "Yes: users must know how raw readings were adjusted.",
                                        "ar": "نعم: يجب أن يعرف المستخدمون كيف عُدّلت القراءات الخام.",
                                        "zh-hans": "是的：用户必须知道原始读数是如何调整的。",
                                        "fr": "Oui : les utilisateurs doivent savoir comment les mesures brutes ont été ajustées.",
                                        "ru": "Да: пользователи должны знать, как корректировались исходные показания.",
                                        "es": "Sí: los usuarios deben saber cómo se ajustaron las lecturas originales.",
                                    },
                                },
                                {
                                    "correct": True,
                                    "text": {
                                        "en": "The averaging period and the units",
                                        "ar": "فترة حساب المتوسط والوحدات",
                                        "zh-hans": "平均时段和单位",
                                        "fr": "La période de moyenne et les unités",
                                        "ru": "Период усреднения и единицы",
                                        "es": "El periodo de promedio y las unidades",
                                    },
                                    "feedback": {
                                        "en": "Yes: an hourly value cannot be compared with an annual guideline.",
                                        "ar": "نعم: لا يمكن مقارنة قيمة ساعية بقيمة إرشادية سنوية.",
                                        "zh-hans": "是的：小时值不能直接与年均指导值比较。",
                                        "fr": "Oui : une valeur horaire ne se compare pas à une valeur guide annuelle.",
                                        "ru": "Да: часовое значение нельзя сравнивать с годовым нормативом.",
                                        "es": "Sí: un valor horario no se compara con un valor guía anual.",
                                    },
                                },
                                {
                                    "text": {
                                        "en": "The names of residents living near each sensor",
                                        "ar": "أسماء السكان الذين يعيشون قرب كل جهاز استشعار",
                                        "zh-hans": "每台传感器附近居民的姓名",
                                        "fr": "Les noms des habitants vivant près de chaque capteur",
                                        "ru": "Имена жителей, живущих рядом с каждым датчиком",
                                        "es": "Los nombres de los residentes que viven cerca de cada sensor",
                                    },
                                    "feedback": {
                                        "en": "No: that is personal data and has no place in an open dataset.",
                                        "ar": "لا: هذه بيانات شخصية ولا مكان لها في مجموعة بيانات مفتوحة.",
                                        "zh-hans": "不对：这是个人数据，不应出现在开放数据集中。",
                                        "fr": "Non : ce sont des données personnelles, sans place dans un jeu de données ouvert.",
                                        "ru": "Нет: это персональные данные, им не место в открытом наборе.",
                                        "es": "No: son datos personales y no tienen cabida en un conjunto de datos abierto.",
                                    },
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "answer": False,
                            "prompt": {
                                "en": "Data from low-cost sensors can replace reference monitors to check legal compliance.",
                                "ar": "يمكن لبيانات أجهزة الاستشعار منخفضة التكلفة أن تحل محل أجهزة الرصد المرجعية للتحقق من الامتثال القانوني.",
                                "zh-hans": "低成本传感器的数据可以取代参比监测仪，用于判定是否符合法定标准。",
                                "fr": "Les données des capteurs à bas coût peuvent remplacer les analyseurs de référence pour vérifier le respect des normes légales.",
                                "ru": "Данные недорогих датчиков могут заменить эталонные приборы при проверке соблюдения нормативов.",
                                "es": "Los datos de sensores de bajo coste pueden sustituir a los monitores de referencia para verificar el cumplimiento legal.",
                            },
                            "feedback_true": {
                                "en": "No: low-cost data is indicative; compliance relies on reference methods.",
                                "ar": "لا: بيانات الأجهزة منخفضة التكلفة استرشادية؛ ويعتمد التحقق من الامتثال على الطرق المرجعية.",
                                "zh-hans": "不对：低成本数据仅供参考；合规判定依靠参比方法。",
                                "fr": "Non : ces données sont indicatives ; la conformité repose sur les méthodes de référence.",
                                "ru": "Нет: такие данные ориентировочные; соблюдение нормативов проверяют эталонными методами.",
                                "es": "No: esos datos son indicativos; el cumplimiento se basa en métodos de referencia.",
                            },
                            "feedback_false": {
                                "en": "Correct: they complement reference monitors; they do not replace them.",
                                "ar": "صحيح: فهي تكمّل أجهزة الرصد المرجعية ولا تحل محلها.",
                                "zh-hans": "正确：它们是参比监测仪的补充，而不是替代。",
                                "fr": "Exact : ils complètent les analyseurs de référence, ils ne les remplacent pas.",
                                "ru": "Верно: они дополняют эталонные приборы, но не заменяют их.",
                                "es": "Correcto: complementan a los monitores de referencia, no los sustituyen.",
                            },
                            "explanation": {
                                "en": "Dense networks of cheap sensors show where pollution is; reference monitors say how much, with legal weight.",
                                "ar": "تُظهر الشبكات الكثيفة من أجهزة الاستشعار الرخيصة أماكن التلوث؛ أما أجهزة الرصد المرجعية فتحدد مقداره بحجية قانونية.",
                                "zh-hans": "密集的廉价传感器网络显示污染在哪里；参比监测仪则给出具有法律效力的污染程度。",
                                "fr": "Les réseaux denses de capteurs bon marché montrent où se trouve la pollution ; les analyseurs de référence disent combien, avec valeur légale.",
                                "ru": "Плотные сети дешёвых датчиков показывают, где загрязнение; эталонные приборы — сколько его, с юридической силой.",
                                "es": "Las redes densas de sensores baratos muestran dónde está la contaminación; los monitores de referencia dicen cuánta hay, con valor legal.",
                            },
                        },
                        {
                            "kind": "numeric",
                            "answer": "36",
                            "tolerance": "0.5",
                            "unit": "µg/m³",
                            "prompt": {
                                "en": "A sensor reports 45 µg/m³ and its correction factor is 0.8. What is the corrected value?",
                                "ar": "يسجّل جهاز استشعار 45 ميكروغرام/م³ ومعامل تصحيحه 0.8. ما القيمة المصحّحة؟",
                                "zh-hans": "某传感器读数为45微克/立方米，修正系数为0.8。修正后的数值是多少？",
                                "fr": "Un capteur indique 45 µg/m³ et son facteur de correction est de 0,8. Quelle est la valeur corrigée ?",
                                "ru": "Датчик показывает 45 мкг/м³, его поправочный коэффициент 0,8. Каково исправленное значение?",
                                "es": "Un sensor marca 45 µg/m³ y su factor de corrección es 0,8. ¿Cuál es el valor corregido?",
                            },
                            "explanation": {
                                "en": "45 × 0.8 = 36 µg/m³.",
                                "ar": "45 × 0.8 = 36 ميكروغرام/م³.",
                                "zh-hans": "45 × 0.8 = 36微克/立方米。",
                                "fr": "45 × 0,8 = 36 µg/m³.",
                                "ru": "45 × 0,8 = 36 мкг/м³.",
                                "es": "45 × 0,8 = 36 µg/m³.",
                            },
                        },
                        {
                            "kind": "short_text",
                            "prompt": {
                                "en": "What is the technique called that places a low-cost sensor next to a reference monitor to derive its correction?",
                                "ar": "ما اسم الأسلوب الذي يضع جهاز استشعار منخفض التكلفة بجوار جهاز رصد مرجعي لاستخراج معامل تصحيحه؟",
                                "zh-hans": "把低成本传感器放在参比监测仪旁边以推导修正公式的方法叫什么？",
                                "fr": "Comment s'appelle la technique qui place un capteur à bas coût à côté d'un analyseur de référence pour en tirer sa correction ?",
                                "ru": "Как называется приём, когда недорогой датчик ставят рядом с эталонным прибором, чтобы вывести поправку?",
                                "es": "¿Cómo se llama la técnica que sitúa un sensor de bajo coste junto a un monitor de referencia para obtener su corrección?",
                            },
                            "explanation": {
                                "en": "Co-location: weeks side by side with a reference monitor give the correction.",
                                "ar": "التموضع المشترك: أسابيع بجوار جهاز رصد مرجعي تعطي معامل التصحيح.",
                                "zh-hans": "共置比对：与参比监测仪并排运行数周，即可得出修正公式。",
                                "fr": "La colocalisation : des semaines côte à côte avec un analyseur de référence donnent la correction.",
                                "ru": "Совместное размещение: несколько недель рядом с эталонным прибором дают поправку.",
                                "es": "La colocalización: semanas junto a un monitor de referencia dan la corrección.",
                            },
                            "accepted": {
                                "en": ["co-location", "colocation", "co location"],
                                "ar": ["التموضع المشترك", "تموضع مشترك", "co-location"],
                                "zh-hans": ["共置比对", "共置", "co-location"],
                                "fr": ["colocalisation", "co-localisation", "co-location"],
                                "ru": ["совместное размещение", "колокация", "co-location"],
                                "es": ["colocalización", "co-localización", "co-location"],
                            },
                        },
                    ],
                },
            ],
        },
    ],
}

COURSES = [UNDERSTANDING_DISASTER_RISK, DATA_QUALITY_ESSENTIALS, CITY_AIR_QUALITY]

# ---------------------------------------------------------------------------------------
# Video clips of the data quality course: ffmpeg's test pattern and a tone, with captions
# (WebVTT) that say what the lesson's narrator would.
# ---------------------------------------------------------------------------------------

CLIPS = [
    {
        "key": "six-dimensions",
        "title": "Data Quality Essentials: the six dimensions of data quality",
        "seconds": 24,
        "tone": 440,
        "captions": {
            "en": """WEBVTT

00:00:00.000 --> 00:00:06.000
Welcome. This lesson looks at six dimensions of data quality.

00:00:06.000 --> 00:00:12.000
Accuracy, completeness and consistency: are the values right, all there, and the same everywhere?

00:00:12.000 --> 00:00:18.000
Timeliness, validity and uniqueness: recent enough, in the agreed format, and each record once.

00:00:18.000 --> 00:00:24.000
Ask which of the six matter most for your decision.
""",
            "ar": """WEBVTT

00:00:00.000 --> 00:00:06.000
مرحبًا. يتناول هذا الدرس ستة أبعاد لجودة البيانات.

00:00:06.000 --> 00:00:12.000
الدقة والاكتمال والاتساق: هل القيم صحيحة، وكاملة، ومتطابقة في كل مكان؟

00:00:12.000 --> 00:00:18.000
الآنية والصلاحية والتفرد: حديثة بما يكفي، وبالصيغة المتفق عليها، وكل سجل مرة واحدة.

00:00:18.000 --> 00:00:24.000
اسأل نفسك: أيّ الأبعاد الستة أهم لقرارك؟
""",
            "zh-hans": """WEBVTT

00:00:00.000 --> 00:00:06.000
欢迎。本课介绍数据质量的六个维度。

00:00:06.000 --> 00:00:12.000
准确性、完整性和一致性：数值是否正确、是否齐全、各处是否相同？

00:00:12.000 --> 00:00:18.000
及时性、有效性和唯一性：是否足够新、是否符合约定格式、每条记录是否只出现一次。

00:00:18.000 --> 00:00:24.000
想一想：对你的决策来说，哪些维度最重要？
""",
            "fr": """WEBVTT

00:00:00.000 --> 00:00:06.000
Bienvenue. Cette leçon présente six dimensions de la qualité des données.

00:00:06.000 --> 00:00:12.000
Exactitude, complétude et cohérence : les valeurs sont-elles justes, toutes là, et les mêmes partout ?

00:00:12.000 --> 00:00:18.000
Actualité, validité et unicité : assez récentes, au format convenu, et chaque enregistrement une seule fois.

00:00:18.000 --> 00:00:24.000
Demandez-vous lesquelles des six comptent le plus pour votre décision.
""",
            "ru": """WEBVTT

00:00:00.000 --> 00:00:06.000
Здравствуйте. В этом уроке — шесть измерений качества данных.

00:00:06.000 --> 00:00:12.000
Точность, полнота и согласованность: верны ли значения, все ли на месте, одинаковы ли везде?

00:00:12.000 --> 00:00:18.000
Актуальность, достоверность формата и уникальность: достаточно свежие, в принятом формате, каждая запись один раз.

00:00:18.000 --> 00:00:24.000
Спросите себя, какие из шести важнее всего для вашего решения.
""",
            "es": """WEBVTT

00:00:00.000 --> 00:00:06.000
Bienvenidos. Esta lección presenta seis dimensiones de la calidad de los datos.

00:00:06.000 --> 00:00:12.000
Exactitud, completitud y coherencia: ¿son correctos los valores, están todos y son iguales en todas partes?

00:00:12.000 --> 00:00:18.000
Actualidad, validez y unicidad: lo bastante recientes, en el formato acordado y cada registro una sola vez.

00:00:18.000 --> 00:00:24.000
Pregúntese cuáles de las seis importan más para su decisión.
""",
        },
    },
    {
        "key": "repeatable-cleaning",
        "title": "Data Quality Essentials: three habits of a clean-up you can repeat",
        "seconds": 24,
        "tone": 523,
        "captions": {
            "en": """WEBVTT

00:00:00.000 --> 00:00:05.000
Three habits make a clean-up you can repeat.

00:00:05.000 --> 00:00:11.000
First, keep the raw file unchanged.

00:00:11.000 --> 00:00:18.000
Second, make every change with a script, and never replace a missing value with zero.

00:00:18.000 --> 00:00:24.000
Third, write a short data note: source, date, columns and changes.
""",
            "ar": """WEBVTT

00:00:00.000 --> 00:00:05.000
ثلاث عادات تجعل التنظيف قابلًا للتكرار.

00:00:05.000 --> 00:00:11.000
أولًا، أبقِ الملف الخام دون تغيير.

00:00:11.000 --> 00:00:18.000
ثانيًا، نفّذ كل تغيير ببرنامج نصي، ولا تستبدل القيمة المفقودة بصفر أبدًا.

00:00:18.000 --> 00:00:24.000
ثالثًا، اكتب ملاحظة قصيرة عن البيانات: المصدر والتاريخ والأعمدة والتغييرات.
""",
            "zh-hans": """WEBVTT

00:00:00.000 --> 00:00:05.000
三个习惯，让数据清洗可以重复。

00:00:05.000 --> 00:00:11.000
第一，保持原始文件不变。

00:00:11.000 --> 00:00:18.000
第二，每处修改都用脚本完成，绝不把缺失值填成零。

00:00:18.000 --> 00:00:24.000
第三，写一份简短的数据说明：来源、日期、各列含义和修改内容。
""",
            "fr": """WEBVTT

00:00:00.000 --> 00:00:05.000
Trois habitudes pour un nettoyage que l'on peut refaire.

00:00:05.000 --> 00:00:11.000
D'abord, gardez le fichier brut intact.

00:00:11.000 --> 00:00:18.000
Ensuite, faites chaque modification avec un script, et ne remplacez jamais une valeur manquante par zéro.

00:00:18.000 --> 00:00:24.000
Enfin, rédigez une courte note : source, date, colonnes et modifications.
""",
            "ru": """WEBVTT

00:00:00.000 --> 00:00:05.000
Три привычки делают очистку воспроизводимой.

00:00:05.000 --> 00:00:11.000
Во-первых, не меняйте исходный файл.

00:00:11.000 --> 00:00:18.000
Во-вторых, вносите каждое изменение скриптом и никогда не заменяйте пропуск нулём.

00:00:18.000 --> 00:00:24.000
В-третьих, напишите короткую записку: источник, дата, столбцы и изменения.
""",
            "es": """WEBVTT

00:00:00.000 --> 00:00:05.000
Tres hábitos para una depuración que se puede repetir.

00:00:05.000 --> 00:00:11.000
Primero, mantenga intacto el archivo original.

00:00:11.000 --> 00:00:18.000
Segundo, haga cada cambio con un script y nunca sustituya un valor faltante por cero.

00:00:18.000 --> 00:00:24.000
Tercero, escriba una breve nota: fuente, fecha, columnas y cambios.
""",
        },
    },
]

# ---------------------------------------------------------------------------------------
# Downloads: a household emergency plan, one plain-text file per language.
# ---------------------------------------------------------------------------------------

DOCUMENTS = [
    {
        "key": "household-emergency-plan",
        "title": {
            "en": "Household emergency plan: a checklist",
            "ar": "خطة الطوارئ المنزلية: قائمة تحقق",
            "zh-hans": "家庭应急计划核对清单",
            "fr": "Plan familial d'urgence : liste de contrôle",
            "ru": "Семейный план действий при ЧС: контрольный список",
            "es": "Plan familiar de emergencia: lista de verificación",
        },
        "text": {
            "en": """Household emergency plan: a checklist
[ ] Know the hazards where you live, work and study.
[ ] Know how warnings reach you (radio, text message, siren, loudspeaker) and what they mean.
[ ] Agree on a safe meeting place and an evacuation route; walk it once with the whole household.
[ ] Write down emergency numbers and a contact outside the area.
[ ] Keep a bag ready: water, food for three days, medicines, torch, radio, batteries, copies of documents.
[ ] Plan for children, older people, people with disabilities and animals.
[ ] Check the plan and the bag every six months.""",
            "ar": """خطة الطوارئ المنزلية: قائمة تحقق
[ ] اعرف الأخطار في مكان سكنك وعملك ودراستك.
[ ] اعرف كيف تصلك الإنذارات (الإذاعة، الرسائل النصية، صفارات الإنذار، مكبرات الصوت) وماذا تعني.
[ ] اتفقوا على مكان آمن للقاء وعلى طريق للإخلاء، وامشوا فيه مرة واحدة مع جميع أفراد الأسرة.
[ ] دوّن أرقام الطوارئ ورقم شخص للتواصل خارج المنطقة.
[ ] جهّز حقيبة: ماء، وطعام لثلاثة أيام، وأدوية، ومصباح يدوي، ومذياع، وبطاريات، ونسخ من الوثائق.
[ ] خطط لاحتياجات الأطفال وكبار السن والأشخاص ذوي الإعاقة والحيوانات.
[ ] راجع الخطة والحقيبة كل ستة أشهر.""",
            "zh-hans": """家庭应急计划核对清单
[ ] 了解你居住、工作和学习地点面临的灾害。
[ ] 了解预警通过什么渠道送达（广播、短信、警报、喇叭）以及它们的含义。
[ ] 约定一个安全的集合地点和一条撤离路线，并与全家人实地走一遍。
[ ] 记下紧急电话和一位外地联系人的电话。
[ ] 准备好应急包：饮用水、三天的食物、药品、手电筒、收音机、电池、证件复印件。
[ ] 为儿童、老人、残疾人和家中动物做好安排。
[ ] 每六个月检查一次计划和应急包。""",
            "fr": """Plan familial d'urgence : liste de contrôle
[ ] Connaître les aléas là où l'on vit, travaille et étudie.
[ ] Savoir comment les alertes arrivent (radio, SMS, sirène, haut-parleur) et ce qu'elles signifient.
[ ] Convenir d'un lieu de rendez-vous sûr et d'un itinéraire d'évacuation ; le parcourir une fois avec toute la famille.
[ ] Noter les numéros d'urgence et un contact hors de la zone.
[ ] Garder un sac prêt : eau, nourriture pour trois jours, médicaments, lampe, radio, piles, copies des papiers.
[ ] Prévoir pour les enfants, les personnes âgées, les personnes handicapées et les animaux.
[ ] Vérifier le plan et le sac tous les six mois.""",
            "ru": """Семейный план действий при ЧС: контрольный список
[ ] Знать опасности там, где вы живёте, работаете и учитесь.
[ ] Знать, как до вас доходят предупреждения (радио, SMS, сирена, громкоговоритель) и что они означают.
[ ] Договориться о безопасном месте встречи и пути эвакуации; пройти его один раз всей семьёй.
[ ] Записать номера экстренных служб и контакт за пределами района.
[ ] Держать наготове сумку: вода, еда на три дня, лекарства, фонарь, радио, батарейки, копии документов.
[ ] Продумать помощь детям, пожилым людям, людям с инвалидностью и животным.
[ ] Проверять план и сумку каждые шесть месяцев.""",
            "es": """Plan familiar de emergencia: lista de verificación
[ ] Conocer las amenazas donde vive, trabaja y estudia.
[ ] Saber cómo le llegan las alertas (radio, SMS, sirena, altavoz) y qué significan.
[ ] Acordar un punto de encuentro seguro y una ruta de evacuación; recorrerla una vez con todo el hogar.
[ ] Anotar los números de emergencia y un contacto fuera de la zona.
[ ] Tener una mochila lista: agua, comida para tres días, medicamentos, linterna, radio, pilas, copias de documentos.
[ ] Prever las necesidades de niños, personas mayores, personas con discapacidad y animales.
[ ] Revisar el plan y la mochila cada seis meses.""",
        },
    },
]
