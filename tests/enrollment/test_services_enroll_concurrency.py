import threading

import pytest
from django.db import connection, connections

from enrollment.models import Enrollment, EnrollmentStatus
from enrollment.services import enrollment_cancel, enrollment_create
from tests.courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from tests.factories import UserFactory

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
