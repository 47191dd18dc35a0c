"""A learner who sends enrollment requests in a burst gets the "too many requests" page."""

import pytest

from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import Enrollment, EnrollmentStatus

pytestmark = pytest.mark.django_db

TOO_MANY = "You have sent too many requests in a short time. Wait a minute, then try again."


@pytest.fixture
def sessions(home):
    course = CoursePageFactory(parent=ThemePageFactory(parent=home), title="Flood early warning")
    return [TrainingSessionFactory(course=course) for _ in range(4)]


@pytest.fixture
def learner(client, settings):
    settings.ENROLLMENT_RATE_LIMIT = 3
    learner = LearnerProfileFactory().user
    client.force_login(learner)
    return learner


def enroll(client, session):
    return client.post(f"/en/sessions/{session.pk}/enroll/")


def test_enrolling_past_the_limit_shows_the_too_many_requests_page(
    client, learner, sessions, rate_limit_clock
):
    """Three enrollments in a minute go through; the fourth answers 429 and enrolls nobody."""
    for session in sessions[:3]:
        assert enroll(client, session).status_code == 302
    response = enroll(client, sessions[3])
    assert response.status_code == 429
    page = response.content.decode()
    assert "<h1>Too many requests</h1>" in page
    assert TOO_MANY in page
    assert 'class="skip-link"' in page, "the page keeps the site's layout"
    assert not Enrollment.objects.filter(user=learner, session=sessions[3]).exists()


def test_cancelling_counts_against_the_same_limit(client, learner, sessions, rate_limit_clock):
    """Enrolling and cancelling share the limit; the refused cancellation keeps the seat."""
    for session in sessions[:2]:
        enroll(client, session)
    enrollment = Enrollment.objects.get(user=learner, session=sessions[0])
    assert client.post(f"/en/learning/{enrollment.pk}/cancel/").status_code == 302
    kept = Enrollment.objects.get(user=learner, session=sessions[1])
    response = client.post(f"/en/learning/{kept.pk}/cancel/")
    assert response.status_code == 429
    kept.refresh_from_db()
    assert kept.status == EnrollmentStatus.CONFIRMED


def test_reading_the_confirmation_pages_is_not_counted(client, learner, sessions, rate_limit_clock):
    """Opening the enrollment page again and again costs nothing; only the POSTs count."""
    for _ in range(5):
        assert client.get(f"/en/sessions/{sessions[0].pk}/enroll/").status_code == 200
    assert enroll(client, sessions[0]).status_code == 302


def test_each_learner_has_their_own_limit_and_it_resets_next_minute(
    client, learner, sessions, rate_limit_clock
):
    """Another learner enrolls while the first one waits; a minute later the first one can
    enroll again."""
    for session in sessions[:3]:
        enroll(client, session)
    assert enroll(client, sessions[3]).status_code == 429

    other = EnrollmentFactory(session=sessions[0]).user
    LearnerProfileFactory(user=other)
    client.force_login(other)
    assert enroll(client, sessions[3]).status_code == 302

    client.force_login(learner)
    rate_limit_clock.value += 60
    assert enroll(client, sessions[3]).status_code == 302
    assert Enrollment.objects.filter(user=learner, session=sessions[3]).exists()
