"""Factories for lessons: modules and lessons built as an editor would, under a course."""

import factory

from cms.factories import PageFactory
from learning.models import LessonPage, ModulePage


class ModulePageFactory(PageFactory):
    """A module under `parent` (a course page)."""

    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    summary = "What this module covers"


class LessonPageFactory(PageFactory):
    """A lesson under `parent` (a module page). `questions` takes StreamField data such as
    [("single_choice", {...})]."""

    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    summary = "What this lesson teaches"
    body = factory.LazyFunction(lambda: [("text", "<p>A lesson is read at one's own pace.</p>")])
