"""The live room over plain HTTP, for networks that block websockets: a long poll for the
frames a socket would have received, and a POST for the actions it would have sent. Both
speak the websocket's frames and go through the same selectors and actions."""

import asyncio
import contextvars
import json

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from cms.database import is_busy
from live import actions, broadcast, draining, selectors, services
from live.hub import get_hub
from live.services import LiveError

ERROR_STATUS = {
    "forbidden": 403,
    "csrf": 403,
    "rate_limited": 429,
    "too_large": 413,
    "busy": 503,
    "restarting": 503,
}


def error_status(code: str) -> int:
    return ERROR_STATUS.get(code, 400)


@never_cache
@require_GET
async def events(request, session_id: int):
    """200 {"frames": [...]}: the events after `since`, waiting for one when there is none
    yet; a snapshot when `since` is absent or too far behind; a presence frame when the wait
    ends empty. A refusal is the refused frame alone, with 401 or 403."""
    language = language_of(request)
    user = await request.auser()
    room, access = await sync_to_async(selectors.room_and_access)(user, session_id)
    if room is None or not access.allowed:
        return refused(access, language)
    hub = get_hub()
    since = since_of(request.GET.get("since"))
    read = sync_to_async(selectors.events_since)
    moderator = access.moderator
    request_context = contextvars.copy_context()
    frames = None
    online = 0

    async def check() -> bool:
        nonlocal frames, online
        hub.note_poller(room.pk, user.pk)
        online = hub.online(room.pk)
        frames = await in_context(request_context, read(room.pk, since, moderator=moderator))
        if frames == []:
            await in_context(request_context, sync_to_async(release_connection)())
        return frames is None or bool(frames)

    if since is not None:
        timeout = settings.LIVE_LONG_POLL_SECONDS
        # The hub starts long-lived tasks for a room's first subscriber; started from this
        # request's context they would inherit its worker thread, which ends with the
        # request. Wait in a fresh context; read the database in the request's.
        request_context = contextvars.copy_context()
        waiting = hub.wait_for_event(room.pk, since, timeout, check=check)
        arrived = await in_context(contextvars.Context(), waiting)
        if arrived and frames == []:
            frames = await read(room.pk, since, moderator=moderator)
        if frames == []:
            presence = {"type": "presence", **await presence_counts(hub, room.pk, online)}
            return frames_response([broadcast.encode(presence)])
    if frames:
        return frames_response([frame for _seq, frame in frames])
    snapshot = await sync_to_async(selectors.snapshot)(room, user, access)
    snapshot["presence"] = await presence_counts(hub, room.pk, online)
    return frames_response([broadcast.encode(snapshot)])


@csrf_exempt  # checked below, so that a failure is answered with a frame, not a page
@require_POST
async def perform(request, session_id: int):
    """One action frame in the body (at most LIVE_MAX_FRAME_BYTES): 200 with the ack frame,
    or an error frame with 400, 403, 413 or 429."""
    language = language_of(request)
    if csrf_failure(request):
        with translation.override(language):
            message = _("This page has expired: reload it and try again.")
        return error(None, "csrf", message)
    user = await request.auser()
    room, access = await sync_to_async(selectors.room_and_access)(user, session_id)
    if room is None or not access.allowed:
        return refused(access, language)
    limit = settings.LIVE_MAX_FRAME_BYTES
    with translation.override(language):
        if content_length(request) > limit or len(request.body) > limit:
            return error(None, "too_large", _("A message is at most 4 KB of text."))
        try:
            frame = json.loads(request.body)
        except ValueError:
            frame = None
        if not isinstance(frame, dict) or not isinstance(frame.get("action"), str):
            return error(None, "malformed", _("This message is not understood."))
        ref = frame.get("ref")
        if not isinstance(ref, str | int) or isinstance(ref, bool):
            ref = None
        # The key may come as the frame's `key` or, as HTTP APIs often take it, as a header.
        header_key = request.headers.get("Idempotency-Key")
        if header_key is not None and frame.setdefault("key", header_key) != header_key:
            return error(ref, "bad_key", _("The Idempotency-Key header and the key differ."))
        key = frame.get("key")
        if not isinstance(key, str) or not services.ACTION_KEY.fullmatch(key):
            key = None  # not repeated in the answer
        if draining.stopping():
            message = _("The server is restarting: your action will be sent again.")
            return error(ref, "restarting", message, key=key)
        try:
            result = await sync_to_async(actions.perform)(room.pk, user, access, frame)
        except LiveError as refusal:
            return error(ref, refusal.code, str(refusal.message), key=key)
        except OperationalError as failure:
            if not is_busy(failure):
                raise
            message = _("The room is very busy: try again in a moment.")
            return error(ref, "busy", message, key=key)
    echo = {"ref": ref} if key is None else {"ref": ref, "key": key}
    return json_response({"type": "ack", **echo, "action": frame["action"], **result})


# --- helpers ------------------------------------------------------------------------------


async def presence_counts(hub, room_id: int, online: int) -> dict:
    """The counts a socket's presence frame carries. The hub forgets a room that only HTTP
    clients follow between their requests: keep the count seen while waiting."""
    checked_in = await sync_to_async(services.checked_in_today)(room_id, hub.checked_in(room_id))
    return {"online": max(online, hub.online(room_id)), "checked_in": checked_in}


def in_context(context: contextvars.Context, coroutine):
    return asyncio.get_running_loop().create_task(coroutine, context=context)


def release_connection() -> None:
    """Hand the database connection back before waiting: a poll waits most of its time,
    and one open connection per waiting client would exhaust the database's. Not inside
    a transaction (a test's), which a closed connection would break."""
    if not connection.in_atomic_block:
        connection.close()


def frames_response(encoded: list[str]) -> HttpResponse:
    """Frames arrive encoded (as the socket sends them): join them, do not decode them."""
    return HttpResponse('{"frames":[' + ",".join(encoded) + "]}", content_type="application/json")


def json_response(frame: dict, status: int = 200) -> HttpResponse:
    return HttpResponse(broadcast.encode(frame), status=status, content_type="application/json")


def error(ref, code: str, message: str, *, key: str | None = None) -> HttpResponse:
    frame = {"type": "error", "ref": ref, "code": code, "message": str(message)}
    if key is not None:
        frame["key"] = key
    return json_response(frame, status=error_status(code))


def refused(access: services.Access, language: str) -> HttpResponse:
    with translation.override(language):
        message = str(access.message)
    frame = {"type": "refused", "reason": access.reason, "message": message}
    return json_response(frame, status=401 if access.reason == "login_required" else 403)


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request, reason):
        return reason


def csrf_failure(request) -> str | None:
    """Why the request fails Django's CSRF check, or None when it passes."""
    check = _CsrfCheck(lambda request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})


def content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def since_of(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def language_of(request) -> str:
    """The page's language, passed as ?lang= (these URLs carry no language prefix)."""
    code = request.GET.get("lang", "")
    codes = {language for language, _name in settings.LANGUAGES}
    return code if code in codes else translation.get_language() or settings.LANGUAGE_CODE
