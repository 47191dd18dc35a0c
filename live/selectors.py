"""What a participant sees of a room when they arrive or come back: a snapshot, or the
events they missed."""

from dataclasses import dataclass, field, replace
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet, Value

from accounts.websocket import users_of_sessions
from courses.models import TrainingSession
from live import broadcast
from live.models import (
    Announcement,
    Event,
    PollState,
    PollVote,
    QuestionStatus,
    QuestionVote,
    Room,
)
from live.serializers import announcement_data, poll_data, question_data, room_data
from live.services import Access, room_access, room_accesses

SNAPSHOT_QUESTIONS = 500
SNAPSHOT_ANNOUNCEMENTS = 5


def room_and_access(user, session_id) -> tuple[Room | None, Access]:
    """The room of a session and what `user` may do in it. Reading writes nothing: a room
    nobody has acted in yet is shown as a new one, and is stored by its first action
    (live.actions, live.services.room_update)."""
    try:
        session_id = int(session_id)
    except (TypeError, ValueError):
        return None, room_access(user, None)
    room = (
        Room.objects.select_related("session__course", "session__site")
        .filter(session_id=session_id)
        .first()
    )
    if room is None:
        session = (
            TrainingSession.objects.select_related("course", "site").filter(pk=session_id).first()
        )
        if session is None:
            return None, room_access(user, None)
        room = Room(session=session)
    return room, room_accesses([user], room.session, room=room)[0]


def snapshot(room: Room, user, access: Access) -> dict:
    """Everything a participant's screen shows (the HTTP fallback's first answer)."""
    room = Room.objects.select_related("session").filter(pk=room.pk).first() or room
    me = own_part(room, user) | {"moderator": access.moderator}
    if access.moderator:
        return room_snapshot(room, moderator=True).personal(me)
    return participant_view(room, user, me)


@dataclass(eq=False)
class SharedSnapshot:
    """What every participant of one kind (the room's moderators, or everyone else) sees of
    a room at `seq`, encoded once and shared by all who arrive until the next event. The
    personal parts ("me", and a learner's own questions awaiting moderation) are added to
    each copy (`personal`, `frame`)."""

    room_id: int
    moderator: bool
    seq: int
    data: dict  # without "me" and "presence"
    created: list  # the creation time of each question of data["questions"]
    text: str  # data encoded, less its closing brace

    @cached_property
    def question_ids(self) -> set[int]:
        return {question["id"] for question in self.data["questions"]}

    @cached_property
    def has_open_or_closed_polls(self) -> bool:
        """Whether anyone may have answered a poll of the room: only open polls take
        ballots, and a poll never goes back to draft."""
        return any(poll["state"] != PollState.DRAFT for poll in self.data["polls"])

    def frame(self, me: dict, own_pending=(), presence: dict | None = None) -> str:
        """The snapshot frame of one participant."""
        if own_pending:
            return broadcast.encode(self.personal(me, own_pending) | {"presence": presence})
        tail = ',"me":' + broadcast.encode(me)
        if presence is not None:
            tail += ',"presence":' + broadcast.encode(presence)
        return self.text + tail + "}"

    def personal(self, me: dict, own_pending=()) -> dict:
        data = dict(self.data, me=me)
        if own_pending:
            # A learner's own questions awaiting moderation, among the others by date.
            merged = sorted(
                [*zip(self.created, self.data["questions"], strict=True), *own_pending],
                key=lambda item: item[0],
                reverse=True,
            )
            data["questions"] = [question for _created, question in merged][:SNAPSHOT_QUESTIONS]
        return data


def room_snapshot(room: Room, *, moderator: bool) -> SharedSnapshot:
    """The part of the snapshot every moderator (or every other participant) shares. `seq` is
    read first (with `room`): events after it may already be reflected here, and applying
    them again changes nothing."""
    questions = room.questions.select_related("author").order_by("-created_at")
    polls = room.polls.prefetch_related("options")
    if not moderator:
        questions = questions.filter(status=QuestionStatus.VISIBLE)
        polls = polls.exclude(state=PollState.DRAFT)
    questions = list(questions[:SNAPSHOT_QUESTIONS])
    data = {
        "type": "snapshot",
        "seq": room.last_seq,
        "room": room_data(room),
        "questions": [question_data(q) for q in questions],
        "polls": [poll_data(poll) for poll in polls],
        "announcements": announcements_of(room),
    }
    return SharedSnapshot(
        room_id=room.pk,
        moderator=moderator,
        seq=room.last_seq,
        data=data,
        created=[q.created_at for q in questions],
        text=broadcast.encode(data)[:-1],
    )


def announcements_of(room: Room) -> list[dict]:
    """The room's latest announcements, newest first, as frames carry them."""
    return [
        announcement_data(a)
        for a in Announcement.objects.filter(room=room)[:SNAPSHOT_ANNOUNCEMENTS]
    ]


def moderator_view(room: Room, questions: list[dict]) -> dict:
    """The console's and the projector's room, in the form of a snapshot frame: the
    `questions` they list, the announcements and the broadcast."""
    return {
        "room": room_data(room),
        "questions": questions,
        "announcements": announcements_of(room),
    }


def _nothing_of_theirs() -> dict:
    """The own part of someone who has not asked, voted or answered a poll in the room."""
    return {"questions": [], "voted": [], "ballots": {}}


ASKED, VOTED, CHOSE = 0, 1, 2


def mine_in_room(room: Room, user_ids, *, ballots: bool = True) -> dict[int, dict]:
    """Each person's own part of the room ("me" less "moderator"): the questions they asked,
    the ones they voted for, their ballots (not read with `ballots` False: the caller knows
    the room has no poll that took any). One query for any number of people; people with
    nothing there are left out."""
    mine: dict[int, dict] = {}

    def of(user_id):
        return mine.setdefault(user_id, _nothing_of_theirs())

    # Rows of (what, whose, question or poll, option, the option's position).
    asked = room.questions.filter(author__in=user_ids).values_list(
        Value(ASKED), "author_id", "pk", "pk", Value(0)
    )
    voted = QuestionVote.objects.filter(question__room=room, user__in=user_ids).values_list(
        Value(VOTED), "user_id", "question_id", "question_id", Value(0)
    )
    parts = [voted]
    if ballots:
        chosen = PollVote.options.through.objects.filter(
            pollvote__poll__room=room, pollvote__user__in=user_ids
        )
        parts.append(
            chosen.values_list(
                Value(CHOSE),
                "pollvote__user_id",
                "pollvote__poll_id",
                "polloption_id",
                "polloption__position",
            )
        )
    for what, user, ref, option, _position in sorted(
        asked.union(*parts, all=True), key=lambda row: (row[4], row[3])
    ):
        if what == ASKED:
            of(user)["questions"].append(ref)
        elif what == VOTED:
            of(user)["voted"].append(ref)
        else:
            of(user)["ballots"].setdefault(str(ref), []).append(option)
    for part in mine.values():
        part["questions"].sort()
        part["voted"].sort()
    return mine


def may_await_moderation(own_part: dict, shared: SharedSnapshot) -> bool:
    """Whether some of a learner's questions may await moderation: only when they asked
    questions their shared snapshot does not show (then own_pending_questions reads them)."""
    return bool(set(own_part["questions"]) - shared.question_ids)


def own_pending_questions(room: Room, user_ids) -> dict[int, list]:
    """The questions each of these learners asked that still await moderation (they see
    them in their snapshot; nobody else does), as (created_at, data) pairs."""
    own: dict[int, list] = {}
    for question in room.questions.select_related("author").filter(
        author__in=user_ids, status=QuestionStatus.PENDING
    ):
        own.setdefault(question.author_id, []).append(
            (question.created_at, question_data(question))
        )
    return own


@dataclass(frozen=True)
class Knock:
    """Someone at the room's door: a new connection (`access` unknown; `user` None when it is
    still to be read from `session_key`), or a participant asking to catch up (`access`
    known)."""

    session_id: int
    user: object
    since: int | None = None
    access: Access | None = None
    session_key: str | None = None


@dataclass
class Welcome:
    """What one knock gets: its access and, when allowed, either the events it missed
    (`events`, encoded) or a snapshot (`snapshot` and the personal parts)."""

    access: Access
    user: object = None
    seq: int = 0
    events: list[str] | None = None
    snapshot: SharedSnapshot | None = None
    me: dict | None = None
    own_pending: list = field(default_factory=list)


def welcomes(knocks: list[Knock], known=None) -> tuple[list[Welcome], list[SharedSnapshot]]:
    """The answers to a crowd of knocks at once: a fixed number of queries per room
    whatever the number of people. `known` maps (room id, moderator) to the shared snapshot
    the caller holds; it is reused while the room's last event is still its `seq`. Returns
    the welcomes in the knocks' order and the shared snapshots built on the way."""
    known = known or {}
    # Who they are, for those whose handshake only brought a session key.
    keys = [k.session_key for k in knocks if k.user is None and k.session_key]
    signed_in = users_of_sessions(keys) if keys else {}
    knocks = [
        knock
        if knock.user is not None
        else replace(knock, user=signed_in.get(knock.session_key) or AnonymousUser())
        for knock in knocks
    ]
    ids = {knock.session_id for knock in knocks}
    # The rooms (and their last seq) first, as a snapshot reads them, with their sessions.
    rooms = Room.objects.select_related("session").in_bulk(ids)
    sessions = {room_id: room.session for room_id, room in rooms.items()}
    if len(rooms) < len(ids):
        sessions |= TrainingSession.objects.in_bulk(ids - rooms.keys())
    accesses = [knock.access for knock in knocks]
    for session_id in ids:
        asking = [n for n, knock in enumerate(knocks) if knock.session_id == session_id]
        unknown = [n for n in asking if accesses[n] is None]
        session = sessions.get(session_id)
        if session is not None and session_id not in rooms:
            # A room nobody has acted in yet, shown as a new one (reading writes nothing).
            rooms[session_id] = Room(session=session)
        if unknown:
            found = room_accesses(
                [knocks[n].user for n in unknown], session, room=rooms.get(session_id)
            )
            for n, access in zip(unknown, found, strict=True):
                accesses[n] = access
    answers = [Welcome(access, knock.user) for access, knock in zip(accesses, knocks, strict=True)]
    built = []
    for room_id, room in rooms.items():
        entering = [
            n
            for n, knock in enumerate(knocks)
            if knock.session_id == room_id and answers[n].access.allowed
        ]
        if entering:
            built += _welcome_into(
                room, [knocks[n] for n in entering], [answers[n] for n in entering], known
            )
    return answers, built


def _welcome_into(room: Room, knocks, answers, known) -> list[SharedSnapshot]:
    last = room.last_seq
    replay = [
        n
        for n, knock in enumerate(knocks)
        if knock.since is not None
        and knock.since <= last
        and last - knock.since <= settings.LIVE_REPLAY_LIMIT
    ]
    if replay:
        since = min(knocks[n].since for n in replay)
        events = list(Event.objects.filter(room_id=room.pk, seq__gt=since).order_by("seq"))
        encoded = {}
        for n in replay:
            moderator = answers[n].access.moderator
            if moderator not in encoded:
                encoded[moderator] = [
                    (e.seq, broadcast.event_frame(e, moderator=moderator)) for e in events
                ]
            missed = [(seq, f) for seq, f in encoded[moderator] if seq > knocks[n].since]
            answers[n].events = [frame for _seq, frame in missed]
            answers[n].seq = missed[-1][0] if missed else knocks[n].since
    arriving = [n for n in range(len(knocks)) if answers[n].events is None]
    if not arriving:
        return []
    built, shared = [], {}
    for moderator in {answers[n].access.moderator for n in arriving}:
        snapshot = known.get((room.pk, moderator))
        if snapshot is None or snapshot.seq != last:
            snapshot = room_snapshot(room, moderator=moderator)
            built.append(snapshot)
        shared[moderator] = snapshot
    ballots = any(snapshot.has_open_or_closed_polls for snapshot in shared.values())
    mine = mine_in_room(room, {knocks[n].user.pk for n in arriving}, ballots=ballots)
    awaiting = {
        knocks[n].user.pk
        for n in arriving
        if not answers[n].access.moderator
        and may_await_moderation(mine.get(knocks[n].user.pk) or _nothing_of_theirs(), shared[False])
    }
    own = own_pending_questions(room, awaiting) if awaiting else {}
    for n in arriving:
        answer, user_id = answers[n], knocks[n].user.pk
        moderator = answer.access.moderator
        answer.snapshot, answer.seq = shared[moderator], shared[moderator].seq
        answer.me = {"moderator": moderator, **(mine.get(user_id) or _nothing_of_theirs())}
        answer.own_pending = [] if moderator else own.get(user_id, [])
    return built


def events_since(room_id: int, since: int, *, moderator: bool) -> list[tuple[int, str]] | None:
    """The encoded events after `since`, or None when a snapshot serves better: the client is
    too far behind, or ahead of the log (it saw a database that was since replaced)."""
    last = Room.objects.values_list("last_seq", flat=True).filter(pk=room_id).first() or 0
    if since > last or last - since > settings.LIVE_REPLAY_LIMIT:
        return None
    events = Event.objects.filter(room_id=room_id, seq__gt=since).order_by("seq")
    return [(event.seq, broadcast.event_frame(event, moderator=moderator)) for event in events]


def own_part(room: Room, user) -> dict:
    """The person's own part of the room ("me" less "moderator"), for the room's pages."""
    return mine_in_room(room, [user.pk]).get(user.pk) or _nothing_of_theirs()


def participant_view(room: Room, user, me: dict, shared: SharedSnapshot | None = None) -> dict:
    """What the room page shows `user`: the snapshot a participant receives on arrival (its
    questions visible to everyone, newest first, with their own awaiting moderation among
    them; polls; announcements) and `me`. `shared`, the process's copy of the participants'
    shared snapshot (live.hub), serves while it is at the room's last event: a crowd opening
    the page reads the room once, as a crowd joining the websocket does. Not for someone who
    voted: the counts of their own votes reach the shared copy with the next tally (within a
    second), and their page must show them at once."""
    voted = me["voted"] or me["ballots"]
    if shared is None or shared.moderator or shared.seq != room.last_seq or voted:
        shared = room_snapshot(room, moderator=False)
    own = ()
    if may_await_moderation(me, shared):
        own = own_pending_questions(room, [user.pk]).get(user.pk, ())
    return shared.personal(me, own)


def nothing_of_theirs(me: dict) -> bool:
    """Whether someone whose own part is `me` has not asked, voted or answered a poll."""
    return me == _nothing_of_theirs()


def moderation_queue(room: Room):
    return (
        room.questions.select_related("author")
        .filter(status=QuestionStatus.PENDING)
        .order_by("created_at")
    )


def rooms_awaiting_moderation(sessions: QuerySet[TrainingSession], *, limit: int = 5):
    """Rooms of these sessions with questions waiting for a moderator (`waiting`), the
    fullest queue first."""
    return list(
        Room.objects.filter(session__in=sessions)
        .annotate(waiting=Count("questions", filter=Q(questions__status=QuestionStatus.PENDING)))
        .filter(waiting__gt=0)
        .select_related("session__course")
        .order_by("-waiting", "session__starts_at")[:limit]
    )
