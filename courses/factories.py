"""Factories for the catalog: themes, courses, curricula, trainers and training sessions;
pages are built as an editor would, under a parent, with a published revision."""

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Site

from cms.factories import PageFactory, locale
from courses.models import (
    ALWAYS_OPEN_ENDS_AT,
    CatalogPage,
    CoursePage,
    CurriculumCourse,
    CurriculumPage,
    SessionMode,
    ThemePage,
    Trainer,
    TrainingSession,
)


class CatalogPageFactory(PageFactory):
    """The catalog of a platform, under `parent` (its home page)."""

    class Meta:
        model = CatalogPage

    title = "Catalog"
    slug = "catalog"


class ThemePageFactory(PageFactory):
    """A theme under `parent` (a platform's home page)."""

    class Meta:
        model = ThemePage

    title = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "What this theme covers"


class CoursePageFactory(PageFactory):
    """A course under `parent` (a theme page)."""

    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "What learners will be able to do"
    duration_hours = 12


class CurriculumPageFactory(PageFactory):
    """A learning path under `parent` (a theme page); `courses=[...]` in that order."""

    class Meta:
        model = CurriculumPage

    title = factory.Sequence(lambda n: f"Learning path {n}")
    slug = factory.Sequence(lambda n: f"path-{n}")
    summary = "Several courses, one after the other"

    @classmethod
    def _create(cls, model_class, *args, courses=(), **kwargs):
        kwargs["curriculum_courses"] = [
            CurriculumCourse(course=course, sort_order=order)
            for order, course in enumerate(courses)
        ]
        return super()._create(model_class, *args, **kwargs)


class TrainerSnippetFactory(factory.django.DjangoModelFactory):
    """A trainer or speaker (the snippet shown on courses), in English by default;
    accounts.factories.TrainerFactory makes trainer accounts."""

    class Meta:
        model = Trainer

    name = factory.Sequence(lambda n: f"Trainer {n}")
    organisation = "Knowledge Centre"
    locale = factory.LazyFunction(lambda: locale("en"))


# The snippet shown on course pages, under the name some tests give it.
CourseTrainerProfileFactory = TrainerSnippetFactory


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """An online session of `course` starting in a week, run by the default site;
    `trainers=[...]` once created."""

    class Meta:
        model = TrainingSession
        skip_postgeneration_save = True

    course = factory.SubFactory(CoursePageFactory)
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=3))
    timezone = "UTC"

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.set(extracted)


class SelfPacedRunFactory(TrainingSessionFactory):
    """An always-open self-paced run of `course`, open since yesterday; give `ends_at` for
    a dated one."""

    mode = SessionMode.SELF_PACED
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = ALWAYS_OPEN_ENDS_AT
