"""Enrolling in a self-paced run (open while it runs, capacity and waitlist as for any
session) and in a blended course's session that asks for lessons done first; My learning
shows a running self-paced run as ongoing, without check-in, live room or calendar."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from courses.factories import (
    CoursePageFactory,
    SelfPacedRunFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from enrollment.factories import LearnerProfileFactory
from enrollment.models import EnrollmentStatus
from enrollment.services import EnrollmentError, enrollment_create
from learning.factories import LessonPageFactory, ModulePageFactory
from learning.services.progress import lesson_mark_done

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")
    return CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")


@pytest.fixture
def lessons(course):
    module = ModulePageFactory(parent=course)
    return [LessonPageFactory(parent=module) for _ in range(10)]


def learner():
    user = UserFactory()
    LearnerProfileFactory(user=user)
    return user


def test_learner_enrolls_in_an_always_open_run_that_started_long_ago(course):
    """A run open for a year still confirms a newcomer."""
    run = SelfPacedRunFactory(course=course, starts_at=timezone.now() - timedelta(days=365))
    assert enrollment_create(user=learner(), session=run).status == EnrollmentStatus.CONFIRMED


def test_dated_run_refuses_once_ended(course):
    """A dated run that ended yesterday says enrollment is not open."""
    now = timezone.now()
    run = SelfPacedRunFactory(
        course=course, starts_at=now - timedelta(days=30), ends_at=now - timedelta(days=1)
    )
    with pytest.raises(EnrollmentError, match="Enrollment for this session is not open"):
        enrollment_create(user=learner(), session=run)


def test_full_run_puts_the_newcomer_on_the_waitlist(course):
    """One seat, taken: the second learner waits."""
    run = SelfPacedRunFactory(course=course, capacity=1)
    assert enrollment_create(user=learner(), session=run).status == EnrollmentStatus.CONFIRMED
    run.refresh_from_db()
    assert enrollment_create(user=learner(), session=run).status == EnrollmentStatus.WAITLISTED


def test_blended_session_refuses_a_learner_behind_on_lessons(course, lessons):
    """60% required, 50% done: refused with how far the learner is; at 60% accepted."""
    session = TrainingSessionFactory(course=course, lessons_required_percent=60)
    user = learner()
    for lesson in lessons[:5]:
        lesson_mark_done(user=user, lesson=lesson)
    with pytest.raises(EnrollmentError) as refused:
        enrollment_create(user=user, session=session)
    assert "at least 60% of the course's lessons; you have done 50%" in refused.value.message
    lesson_mark_done(user=user, lesson=lessons[5])
    assert enrollment_create(user=user, session=session).status == EnrollmentStatus.CONFIRMED


def test_enroll_page_tells_the_blended_requirement_before_confirming(client, course, lessons):
    """The enroll page says what is missing and links back to the course, with no button."""
    session = TrainingSessionFactory(course=course, lessons_required_percent=30)
    user = learner()
    client.login(email=user.email, password=DEFAULT_PASSWORD)
    html = client.get(reverse("enrollment:enroll", args=[session.pk])).content.decode()
    assert "you have done 0%" in html
    assert "Back to the course" in html
    assert "Confirm my enrollment" not in html


def test_my_learning_shows_a_running_run_as_ongoing_without_room_or_check_in(client, course):
    """My learning: "Self-paced · start any time", the certificate page, no check-in, live
    room, calendar nor attendance line; the learner may cancel."""
    run = SelfPacedRunFactory(course=course, join_url="")
    user = learner()
    enrollment = enrollment_create(user=user, session=run)
    client.login(email=user.email, password=DEFAULT_PASSWORD)
    html = client.get(reverse("enrollment:my_learning")).content.decode()
    assert "Self-paced · start any time" in html
    assert reverse("certificates:enrollment", kwargs={"enrollment_id": enrollment.pk}) in html
    assert ">Check in</a>" not in html
    assert ">Live room</a>" not in html
    assert ".ics" not in html
    assert "Attendance:" not in html
    assert reverse("enrollment:cancel", args=[enrollment.pk]) in html


def test_confirmation_email_of_a_run_says_self_paced_without_calendar(
    course, run_tasks, mailoutbox
):
    """The confirmation email reads "Self-paced · start any time" and carries no .ics."""
    user = learner()
    enrollment_create(user=user, session=SelfPacedRunFactory(course=course))
    run_tasks()
    (message,) = [m for m in mailoutbox if m.to == [user.email]]
    assert "Self-paced · start any time" in message.body
    assert "Self-paced · start any time" in message.alternatives[0][0]
    assert ".ics" not in message.body
    assert message.attachments == []
