"""BigBlueButton's signed calls, checked against the example of its API documentation
(docs.bigbluebutton.org/development/api, "Usage"): no BigBlueButton server runs here."""

from urllib.parse import parse_qsl, urlsplit

import pytest

from conferencing.factories import VideoMeetingFactory
from conferencing.providers import bigbluebutton
from conferencing.providers.base import Participant
from conferencing.servers import server
from tests.conferencing.conftest import BBB_SECRET

pytestmark = pytest.mark.django_db

DOCS_QUERY = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
DOCS_CHECKSUM = "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"


def signed_correctly(url: str, call: str) -> bool:
    """Recompute the checksum of a call's address as BigBlueButton does."""
    query = urlsplit(url).query
    unsigned, _sep, given = query.rpartition("&checksum=")
    return bigbluebutton.checksum(call, unsigned, BBB_SECRET, "sha1") == given


def test_the_checksum_is_the_one_of_the_documentation():
    """sha1("create" + query + secret) of the documented call gives the documented sum."""
    assert bigbluebutton.checksum("create", DOCS_QUERY, BBB_SECRET, "sha1") == DOCS_CHECKSUM


def test_a_signed_call_is_the_documented_address():
    """The documented create call, built from its parameters, is byte for byte the address
    the documentation shows."""
    params = [
        ("name", "Test Meeting"),
        ("meetingID", "abc123"),
        ("attendeePW", "111222"),
        ("moderatorPW", "333444"),
    ]
    url = bigbluebutton.api_url(server("bbb"), "create", params)
    assert url == (
        f"https://bbb.example.com/bigbluebutton/api/create?{DOCS_QUERY}&checksum={DOCS_CHECKSUM}"
    )


def test_the_server_address_printed_by_bbb_conf_gets_its_api_path(settings):
    """`bbb-conf --secret` prints https://host/bigbluebutton/: calls go under its api/."""
    settings.CONFERENCING_SERVERS["bbb"]["url"] = "https://bbb.example.com/bigbluebutton/"
    assert bigbluebutton.api_base(server("bbb")) == "https://bbb.example.com/bigbluebutton/api/"


def test_the_sha256_checksum_when_the_server_asks_for_it(settings):
    """A server configured for SHA-256 gets a 64-digit checksum of the same string."""
    settings.CONFERENCING_SERVERS["bbb"]["checksum"] = "sha256"
    url = bigbluebutton.api_url(server("bbb"), "getMeetings", [])
    assert url.startswith("https://bbb.example.com/bigbluebutton/api/getMeetings?checksum=")
    assert len(url.rpartition("=")[2]) == 64


def test_create_asks_for_the_analytics_and_recording_callbacks(session):
    """The meeting is created with the platform's callbacks, its events kept for analytics,
    and recorded when the editor asked for it."""
    meeting = VideoMeetingFactory(session=session, record=True)
    params = dict(bigbluebutton.create_params(meeting, title="Flood forecasting"))
    assert params["name"] == "Flood forecasting"
    assert params["meetingID"] == meeting.meeting_key
    assert params["record"] == "true"
    assert params["meetingKeepEvents"] == "true"
    assert params["meta_analytics-callback-url"] == (
        "https://training.example.org/api/conferencing/bigbluebutton/bbb/analytics/"
    )
    assert params["meta_bbb-recording-ready-url"] == (
        "https://training.example.org/api/conferencing/bigbluebutton/bbb/recording-ready/"
    )


def test_join_addresses_carry_the_role_name_and_user_id(session):
    """A trainer joins as MODERATOR, a learner as VIEWER, each with their name and id, in a
    signed join call."""
    meeting = VideoMeetingFactory(session=session)
    provider = bigbluebutton.BigBlueButton()
    for moderator, role in ((True, "MODERATOR"), (False, "VIEWER")):
        person = Participant(user_id=42, full_name="Sylvia Kelley", moderator=moderator)
        url = provider.join_url(meeting, person, now=None)
        assert url.startswith("https://bbb.example.com/bigbluebutton/api/join?")
        params = dict(parse_qsl(urlsplit(url).query))
        assert params["role"] == role
        assert params["fullName"] == "Sylvia Kelley"
        assert params["userID"] == "42"
        assert params["meetingID"] == meeting.meeting_key
        assert signed_correctly(url, "join")


def test_the_playback_address_is_read_from_get_recordings():
    """The presentation format's address of the recording, from a getRecordings answer
    shaped as the API documentation's."""
    answer = bigbluebutton.parse_answer(
        b"""<response><returncode>SUCCESS</returncode><recordings><recording>
        <recordID>ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124</recordID>
        <meetingID>c637ba21adcd0191f48f5c4bf23fab0f96ed5c18</meetingID>
        <published>true</published><state>published</state>
        <playback>
          <format><type>podcast</type><url>https://demo.bigbluebutton.org/podcast/x.ogg</url></format>
          <format><type>presentation</type>
          <url>https://demo.bigbluebutton.org/playback/presentation/2.3/ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124</url>
          <processingTime>7177</processingTime><length>0</length></format>
        </playback></recording></recordings></response>"""
    )
    url = bigbluebutton.playback_url_in(
        answer, "ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124"
    )
    assert url.endswith(
        "/playback/presentation/2.3/ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124"
    )
