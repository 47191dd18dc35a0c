"""From a committed event to the channel layer: one message per room group, carrying the
frames already encoded, so each process encodes nothing and writes the same text to all of
its connections (see live.hub)."""

import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from live.models import Event


def group_name(room_id: int) -> str:
    return f"live.{room_id}"


def encode(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def event_frame(event: Event, *, moderator: bool) -> str:
    data = event.moderator_data if moderator and event.moderator_data is not None else event.data
    return encode({"type": "event", "seq": event.seq, "kind": event.kind, "data": data})


def layer_message(event: Event) -> dict:
    return {
        "type": "live.event",
        "seq": event.seq,
        "frame": event_frame(event, moderator=False),
        "moderator_frame": (
            event_frame(event, moderator=True) if event.moderator_data is not None else None
        ),
    }


def publish(event: Event) -> None:
    """Called after commit, from a synchronous thread (a view, or a service run by a
    consumer through database_sync_to_async). A running hub sends it from its event loop;
    without one (a command, a test outside an event loop) it is sent from here."""
    from live import hub

    group, message = group_name(event.room_id), layer_message(event)
    if hub.publish(group, message):
        return
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, message)


def request_tally(room_id: int) -> None:
    """Votes changed: have the running hub gather them into one event soon; without a
    running hub (a command, a test outside an event loop), send the tally now."""
    from live import hub, services

    if not hub.request_tally(room_id):
        services.tally_flush(room_id)
