import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application


@database_sync_to_async
def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


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
