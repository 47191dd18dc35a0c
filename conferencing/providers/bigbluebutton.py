"""BigBlueButton (https://docs.bigbluebutton.org/development/api/): signed API calls, the
meeting created before it starts, a join address per participant with their role, and the
two callbacks the server makes after a meeting: learning analytics (who stayed how long)
and recording ready."""

import hashlib
import json
import urllib.request
from datetime import datetime, timedelta
from urllib.parse import urlencode
from xml.etree import ElementTree

from django.conf import settings
from django.urls import reverse
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from conferencing.providers.base import (
    CallbackRefused,
    MeetingProvider,
    Participant,
    ProviderError,
    Stay,
)
from conferencing.servers import Server, server

MODERATOR = "MODERATOR"
VIEWER = "VIEWER"
# BigBlueButton's own time format in the analytics callback: "2019-03-15 08:49:29 +0000".
ANALYTICS_TIME_FORMAT = "%Y-%m-%d %H:%M:%S %z"
API_TIMEOUT_SECONDS = 10


def api_base(found: Server) -> str:
    """The API endpoint: `bbb-conf --secret` prints https://host/bigbluebutton/; the calls
    live under its api/."""
    base = found.url if found.url.endswith("/") else found.url + "/"
    return base if base.endswith("/api/") else base + "api/"


def checksum(call: str, query: str, secret: str, algorithm: str = "sha256") -> str:
    """The API's checksum: the hash of the call's name, its query string and the shared
    secret, joined without separators."""
    return hashlib.new(algorithm, f"{call}{query}{secret}".encode()).hexdigest()


def api_url(found: Server, call: str, params: list[tuple[str, str]]) -> str:
    query = urlencode(params)
    signature = checksum(call, query, found.secret, found.checksum)
    return f"{api_base(found)}{call}?{query}{'&' if query else ''}checksum={signature}"


def callback_url(name: str, found: Server) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        f"conferencing_api:{name}", args=[found.name]
    )


def create_params(meeting, *, title: str) -> list[tuple[str, str]]:
    found = _server_of(meeting)
    params = [
        ("name", title),
        ("meetingID", meeting.meeting_key),
        ("record", "true" if meeting.record else "false"),
        # Analytics are computed from the meeting's events, which BigBlueButton keeps only
        # when asked to.
        ("meetingKeepEvents", "true"),
        ("meta_analytics-callback-url", callback_url("bbb_analytics", found)),
    ]
    if meeting.record:
        params.append(("meta_bbb-recording-ready-url", callback_url("bbb_recording_ready", found)))
    return params


def join_params(meeting, participant: Participant) -> list[tuple[str, str]]:
    return [
        ("fullName", participant.full_name),
        ("meetingID", meeting.meeting_key),
        ("role", MODERATOR if participant.moderator else VIEWER),
        ("userID", str(participant.user_id)),
        ("redirect", "true"),
    ]


class BigBlueButton(MeetingProvider):
    creates_meetings = True

    def join_url(self, meeting, participant, *, now):
        return api_url(_server_of(meeting), "join", join_params(meeting, participant))


def create_meeting(meeting, *, title: str) -> None:
    """Create the meeting on the server; asking again while it runs changes nothing
    (BigBlueButton answers with the running meeting)."""
    _call(api_url(_server_of(meeting), "create", create_params(meeting, title=title)))


def recording_playback_url(meeting, record_id: str) -> str:
    """The address of the recording's playback, from getRecordings ("" when not listed)."""
    found = _server_of(meeting)
    answer = _call(api_url(found, "getRecordings", [("recordID", record_id)]))
    return playback_url_in(answer, record_id)


def playback_url_in(answer: ElementTree.Element, record_id: str) -> str:
    for recording in answer.iter("recording"):
        if recording.findtext("recordID") != record_id:
            continue
        formats = recording.findall("playback/format")
        # The presentation format first: it is what BigBlueButton's players show.
        formats.sort(key=lambda fmt: fmt.findtext("type") != "presentation")
        for fmt in formats:
            if fmt.findtext("url"):
                return fmt.findtext("url").strip()
    return ""


def parse_answer(text: bytes) -> ElementTree.Element:
    try:
        # The answer comes from the centre's own server, at the address in its settings.
        answer = ElementTree.fromstring(text)  # noqa: S314
    except ElementTree.ParseError as error:
        raise ProviderError(f"BigBlueButton answered with malformed XML: {error}") from None
    if answer.findtext("returncode") != "SUCCESS":
        raise ProviderError(
            f"BigBlueButton refused the call: {answer.findtext('messageKey')} "
            f"{answer.findtext('message')}"
        )
    return answer


def _call(url: str) -> ElementTree.Element:
    try:
        with urllib.request.urlopen(url, timeout=API_TIMEOUT_SECONDS) as response:  # noqa: S310
            return parse_answer(response.read())
    except OSError as error:
        raise ProviderError(f"BigBlueButton could not be reached: {error}") from None


def _server_of(meeting) -> Server:
    found = server(meeting.server, "bigbluebutton")
    if found is None:
        raise ProviderError(f"No BigBlueButton server named {meeting.server!r} is configured.")
    return found


# --- callbacks ----------------------------------------------------------------------------


def _verified_claims(found: Server, token: str, algorithm: str, *, expires: bool) -> dict:
    try:
        decoded = jwt.decode(token, OctKey.import_key(found.secret), algorithms=[algorithm])
        if expires:
            jwt.JWTClaimsRegistry(exp={"essential": True}).validate(decoded.claims)
    except (JoseError, ValueError) as error:
        raise CallbackRefused(
            f"The token is not signed with this server's shared secret ({error})."
        ) from None
    return decoded.claims


def verify_analytics(found: Server, authorization: str) -> None:
    """The analytics callback carries `Authorization: Bearer <JWT>`, HS512 with the shared
    secret and an expiry; the JSON body itself is not signed."""
    scheme, _space, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise CallbackRefused("The callback has no bearer token.")
    _verified_claims(found, token.strip(), "HS512", expires=True)


def recording_ready_claims(found: Server, signed_parameters: str) -> dict:
    """The recording-ready callback posts `signed_parameters`: a JWT (HS256, shared secret)
    of {"meeting_id", "record_id"}."""
    if not signed_parameters:
        raise CallbackRefused("The callback has no signed_parameters.")
    claims = _verified_claims(found, signed_parameters, "HS256", expires=False)
    if not claims.get("meeting_id") or not claims.get("record_id"):
        raise CallbackRefused("The signed parameters name no meeting or recording.")
    return claims


def analytics_stays(payload: dict) -> list[Stay]:
    """Each attendee's stays: their joins and leaves taken in order; a join left open ends
    with the meeting. Attendees without a userID of ours (ext_user_id) are left out."""
    data = payload.get("data") or {}
    finish = _time(data.get("finish"))
    stays = []
    for attendee in data.get("attendees") or []:
        user_id = attendee.get("ext_user_id")
        if user_id in (None, ""):
            continue
        joins = [_time(value) for value in attendee.get("joins") or []]
        leaves = [_time(value) for value in attendee.get("leaves") or []]
        if not joins and attendee.get("duration") and _time(data.get("start")):
            joins = [_time(data.get("start"))]
            leaves = [joins[0] + timedelta(seconds=float(attendee["duration"]))]
        for index, joined in enumerate(joins):
            left = leaves[index] if index < len(leaves) else finish
            if joined is not None and left is not None and left >= joined:
                stays.append(Stay(user_id=str(user_id), joined_at=joined, left_at=left))
    return stays


def analytics_meeting_id(payload: dict) -> str:
    return str(payload.get("meeting_id") or "")


def _time(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(str(value), ANALYTICS_TIME_FORMAT)
    except ValueError:
        return None


def load_json(body: bytes) -> dict:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return {}
    return payload if isinstance(payload, dict) else {}
