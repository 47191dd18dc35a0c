"""My learning offers the survey while the learner may answer it, and the certificate page
once the session has ended."""

import pytest
from django.urls import reverse

from accounts.factories import DEFAULT_PASSWORD
from certificates.factories import CertificateFactory
from courses.factories import CoursePageFactory, ThemePageFactory
from enrollment.models import EnrollmentStatus
from tests.surveys.factories import answered, attendee, ended_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")
    return CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")


def my_learning(client, enrollment):
    client.login(email=enrollment.user.email, password=DEFAULT_PASSWORD)
    return client.get(reverse("enrollment:my_learning")).content.decode()


def test_an_attendee_of_an_ended_session_is_offered_the_survey_and_the_certificate_page(
    client, course
):
    enrollment = attendee(ended_session(course, days_ago=1))

    page = my_learning(client, enrollment)

    assert reverse("surveys:respond", kwargs={"enrollment_id": enrollment.pk}) in page
    assert "Answer the satisfaction survey" in page
    assert reverse("certificates:enrollment", kwargs={"enrollment_id": enrollment.pk}) in page


def test_once_answered_the_survey_link_gives_way_to_a_thank_you(client, course):
    enrollment = attendee(ended_session(course, days_ago=1))
    answered(enrollment)

    page = my_learning(client, enrollment)

    assert reverse("surveys:respond", kwargs={"enrollment_id": enrollment.pk}) not in page
    assert "Survey answered: thank you" in page


def test_a_learner_who_did_not_attend_is_not_offered_the_survey(client, course):
    enrollment = attendee(ended_session(course, days_ago=1))
    enrollment.attendance.all().delete()

    page = my_learning(client, enrollment)

    assert reverse("surveys:respond", kwargs={"enrollment_id": enrollment.pk}) not in page


def test_the_survey_is_no_longer_offered_once_closed(client, course, settings):
    settings.SURVEY_OPEN_DAYS = 14
    enrollment = attendee(ended_session(course, days_ago=15))

    page = my_learning(client, enrollment)

    assert reverse("surveys:respond", kwargs={"enrollment_id": enrollment.pk}) not in page


def test_an_issued_certificate_is_linked_by_name(client, course):
    enrollment = attendee(ended_session(course, days_ago=30), status=EnrollmentStatus.COMPLETED)
    CertificateFactory(enrollment=enrollment)

    page = my_learning(client, enrollment)

    assert reverse("certificates:enrollment", kwargs={"enrollment_id": enrollment.pk}) in page
    assert ">Certificate</a>" in page


def test_a_cancelled_enrollment_has_neither_link(client, course):
    enrollment = attendee(ended_session(course, days_ago=1), status=EnrollmentStatus.CANCELLED)

    page = my_learning(client, enrollment)

    assert reverse("surveys:respond", kwargs={"enrollment_id": enrollment.pk}) not in page
    assert reverse("certificates:enrollment", kwargs={"enrollment_id": enrollment.pk}) not in page
