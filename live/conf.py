"""The live room's tunables, read from settings with the defaults below."""

from django.conf import settings

DEFAULTS = {
    # Minutes a confirmed learner must be connected in a day to count as attending online.
    "LIVE_ATTENDANCE_MINUTES": 30,
    # How often connected learners are credited with the time they spent in the room.
    "LIVE_CREDIT_SECONDS": 60.0,
    # A client further behind than this many events gets a fresh snapshot instead.
    "LIVE_REPLAY_LIMIT": 500,
    # How long the HTTP fallback holds a request open waiting for an event.
    "LIVE_LONG_POLL_SECONDS": 25.0,
    # Votes are gathered into one tally event at most this often per room.
    "LIVE_TALLY_SECONDS": 0.1,
    # Presence counts are sent at most this often.
    "LIVE_PRESENCE_SECONDS": 2.0,
    # A connection that sent nothing (not even a ping) for this long is closed.
    "LIVE_IDLE_SECONDS": 75.0,
    # Frames above this get an error frame from the room (docs/live-protocol.md).
    "LIVE_MAX_FRAME_BYTES": 4096,
    # Actions per person per minute.
    "LIVE_RATE_LIMITS": {
        "ask": 5,
        "vote": 60,
        "poll_vote": 30,
        "moderate": 300,
    },
}

# The largest websocket message the server itself reads (uvicorn's --ws-max-size in the
# Makefile's `run` and deploy/opentraining-uvicorn@.service; tests/config/test_server_limits.py
# holds both to it): above the room's limit, so that a frame a little too long still gets
# the room's error frame, and far below uvicorn's 16 MB default, which it would buffer first.
SERVER_MAX_MESSAGE_BYTES = 4 * DEFAULTS["LIVE_MAX_FRAME_BYTES"]


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
