"""Playwright and Debian's Chromium for the browser tests, and the rule that keeps them out
of every other test: while Playwright runs, its event loop is marked as running in the main
thread, which breaks any test that reaches async code ("You cannot use AsyncToSync in the same
thread as an async event loop"), and DJANGO_ALLOW_ASYNC_UNSAFE is set, which fails
`check --deploy` in a subprocess."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def uses_chromium(item) -> bool:
    """Whether a test drives Chromium. Asked by the fixture that owns it, not by a name
    another folder's fixture may also have (the LTI tests' `user_agent` was once `browser`)."""
    return "chromium" in item.fixturenames


def stop_chromium(config) -> None:
    """Stop the session's Chromium, if it runs (before a test that does not drive it)."""
    chromium = config.stash.get(CHROMIUM_KEY, None)
    if chromium is not None:
        chromium.stop()


class Chromium:
    """Playwright and Debian's Chromium, launched on first use, once per session unless the
    run leaves the browser tests and comes back."""

    def __init__(self):
        self._playwright = None
        self._browser = None
        self._async_unsafe = None

    def browser(self):
        if self._browser is None:
            self._start()
        return self._browser

    def _start(self):
        if not CHROMIUM.exists():
            reason = f"{CHROMIUM} is not installed; the browser tests need Debian's chromium"
            if os.environ.get("CI") == "true":
                pytest.fail(f"{reason} (CI=true: the browser tests must run on CI)")
            pytest.skip(reason)
        from django.db import connections
        from playwright.sync_api import sync_playwright

        # Between calls, Playwright's sync API leaves its event loop marked as running in
        # the main thread, where the tests and their fixtures also use the ORM: Django
        # would raise SynchronousOnlyOperation, and asgiref would hand it a second set of
        # database connections (its "async" storage) that lack the serialized data
        # serialized_rollback restores and, for SQLite in memory, are not the connection
        # the live server shares. Allow it, and keep the connections the database was set
        # up with.
        self._async_unsafe = os.environ.get(ASYNC_UNSAFE)
        os.environ[ASYNC_UNSAFE] = "true"
        main_thread_connections = {alias: connections[alias] for alias in connections}
        self._playwright = sync_playwright().start()
        for alias, connection in main_thread_connections.items():
            connections[alias] = connection
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        except BaseException:
            self.stop()
            raise

    def stop(self):
        if self._playwright is None:
            return
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            self._playwright.stop()
            self._playwright = self._browser = None
            if self._async_unsafe is None:
                os.environ.pop(ASYNC_UNSAFE, None)
            else:
                os.environ[ASYNC_UNSAFE] = self._async_unsafe


CHROMIUM_KEY = pytest.StashKey[Chromium]()
