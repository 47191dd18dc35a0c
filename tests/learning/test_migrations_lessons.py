"""Course modules written as blocks become module and lesson pages: the data migration's
tree-building, run on a course built as an editor would."""

import importlib
import uuid

import pytest
from django.apps import apps
from wagtail.models import Page

from cms.factories import locale, translate
from courses.factories import CoursePageFactory, ThemePageFactory
from learning.models import LessonPage, ModulePage
from tests.learning.lessons_world import build_course

pytestmark = pytest.mark.django_db

migration = importlib.import_module("learning.migrations.0002_lessons")


def modules(language: str) -> list[dict]:
    """The raw block data of two modules, with block ids shared by the translations."""
    return [
        {
            "type": "module",
            "id": "11111111-1111-1111-1111-111111111111",
            "value": {
                "title": {"en": "Forecasting", "fr": "Prévoir"}[language],
                "summary": "",
                "lessons": [
                    {
                        "type": "item",
                        "id": str(uuid.uuid4()),
                        "value": {
                            "title": {"en": "Rainfall", "fr": "La pluie"}[language],
                            "text": "<p>How rain becomes floods.</p>",
                            "video_url": "https://video.example.org/rain",
                            "resources": [
                                {
                                    "type": "item",
                                    "id": str(uuid.uuid4()),
                                    "value": {
                                        "title": "Open data",
                                        "document": None,
                                        "url": "https://data.example.org/",
                                    },
                                }
                            ],
                        },
                    },
                    # An older value stored without the list's item wrappers.
                    {
                        "title": {"en": "Rivers", "fr": "Les rivières"}[language],
                        "text": "<p>Rivers rise.</p>",
                        "video_url": "",
                        "resources": [],
                    },
                ],
            },
        },
        {
            "type": "module",
            "id": "22222222-2222-2222-2222-222222222222",
            "value": {"title": "Warning", "summary": "Who to call", "lessons": []},
        },
    ]


def test_modules_become_pages_that_translations_share_and_learners_read(client, home):
    """After the migration, the English and French courses have the modules and lessons as
    pages in their language, sharing translation keys, in a sound tree, and the lesson
    page shows the old text, video link and resources."""
    theme = ThemePageFactory(parent=home, title="Floods", slug="floods")
    course = CoursePageFactory(parent=theme, title="Flood early warning", slug="warning")
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Crues")
    french = translate(course, "fr", title="Alerte aux crues")

    for page, language in ((course, "en"), (french, "fr")):
        page = Page.objects.get(pk=page.pk).specific
        assert migration.pages_from_modules(apps, page, modules(language)) == 4

    assert Page.find_problems() == ([], [], [], [], [])
    english = list(ModulePage.objects.child_of(course).order_by("path"))
    french_modules = list(ModulePage.objects.child_of(french).order_by("path"))
    assert [m.title for m in english] == ["Forecasting", "Warning"]
    assert [m.title for m in french_modules] == ["Prévoir", "Warning"]
    assert [m.translation_key for m in english] == [m.translation_key for m in french_modules]
    assert english[1].summary == "Who to call"
    lessons = list(LessonPage.objects.child_of(english[0]).order_by("path"))
    french_lessons = LessonPage.objects.child_of(french_modules[0]).order_by("path")
    assert [lesson.slug for lesson in french_lessons] == ["la-pluie", "les-rivières"]
    assert [x.translation_key for x in lessons] == [x.translation_key for x in french_lessons]
    assert lessons[0].url == "/en/floods/warning/forecasting/rainfall/"
    assert lessons[0].locale == locale("en") and lessons[0].live

    lessons[0].preview = True
    lessons[0].save(update_fields=["preview"])
    html = client.get(lessons[0].url).content.decode()
    assert "How rain becomes floods." in html
    assert 'href="https://video.example.org/rain"' in html
    assert '<a href="https://data.example.org/" dir="auto" rel="noopener">Open data</a>' in html
    assert "Forecasting" in client.get(course.url).content.decode()


def test_new_pages_follow_the_modules_a_course_already_has(home):
    """A course that already has a module page gets the migrated ones after it."""
    world = build_course(home, modules=1, lessons_per_module=1)
    course = Page.objects.get(pk=world.course.pk).specific
    migration.pages_from_modules(apps, course, modules("en"))
    titles = [m.title for m in ModulePage.objects.child_of(course).order_by("path")]
    assert titles == ["Module 1", "Forecasting", "Warning"]
    assert Page.find_problems() == ([], [], [], [], [])
    assert Page.objects.get(pk=course.pk).numchild == 3


def test_tree_steps_are_written_as_wagtail_writes_them():
    """Path steps use Wagtail's alphabet and width."""
    assert migration.encode_step(1) == "0001"
    assert migration.encode_step(36) == "0010"
    assert migration.decode_step("00ZZ") == 36 * 36 - 1
    assert ModulePage.steplen == migration.STEPLEN
    assert ModulePage.alphabet == migration.ALPHABET
