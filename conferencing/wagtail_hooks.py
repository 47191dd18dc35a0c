"""The session's video meeting in the admin (a snippet: provider, server, link, recording);
its link on My learning and on the trainer's My sessions and roster; the job that creates
BigBlueButton meetings before their sessions start."""

from datetime import timedelta

from django import forms
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from background.schedule import PERIODIC_TASKS_HOOK, PeriodicJob
from conferencing import tasks
from conferencing.models import Provider, VideoMeeting
from conferencing.servers import server_choices
from courses.models import SessionMode
from enrollment.models import EnrollmentStatus
from enrollment.parts import (
    MY_LEARNING_PARTS_HOOK,
    SESSION_MEETING_LINKS_HOOK,
    TRAINER_SESSION_LINKS_HOOK,
    MyLearningPart,
    SessionLink,
    loaded_one_to_one,
)


class VideoMeetingViewSet(SnippetViewSet):
    model = VideoMeeting
    icon = "media"
    menu_label = _("Video meetings")
    list_display = ["__str__", "provider", "server", "record", "created_at_provider"]
    list_filter = ["provider", "record"]
    search_fields = ["session__course__title"]
    panels = [
        FieldPanel("session"),
        FieldPanel("provider"),
        # The servers come from the environment; the list is read when the form is shown.
        FieldPanel("server", widget=forms.Select(choices=server_choices)),
        FieldPanel("link"),
        FieldPanel("record"),
    ]


register_snippet(VideoMeetingViewSet)


def _my_learning_link(enrollment, now):
    """ "join" while the session is to come or running, "recordings" after it when it was
    recorded; nothing for sessions whose meeting is only the online join link, which
    My learning already shows."""
    session = enrollment.session
    meeting = loaded_one_to_one(session, "video_meeting")
    if (
        meeting is None
        or not enrollment.holds_seat
        or not session.has_attendance
        or (meeting.provider == Provider.EXTERNAL_LINK and not meeting.link)
    ):
        return None
    if session.ends_at > now:
        return "join" if enrollment.status == EnrollmentStatus.CONFIRMED else None
    return "recordings" if meeting.record else None


@hooks.register(MY_LEARNING_PARTS_HOOK)
def my_learning_meeting_link():
    return MyLearningPart(
        "conferencing/includes/my_learning_link.html",
        order=35,
        prepare=lambda enrollments: enrollments.select_related("session__video_meeting"),
        data=_my_learning_link,
    )


@hooks.register(TRAINER_SESSION_LINKS_HOOK)
def meeting_link(session, *, page, now):
    if not session.has_attendance or session.mode == SessionMode.IN_ROOM:
        return None
    url = reverse("conferencing:meeting", kwargs={"session_id": session.pk})
    return SessionLink(label=gettext("Video meeting"), url=url, order=35)


@hooks.register(SESSION_MEETING_LINKS_HOOK)
def live_room_meeting_link(session, user):
    """On the live room of an online or hybrid session with a meeting of a provider's own
    (an external link is the room's own video link already): joining builds the
    participant's address at the click, as from My learning."""
    if not session.has_attendance or session.mode == SessionMode.IN_ROOM:
        return None
    meeting = VideoMeeting.objects.filter(session=session).only("provider", "link").first()
    if meeting is None or meeting.provider == Provider.EXTERNAL_LINK:
        return None
    url = reverse("conferencing:join", kwargs={"session_id": session.pk})
    return SessionLink(label=gettext("Join the video meeting"), url=url, order=35)


@hooks.register(PERIODIC_TASKS_HOOK)
def conferencing_periodic_tasks():
    return [PeriodicJob(tasks.create_due_meetings, every=timedelta(minutes=5))]
