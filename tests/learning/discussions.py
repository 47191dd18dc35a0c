"""A course with one lesson in English, French and Arabic, a run of it with its trainer,
and enrolled learners: the cast of the discussion tests."""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Locale, Page

from accounts.factories import TrainerFactory, UserFactory
from cms.factories import HomePageFactory, locale, make_site, translate
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from learning.factories import LessonPageFactory, ModulePageFactory


@dataclass
class Cast:
    course: Page
    lesson: Page  # English
    lessons: dict  # language code -> the lesson in that language
    trainer: object
    asker: object
    other: object


def learner(session, **fields):
    user = UserFactory(**fields)
    EnrollmentFactory(user=user, session=session)
    return user


def build_cast() -> Cast:
    for code, _name in settings.LANGUAGES:
        locale(code)
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(title="Training Centre", slug="home")
    make_site(home, is_master=True)
    theme = ThemePageFactory(parent=home, title="Water", slug="water")
    course = CoursePageFactory(parent=theme, title="Groundwater mapping", slug="groundwater")
    module = ModulePageFactory(parent=course, title="Aquifers", slug="aquifers")
    # An open preview: anyone may read it, so its thread shows to visitors too.
    lesson = LessonPageFactory(
        parent=module, title="Reading a well log", slug="well-log", preview=True
    )
    lessons = {"en": lesson}
    titles = {"fr": "Lire un log de puits", "ar": "قراءة سجل البئر"}
    for code in ("fr", "ar"):
        for page in (home, theme, course, module):
            if not page.has_translation(Locale.objects.get(language_code=code)):
                translate(page, code)
        lessons[code] = translate(lesson, code, title=titles[code])
    trainer = TrainerFactory(first_name="Grace", last_name="Otieno")
    session = TrainingSessionFactory(
        course=course, trainers=[TrainerSnippetFactory(user=trainer, name="Grace Otieno")]
    )
    asker = learner(session, first_name="Amina", last_name="Zerhouni")
    other = learner(session, first_name="Bruno", last_name="Castillo")
    LearnerProfileFactory(user=asker, preferred_language="ar")
    return Cast(
        course=course, lesson=lesson, lessons=lessons, trainer=trainer, asker=asker, other=other
    )
