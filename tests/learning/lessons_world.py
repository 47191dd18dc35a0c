"""A course with modules and lessons built as an editor would, its translations, a run of
it, and the people around it: what the lesson and progress tests share."""

from dataclasses import dataclass

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from cms.factories import locale, translate
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from enrollment.factories import EnrollmentFactory
from learning.factories import LessonPageFactory, ModulePageFactory


@dataclass
class CourseWorld:
    course: object
    modules: list
    lessons: list
    session: object
    learner: object
    trainer: object

    def translated(self, page, code: str):
        return page.get_translation(locale(code))


def build_course(home, *, modules=2, lessons_per_module=2, languages=(), title="Flood warning"):
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction")
    course = CoursePageFactory(parent=theme, title=title, summary="Warn before the water rises.")
    module_pages, lesson_pages = [], []
    for m in range(modules):
        module = ModulePageFactory(parent=course, title=f"Module {m + 1}", slug=f"part-{m + 1}")
        module_pages.append(module)
        for n in range(lessons_per_module):
            lesson_pages.append(
                LessonPageFactory(
                    parent=module,
                    title=f"Lesson {m + 1}.{n + 1}",
                    slug=f"unit-{m + 1}-{n + 1}",
                    summary=f"What lesson {m + 1}.{n + 1} teaches",
                    body=[("text", f"<p>Body of lesson {m + 1}.{n + 1}</p>")],
                )
            )
    for code in languages:
        for page in [theme, course, *module_pages, *lesson_pages]:
            _translate_with_parents(page, code)
    trainer = TrainerFactory()
    session = TrainingSessionFactory(
        course=course, trainers=[TrainerSnippetFactory(user=trainer, name="Amina Diallo")]
    )
    learner = UserFactory(first_name="Lina", last_name="Haddad")
    EnrollmentFactory(user=learner, session=session)
    return CourseWorld(course, module_pages, lesson_pages, session, learner, trainer)


def _translate_with_parents(page, code: str):
    """The page's translation into `code`, its parents translated first when missing."""
    if page.has_translation(locale(code)):
        return page.get_translation(locale(code))
    parent = page.get_parent().specific
    if parent.depth > 1 and not parent.has_translation(locale(code)):
        _translate_with_parents(parent, code)
    return translate(page, code, title=f"{page.title} ({code})")


def administrator():
    return AdministratorFactory()


def stranger():
    return UserFactory()
