"""A server process that is stopping answers the live room's actions it has taken, refuses
the ones that arrive after, and closes each websocket with 1012 (Service Restart): clients
reconnect (to another worker, or to this one restarted) and send again, under the same key,
whatever was left unanswered; live.actions does not do an action twice.

uvicorn, on SIGTERM, closes every websocket at once and only then tells the application.
Started with `--lifespan on`, the application's start-up (`lifespan` below) puts a handler
in front of uvicorn's: it drains the connections first, then hands the signal on. Daphne
has no lifespan and drops its connections at once on SIGTERM: their pages send again what
was unanswered, and the keys keep it from being done twice."""

import asyncio
import logging
import signal
import threading
import weakref

logger = logging.getLogger(__name__)

# Close code of a connection whose server is restarting: reconnect and send again.
CLOSE_RESTARTING = 1012
# How long a stopping process waits for its actions to be answered: below uvicorn's
# --timeout-graceful-shutdown (20 s in deploy/) and systemd's TimeoutStopSec (30 s).
DRAIN_SECONDS = 10.0

_connections: weakref.WeakSet = weakref.WeakSet()
_state = {"stopping": False}
_tasks: set = set()


def register(connection) -> None:
    """`connection` has `async drain()`: answer what it took, then close."""
    _connections.add(connection)


def forget(connection) -> None:
    _connections.discard(connection)


def stopping() -> bool:
    """True once the process has begun to stop: new actions are refused."""
    return _state["stopping"]


async def drain(timeout: float = DRAIN_SECONDS) -> None:
    """Refuse new actions from now on, let every connection answer the actions it took and
    close; give up on those still busy after `timeout`."""
    _state["stopping"] = True
    connections = list(_connections)
    if not connections:
        return
    draining = [asyncio.ensure_future(connection.drain()) for connection in connections]
    _done, late = await asyncio.wait(draining, timeout=timeout)
    if late:
        logger.warning("live: %d connections still busy when the process stopped", len(late))


def reset() -> None:
    """For tests: a process that is not stopping."""
    _state["stopping"] = False


async def lifespan(scope, receive, send) -> None:
    """The ASGI lifespan protocol (uvicorn --lifespan on): on start-up, drain before the
    server's own SIGTERM and SIGINT handling."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            install_signal_handlers(asyncio.get_running_loop())
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def install_signal_handlers(loop: asyncio.AbstractEventLoop) -> None:
    """Wrap the server's handlers (uvicorn installs them before its start-up): the first
    signal drains, then reaches the server; a second one reaches it at once."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(signum)
        if not callable(previous):
            continue

        def handler(signum, frame, previous=previous):
            if stopping():
                previous(signum, frame)
                return
            _state["stopping"] = True
            loop.call_soon_threadsafe(_drain_then, previous, signum, frame)

        signal.signal(signum, handler)


def _drain_then(previous, signum, frame) -> None:
    task = asyncio.get_running_loop().create_task(drain())
    _tasks.add(task)

    def hand_on(task):
        _tasks.discard(task)
        previous(signum, frame)

    task.add_done_callback(hand_on)
