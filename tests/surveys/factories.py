"""Factories for surveys: a session's survey settings, custom templates, attendance and
stored responses."""

from datetime import timedelta

import factory
from django.utils import timezone

from enrollment.models import Attendance, AttendanceSource, EnrollmentStatus
from enrollment.selectors import session_days
from surveys.models import Survey, SurveyCompletion, SurveyResponse, SurveyTemplate
from surveys.services import standard_template
from surveys.standard import QUESTION_IDS
from tests.courses.factories import TrainingSessionFactory
from tests.enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from tests.factories import locale


def ended_session(course, *, days_ago: float = 1, hours: float = 6, **fields):
    """A session of `course` that ended `days_ago` days ago."""
    ends_at = timezone.now() - timedelta(days=days_ago)
    return TrainingSessionFactory(
        course=course, starts_at=ends_at - timedelta(hours=hours), ends_at=ends_at, **fields
    )


def attend(enrollment, day=None):
    """The learner attended (the session's first day unless told)."""
    Attendance.objects.create(
        enrollment=enrollment,
        day=day or session_days(enrollment.session)[0],
        source=AttendanceSource.ROSTER,
    )
    return enrollment


def attendee(session, *, language="en", status=EnrollmentStatus.CONFIRMED):
    """A learner with a profile in `language` who held a seat in `session` and attended."""
    user = LearnerProfileFactory(preferred_language=language).user
    return attend(EnrollmentFactory(user=user, session=session, status=status))


def standard_answers(overall=5, **others) -> dict:
    """Answers to the standard template, keyed by question id (overall satisfaction
    `overall`, every other rating 4, 'yes', two useful parts, no comment)."""
    answers = {
        QUESTION_IDS["overall"]: overall,
        QUESTION_IDS["relevance"]: 4,
        QUESTION_IDS["trainers"]: 4,
        QUESTION_IDS["organisation"]: 4,
        QUESTION_IDS["recommend"]: 0,
        QUESTION_IDS["useful"]: [0, 1],
    }
    answers.update({QUESTION_IDS[key]: value for key, value in others.items()})
    return {key: value for key, value in answers.items() if value is not None}


def answered(enrollment, *, anonymous=True, language="en", **answers):
    """What response_submit leaves behind, written directly (no window check): the
    completion row and the response."""
    template = standard_template()
    values = standard_answers(**answers)
    SurveyCompletion.objects.create(enrollment=enrollment, session=enrollment.session)
    return SurveyResponse.objects.create(
        session=enrollment.session,
        template=template,
        enrollment=None if anonymous else enrollment,
        language=language,
        submitted_at=None if anonymous else timezone.now(),
        overall_rating=values.get(QUESTION_IDS["overall"]),
        answers=values,
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
