from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import SessionStatus, TrainingSession
from enrollment.models import Enrollment, EnrollmentStatus
from enrollment.services import (
    EnrollmentError,
    enrollment_approve,
    enrollment_cancel,
    enrollment_confirm_held_seat,
    enrollment_create,
    enrollment_reject,
    session_capacity_changed,
    session_release_expired_holds,
)
from tests.courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from tests.factories import AdministratorFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def course(home):
    return CoursePageFactory(parent=ThemePageFactory(parent=home))


def seats_taken(session) -> int:
    return TrainingSession.objects.get(pk=session.pk).seats_taken


def test_learner_is_confirmed_while_seats_last_then_waitlisted(course):
    """The first two learners get the two seats; the third lands on the waiting list."""
    session = TrainingSessionFactory(course=course, capacity=2)
    first, second, third = (
        enrollment_create(user=UserFactory(), session=session) for _ in range(3)
    )
    assert [first.status, second.status, third.status] == [
        EnrollmentStatus.CONFIRMED,
        EnrollmentStatus.CONFIRMED,
        EnrollmentStatus.WAITLISTED,
    ]
    assert seats_taken(session) == 2


def test_double_submit_gives_one_enrollment(course):
    """Clicking enroll twice leaves one enrollment and one seat taken."""
    session = TrainingSessionFactory(course=course, capacity=5)
    learner = UserFactory()
    first = enrollment_create(user=learner, session=session)
    second = enrollment_create(user=learner, session=session)
    assert first.pk == second.pk
    assert Enrollment.objects.filter(user=learner).count() == 1
    assert seats_taken(session) == 1


def test_enrollment_outside_the_window_is_refused_and_nothing_stored(course):
    """Before enrollment opens, the learner is told so and nothing is saved."""
    session = TrainingSessionFactory(
        course=course, enrollment_opens_at=timezone.now() + timedelta(days=2)
    )
    with pytest.raises(EnrollmentError, match="not open"):
        enrollment_create(user=UserFactory(), session=session)
    assert not Enrollment.objects.exists()


def test_enrollment_in_a_cancelled_session_is_refused(course):
    """A cancelled session takes no enrollment."""
    session = TrainingSessionFactory(course=course, status=SessionStatus.CANCELLED)
    with pytest.raises(EnrollmentError, match="cancelled"):
        enrollment_create(user=UserFactory(), session=session)
    assert not Enrollment.objects.exists()


def test_cancelling_a_seat_promotes_the_first_on_the_waitlist(course, mailoutbox):
    """When a confirmed learner cancels, the earliest waitlisted learner gets the seat."""
    session = TrainingSessionFactory(course=course, capacity=1)
    holder = enrollment_create(user=UserFactory(), session=session)
    first_waiting = enrollment_create(user=UserFactory(), session=session)
    second_waiting = enrollment_create(user=UserFactory(), session=session)
    enrollment_cancel(enrollment=holder)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == EnrollmentStatus.CONFIRMED
    assert second_waiting.status == EnrollmentStatus.WAITLISTED
    assert seats_taken(session) == 1


def test_cancelling_a_waitlisted_request_frees_no_seat(course):
    """Leaving the waiting list changes nobody else's place."""
    session = TrainingSessionFactory(course=course, capacity=1)
    enrollment_create(user=UserFactory(), session=session)
    waiting = enrollment_create(user=UserFactory(), session=session)
    enrollment_cancel(enrollment=waiting)
    assert seats_taken(session) == 1
    assert Enrollment.objects.get(pk=waiting.pk).status == EnrollmentStatus.CANCELLED


def test_cancelled_learner_may_enroll_again(course):
    """After cancelling, the learner can change their mind and enroll again."""
    session = TrainingSessionFactory(course=course, capacity=3)
    learner = UserFactory()
    enrollment_cancel(enrollment=enrollment_create(user=learner, session=session))
    again = enrollment_create(user=learner, session=session)
    assert again.status == EnrollmentStatus.CONFIRMED
    assert Enrollment.objects.filter(user=learner).count() == 2


def test_approval_flow(course):
    """A session needing approval keeps requests pending until staff decide."""
    session = TrainingSessionFactory(course=course, capacity=1, requires_approval=True)
    staff = AdministratorFactory()
    first = enrollment_create(user=UserFactory(), session=session)
    second = enrollment_create(user=UserFactory(), session=session)
    third = enrollment_create(user=UserFactory(), session=session)
    assert {first.status, second.status, third.status} == {EnrollmentStatus.PENDING}
    assert seats_taken(session) == 0

    assert enrollment_approve(enrollment=first, by=staff).status == EnrollmentStatus.CONFIRMED
    assert enrollment_approve(enrollment=second, by=staff).status == EnrollmentStatus.WAITLISTED
    rejected = enrollment_reject(enrollment=third, by=staff, reason="Outside the target audience")
    assert rejected.status == EnrollmentStatus.REJECTED
    assert rejected.reason == "Outside the target audience"
    assert rejected.decided_by == staff
    with pytest.raises(EnrollmentError):
        enrollment_approve(enrollment=rejected, by=staff)


def test_raising_capacity_promotes_waitlisted_learners(course):
    """Adding seats moves as many learners off the waiting list, in order."""
    session = TrainingSessionFactory(course=course, capacity=1)
    enrollments = [enrollment_create(user=UserFactory(), session=session) for _ in range(4)]
    TrainingSession.objects.filter(pk=session.pk).update(capacity=3)
    promoted = session_capacity_changed(session=session)
    assert [e.pk for e in promoted] == [enrollments[1].pk, enrollments[2].pk]
    assert Enrollment.objects.get(pk=enrollments[3].pk).status == EnrollmentStatus.WAITLISTED


def test_held_seat_passes_on_when_not_confirmed(course, settings):
    """With a confirmation deadline, a promoted learner who does not confirm loses the seat
    to the next one."""
    settings.ENROLLMENT_SEAT_HOLD_HOURS = 24
    session = TrainingSessionFactory(course=course, capacity=1)
    holder = enrollment_create(user=UserFactory(), session=session)
    promoted = enrollment_create(user=UserFactory(), session=session)
    next_one = enrollment_create(user=UserFactory(), session=session)
    enrollment_cancel(enrollment=holder)
    promoted.refresh_from_db()
    assert promoted.status == EnrollmentStatus.CONFIRMED
    assert promoted.seat_held_until is not None

    later = timezone.now() + timedelta(hours=25)
    assert session_release_expired_holds(now=later) == 1
    promoted.refresh_from_db()
    next_one.refresh_from_db()
    assert promoted.status == EnrollmentStatus.CANCELLED
    assert next_one.status == EnrollmentStatus.CONFIRMED
    assert seats_taken(session) == 1


def test_promoted_learner_confirms_the_held_seat(course, settings):
    """Confirming in time keeps the seat for good."""
    settings.ENROLLMENT_SEAT_HOLD_HOURS = 24
    session = TrainingSessionFactory(course=course, capacity=1)
    holder = enrollment_create(user=UserFactory(), session=session)
    promoted = enrollment_create(user=UserFactory(), session=session)
    enrollment_cancel(enrollment=holder)
    promoted.refresh_from_db()
    enrollment_confirm_held_seat(enrollment=promoted)
    assert session_release_expired_holds(now=timezone.now() + timedelta(days=2)) == 0
    assert Enrollment.objects.get(pk=promoted.pk).seat_held_until is None


def test_raising_capacity_in_the_admin_promotes_the_waitlist(
    course, client, django_capture_on_commit_callbacks
):
    """An administrator adds two seats to a full session: the first two waitlisted learners
    are confirmed."""
    session = TrainingSessionFactory(course=course, capacity=1)
    enrollments = [enrollment_create(user=UserFactory(), session=session) for _ in range(4)]
    session.refresh_from_db()
    session.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        session.save()
    statuses = [Enrollment.objects.get(pk=e.pk).status for e in enrollments]
    assert statuses == [
        EnrollmentStatus.CONFIRMED,
        EnrollmentStatus.CONFIRMED,
        EnrollmentStatus.CONFIRMED,
        EnrollmentStatus.WAITLISTED,
    ]
