import pytest
from channels.db import database_sync_to_async

from enrollment.factories import EnrollmentFactory
from live import selectors, services
from tests.live.conftest import (
    ack_and_event,
    joined,
    next_frame,
    next_frames,
    quiet,
    send,
    setup_room,
)
from tests.live.factories import access_of

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def announce(setup, text_):
    return services.announce(
        room=setup.room, by=setup.trainer, access=access_of(setup.trainer, setup.room), text_=text_
    )


async def announce_through(trainer, *texts):
    for text_ in texts:
        await send(trainer, "announce", text=text_)
        await ack_and_event(trainer)


async def test_reconnecting_with_since_receives_exactly_the_missed_events(sockets):
    setup = await setup_room()
    trainer, _snapshot = await joined(sockets, setup.trainer, setup.room)
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    await announce_through(trainer, "One")
    assert (await next_frame(learner))["seq"] == 1
    await learner.disconnect()

    await announce_through(trainer, "Two", "Three")
    learner, connected = await sockets(setup.learner, setup.room.pk, "since=1")
    assert connected
    missed = await next_frames(learner, 2)
    assert [(f["type"], f["seq"], f["data"]["text"]) for f in missed] == [
        ("event", 2, "Two"),
        ("event", 3, "Three"),
    ]
    assert await quiet(learner) == []
    await announce_through(trainer, "Four")
    assert (await next_frame(learner))["seq"] == 4


async def test_reconnecting_up_to_date_receives_nothing_but_new_events(sockets):
    setup = await setup_room()
    await database_sync_to_async(announce)(setup, "One")
    learner, _connected = await sockets(setup.learner, setup.room.pk, "since=1")
    assert await quiet(learner) == []
    await database_sync_to_async(announce)(setup, "Two")
    assert (await next_frame(learner))["seq"] == 2


@pytest.mark.parametrize("query", ["", "since=", "since=abc", "since=-1", "since=99"])
async def test_without_a_usable_since_the_client_gets_a_snapshot(sockets, query):
    setup = await setup_room()
    for text_ in ("One", "Two", "Three"):
        await database_sync_to_async(announce)(setup, text_)
    learner, snapshot = await joined(sockets, setup.learner, setup.room, query)
    assert snapshot["seq"] == 3
    assert [a["text"] for a in snapshot["announcements"]] == ["Three", "Two", "One"]
    assert await quiet(learner) == []


async def test_a_client_too_far_behind_gets_a_snapshot(sockets, settings):
    settings.LIVE_REPLAY_LIMIT = 2
    setup = await setup_room()
    for text_ in ("One", "Two", "Three"):
        await database_sync_to_async(announce)(setup, text_)
    _learner, snapshot = await joined(sockets, setup.learner, setup.room, "since=0")
    assert snapshot["seq"] == 3
    learner, _connected = await sockets(setup.learner, setup.room.pk, "since=1")
    assert [f["seq"] for f in await next_frames(learner, 2)] == [2, 3]


async def test_the_resume_action_replays_what_was_missed(sockets):
    setup = await setup_room()
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    for text_ in ("One", "Two", "Three"):
        await database_sync_to_async(announce)(setup, text_)
    assert [f["seq"] for f in await next_frames(learner, 3)] == [1, 2, 3]
    await learner.send_json_to({"action": "resume", "since": 1})
    assert [f["seq"] for f in await next_frames(learner, 2)] == [2, 3]
    await learner.send_json_to({"action": "resume"})
    snapshot = await next_frame(learner)
    assert (snapshot["type"], snapshot["seq"]) == ("snapshot", 3)
    assert await quiet(learner) == []


async def test_questions_awaiting_moderation_keep_the_numbers_contiguous(sockets):
    """A participant is told a question waits (without its text), so no number is skipped."""
    setup = await setup_room(premoderation=True)
    other = (await database_sync_to_async(EnrollmentFactory)(session=setup.room.session)).user
    trainer, _snapshot = await joined(sockets, setup.trainer, setup.room)
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    asker, _snapshot = await joined(sockets, other, setup.room)
    await send(asker, "ask", text="Secret until approved")
    await ack_and_event(asker)
    assert (await next_frame(trainer))["data"]["text"] == "Secret until approved"
    await announce_through(trainer, "Hello")
    frames = await next_frames(learner, 2)
    assert [(f["seq"], f["kind"]) for f in frames] == [
        (1, "question.submitted"),
        (2, "announcement"),
    ]
    assert "Secret" not in str(frames)
    # Replayed, the moderator's version still carries the text; the participant's does not.
    replayed, _connected = await sockets(setup.trainer, setup.room.pk, "since=0")
    assert (await next_frame(replayed))["data"]["text"] == "Secret until approved"
    replayed, _connected = await sockets(setup.learner, setup.room.pk, "since=0")
    assert (await next_frame(replayed))["data"] == {"id": frames[0]["data"]["id"]}


@pytest.mark.parametrize("before", [True, False])
async def test_an_event_during_the_snapshot_is_received_once_in_order(sockets, monkeypatch, before):
    """An announcement committed while a participant's snapshot is being read."""
    setup = await setup_room()
    real_welcomes = selectors.welcomes

    def welcomes_with_an_event(*args, **kwargs):
        if before:
            announce(setup, "Meanwhile")
        result = real_welcomes(*args, **kwargs)
        if not before:
            announce(setup, "Meanwhile")
        return result

    monkeypatch.setattr(selectors, "welcomes", welcomes_with_an_event)
    learner, connected = await sockets(setup.learner, setup.room.pk)
    assert connected
    snapshot = await next_frame(learner)
    if before:
        assert snapshot["seq"] == 1
        assert snapshot["announcements"][0]["text"] == "Meanwhile"
    else:
        assert snapshot["seq"] == 0
        event = await next_frame(learner)
        assert (event["seq"], event["data"]["text"]) == (1, "Meanwhile")
    # Nothing more the client would apply (a late copy of seq 1 is ignored by its number).
    assert [f for f in await quiet(learner) if f["seq"] > 1] == []


async def test_an_event_during_a_replay_is_received_once_in_order(sockets, monkeypatch):
    setup = await setup_room()
    await database_sync_to_async(announce)(setup, "One")
    real_welcomes = selectors.welcomes

    def events_with_another(*args, **kwargs):
        result = real_welcomes(*args, **kwargs)
        announce(setup, "Two")
        return result

    monkeypatch.setattr(selectors, "welcomes", events_with_another)
    learner, _connected = await sockets(setup.learner, setup.room.pk, "since=0")
    frames = await next_frames(learner, 2)
    assert [(f["seq"], f["data"]["text"]) for f in frames] == [(1, "One"), (2, "Two")]
    assert await quiet(learner) == []
