import json

import pytest

from live import broadcast, selectors, services
from live.factories import QuestionFactory
from live.models import Announcement, Event, Room, RoomState
from live.services import LiveError
from tests.live.factories import access_of, live_room_setup, room_events

pytestmark = pytest.mark.django_db


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(LiveError) as error:
        call(*args, **kwargs)
    return error.value.code


def announce(setup, text_, user=None):
    user = user or setup.trainer
    return services.announce(
        room=setup.room, by=user, access=access_of(user, setup.room), text_=text_
    )


def ask(setup, text_="A question"):
    return services.question_ask(
        room=setup.room,
        user=setup.learner,
        access=access_of(setup.learner, setup.room),
        text_=text_,
    )


# --- Opening and closing ----------------------------------------------------------------


def test_the_trainer_opens_and_closes_the_room():
    setup = live_room_setup(state=RoomState.SCHEDULED)
    trainer = access_of(setup.trainer, setup.room)
    room = services.room_open(room=setup.room, by=setup.trainer, access=trainer)
    assert room.state == "live"
    assert room.opened_at is not None
    room = services.room_close(room=room, by=setup.trainer, access=trainer)
    assert (room.state, room.closed_at is not None) == ("ended", True)
    assert [(e["kind"], e["data"]["state"]) for e in room_events(room)] == [
        ("room.updated", "live"),
        ("room.updated", "ended"),
    ]


def test_opening_an_open_room_sends_nothing(setup):
    services.room_open(
        room=setup.room, by=setup.trainer, access=access_of(setup.trainer, setup.room)
    )
    assert room_events(setup.room) == []


def test_learners_cannot_open_or_close_the_room():
    setup = live_room_setup(state=RoomState.SCHEDULED)
    learner = access_of(setup.learner, setup.room)
    assert refused(services.room_open, room=setup.room, by=setup.learner, access=learner) == (
        "forbidden"
    )
    assert Room.objects.get(pk=setup.room.pk).state == "scheduled"


def test_room_settings_reach_participants(setup):
    services.room_update(
        room=setup.room,
        access=access_of(setup.trainer, setup.room),
        video_url="https://video.example.org/stream",
        low_data_url="https://audio.example.org/",
        premoderation=True,
    )
    [event] = room_events(setup.room)
    assert event["data"] == {
        "id": setup.room.pk,
        "state": "live",
        "video_url": "https://video.example.org/stream",
        "low_data_url": "https://audio.example.org/",
        "premoderation": True,
        "pinned": None,
        "broadcast": {"state": "", "sources": {}},
    }


# --- Announcements ----------------------------------------------------------------------


def test_an_announcement_reaches_everyone(setup):
    announcement = announce(setup, "  Break until 11:00\x07  ")
    [event] = room_events(setup.room)
    assert event["kind"] == "announcement"
    assert event["data"] == {
        "id": announcement.pk,
        "text": "Break until 11:00",
        "created_at": announcement.created_at.isoformat(),
    }


def test_announcements_are_for_moderators_and_need_text(setup):
    assert refused(announce, setup, "Free pizza", user=setup.learner) == "forbidden"
    assert refused(announce, setup, "   ") == "empty"
    assert refused(announce, setup, "x" * 501) == "too_long"
    assert not Announcement.objects.exists()


def test_the_snapshot_shows_the_latest_five_announcements(setup):
    for n in range(7):
        announce(setup, f"Notice {n}")
    snapshot = selectors.snapshot(setup.room, setup.learner, access_of(setup.learner, setup.room))
    assert [a["text"] for a in snapshot["announcements"]] == [
        f"Notice {n}" for n in (6, 5, 4, 3, 2)
    ]


# --- Snapshot ---------------------------------------------------------------------------


def test_the_snapshot_shows_a_participant_what_they_may_see():
    setup = live_room_setup(premoderation=True)
    visible = QuestionFactory(room=setup.room, text="Visible")
    QuestionFactory(room=setup.room, text="Someone else's, waiting", status="pending")
    QuestionFactory(room=setup.room, text="Hidden", status="hidden")
    mine = ask(setup, "Mine, waiting")
    learner = access_of(setup.learner, setup.room)
    snapshot = selectors.snapshot(setup.room, setup.learner, learner)
    assert snapshot["type"] == "snapshot"
    assert snapshot["seq"] == 1
    assert snapshot["room"]["premoderation"] is True
    assert {q["text"] for q in snapshot["questions"]} == {"Visible", "Mine, waiting"}
    assert snapshot["me"] == {
        "moderator": False,
        "questions": [mine.pk],
        "voted": [],
        "ballots": {},
    }
    trainer = access_of(setup.trainer, setup.room)
    snapshot = selectors.snapshot(setup.room, setup.trainer, trainer)
    assert len(snapshot["questions"]) == 4
    assert snapshot["me"]["moderator"] is True
    assert visible.pk in {q["id"] for q in snapshot["questions"]}


# --- The event log ----------------------------------------------------------------------


def test_sequence_numbers_are_contiguous_and_stored(setup):
    question = ask(setup)
    announce(setup, "Hello")
    trainer = access_of(setup.trainer, setup.room)
    services.question_moderate(
        room=setup.room, by=setup.trainer, access=trainer, question_id=question.pk, action="pin"
    )
    services.poll_create(
        room=setup.room, by=setup.trainer, access=trainer, question="Q", options=["a", "b"]
    )
    seqs = list(Event.objects.filter(room=setup.room).order_by("seq").values_list("seq", flat=True))
    assert seqs == [1, 2, 3, 4, 5]
    assert Room.objects.get(pk=setup.room.pk).last_seq == 5
    assert [e["seq"] for e in room_events(setup.room)] == seqs


def test_each_room_counts_its_own_events(setup):
    other = live_room_setup()
    ask(setup, "A first question")
    services.question_ask(
        room=other.room,
        user=other.learner,
        access=access_of(other.learner, other.room),
        text_="Elsewhere",
    )
    ask(setup, "A second question")
    assert [e["seq"] for e in room_events(setup.room)] == [1, 2]
    assert [e["seq"] for e in room_events(other.room)] == [1]


def test_events_are_broadcast_after_they_are_stored(
    setup, monkeypatch, django_capture_on_commit_callbacks
):
    """What goes on the wire is already in the log, with the same number and text."""
    published = []

    def publish(event):
        stored = Event.objects.get(room=event.room_id, seq=event.seq)
        published.append((event.seq, broadcast.event_frame(stored, moderator=False)))

    monkeypatch.setattr(broadcast, "publish", publish)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ask(setup)
        assert published == []
        announce(setup, "Hello")
    assert len(callbacks) == 2
    assert published == selectors.events_since(setup.room.pk, 0, moderator=False)
    assert [seq for seq, _frame in published] == [1, 2]


def test_a_refused_action_leaves_no_event(setup):
    with pytest.raises(LiveError):
        announce(setup, "")
    assert Room.objects.get(pk=setup.room.pk).last_seq == 0
    assert not Event.objects.exists()


def test_events_since_returns_exactly_the_missed_frames(setup):
    for n in range(4):
        announce(setup, f"Notice {n}")
    missed = selectors.events_since(setup.room.pk, 2, moderator=False)
    assert [seq for seq, _frame in missed] == [3, 4]
    assert [json.loads(frame)["data"]["text"] for _seq, frame in missed] == [
        "Notice 2",
        "Notice 3",
    ]
    assert selectors.events_since(setup.room.pk, 4, moderator=False) == []


def test_events_since_gives_moderators_their_version():
    setup = live_room_setup(premoderation=True)
    ask(setup, "Waiting")
    [(_seq, participant)] = selectors.events_since(setup.room.pk, 0, moderator=False)
    [(_seq, moderator)] = selectors.events_since(setup.room.pk, 0, moderator=True)
    assert "Waiting" not in participant
    assert json.loads(moderator)["data"]["text"] == "Waiting"


def test_too_far_behind_or_ahead_gets_a_snapshot_instead(setup, settings):
    settings.LIVE_REPLAY_LIMIT = 3
    for n in range(5):
        announce(setup, f"Notice {n}")
    assert selectors.events_since(setup.room.pk, 1, moderator=False) is None
    assert len(selectors.events_since(setup.room.pk, 2, moderator=False)) == 3
    assert selectors.events_since(setup.room.pk, 6, moderator=False) is None
