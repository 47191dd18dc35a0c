"""Factories for surveys: a session's survey settings, custom templates, invitations, who
answered and the stored responses."""

from contextlib import contextmanager

import factory
from django.utils import timezone

from cms.factories import locale
from courses.factories import TrainingSessionFactory
from enrollment.factories import EnrollmentFactory
from surveys.models import (
    Survey,
    SurveyCompletion,
    SurveyInvitation,
    SurveyResponse,
    SurveyTemplate,
)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    session = factory.SubFactory(TrainingSessionFactory)
    anonymous = True


class SurveyTemplateFactory(factory.django.DjangoModelFactory):
    """A custom template in English: one rating question (not the headline unless told)
    and one free text."""

    class Meta:
        model = SurveyTemplate

    title = factory.Sequence(lambda n: f"Workshop feedback {n}")
    locale = factory.LazyFunction(lambda: locale("en"))
    is_standard = False
    questions = factory.LazyAttribute(
        lambda template: [
            {
                "type": "rating",
                "id": "11111111-1111-4111-8111-111111111111",
                "value": {
                    "label": "How useful was the workshop?",
                    "help_text": "",
                    "required": True,
                    "low_label": "Useless",
                    "high_label": "Very useful",
                    "headline": template.headline,
                },
            },
            {
                "type": "text",
                "id": "22222222-2222-4222-8222-222222222222",
                "value": {"label": "What would you change?", "help_text": "", "required": False},
            },
        ]
    )

    class Params:
        headline = False


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyInvitation

    enrollment = factory.SubFactory(EnrollmentFactory)
    invited_at = factory.LazyFunction(timezone.now)
    reminded_at = None


class SurveyCompletionFactory(factory.django.DjangoModelFactory):
    """That the learner answered (their answers stay in a response of their session)."""

    class Meta:
        model = SurveyCompletion

    enrollment = factory.SubFactory(EnrollmentFactory)
    session = factory.SelfAttribute("enrollment.session")
    answered_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with answered_at_kept():
            return super()._create(model_class, *args, **kwargs)


@contextmanager
def answered_at_kept():
    """`answered_at` is filled on insert; a factory (or a bulk insert of built completions)
    keeps the moment it was given."""
    field = SurveyCompletion._meta.get_field("answered_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    """A response of `session`; anonymous (no enrollment, no submission time) unless
    `enrollment` is given."""

    class Meta:
        model = SurveyResponse

    session = factory.SubFactory(TrainingSessionFactory)
    template = factory.SubFactory(SurveyTemplateFactory)
    enrollment = None
    language = factory.LazyAttribute(lambda response: response.template.locale.language_code)
    submitted_at = None
    overall_rating = None
    answers = factory.LazyFunction(dict)
