"""How the live room's pages show questions, polls and the room: plain items for the
templates, with the flags (space-separated words) that both the templates and live.js read
to show or hide buttons and badges, and the messages the pages and the script show."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from live.models import PollState, QuestionStatus, Room
from live.serializers import question_data
from live.services import Access

# What a person is told once an action went through, on the page and by the script.
DONE = {
    "ask": _("Your question is posted."),
    "ask_pending": _("Your question is sent: it appears once a trainer approves it."),
    "vote": _("Your vote is counted."),
    "unvote": _("Your vote is withdrawn."),
    "poll_vote": _("Your answer is counted."),
    "approve": _("The question is shown to everyone."),
    "hide": _("The question is hidden."),
    "answer": _("The question is marked as answered."),
    "unanswer": _("The question is marked as not answered."),
    "pin": _("The question is pinned."),
    "unpin": _("The question is no longer pinned."),
    "poll_create": _("The poll is ready: open it when learners should answer."),
    "poll_open": _("The poll is open."),
    "poll_close": _("The poll is closed."),
    "announce": _("The announcement is sent."),
    "room_open": _("The live room is open."),
    "room_close": _("The live room is closed."),
    "settings": _("The room settings are saved."),
    "stream_key": _("A new stream key is ready: the previous one no longer works."),
    "stream_key_revoked": _("The stream key is revoked: nobody can broadcast to this room."),
    "recording_lesson": _(
        "The video is being made from the recording: it appears among the videos once ready."
    ),
}
CONNECTION = {
    "connecting": _("Connecting…"),
    "live": _("Live"),
    "reconnecting": _("Reconnecting…"),
    "slow": _("Slow connection mode"),
    "no_answer": _("No answer from the server: check your connection and try again."),
}


@dataclass
class QuestionItem:
    id: int | str
    text: str
    votes: int
    created: str
    author: str
    flags: str


@dataclass
class OptionRow:
    id: int | str
    text: str
    votes: int
    percent: int
    chosen: bool = False


@dataclass
class PollItem:
    id: int | str
    question: str
    voters: int
    multiple: bool
    flags: str
    options: list[OptionRow] = field(default_factory=list)


BLANK_QUESTION = QuestionItem(id="", text="", votes=0, created="", author="", flags="visible")
BLANK_POLL = PollItem(
    id="", question="", voters=0, multiple=False, flags="open", options=[OptionRow("", "", 0, 0)]
)


def question_items(questions, *, pinned_id, me: dict) -> list[QuestionItem]:
    """`questions` as frames carry them (live.serializers.question_data); `me`, the reader's
    own part (live.selectors.own_part)."""
    voted, mine = set(me["voted"]), set(me["questions"])
    items = []
    for question in questions:
        flags = [question["status"]]
        if question["answered"]:
            flags.append("answered")
        if question["anonymous"]:
            flags.append("anonymous")
        if question["id"] == pinned_id:
            flags.append("pinned")
        if question["id"] in voted:
            flags.append("voted")
        if question["id"] in mine:
            flags.append("mine")
        items.append(
            QuestionItem(
                id=question["id"],
                text=question["text"],
                votes=question["votes"],
                created=question["created_at"],
                author=question["author"] or "",
                flags=" ".join(flags),
            )
        )
    return items


def poll_items(polls, *, me: dict, moderator) -> list[PollItem]:
    """`polls` as frames carry them (live.serializers.poll_data). Results show once the
    person answered, when the poll is closed, and to trainers."""
    items = []
    for poll in polls:
        chosen = me["ballots"].get(str(poll["id"]))
        flags = [poll["state"]]
        if poll["multiple"]:
            flags.append("multiple")
        if chosen is not None:
            flags.append("voted")
        if chosen is not None or poll["state"] == PollState.CLOSED or moderator:
            flags.append("results")
        voters = poll["voters"]
        options = [
            OptionRow(
                id=option["id"],
                text=option["text"],
                votes=option["votes"],
                percent=round(100 * option["votes"] / voters) if voters else 0,
                chosen=option["id"] in (chosen or ()),
            )
            for option in poll["options"]
        ]
        items.append(
            PollItem(
                id=poll["id"],
                question=poll["question"],
                voters=voters,
                multiple=poll["multiple"],
                flags=" ".join(flags),
                options=options,
            )
        )
    return items


def announcement_items(announcements) -> list[dict]:
    """`announcements` as frames carry them, with the time as a datetime for the templates."""
    return [
        {**announcement, "created_at": datetime.fromisoformat(announcement["created_at"])}
        for announcement in announcements
    ]


def room_flags(room: Room, access: Access, pinned, *, broadcast: str = "") -> str:
    """`broadcast`: the broadcast's state (live.serializers.broadcast_state)."""
    flags = [room.state]
    if room.video_url:
        flags.append("video")
    if broadcast:
        flags.append("broadcast")
    if broadcast == "on":
        flags.append("onair")
    if room.low_data_url:
        flags.append("lowdata")
    if pinned is not None:
        flags.append("pinned")
    if room.premoderation:
        flags.append("premoderation")
    if access.moderator:
        flags.append("moderator")
    return " ".join(flags)


def shown_pinned(room: Room, questions=()) -> dict | None:
    """The pinned question while everyone may see it, found among `questions` (as frames
    carry them) when it is there, else read."""
    if room.pinned_question_id is None:
        return None
    question = next((q for q in questions if q["id"] == room.pinned_question_id), None)
    if question is None and room.pinned_question is not None:
        question = question_data(room.pinned_question)
    if question is None or question["status"] != QuestionStatus.VISIBLE:
        return None
    return question
