"""What a participant sees of a room when they arrive or come back: a snapshot, or the
events they missed."""

from django.conf import settings
from django.db.models import Count, Q, QuerySet

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
from live.services import Access, room_access

SNAPSHOT_QUESTIONS = 500
SNAPSHOT_ANNOUNCEMENTS = 5


def session_for_room(session_id) -> TrainingSession | None:
    try:
        session_id = int(session_id)
    except (TypeError, ValueError):
        return None
    return TrainingSession.objects.select_related("course", "site").filter(pk=session_id).first()


def room_and_access(user, session_id) -> tuple[Room | None, Access]:
    """The room of a session and what `user` may do in it. Reading writes nothing: a room
    nobody has acted in yet is shown as a new one, and is stored by its first action
    (live.actions, live.services.room_update)."""
    session = session_for_room(session_id)
    access = room_access(user, session)
    if session is None:
        return None, access
    room = Room.objects.filter(session=session).first() or Room(session=session)
    room.session = session
    return room, access


def snapshot(room: Room, user, access: Access) -> dict:
    """Everything a participant's screen shows. `seq` is read first: events after it may
    already be reflected here, and applying them again changes nothing."""
    room = Room.objects.select_related("session").filter(pk=room.pk).first() or room
    questions = room.questions.select_related("author").order_by("-created_at")
    if access.moderator:
        shown = questions
    else:
        shown = questions.filter(
            Q(status=QuestionStatus.VISIBLE) | Q(author=user, status=QuestionStatus.PENDING)
        )
    polls = room.polls.prefetch_related("options")
    if not access.moderator:
        polls = polls.exclude(state=PollState.DRAFT)
    mine = set(room.questions.filter(author=user).values_list("pk", flat=True))
    voted = set(
        QuestionVote.objects.filter(question__room=room, user=user).values_list(
            "question_id", flat=True
        )
    )
    ballots = {}
    for ballot in PollVote.objects.filter(poll__room=room, user=user).prefetch_related("options"):
        ballots[str(ballot.poll_id)] = [option.pk for option in ballot.options.all()]
    return {
        "type": "snapshot",
        "seq": room.last_seq,
        "room": room_data(room),
        "questions": [question_data(q) for q in shown[:SNAPSHOT_QUESTIONS]],
        "polls": [poll_data(poll) for poll in polls],
        "announcements": [
            announcement_data(a)
            for a in Announcement.objects.filter(room=room)[:SNAPSHOT_ANNOUNCEMENTS]
        ],
        "me": {
            "moderator": access.moderator,
            "questions": sorted(mine),
            "voted": sorted(voted),
            "ballots": ballots,
        },
    }


def events_since(room_id: int, since: int, *, moderator: bool) -> list[tuple[int, str]] | None:
    """The encoded events after `since`, or None when a snapshot serves better: the client is
    too far behind, or ahead of the log (it saw a database that was since replaced)."""
    last = Room.objects.values_list("last_seq", flat=True).filter(pk=room_id).first() or 0
    if since > last or last - since > settings.LIVE_REPLAY_LIMIT:
        return None
    events = Event.objects.filter(room_id=room_id, seq__gt=since).order_by("seq")
    return [(event.seq, broadcast.event_frame(event, moderator=moderator)) for event in events]


def visible_questions(room: Room, user, *, sort: str = "votes"):
    """For the server-rendered room page."""
    questions = room.questions.select_related("author").filter(
        Q(status=QuestionStatus.VISIBLE) | Q(author=user, status=QuestionStatus.PENDING)
    )
    order = ["-created_at"] if sort == "newest" else ["-votes", "-created_at"]
    return questions.order_by(*order)


def moderation_queue(room: Room):
    return (
        room.questions.select_related("author")
        .filter(status=QuestionStatus.PENDING)
        .order_by("created_at")
    )


def open_polls(room: Room):
    return room.polls.exclude(state=PollState.DRAFT).prefetch_related("options")


def votes_of(user, room: Room) -> set[int]:
    return set(
        QuestionVote.objects.filter(question__room=room, user=user).values_list(
            "question_id", flat=True
        )
    )


def ballots_of(user, room: Room) -> dict[int, set[int]]:
    ballots = {}
    for ballot in PollVote.objects.filter(poll__room=room, user=user).prefetch_related("options"):
        ballots[ballot.poll_id] = {option.pk for option in ballot.options.all()}
    return ballots


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
