import threading

import pytest
from django.db import connection, connections

from accounts.factories import UserFactory
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment.models import Enrollment, EnrollmentStatus
from enrollment.services import enrollment_cancel, enrollment_create

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="real concurrent transactions need PostgreSQL (SQLite serialises writers)",
    ),
]

LEARNERS = 40
CAPACITY = 7


def run_together(work, arguments):
    """Run `work(argument)` in one thread per argument, released at the same instant."""
    barrier = threading.Barrier(len(arguments))
    errors = []

    def worker(argument):
        try:
            barrier.wait()
            work(argument)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_concurrent_requests_confirm_exactly_capacity(home):
    """Forty learners enrolling at the same instant: seven confirmed, the rest waitlisted."""
    session = TrainingSessionFactory(
        course=CoursePageFactory(parent=ThemePageFactory(parent=home)), capacity=CAPACITY
    )
    learners = UserFactory.create_batch(LEARNERS)
    errors = run_together(lambda user: enrollment_create(user=user, session=session), learners)
    assert errors == []
    statuses = list(Enrollment.objects.values_list("status", flat=True))
    assert statuses.count(EnrollmentStatus.CONFIRMED) == CAPACITY
    assert statuses.count(EnrollmentStatus.WAITLISTED) == LEARNERS - CAPACITY
    session.refresh_from_db()
    assert session.seats_taken == CAPACITY


def test_concurrent_double_submits_make_one_enrollment(home):
    """The same learner submitting ten times at once ends with one enrollment."""
    session = TrainingSessionFactory(
        course=CoursePageFactory(parent=ThemePageFactory(parent=home)), capacity=CAPACITY
    )
    learner = UserFactory()
    errors = run_together(lambda _: enrollment_create(user=learner, session=session), range(10))
    assert errors == []
    assert Enrollment.objects.filter(user=learner).count() == 1
    session.refresh_from_db()
    assert session.seats_taken == 1


def test_concurrent_cancellations_promote_without_overbooking(home):
    """Five cancellations at once promote exactly five waitlisted learners."""
    session = TrainingSessionFactory(
        course=CoursePageFactory(parent=ThemePageFactory(parent=home)), capacity=CAPACITY
    )
    enrollments = [
        enrollment_create(user=user, session=session) for user in UserFactory.create_batch(20)
    ]
    confirmed = [e for e in enrollments if e.status == EnrollmentStatus.CONFIRMED][:5]
    errors = run_together(lambda e: enrollment_cancel(enrollment=e), confirmed)
    assert errors == []
    session.refresh_from_db()
    assert session.seats_taken == CAPACITY
    assert Enrollment.objects.filter(status=EnrollmentStatus.CONFIRMED).count() == CAPACITY


def _waiting_on_a_lock(backend_pid) -> bool:
    """Whether that PostgreSQL backend is blocked waiting for a row lock."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [backend_pid])
        return cursor.fetchone()[0]


def test_a_newcomer_enrolling_as_a_seat_is_freed_is_waitlisted(home, monkeypatch):
    """A cancellation is held right after it frees its seat while a newcomer enrolls from
    another connection: the first waitlisted learner gets the seat, the newcomer waits."""
    from enrollment import services

    session = TrainingSessionFactory(
        course=CoursePageFactory(parent=ThemePageFactory(parent=home)), capacity=2
    )
    leaving, _staying, first_waiting = (
        enrollment_create(user=user, session=session) for user in UserFactory.create_batch(3)
    )
    newcomer = UserFactory()
    seat_freed, carry_on, newcomer_done = threading.Event(), threading.Event(), threading.Event()
    newcomer_backend = []
    errors = []
    promote = services._promote_waitlist

    def promote_when_told(target):
        if threading.current_thread() is canceller:
            seat_freed.set()
            carry_on.wait(timeout=60)  # a safety net only: the test sets it
        return promote(target)

    monkeypatch.setattr(services, "_promote_waitlist", promote_when_told)

    def cancel():
        try:
            enrollment_cancel(enrollment=leaving)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    def enroll_newcomer():
        try:
            connection.ensure_connection()
            newcomer_backend.append(connection.connection.info.backend_pid)
            enrollment_create(user=newcomer, session=session)
        except Exception as error:
            errors.append(error)
        finally:
            newcomer_done.set()
            connections.close_all()

    canceller = threading.Thread(target=cancel)
    enroller = threading.Thread(target=enroll_newcomer)
    canceller.start()
    assert seat_freed.wait(timeout=60)
    enroller.start()
    # The newcomer's request either finishes (it passed the waitlist) or blocks on the lock
    # the cancellation holds; only then does the cancellation go on.
    while not newcomer_done.is_set():
        if newcomer_backend and _waiting_on_a_lock(newcomer_backend[0]):
            break
        newcomer_done.wait(timeout=0.01)
    carry_on.set()
    canceller.join(timeout=60)
    enroller.join(timeout=60)

    assert errors == []
    statuses = dict(Enrollment.objects.values_list("user_id", "status"))
    assert statuses[first_waiting.user_id] == EnrollmentStatus.CONFIRMED
    assert statuses[newcomer.pk] == EnrollmentStatus.WAITLISTED
    session.refresh_from_db()
    assert session.seats_taken == 2
