"""Joining a session's video meeting: the address is made when the participant clicks, in
their role; the link on My learning and on the trainer's My sessions."""

from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from conferencing.factories import VideoMeetingFactory
from conferencing.models import MeetingRecording, Provider, VideoMeeting
from enrollment.factories import LearnerProfileFactory

pytestmark = pytest.mark.django_db


def join_url(session) -> str:
    return reverse("conferencing:join", kwargs={"session_id": session.pk})


def created(meeting):
    meeting.created_at_provider = timezone.now()
    meeting.save()
    return meeting


def test_a_learner_joins_bigbluebutton_as_viewer_and_a_trainer_as_moderator(
    client, session, learner, trainer
):
    """The join address goes to BigBlueButton with each person's role and name."""
    created(VideoMeetingFactory(session=session))
    for person, role, name in (
        (learner, "VIEWER", "Sylvia Kelley"),
        (trainer, "MODERATOR", "Amina Diallo"),
    ):
        client.force_login(person)
        response = client.get(join_url(session))
        assert response.status_code == 302
        target = urlsplit(response["Location"])
        assert target.netloc == "bbb.example.com"
        params = dict(parse_qsl(target.query))
        assert (params["role"], params["fullName"], params["userID"]) == (
            role,
            name,
            str(person.pk),
        )


def test_before_the_meeting_is_created_the_page_says_when_it_opens(client, session, learner):
    """A BigBlueButton meeting not created yet: the page tells the learner to come back."""
    VideoMeetingFactory(session=session)
    client.force_login(learner)
    response = client.get(join_url(session))
    assert response.status_code == 200
    assert (
        "The video meeting opens 30 minutes before the session starts." in response.content.decode()
    )


def test_without_a_meeting_the_online_join_link_is_the_meeting(client, session, learner):
    """A session with only its online join link: joining goes there."""
    session.join_url = "https://meet.example.org/floods"
    session.save()
    client.force_login(learner)
    response = client.get(join_url(session))
    assert response["Location"] == "https://meet.example.org/floods"


def test_people_not_in_the_session_cannot_join(client, session):
    """Someone not enrolled gets a 404; nobody learns the meeting exists."""
    VideoMeetingFactory(
        session=session, provider=Provider.EXTERNAL_LINK, link="https://x.example.org/m"
    )
    client.force_login(UserFactory())
    assert client.get(join_url(session)).status_code == 404


def test_joining_is_a_read(client, session, learner):
    """Opening the join address creates nothing, not even the meeting row."""
    client.force_login(learner)
    assert client.get(join_url(session)).status_code == 200
    assert not VideoMeeting.objects.exists()


def test_my_learning_offers_the_video_meeting(client, session, learner):
    """A confirmed learner's line links "Join the video meeting"."""
    VideoMeetingFactory(session=session, provider=Provider.JITSI, server="jitsi")
    LearnerProfileFactory(user=learner)
    client.force_login(learner)
    page = client.get(reverse("enrollment:my_learning")).content.decode()
    assert f'<a href="{join_url(session)}" rel="nofollow">Join the video meeting</a>' in page


def test_the_live_room_offers_the_video_meeting_of_a_provider(client, session, learner):
    """The live room links "Join the video meeting" for a Jitsi meeting; a session whose
    meeting is only an external link keeps the room's own video link alone."""
    room = reverse("live:room", kwargs={"session_id": session.pk})
    client.force_login(learner)
    meeting = VideoMeetingFactory(session=session, provider=Provider.JITSI, server="jitsi")
    page = client.get(room).content.decode()
    assert f'<a class="button" href="{join_url(session)}">Join the video meeting</a>' in page
    meeting.provider, meeting.server = Provider.EXTERNAL_LINK, ""
    meeting.save()
    assert "Join the video meeting" not in client.get(room).content.decode()


def test_the_trainer_finds_the_meeting_on_my_sessions(client, session, trainer):
    """My sessions links the session's video meeting page."""
    client.force_login(trainer)
    page = client.get(reverse("enrollment:my_sessions")).content.decode()
    assert reverse("conferencing:meeting", kwargs={"session_id": session.pk}) in page


def test_the_meeting_page_lists_its_recordings(client, session, learner):
    """Recordings whose playback address is known are listed on the meeting's page."""
    meeting = VideoMeetingFactory(session=session, record=True)
    MeetingRecording.objects.create(
        meeting=meeting,
        record_id="r-1",
        playback_url="https://bbb.example.com/playback/presentation/2.3/r-1",
    )
    MeetingRecording.objects.create(meeting=meeting, record_id="r-2")
    session.starts_at -= timedelta(days=30)
    session.ends_at -= timedelta(days=30)
    session.save()
    client.force_login(learner)
    page = client.get(
        reverse("conferencing:meeting", kwargs={"session_id": session.pk})
    ).content.decode()
    assert "Recordings of the meeting" in page
    assert "/playback/presentation/2.3/r-1" in page
    assert "r-2" not in page


def test_an_editor_must_pick_a_configured_server(session):
    """A BigBlueButton meeting on a server the platform does not know is refused."""
    meeting = VideoMeeting(session=session, provider=Provider.BIGBLUEBUTTON, server="jitsi")
    with pytest.raises(ValidationError):
        meeting.clean()
    VideoMeeting(session=session, provider=Provider.BIGBLUEBUTTON, server="bbb").clean()
