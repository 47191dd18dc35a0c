"""The completion rule at its edges: attendance rounded down against the minimum, the
survey required or not, a session's rule over its course's, and nothing before the end."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.factories import CompletionRuleFactory
from certificates.models import Certificate
from certificates.services import completion_check, completion_evaluate, rule_for
from courses.factories import TrainingSessionFactory
from courses.models import SessionStatus
from enrollment.models import EnrollmentStatus
from surveys.models import SurveyCompletion
from tests.certificates.factories import attend, ended_session, enrolled

pytestmark = pytest.mark.django_db


def answered(enrollment):
    SurveyCompletion.objects.create(enrollment=enrollment, session=enrollment.session)
    return enrollment


def refreshed(enrollment):
    enrollment.refresh_from_db()
    return enrollment


def test_three_days_of_four_meet_the_default_75_percent(session):
    """75% attendance (3 of 4 days) and the survey answered: completed, certificate issued."""
    enrollment = answered(attend(enrolled(session), 3))
    certificate = completion_evaluate(enrollment=enrollment)
    assert certificate is not None
    assert refreshed(enrollment).status == EnrollmentStatus.COMPLETED


def test_three_days_of_four_miss_a_76_percent_rule(session, course):
    """75% is not 76%: no certificate, and the enrollment stays confirmed."""
    CompletionRuleFactory(course=course, min_attendance_percent=76)
    enrollment = answered(attend(enrolled(session), 3))
    evaluation = completion_check(enrollment)
    assert evaluation.attendance_percent == 75
    assert not evaluation.attendance_met
    assert completion_evaluate(enrollment=enrollment) is None
    assert refreshed(enrollment).status == EnrollmentStatus.CONFIRMED


def test_two_days_of_three_round_down_below_67_percent(course):
    """66.7% is rounded down to 66: it misses a 67% rule."""
    CompletionRuleFactory(course=course, min_attendance_percent=67, survey_required=False)
    enrollment = attend(enrolled(ended_session(course, days=3)), 2)
    assert completion_check(enrollment).attendance_percent == 66
    assert completion_evaluate(enrollment=enrollment) is None


def test_half_the_days_miss_the_default(session):
    enrollment = answered(attend(enrolled(session), 2))
    assert completion_check(enrollment).attendance_percent == 50
    assert completion_evaluate(enrollment=enrollment) is None


def test_survey_required_by_default(session):
    """Full attendance without the survey: not yet; once answered: issued."""
    enrollment = attend(enrolled(session))
    evaluation = completion_check(enrollment)
    assert evaluation.attendance_met and not evaluation.survey_met
    assert completion_evaluate(enrollment=enrollment) is None
    assert completion_evaluate(enrollment=answered(enrollment)) is not None


def test_course_rule_without_survey_issues_on_attendance_alone(session, course):
    CompletionRuleFactory(course=course, survey_required=False)
    enrollment = attend(enrolled(session), 3)
    assert completion_evaluate(enrollment=enrollment) is not None


def test_session_rule_overrides_the_course_rule(session, course):
    """The course asks 100% and the survey; this session asks 50% only: 2 of 4 days pass."""
    CompletionRuleFactory(course=course, min_attendance_percent=100, survey_required=True)
    CompletionRuleFactory(session=session, min_attendance_percent=50, survey_required=False)
    assert rule_for(session).min_attendance_percent == 50
    enrollment = attend(enrolled(session), 2)
    assert completion_evaluate(enrollment=enrollment) is not None


def test_course_rule_set_on_a_translation_applies(session, course):
    """A rule on the Arabic course applies to sessions of the English one."""
    arabic = course.get_translations().get(locale__language_code="ar")
    CompletionRuleFactory(course=arabic, min_attendance_percent=100, survey_required=False)
    assert rule_for(session).min_attendance_percent == 100


def test_nothing_before_the_session_ends(course):
    """Every day attended and the survey answered, but the session ends tonight."""
    now = timezone.now()
    running = TrainingSessionFactory(
        course=course, starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=2)
    )
    enrollment = answered(attend(enrolled(running)))
    assert not completion_check(enrollment, now).session_ended
    assert completion_evaluate(enrollment=enrollment, now=now) is None
    later = now + timedelta(hours=3)
    assert completion_evaluate(enrollment=enrollment, now=later) is not None


def test_a_rule_without_certificate_still_completes(session, course):
    CompletionRuleFactory(course=course, survey_required=False, issues_certificate=False)
    enrollment = attend(enrolled(session))
    assert completion_evaluate(enrollment=enrollment) is None
    assert refreshed(enrollment).status == EnrollmentStatus.COMPLETED
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("status", [EnrollmentStatus.CANCELLED, EnrollmentStatus.WAITLISTED])
def test_learners_without_a_seat_get_nothing(session, status):
    enrollment = answered(attend(enrolled(session), on=[]))
    enrollment.status = status
    enrollment.save()
    assert completion_evaluate(enrollment=enrollment) is None


def test_cancelled_session_issues_nothing(session, enrollment):
    session.status = SessionStatus.CANCELLED
    session.save()
    assert completion_evaluate(enrollment=answered(enrollment)) is None


def test_evaluating_again_keeps_one_certificate(session, enrollment):
    answered(enrollment)
    first = completion_evaluate(enrollment=enrollment)
    second = completion_evaluate(enrollment=refreshed(enrollment))
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


def test_certificate_holds_a_snapshot_in_the_learners_language(session, course):
    """An Arabic-speaking learner's certificate: Arabic title, the session's days, the
    course's hours, the trainers and the issuing site, named in Arabic."""
    enrollment = answered(attend(enrolled(session, language="ar", first_name="Layla")))
    certificate = completion_evaluate(enrollment=enrollment)
    assert certificate.language == "ar"
    assert certificate.course_title == "الإنذار المبكر بالفيضانات"
    assert (certificate.ends_on - certificate.starts_on).days == 3
    assert certificate.hours == 24
    assert certificate.trainer_names == "Grace Otieno, Wei Zhang"
    assert certificate.issuer_name == "مركز التدريب"
    assert certificate.issuer_url == "http://testserver"
    assert certificate.printed_name.startswith("Layla")
    assert certificate.name_confirmed_at is None


def test_an_erased_or_closed_account_gets_no_new_certificate(session):
    """Attendance marked late for a learner whose account is closed completes the enrollment
    but issues nothing: the certificate would be printed for a placeholder."""
    enrollment = answered(attend(enrolled(session), 4))
    enrollment.user.is_active = False
    enrollment.user.save(update_fields=["is_active"])
    assert completion_evaluate(enrollment=enrollment) is None
    assert refreshed(enrollment).status == EnrollmentStatus.COMPLETED
    assert not Certificate.objects.filter(enrollment=enrollment).exists()
