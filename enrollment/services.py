"""Operations that change enrollments: enroll, cancel, approve, reject, promote from the
waitlist, record attendance. Each runs in one transaction; seats are counted on the
session with a conditional update, so concurrent requests never overbook. Every operation
that takes or frees a seat first locks the session row, and a freed seat goes to the head
of the waitlist in the transaction that frees it, so a newcomer never passes the waitlist."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from courses.models import SessionStatus, TrainingSession
from courses.states import SessionState
from enrollment import steps
from enrollment.models import (
    Attendance,
    AttendanceSource,
    Enrollment,
    EnrollmentStatus,
)
from enrollment.selectors import session_days
from enrollment.signals import attendance_recorded, enrollment_changed
from enrollment.states import check_transition, may_move

# Written as the reason when a held seat passes on; the emails recognise it.
HOLD_EXPIRED_REASON = "hold expired"


class EnrollmentError(Exception):
    """A request the rules refuse; the message is shown to the learner as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def enrollment_create(*, user, session: TrainingSession, now: datetime | None = None) -> Enrollment:
    """Enroll the learner: confirmed while seats last, then waitlisted; pending approval
    when the session requires it. A second request returns the first enrollment."""
    now = now or timezone.now()
    existing = _live_enrollment(user, session)
    if existing:
        return existing
    state = session.state(now)
    if state == SessionState.CANCELLED:
        raise EnrollmentError(_("This session has been cancelled."))
    if state not in (SessionState.OPEN, SessionState.FULL):
        raise EnrollmentError(_("Enrollment for this session is not open."))
    _check_lessons_required(user, session)
    try:
        with transaction.atomic():
            _lock_session(session)
            if session.requires_approval:
                status = EnrollmentStatus.PENDING
            else:
                status = _seat_or_waitlist(session)
            check_transition(None, status)
            enrollment = Enrollment.objects.create(user=user, session=session, status=status)
    except IntegrityError:
        # The same learner's other request won the race: one enrollment, not two.
        existing = _live_enrollment(user, session)
        if existing is None:
            raise
        return existing
    _announce(enrollment, previous=None)
    return enrollment


def _check_lessons_required(user, session: TrainingSession) -> None:
    """A blended course's dated session may ask for a share of the course's lessons done
    before enrolling; nothing is asked when no installed stage measures lessons."""
    required = session.lessons_required_percent
    if not required or session.is_self_paced:
        return
    done = steps.measure(steps.LESSONS_DONE, user, session.course)
    if done is None or done >= required:
        return
    raise EnrollmentError(
        _(
            "This session is for learners who have done at least %(required)s%% of the "
            "course's lessons; you have done %(done)s%%. Follow the course's lessons, then "
            "enroll."
        )
        % {"required": required, "done": done}
    )


def enrollment_cancel(*, enrollment: Enrollment, by=None) -> Enrollment:
    """The learner (or staff) cancels; a held seat goes to the next on the waitlist."""
    if not may_move(enrollment.status, EnrollmentStatus.CANCELLED):
        raise EnrollmentError(_("This enrollment can no longer be cancelled."))
    return _leave(enrollment, EnrollmentStatus.CANCELLED, by=by)


def enrollment_approve(*, enrollment: Enrollment, by) -> Enrollment:
    """Approve a pending request: confirmed if a seat is free, else waitlisted."""
    if enrollment.status != EnrollmentStatus.PENDING:
        raise EnrollmentError(_("Only requests awaiting approval can be approved."))
    previous = enrollment.status
    with transaction.atomic():
        _lock_session(enrollment.session)
        locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if locked.status != EnrollmentStatus.PENDING:
            raise EnrollmentError(_("Only requests awaiting approval can be approved."))
        # Approved learners already waiting for a seat keep their place ahead of this one.
        locked.status = _seat_or_waitlist(locked.session)
        _save_status(locked, previous=previous, by=by)
    _announce(locked, previous=previous)
    return locked


def enrollments_approve(
    *, session: TrainingSession, ids: list[int], by
) -> tuple[list[Enrollment], dict[int, str]]:
    """Approve many pending requests of one session at once, in the order given, in one
    transaction: the same outcome as approving them one by one (confirmed while seats are
    free and nobody waits, then waitlisted), with one lock, one seat update and one
    commit. Returns the approved enrollments and, by id, why the others were not."""
    errors = {}
    with transaction.atomic():
        _lock_session(session)
        _promote_waitlist(session)
        found = (
            Enrollment.objects.select_for_update()
            .filter(pk__in=ids, session=session)
            .select_related("user", "session")
            .in_bulk()
        )
        pending = []
        for pk in ids:
            enrollment = found.get(pk)
            if enrollment is None:
                errors[pk] = _("This request is not on this session's roster.")
            elif enrollment.status != EnrollmentStatus.PENDING:
                errors[pk] = _("Only requests awaiting approval can be approved.")
            elif enrollment not in pending:
                pending.append(enrollment)
        seats = _take_seats(session, len(pending))
        now = timezone.now()
        for number, enrollment in enumerate(pending):
            enrollment.status = (
                EnrollmentStatus.CONFIRMED if number < seats else EnrollmentStatus.WAITLISTED
            )
            enrollment.status_changed_at = now
            enrollment.decided_by = by
        Enrollment.objects.bulk_update(pending, ["status", "status_changed_at", "decided_by"])
        _announce_many([(enrollment, EnrollmentStatus.PENDING) for enrollment in pending])
    return pending, errors


def enrollment_reject(*, enrollment: Enrollment, by, reason: str = "") -> Enrollment:
    if not may_move(enrollment.status, EnrollmentStatus.REJECTED):
        raise EnrollmentError(_("Only pending or waitlisted requests can be rejected."))
    return _leave(enrollment, EnrollmentStatus.REJECTED, by=by, reason=reason)


def enrollment_confirm_held_seat(*, enrollment: Enrollment, now=None) -> Enrollment:
    """A promoted learner takes the seat held for them."""
    now = now or timezone.now()
    if enrollment.status != EnrollmentStatus.CONFIRMED or enrollment.seat_held_until is None:
        raise EnrollmentError(_("There is no seat waiting for your confirmation."))
    # Conditional, so a confirmation racing the release of expired holds cannot keep a seat
    # that has already passed on.
    kept = Enrollment.objects.filter(
        pk=enrollment.pk, status=EnrollmentStatus.CONFIRMED, seat_held_until__gt=now
    ).update(seat_held_until=None)
    if not kept:
        raise EnrollmentError(_("The seat held for you has passed to the next learner."))
    enrollment.seat_held_until = None
    return enrollment


def session_release_expired_holds(*, now=None) -> int:
    """Seats held for promoted learners who did not confirm in time pass on."""
    now = now or timezone.now()
    expired = Enrollment.objects.filter(
        status=EnrollmentStatus.CONFIRMED, seat_held_until__lte=now
    ).select_related("session")
    count = 0
    for enrollment in expired:
        # The learner may have confirmed since the list was read: only a hold still
        # expired under the lock passes on.
        released = _leave(
            enrollment,
            EnrollmentStatus.CANCELLED,
            reason=HOLD_EXPIRED_REASON,
            only_if=Q(status=EnrollmentStatus.CONFIRMED, seat_held_until__lte=now),
        )
        count += released is not None
    return count


def enrollment_complete(*, enrollment: Enrollment) -> Enrollment:
    """Settle a confirmed enrollment as completed: the session's completion rule is met.
    Conditional, so two evaluations at once change the row once."""
    if enrollment.status == EnrollmentStatus.COMPLETED:
        return enrollment
    check_transition(enrollment.status, EnrollmentStatus.COMPLETED)
    Enrollment.objects.filter(pk=enrollment.pk, status=enrollment.status).update(
        status=EnrollmentStatus.COMPLETED, status_changed_at=timezone.now()
    )
    enrollment.status = EnrollmentStatus.COMPLETED
    return enrollment


def session_promote_waitlist(*, session: TrainingSession) -> list[Enrollment]:
    """After capacity is raised, promote as many waitlisted learners as there are seats."""
    with transaction.atomic():
        _lock_session(session)
        return _promote_waitlist(session)


def attendance_record(
    *, enrollment: Enrollment, day, source: str, by=None
) -> tuple[Attendance, bool]:
    """Record one day of attendance; recording the same day twice changes nothing."""
    if not enrollment.holds_seat:
        raise EnrollmentError(_("Only confirmed learners can be marked present."))
    attendance, created = Attendance.objects.get_or_create(
        enrollment=enrollment, day=day, defaults={"source": source, "recorded_by": by}
    )
    if created:
        transaction.on_commit(
            lambda: attendance_recorded.send(sender=Attendance, enrollment=enrollment)
        )
    return attendance, created


def online_presence_seconds() -> int:
    """How long a confirmed learner must be connected in one day, to the live room or to the
    session's video meeting, for the day to count as attended online."""
    return settings.LIVE_ATTENDANCE_MINUTES * 60


def record_attendance(*, user, session: TrainingSession, day, source=AttendanceSource.ONLINE):
    """Called by the live room and the video meeting when a confirmed learner was connected
    long enough (online_presence_seconds); a day already recorded, online or in the room,
    stays one record."""
    enrollment = Enrollment.objects.filter(
        user=user, session=session, status=EnrollmentStatus.CONFIRMED
    ).first()
    if enrollment is None:
        return None
    return attendance_record(enrollment=enrollment, day=day, source=source)[0]


def _live_enrollment(user, session) -> Enrollment | None:
    return Enrollment.objects.filter(user=user, session=session).active().first()


def _take_seat(session: TrainingSession) -> bool:
    """Atomically count one more seat if one is free: a single conditional UPDATE, so two
    transactions cannot both take the last seat."""
    updated = (
        TrainingSession.objects.filter(pk=session.pk, status=SessionStatus.SCHEDULED)
        .filter(Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity")))
        .update(seats_taken=F("seats_taken") + 1)
    )
    return updated == 1


def _take_seats(session: TrainingSession, wanted: int) -> int:
    """Under the session lock: as many of `wanted` seats as are free while nobody waits;
    the number taken, counted in one UPDATE."""
    if not wanted or Enrollment.objects.filter(
        session=session, status=EnrollmentStatus.WAITLISTED
    ).exists():
        return 0
    row = (
        TrainingSession.objects.filter(pk=session.pk, status=SessionStatus.SCHEDULED)
        .values("capacity", "seats_taken")
        .first()
    )
    if row is None:
        return 0
    free = wanted if row["capacity"] is None else max(0, row["capacity"] - row["seats_taken"])
    taken = min(wanted, free)
    if taken:
        TrainingSession.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + taken)
    return taken


def _free_seat(session: TrainingSession) -> None:
    TrainingSession.objects.filter(pk=session.pk, seats_taken__gt=0).update(
        seats_taken=F("seats_taken") - 1
    )


def _lock_session(session: TrainingSession) -> None:
    """Take the session row's lock for the rest of the transaction. Every operation that
    takes or frees a seat or changes the waitlist takes it first (and before any enrollment
    row, so two of them never deadlock); between them, no request sees a freed seat that the
    waitlist has not been offered yet."""
    list(TrainingSession.objects.select_for_update().filter(pk=session.pk).values_list("pk"))


def _seat_or_waitlist(session: TrainingSession) -> str:
    """Under the session lock: a seat if one is free and nobody waits for it, else the end of
    the waitlist. Seats freed without serving the waitlist (a raised capacity whose promotion
    has not run yet) go to the waiting learners first."""
    _promote_waitlist(session)
    waiting = Enrollment.objects.filter(session=session).waitlisted()
    if not waiting.exists() and _take_seat(session):
        return EnrollmentStatus.CONFIRMED
    return EnrollmentStatus.WAITLISTED


def _leave(
    enrollment: Enrollment, status: str, *, by=None, reason: str = "", only_if: Q | None = None
) -> Enrollment | None:
    """Move the enrollment out of the session; a seat it held goes to the head of the
    waitlist in the same transaction. With `only_if`, nothing happens (None) unless the
    locked row still matches it."""
    with transaction.atomic():
        _lock_session(enrollment.session)
        rows = Enrollment.objects.select_for_update().filter(pk=enrollment.pk)
        if only_if is not None:
            rows = rows.filter(only_if)
        locked = rows.first()
        if locked is None:
            return None
        if not may_move(locked.status, status):
            # Changed by another request since the caller looked (completed, say).
            raise EnrollmentError(_("This enrollment has changed meanwhile; reload the page."))
        previous = locked.status
        held_seat = locked.status == EnrollmentStatus.CONFIRMED
        locked.status = status
        locked.reason = reason or locked.reason
        locked.seat_held_until = None
        _save_status(locked, previous=previous, by=by)
        _announce(locked, previous=previous)
        if held_seat:
            _free_seat(locked.session)
            _promote_waitlist(locked.session)
    return locked


def _promote_waitlist(session: TrainingSession) -> list[Enrollment]:
    """First come, first served: the oldest waitlisted learners get the free seats. The
    caller holds the session lock, in the transaction that freed the seats."""
    promoted = []
    hold_hours = settings.ENROLLMENT_SEAT_HOLD_HOURS
    while True:
        candidate = (
            Enrollment.objects.select_for_update()
            .filter(session=session)
            .waitlisted()
            .order_by("created_at", "pk")
            .first()
        )
        if candidate is None or not _take_seat(session):
            break
        candidate.status = EnrollmentStatus.CONFIRMED
        if hold_hours:
            candidate.seat_held_until = timezone.now() + timedelta(hours=hold_hours)
        _save_status(candidate, previous=EnrollmentStatus.WAITLISTED)
        promoted.append(candidate)
        _announce(candidate, previous=EnrollmentStatus.WAITLISTED, promoted=True)
    return promoted


def _save_status(enrollment: Enrollment, *, previous: str, by=None) -> None:
    check_transition(previous, enrollment.status)
    enrollment.status_changed_at = timezone.now()
    if by is not None:
        enrollment.decided_by = by
    enrollment.save(
        update_fields=["status", "status_changed_at", "decided_by", "reason", "seat_held_until"]
    )


def _announce(enrollment: Enrollment, *, previous, promoted: bool = False) -> None:
    transaction.on_commit(
        lambda: enrollment_changed.send(
            sender=Enrollment, enrollment=enrollment, previous=previous, promoted=promoted
        )
    )


def _announce_many(changes: list[tuple[Enrollment, str]]) -> None:
    """One announcement after commit for many changes; what the receivers enqueue then goes
    in one transaction of its own rather than one each."""

    def send():
        with transaction.atomic():
            for enrollment, previous in changes:
                enrollment_changed.send(
                    sender=Enrollment, enrollment=enrollment, previous=previous, promoted=False
                )

    if changes:
        transaction.on_commit(send)


# --- learner side: what enrolling will do, reminders, check-in codes ----------------------

# Short and unambiguous when read off a wall: no 0/O, no 1/I.
CHECK_IN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CHECK_IN_CODE_LENGTH = 6


class CheckInError(EnrollmentError):
    """A check-in the rules refuse; `reason` says which rule, the message says it to the learner."""

    def __init__(self, message, *, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class CheckIn:
    enrollment: Enrollment
    day: date
    created: bool


def enrollment_expected_status(
    *, session: TrainingSession, user=None, now: datetime | None = None
) -> str:
    """What enrolling now would do (pending, confirmed or waitlisted), or the EnrollmentError
    enrollment_create would raise; lets a page say it before the learner confirms."""
    state = session.state(now or timezone.now())
    if state == SessionState.CANCELLED:
        raise EnrollmentError(_("This session has been cancelled."))
    if state not in (SessionState.OPEN, SessionState.FULL):
        raise EnrollmentError(_("Enrollment for this session is not open."))
    if user is not None:
        _check_lessons_required(user, session)
    if session.requires_approval:
        return EnrollmentStatus.PENDING
    if state == SessionState.FULL:
        return EnrollmentStatus.WAITLISTED
    if Enrollment.objects.filter(session=session).waitlisted().exists():
        return EnrollmentStatus.WAITLISTED  # a seat about to go to the first in line
    return EnrollmentStatus.CONFIRMED


def enrollment_claim_reminder(*, enrollment: Enrollment, now: datetime) -> bool:
    """Mark the reminder as sent; False when another run already did (one UPDATE, so two
    cron runs at once never both send it)."""
    return (
        Enrollment.objects.filter(pk=enrollment.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        == 1
    )


def enrollment_unclaim_reminder(*, enrollment: Enrollment) -> None:
    """The reminder could not be sent: let the next run try again."""
    Enrollment.objects.filter(pk=enrollment.pk).update(reminded_at=None)


def reminders_send(
    *, starts_in: tuple[timedelta, timedelta], now: datetime | None = None, errors=None
) -> tuple[int, int]:
    """Queue the reminder to each confirmed learner of the sessions starting within
    `starts_in` from now who has not had it: (queued, failed). Each is claimed first, so two
    runs at once never send the same reminder; one that fails is unclaimed for the next run
    (and reported to `errors(enrollment, error)` when given)."""
    from enrollment import emails
    from enrollment.learning import enrollments_to_remind

    now = now or timezone.now()
    due = enrollments_to_remind(starts_after=now + starts_in[0], starts_before=now + starts_in[1])
    sent = failed = 0
    for enrollment in due:
        if not enrollment_claim_reminder(enrollment=enrollment, now=now):
            continue
        try:
            emails.send_reminder(enrollment)
        except Exception as error:
            enrollment_unclaim_reminder(enrollment=enrollment)
            failed += 1
            if errors is not None:
                errors(enrollment, error)
        else:
            sent += 1
    return sent, failed


@dataclass(frozen=True)
class CheckInCode:
    """The room's code during one period: derived from the session and the period, never
    stored, so showing it writes nothing."""

    session_id: int
    code: str
    valid_from: datetime
    changes_at: datetime
    expires_at: datetime


def _check_in_period() -> timedelta:
    return timedelta(minutes=settings.ENROLLMENT_CHECK_IN_CODE_MINUTES)


def _check_in_window(now: datetime) -> int:
    """The number of the period `now` falls in, counted from the epoch."""
    return int(now.timestamp()) // int(_check_in_period().total_seconds())


def _check_in_code_of(session_id: int, window: int) -> str:
    digest = salted_hmac(
        "enrollment.check_in", f"{session_id}:{window}", algorithm="sha256"
    ).digest()
    # 32 letters: five bits of the HMAC pick each one, evenly.
    bits = int.from_bytes(digest[:8], "big")
    return "".join(
        CHECK_IN_ALPHABET[(bits >> (5 * n)) % len(CHECK_IN_ALPHABET)]
        for n in range(CHECK_IN_CODE_LENGTH)
    )


def check_in_code_current(session: TrainingSession, now: datetime | None = None) -> CheckInCode:
    """The code to show in the room now; a new one every ENROLLMENT_CHECK_IN_CODE_MINUTES.
    Each code is accepted for one more period after it is replaced, so a learner typing it
    as it changes is not turned away."""
    window = _check_in_window(now or timezone.now())
    period = _check_in_period()
    valid_from = datetime.fromtimestamp(window * period.total_seconds(), tz=UTC)
    return CheckInCode(
        session_id=session.pk,
        code=_check_in_code_of(session.pk, window),
        valid_from=valid_from,
        changes_at=valid_from + period,
        expires_at=valid_from + 2 * period,
    )


def _check_in_candidates(user, now: datetime) -> list[TrainingSession]:
    """The sessions a typed code may belong to: the learner's own, and those running around
    now (so a stranger to the session hears that they are not confirmed in it)."""
    return list(
        TrainingSession.objects.filter(
            Q(enrollments__user=user)
            | Q(starts_at__lte=now + timedelta(days=1), ends_at__gte=now - timedelta(days=1))
            & ~Q(status=SessionStatus.CANCELLED)
        ).distinct()
    )


def check_in(user, code: str, now: datetime | None = None) -> CheckIn:
    """Record today's attendance of the learner in the session whose current or previous
    code this is; checking in twice the same day records one day."""
    now = now or timezone.now()
    typed = normalize_check_in_code(code)
    window = _check_in_window(now)
    candidates = _check_in_candidates(user, now)
    matching = [
        s for s in candidates if typed in (_check_in_code_of(s.pk, w) for w in (window, window - 1))
    ]
    if not matching:
        # A code shown earlier today has expired; anything else was never shown.
        earlier = range(window - 2, _check_in_window(now - timedelta(days=1)) - 1, -1)
        if any(typed == _check_in_code_of(s.pk, w) for s in candidates for w in earlier):
            raise CheckInError(
                _("This code has expired. Type the code shown in the room now."),
                reason="expired",
            )
        raise CheckInError(
            _("This code is unknown. Check it against the one shown in the room."),
            reason="unknown",
        )
    enrollment = (
        Enrollment.objects.filter(user=user, session__in=matching)
        .holding_seat()
        .select_related("session__course")
        .first()
    )
    if enrollment is None:
        raise CheckInError(
            _("You are not a confirmed learner of this session, so you cannot check in."),
            reason="not_confirmed",
        )
    session = enrollment.session
    day = now.astimezone(session.tzinfo).date()
    if session.status == SessionStatus.CANCELLED or day not in session_days(session):
        raise CheckInError(_("This session is not running today."), reason="not_today")
    attendance, created = attendance_record(
        enrollment=enrollment, day=day, source=AttendanceSource.CHECK_IN_CODE
    )
    return CheckIn(enrollment=enrollment, day=attendance.day, created=created)


def normalize_check_in_code(code: str) -> str:
    """What a learner types or scans, as shown: capitals, no spaces or dashes."""
    return "".join(code.split()).replace("-", "").upper()[: CHECK_IN_CODE_LENGTH * 2]
