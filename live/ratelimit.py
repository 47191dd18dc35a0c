"""Per-person limits on live-room actions (accounts.ratelimit's minute counters), for the
websocket and the HTTP fallback alike since both go through live.services."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.ratelimit import within_limit


def hit(user_id: int, action: str, *, now: float | None = None) -> None:
    from live.services import LiveError

    limit = settings.LIVE_RATE_LIMITS.get(action)
    if limit is None:
        return
    if not within_limit(f"live:{action}", user_id, limit, now=now):
        raise LiveError("rate_limited", _("Too many actions at once: wait a minute and try again."))
