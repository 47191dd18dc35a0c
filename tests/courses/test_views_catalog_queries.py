from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.factories import locale, translate
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    CourseTrainerProfileFactory,
    CurriculumPageFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from courses.models import CourseTrainer, CurriculumCourse, SessionMode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rendered_every_time(settings):
    """Counted without the public page cache, which answers a visitor's second request
    without any query (tests/cms/test_middleware_page_cache.py)."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


PAGES = {
    "catalog": "/en/catalog/",
    "catalog filtered": "/en/catalog/?q=course&mode=in_room&region=africa&open=on&level=beginner",
    "catalog page 2": "/en/catalog/?page=2",
    "Arabic catalog": "/ar/catalog/",
    "theme": "/en/energy/",
    "Arabic theme": "/ar/energy/",
    "course": "/en/energy/featured/",
    "Arabic course": "/ar/energy/featured/",
    "curriculum": "/en/energy/path/",
}


def queries_for(client, path: str) -> int:
    client.get(path)  # warm Wagtail's cached site root paths
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def add_sessions(course, count: int) -> None:
    for number in range(count):
        starts = timezone.now() + timedelta(days=3 + number * 5)
        TrainingSessionFactory(
            course=course,
            starts_at=starts,
            ends_at=starts + timedelta(hours=4),
            mode=SessionMode.IN_ROOM if number % 2 else SessionMode.ONLINE,
            city="Accra",
            country="GH",
            capacity=20,
        )


def add_trainers(course, count: int, start: int) -> None:
    for number in range(start, start + count):
        trainer = CourseTrainerProfileFactory(name=f"Trainer {number}", country="GH")
        translation = trainer.copy_for_translation(locale("ar"))
        translation.bio = "سيرة"
        translation.save()
        CourseTrainer.objects.create(page=course, trainer=trainer, sort_order=number)


def set_modules(course, count: int) -> None:
    """Adds `count` modules of one lesson each under the course."""
    from learning.factories import LessonPageFactory, ModulePageFactory

    for _number in range(count):
        module = ModulePageFactory(parent=course)
        LessonPageFactory(parent=module)


def add_courses(theme, theme_ar, count: int, start: int) -> list:
    """Courses with sessions; every third one translated into Arabic."""
    courses = []
    for number in range(start, start + count):
        course = CoursePageFactory(parent=theme, title=f"Course {number}", slug=f"c{number}")
        if number % 3 == 0:
            translate(course, "ar", title=f"دورة {number}")
        add_sessions(course, 2)
        courses.append(course)
    return courses


@pytest.fixture
def catalog(home, settings, tmp_path):
    """A catalog with a theme, a featured course and a learning path, in English and
    Arabic, which each test then grows."""
    settings.MEDIA_ROOT = tmp_path
    catalog_page = CatalogPageFactory(parent=home)
    translate(catalog_page, "ar", title="الفهرس")
    theme = ThemePageFactory(parent=home, title="Energy", slug="energy")
    theme_ar = translate(theme, "ar", title="الطاقة")
    featured = CoursePageFactory(parent=theme, title="Featured course", slug="featured")
    translate(featured, "ar", title="دورة مميزة")
    path = CurriculumPageFactory(parent=theme, title="Path", slug="path", courses=[featured])
    return {"theme": theme, "theme_ar": theme_ar, "featured": featured, "path": path}


def grow(catalog, *, courses: int, sessions: int, trainers: int, modules: int, start: int):
    featured = catalog["featured"]
    extra = add_courses(catalog["theme"], catalog["theme_ar"], courses, start)
    add_sessions(featured, sessions)
    add_trainers(featured, trainers, start)
    set_modules(featured, modules)
    for number, course in enumerate(extra):
        CurriculumCourse.objects.create(page=catalog["path"], course=course, sort_order=number + 1)
    CurriculumPageFactory(
        parent=catalog["theme"], title=f"Path {start}", slug=f"path-{start}", courses=[featured]
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_queries_do_not_grow_with_courses_and_sessions(client, catalog, page):
    """Each catalog, theme, course and learning path page runs as many queries with 3
    courses as with 30, whatever their sessions, trainers, modules and curricula."""
    grow(catalog, courses=2, sessions=1, trainers=1, modules=1, start=0)
    small = queries_for(client, PAGES[page])
    grow(catalog, courses=28, sessions=9, trainers=4, modules=3, start=100)
    large = queries_for(client, PAGES[page])
    assert small == large
    assert large <= 12
