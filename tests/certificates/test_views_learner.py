"""The learner's certificate page: what is missing before it is issued, the name confirmed
once, the downloads and links after, revocation; nobody else's certificate, ever."""

from urllib.parse import parse_qs, urlsplit

import pytest

from accounts.factories import UserFactory
from certificates.factories import CertificateFactory, CompletionRuleFactory
from certificates.models import Certificate, RevocationReason
from certificates.services import certificate_revoke, completion_evaluate
from certificates.tasks import issue_certificates
from surveys.models import SurveyCompletion
from tests.certificates.factories import attend, confirmed, enrolled

pytestmark = pytest.mark.django_db


def page_url(enrollment, language="en") -> str:
    return f"/{language}/learning/{enrollment.pk}/certificate/"


def download_urls(enrollment, language="en") -> list[str]:
    base = f"/{language}/learning/{enrollment.pk}"
    return [f"{base}/certificate.pdf", f"{base}/badge.json", f"{base}/badge.jwt"]


@pytest.fixture
def issued(enrollment):
    """The rule met (survey answered) and the certificate issued, its name not confirmed."""
    SurveyCompletion.objects.create(enrollment=enrollment, session=enrollment.session)
    return completion_evaluate(enrollment=enrollment)


@pytest.fixture
def signed_in(client, enrollment):
    client.force_login(enrollment.user)
    return client


def test_anonymous_reader_is_asked_to_log_in(client, enrollment):
    response = client.get(page_url(enrollment))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_learners_certificate_page_and_files_are_404(client, issued):
    """Ids reveal nothing: another learner's page and downloads do not exist for a stranger."""
    confirmed(issued)
    client.force_login(UserFactory())
    enrollment = issued.enrollment
    for url in [page_url(enrollment), *download_urls(enrollment)]:
        assert client.get(url).status_code == 404, url


def test_unknown_enrollment_is_404(signed_in):
    assert signed_in.get("/en/learning/999999/certificate/").status_code == 404


def test_not_issued_yet_says_what_is_missing(signed_in, session, enrollment, course):
    """3 of 4 days against an 80% rule, survey not answered: both are named."""
    CompletionRuleFactory(course=course, min_attendance_percent=80)
    enrollment.attendance.all().order_by("-day").first().delete()
    response = signed_in.get(page_url(enrollment))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Not issued yet" in content
    assert "Attendance: 75% of the session's days (80% required)." in content
    assert "Satisfaction survey: not answered yet." in content
    assert not Certificate.objects.exists()


def test_survey_not_listed_when_the_rule_does_not_ask_it(signed_in, enrollment, course):
    CompletionRuleFactory(course=course, min_attendance_percent=100, survey_required=False)
    enrollment.attendance.first().delete()
    content = signed_in.get(page_url(enrollment)).content.decode()
    assert "Satisfaction survey" not in content
    assert "(100% required)" in content


def test_a_met_rule_shows_the_certificate_being_prepared_until_the_task_issues_it(
    signed_in, enrollment, run_tasks
):
    """The rule is met but no task has issued the certificate yet: the page says it is
    being prepared (and reading it issues nothing); once the scheduled job has run, the
    certificate is there."""
    SurveyCompletion.objects.create(enrollment=enrollment, session=enrollment.session)
    response = signed_in.get(page_url(enrollment))
    assert "Your certificate is being prepared" in response.content.decode()
    assert not Certificate.objects.filter(enrollment=enrollment).exists()
    issue_certificates.enqueue()
    run_tasks()
    response = signed_in.get(page_url(enrollment))
    assert Certificate.objects.filter(enrollment=enrollment).exists()
    assert "Confirm my name" in response.content.decode()


def test_learner_without_a_seat_is_told_there_is_none(client, session):
    enrollment = attend(enrolled(session, status="cancelled"), on=[])
    client.force_login(enrollment.user)
    content = client.get(page_url(enrollment)).content.decode()
    assert "No certificate for this enrollment" in content


def test_downloads_wait_for_the_name(signed_in, issued):
    """Before the name is confirmed, every download leads back to the page."""
    for url in download_urls(issued.enrollment):
        response = signed_in.get(url)
        assert response.status_code == 302
        assert response["Location"] == page_url(issued.enrollment)


def test_name_is_confirmed_once_in_any_script(signed_in, issued):
    response = signed_in.post(page_url(issued.enrollment), {"name": "  أمينة   ديالو "})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.printed_name == "أمينة ديالو"
    assert issued.name_confirmed_at is not None
    # The form is gone; a second post changes nothing.
    page = signed_in.get(page_url(issued.enrollment)).content.decode()
    assert "Confirm my name" not in page
    response = signed_in.post(page_url(issued.enrollment), {"name": "Someone Else"}, follow=True)
    assert "already confirmed" in response.content.decode()
    issued.refresh_from_db()
    assert issued.printed_name == "أمينة ديالو"


def test_empty_name_shows_the_form_again(signed_in, issued):
    response = signed_in.post(page_url(issued.enrollment), {"name": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors
    issued.refresh_from_db()
    assert issued.name_confirmed_at is None


def test_confirmed_certificate_offers_downloads_and_links(signed_in, issued):
    confirmed(issued)
    response = signed_in.get(page_url(issued.enrollment))
    content = response.content.decode()
    for url in download_urls(issued.enrollment):
        assert f'href="{url}"' in content
    verification = f"http://testserver/en/certificates/verify/{issued.code}/"
    assert verification in content
    linkedin = response.context["linkedin_url"]
    assert linkedin.startswith("https://www.linkedin.com/profile/add?")
    query = parse_qs(urlsplit(linkedin).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == [issued.course_title]
    assert query["organizationName"] == ["Training Centre"]
    assert query["issueYear"] == [str(issued.issued_at.year)]
    assert query["issueMonth"] == [str(issued.issued_at.month)]
    assert query["certUrl"] == [verification]
    assert query["certId"] == [issued.code]


def test_downloads_after_confirmation(signed_in, issued):
    confirmed(issued)
    pdf_url, json_url, jwt_url = download_urls(issued.enrollment)
    response = signed_in.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    badge = signed_in.get(json_url).json()
    assert badge["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    token = signed_in.get(jwt_url).content.decode()
    assert token.count(".") == 2


def test_arabic_learner_downloads_an_arabic_certificate(client, session):
    enrollment = attend(enrolled(session, language="ar"))
    SurveyCompletion.objects.create(enrollment=enrollment, session=session)
    completion_evaluate(enrollment=enrollment)
    client.force_login(enrollment.user)
    client.get(page_url(enrollment, "ar"))
    client.post(page_url(enrollment, "ar"), {"name": "ليلى حسن"})
    response = client.get(download_urls(enrollment, "ar")[0])
    assert response.status_code == 200
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.language == "ar"
    assert certificate.course_title == "الإنذار المبكر بالفيضانات"


def test_revoked_certificate_is_shown_as_revoked_without_downloads(signed_in, issued):
    confirmed(issued)
    certificate_revoke(
        certificate=issued, by=None, reason=RevocationReason.ISSUED_IN_ERROR, note="Secret note"
    )
    content = signed_in.get(page_url(issued.enrollment)).content.decode()
    assert "Your certificate was revoked" in content
    assert "Issued in error" in content
    assert "Secret note" not in content
    assert "certificate.pdf" not in content


def test_revoked_certificate_files_are_gone_in_plain_text(signed_in, issued):
    """The PDF and both badges of a revoked certificate answer 410 with a short text, never
    an HTML page a badge wallet would take for the badge."""
    confirmed(issued)
    certificate_revoke(certificate=issued, by=None, reason=RevocationReason.ISSUED_IN_ERROR)
    for url in download_urls(issued.enrollment):
        response = signed_in.get(url)
        assert response.status_code == 410, url
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode() == (
            "This certificate was revoked: its files are no longer available."
        )


def test_my_learning_links_to_the_certificate_page(signed_in, enrollment):
    content = signed_in.get("/en/learning/").content.decode()
    assert f'href="{page_url(enrollment)}"' in content


def test_certificate_page_for_a_certificate_made_elsewhere(client):
    """A certificate issued by hand before any attendance still shows its page."""
    certificate = confirmed(CertificateFactory())
    client.force_login(certificate.enrollment.user)
    response = client.get(page_url(certificate.enrollment))
    assert response.status_code == 200
    assert "Your certificate is ready" in response.content.decode()
