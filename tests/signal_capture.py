"""Listening to a stage's signal in a test: what was sent, and whether it was sent inside
the transaction that recorded it (where a receiver's enqueued work commits with it)."""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def captured(signal):
    sent = []

    def receiver(sender, **kwargs):
        kwargs["in_transaction"] = transaction.get_connection().in_atomic_block
        sent.append(kwargs)

    signal.connect(receiver, weak=False)
    try:
        yield sent
    finally:
        signal.disconnect(receiver)
