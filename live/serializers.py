"""What frames say about a room, a question, a poll and an announcement: plain JSON data,
the same for the websocket, the HTTP fallback and the snapshot."""

from django.conf import settings

from live import ingest
from live.models import Announcement, Broadcast, Poll, Question, Room, RoomState


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
        "broadcast": broadcast_data(room),
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


_UNREAD = object()


def broadcast_state(room: Room, broadcast=_UNREAD) -> str:
    """The room's broadcast: "on" while the encoder publishes; "paused" when it stopped
    while the room is still open (the player says the broadcast will resume); ""
    otherwise: the room shows its external video link, as before it had its own broadcast.
    `broadcast`: the room's Broadcast or None, when the caller read it already."""
    if broadcast is _UNREAD:
        broadcast = Broadcast.objects.filter(room_id=room.pk).first()
    if broadcast is None:
        return ""
    if broadcast.on_air:
        return "on"
    if broadcast.started_at is not None and room.state == RoomState.LIVE:
        return "paused"
    return ""


def playlist_urls(broadcast: Broadcast) -> dict[str, str]:
    """The master playlist ("auto") and each rendition's, by rendition name."""
    publication = ingest.publication_name(broadcast.room_id, broadcast.playback_id)
    base = f"{settings.LIVE_HLS_URL}{publication}"
    urls = {"auto": f"{base}/index.m3u8"}
    urls.update({r.name: f"{base}/{r.name}/index.m3u8" for r in ingest.LADDER})
    return urls


def broadcast_data(room: Room) -> dict:
    """What frames and pages say about the broadcast: its state and, while there is one,
    the playlists."""
    broadcast = Broadcast.objects.filter(room_id=room.pk).first()
    state = broadcast_state(room, broadcast)
    return {"state": state, "sources": playlist_urls(broadcast) if state else {}}
