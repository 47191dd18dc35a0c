import asyncio
import json

import pytest
import pytest_asyncio
from asgiref.sync import SyncToAsync
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections
from django.test import Client

from config.asgi import application
from tests.live.factories import live_room_setup


def login_cookie(user) -> str:
    """The session key of a fresh log-in of `user`, as their browser's cookie holds it."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


session_cookie = database_sync_to_async(login_cookie)


async def open_socket(user, room_id, query="", origin=b"http://localhost"):
    """A websocket to the room through the whole ASGI stack (origin check, session cookie),
    as `user` (None for an anonymous visitor). Returns the communicator and whether it
    connected."""
    headers = [(b"origin", origin), (b"host", b"localhost")]
    if user is not None:
        cookie = await session_cookie(user)
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    path = f"/ws/live/{room_id}/" + (f"?{query}" if query else "")
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _subprotocol = await communicator.connect()
    return communicator, connected


@pytest.fixture
def socket():
    """open_socket, with every communicator it opened disconnected at the end."""
    opened = []

    async def _open(*args, **kwargs):
        communicator, connected = await open_socket(*args, **kwargs)
        opened.append(communicator)
        return communicator, connected

    yield _open
    # Disconnecting needs the test's event loop: async tests call `await close_all()`.
    _open.opened = opened


@pytest_asyncio.fixture
async def sockets():
    """open_socket, with every communicator it opened disconnected at the end of the test."""
    opened = []

    async def _open(user, room_id, query="", origin=b"http://localhost"):
        communicator, connected = await open_socket(user, room_id, query, origin)
        opened.append(communicator)
        return communicator, connected

    yield _open
    errors = []
    for communicator in opened:
        try:
            await communicator.disconnect()
        except Exception as error:
            errors.append(error)
    if errors:
        raise errors[0]


async def next_message(communicator, timeout=5.0) -> dict:
    """The next ASGI message the server sent (a frame or a close); a crash of the consumer
    is raised here rather than hidden behind a timeout."""
    try:
        return await asyncio.wait_for(communicator.output_queue.get(), timeout)
    except TimeoutError:
        if communicator.future.done():
            communicator.future.result()
        raise


async def next_frame(communicator, timeout=5.0, *, presence=False) -> dict:
    """The next frame, decoded. Presence frames come at their own pace: skipped unless
    `presence` is true, and then only presence frames are returned."""
    while True:
        message = await next_message(communicator, timeout)
        assert message["type"] == "websocket.send", message
        frame = json.loads(message["text"])
        if (frame["type"] == "presence") == presence:
            return frame


async def next_frames(communicator, count, timeout=5.0) -> list[dict]:
    return [await next_frame(communicator, timeout) for _ in range(count)]


async def quiet(communicator, seconds=0.3) -> list[dict]:
    """The frames (other than presence) that arrive within `seconds`: [] when all is quiet."""
    frames = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while (left := deadline - loop.time()) > 0:
        try:
            message = await asyncio.wait_for(communicator.output_queue.get(), left)
        except TimeoutError:
            break
        frame = json.loads(message["text"]) if "text" in message else message
        if frame.get("type") != "presence":
            frames.append(frame)
    return frames


async def close_code(communicator, timeout=5.0) -> int:
    """Reads until the server closes the connection; returns the close code."""
    while True:
        message = await next_message(communicator, timeout)
        if message["type"] == "websocket.close":
            return message.get("code", 1000)


async def joined(sockets, user, room, query=""):
    """A connected participant of `room` whose snapshot was read; returns the communicator
    and the snapshot."""
    communicator, connected = await sockets(user, room.pk, query)
    assert connected
    snapshot = await next_frame(communicator)
    assert snapshot["type"] == "snapshot", snapshot
    return communicator, snapshot


async def send(communicator, action, ref=None, **fields):
    await communicator.send_json_to(
        {"action": action, "ref": action if ref is None else ref, **fields}
    )


async def ack_and_event(communicator, timeout=5.0) -> tuple[dict, dict]:
    """The acknowledgement of an action and the event it caused, in whichever order they
    arrive (the event comes through the hub, the ack straight back)."""
    frames = sorted(await next_frames(communicator, 2, timeout), key=lambda f: f["type"])
    assert [f["type"] for f in frames] == ["ack", "event"], frames
    return frames[0], frames[1]


@pytest.fixture(scope="session", autouse=True)
def _close_consumer_connections(django_db_setup):
    """Consumers reach the database from asgiref's shared worker thread, whose connection
    would outlive the tests and keep PostgreSQL from dropping the test database."""
    yield
    SyncToAsync.single_thread_executor.submit(connections.close_all).result()


@pytest.fixture(autouse=True)
def _channel_layer_per_test():
    """Each async test runs its own event loop, as each server process does; the Redis
    channel layer keeps locks bound to the loop that made them, so each test gets its own."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


setup_room = database_sync_to_async(live_room_setup)
"""live_room_setup from an async test."""


@pytest.fixture
def setup():
    """A live room with its trainer, a confirmed learner and an outsider."""
    return live_room_setup()


@pytest.fixture
def learner_client(client, setup):
    client.force_login(setup.learner)
    return client


@pytest.fixture
def trainer_client(client, setup):
    client.force_login(setup.trainer)
    return client


@pytest_asyncio.fixture
async def room(sockets):
    """A live room with its trainer and a learner connected."""
    setup = await setup_room()
    setup.trainer_socket, _snapshot = await joined(sockets, setup.trainer, setup.room)
    setup.learner_socket, _snapshot = await joined(sockets, setup.learner, setup.room)
    return setup
