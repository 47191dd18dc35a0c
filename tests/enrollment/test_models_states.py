import pytest

from accounts.factories import AdministratorFactory, UserFactory
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment import states
from enrollment.factories import EnrollmentFactory
from enrollment.models import Enrollment, EnrollmentStatus
from enrollment.services import (
    EnrollmentError,
    enrollment_approve,
    enrollment_cancel,
    enrollment_complete,
    enrollment_create,
    enrollment_reject,
)
from enrollment.states import ForbiddenTransition, check_transition, may_move

pytestmark = pytest.mark.django_db(transaction=False)

S = EnrollmentStatus


@pytest.fixture
def session(home):
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    return TrainingSessionFactory(course=course, capacity=10)


@pytest.fixture
def one_per_status(session):
    return {status: EnrollmentFactory(session=session, status=status) for status in S}


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("active", {S.PENDING, S.CONFIRMED, S.WAITLISTED, S.COMPLETED, S.NO_SHOW}),
        ("holding_seat", {S.CONFIRMED, S.COMPLETED}),
        ("awaiting_seat", {S.PENDING, S.WAITLISTED}),
        ("open", {S.PENDING, S.WAITLISTED, S.CONFIRMED}),
        ("evaluated", {S.CONFIRMED, S.COMPLETED}),
        ("seated_at_end", {S.CONFIRMED, S.COMPLETED, S.NO_SHOW}),
        ("waitlisted", {S.WAITLISTED}),
    ],
)
def test_queryset_names_pick_the_rows_of_their_states(one_per_status, method, expected):
    """Each named queryset returns exactly the enrollments in the states it names."""
    rows = getattr(Enrollment.objects.all(), method)()
    assert {enrollment.status for enrollment in rows} == expected
    assert rows.count() == len(expected)


@pytest.mark.parametrize(
    ("prop", "states_set"),
    [
        ("holds_seat", states.HOLDING_A_SEAT),
        ("is_waiting", states.AWAITING_A_SEAT),
        ("is_open", states.OPEN),
        ("is_evaluated", states.EVALUATED),
        ("was_seated_at_end", states.SEATED_AT_END),
        ("is_active", states.ACTIVE),
    ],
)
def test_model_properties_read_the_same_sets(prop, states_set):
    """An enrollment's property agrees with the set it names, for every status."""
    for status in S:
        assert getattr(Enrollment(status=status), prop) is (status in states_set)


def test_unique_constraint_covers_the_active_states():
    """One active enrollment per learner and session: the constraint names ACTIVE."""
    (constraint,) = Enrollment._meta.constraints
    assert constraint.condition.children == [("status__in", states.as_list(states.ACTIVE))]


def test_every_status_has_a_row_in_the_transition_table():
    """The table says, for every status, where it may go; the settled ones go nowhere."""
    assert set(states.TRANSITIONS) == set(S)
    for status in states.LEFT | {S.COMPLETED, S.NO_SHOW}:
        assert states.TRANSITIONS[status] == frozenset()


@pytest.mark.parametrize(
    ("previous", "status"),
    [(a, b) for a in S for b in S if b not in states.TRANSITIONS[a]],
)
def test_a_forbidden_transition_raises(previous, status):
    """A change the table does not list raises, naming both statuses."""
    with pytest.raises(ForbiddenTransition, match=f"from '{previous}' to '{status}'"):
        check_transition(previous, status)


@pytest.mark.parametrize(
    ("previous", "status"),
    [(a, b) for a in S for b in states.as_list(states.TRANSITIONS[a])]
    + [(None, s) for s in states.as_list(states.INITIAL)],
)
def test_an_allowed_transition_passes(previous, status):
    """Every change the table lists is accepted."""
    check_transition(previous, status)
    assert may_move(previous, status)


def test_a_new_enrollment_cannot_start_settled():
    """An enrollment is created pending, confirmed or waitlisted, never completed."""
    with pytest.raises(ForbiddenTransition):
        check_transition(None, S.COMPLETED)


def test_services_perform_the_allowed_transitions(session):
    """Enroll, approve, promote, reject, cancel and complete each move along the table."""
    session.capacity = 1
    session.requires_approval = True
    session.save()
    staff = AdministratorFactory()
    first = enrollment_create(user=UserFactory(), session=session)
    second = enrollment_create(user=UserFactory(), session=session)
    third = enrollment_create(user=UserFactory(), session=session)
    assert [first.status, second.status, third.status] == [S.PENDING] * 3
    assert enrollment_approve(enrollment=first, by=staff).status == S.CONFIRMED
    assert enrollment_approve(enrollment=second, by=staff).status == S.WAITLISTED
    assert enrollment_reject(enrollment=third, by=staff).status == S.REJECTED
    enrollment_cancel(enrollment=first)
    promoted = Enrollment.objects.get(pk=second.pk)
    assert promoted.status == S.CONFIRMED  # promoted from the waiting list
    assert enrollment_complete(enrollment=promoted).status == S.COMPLETED
    assert Enrollment.objects.get(pk=second.pk).status == S.COMPLETED


def test_services_refuse_what_the_table_forbids(session):
    """A completed enrollment cannot be cancelled or rejected; a rejected one not completed."""
    completed = EnrollmentFactory(session=session, status=S.COMPLETED)
    with pytest.raises(EnrollmentError):
        enrollment_cancel(enrollment=completed)
    with pytest.raises(EnrollmentError):
        enrollment_reject(enrollment=completed, by=AdministratorFactory())
    rejected = EnrollmentFactory(session=session, status=S.REJECTED)
    with pytest.raises(ForbiddenTransition):
        enrollment_complete(enrollment=rejected)
    assert Enrollment.objects.get(pk=rejected.pk).status == S.REJECTED


def test_a_change_made_meanwhile_is_not_overwritten(session):
    """A cancellation read before the enrollment was completed is refused, not applied."""
    enrollment = EnrollmentFactory(session=session, status=S.CONFIRMED)
    Enrollment.objects.filter(pk=enrollment.pk).update(status=S.COMPLETED)
    with pytest.raises(EnrollmentError, match="changed meanwhile"):
        enrollment_cancel(enrollment=enrollment)
    assert Enrollment.objects.get(pk=enrollment.pk).status == S.COMPLETED
