"""Demo lessons: each demo course's modules and lessons as pages under it, in the six
languages (translations share a translation key, as wagtail-localize makes them)."""

import time
from contextlib import contextmanager

from django.db.models.signals import post_save
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.demo_content import LANGUAGE_CODES
from courses import demo_content as content
from courses.demo import phrase
from courses.demo_translations import LESSON_TEXT
from courses.models import CoursePage
from learning import demo_self_paced
from learning.models import LessonPage, ModulePage


def load(stdout) -> None:
    started = time.monotonic()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    created: list[Page] = []
    with _indexing_deferred():
        for spec in (course for theme in content.THEMES for course in theme["courses"]):
            created += course_lessons(spec, locales)
    _index(created)
    stdout.write(
        f"Lessons: {len(created)} module and lesson pages created "
        f"in {time.monotonic() - started:.1f} s."
    )
    demo_self_paced.load(stdout)


def lesson_text(code: str) -> str:
    return f"<p>{content.LESSON_TEXT if code == 'en' else LESSON_TEXT[code]}</p>"


def course_lessons(spec: dict, locales: dict) -> list[Page]:
    """The modules and lessons of one demo course in every language it is published in,
    the English ones first; only what is missing is added."""
    courses = {
        course.locale.language_code: course
        for course in CoursePage.objects.filter(slug=spec["slug"]).select_related("locale")
    }
    if "en" not in courses:
        return []
    created = []
    keys: dict[tuple, object] = {}
    for code in LANGUAGE_CODES:
        course = courses.get(code)
        if course is None:
            continue
        existing = {page.slug: page for page in ModulePage.objects.child_of(course)}
        for m, (module_title, lesson_titles) in enumerate(spec["modules"], start=1):
            slug = f"module-{m}"
            module = existing.get(slug)
            if module is None:
                module = _add(
                    course,
                    ModulePage(
                        title=phrase(module_title, code),
                        slug=slug,
                        locale=locales[code],
                        translation_key=keys.get(("module", m)),
                    ),
                )
                created.append(module)
            keys[("module", m)] = module.translation_key
            lessons = {page.slug: page for page in LessonPage.objects.child_of(module)}
            for n, lesson_title in enumerate(lesson_titles, start=1):
                slug = f"lesson-{n}"
                lesson = lessons.get(slug)
                if lesson is None:
                    lesson = _add(
                        module,
                        LessonPage(
                            title=phrase(lesson_title, code),
                            slug=slug,
                            locale=locales[code],
                            translation_key=keys.get(("lesson", m, n)),
                            summary="",
                            duration_minutes=15,
                            body=[("text", lesson_text(code))],
                            preview=(m, n) == (1, 1),
                        ),
                    )
                    created.append(lesson)
                keys[("lesson", m, n)] = lesson.translation_key
    return created


def _add(parent: Page, page: Page) -> Page:
    """A published page without a revision: what the demo reads, made quickly."""
    if page.translation_key is None:  # the first language: a new key
        page.translation_key = Page._meta.get_field("translation_key").get_default()
    page.live = True
    page.has_unpublished_changes = False
    return parent.add_child(instance=page)


@contextmanager
def _indexing_deferred():
    models = [ModulePage, LessonPage]
    paused = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)


def _index(pages: list[Page]) -> None:
    by_model: dict = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, group)
        for page in group:
            ReferenceIndex.create_or_update_for_object(page)
