import pytest
from channels.testing import WebsocketCommunicator

from config.asgi import application

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


async def connect(origin: bytes):
    communicator = WebsocketCommunicator(
        application, "/ws/ping/", headers=[(b"origin", origin), (b"host", b"localhost")]
    )
    connected, _ = await communicator.connect()
    return communicator, connected


async def test_websocket_from_the_sites_origin_answers_pings():
    """A page of the platform opens a websocket and gets a pong back."""
    communicator, connected = await connect(b"http://localhost")
    assert connected
    await communicator.send_json_to({"action": "ping", "id": 7})
    assert await communicator.receive_json_from() == {"type": "pong", "id": 7}
    await communicator.disconnect()


async def test_websocket_from_a_foreign_origin_is_refused():
    """A page on another site cannot open a websocket to the platform."""
    _communicator, connected = await connect(b"http://evil.example.com")
    assert not connected


async def test_malformed_frame_gets_an_error_frame_and_the_connection_stays_open():
    """Bad JSON or an unknown action gets an error frame; pings still work afterwards."""
    communicator, connected = await connect(b"http://localhost")
    assert connected
    await communicator.send_to(text_data="{not json")
    assert (await communicator.receive_json_from())["type"] == "error"
    await communicator.send_json_to({"action": "explode"})
    assert await communicator.receive_json_from() == {"type": "error", "code": "unknown_action"}
    await communicator.send_to(text_data="x" * 5000)
    assert (await communicator.receive_json_from())["type"] == "error"
    await communicator.send_json_to({"action": "ping"})
    assert (await communicator.receive_json_from())["type"] == "pong"
    await communicator.disconnect()
