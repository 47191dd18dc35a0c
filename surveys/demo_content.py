"""Texts of the demo surveys (data only): what learners write in the optional questions, in
the six languages."""

COMMENTS = {
    "en": [
        "The hands-on exercises were the most useful part.",
        "More time for questions, please.",
        "Excellent trainers, clear and patient.",
        "The slides should be shared before the session.",
        "I will use the case studies with my team.",
        "The internet connection made the labs hard to follow.",
    ],
    "fr": [
        "Les exercices pratiques étaient la partie la plus utile.",
        "Plus de temps pour les questions, s'il vous plaît.",
        "Formateurs excellents, clairs et patients.",
        "J'utiliserai les études de cas avec mon équipe.",
    ],
    "es": [
        "Los ejercicios prácticos fueron lo más útil.",
        "Más tiempo para preguntas, por favor.",
        "Formadores excelentes, claros y pacientes.",
        "Usaré los estudios de caso con mi equipo.",
    ],
    "ru": [
        "Практические упражнения были самой полезной частью.",
        "Хотелось бы больше времени на вопросы.",
        "Отличные преподаватели, всё понятно.",
        "Буду использовать примеры с моей командой.",
    ],
    "ar": [
        "كانت التمارين العملية الجزء الأكثر فائدة.",
        "نرجو تخصيص وقت أطول للأسئلة.",
        "مدربون ممتازون، واضحون وصبورون.",
        "سأستخدم دراسات الحالة مع فريقي.",
    ],
    "zh-hans": [
        "实践练习是最有用的部分。",
        "希望有更多提问时间。",
        "讲师非常好，讲解清楚、耐心。",
        "我会和团队一起使用这些案例。",
    ],
}
