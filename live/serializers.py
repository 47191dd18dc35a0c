"""What frames say about a room, a question, a poll and an announcement: plain JSON data,
the same for the websocket, the HTTP fallback and the snapshot."""

from live.models import Announcement, Poll, Question, Room


def author_name(user) -> str | None:
    """Other participants see a name only when the person gave one, never an address."""
    if user is None:
        return None
    return user.get_full_name() or None


def room_data(room: Room) -> dict:
    return {
        "id": room.pk,
        "state": room.state,
        "video_url": room.video_url,
        "low_data_url": room.low_data_url,
        "premoderation": room.premoderation,
        "pinned": room.pinned_question_id,
    }


def question_data(question: Question) -> dict:
    return {
        "id": question.pk,
        "text": question.text,
        "author": None if question.anonymous else author_name(question.author),
        "anonymous": question.anonymous,
        "status": question.status,
        "answered": question.answered,
        "votes": question.votes,
        "created_at": question.created_at.isoformat(),
    }


def poll_data(poll: Poll) -> dict:
    return {
        "id": poll.pk,
        "question": poll.question,
        "multiple": poll.multiple,
        "state": poll.state,
        "voters": poll.voters,
        "options": [
            {"id": option.pk, "text": option.text, "votes": option.votes}
            for option in poll.options.all()
        ],
    }


def announcement_data(announcement: Announcement) -> dict:
    return {
        "id": announcement.pk,
        "text": announcement.text,
        "created_at": announcement.created_at.isoformat(),
    }
