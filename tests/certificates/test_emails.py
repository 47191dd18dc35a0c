"""The email announcing a newly issued certificate: once per certificate, in the learner's
language, with the certificate page, the PDF and the public verification page."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from accounts.factories import AdministratorFactory
from certificates.factories import CompletionRuleFactory
from certificates.models import Certificate, RevocationReason
from certificates.services import (
    certificate_issue,
    certificate_revoke,
    completion_evaluate,
    session_complete,
)
from certificates.tasks import issue_certificates
from cms.direction import isolate
from enrollment.models import AttendanceSource, EnrollmentStatus
from enrollment.selectors import session_days
from enrollment.services import attendance_record
from surveys.services import response_submit, standard_template
from tests.certificates.factories import attend, enrolled
from tests.certificates.test_services_issue import standard_answers

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "الإنذار المبكر بالفيضانات"


def translated(language: str, text: str, **values) -> str:
    """The text as the learner's language says it (English until the catalogue has it)."""
    with translation.override(language):
        return gettext(text) % values


def answer_survey(enrollment):
    response_submit(
        enrollment=enrollment,
        template=standard_template(),
        answers=standard_answers(),
        language="en",
    )


def emails_to(mailoutbox, user):
    return [message for message in mailoutbox if message.to == [user.email]]


def html_of(message) -> str:
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def test_arabic_learner_gets_the_email_in_arabic_once_the_survey_completes_the_rule(
    session, run_tasks, mailoutbox
):
    """The survey answer was the last step: the Arabic learner gets one email in Arabic,
    right to left, naming the course and the printed name, with the three addresses."""
    enrollment = attend(enrolled(session, language="ar", first_name="Amina", last_name="Diallo"))
    answer_survey(enrollment)
    run_tasks()

    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.language == "ar"
    (message,) = emails_to(mailoutbox, enrollment.user)
    assert message.subject == translated(
        "ar", "Your certificate is ready: %(course)s", course=isolate(ARABIC_TITLE)
    )
    body = message.body
    assert translated("ar", "Hello %(name)s,", name=isolate("Amina")) in body
    assert isolate(ARABIC_TITLE) in body
    assert isolate("Amina Diallo") in body
    page = f"http://testserver/ar/learning/{enrollment.pk}/certificate/"
    assert page in body
    assert f"http://testserver/ar/learning/{enrollment.pk}/certificate.pdf" in body
    assert f"http://testserver/ar/certificates/verify/{certificate.code}/" in body
    html = html_of(message)
    assert '<html lang="ar" dir="rtl">' in html
    assert f'<a href="{page}">{ARABIC_TITLE}</a>' in html
    assert "<bdi>Amina Diallo</bdi>" in html


def test_english_learner_is_asked_to_confirm_the_name_before_downloading(
    enrollment, run_tasks, mailoutbox
):
    """A new certificate's name is not yet confirmed: the email says to confirm it first."""
    answer_survey(enrollment)
    run_tasks()
    (message,) = emails_to(mailoutbox, enrollment.user)
    assert message.subject == "Your certificate is ready: \u2068Flood early warning\u2069"
    assert "Confirm the name to print on it, then download it." in message.body
    assert "http://testserver/en/learning/" in message.body


def test_the_day_of_attendance_that_completes_the_rule_sends_the_email(
    session, run_tasks, mailoutbox
):
    """No survey needed: the third of four days reaches 75%, and the email follows."""
    CompletionRuleFactory(session=session, survey_required=False)
    enrollment = attend(enrolled(session), 2)
    third_day = session_days(session)[2]
    attendance_record(enrollment=enrollment, day=third_day, source=AttendanceSource.ROSTER)
    run_tasks()
    assert Certificate.objects.filter(enrollment=enrollment).exists()
    assert len(emails_to(mailoutbox, enrollment.user)) == 1


def test_running_the_issuing_job_again_sends_nothing_more(enrollment, run_tasks, mailoutbox):
    """The daily job finds the certificate already issued: no second email."""
    answer_survey(enrollment)
    run_tasks()
    issue_certificates.enqueue()
    run_tasks()
    issue_certificates.enqueue()
    run_tasks()
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert len(emails_to(mailoutbox, enrollment.user)) == 1


def test_a_learner_who_does_not_meet_the_rule_gets_nothing(session, run_tasks, mailoutbox):
    """One day of four: no certificate, no email, however often the job runs."""
    enrollment = attend(enrolled(session), 1)
    answer_survey(enrollment)
    run_tasks()
    issue_certificates.enqueue()
    run_tasks()
    assert not Certificate.objects.exists()
    assert emails_to(mailoutbox, enrollment.user) == []


def test_a_cancelled_enrollment_gets_nothing(session, run_tasks, mailoutbox):
    enrollment = attend(enrolled(session, status=EnrollmentStatus.CANCELLED))
    issue_certificates.enqueue()
    run_tasks()
    assert emails_to(mailoutbox, enrollment.user) == []


def test_a_revoked_certificate_is_not_announced_again(enrollment, run_tasks, mailoutbox):
    """Revoked after its email: the daily job neither reissues nor writes again."""
    answer_survey(enrollment)
    run_tasks()
    certificate_revoke(
        certificate=Certificate.objects.get(enrollment=enrollment),
        by=AdministratorFactory(),
        reason=RevocationReason.ISSUED_IN_ERROR,
    )
    issue_certificates.enqueue()
    run_tasks()
    assert len(emails_to(mailoutbox, enrollment.user)) == 1


def test_a_certificate_revoked_before_its_email_left_is_not_announced(
    session, run_tasks, mailoutbox
):
    """The worker reads the certificate as it stands: revoked meanwhile, no email."""
    CompletionRuleFactory(session=session, survey_required=False)
    enrollment = attend(enrolled(session))
    certificate = completion_evaluate(enrollment=enrollment)
    certificate_revoke(
        certificate=certificate, by=AdministratorFactory(), reason=RevocationReason.ISSUED_IN_ERROR
    )
    run_tasks()
    assert emails_to(mailoutbox, enrollment.user) == []


def test_issuing_by_hand_sends_the_email_and_reinstating_does_not(session, run_tasks, mailoutbox):
    """An administrator's new certificate is announced; reinstating a revoked one is not."""
    enrollment = attend(enrolled(session), 1)
    admin = AdministratorFactory()
    certificate = certificate_issue(enrollment=enrollment, by=admin, note="Attended remotely")
    run_tasks()
    assert len(emails_to(mailoutbox, enrollment.user)) == 1
    certificate_revoke(certificate=certificate, by=admin, reason=RevocationReason.ISSUED_IN_ERROR)
    certificate_issue(enrollment=enrollment, by=admin, note="Revoked by mistake")
    run_tasks()
    assert len(emails_to(mailoutbox, enrollment.user)) == 1


def test_certificates_issued_without_notice_send_nothing(enrollment, run_tasks, mailoutbox):
    """What the demo issues (notify=False) is never announced."""
    answer_survey(enrollment)
    session_complete(session=enrollment.session, notify=False)
    assert Certificate.objects.filter(enrollment=enrollment).exists()
    run_tasks()
    assert emails_to(mailoutbox, enrollment.user) == []
