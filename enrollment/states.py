"""The states of an enrollment: what each one means for a seat, and which may follow which.
Every app asks these names instead of listing statuses itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrollmentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected")
    COMPLETED = "completed", _("Completed")
    NO_SHOW = "no_show", _("Did not attend")


S = EnrollmentStatus

# Holds a seat now: counted in seats_taken, may be marked present and enter the live room.
HOLDING_A_SEAT = frozenset({S.CONFIRMED, S.COMPLETED})
# Waits for a seat: for a trainer's approval or on the waiting list.
AWAITING_A_SEAT = frozenset({S.PENDING, S.WAITLISTED})
# Still in play before the session ends: awaiting a seat or confirmed, not yet settled as
# completed or no-show. The learner may cancel it; erasing the account gives it up.
OPEN = AWAITING_A_SEAT | {S.CONFIRMED}
# Considered by the satisfaction survey and the completion rules (certificates).
EVALUATED = HOLDING_A_SEAT
# Held a seat to the session's end, attended or not: the base of the completion rate and
# the rows of the attendance grid.
SEATED_AT_END = frozenset({S.CONFIRMED, S.COMPLETED, S.NO_SHOW})
# Left the session for good.
LEFT = frozenset({S.CANCELLED, S.REJECTED})
# Anything but left: at most one such enrollment per learner and session.
ACTIVE = frozenset(S) - LEFT

# The statuses a new enrollment may start in.
INITIAL = frozenset({S.PENDING, S.CONFIRMED, S.WAITLISTED})

# Which status may follow which; enrollment.services checks every change against it.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.CONFIRMED, S.WAITLISTED, S.CANCELLED, S.REJECTED}),
    S.WAITLISTED: frozenset({S.CONFIRMED, S.CANCELLED, S.REJECTED}),
    S.CONFIRMED: frozenset({S.COMPLETED, S.NO_SHOW, S.CANCELLED}),
    S.COMPLETED: frozenset(),
    S.NO_SHOW: frozenset(),
    S.CANCELLED: frozenset(),
    S.REJECTED: frozenset(),
}

# The order of the journey, for lists and filters shown to people.
JOURNEY = (
    S.PENDING,
    S.WAITLISTED,
    S.CONFIRMED,
    S.COMPLETED,
    S.NO_SHOW,
    S.CANCELLED,
    S.REJECTED,
)


class ForbiddenTransition(ValueError):
    """A change of status the transition table does not allow."""

    def __init__(self, previous, status):
        start = "a new enrollment" if previous is None else f"'{previous}'"
        super().__init__(f"An enrollment cannot move from {start} to '{status}'.")
        self.previous = previous
        self.status = status


def may_move(previous: str | None, status: str) -> bool:
    """Whether an enrollment in `previous` (None: not created yet) may move to `status`."""
    if previous is None:
        return status in INITIAL
    return status in TRANSITIONS.get(previous, ())


def check_transition(previous: str | None, status: str) -> None:
    if not may_move(previous, status):
        raise ForbiddenTransition(previous, status)


def as_list(statuses) -> list[str]:
    """The statuses in declaration order: a stable SQL `IN (...)` and migration state."""
    return [status.value for status in S if status in statuses]


def in_journey_order(statuses) -> tuple[EnrollmentStatus, ...]:
    return tuple(status for status in JOURNEY if status in statuses)
