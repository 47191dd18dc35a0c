"""The admin dashboard's panel of the live rooms where questions wait for a moderator; the
room's link on My learning, and its console's on the trainer's My sessions and roster; the
broadcast's ingest among the processes of `make run`; the daily pruning of old action
receipts."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from background.processes import SERVE_PROCESSES_HOOK
from background.schedule import PERIODIC_TASKS_HOOK, PeriodicJob
from cms.dashboard import DashboardRow
from enrollment.dashboard import SessionsPanel
from enrollment.parts import (
    MY_LEARNING_PARTS_HOOK,
    TRAINER_SESSION_LINKS_HOOK,
    MyLearningPart,
    SessionLink,
)
from live import ingest, selectors, tasks


class QuestionsWaitingPanel(SessionsPanel):
    name = "questions-waiting"
    heading = _("Questions waiting in your live rooms")
    order = 45

    def session_rows(self, sessions):
        rooms = selectors.rooms_awaiting_moderation(sessions)
        return [
            DashboardRow(
                label=room.session.course.title,
                url=reverse("live:console", kwargs={"session_id": room.pk}),
                detail=ngettext(
                    "%(count)d question to moderate",
                    "%(count)d questions to moderate",
                    room.waiting,
                )
                % {"count": room.waiting},
            )
            for room in rooms
        ]


@hooks.register("construct_homepage_panels")
def add_questions_waiting_panel(request, panels):
    panels.append(QuestionsWaitingPanel())


@hooks.register(MY_LEARNING_PARTS_HOOK)
def my_learning_room_link():
    return MyLearningPart("live/includes/my_learning_link.html", order=30)


@hooks.register(TRAINER_SESSION_LINKS_HOOK)
def console_link(session, *, page, now):
    if not session.has_attendance:
        return None  # a self-paced run has no live room
    url = reverse("live:console", kwargs={"session_id": session.pk})
    return SessionLink(label=gettext("Live room console"), url=url, order=30)


@hooks.register(SERVE_PROCESSES_HOOK)
def broadcast_ingest(host, port):
    """`make run` starts the broadcast's ingest where nginx and its RTMP module are."""
    return [ingest.serve_process(host=host, port=port)]


@hooks.register(PERIODIC_TASKS_HOOK)
def live_periodic_tasks():
    return [PeriodicJob(tasks.prune_action_receipts, every=timedelta(days=1))]
