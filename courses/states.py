"""The state of a training session, computed from its own fields only, so that the catalog,
the course page, search, feeds and emails always agree."""

from datetime import datetime
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class SessionState(StrEnum):
    CANCELLED = "cancelled"
    UPCOMING = "upcoming"  # not started, enrollment not open (yet, or any more)
    OPEN = "open"  # enrollment open with seats left
    FULL = "full"  # enrollment open, no seat left: new requests join the waitlist
    ONGOING = "ongoing"
    ENDED = "ended"

    @property
    def label(self):
        return STATE_LABELS[self]


STATE_LABELS = {
    SessionState.CANCELLED: _("Cancelled"),
    SessionState.UPCOMING: _("Upcoming"),
    SessionState.OPEN: _("Open for enrollment"),
    SessionState.FULL: _("Full"),
    SessionState.ONGOING: _("Ongoing"),
    SessionState.ENDED: _("Ended"),
}


def compute_state(
    *,
    cancelled: bool,
    self_paced: bool = False,
    starts_at: datetime,
    ends_at: datetime,
    opens_at: datetime | None,
    closes_at: datetime | None,
    capacity: int | None,
    seats_taken: int,
    now: datetime,
) -> SessionState:
    """Enrollment opens at `opens_at` (or at once) and closes at `closes_at` (or at the start).
    A self-paced run takes enrollments while it runs: until `closes_at` or its end; it is
    OPEN (or FULL) then, even once started, and ONGOING only when enrollment has closed."""
    if cancelled:
        return SessionState.CANCELLED
    if now >= ends_at:
        return SessionState.ENDED
    last_moment = ends_at if self_paced else starts_at
    closes_at = min(closes_at or last_moment, last_moment)
    window_open = (opens_at is None or opens_at <= now) and now < closes_at
    if now >= starts_at and not window_open:
        return SessionState.ONGOING
    if window_open:
        if capacity is not None and seats_taken >= capacity:
            return SessionState.FULL
        return SessionState.OPEN
    return SessionState.UPCOMING
