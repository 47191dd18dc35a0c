"""Per-person limits on actions, counted in the cache over a fixed minute, so they hold
across processes when the cache is Redis."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def clock() -> float:
    """Seconds since the epoch, as the limits count them. The one clock every limit reads:
    tests stop it (the `rate_limit_clock` fixture) so a burst never straddles two minutes."""
    return time.time()


def within_limit(action: str, person_id: int, limit: int, *, now: float | None = None) -> bool:
    """Count one more `action` by this person this minute (`now`, by default the clock's);
    False once past `limit`."""
    minute = int((clock() if now is None else now) // 60)
    key = f"rate:{action}:{person_id}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count <= limit


def limit_posts(action: str, *, setting: str):
    """A view decorator: a signed-in person's POSTs beyond the number per minute that
    `setting` names get the "too many requests" page instead."""

    def decorator(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            if request.method == "POST" and request.user.is_authenticated:
                limit = getattr(settings, setting)
                if not within_limit(action, request.user.pk, limit):
                    return too_many_requests(request)
            return view(request, *args, **kwargs)

        return limited

    return decorator


def too_many_requests(request):
    """The page allauth shows too when a limit is reached."""
    return render(request, "429.html", status=429)
