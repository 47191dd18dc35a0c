"""A busy database answers slowly, never with a server error. SQLite lets one connection
write at a time: the settings make each transaction take the write lock up front and wait
for it (transaction_mode IMMEDIATE, timeout), but a lock can still be refused at once (a
shared-cache database, SQLITE_LOCKED) or after the wait. A write is then tried again after
a short pause; a request that still finds the database busy gets a 503 "try again"."""

import time

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.shortcuts import render

# SQLite's messages for SQLITE_BUSY and SQLITE_LOCKED; nothing else is retried.
BUSY_MESSAGES = ("database is locked", "database table is locked", "database schema is locked")
# Seconds between tries: about three seconds in all before giving up.
PAUSES = (0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6)
RETRY_AFTER_SECONDS = 5


def is_busy(error: Exception) -> bool:
    return isinstance(error, OperationalError) and any(
        message in str(error) for message in BUSY_MESSAGES
    )


def pause(seconds: float) -> None:
    """Wait before the next try (a test replaces it to release the lock instead)."""
    time.sleep(seconds)


def retry_when_busy(work, *, using: str = DEFAULT_DB_ALIAS):
    """Run `work()` and return its result; while the database is busy, pause and run it
    again. Only outside a transaction: inside one, the failed statement has spoiled the
    enclosing transaction, which is what has to run again."""
    for seconds in PAUSES:
        try:
            return work()
        except OperationalError as error:
            if not is_busy(error) or connections[using].in_atomic_block:
                raise
        pause(seconds)
    return work()


class DatabaseBusyMiddleware:
    """A request that still finds the database busy after its retries gets the "busy, try
    again" page (503 with Retry-After) instead of the server error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
