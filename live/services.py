"""Every change to a live room. The websocket consumer and the HTTP views both call these.

Each change is written with the next sequence number of its room, in the same transaction,
and broadcast only after it committed: a client that missed a broadcast finds the event in
the log when it resumes, and never sees an event the database does not hold."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import acting_on_session
from cms import usertext, votes
from courses.models import SessionKind, TrainingSession
from enrollment.models import Attendance, AttendanceSource, Enrollment
from enrollment.selectors import session_today
from enrollment.services import online_presence_seconds, record_attendance
from live import broadcast, ratelimit
from live.models import (
    ACTION_KEY_MAX_LENGTH,
    ANNOUNCEMENT_MAX_LENGTH,
    POLL_OPTION_MAX_LENGTH,
    POLL_QUESTION_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    ActionReceipt,
    Announcement,
    Event,
    OnlinePresence,
    Poll,
    PollOption,
    PollState,
    PollVote,
    Question,
    QuestionStatus,
    QuestionVote,
    Room,
    RoomState,
)
from live.serializers import announcement_data, poll_data, question_data, room_data
from live.signals import poll_answered, question_asked

MAX_POLL_OPTIONS = 10
# A client resends an unanswered action within minutes (after reconnecting); a day covers a
# laptop closed mid-session and reopened the next morning.
RECEIPTS_KEPT = timedelta(days=1)
ACTION_KEY = re.compile(rf"[A-Za-z0-9_-]{{1,{ACTION_KEY_MAX_LENGTH}}}")


class LiveError(Exception):
    """A refused action: `code` for programs, `message` (translated) for people."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Access:
    allowed: bool
    moderator: bool = False
    # A confirmed learner: their time in the room counts towards attendance.
    learner: bool = False
    reason: str = ""

    @property
    def message(self):
        return REFUSALS.get(self.reason, "")


REFUSALS = {
    "login_required": _("Log in to join the live room."),
    "not_enrolled": _("The live room is open to the session's confirmed learners."),
    "no_such_room": _("There is no live room here."),
}


def room_for_session(session: TrainingSession) -> Room:
    room, _created = Room.objects.get_or_create(session=session)
    return room


def room_access(user, session: TrainingSession | None) -> Access:
    return room_accesses([user], session)[0]


def room_accesses(
    users, session: TrainingSession | None, *, room: Room | None = None
) -> list[Access]:
    """What each of `users` may do in the session's room, in the same order: a fixed number
    of queries for a crowd arriving at once. `room`, the session's room when the caller
    read it (unsaved when nobody acted in it yet), spares reading it again."""
    if session is None:
        return [Access(False, reason="no_such_room") for _user in users]
    present = [user for user in users if user.is_authenticated and user.is_active]
    moderators = acting_on_session(present, session)
    others = {user.pk for user in present} - moderators
    confirmed = set()
    if others:
        confirmed = set(
            Enrollment.objects.filter(session=session, user__in=others)
            .holding_seat()
            .values_list("user_id", flat=True)
        )
    open_to_all = None
    accesses = []
    for user in users:
        if not user.is_authenticated or not user.is_active:
            accesses.append(Access(False, reason="login_required"))
        elif user.pk in moderators:
            accesses.append(Access(True, moderator=True))
        elif user.pk in confirmed:
            accesses.append(Access(True, learner=True))
        else:
            if open_to_all is None:
                open_to_all = session.kind == SessionKind.SEMINAR and (
                    room.open_to_all
                    if room is not None
                    else Room.objects.filter(session=session, open_to_all=True).exists()
                )
            accesses.append(Access(True) if open_to_all else Access(False, reason="not_enrolled"))
    return accesses


# --- Actions sent again --------------------------------------------------------------


def action_key(value) -> str | None:
    """The idempotency key of an action frame (None when it has none); LiveError when it is
    not 1 to 64 letters, digits, hyphens or underscores."""
    if value is None:
        return None
    if not isinstance(value, str) or not ACTION_KEY.fullmatch(value):
        raise LiveError(
            "bad_key",
            _("An action's key is 1 to %(limit)d letters, digits, hyphens or underscores.")
            % {"limit": ACTION_KEY_MAX_LENGTH},
        )
    return value


def action_once(*, room_id: int, user, key: str, action: str, perform: Callable[[], dict]) -> dict:
    """Run `perform` (an action's change, returning what its acknowledgement carries) unless
    this person already did it in this room under `key`: then return what it returned then.
    The receipt is written in the change's transaction, so both happen or neither; the
    unique key settles two copies racing on two server processes."""
    receipt = _receipt(room_id, user, key, action)
    if receipt is not None:
        return receipt
    try:
        with transaction.atomic():
            result = perform()
            ActionReceipt.objects.create(
                room_id=room_id, user=user, key=key, action=action, result=result
            )
    except (IntegrityError, LiveError):
        # The other copy committed first: this one's change was rolled back with it, or
        # refused by the very change the other made ("already voted", "already asked").
        receipt = _receipt(room_id, user, key, action)
        if receipt is None:
            raise
        return receipt
    return result


def action_receipts_prune(now=None) -> int:
    """Forget the receipts older than RECEIPTS_KEPT; returns how many."""
    cutoff = (now or timezone.now()) - RECEIPTS_KEPT
    deleted, _by_model = ActionReceipt.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _receipt(room_id: int, user, key: str, action: str) -> dict | None:
    receipt = (
        ActionReceipt.objects.filter(room_id=room_id, user=user, key=key)
        .values_list("action", "result")
        .first()
    )
    if receipt is None:
        return None
    if receipt[0] != action:
        raise LiveError("bad_key", _("This key was already used for another action."))
    return receipt[1]


# --- The room -------------------------------------------------------------------------


def room_open(*, room: Room, by, access: Access) -> Room:
    _require_moderator(access)
    ratelimit.hit(by.pk, "moderate")
    return _set_state(room, RoomState.LIVE, opened_at=timezone.now())


def room_close(*, room: Room, by, access: Access) -> Room:
    _require_moderator(access)
    ratelimit.hit(by.pk, "moderate")
    return _set_state(room, RoomState.ENDED, closed_at=timezone.now())


def room_update(
    *,
    room: Room,
    access: Access,
    video_url="",
    low_data_url="",
    premoderation=False,
    open_to_all=False,
) -> Room:
    """The form that calls this validated the links; seminars only may open to everyone."""
    _require_moderator(access)
    with transaction.atomic():
        room = Room.objects.select_related("session").get(pk=room.pk)
        room.video_url = video_url
        room.low_data_url = low_data_url
        room.premoderation = premoderation
        room.open_to_all = open_to_all and room.session.kind == SessionKind.SEMINAR
        room.save(update_fields=["video_url", "low_data_url", "premoderation", "open_to_all"])
        _emit(room, "room.updated", room_data(room))
    return room


def _set_state(room: Room, state: str, **timestamps) -> Room:
    with transaction.atomic():
        room = Room.objects.select_related("session").get(pk=room.pk)
        if room.state == state:
            return room
        room.state = state
        for name, value in timestamps.items():
            setattr(room, name, value)
        room.save(update_fields=["state", *timestamps])
        _emit(room, "room.updated", room_data(room))
    return room


# --- Questions ------------------------------------------------------------------------


def question_too_long_message() -> str:
    """Said at the field, by the server and by the page's script when a paste is cut."""
    return _("A question is at most %(limit)d characters.") % {"limit": QUESTION_MAX_LENGTH}


def question_ask(*, room: Room, user, access: Access, text_: str, anonymous=False) -> Question:
    _require_live(room, access)
    ratelimit.hit(user.pk, "ask")
    cleaned = usertext.clean(text_ or "")
    if not cleaned:
        raise LiveError("empty", _("Type a question first."))
    if len(cleaned) > QUESTION_MAX_LENGTH:
        raise LiveError("too_long", question_too_long_message())
    pending = room.premoderation and not access.moderator
    key = usertext.question_key(cleaned)
    with transaction.atomic():
        if _open_question_with_key(room, key, user).exists():
            raise LiveError(
                "duplicate",
                _("This question has already been asked: vote for it instead."),
            )
        question = Question.objects.create(
            room=room,
            author=user,
            text=cleaned,
            anonymous=bool(anonymous),
            status=QuestionStatus.PENDING if pending else QuestionStatus.VISIBLE,
        )
        full = question_data(question)
        if pending:
            _emit(room, "question.submitted", {"id": question.pk}, moderator_data=full)
        else:
            _emit(room, "question.asked", full)
        question_asked.send(sender=Question, question=question)
    return question


def _open_question_with_key(room: Room, key: str, user):
    """Questions of the room still open with this text: shown and not yet answered, or
    awaiting moderation when the same person asked them (others cannot see those)."""
    same = Question.objects.filter(room=room, text_key=key, answered=False)
    return same.filter(status=QuestionStatus.VISIBLE) | same.filter(
        status=QuestionStatus.PENDING, author=user
    )


def question_vote(*, room: Room, user, access: Access, question_id, withdraw=False) -> Question:
    _require_live(room, access)
    ratelimit.hit(user.pk, "vote")
    question = _visible_question(room, question_id)
    if not withdraw and question.author_id == user.pk:
        raise LiveError("own_question", _("You cannot vote for your own question."))
    with transaction.atomic():
        delta = votes.vote_cast(
            ballot=QuestionVote,
            target=question,
            target_field="question",
            voter=user,
            withdraw=withdraw,
            votes_changed=True,
        )
        if delta:
            transaction.on_commit(lambda: broadcast.request_tally(room.pk))
    question.refresh_from_db(fields=["votes"])
    return question


MODERATIONS = ("approve", "hide", "answer", "unanswer", "pin", "unpin")


def question_moderate(*, room: Room, by, access: Access, question_id, action: str) -> Question:
    _require_moderator(access)
    ratelimit.hit(by.pk, "moderate")
    if action not in MODERATIONS:
        raise LiveError("unknown_action", _("This action does not exist."))
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        question = Question.objects.filter(room=room, pk=_as_id(question_id)).first()
        if question is None:
            raise LiveError("not_found", _("This question no longer exists."))
        if action == "pin" and question.status != QuestionStatus.VISIBLE:
            raise LiveError("not_visible", _("Show the question to everyone before pinning it."))
        if action == "approve":
            question.status = QuestionStatus.VISIBLE
        elif action == "hide":
            question.status = QuestionStatus.HIDDEN
        elif action in ("answer", "unanswer"):
            question.answered = action == "answer"
        question.save(update_fields=["status", "answered"])
        if action == "pin" or (action == "hide" and room.pinned_question_id == question.pk):
            room.pinned_question = question if action == "pin" else None
            room.save(update_fields=["pinned_question"])
        elif action == "unpin" and room.pinned_question_id == question.pk:
            room.pinned_question = None
            room.save(update_fields=["pinned_question"])
        full = question_data(question)
        if question.status == QuestionStatus.VISIBLE:
            _emit(room, "question.updated", full)
        else:
            _emit(
                room,
                "question.updated",
                {"id": question.pk, "status": question.status},
                moderator_data=full,
            )
        if action in ("pin", "unpin", "hide"):
            _emit(room, "room.updated", room_data(room))
    return question


# --- Polls ----------------------------------------------------------------------------


def poll_create(*, room: Room, by, access: Access, question: str, options, multiple=False) -> Poll:
    _require_moderator(access)
    ratelimit.hit(by.pk, "moderate")
    question = usertext.clean(question or "")
    options = [usertext.clean(option or "") for option in (options or [])]
    options = [option for option in options if option]
    if not question:
        raise LiveError("empty", _("Type the poll's question."))
    if len(question) > POLL_QUESTION_MAX_LENGTH or any(
        len(option) > POLL_OPTION_MAX_LENGTH for option in options
    ):
        raise LiveError("too_long", _("The question or an answer is too long."))
    if not 2 <= len(options) <= MAX_POLL_OPTIONS:
        raise LiveError(
            "options",
            _("A poll needs between 2 and %(limit)d answers.") % {"limit": MAX_POLL_OPTIONS},
        )
    with transaction.atomic():
        poll = Poll.objects.create(
            room=room, question=question, multiple=bool(multiple), created_by=by
        )
        PollOption.objects.bulk_create(
            PollOption(poll=poll, text=option, position=n) for n, option in enumerate(options)
        )
        _emit(room, "poll.created", {"id": poll.pk}, moderator_data=poll_data(poll))
    return poll


def poll_open(*, room: Room, by, access: Access, poll_id) -> Poll:
    return _poll_set_state(room, by, access, poll_id, PollState.OPEN)


def poll_close(*, room: Room, by, access: Access, poll_id) -> Poll:
    return _poll_set_state(room, by, access, poll_id, PollState.CLOSED)


def _poll_set_state(room: Room, by, access: Access, poll_id, state: str) -> Poll:
    _require_moderator(access)
    ratelimit.hit(by.pk, "moderate")
    with transaction.atomic():
        _lock_room(room.pk)
        poll = Poll.objects.select_for_update().filter(room=room, pk=_as_id(poll_id)).first()
        if poll is None:
            raise LiveError("not_found", _("This poll no longer exists."))
        if poll.state != state:
            poll.state = state
            poll.save(update_fields=["state"])
            _emit(room, "poll.updated", poll_data(poll))
    return poll


def poll_vote(*, room: Room, user, access: Access, poll_id, option_ids) -> Poll:
    _require_live(room, access)
    ratelimit.hit(user.pk, "poll_vote")
    poll = Poll.objects.filter(room=room, pk=_as_id(poll_id), state=PollState.OPEN).first()
    if poll is None:
        raise LiveError("poll_closed", _("This poll is not open."))
    chosen = {_as_id(option) for option in (option_ids or [])}
    options = list(poll.options.filter(pk__in=chosen))
    if not options or len(options) != len(chosen):
        raise LiveError("no_choice", _("Choose an answer."))
    if len(options) > 1 and not poll.multiple:
        raise LiveError("one_choice", _("Choose only one answer."))
    try:
        with transaction.atomic():
            ballot = PollVote.objects.create(poll=poll, user=user)
            ballot.options.set(options)
            PollOption.objects.filter(pk__in=[option.pk for option in options]).update(
                votes=F("votes") + 1
            )
            Poll.objects.filter(pk=poll.pk).update(voters=F("voters") + 1, votes_changed=True)
            transaction.on_commit(lambda: broadcast.request_tally(room.pk))
            poll_answered.send(sender=Poll, poll=poll, user=user, options=options)
    except IntegrityError:
        raise LiveError("already_voted", _("You have already answered this poll.")) from None
    return poll


# --- Announcements --------------------------------------------------------------------


def announce(*, room: Room, by, access: Access, text_: str) -> Announcement:
    _require_moderator(access)
    ratelimit.hit(by.pk, "moderate")
    cleaned = usertext.clean(text_ or "")
    if not cleaned:
        raise LiveError("empty", _("Type the announcement first."))
    if len(cleaned) > ANNOUNCEMENT_MAX_LENGTH:
        raise LiveError(
            "too_long",
            _("An announcement is at most %(limit)d characters.")
            % {"limit": ANNOUNCEMENT_MAX_LENGTH},
        )
    with transaction.atomic():
        announcement = Announcement.objects.create(room=room, author=by, text=cleaned)
        _emit(room, "announcement", announcement_data(announcement))
    return announcement


# --- Votes, gathered ------------------------------------------------------------------


def tally_flush(room_id: int) -> Event | None:
    """One event with the counts of every question and poll whose votes changed since the
    last tally. Counts are absolute, so two processes flushing the same room is harmless."""
    with transaction.atomic():
        # The room first, as every change that numbers an event locks it: no deadlock with a
        # moderation, and two flushes of one room take turns. The rows read are locked until
        # their counts are sent, so a vote committing meanwhile waits and marks them again.
        if _lock_room(room_id) is None:
            return None
        questions = dict(
            Question.objects.select_for_update()
            .filter(room_id=room_id, votes_changed=True)
            .values_list("pk", "votes")
        )
        polls = list(
            Poll.objects.select_for_update()
            .filter(room_id=room_id, votes_changed=True)
            .values_list("pk", "voters")
        )
        if not questions and not polls:
            return None
        Question.objects.filter(pk__in=questions).update(votes_changed=False)
        Poll.objects.filter(pk__in=[pk for pk, _voters in polls]).update(votes_changed=False)
        results = {}
        for pk, voters in polls:
            results[str(pk)] = {"voters": voters, "options": {}}
        for poll_id, option_id, votes in PollOption.objects.filter(
            poll_id__in=[pk for pk, _voters in polls]
        ).values_list("poll_id", "pk", "votes"):
            results[str(poll_id)]["options"][str(option_id)] = votes
        room = Room(pk=room_id)
        return _emit(
            room,
            "tally",
            {"questions": {str(pk): votes for pk, votes in questions.items()}, "polls": results},
        )


# --- Presence and attendance ------------------------------------------------------------


def presence_credit(*, room_id: int, user_ids, seconds: int, now=None) -> list[int]:
    """Add `seconds` of connection to each of `user_ids` for today; record online attendance
    for those who reached the threshold. Returns the ids whose attendance was recorded."""
    room = Room.objects.select_related("session").filter(pk=room_id, state=RoomState.LIVE).first()
    if room is None or not user_ids:
        return []
    day = session_today(room.session, now)
    existing = set(
        OnlinePresence.objects.filter(room=room, day=day, user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )
    OnlinePresence.objects.bulk_create(
        [OnlinePresence(room=room, user_id=pk, day=day) for pk in set(user_ids) - existing],
        ignore_conflicts=True,
    )
    OnlinePresence.objects.filter(room=room, day=day, user_id__in=user_ids).update(
        seconds=F("seconds") + seconds
    )
    due = OnlinePresence.objects.filter(
        room=room,
        day=day,
        attendance_recorded=False,
        seconds__gte=online_presence_seconds(),
    ).select_related("user")
    recorded = []
    for presence in due:
        # Trainers and visitors of an open seminar are counted too, but only a confirmed
        # learner gets an attendance record.
        if record_attendance(user=presence.user, session=room.session, day=day) is not None:
            recorded.append(presence.user_id)
        presence.attendance_recorded = True
        presence.save(update_fields=["attendance_recorded"])
    return recorded


def checked_in_count(room_id: int, day: date | None = None, session=None) -> int:
    """Learners marked present in the room today (check-in code or roster); `session`, the
    room's, when the caller holds it."""
    session = session or TrainingSession.objects.only("timezone").get(pk=room_id)
    return Attendance.objects.filter(
        enrollment__session_id=room_id,
        day=day or session_today(session),
        source__in=(AttendanceSource.CHECK_IN_CODE, AttendanceSource.ROSTER),
    ).count()


def checked_in_today(room_id: int, counted: int | None, *, session=None) -> int:
    """Learners marked present in the room today: `counted`, as the process's hub last
    counted them (live.hub.Hub.checked_in), or read when it has not counted them."""
    if counted is not None:
        return counted
    return checked_in_count(room_id, session=session)


# --- Helpers ----------------------------------------------------------------------------


def room_event(room: Room, kind: str, data: dict) -> Event:
    """An event told to everyone in the room, from another module of the room (the
    broadcast); inside the caller's transaction."""
    return _emit(room, kind, data)


def _emit(room: Room, kind: str, data: dict, *, moderator_data: dict | None = None) -> Event:
    """Number the change, store it, and broadcast it once the transaction commits."""
    Room.objects.filter(pk=room.pk).update(last_seq=F("last_seq") + 1)
    seq = Room.objects.values_list("last_seq", flat=True).get(pk=room.pk)
    event = Event.objects.create(
        room_id=room.pk, seq=seq, kind=kind, data=data, moderator_data=moderator_data
    )
    transaction.on_commit(lambda: broadcast.publish(event))
    return event


def _lock_room(room_id: int) -> int | None:
    """Lock the room's row until the transaction ends. Transactions that lock existing rows
    and number an event take this lock first, so none waits for another in reverse order."""
    return Room.objects.select_for_update().filter(pk=room_id).values_list("pk", flat=True).first()


def _require_moderator(access: Access) -> None:
    if not access.moderator:
        raise LiveError("forbidden", _("Only the session's trainers can do this."))


def _require_live(room: Room, access: Access) -> None:
    if not access.allowed:
        raise LiveError("forbidden", access.message or _("You cannot take part in this room."))
    if room.state != RoomState.LIVE:
        raise LiveError("not_live", _("The live room is not open."))


def _visible_question(room: Room, question_id) -> Question:
    question = Question.objects.filter(
        room=room, pk=_as_id(question_id), status=QuestionStatus.VISIBLE
    ).first()
    if question is None:
        raise LiveError("not_found", _("This question no longer exists."))
    return question


def _as_id(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise LiveError("bad_request", _("This request is malformed.")) from None
    if number <= 0 or number > 2**62:
        raise LiveError("bad_request", _("This request is malformed."))
    return number
