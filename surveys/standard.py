"""The standard satisfaction survey every session uses unless it picks another, written
here in the six languages so that every install has it, translated, from its first migrate.

Its text is content, not interface: editors change it in the admin afterwards, and
wagtail-localize keeps the translations in step. The question ids are fixed, the same in
every language, so that answers compare across sessions, languages and installs."""

import uuid
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from wagtail.models import Locale

from surveys.models import SurveyTemplate

# uuid5 names under one namespace: stable across installs, so a report comparing two
# platforms (or a fresh database with an old export) finds the same question ids.
NAMESPACE = uuid.UUID("6f1d8a52-3f0e-4c57-9a63-3a8f0b0d6e11")


def _id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


@dataclass(frozen=True)
class Shape:
    """What a question is, whatever the language: its kind, whether it must be answered,
    whether it is the headline question and how many options it offers."""

    key: str
    kind: str
    required: bool = True
    headline: bool = False
    options: int = 0

    @property
    def id(self) -> str:
        return _id(f"standard:{self.key}")

    def option_id(self, index: int) -> str:
        return _id(f"standard:{self.key}:option:{index}")


QUESTIONS = (
    Shape("overall", "rating", headline=True),
    Shape("relevance", "rating"),
    Shape("trainers", "rating"),
    Shape("organisation", "rating"),
    Shape("recommend", "single_choice", options=3),
    Shape("useful", "multiple_choice", required=False, options=5),
    Shape("comments", "text", required=False),
)

QUESTION_IDS = {shape.key: shape.id for shape in QUESTIONS}
HEADLINE_ID = QUESTION_IDS["overall"]

# One entry per language of settings.LANGUAGES. Ratings hold (label, low end, high end);
# choices (label, help text, options); free text (label, help text).
TEXTS = {
    "en": {
        "title": "Satisfaction survey",
        "intro": (
            "Thank you for taking part. Your answers help us improve our training. "
            "It takes about three minutes."
        ),
        "overall": (
            "Overall, how satisfied are you with this training?",
            "Very dissatisfied",
            "Very satisfied",
        ),
        "relevance": (
            "How relevant was the content to your work?",
            "Not relevant",
            "Highly relevant",
        ),
        "trainers": ("How would you rate the trainers?", "Very poor", "Excellent"),
        "organisation": (
            "How well was the training organised (schedule, materials, room or online platform)?",
            "Very poorly",
            "Very well",
        ),
        "recommend": (
            "Would you recommend this training to a colleague?",
            "",
            ["Yes", "Maybe", "No"],
        ),
        "useful": (
            "Which parts were the most useful to you?",
            "Choose all that apply.",
            [
                "Presentations",
                "Practical exercises",
                "Case studies",
                "Discussions with other participants",
                "Course materials and documents",
            ],
        ),
        "comments": (
            "Any comments or suggestions for improvement?",
            "If you wish to remain anonymous, do not include personal information.",
        ),
    },
    "fr": {
        "title": "Enquête de satisfaction",
        "intro": (
            "Merci d’avoir participé. Vos réponses nous aident à améliorer nos formations. "
            "Cela prend environ trois minutes."
        ),
        "overall": (
            "Dans l’ensemble, êtes-vous satisfait(e) de cette formation ?",
            "Très insatisfait(e)",
            "Très satisfait(e)",
        ),
        "relevance": (
            "Le contenu était-il pertinent pour votre travail ?",
            "Pas pertinent",
            "Très pertinent",
        ),
        "trainers": ("Comment évaluez-vous les formateurs ?", "Très insuffisant", "Excellent"),
        "organisation": (
            "La formation était-elle bien organisée (programme, supports, salle ou "
            "plateforme en ligne) ?",
            "Très mal",
            "Très bien",
        ),
        "recommend": (
            "Recommanderiez-vous cette formation à un(e) collègue ?",
            "",
            ["Oui", "Peut-être", "Non"],
        ),
        "useful": (
            "Quelles parties vous ont été les plus utiles ?",
            "Cochez toutes les réponses qui conviennent.",
            [
                "Les exposés",
                "Les exercices pratiques",
                "Les études de cas",
                "Les échanges avec les autres participants",
                "Les supports et documents de cours",
            ],
        ),
        "comments": (
            "Des commentaires ou des suggestions d’amélioration ?",
            "Si vous souhaitez rester anonyme, n’indiquez pas d’informations personnelles.",
        ),
    },
    "es": {
        "title": "Encuesta de satisfacción",
        "intro": (
            "Gracias por participar. Sus respuestas nos ayudan a mejorar nuestras "
            "formaciones. Le llevará unos tres minutos."
        ),
        "overall": (
            "En general, ¿qué tan satisfecho/a está con esta formación?",
            "Muy insatisfecho/a",
            "Muy satisfecho/a",
        ),
        "relevance": (
            "¿Qué tan pertinente fue el contenido para su trabajo?",
            "Nada pertinente",
            "Muy pertinente",
        ),
        "trainers": ("¿Cómo valora a los formadores?", "Muy deficiente", "Excelente"),
        "organisation": (
            "¿Qué tan bien estuvo organizada la formación (horario, materiales, sala o "
            "plataforma en línea)?",
            "Muy mal",
            "Muy bien",
        ),
        "recommend": (
            "¿Recomendaría esta formación a un colega?",
            "",
            ["Sí", "Tal vez", "No"],
        ),
        "useful": (
            "¿Qué partes le resultaron más útiles?",
            "Marque todas las que correspondan.",
            [
                "Las presentaciones",
                "Los ejercicios prácticos",
                "Los estudios de caso",
                "Los intercambios con otros participantes",
                "Los materiales y documentos del curso",
            ],
        ),
        "comments": (
            "¿Tiene comentarios o sugerencias de mejora?",
            "Si desea permanecer en el anonimato, no incluya datos personales.",
        ),
    },
    "ru": {
        "title": "Анкета удовлетворённости",
        "intro": (
            "Спасибо за участие. Ваши ответы помогают нам улучшать обучение. "
            "Это займёт около трёх минут."
        ),
        "overall": (
            "В целом, насколько вы удовлетворены этим обучением?",
            "Совсем не удовлетворён(а)",
            "Полностью удовлетворён(а)",
        ),
        "relevance": (
            "Насколько содержание соответствовало задачам вашей работы?",
            "Не соответствовало",
            "Полностью соответствовало",
        ),
        "trainers": ("Как вы оцениваете работу преподавателей?", "Очень плохо", "Отлично"),
        "organisation": (
            "Насколько хорошо было организовано обучение (расписание, материалы, "
            "помещение или онлайн-платформа)?",
            "Очень плохо",
            "Очень хорошо",
        ),
        "recommend": (
            "Порекомендовали бы вы это обучение коллеге?",
            "",
            ["Да", "Возможно", "Нет"],
        ),
        "useful": (
            "Какие части были для вас наиболее полезными?",
            "Отметьте все подходящие варианты.",
            [
                "Презентации",
                "Практические упражнения",
                "Разбор практических примеров",
                "Обсуждения с другими участниками",
                "Учебные материалы и документы",
            ],
        ),
        "comments": (
            "Есть ли у вас замечания или предложения по улучшению?",
            "Если вы хотите остаться анонимным, не указывайте личные данные.",
        ),
    },
    "zh-hans": {
        "title": "满意度调查",
        "intro": "感谢您的参与。您的回答将帮助我们改进培训。填写大约需要三分钟。",
        "overall": ("总体而言，您对本次培训的满意程度如何？", "非常不满意", "非常满意"),
        "relevance": ("培训内容与您的工作相关程度如何？", "毫不相关", "高度相关"),
        "trainers": ("您如何评价培训师？", "非常差", "非常好"),
        "organisation": (
            "培训的组织情况如何（日程安排、资料、场地或在线平台）？",
            "非常差",
            "非常好",
        ),
        "recommend": ("您会向同事推荐本次培训吗？", "", ["会", "可能会", "不会"]),
        "useful": (
            "哪些部分对您最有帮助？",
            "可多选。",
            ["讲解演示", "实践练习", "案例研究", "与其他学员的交流", "课程材料和文件"],
        ),
        "comments": ("您有什么意见或改进建议吗？", "如希望保持匿名，请勿填写个人信息。"),
    },
    "ar": {
        "title": "استبيان الرضا",
        "intro": (
            "شكرًا لمشاركتك. تساعدنا إجاباتك على تحسين دوراتنا التدريبية. يستغرق ذلك نحو ثلاث دقائق."
        ),
        "overall": ("بشكل عام، ما مدى رضاك عن هذا التدريب؟", "غير راضٍ إطلاقًا", "راضٍ جدًا"),
        "relevance": ("ما مدى صلة المحتوى بعملك؟", "لا صلة له", "وثيق الصلة"),
        "trainers": ("كيف تقيّم المدرّبين؟", "ضعيف جدًا", "ممتاز"),
        "organisation": (
            "ما مدى جودة تنظيم التدريب (الجدول الزمني، المواد، القاعة أو المنصة الإلكترونية)؟",
            "سيئ جدًا",
            "جيد جدًا",
        ),
        "recommend": ("هل توصي زميلًا بهذا التدريب؟", "", ["نعم", "ربما", "لا"]),
        "useful": (
            "ما الأجزاء التي كانت الأكثر فائدة لك؟",
            "اختر كل ما ينطبق.",
            [
                "العروض التقديمية",
                "التمارين العملية",
                "دراسات الحالة",
                "النقاشات مع المشاركين الآخرين",
                "مواد الدورة ووثائقها",
            ],
        ),
        "comments": (
            "هل لديك أي تعليقات أو اقتراحات للتحسين؟",
            "إذا كنت ترغب في البقاء مجهول الهوية، فلا تذكر أي معلومات شخصية.",
        ),
    },
}


def standard_questions(language: str) -> list[dict]:
    """The questions in `language` (English when it has no text), as a StreamField's raw
    data: the ids are given, so every language shares them."""
    texts = TEXTS.get(language) or TEXTS["en"]
    stream = []
    for shape in QUESTIONS:
        text = texts[shape.key]
        value = {"label": text[0], "help_text": "", "required": shape.required}
        if shape.kind == "rating":
            value.update(low_label=text[1], high_label=text[2], headline=shape.headline)
        elif shape.kind in ("single_choice", "multiple_choice"):
            value["help_text"] = text[1]
            value["options"] = [
                {"type": "item", "value": option, "id": shape.option_id(index)}
                for index, option in enumerate(text[2])
            ]
        else:
            value["help_text"] = text[1]
        stream.append({"type": shape.kind, "value": value, "id": shape.id})
    return stream


def fill(template: SurveyTemplate, language: str) -> None:
    texts = TEXTS.get(language) or TEXTS["en"]
    template.title = texts["title"]
    template.intro = texts["intro"]
    template.questions = standard_questions(language)


def has_standard_shape(template: SurveyTemplate) -> bool:
    """Whether the template still holds the questions created here (in any language):
    only then can the texts above translate it without losing an editor's change."""
    return [block.id for block in template.questions] == [shape.id for shape in QUESTIONS]


def ensure_standard_template(using: str = DEFAULT_DB_ALIAS) -> SurveyTemplate:
    """The standard template and one translation of it per language of the platform,
    created when missing; what exists is left as editors made it. Safe to run again."""
    with transaction.atomic(using=using):
        locales = {
            code: Locale.objects.using(using).get_or_create(language_code=code)[0]
            for code, _name in settings.LANGUAGES
        }
        templates = SurveyTemplate.objects.using(using)
        standards = list(templates.filter(is_standard=True).order_by("pk"))
        default = locales.get(settings.LANGUAGE_CODE)
        source = next(
            (t for t in standards if default and t.locale_id == default.pk),
            standards[0] if standards else None,
        )
        if source is None:
            source = SurveyTemplate(locale=default or Locale.get_default(), is_standard=True)
            fill(source, source.locale.language_code)
            source.save(using=using)
            standards.append(source)
        taken = {t.locale_id for t in standards}
        translated = set(
            templates.filter(translation_key=source.translation_key).values_list(
                "locale_id", flat=True
            )
        )
        canned = has_standard_shape(source)
        written = []
        for code, locale in locales.items():
            if locale.pk in taken or locale.pk in translated:
                continue
            translation = source.copy_for_translation(locale)
            if canned:
                fill(translation, code)
            translation.save(using=using)
            written.append(translation)
        if written and using == DEFAULT_DB_ALIAS and apps.is_installed("wagtail_localize"):
            register_with_localize(source, written)
        return source


def register_with_localize(source: SurveyTemplate, translations: list[SurveyTemplate]):
    """Record the translations written here in wagtail-localize, string by string, so that
    editors who reword the original can "Sync translated snippets" and translate only what
    changed. Strings an editor already changed in the original stay untranslated there."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    segments = list(
        StringSegment.objects.filter(source=translation_source).select_related("string")
    )
    source_language = source.locale.language_code
    for template in translations:
        Translation.objects.get_or_create(
            source=translation_source, target_locale=template.locale, defaults={"enabled": True}
        )
        words = wording(source_language, template.locale.language_code)
        # One INSERT per language rather than wagtail-localize's PO import (several
        # queries a string), which matters for tests that flush and migrate again.
        StringTranslation.objects.bulk_create(
            [
                StringTranslation(
                    translation_of_id=segment.string_id,
                    locale=template.locale,
                    context_id=segment.context_id,
                    data=words[segment.string.data],
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
                for segment in segments
                if words.get(segment.string.data)
            ],
            ignore_conflicts=True,
        )


def wording(source_language: str, target_language: str) -> dict[str, str]:
    """Each text of the standard survey in one language against the other."""
    if source_language not in TEXTS or target_language not in TEXTS:
        return {}
    return dict(zip(_strings(source_language), _strings(target_language), strict=True))


def _strings(language: str) -> list[str]:
    texts = TEXTS[language]
    strings = [texts["title"], texts["intro"]]
    for shape in QUESTIONS:
        text = texts[shape.key]
        if shape.kind in ("single_choice", "multiple_choice"):
            strings += [text[0], text[1], *text[2]]
        else:
            strings += list(text)
    return strings
