"""Reads of enrollments worth a name: the days of a session, the attendance rate of each
enrollment (computed here and nowhere else), the roster and the trainer's session list,
each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    Count,
    DateField,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone

from courses.models import SessionStatus, TrainingSession
from courses.states import SessionState
from enrollment import states
from enrollment.models import Attendance, AttendanceSource, Enrollment, EnrollmentStatus

# The last instant of a session belongs to the day before when it ends at midnight.
LAST_INSTANT = timedelta(microseconds=1)


# --- the days of a session ----------------------------------------------------------------


def session_days(session: TrainingSession) -> list[date]:
    """Each calendar day the session touches, in its own time zone; none for a self-paced
    run (nothing to attend: an always-open one would have a million days)."""
    if session.is_self_paced:
        return []
    first = session.local_starts_at.date()
    last = (session.ends_at - LAST_INSTANT).astimezone(session.tzinfo).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def session_today(session: TrainingSession, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(session.tzinfo).date()


class LocalDate(Func):
    """The calendar date of a timestamp in the time zone named by another column; the SQL
    twin of `session_days`, so lists of enrollments across sessions get their rate in SQL."""

    arity = 2
    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(%(expressions)s)::date",
            arg_joiner=" AT TIME ZONE ",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        # Django registers this function on every SQLite connection for TruncDate; it
        # accepts the zone name from a column as well as from a constant.
        sql, params = self.as_sql(
            compiler, connection, function="django_datetime_cast_date", **extra
        )
        return f"{sql[:-1]}, %s)", (*params, connection.timezone_name)


class DaysBetween(Func):
    """Whole days from the first date to the second."""

    arity = 2
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


# --- the attendance rate ------------------------------------------------------------------


def with_attendance(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Annotate `first_day`, `session_day_count`, `days_attended` and `attendance_rate`
    (0 to 1): days attended out of the days of the session in its time zone. Works on a
    list of enrollments across many sessions and composes with any other join."""
    first_day = LocalDate(F("session__starts_at"), F("session__timezone"))
    last_day = LocalDate(F("session__ends_at") - Value(LAST_INSTANT), F("session__timezone"))
    attended = (
        Attendance.objects.filter(
            enrollment=OuterRef("pk"),
            day__gte=OuterRef("first_day"),
            day__lte=OuterRef("last_day"),
        )
        .order_by()
        .values("enrollment")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return enrollments.annotate(
        first_day=first_day,
        last_day=last_day,
        session_day_count=DaysBetween(F("last_day"), F("first_day")) + 1,
        days_attended=Coalesce(Subquery(attended, output_field=IntegerField()), 0),
        attendance_rate=Cast(F("days_attended"), FloatField())
        / NullIf(Cast(F("session_day_count"), FloatField()), 0.0),
    )


def attendance_rate(enrollment: Enrollment) -> float:
    """The rate of one enrollment, from the same annotation as every list."""
    rate = (
        with_attendance(Enrollment.objects.filter(pk=enrollment.pk))
        .values_list("attendance_rate", flat=True)
        .first()
    )
    return rate or 0.0


# --- the roster ---------------------------------------------------------------------------


@dataclass
class AttendanceCell:
    """One day of one learner on the attendance grid."""

    day: date
    key: str  # the value of its checkbox: "<day>/<enrollment id>"
    source: str = ""  # how presence was recorded; empty when absent
    markable: bool = False  # absent on a day that has come: the trainer may tick it
    ticked: bool = False  # ticked in a submission that failed, shown again

    @property
    def source_label(self) -> str:
        return AttendanceSource(self.source).label if self.source else ""


@dataclass
class RosterRow:
    enrollment: Enrollment
    cells: list[AttendanceCell] = field(default_factory=list)
    error: str = ""  # why the last action on this learner failed
    reason: str = ""  # the rejection reason typed before a failed submission
    checked: bool = False
    position: int | None = None  # on the waiting list, counted before any filter

    def matches(self, words: list[str]) -> bool:
        user = self.enrollment.user
        text = f"{user.first_name} {user.last_name} {user.email}".casefold()
        return all(word in text for word in words)

    @property
    def user(self):
        return self.enrollment.user

    @property
    def profile(self):
        return getattr(self.enrollment.user, "learner_profile", None)

    @property
    def rate_percent(self) -> int:
        return round((self.enrollment.attendance_rate or 0.0) * 100)


@dataclass
class Roster:
    session: TrainingSession
    days: list[date]
    enrolled: list[RosterRow]
    waitlisted: list[RosterRow]
    pending: list[RosterRow]
    cancelled_count: int
    rejected_count: int
    # The sizes of the lists before any filter, for the counts at the top of the roster.
    enrolled_count: int = 0
    waitlisted_count: int = 0
    pending_count: int = 0

    def rows(self) -> list[RosterRow]:
        return [*self.enrolled, *self.waitlisted, *self.pending]


def roster_enrollments(session: TrainingSession) -> QuerySet[Enrollment]:
    """Every enrollment of the session with its learner, profile and attendance rate."""
    return with_attendance(
        Enrollment.objects.filter(session=session)
        .select_related("user", "user__learner_profile")
        .order_by("created_at", "pk")
    )


# The statuses a trainer may filter the roster by, in the order of the journey.
ROSTER_STATUSES = states.in_journey_order(states.ACTIVE)


def session_roster(
    session: TrainingSession,
    now: datetime | None = None,
    *,
    search: str = "",
    status: str = "",
) -> Roster:
    """The roster in three queries, whatever the number of learners and days; `search`
    keeps the learners whose name or email holds every word, `status` those in one of
    ROSTER_STATUSES. Waiting-list positions and the counts ignore the filters."""
    live = list(roster_enrollments(session).active())
    days = session_days(session)
    today = session_today(session, now)
    attended = _attendance_by_enrollment(session)
    rows = []
    for enrollment in live:
        sources = attended.get(enrollment.pk, {})
        attending = enrollment.holds_seat
        cells = [
            AttendanceCell(
                day=day,
                key=f"{day.isoformat()}/{enrollment.pk}",
                source=sources.get(day, ""),
                markable=attending and day <= today and day not in sources,
            )
            for day in days
        ]
        rows.append(RosterRow(enrollment, cells))
    counts = Enrollment.objects.filter(session=session).aggregate(
        cancelled=Count("pk", filter=Q(status=EnrollmentStatus.CANCELLED)),
        rejected=Count("pk", filter=Q(status=EnrollmentStatus.REJECTED)),
    )
    enrolled = [row for row in rows if row.enrollment.was_seated_at_end]
    waitlisted = [row for row in rows if row.enrollment.status == EnrollmentStatus.WAITLISTED]
    pending = [row for row in rows if row.enrollment.status == EnrollmentStatus.PENDING]
    for position, row in enumerate(waitlisted, start=1):
        row.position = position
    words = search.casefold().split()

    def kept(section: list[RosterRow]) -> list[RosterRow]:
        return [
            row
            for row in section
            if (not status or row.enrollment.status == status) and row.matches(words)
        ]

    return Roster(
        session=session,
        days=days,
        enrolled=kept(enrolled),
        waitlisted=kept(waitlisted),
        pending=kept(pending),
        cancelled_count=counts["cancelled"],
        rejected_count=counts["rejected"],
        enrolled_count=len(enrolled),
        waitlisted_count=len(waitlisted),
        pending_count=len(pending),
    )


def markable_days(session: TrainingSession, now: datetime | None = None) -> list[date]:
    """Days a trainer may mark on the roster: those of the session that have come."""
    today = session_today(session, now)
    return [day for day in session_days(session) if day <= today]


def _attendance_by_enrollment(session: TrainingSession) -> dict[int, dict[date, str]]:
    by_enrollment: dict[int, dict[date, str]] = {}
    rows = Attendance.objects.filter(enrollment__session=session).values_list(
        "enrollment_id", "day", "source"
    )
    for enrollment_id, day, source in rows:
        by_enrollment.setdefault(enrollment_id, {})[day] = source
    return by_enrollment


def present_count(session: TrainingSession, day: date) -> int:
    """Learners recorded present on `day`, whatever the source."""
    return Attendance.objects.filter(enrollment__session=session, day=day).count()


# --- the trainer's sessions ---------------------------------------------------------------


def sessions_with_counts(sessions: QuerySet[TrainingSession]) -> QuerySet[TrainingSession]:
    """Sessions with their number of pending and waitlisted learners (seats_taken counts
    the others)."""

    def count(*statuses):
        return Count("enrollments", filter=Q(enrollments__status__in=statuses))

    return sessions.select_related("course", "site").annotate(
        pending_count=count(EnrollmentStatus.PENDING),
        waitlisted_count=count(EnrollmentStatus.WAITLISTED),
    )


def filter_sessions(
    sessions: QuerySet[TrainingSession],
    *,
    status: str = "",
    when: str = "all",
    now: datetime | None = None,
) -> QuerySet[TrainingSession]:
    """By computed state (courses.states: the label the list shows), and by time: "upcoming"
    (not ended, soonest first), "past" (latest first) or "all" (latest first)."""
    now = now or timezone.now()
    if status in set(SessionState):
        sessions = sessions.in_state(SessionState(status), now)
    if when == "upcoming":
        return sessions.filter(ends_at__gt=now).order_by("starts_at", "pk")
    if when == "past":
        sessions = sessions.filter(ends_at__lte=now)
    return sessions.order_by("-starts_at", "-pk")


# --- the trainer's dashboard --------------------------------------------------------------

DASHBOARD_ROWS = 5


def next_sessions(
    sessions: QuerySet[TrainingSession], now: datetime | None = None
) -> list[TrainingSession]:
    """The first sessions still to come or under way, soonest first."""
    return list(
        sessions.upcoming(now).select_related("course").order_by("starts_at", "pk")[:DASHBOARD_ROWS]
    )


def sessions_awaiting_approval(sessions: QuerySet[TrainingSession]) -> list[TrainingSession]:
    """Sessions with requests waiting for a decision (`pending_count`), soonest first."""
    return list(
        sessions_with_counts(sessions)
        .filter(pending_count__gt=0)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at", "pk")[:DASHBOARD_ROWS]
    )
