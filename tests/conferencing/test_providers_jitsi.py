"""Jitsi room links: a JWT shaped as the token plugin's documentation shows it
(lib-jitsi-meet doc/tokens.md, "Example Token"), signed HS256 with the app secret, checked
here by decoding it with that secret; no Jitsi server runs here."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import OctKey

from conferencing.factories import VideoMeetingFactory
from conferencing.models import Provider
from conferencing.providers.base import Participant
from conferencing.providers.jitsi import Jitsi
from tests.conferencing.conftest import JITSI_SECRET

pytestmark = pytest.mark.django_db

# The documentation's example payload, less the values each link sets.
DOCUMENTED_KEYS = {"context", "aud", "iss", "sub", "room", "exp"}


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["jwt"][0]


def test_the_room_link_carries_a_token_signed_with_the_app_secret(session):
    """The link opens the meeting's room with ?jwt=; the token decodes with the app secret
    into the documented claims, the user's name, id and moderator flag in context.user."""
    meeting = VideoMeetingFactory(session=session, provider=Provider.JITSI, server="jitsi")
    now = session.starts_at - timedelta(minutes=5)
    person = Participant(user_id=7, full_name="John Doe", moderator=True)

    url = Jitsi().join_url(meeting, person, now=now)

    assert url.startswith(f"https://meet.jit.si/{meeting.meeting_key}?jwt=")
    token = jwt.decode(token_of(url), OctKey.import_key(JITSI_SECRET), algorithms=["HS256"])
    assert token.header["alg"] == "HS256"
    claims = token.claims
    assert set(claims) == DOCUMENTED_KEYS
    assert claims["aud"] == "jitsi"
    assert claims["iss"] == "my_client"
    assert claims["sub"] == "meet.jit.si"
    assert claims["room"] == meeting.meeting_key
    assert claims["context"] == {"user": {"id": "7", "name": "John Doe", "moderator": "true"}}
    assert claims["exp"] == int((session.ends_at + timedelta(hours=1)).timestamp())


def test_a_learner_is_no_moderator_and_a_forged_secret_fails(session):
    """A learner's token says moderator "false"; it does not verify with another secret."""
    meeting = VideoMeetingFactory(session=session, provider=Provider.JITSI, server="jitsi")
    person = Participant(user_id=8, full_name="Sylvia Kelley", moderator=False)
    token = token_of(Jitsi().join_url(meeting, person, now=session.starts_at))

    decoded = jwt.decode(token, OctKey.import_key(JITSI_SECRET), algorithms=["HS256"])
    assert decoded.claims["context"]["user"]["moderator"] == "false"
    with pytest.raises(BadSignatureError):
        jwt.decode(token, OctKey.import_key("another-secret-entirely"), algorithms=["HS256"])


def test_a_tenant_in_the_server_address_is_the_tokens_subject(settings, session):
    """https://meet.example.org/Tenant1 puts rooms under the tenant, whose name is `sub`."""
    settings.CONFERENCING_SERVERS["jitsi"]["url"] = "https://meet.example.org/Tenant1/"
    meeting = VideoMeetingFactory(session=session, provider=Provider.JITSI, server="jitsi")
    person = Participant(user_id=8, full_name="Sylvia Kelley", moderator=False)

    url = Jitsi().join_url(meeting, person, now=session.starts_at)

    assert url.startswith(f"https://meet.example.org/Tenant1/{meeting.meeting_key}?jwt=")
    claims = jwt.decode(token_of(url), OctKey.import_key(JITSI_SECRET), algorithms=["HS256"])
    assert claims.claims["sub"] == "tenant1"
