"""Parts of the live room's pages rendered once per process and reused by every reader who
sees them the same way: the two thousand people arriving in a seminar render each question
once, not two thousand times, and most of them get the whole page as the first of them got
it (`crowd_page`).

A fragment's cache key holds everything the fragment shows (`live/includes/
question_fragment.html`). It holds nobody's CSRF token either: the forms in it carry this
process's marker, which each answer replaces with the reader's own token."""

import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string

from cms.page_cache import with_account_menu

# Never sent to anyone: every answer replaces them. Random so that no text can spell them.
CSRF_MARKER = f"csrf-marker-{secrets.token_hex(16)}"
PRESENCE_MARKERS = {
    name: f"{name}-marker-{secrets.token_hex(16)}" for name in ("online", "checked_in")
}
# A crowd's page is kept at most this long: what the room's events do not tell, such as a
# course's title an editor changed, reaches a crowd's pages within it.
CROWD_PAGE_SECONDS = 60


def render_page(request, template_name: str, context: dict, *, status: int = 200):
    token = get_token(request)
    context = {**context, "csrf_token": token, "fragment_csrf_token": CSRF_MARKER}
    response = render(request, template_name, context, status=status)
    response.content = response.content.replace(CSRF_MARKER.encode(), token.encode())
    return response


def crowd_page(request, template_name: str, build_context, *, key_parts, seq, presence):
    """The page every reader of `key_parts` sees alike (it holds all the page depends on but
    the reader's account menu, CSRF token and the room's counts of people), rendered with
    `build_context()` by the first of them and given to the next ones with their own menu,
    token and the counts of the moment. `seq`: the room's last event as this reader's
    request read it. A page of an earlier event serves for LIVE_PAGE_LAG_SECONDS after it
    was rendered: the page's script asks for the events after the one the page shows
    (live.js), so in a room where something happens every second a crowd still shares a
    few renders a minute."""
    cache = caches["fragments"]
    described = ":".join(str(part) for part in key_parts).encode()
    key = f"live-crowd-page:{hashlib.md5(described, usedforsecurity=False).hexdigest()}"
    kept = cache.get(key)
    if kept is None or not serves_at(kept, seq):
        context = {
            **build_context(),
            "csrf_token": CSRF_MARKER,
            "fragment_csrf_token": CSRF_MARKER,
            "presence": PRESENCE_MARKERS,
        }
        kept = (seq, time.monotonic(), render_to_string(template_name, context, request=request))
        cache.set(key, kept, CROWD_PAGE_SECONDS)
    content = kept[2]
    token = get_token(request)
    content = content.replace(CSRF_MARKER, token)
    for name, marker in PRESENCE_MARKERS.items():
        content = content.replace(marker, str(presence[name]))
    return HttpResponse(with_account_menu(request, content.encode(), csrf_token=token))


def serves_at(kept: tuple, seq: int) -> bool:
    """Whether a crowd's page kept as (its seq, when it was rendered, its text) may be given
    to a reader who read the room at `seq`."""
    kept_seq, rendered_at, _content = kept
    return kept_seq == seq or time.monotonic() - rendered_at < settings.LIVE_PAGE_LAG_SECONDS
