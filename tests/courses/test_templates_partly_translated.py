"""A translated course, theme or learning path that still shows parts of its original says
so: a notice on its page, its untranslated parts marked with their language, and a badge
on its catalog card."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.factories import locale, translate
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    CourseTrainerProfileFactory,
    CurriculumPageFactory,
    ThemePageFactory,
)
from courses.models import CourseTrainer

pytestmark = pytest.mark.django_db

NOTICE = re.compile(r'<p class="message translation-notice" role="note">(.*?)</p>', re.S)
BADGE = 'class="state state-partly-translated"'

FRENCH_COURSE = {
    "title": "Alerte précoce aux crues",
    "summary": "Construire un système d'alerte précoce aux crues.",
    "prerequisites": "Des notions d'hydrologie.",
    "objectives": [
        ("objective", "Lire une prévision de pluie"),
        ("objective", "Alerter un village"),
    ],
}


@pytest.fixture
def theme(home):
    translate(home, "fr", title="Centre de formation", tagline="Apprendre avec nous")
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")
    translate(theme, "fr", title="Réduction des risques", description="Ce que couvre ce thème")
    translate(theme, "ar", title="الحد من المخاطر", description="ما يغطيه هذا الموضوع")
    return theme


@pytest.fixture
def course(theme):
    return CoursePageFactory(
        parent=theme,
        title="Flood early warning",
        slug="floods",
        summary="Build an early warning system for floods.",
        prerequisites="Basic hydrology.",
        objectives=[("objective", "Read a rainfall forecast"), ("objective", "Warn a village")],
    )


def html_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def notice(html: str) -> str | None:
    found = NOTICE.search(html)
    return " ".join(found.group(1).split()) if found else None


def test_fully_translated_course_page_shows_no_notice(client, course):
    """A course whose French translation translates every text reads without a notice."""
    translate(course, "fr", **FRENCH_COURSE)
    html = html_of(client, "/fr/drr/floods/")
    assert notice(html) is None
    assert "<li dir=\"auto\">Lire une prévision de pluie</li>" in html
    assert 'lang="en"' not in html.split("<article", 1)[1]


def test_course_page_with_untranslated_fields_says_so_in_the_readers_language(client, course):
    """A French course whose objectives and prerequisites are still English tells the reader, in
    French, that those parts are shown in English, and marks them as English."""
    partial = {key: value for key, value in FRENCH_COURSE.items() if key in {"title", "summary"}}
    translate(course, "fr", **partial)
    html = html_of(client, "/fr/drr/floods/")
    text = notice(html)
    assert text is not None
    assert "français" in text and "anglais" in text
    assert '<ul lang="en" dir="ltr"><li dir="auto">Read a rainfall forecast</li>' in html
    assert '<div lang="en" dir="ltr"><p>Basic hydrology.</p></div>' in html
    assert "<h1 dir=\"auto\">Alerte précoce aux crues</h1>" in html


def test_arabic_notice_names_the_languages_in_arabic(client, course):
    """An Arabic reader of a course partly in English reads the notice's languages in Arabic."""
    translate(course, "ar", title="الإنذار المبكر بالفيضانات", summary="بناء نظام إنذار مبكر.")
    text = notice(html_of(client, "/ar/drr/floods/"))
    assert text is not None
    assert "العربيّة" in text and "الإنجليزيّة" in text


def test_translating_the_rest_removes_the_notice(client, course):
    """Once an editor publishes the missing translations, the notice goes away."""
    translation = translate(course, "fr", title="Alerte précoce aux crues")
    assert notice(html_of(client, "/fr/drr/floods/")) is not None
    for name, value in FRENCH_COURSE.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    assert notice(html_of(client, "/fr/drr/floods/")) is None


def test_editing_the_original_shows_which_translations_fall_behind(client, course):
    """A translation without the original's prerequisites reads as complete once the
    original drops them too."""
    translate(course, "fr", **{**FRENCH_COURSE, "prerequisites": ""})
    assert notice(html_of(client, "/fr/drr/floods/")) is not None
    course.prerequisites = ""
    course.save_revision().publish()
    assert notice(html_of(client, "/fr/drr/floods/")) is None


def test_trainer_without_a_translation_is_named_in_the_notice(client, course):
    """A French course whose trainer's bio exists only in English says part of it is in English."""
    trainer = CourseTrainerProfileFactory(name="Ana Souza", bio="Hydrologist in the Andes.")
    CourseTrainer.objects.create(page=course, trainer=trainer, sort_order=0)
    translate(course, "fr", **FRENCH_COURSE)
    assert notice(html_of(client, "/fr/drr/floods/")) is not None
    translation = trainer.copy_for_translation(locale("fr"))
    translation.bio = "Hydrologue dans les Andes."
    translation.save()
    html = html_of(client, "/fr/drr/floods/")
    assert notice(html) is None
    assert "Hydrologue dans les Andes." in html


def test_trainer_translation_with_the_english_bio_counts_as_untranslated(client, course):
    """A trainer translation that kept the English bio still earns the notice."""
    trainer = CourseTrainerProfileFactory(name="Ana Souza", bio="Hydrologist in the Andes.")
    CourseTrainer.objects.create(page=course, trainer=trainer, sort_order=0)
    translate(course, "fr", **FRENCH_COURSE)
    trainer.copy_for_translation(locale("fr")).save()
    assert notice(html_of(client, "/fr/drr/floods/")) is not None


def test_theme_and_learning_path_pages_show_the_notice(client, theme, course):
    """A theme and a learning path whose French texts are still English show the notice."""
    translate(course, "fr", **FRENCH_COURSE)
    untranslated_theme = ThemePageFactory(parent=theme.get_parent(), title="Energy", slug="energy")
    translate(untranslated_theme, "fr", title="Énergie")
    path = CurriculumPageFactory(
        parent=theme, title="Path", slug="path", summary="Three courses", courses=[course]
    )
    translate(path, "fr", title="Parcours")
    assert notice(html_of(client, "/fr/drr/")) is None
    energy = html_of(client, "/fr/energy/")
    assert notice(energy) is not None
    assert '<p class="lead" lang="en" dir="ltr">What this theme covers</p>' in energy
    assert notice(html_of(client, "/fr/drr/path/")) is not None


def test_catalog_card_of_a_partly_translated_course_shows_a_badge(client, home, theme, course):
    """In the French catalog, only the partly translated course's card carries the badge."""
    translate(CatalogPageFactory(parent=home), "fr", title="Catalogue")
    translate(course, "fr", **FRENCH_COURSE)
    other = CoursePageFactory(parent=theme, title="Drought monitoring", slug="drought")
    translate(other, "fr", title="Suivi de la sécheresse")
    html = html_of(client, "/fr/catalog/")
    cards = {
        href: card
        for card, href in re.findall(
            r'(<li class="course-card">\s*<h3[^>]*><a href="([^"]+)".*?</li>)', html, re.S
        )
    }
    assert BADGE in cards["/fr/drr/drought/"]
    assert BADGE not in cards["/fr/drr/floods/"]


def test_catalog_queries_do_not_depend_on_translation_gaps(client, home, theme):
    """The French catalog runs as many queries whether its courses are fully or partly
    translated."""
    translate(CatalogPageFactory(parent=home), "fr", title="Catalogue")
    courses = [
        CoursePageFactory(parent=theme, title=f"Course {n}", slug=f"c{n}") for n in range(6)
    ]
    for number, course in enumerate(courses[:3]):
        translate(course, "fr", title=f"Cours {number}", summary=f"Résumé {number}")

    def count() -> int:
        client.get("/fr/catalog/")
        with CaptureQueriesContext(connection) as context:
            assert client.get("/fr/catalog/").status_code == 200
        return len(context.captured_queries)

    complete = count()
    for number, course in enumerate(courses[3:]):
        translate(course, "fr", title=f"Cours partiel {number}")
    assert BADGE in client.get("/fr/catalog/").content.decode()
    assert count() == complete
