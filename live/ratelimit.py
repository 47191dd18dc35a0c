"""Per-person limits on live-room actions, counted in the cache over a fixed minute, so they
hold across processes when the cache is Redis."""

import time

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from live import conf


def hit(user_id: int, action: str, *, now: float | None = None) -> None:
    from live.services import LiveError

    limit = conf.get("LIVE_RATE_LIMITS").get(action)
    if limit is None:
        return
    minute = int((now or time.time()) // 60)
    key = f"live:rate:{action}:{user_id}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    if count > limit:
        raise LiveError("rate_limited", _("Too many actions at once: wait a minute and try again."))
