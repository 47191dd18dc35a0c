"""The standard satisfaction survey: present after migrate in the six languages, one
translation family sharing its question ids, and created again only where missing."""

import pytest
from django.conf import settings
from django.core.management import call_command

from cms.factories import locale
from surveys.models import SurveyTemplate
from surveys.standard import HEADLINE_ID, QUESTION_IDS, ensure_standard_template

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def standards() -> dict[str, SurveyTemplate]:
    return {
        template.locale.language_code: template
        for template in SurveyTemplate.objects.filter(is_standard=True).select_related("locale")
    }


def ids(template) -> list[str]:
    return [block.id for block in template.questions]


def option_ids(template) -> list[list[str]]:
    return [
        [item.id for item in block.value["options"].bound_blocks]
        for block in template.questions
        if "options" in block.value
    ]


def test_after_migrate_the_standard_survey_exists_in_all_six_languages():
    """One standard template per language, all translations of one another, with the same
    question and option ids and the overall rating as the headline."""
    templates = standards()
    assert sorted(templates) == sorted(LANGUAGES)
    english = templates["en"]
    assert english.title == "Satisfaction survey"
    assert ids(english) == list(QUESTION_IDS.values())
    for template in templates.values():
        assert template.translation_key == english.translation_key
        assert ids(template) == ids(english)
        assert option_ids(template) == option_ids(english)
        assert template.headline_question.id == HEADLINE_ID
        assert [b.block_type for b in template.questions] == [
            "rating",
            "rating",
            "rating",
            "rating",
            "single_choice",
            "multiple_choice",
            "text",
        ]
        assert [bool(b.value["required"]) for b in template.questions] == [
            True,
            True,
            True,
            True,
            True,
            False,
            False,
        ]


@pytest.mark.parametrize(
    "language, title, overall",
    [
        ("ar", "استبيان الرضا", "بشكل عام، ما مدى رضاك عن هذا التدريب؟"),
        ("zh-hans", "满意度调查", "总体而言，您对本次培训的满意程度如何？"),
        (
            "fr",
            "Enquête de satisfaction",
            "Dans l’ensemble, êtes-vous satisfait(e) de cette formation ?",
        ),
        ("ru", "Анкета удовлетворённости", "В целом, насколько вы удовлетворены этим обучением?"),
        (
            "es",
            "Encuesta de satisfacción",
            "En general, ¿qué tan satisfecho/a está con esta formación?",
        ),
    ],
)
def test_each_translation_is_written_in_its_language(language, title, overall):
    template = standards()[language]
    assert template.title == title
    assert template.headline_question.value["label"] == overall
    recommend = template.questions[4].value["options"]
    assert len(recommend) == 3


def test_running_it_again_changes_nothing_editors_did():
    english = standards()["en"]
    english.title = "How was it?"
    english.save()
    ensure_standard_template()
    ensure_standard_template()
    assert SurveyTemplate.objects.count() == 6
    assert standards()["en"].title == "How was it?"


def test_a_missing_translation_is_written_again():
    standards()["fr"].delete()
    ensure_standard_template()
    french = standards()["fr"]
    assert french.title == "Enquête de satisfaction"
    assert french.translation_key == standards()["en"].translation_key


def test_a_missing_translation_of_an_edited_survey_copies_the_original():
    """Once editors changed the questions, the texts written here no longer fit: the new
    translation starts as a copy, for wagtail-localize to translate."""
    english = standards()["en"]
    english.questions = [*english.questions.raw_data[:3]]
    english.save()
    standards()["ru"].delete()
    ensure_standard_template()
    russian = standards()["ru"]
    assert russian.title == "Satisfaction survey"
    assert ids(russian) == ids(english)


def test_migrate_creates_it_on_a_fresh_database():
    """The post_migrate receiver: with no template at all, migrate writes all six."""
    SurveyTemplate.objects.all().delete()
    call_command("migrate", "surveys", verbosity=0)
    assert sorted(standards()) == sorted(LANGUAGES)
    assert locale("ar").pk == standards()["ar"].locale_id


def test_wagtail_localize_knows_every_translated_string():
    """Editors who reword the English original can sync the translations: wagtail-localize
    holds each translation's strings, all of them translated."""
    from wagtail_localize.models import Translation, TranslationSource

    source = TranslationSource.objects.get_for_instance_or_none(standards()["en"])
    assert source is not None
    translations = Translation.objects.filter(source=source, enabled=True)
    assert sorted(t.target_locale.language_code for t in translations) == sorted(
        code for code in LANGUAGES if code != "en"
    )
    arabic = translations.get(target_locale__language_code="ar")
    po = arabic.export_po()
    assert len(po) > 20
    assert [entry.msgid for entry in po if not entry.msgstr] == []
    assert {entry.msgid: entry.msgstr for entry in po}["Satisfaction survey"] == "استبيان الرضا"


def test_syncing_through_wagtail_localize_keeps_the_text_and_the_ids():
    """Saving a translation from wagtail-localize's strings writes the same Arabic survey,
    with the same question ids."""
    from wagtail_localize.models import Translation, TranslationSource

    before = standards()["ar"]
    source = TranslationSource.objects.get_for_instance_or_none(standards()["en"])
    Translation.objects.get(source=source, target_locale=before.locale).save_target()
    after = standards()["ar"]
    assert after.pk == before.pk
    assert after.title == "استبيان الرضا"
    assert ids(after) == ids(before)
    assert option_ids(after) == option_ids(before)
    assert after.questions.raw_data[0]["value"] == before.questions.raw_data[0]["value"]
