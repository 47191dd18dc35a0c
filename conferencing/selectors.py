"""Reads of video meetings: a session's meeting (its online join link when none was set
up), who may join it and in which role, and its recordings."""

from dataclasses import dataclass

from accounts.permissions import may_act_on_session
from conferencing.models import MeetingRecording, Provider, VideoMeeting
from conferencing.providers.base import Participant
from courses.models import TrainingSession
from enrollment.models import Enrollment


@dataclass(frozen=True)
class Joining:
    session: TrainingSession
    meeting: VideoMeeting
    participant: Participant


def meeting_of(session: TrainingSession) -> VideoMeeting:
    """The session's meeting; without one, its online join link as an external link (not
    stored: reading writes nothing)."""
    meeting = VideoMeeting.objects.filter(session=session).first()
    if meeting is None:
        meeting = VideoMeeting(session=session, provider=Provider.EXTERNAL_LINK)
    meeting.session = session
    return meeting


def joining(user, session_id: int) -> Joining | None:
    """The meeting `user` may join and their role: the session's trainers and
    administrators moderate, its learners holding a seat (confirmed, or completed: for the
    recordings) take part; None for anyone else, and
    for sessions without dates (a self-paced run meets nobody)."""
    session = TrainingSession.objects.select_related("course").filter(pk=session_id).first()
    if session is None or not session.has_attendance:
        return None
    moderator = may_act_on_session(user, session)
    if (
        not moderator
        and not Enrollment.objects.filter(user=user, session=session).holding_seat().exists()
    ):
        return None
    participant = Participant(
        user_id=user.pk,
        full_name=user.get_full_name() or user.email.partition("@")[0],
        moderator=moderator,
    )
    return Joining(session=session, meeting=meeting_of(session), participant=participant)


def recordings_of(meeting: VideoMeeting) -> list[MeetingRecording]:
    if meeting._state.adding:
        return []
    return list(meeting.recordings.exclude(playback_url=""))
