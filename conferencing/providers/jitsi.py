"""Jitsi Meet with token authentication (jitsi-meet-tokens: lib-jitsi-meet's doc/tokens.md):
a room link carrying a JWT signed with the app secret (HS256), and the join and leave events
of Prosody's event sync component (jitsi-contrib/prosody-plugins, event_sync)."""

import hmac
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from joserfc import jwt
from joserfc.jwk import OctKey

from conferencing.providers.base import (
    CallbackRefused,
    MeetingProvider,
    Participant,
    ProviderError,
    Stay,
)
from conferencing.servers import Server, server

AUDIENCE = "jitsi"
# A link stays valid this long after the session ends, for a participant who reconnects.
TOKEN_GRACE = timedelta(hours=1)
# ... and never longer than this after it was made.
TOKEN_LONGEST = timedelta(hours=24)
OCCUPANT_LEFT = "muc-occupant-left"


def room_link_base(found: Server) -> tuple[str, str]:
    """(the address rooms are under, the token's `sub`): a server URL with a path names a
    tenant (https://meet.example.org/tenant1), whose name is the `sub`; else the domain."""
    parts = urlsplit(found.url)
    tenant = parts.path.strip("/")
    sub = tenant.split("/")[0] if tenant else parts.hostname or ""
    return found.url.rstrip("/"), sub.lower()


def room_token(found: Server, *, room: str, participant: Participant, expires: datetime) -> str:
    _base, sub = room_link_base(found)
    claims = {
        "aud": AUDIENCE,
        "iss": found.app_id,
        "sub": sub,
        "room": room,
        "exp": int(expires.timestamp()),
        "context": {
            "user": {
                # Every field a string: the token plugin refuses numbers and nulls.
                "id": str(participant.user_id),
                "name": participant.full_name,
                "moderator": "true" if participant.moderator else "false",
            }
        },
    }
    return jwt.encode({"alg": "HS256", "typ": "JWT"}, claims, OctKey.import_key(found.secret))


def token_expiry(session, now: datetime) -> datetime:
    return min(max(session.ends_at, now) + TOKEN_GRACE, now + TOKEN_LONGEST)


class Jitsi(MeetingProvider):
    def join_url(self, meeting, participant, *, now):
        found = server(meeting.server, "jitsi")
        if found is None:
            raise ProviderError(f"No Jitsi server named {meeting.server!r} is configured.")
        token = room_token(
            found,
            room=meeting.meeting_key,
            participant=participant,
            expires=token_expiry(meeting.session, now),
        )
        base, _sub = room_link_base(found)
        return f"{base}/{meeting.meeting_key}?jwt={token}"


def verify_events(found: Server, authorization: str) -> None:
    """The event sync component sends the headers configured in its `api_headers`; the
    platform expects `Authorization: Bearer <CONFERENCING_<NAME>_EVENTS_TOKEN>`."""
    scheme, _space, token = authorization.partition(" ")
    expected = found.events_token
    if not expected:
        raise CallbackRefused("No events token is configured for this Jitsi server.")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip(), expected):
        raise CallbackRefused("The events token does not match this Jitsi server's.")


def occupant_stay(payload: dict) -> tuple[str, Stay] | None:
    """(room name, stay) of a `muc-occupant-left` event whose occupant came with one of the
    platform's tokens (context.user.id); None for any other event."""
    if payload.get("event_name") != OCCUPANT_LEFT:
        return None
    occupant = payload.get("occupant") or {}
    user_id = occupant.get("id")
    try:
        joined = datetime.fromtimestamp(int(occupant["joined_at"]), tz=UTC)
        left = datetime.fromtimestamp(int(occupant["left_at"]), tz=UTC)
    except (KeyError, TypeError, ValueError, OverflowError):
        return None
    if not user_id or left < joined or not payload.get("room_name"):
        return None
    return str(payload["room_name"]), Stay(user_id=str(user_id), joined_at=joined, left_at=left)
