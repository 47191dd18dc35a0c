"""What the lesson page is made of and weighs: responsive lazy images, downloads, and a
fixed number of queries and a size within the first round trip whatever the course's
number of lessons and learners."""

import gzip
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from accounts.factories import UserFactory
from enrollment.factories import EnrollmentFactory
from learning.factories import LessonPageFactory, ModulePageFactory
from learning.models import LessonProgress
from tests.learning.lessons_world import build_course

pytestmark = pytest.mark.django_db

FIRST_ROUND_TRIP_BYTES = 14 * 1024
PARAGRAPH = (
    "<p>"
    + "Rivers rise when rain falls on saturated ground and the soil cannot hold it. " * 8
    + "</p>"
)


def queries(client, url: str) -> int:
    client.get(url)  # warm the cached site root paths
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def grow(world, *, modules: int, lessons: int, learners: int) -> None:
    """More modules and lessons in the course, and more learners with ticks."""
    for _m in range(modules):
        module = ModulePageFactory(parent=world.course)
        for _n in range(lessons):
            LessonPageFactory(parent=module)
    keys = [lesson.translation_key for lesson in world.lessons]
    for _ in range(learners):
        learner = EnrollmentFactory(session=world.session, user=UserFactory()).user
        LessonProgress.objects.bulk_create(
            LessonProgress(
                user=learner,
                course_key=world.course.translation_key,
                lesson_key=key,
                seen_at=world.session.starts_at,
                done_at=world.session.starts_at,
            )
            for key in keys
        )


def test_lesson_module_and_course_pages_run_fixed_queries(client, home):
    """The lesson, module and course pages run as many queries with 4 lessons and 1
    learner as with 16 lessons and 21 learners."""
    world = build_course(home)
    client.force_login(world.learner)
    client.post(f"/en/learning/lessons/{world.lessons[0].pk}/done/")
    pages = [world.lessons[1].url, world.modules[0].url, world.course.url]
    small = [queries(client, url) for url in pages]
    grow(world, modules=3, lessons=4, learners=20)
    large = [queries(client, url) for url in pages]
    assert small == large
    # Of the lesson page's 32: Wagtail's routing through the five levels of the tree and
    # the base template take about 20; the quiz, discussion and video parts 3 more.
    assert max(large) <= 32


def test_a_long_lesson_in_a_large_course_fits_the_first_round_trip(client, home):
    """A lesson of about 800 words in a course of 31 lessons is at most 14 KB compressed."""
    world = build_course(home, modules=1, lessons_per_module=1)
    lesson = world.lessons[0]
    lesson.body = [("text", PARAGRAPH) for _ in range(6)]
    lesson.save_revision().publish()
    grow(world, modules=6, lessons=5, learners=0)
    client.force_login(world.learner)
    response = client.get(lesson.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= FIRST_ROUND_TRIP_BYTES
    html = gzip.decompress(response.content).decode()
    assert html.count('<li class="') >= 31


def test_a_figure_is_responsive_lazy_and_sized(client, home, settings, tmp_path):
    """An image in a lesson comes in several widths, loads lazily, with its size and alt."""
    settings.MEDIA_ROOT = tmp_path
    world = build_course(home, modules=1, lessons_per_module=1)
    image = Image.objects.create(title="River", file=get_test_image_file(size=(1600, 900)))
    document = Document.objects.create(
        title="Slides", file=ContentFile(b"%PDF-1.4 slides", name="slides.pdf")
    )
    lesson = world.lessons[0]
    lesson.body = [
        ("figure", {"image": image, "alt_text": "A river in flood", "caption": "The Niger"}),
        (
            "resources",
            {"heading": "", "resources": [{"title": "Slides", "document": document, "url": ""}]},
        ),
    ]
    lesson.save_revision().publish()
    client.force_login(world.learner)
    html = client.get(lesson.url).content.decode()
    img = re.search(r"<img [^>]*>", html).group(0)
    assert 'loading="lazy"' in img and 'alt="A river in flood"' in img
    assert "srcset=" in img and "sizes=" in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert '<figcaption dir="auto">The Niger</figcaption>' in html
    assert f'<a href="{document.url}" dir="auto" download>Slides</a> <small>(PDF' in html
