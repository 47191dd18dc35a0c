"""The live room's limits fixed outside its settings (its tunables are in config/tunables.py)."""

from django.conf import settings

# The largest websocket message the server itself reads (uvicorn's --ws-max-size in the
# Makefile's `run` and deploy/opentraining-uvicorn@.service; tests/config/test_server_limits.py
# holds both to it): above the room's limit, so that a frame a little too long still gets
# the room's error frame, and far below uvicorn's 16 MB default, which it would buffer first.
SERVER_MAX_MESSAGE_BYTES = 4 * settings.LIVE_MAX_FRAME_BYTES
