"""Events are stored before they are sent: a server restarted (its hub gone, a new event
loop) still gives a reconnecting participant every event it missed."""

import asyncio
import threading

import pytest
from channels.db import database_sync_to_async

from live import hub, services
from live.factories import QuestionFactory
from tests.live.conftest import (
    ack_and_event,
    joined,
    next_frame,
    next_frames,
    open_socket,
    send,
    setup_room,
)
from tests.live.factories import access_of

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def while_the_server_is_down(setup):
    """Changes made by another process (an admin page, a command) while no hub runs."""
    services.announce(
        room=setup.room,
        by=setup.trainer,
        access=access_of(setup.trainer, setup.room),
        text_="Written while down",
    )
    question = QuestionFactory(room=setup.room)
    services.question_vote(
        room=setup.room,
        user=setup.learner,
        access=access_of(setup.learner, setup.room),
        question_id=question.pk,
    )
    return question


async def test_a_restart_loses_nothing(sockets):
    setup = await setup_room()
    trainer, _snapshot = await joined(sockets, setup.trainer, setup.room)
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    await send(trainer, "announce", text="Before")
    await ack_and_event(trainer)
    assert (await next_frame(learner))["seq"] == 1
    await learner.disconnect()
    await send(trainer, "announce", text="While the learner was away")
    await ack_and_event(trainer)
    await trainer.disconnect()

    hub._hubs.clear()
    question = await database_sync_to_async(while_the_server_is_down)(setup)

    learner, _connected = await sockets(setup.learner, setup.room.pk, "since=1")
    frames = await next_frames(learner, 3)
    assert [(f["seq"], f["kind"]) for f in frames] == [
        (2, "announcement"),
        (3, "announcement"),
        (4, "tally"),
    ]
    assert frames[1]["data"]["text"] == "Written while down"
    assert frames[2]["data"]["questions"] == {str(question.pk): 1}
    # The new hub delivers what happens next.
    trainer, _snapshot = await joined(sockets, setup.trainer, setup.room)
    await send(trainer, "announce", text="After")
    await ack_and_event(trainer)
    assert (await next_frame(learner))["seq"] == 5


async def test_a_new_event_loop_replays_the_log(sockets):
    """A second server (its own thread and event loop, its own hub) replays the same log."""
    setup = await setup_room()
    trainer, _snapshot = await joined(sockets, setup.trainer, setup.room)
    for text_ in ("One", "Two", "Three"):
        await send(trainer, "announce", text=text_)
        await ack_and_event(trainer)
    # One event loop receives from the channel layer at a time, as in a server process.
    await trainer.disconnect()

    received = {}

    async def elsewhere():
        learner, connected = await open_socket(setup.learner, setup.room.pk, "since=1")
        assert connected
        try:
            received["frames"] = await next_frames(learner, 2)
            received["hub"] = hub.get_hub()
        finally:
            await learner.disconnect()

    errors = []

    def run():
        try:
            asyncio.run(elsewhere())
        except Exception as error:  # reported in the test's own thread
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    await asyncio.to_thread(thread.join, 10)
    assert errors == []
    assert [(f["seq"], f["data"]["text"]) for f in received["frames"]] == [
        (2, "Two"),
        (3, "Three"),
    ]
    assert received["hub"] is not hub.get_hub()
