"""Reads for the learner's own pages: My learning, the course page's call to action, places
on the waiting list and the reminders due; the attendance rate comes from selectors."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from courses.models import SessionStatus, TrainingSession
from courses.selectors import localized_courses
from courses.states import SessionState
from enrollment.models import Enrollment, EnrollmentStatus
from enrollment.parts import (
    MyLearningPart,
    ShownPart,
    my_learning_parts,
    prepare_for_parts,
    shown_parts,
)
from enrollment.selectors import with_attendance


@dataclass
class LearningEntry:
    """One line of My learning: the enrollment and its course in the reader's language."""

    enrollment: Enrollment
    course: object
    state: SessionState = SessionState.UPCOMING  # the session's, as the catalog shows it
    current: bool = False  # holds or waits for a seat in a session not ended nor cancelled
    started: bool = False
    can_cancel: bool = False
    parts: list[ShownPart] = field(default_factory=list)  # its links, in their order

    @property
    def session(self) -> TrainingSession:
        return self.enrollment.session

    @property
    def is_ongoing(self) -> bool:
        """Under way: a dated session between its start and end, or a self-paced run that
        has started (it may still take enrollments)."""
        return self.state == SessionState.ONGOING or (self.started and self.session.is_self_paced)


@dataclass
class MyLearning:
    ongoing: list[LearningEntry]
    upcoming: list[LearningEntry]
    waitlisted: list[LearningEntry]
    pending: list[LearningEntry]
    past: list[LearningEntry]

    @property
    def is_empty(self) -> bool:
        return not (self.ongoing or self.upcoming or self.waitlisted or self.pending or self.past)


def with_waitlist_position(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Annotate `waitlist_position` (1 for the next learner to get a seat) on waitlisted
    enrollments, in the order the promotion follows: first come, first served."""
    ahead_or_same = (
        Enrollment.objects.filter(session=OuterRef("session"))
        .waitlisted()
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    position = Subquery(ahead_or_same, output_field=IntegerField())
    return enrollments.annotate(waitlist_position=position)


def waitlist_position(enrollment: Enrollment) -> int | None:
    if enrollment.status != EnrollmentStatus.WAITLISTED:
        return None
    return (
        with_waitlist_position(Enrollment.objects.filter(pk=enrollment.pk))
        .values_list("waitlist_position", flat=True)
        .first()
    )


def learner_learning(user, *, language: str, now: datetime | None = None) -> MyLearning:
    """The learner's enrollments for My learning, in two queries whatever their number, with
    the parts each registered stage adds to them."""
    now = now or timezone.now()
    parts = my_learning_parts()
    enrollments = list(
        prepare_for_parts(
            with_waitlist_position(with_attendance(Enrollment.objects.filter(user=user))),
            parts,
        )
        .select_related("session__course", "session__site")
        .order_by("session__starts_at", "pk")
    )
    courses = localized_courses([e.session for e in enrollments], language)
    entries = [
        _entry(e, courses[e.session.course.translation_key], now, parts) for e in enrollments
    ]
    current = [entry for entry in entries if entry.current]
    seated = _with_status(current, EnrollmentStatus.CONFIRMED)
    return MyLearning(
        ongoing=[entry for entry in seated if entry.is_ongoing],
        upcoming=[entry for entry in seated if not entry.is_ongoing],
        waitlisted=_with_status(current, EnrollmentStatus.WAITLISTED),
        pending=_with_status(current, EnrollmentStatus.PENDING),
        past=[entry for entry in reversed(entries) if not entry.current],
    )


def _entry(
    enrollment: Enrollment, course, now: datetime, parts: list[MyLearningPart]
) -> LearningEntry:
    session = enrollment.session
    current = (
        enrollment.is_open and session.ends_at > now and session.status != SessionStatus.CANCELLED
    )
    return LearningEntry(
        enrollment,
        course,
        state=session.state(now),
        current=current,
        started=session.starts_at <= now,
        # A self-paced learner may leave the run at any point while it runs.
        can_cancel=current and (session.starts_at > now or session.is_self_paced),
        parts=shown_parts(enrollment, parts, now),
    )


def _with_status(entries: list[LearningEntry], status: str) -> list[LearningEntry]:
    return [entry for entry in entries if entry.enrollment.status == status]


def learner_enrollments_by_session(user, now: datetime | None = None) -> dict[int, Enrollment]:
    """The learner's enrollments holding or awaiting a seat in sessions not yet ended, by
    session id: one query for a whole course page."""
    enrollments = (
        Enrollment.objects.filter(user=user, session__ends_at__gt=now or timezone.now())
        .open()
        .only("pk", "session_id", "status")
    )
    return {enrollment.session_id: enrollment for enrollment in enrollments}


def learner_live_enrollment(user, session: TrainingSession) -> Enrollment | None:
    return Enrollment.objects.filter(user=user, session=session).open().first()


def enrollments_to_remind(*, starts_after: datetime, starts_before: datetime):
    """Confirmed learners of scheduled sessions starting in the window, not yet reminded."""
    return (
        Enrollment.objects.filter(
            status=EnrollmentStatus.CONFIRMED,
            reminded_at__isnull=True,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gt=starts_after,
            session__starts_at__lte=starts_before,
        )
        .select_related("user", "session__course", "session__site")
        .order_by("session__starts_at", "pk")
    )
