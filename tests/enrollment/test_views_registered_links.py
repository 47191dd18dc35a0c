"""Later stages put their links on enrollment's pages by registering them: the live room,
the survey and the certificate on My learning, the console and the survey results on My
sessions and the roster, the learner's data next to the profile."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from accounts.factories import TrainerFactory, UserFactory
from certificates.factories import CertificateFactory
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import EnrollmentStatus
from enrollment.parts import MY_LEARNING_PARTS_HOOK, MyLearningPart

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    return CoursePageFactory(parent=ThemePageFactory(parent=home), title="Flood forecasting")


@pytest.fixture
def learner():
    return LearnerProfileFactory(user=UserFactory()).user


def line_of(page: str, enrollment) -> str:
    """One line of My learning, up to the end of its links."""
    start = page.index(f'id="enrollment-{enrollment.pk}"')
    return page[start : page.index("</ul>", start)]


def test_my_learning_shows_the_live_room_link_the_live_stage_registers(client, course, learner):
    """A confirmed learner of an upcoming session finds the live room among the line's links."""
    enrollment = EnrollmentFactory(user=learner, session=TrainingSessionFactory(course=course))
    client.force_login(learner)

    page = client.get(reverse("enrollment:my_learning")).content.decode()

    room = reverse("live:room", kwargs={"session_id": enrollment.session_id})
    assert f'<li><a href="{room}">Live room</a></li>' in page


def test_my_learning_orders_enrollments_and_later_stages_links(client, course, learner):
    """Join online, the live room and the calendar keep their places on an upcoming line; a
    past line offers the certificate."""
    upcoming = EnrollmentFactory(
        user=learner,
        session=TrainingSessionFactory(course=course, join_url="https://meet.example.org/r"),
    )
    now = timezone.now()
    past = EnrollmentFactory(
        user=learner,
        status=EnrollmentStatus.COMPLETED,
        session=TrainingSessionFactory(
            course=course, starts_at=now - timedelta(days=40), ends_at=now - timedelta(days=39)
        ),
    )
    CertificateFactory(enrollment=past)
    client.force_login(learner)

    page = client.get(reverse("enrollment:my_learning")).content.decode()

    line = line_of(page, upcoming)
    assert line.index("Join online") < line.index("Live room") < line.index("Add to calendar")
    certificate = reverse("certificates:enrollment", kwargs={"enrollment_id": past.pk})
    assert f'<a href="{certificate}">Certificate</a>' in line_of(page, past)


def test_a_registered_part_joins_every_line_without_a_query_per_line(client, course, learner):
    """A stage registering a part with its own query step adds no query per enrollment."""

    def prepare(enrollments):
        return enrollments.select_related("session__course")

    def data(enrollment, now):
        return enrollment.session.course.title

    def note_part():
        return MyLearningPart(
            "enrollment/learner/links/calendar.html", order=95, prepare=prepare, data=data
        )

    for _ in range(2):
        EnrollmentFactory(user=learner, session=TrainingSessionFactory(course=course))
    client.force_login(learner)
    url = reverse("enrollment:my_learning")
    client.get(url)  # the first view caches the site's root paths
    with CaptureQueriesContext(connection) as without:
        client.get(url)
    with hooks.register_temporarily(MY_LEARNING_PARTS_HOOK, note_part):
        for _ in range(3):
            EnrollmentFactory(user=learner, session=TrainingSessionFactory(course=course))
        client.get(url)  # the first view after sessions changed reads the navigation again
        with CaptureQueriesContext(connection) as with_part:
            page = client.get(url).content.decode()
    assert len(with_part) == len(without)
    assert page.count("Add to calendar (.ics)") == 2 * 5


def test_my_sessions_and_the_roster_show_the_links_later_stages_register(client, course):
    """The console (live) and the results (surveys) appear on My sessions and the roster."""
    trainer = TrainerFactory()
    now = timezone.now()
    session = TrainingSessionFactory(
        course=course,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        trainers=[TrainerSnippetFactory(user=trainer)],
    )
    client.force_login(trainer)
    console = reverse("live:console", kwargs={"session_id": session.pk})
    results = reverse("surveys:results", kwargs={"session_id": session.pk})

    for url in (
        reverse("enrollment:my_sessions"),
        reverse("enrollment:roster", kwargs={"session_id": session.pk}),
    ):
        page = client.get(url).content.decode()
        assert f'<li><a href="{console}">Live room console</a></li>' in page
        assert f'<li><a href="{results}">Survey results</a></li>' in page
        assert page.index(console) < page.index(results)


def test_my_sessions_offers_the_results_only_once_a_session_has_started(client, course):
    trainer = TrainerFactory()
    session = TrainingSessionFactory(course=course, trainers=[TrainerSnippetFactory(user=trainer)])
    client.force_login(trainer)

    page = client.get(reverse("enrollment:my_sessions")).content.decode()

    assert reverse("live:console", kwargs={"session_id": session.pk}) in page
    assert reverse("surveys:results", kwargs={"session_id": session.pk}) not in page


def test_the_learners_data_is_linked_from_my_learning_and_the_account_pages(client, learner):
    """Privacy registers "Your data" next to the profile and in the account's navigation."""
    client.force_login(learner)
    your_data = f'<li><a href="{reverse("privacy:your_data")}">Your data</a></li>'

    assert your_data in client.get(reverse("enrollment:my_learning")).content.decode()
    assert your_data in client.get(reverse("account_email")).content.decode()
