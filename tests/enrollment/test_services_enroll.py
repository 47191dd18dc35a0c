from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.factories import AdministratorFactory, UserFactory
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from courses.models import SessionStatus, TrainingSession
from enrollment.models import Enrollment, EnrollmentStatus
from enrollment.services import (
    EnrollmentError,
    enrollment_approve,
    enrollment_cancel,
    enrollment_confirm_held_seat,
    enrollment_create,
    enrollment_reject,
    session_promote_waitlist,
    session_release_expired_holds,
)

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
    promoted = session_promote_waitlist(session=session)
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


def _arrives_while_the_seat_is_freed(monkeypatch, arrive):
    """Run `arrive()` once, at the instant a cancellation has freed its seat and before the
    waitlist is served: where a newcomer's request used to slip in."""
    from enrollment import services

    promote = services._promote_waitlist
    fired = []

    def promote_after_newcomer(session):
        if not fired:
            fired.append(True)
            arrive()
        return promote(session)

    monkeypatch.setattr(services, "_promote_waitlist", promote_after_newcomer)
    return fired


def test_a_seat_freed_by_a_cancellation_goes_to_the_waitlist_not_a_newcomer(course, monkeypatch):
    """A newcomer enrolling just as a confirmed learner cancels is waitlisted behind the
    learners already waiting; the first of them gets the seat."""
    session = TrainingSessionFactory(course=course, capacity=2)
    leaving, _staying, first_waiting, second_waiting = (
        enrollment_create(user=UserFactory(), session=session) for _ in range(4)
    )
    newcomer = UserFactory()
    fired = _arrives_while_the_seat_is_freed(
        monkeypatch, lambda: enrollment_create(user=newcomer, session=session)
    )

    enrollment_cancel(enrollment=leaving)

    assert fired
    statuses = dict(Enrollment.objects.values_list("user_id", "status"))
    assert statuses[first_waiting.user_id] == EnrollmentStatus.CONFIRMED
    assert statuses[second_waiting.user_id] == EnrollmentStatus.WAITLISTED
    assert statuses[newcomer.pk] == EnrollmentStatus.WAITLISTED
    assert seats_taken(session) == 2


def test_a_seat_freed_by_an_expired_hold_goes_to_the_waitlist_not_a_newcomer(
    course, settings, monkeypatch
):
    """When a held seat passes on, the next waitlisted learner gets it, not a learner who
    enrols at that moment."""
    settings.ENROLLMENT_SEAT_HOLD_HOURS = 24
    session = TrainingSessionFactory(course=course, capacity=1)
    holder = enrollment_create(user=UserFactory(), session=session)
    promoted = enrollment_create(user=UserFactory(), session=session)
    next_one = enrollment_create(user=UserFactory(), session=session)
    enrollment_cancel(enrollment=holder)
    newcomer = UserFactory()
    _arrives_while_the_seat_is_freed(
        monkeypatch, lambda: enrollment_create(user=newcomer, session=session)
    )

    assert session_release_expired_holds(now=timezone.now() + timedelta(hours=25)) == 1

    assert Enrollment.objects.get(pk=promoted.pk).status == EnrollmentStatus.CANCELLED
    assert Enrollment.objects.get(pk=next_one.pk).status == EnrollmentStatus.CONFIRMED
    assert Enrollment.objects.get(user=newcomer).status == EnrollmentStatus.WAITLISTED
    assert seats_taken(session) == 1


def test_a_newcomer_never_passes_waiting_learners_even_with_a_seat_free(course):
    """Seats added without serving the waitlist yet go to the waiting learners first; the
    newcomer joins the end of the list and is told so before confirming."""
    from enrollment.services import enrollment_expected_status

    session = TrainingSessionFactory(course=course, capacity=1)
    enrollment_create(user=UserFactory(), session=session)
    waiting = enrollment_create(user=UserFactory(), session=session)
    TrainingSession.objects.filter(pk=session.pk).update(capacity=2)
    session.refresh_from_db()
    assert enrollment_expected_status(session=session) == EnrollmentStatus.WAITLISTED

    newcomer = enrollment_create(user=UserFactory(), session=session)

    assert Enrollment.objects.get(pk=waiting.pk).status == EnrollmentStatus.CONFIRMED
    assert newcomer.status == EnrollmentStatus.WAITLISTED
    assert seats_taken(session) == 2


def test_an_approved_request_waits_behind_learners_approved_earlier(course):
    """Approving a request while approved learners wait for a seat puts it behind them."""
    session = TrainingSessionFactory(course=course, capacity=1, requires_approval=True)
    staff = AdministratorFactory()
    first, second, third = (
        enrollment_create(user=UserFactory(), session=session) for _ in range(3)
    )
    enrollment_approve(enrollment=first, by=staff)
    enrollment_approve(enrollment=second, by=staff)
    TrainingSession.objects.filter(pk=session.pk).update(capacity=2)

    approved = enrollment_approve(enrollment=third, by=staff)

    assert Enrollment.objects.get(pk=second.pk).status == EnrollmentStatus.CONFIRMED
    assert approved.status == EnrollmentStatus.WAITLISTED
    assert seats_taken(session) == 2


def test_a_hold_confirmed_before_the_release_runs_keeps_its_seat(course, settings, monkeypatch):
    """A learner who confirms the held seat while the expired holds are being released
    keeps it, and the release reports nothing passed on."""
    from enrollment import services

    settings.ENROLLMENT_SEAT_HOLD_HOURS = 24
    session = TrainingSessionFactory(course=course, capacity=1)
    holder = enrollment_create(user=UserFactory(), session=session)
    promoted = enrollment_create(user=UserFactory(), session=session)
    enrollment_cancel(enrollment=holder)
    promoted.refresh_from_db()
    leave = services._leave

    def confirm_first(enrollment, *args, **kwargs):
        Enrollment.objects.filter(pk=enrollment.pk).update(seat_held_until=None)
        return leave(enrollment, *args, **kwargs)

    monkeypatch.setattr(services, "_leave", confirm_first)
    assert session_release_expired_holds(now=timezone.now() + timedelta(hours=25)) == 0
    assert Enrollment.objects.get(pk=promoted.pk).status == EnrollmentStatus.CONFIRMED


def test_approving_many_at_once_seats_them_in_order_then_waitlists(course, run_tasks, mailoutbox):
    """Approving requests together gives what approving them one by one would: seats in
    the order given while they last, then the waiting list; each learner gets their
    email once the worker runs."""
    from enrollment.services import enrollments_approve


    session = TrainingSessionFactory(course=course, requires_approval=True, capacity=2)
    learners = [UserFactory() for _ in range(3)]
    requests = [enrollment_create(user=learner, session=session) for learner in learners]
    run_tasks()
    mailoutbox.clear()
    order = [requests[2].pk, requests[0].pk, requests[1].pk, 999_999]
    approved, errors = enrollments_approve(session=session, ids=order, by=AdministratorFactory())
    assert [enrollment.pk for enrollment in approved] == order[:3]
    statuses = {e.pk: Enrollment.objects.get(pk=e.pk).status for e in requests}
    assert statuses == {
        requests[2].pk: EnrollmentStatus.CONFIRMED,
        requests[0].pk: EnrollmentStatus.CONFIRMED,
        requests[1].pk: EnrollmentStatus.WAITLISTED,
    }
    assert list(errors) == [999_999]
    session.refresh_from_db()
    assert session.seats_taken == 2
    assert mailoutbox == []
    run_tasks()
    assert sorted(m.subject for m in mailoutbox) == [
        f"Request approved: \u2068{course.title}\u2069"
    ] * 3
