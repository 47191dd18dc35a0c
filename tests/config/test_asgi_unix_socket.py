"""The deployment's uvicorn workers listen on Unix sockets behind nginx, where the ASGI
scope's server has no port: pages must still be served (they once all answered 500)."""

import pytest
from asgiref.testing import ApplicationCommunicator

from config.asgi import application

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def get(path: str, server) -> tuple[int, bytes]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "https",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"localhost")],
        "client": None,
        "server": server,
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(timeout=30)
    body = b""
    while True:
        message = await communicator.receive_output(timeout=30)
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    return start["status"], body


@pytest.mark.asyncio
async def test_a_page_through_a_unix_socket_is_served(home):
    status, body = await get("/en/", ("/run/opentraining/worker-1.sock", None))
    assert status == 200
    assert home.title.encode() in body
