"""Scenes for the surveys tests: ended sessions, attendance and stored answers to the standard
template; surveys and custom templates come from surveys.factories."""

from datetime import timedelta

from django.utils import timezone

from courses.factories import TrainingSessionFactory
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import Attendance, AttendanceSource, EnrollmentStatus
from enrollment.selectors import session_days
from surveys.models import SurveyCompletion, SurveyResponse
from surveys.services import standard_template
from surveys.standard import QUESTION_IDS


def ended_session(course, *, days_ago: float = 1, hours: float = 6, **fields):
    """A session of `course` that ended `days_ago` days ago, within one calendar day of its
    time zone (UTC) whatever the hour the tests run at: shortened when `hours` would reach
    back before midnight, so a learner who attended its first day attended all of it."""
    ends_at = timezone.now() - timedelta(days=days_ago)
    midnight = ends_at.replace(hour=0, minute=0, second=0, microsecond=0)
    starts_at = max(ends_at - timedelta(hours=hours), midnight)
    return TrainingSessionFactory(course=course, starts_at=starts_at, ends_at=ends_at, **fields)


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
