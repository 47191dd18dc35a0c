"""Operations on video meetings: creating a BigBlueButton meeting before the session, the
stays providers report turned into the one attendance record per learner and day, and
recordings attached to the session."""

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from conferencing.models import MeetingRecording, MeetingVisit, Provider, VideoMeeting
from conferencing.providers import bigbluebutton
from conferencing.providers.base import ProviderError, Stay
from courses.models import SessionStatus
from enrollment.models import AttendanceSource
from enrollment.selectors import session_days
from enrollment.services import online_presence_seconds, record_attendance

logger = logging.getLogger(__name__)

# BigBlueButton meetings are created this long before their session starts (and again
# while it runs, should the server have ended an empty meeting).
MEETING_OPENS_BEFORE = timedelta(minutes=30)


def meeting_stays_record(*, meeting: VideoMeeting, stays: list[Stay]) -> list[int]:
    """Keep the reported stays (a stay reported twice is kept once) and record a day of
    online attendance for each confirmed learner whose stays that day reach the threshold
    the live room uses. Returns the ids of the learners whose attendance was recorded."""
    wanted = {int(stay.user_id) for stay in stays if stay.user_id.isdigit()}
    known = set(get_user_model().objects.filter(pk__in=wanted).values_list("pk", flat=True))
    kept = [stay for stay in stays if stay.user_id.isdigit() and int(stay.user_id) in known]
    if not kept:
        return []
    session = meeting.session
    days = set(session_days(session))
    recorded = []
    with transaction.atomic():
        MeetingVisit.objects.bulk_create(
            [
                MeetingVisit(
                    meeting=meeting,
                    user_id=int(stay.user_id),
                    joined_at=stay.joined_at,
                    left_at=stay.left_at,
                )
                for stay in kept
            ],
            ignore_conflicts=True,
        )
        seconds = defaultdict(int)
        for visit in MeetingVisit.objects.filter(
            meeting=meeting, user_id__in={int(stay.user_id) for stay in kept}
        ):
            seconds[(visit.user_id, visit.joined_at.astimezone(session.tzinfo).date())] += (
                visit.seconds
            )
        for (user_id, day), total in sorted(seconds.items()):
            if day not in days or total < online_presence_seconds():
                continue
            attendance = record_attendance(
                user=user_id, session=session, day=day, source=AttendanceSource.VIDEO_MEETING
            )
            if attendance is not None:
                recorded.append(user_id)
    return recorded


def meeting_create_on_server(*, meeting: VideoMeeting, now: datetime | None = None) -> None:
    """Create the meeting on its BigBlueButton server (a call to another system: run from a
    background task)."""
    bigbluebutton.create_meeting(meeting, title=meeting.session.course.title)
    VideoMeeting.objects.filter(pk=meeting.pk).update(created_at_provider=now or timezone.now())


def meetings_create_due(*, now: datetime | None = None) -> int:
    """Create the BigBlueButton meetings of the sessions starting soon or running; returns
    how many the servers accepted."""
    now = now or timezone.now()
    due = (
        VideoMeeting.objects.filter(
            provider=Provider.BIGBLUEBUTTON,
            session__starts_at__lte=now + MEETING_OPENS_BEFORE,
            session__ends_at__gt=now,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session__course")
    )
    created = 0
    for meeting in due:
        try:
            meeting_create_on_server(meeting=meeting, now=now)
        except ProviderError:
            logger.exception("The video meeting of session %s could not be created", meeting.pk)
            continue
        created += 1
    return created


def meeting_recording_ready(*, meeting: VideoMeeting, record_id: str) -> MeetingRecording:
    """Attach the recording to the session's meeting; its playback address is asked of
    the server by a background task."""
    from conferencing import tasks

    recording, created = MeetingRecording.objects.get_or_create(
        record_id=record_id, defaults={"meeting": meeting}
    )
    if created:
        transaction.on_commit(lambda: tasks.fetch_recording_playback.enqueue(recording.pk))
    return recording


def recording_playback_fetch(*, recording_id: int) -> str:
    recording = MeetingRecording.objects.select_related("meeting").get(pk=recording_id)
    url = bigbluebutton.recording_playback_url(recording.meeting, recording.record_id)
    if url:
        MeetingRecording.objects.filter(pk=recording.pk).update(playback_url=url)
    return url
