"""The hub's subscription to a room ends with the room's last participant, even when the
channel layer answers the cancellation with an error of its own (a Redis connection cut
in the middle of a read)."""

import asyncio
import contextlib
import time

import pytest
from channels.layers import InMemoryChannelLayer

from live.hub import Hub

pytestmark = pytest.mark.asyncio


class LayerFailingOnCancel(InMemoryChannelLayer):
    """Like channels_redis when a blocking read is cut: cancelling a receive raises a
    connection error instead of CancelledError."""

    err_on_cancel = True

    async def receive(self, channel):
        try:
            return await super().receive(channel)
        except asyncio.CancelledError:
            if not self.err_on_cancel:
                raise
            raise ConnectionError("connection closed while reading") from None


class Participant:
    user_id = 1
    moderator = False
    learner = True
    ready = True

    def __init__(self):
        self.pending = []
        self.sent = []
        self.last_seen = self.connected_at = time.monotonic()

    async def base_send(self, message):
        self.sent.append(message)

    async def close_idle(self):
        pass


async def stopped(task, seconds=2.0) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not task.done() and loop.time() < deadline:
        await asyncio.sleep(0.05)
    return task.done()


async def test_a_released_room_stops_listening_in_a_healthy_layer():
    hub = Hub(asyncio.get_running_loop())
    hub.layer = InMemoryChannelLayer()
    participant = Participant()
    await hub.join(7, participant)
    listener = hub.rooms[7].listener
    await hub.leave(7, participant)
    assert await stopped(listener)
    assert hub.rooms == {}


async def test_a_released_room_stops_listening_when_the_layer_errs_on_cancel():
    hub = Hub(asyncio.get_running_loop())
    hub.layer = LayerFailingOnCancel()
    participant = Participant()
    await hub.join(7, participant)
    listener = hub.rooms[7].listener
    await hub.leave(7, participant)
    try:
        assert await stopped(listener)
    finally:
        hub.layer.err_on_cancel = False
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
