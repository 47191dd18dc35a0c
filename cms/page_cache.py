"""Public pages answered from the shared cache (Django's CACHES default: Redis in production,
local memory otherwise).

A page opts in (a Wagtail page through `PublicPage`, a view through `public_page`); the
middleware then keeps the body an anonymous reader got and gives it to the next anonymous
readers of the same address (the address carries the language: /fr/ and /ar/ have bodies
of their own). Logged-in readers get the same body with their own account menu put in
place of the visitor's (the header's only personal part), unless the page says it shows
them more of their own (a course page shows their enrollments) or they may edit pages
(Wagtail's user bar): those get a full render.

Every entry carries the generation it was made in; publishing, unpublishing, moving or
deleting a page, editing a site, its settings or a session, and any change of a session's
seats (enrollment.receivers) start a new generation, so no entry of an older one is served
again. A body is never kept when its render asked for a CSRF token, showed or left
messages, or set a cookie: nothing of one reader reaches another.
"""

import functools
import hashlib
import re
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.text import compress_string
from wagtail.models import PageViewRestriction

from accounts.permissions import may_open_admin
from cms.middleware import LANGUAGE_NEUTRAL_PREFIXES

GENERATION_KEY = "public-pages:generation"
ENTRY_PREFIX = "public-pages:page"
SHARED_PREFIX = "public-pages:shared"
# Seconds a shared read (`remember`) is kept while its generation lasts.
SHARED_SECONDS = 3600
# What a logged-in reader's copy gets in place of the visitor's menu (cms/includes/header.html).
ACCOUNT_MENU_TEMPLATE = "cms/includes/account_menu.html"
ACCOUNT_MENU_START = b"<!--account-menu-->"
ACCOUNT_MENU_END = b"<!--/account-menu-->"
# Seconds a browser may reuse a visitor's copy before asking again.
BROWSER_MAX_AGE = 60
# The header that says where an answer came from (tests and benchmarks read it).
CACHE_HEADER = "X-Cache"
# Headers of the first answer that a cached copy repeats (the others are set again on the
# way out by the middleware above this one).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")

# How much of a page is the same for every reader (request.public_page).
EVERYONE = "everyone"  # all but the account menu
VISITORS = "visitors"  # logged-in readers see things of their own further down


def enabled() -> bool:
    return settings.PUBLIC_PAGE_CACHE_SECONDS > 0


# --- what pages and views say ---------------------------------------------------------------


def mark_public(request, shared_with: str = EVERYONE) -> None:
    """This request's answer may be kept and given to other readers (see the module)."""
    if not getattr(request, "is_preview", False):
        request.public_page = shared_with


def public_page(view=None, *, shared_with: str = EVERYONE):
    """Decorator of a view whose answer to a GET without a query string is public."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.GET:
                mark_public(request, shared_with)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


class PublicPage:
    """Mixin of the Wagtail page types every reader sees the same way."""

    # VISITORS when logged-in readers see parts of their own besides the account menu.
    public_page_shared_with = EVERYONE

    def serve(self, request, *args, **kwargs):
        mark_public(request, self.public_page_shared_with)
        return super().serve(request, *args, **kwargs)

    def get_view_restrictions(self):
        # Most platforms restrict no page: say so without looking up this page's ancestors.
        if not remember("any-view-restriction", PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


# --- reads every page repeats -------------------------------------------------------------


def remember(name: str, compute, *parts, timeout: int = SHARED_SECONDS):
    """`compute()`, kept in the shared cache until the next generation: for reads of what
    only editors change (the platform's home pages, menu, footer and settings), which every
    page would otherwise run again."""
    described = ":".join(str(part) for part in parts).encode()
    key = f"{SHARED_PREFIX}:{name}:{hashlib.md5(described, usedforsecurity=False).hexdigest()}"
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or _first_generation()
    kept = found.get(key)
    if kept is not None and kept[0] == generation:
        return kept[1]
    value = compute()
    cache.set(key, (generation, value), timeout=timeout)
    return value


# --- invalidation ---------------------------------------------------------------------------


def invalidate() -> None:
    """Start a new generation now and again once the current transaction commits, so that
    a reader who rendered a page between the two cannot keep what it was before."""
    _next_generation()
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there: evicted or never set
        _first_generation()


def _first_generation() -> int:
    # A number no older entry can carry, should the counter have been evicted.
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    return cache.get(GENERATION_KEY) or 0


# --- the middleware -------------------------------------------------------------------------

ANONYMOUS, MEMBER = "anonymous", "member"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


class PublicPageCacheMiddleware:
    """Placed after the session, locale, authentication and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (enabled() and is_candidate(request)):
            return self.get_response(request)
        reader = reader_kind(request)
        key = generation = None
        if reader is not None:
            key = entry_key(request)
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY) or _first_generation()
            entry = found.get(key)
            if entry is not None and entry["generation"] == generation:
                response = self.from_entry(request, entry, reader)
                if response is not None:
                    return response
        response = self.get_response(request)
        self.after_render(request, response, reader, key, generation)
        return response

    def from_entry(self, request, entry, reader):
        compressed = False
        if reader == MEMBER:
            if entry["shared_with"] != EVERYONE or may_edit_pages(request.user):
                return None
            content = with_account_menu(request, entry["content"])
        elif ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            # Compressed once when kept, rather than by GZipMiddleware on every answer.
            content, compressed = entry["gzip"], True
        else:
            content = entry["content"]
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["ETag"] = entry["etag"]
        response[CACHE_HEADER] = "hit"
        if compressed:
            response["Content-Encoding"] = "gzip"
            patch_vary_headers(response, ["Accept-Encoding"])
        if reader == ANONYMOUS:
            public_headers(response)
            return get_conditional_response(request, etag=entry["etag"], response=response)
        private_headers(response)
        return response

    def after_render(self, request, response, reader, key, generation) -> None:
        shared_with = getattr(request, "public_page", None)
        if shared_with is None:
            return
        if reader == ANONYMOUS and is_keepable(request, response):
            content = response.content
            # Weak: the same page is sent compressed or not.
            etag = f'W/"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
            entry = {
                "generation": generation,
                "status": response.status_code,
                "headers": [(name, response[name]) for name in KEPT_HEADERS if name in response],
                "content": content,
                "gzip": compress_string(content),
                "etag": etag,
                "shared_with": shared_with,
            }
            cache.set(key, entry, timeout=settings.PUBLIC_PAGE_CACHE_SECONDS)
            response["ETag"] = etag
            response[CACHE_HEADER] = "miss"
            public_headers(response)
        else:
            response[CACHE_HEADER] = "bypass"
            private_headers(response)


def is_candidate(request) -> bool:
    """A reader's GET or HEAD of a page, not Wagtail's preview of a draft (a made-up request
    to the page's own address, run through the middleware)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(LANGUAGE_NEUTRAL_PREFIXES)
        and not getattr(request, "is_dummy", False)
    )


def reader_kind(request) -> str | None:
    """ANONYMOUS for a visitor with nothing in their session, MEMBER for a logged-in reader
    with no message waiting, None for anyone else (a half-done sign-up, a message to show,
    a password-protected page they opened): they get a page of their own."""
    if CookieStorage.cookie_name in request.COOKIES:
        return None
    session = request.session
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ANONYMOUS
    keys = set(session.keys())
    if not keys:
        return ANONYMOUS
    if SESSION_KEY in keys and "_messages" not in keys and request.user.is_authenticated:
        return MEMBER
    return None


def entry_key(request) -> str:
    """The address as the reader asked for it, on this host and scheme."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    return f"{ENTRY_PREFIX}:{digest}"


def is_keepable(request, response) -> bool:
    """Whether this answer to a visitor holds nothing of theirs."""
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (messages is not None and (messages.used or messages._queued_messages))
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def may_edit_pages(user) -> bool:
    return may_open_admin(user)


def with_account_menu(request, content: bytes, *, csrf_token: str | None = None) -> bytes:
    """The visitor's copy with this reader's account menu in its place; `csrf_token`, the
    token the rest of the page gives its forms, when it has any."""
    start = content.find(ACCOUNT_MENU_START)
    end = content.find(ACCOUNT_MENU_END, start)
    if start < 0 or end < 0:
        return content
    context = {"csrf_token": csrf_token} if csrf_token else None
    menu = render_to_string(ACCOUNT_MENU_TEMPLATE, context, request=request).encode()
    return content[:start] + menu + content[end + len(ACCOUNT_MENU_END) :]


def public_headers(response) -> None:
    patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])


def private_headers(response) -> None:
    patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ["Cookie"])
