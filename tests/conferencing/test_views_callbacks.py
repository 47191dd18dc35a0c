"""The providers' callbacks, sent as their documentation shows them: BigBlueButton's
learning analytics (a JWT, HS512, in the Authorization header; the JSON of the API docs'
example) and recording-ready callback (`signed_parameters`, HS256), and the join and leave
events of Jitsi's event sync (jitsi-contrib/prosody-plugins, event_sync/README.md). Stays
long enough become the day's one attendance record; a callback whose signature does not
check out changes nothing."""

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import OctKey

from conferencing.factories import VideoMeetingFactory
from conferencing.models import MeetingRecording, MeetingVisit, Provider
from courses.factories import TrainingSessionFactory
from enrollment.factories import AttendanceFactory, EnrollmentFactory
from enrollment.models import Attendance, AttendanceSource
from tests.conferencing.conftest import BBB_SECRET, JITSI_EVENTS_TOKEN

pytestmark = pytest.mark.django_db

ANALYTICS_URL = reverse("conferencing_api:bbb_analytics", args=["bbb"])
READY_URL = reverse("conferencing_api:bbb_recording_ready", args=["bbb"])


def bbb_token(payload: dict, algorithm: str, secret: str = BBB_SECRET) -> str:
    return jwt.encode(
        {"alg": algorithm, "typ": "JWT"}, payload, OctKey.import_key(secret), algorithms=[algorithm]
    )


def analytics(meeting_key: str, user_id, *, joins, leaves, duration) -> dict:
    """The analytics callback's body as BigBlueButton's API documentation shows it."""
    return {
        "version": "1.0",
        "meeting_id": meeting_key,
        "internal_meeting_id": "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1552639744364",
        "data": {
            "metadata": {
                "analytics_callback_url": "https://training.example.org/...",
                "is_breakout": "false",
                "meeting_name": "Flood forecasting",
            },
            "duration": 3196,
            "start": "2019-03-15 08:49:04 +0000",
            "finish": "2019-03-15 09:42:20 +0000",
            "attendees": [
                {
                    "ext_user_id": user_id,
                    "name": "Sylvia Kelley",
                    "moderator": False,
                    "joins": joins,
                    "leaves": leaves,
                    "duration": duration,
                    "recent_talking_time": "2019-03-15 09:42:01 +0000",
                    "engagement": {
                        "chats": 3,
                        "talks": 318,
                        "raisehand": 0,
                        "emojis": 0,
                        "poll_votes": 0,
                        "talk_time": 1746,
                    },
                }
            ],
            "files": ["default.pdf"],
            "polls": [],
        },
    }


@pytest.fixture
def march_session(home, trainer):
    from courses.factories import TrainerSnippetFactory

    return TrainingSessionFactory(
        starts_at=datetime(2019, 3, 15, 8, 30, tzinfo=UTC),
        ends_at=datetime(2019, 3, 15, 12, 0, tzinfo=UTC),
        trainers=[TrainerSnippetFactory(user=trainer)],
    )


def post_analytics(client, body: dict, token: str):
    return client.post(
        ANALYTICS_URL,
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def valid_analytics_token() -> str:
    return bbb_token({"exp": int(time.time()) + 24 * 3600}, "HS512")


def test_the_analytics_callback_records_the_day_attended(client, march_session):
    """A learner who stayed 53 minutes is present that day, recorded as joining the video
    meeting."""
    enrollment = EnrollmentFactory(session=march_session)
    meeting = VideoMeetingFactory(session=march_session)
    body = analytics(
        meeting.meeting_key,
        enrollment.user_id,
        joins=["2019-03-15 08:49:29 +0000"],
        leaves=["2019-03-15 09:42:20 +0000"],
        duration=3171.0,
    )

    response = post_analytics(client, body, valid_analytics_token())

    assert response.status_code == 200
    assert response.json() == {"attendance_recorded": 1}
    attendance = Attendance.objects.get(enrollment=enrollment)
    assert attendance.day.isoformat() == "2019-03-15"
    assert attendance.source == AttendanceSource.VIDEO_MEETING


def test_a_learner_checked_in_in_the_room_keeps_one_record(client, march_session):
    """Present in the room (check-in code) and online the same day: still one record."""
    enrollment = EnrollmentFactory(session=march_session)
    AttendanceFactory(enrollment=enrollment, source=AttendanceSource.CHECK_IN_CODE)
    meeting = VideoMeetingFactory(session=march_session)
    body = analytics(
        meeting.meeting_key,
        str(enrollment.user_id),
        joins=["2019-03-15 08:49:29 +0000"],
        leaves=["2019-03-15 09:42:20 +0000"],
        duration=3171.0,
    )

    post_analytics(client, body, valid_analytics_token())
    post_analytics(client, body, valid_analytics_token())

    assert list(Attendance.objects.filter(enrollment=enrollment).values_list("source")) == [
        (AttendanceSource.CHECK_IN_CODE,)
    ]
    assert MeetingVisit.objects.filter(user_id=enrollment.user_id).count() == 1


def test_a_short_stay_is_not_attendance(client, march_session):
    """Ten minutes in the meeting are kept, but below the live room's threshold."""
    enrollment = EnrollmentFactory(session=march_session)
    meeting = VideoMeetingFactory(session=march_session)
    body = analytics(
        meeting.meeting_key,
        enrollment.user_id,
        joins=["2019-03-15 08:49:29 +0000"],
        leaves=["2019-03-15 08:59:29 +0000"],
        duration=600,
    )

    assert post_analytics(client, body, valid_analytics_token()).json() == {
        "attendance_recorded": 0
    }
    assert not Attendance.objects.exists()
    assert MeetingVisit.objects.get().seconds == 600


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(
            lambda: bbb_token({"exp": int(time.time()) + 60}, "HS512", "guessed-" * 4), id="key"
        ),
        pytest.param(lambda: bbb_token({"exp": int(time.time()) - 60}, "HS512"), id="expired"),
        pytest.param(lambda: bbb_token({"exp": int(time.time()) + 60}, "HS256"), id="alg"),
        pytest.param(lambda: "not-a-token", id="garbage"),
    ],
)
def test_an_analytics_callback_with_a_bad_signature_changes_nothing(client, march_session, token):
    """Forged, expired or otherwise signed: 403 with the reason, and nothing recorded."""
    enrollment = EnrollmentFactory(session=march_session)
    meeting = VideoMeetingFactory(session=march_session)
    body = analytics(
        meeting.meeting_key,
        enrollment.user_id,
        joins=["2019-03-15 08:49:29 +0000"],
        leaves=["2019-03-15 09:42:20 +0000"],
        duration=3171.0,
    )

    response = post_analytics(client, body, token())

    assert response.status_code == 403
    assert "shared secret" in response.json()["error"]
    assert not Attendance.objects.exists()
    assert not MeetingVisit.objects.exists()


def test_a_callback_from_an_unknown_server_is_refused(client):
    """A server name the platform does not know: 403, and it says so."""
    url = reverse("conferencing_api:bbb_analytics", args=["elsewhere"])
    response = client.post(url, "{}", content_type="application/json")
    assert response.status_code == 403
    assert "No video conferencing server" in response.json()["error"]


def test_the_recording_ready_callback_attaches_the_recording(client, march_session):
    """BigBlueButton's signed parameters (HS256) name the meeting and the recording, which
    is attached to the session's meeting."""
    meeting = VideoMeetingFactory(session=march_session, record=True)
    record_id = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1552639744364"
    signed = bbb_token({"meeting_id": meeting.meeting_key, "record_id": record_id}, "HS256")

    response = client.post(READY_URL, {"signed_parameters": signed})

    assert response.status_code == 200
    assert MeetingRecording.objects.get().meeting == meeting


def test_a_recording_ready_callback_with_a_bad_signature_changes_nothing(client, march_session):
    """Signed with another secret: 403, no recording."""
    meeting = VideoMeetingFactory(session=march_session, record=True)
    signed = bbb_token({"meeting_id": meeting.meeting_key, "record_id": "r-1"}, "HS256", "x" * 32)

    response = client.post(READY_URL, {"signed_parameters": signed})

    assert response.status_code == 403
    assert not MeetingRecording.objects.exists()


def test_a_recording_of_an_unknown_meeting_is_gone(client):
    """BigBlueButton reads 410 as "this meeting was deleted"."""
    signed = bbb_token({"meeting_id": "nope", "record_id": "r-1"}, "HS256")
    assert client.post(READY_URL, {"signed_parameters": signed}).status_code == 410


# --- Jitsi --------------------------------------------------------------------------------


def occupant_left(room: str, user_id, joined_at: int, left_at: int) -> dict:
    """The `muc-occupant-left` event as event_sync's README shows it."""
    return {
        "event_name": "muc-occupant-left",
        "room_name": room,
        "room_jid": f"{room}@conference.meet.mydomain.com",
        "is_breakout": False,
        "active_occupants_count": 3,
        "occupant": {
            "name": "James Barrow",
            "email": "j.barrow@domain.com",
            "id": str(user_id),
            "occupant_jid": "14f01c40-5195-4a4d-8efb-f58b49d18741@meet.mydomain.com/OWhl8jSh",
            "joined_at": joined_at,
            "left_at": left_at,
        },
    }


def post_event(client, what: str, body: dict, token: str = JITSI_EVENTS_TOKEN):
    url = reverse("conferencing_api:jitsi_events", args=["jitsi", "occupant", what])
    return client.post(
        url,
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_jitsi_stays_add_up_to_the_day_attended(client, march_session):
    """Two stays of 20 minutes (a dropped connection between) make 40: present."""
    enrollment = EnrollmentFactory(session=march_session)
    meeting = VideoMeetingFactory(session=march_session, provider=Provider.JITSI, server="jitsi")
    start = int(march_session.starts_at.timestamp())

    first = post_event(
        client, "left", occupant_left(meeting.meeting_key, enrollment.user_id, start, start + 1200)
    )
    assert first.json() == {"attendance_recorded": 0}
    second = post_event(
        client,
        "left",
        occupant_left(meeting.meeting_key, enrollment.user_id, start + 1300, start + 2500),
    )

    assert second.json() == {"attendance_recorded": 1}
    assert Attendance.objects.get(enrollment=enrollment).source == AttendanceSource.VIDEO_MEETING


def test_jitsi_join_events_are_acknowledged(client, march_session):
    """muc-occupant-joined (README example) is accepted and changes nothing."""
    joined = occupant_left("catchup", 1, 1625823996, 1625824035)
    joined["event_name"] = "muc-occupant-joined"
    del joined["occupant"]["left_at"]
    assert post_event(client, "joined", joined).status_code == 204
    assert not MeetingVisit.objects.exists()


def test_jitsi_events_with_a_wrong_token_change_nothing(client, march_session):
    """A wrong bearer token: 403 with the reason, no stay kept."""
    enrollment = EnrollmentFactory(session=march_session)
    meeting = VideoMeetingFactory(session=march_session, provider=Provider.JITSI, server="jitsi")
    start = int(march_session.starts_at.timestamp())
    body = occupant_left(meeting.meeting_key, enrollment.user_id, start, start + 3600)

    response = post_event(client, "left", body, token="TOKEN-guessed")

    assert response.status_code == 403
    assert "events token" in response.json()["error"]
    assert not MeetingVisit.objects.exists()
    assert not Attendance.objects.exists()


def test_stays_outside_the_session_days_are_not_attendance(client, march_session):
    """A rehearsal the day before is kept as a stay, not as a day attended."""
    enrollment = EnrollmentFactory(session=march_session)
    meeting = VideoMeetingFactory(session=march_session, provider=Provider.JITSI, server="jitsi")
    start = int((march_session.starts_at - timedelta(days=1)).timestamp())
    body = occupant_left(meeting.meeting_key, enrollment.user_id, start, start + 3600)

    assert post_event(client, "left", body).json() == {"attendance_recorded": 0}
    assert not Attendance.objects.exists()
