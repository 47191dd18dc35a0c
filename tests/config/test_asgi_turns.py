"""Each server process serves HTTP_CONCURRENCY requests at a time (config.asgi.taking_turns);
the others wait their turn in the event loop, so that page loads never take every pooled
database connection from the live room's arrivals. The live room's long polls are not
counted: they wait for events, not for the database."""

import asyncio

import pytest

from config.asgi import LIVE_FALLBACK, application, taking_turns


async def settle():
    """Let every task started so far run as far as it can (no clock involved)."""
    for _ in range(10):
        await asyncio.sleep(0)


def scope(path: str) -> dict:
    return {"type": "http", "path": path}


class HeldRequests:
    """An application whose requests stay open until released, counting those being served."""

    def __init__(self):
        self.served = 0
        self.most = 0
        self.release = asyncio.Event()

    async def __call__(self, scope, receive, send):
        self.served += 1
        self.most = max(self.most, self.served)
        await self.release.wait()
        self.served -= 1


@pytest.mark.asyncio
async def test_requests_past_the_limit_wait_their_turn_and_all_are_served():
    inner = HeldRequests()
    app = taking_turns(inner, limit=2, uncounted=("/api/live/",))
    requests = [asyncio.create_task(app(scope("/en/"), None, None)) for _ in range(5)]
    await settle()
    assert inner.served == 2
    inner.release.set()
    await asyncio.wait_for(asyncio.gather(*requests), timeout=30)
    assert inner.most == 2


@pytest.mark.asyncio
async def test_long_polls_of_the_live_room_are_not_counted():
    inner = HeldRequests()
    app = taking_turns(inner, limit=1, uncounted=("/api/live/",))
    page = asyncio.create_task(app(scope("/en/"), None, None))
    polls = [asyncio.create_task(app(scope("/api/live/7/events"), None, None)) for _ in range(3)]
    await settle()
    assert inner.served == 4
    inner.release.set()
    await asyncio.wait_for(asyncio.gather(page, *polls), timeout=30)


def test_the_platform_counts_its_requests_and_not_the_live_fallback(settings):
    assert LIVE_FALLBACK == "/api/live/"
    assert settings.HTTP_CONCURRENCY < settings.DATABASE_POOL_SIZE
    assert application.application_mapping["http"].__qualname__.startswith("taking_turns")
