"""Liveness checks of what the platform cannot serve without: database and channel layer."""

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer is configured")

    async def round_trip():
        channel = await layer.new_channel("health.")
        await layer.send(channel, {"type": "health.ping"})
        message = await asyncio.wait_for(layer.receive(channel), settings.HEALTH_CHECK_TIMEOUT)
        if message.get("type") != "health.ping":
            raise RuntimeError("the channel layer returned another message")

    async_to_sync(round_trip)()


CHECKS = {"database": check_database, "channel_layer": check_channel_layer}


def run_checks() -> dict[str, str]:
    """Each check's result: "ok" or the error it raised."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:
            results[name] = f"error: {type(error).__name__}: {error}".strip()
        else:
            results[name] = "ok"
    return results
