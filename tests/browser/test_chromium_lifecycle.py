"""Chromium runs only for the tests that drive it. While it runs, Playwright's event loop is
marked as running in the main thread: a test after it that reaches async code (the health
check's channel-layer round trip, the sync test client calling the live room's async API)
failed with "You cannot use AsyncToSync in the same thread as an async event loop"."""

import asyncio
from types import SimpleNamespace

import pytest
from asgiref.sync import async_to_sync

from tests.conftest import pytest_runtest_setup


def _next_test(request, *fixturenames):
    return SimpleNamespace(
        nodeid="tests/elsewhere.py::test_next", config=request.config, fixturenames=fixturenames
    )


def _round_trip():
    async def answer():
        await asyncio.sleep(0)
        return "answered"

    return async_to_sync(answer)()


def test_a_test_with_its_own_fixture_named_browser_runs_without_chromium(request, chromium):
    """The LTI tests' person's browser (an HTTP session) once shared the name `browser`
    with the fixture that launches Chromium, which kept Chromium running through them."""
    chromium.browser()
    assert asyncio._get_running_loop() is not None

    pytest_runtest_setup(_next_test(request, "browser", "lms", "course"))

    assert asyncio._get_running_loop() is None
    assert _round_trip() == "answered"


def test_a_test_that_drives_chromium_keeps_it(request, chromium):
    browser = chromium.browser()

    pytest_runtest_setup(_next_test(request, "page", "browser", "chromium"))

    assert chromium.browser() is browser
    assert browser.is_connected()


def test_a_test_after_one_that_left_a_loop_marked_running_fails_saying_so(request, chromium):
    chromium.browser()
    pytest_runtest_setup(_next_test(request, "client"))
    left_behind = asyncio.new_event_loop()
    asyncio._set_running_loop(left_behind)
    try:
        with pytest.raises(pytest.fail.Exception, match="event loop marked as running"):
            pytest_runtest_setup(_next_test(request, "client"))
    finally:
        asyncio._set_running_loop(None)
        left_behind.close()
