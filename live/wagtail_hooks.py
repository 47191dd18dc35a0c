"""The admin dashboard's panel of the live rooms where questions wait for a moderator."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from cms.dashboard import DashboardRow
from enrollment.dashboard import SessionsPanel
from live import selectors


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
