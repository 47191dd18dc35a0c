"""A learner's survey and certificate in a real browser: answering the survey in Arabic
after the session, confirming the name and downloading the PDF and the Open Badge; a
stranger then verifies the certificate from its QR code, and sees it revoked once an
administrator has revoked it."""

import io
import unicodedata
from datetime import timedelta
from urllib.parse import urlsplit

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, AdministratorFactory, UserFactory
from certificates.models import Certificate, RevocationReason
from certificates.services import certificate_revoke
from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import Attendance, AttendanceSource, EnrollmentStatus
from enrollment.selectors import session_days
from surveys.models import SurveyCompletion, SurveyResponse
from surveys.services import template_for
from surveys.standard import ensure_standard_template
from tests.tasks import work_off_the_queue

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARABIC_NAME = "ليلى حسن"
ARABIC_TITLE = "مقدمة في البيانات الضخمة"


@pytest.fixture
def stranger(browser, live_server):
    """Someone else's browser: no session, no cookies, the same server."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(5_000)
    yield context.new_page()
    context.close()


def log_in(page, path, user):
    page.goto(path)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def pdf_text(content: bytes) -> str:
    """The page's text as a reader's copy gives it, Arabic presentation forms unfolded."""
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    return unicodedata.normalize("NFKC", page.extract_text())


def qr_path(content: bytes) -> str | None:
    """The path the PDF's QR code points at, where a decoder is installed."""
    try:
        import zxingcpp
    except ImportError:
        return None
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    for image in page.images:
        for barcode in zxingcpp.read_barcodes(image.image):
            return urlsplit(barcode.text).path
    return None


def test_survey_in_arabic_certificate_download_and_public_verification(
    page, stranger, live_server, home
):
    """A learner who attended every day of a session that ended yesterday answers its
    survey in Arabic, confirms an Arabic name, downloads the PDF; a stranger opens the QR
    code's address and sees the certificate valid, then revoked after an administrator
    revoked it, on the page and in the badge check."""
    ensure_standard_template()
    theme = ThemePageFactory(parent=home, title="Big data", slug="big-data")
    course = CoursePageFactory(
        parent=theme, title="Introduction to Big Data", slug="intro", duration_hours=21
    )
    translate(theme, "ar", title="البيانات الضخمة")
    translate(course, "ar", title=ARABIC_TITLE)
    now = timezone.now()
    session = TrainingSessionFactory(
        course=course,
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=1),
        timezone="Africa/Cairo",
    )
    learner = UserFactory(first_name="Layla", last_name="Hassan")
    LearnerProfileFactory(user=learner, country="EG", preferred_language="ar")
    enrollment = EnrollmentFactory(user=learner, session=session)
    Attendance.objects.bulk_create(
        Attendance(enrollment=enrollment, day=day, source=AttendanceSource.ONLINE)
        for day in session_days(session)
    )

    log_in(page, "/en/accounts/login/?next=/ar/learning/", learner)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("main")).to_contain_text(ARABIC_TITLE)
    page.locator(f'a[href="/ar/learning/{enrollment.pk}/survey/"]').first.click()

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    template = template_for(session, "ar")
    assert template.locale.language_code == "ar"
    for block in template.questions:
        field = f'[name="q-{block.id}"]'
        if block.block_type == "rating":
            page.locator(f'{field}[value="5"]').check()
        elif block.block_type == "single_choice":
            page.locator(f'{field}[value="0"]').check()
        elif block.block_type == "multiple_choice":
            page.locator(f'{field}[value="1"]').check()
        else:
            page.locator(field).fill("تدريب ممتاز، شكرا <b>للمدربين</b>")
    expect(page.locator("legend").first).to_contain_text(template.questions[0].value["label"])
    page.locator("form.survey-form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/ar/learning/{enrollment.pk}/survey/thanks/")
    assert SurveyCompletion.objects.filter(enrollment=enrollment).count() == 1
    response = SurveyResponse.objects.get(session=session)
    assert (response.enrollment_id, response.language) == (None, "ar")
    # The answer enqueued the learner's evaluation; the task worker issues the certificate.
    work_off_the_queue()

    page.goto("/ar/learning/")
    page.locator(f'a[href="/ar/learning/{enrollment.pk}/certificate/"]').first.click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("form.certificate-name [name=name]").fill(ARABIC_NAME)
    page.locator("form.certificate-name button[type=submit]").click()
    # The page with the downloads, before the database: the server may still be writing.
    expect(page.locator(f'a[href="/ar/learning/{enrollment.pk}/certificate.pdf"]')).to_be_visible()
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert (certificate.printed_name, certificate.language) == (ARABIC_NAME, "ar")
    assert certificate.course_title == ARABIC_TITLE
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.COMPLETED

    with page.expect_download() as download:
        page.locator(f'a[href="/ar/learning/{enrollment.pk}/certificate.pdf"]').click()
    content = download.value.path().read_bytes()
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert ARABIC_NAME in text and ARABIC_TITLE in text
    with page.expect_download() as download:
        page.locator(f'a[href="/ar/learning/{enrollment.pk}/badge.jwt"]').click()
    badge = download.value.path().read_text()

    verification = urlsplit(page.locator("a.certificate-url").get_attribute("href")).path
    assert verification == f"/ar/certificates/verify/{certificate.code}/"
    assert qr_path(content) in (verification, None)
    stranger.goto(verification)
    expect(stranger.locator("html")).to_have_attribute("dir", "rtl")
    expect(stranger.locator(".certificate-status.status-valid")).to_be_visible()
    expect(stranger.locator("main")).to_contain_text(ARABIC_NAME)
    stranger.goto(f"/en/certificates/verify/{certificate.code}/")
    expect(stranger.locator(".certificate-verdict")).to_have_text("Valid certificate")

    certificate_revoke(
        certificate=certificate,
        by=AdministratorFactory(),
        reason=RevocationReason.ISSUED_IN_ERROR,
        note="Wrong learner marked present.",
    )
    stranger.reload()
    expect(stranger.locator(".certificate-verdict")).to_have_text("Revoked certificate")
    expect(stranger.locator("main")).not_to_contain_text("Wrong learner")
    stranger.goto(verification)
    expect(stranger.locator(".certificate-status.status-revoked")).to_be_visible()

    stranger.goto("/en/certificates/check/")
    stranger.locator("[name=badge]").fill(badge)
    stranger.locator("main form button[type=submit]").click()
    expect(stranger.locator(".certificate-verdict")).to_have_text("Revoked")
    expect(stranger.locator(".certificate-check")).to_contain_text(
        "The signature is this platform's."
    )
