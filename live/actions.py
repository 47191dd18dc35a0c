"""The actions a client may send, by name, for the websocket consumer and the HTTP fallback
alike: each takes the decoded frame and returns what the acknowledgement carries."""

from django.utils.translation import gettext_lazy as _

from cms.database import retry_when_busy
from live import services
from live.models import Room
from live.services import Access, LiveError


def _ask(room, user, access, frame):
    question = services.question_ask(
        room=room,
        user=user,
        access=access,
        text_=_text(frame, "text"),
        anonymous=bool(frame.get("anonymous")),
    )
    return {"question": question.pk, "status": question.status}


def _vote(room, user, access, frame):
    question = services.question_vote(
        room=room, user=user, access=access, question_id=frame.get("question")
    )
    return {"question": question.pk, "votes": question.votes}


def _unvote(room, user, access, frame):
    question = services.question_vote(
        room=room, user=user, access=access, question_id=frame.get("question"), withdraw=True
    )
    return {"question": question.pk, "votes": question.votes}


def _poll_vote(room, user, access, frame):
    options = frame.get("options")
    if not isinstance(options, list):
        options = [options]
    poll = services.poll_vote(
        room=room, user=user, access=access, poll_id=frame.get("poll"), option_ids=options
    )
    return {"poll": poll.pk}


def _moderate(room, user, access, frame):
    question = services.question_moderate(
        room=room,
        by=user,
        access=access,
        question_id=frame.get("question"),
        action=str(frame.get("do", "")),
    )
    return {"question": question.pk, "status": question.status}


def _poll_create(room, user, access, frame):
    options = frame.get("options")
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        raise LiveError("bad_request", _("This request is malformed."))
    poll = services.poll_create(
        room=room,
        by=user,
        access=access,
        question=_text(frame, "question"),
        options=options,
        multiple=bool(frame.get("multiple")),
    )
    return {"poll": poll.pk}


def _poll_open(room, user, access, frame):
    return {
        "poll": services.poll_open(room=room, by=user, access=access, poll_id=frame.get("poll")).pk
    }


def _poll_close(room, user, access, frame):
    poll = services.poll_close(room=room, by=user, access=access, poll_id=frame.get("poll"))
    return {"poll": poll.pk}


def _announce(room, user, access, frame):
    announcement = services.announce(room=room, by=user, access=access, text_=_text(frame, "text"))
    return {"announcement": announcement.pk}


def _room_open(room, user, access, frame):
    return {"state": services.room_open(room=room, by=user, access=access).state}


def _room_close(room, user, access, frame):
    return {"state": services.room_close(room=room, by=user, access=access).state}


ACTIONS = {
    "ask": _ask,
    "vote": _vote,
    "unvote": _unvote,
    "poll_vote": _poll_vote,
    "moderate": _moderate,
    "poll_create": _poll_create,
    "poll_open": _poll_open,
    "poll_close": _poll_close,
    "announce": _announce,
    "room_open": _room_open,
    "room_close": _room_close,
}


def perform(room_id: int, user, access: Access, frame: dict) -> dict:
    """Run one action on the room as it is now; raises LiveError when refused. With a `key`
    in the frame, an action this person already did in this room under that key is not
    done again: the answer is the one it had."""
    handler = ACTIONS.get(frame.get("action"))
    if handler is None:
        raise LiveError("unknown_action", _("This action does not exist."))
    key = services.action_key(frame.get("key"))

    def change():
        return handler(Room.objects.get_or_create(session_id=room_id)[0], user, access, frame)

    def change_once():
        return services.action_once(
            room_id=room_id, user=user, key=key, action=frame["action"], perform=change
        )

    # A busy database (a write of the websocket consumer, the fallback's or another
    # worker's) makes the action wait and run again rather than fail.
    return retry_when_busy(change if key is None else change_once)


def _text(frame: dict, key: str) -> str:
    value = frame.get(key, "")
    if not isinstance(value, str):
        raise LiveError("bad_request", _("This request is malformed."))
    return value
