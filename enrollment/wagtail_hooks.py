"""The Wagtail admin's way to the rosters: a "My sessions" menu item for trainers and
administrators, leading to the public-side list of the sessions they may run; the
dashboard's panels of their next sessions and of the requests awaiting their approval;
Wagtail's own reports kept for administrators; the learner's chosen language for log-in;
and enrollment's own links on each line of My learning, among those later stages register."""

from datetime import timedelta

from django.urls import reverse, reverse_lazy
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.permissions import is_administrator, runs_sessions
from background.schedule import PERIODIC_TASKS_HOOK, PeriodicJob
from cms.dashboard import DashboardRow
from enrollment import selectors, tasks
from enrollment.dashboard import SessionsPanel
from enrollment.models import LearnerProfile
from enrollment.parts import MY_LEARNING_PARTS_HOOK, MyLearningPart


class MySessionsMenuItem(MenuItem):
    def is_shown(self, request):
        return runs_sessions(request.user)


@hooks.register("register_admin_menu_item")
def register_my_sessions_menu_item():
    # Lazy: the link takes the language of the admin page it is shown on.
    return MySessionsMenuItem(
        _("My sessions"),
        reverse_lazy("enrollment:my_sessions"),
        name="my-sessions",
        icon_name="group",
        order=250,
    )


@hooks.register("user_preferred_language")
def learner_preferred_language(user) -> str:
    """Log-in switches to the language the learner chose in their profile."""
    return (
        LearnerProfile.objects.filter(user=user)
        .values_list("preferred_language", flat=True)
        .first()
        or ""
    )


def roster_url(session) -> str:
    return reverse("enrollment:roster", kwargs={"session_id": session.pk})


def starts(session) -> str:
    return formats.date_format(session.local_starts_at, "SHORT_DATETIME_FORMAT")


class NextSessionsPanel(SessionsPanel):
    name = "next-sessions"
    heading = _("My next sessions")
    empty_text = _("No session of yours is coming up.")
    order = 40

    def session_rows(self, sessions):
        sessions = selectors.next_sessions(sessions)
        return [
            DashboardRow(
                label=session.course.title,
                url=roster_url(session),
                detail=f"{starts(session)} ({session.timezone})",
            )
            for session in sessions
        ]


class AwaitingApprovalPanel(SessionsPanel):
    name = "awaiting-approval"
    heading = _("Requests awaiting your approval")
    order = 50

    def session_rows(self, sessions):
        sessions = selectors.sessions_awaiting_approval(sessions)
        return [
            DashboardRow(
                label=session.course.title,
                url=f"{roster_url(session)}#pending",
                detail=ngettext(
                    "%(count)d request, session of %(date)s",
                    "%(count)d requests, session of %(date)s",
                    session.pending_count,
                )
                % {"count": session.pending_count, "date": starts(session)},
            )
            for session in sessions
        ]


@hooks.register("construct_homepage_panels")
def add_trainer_panels(request, panels):
    panels.extend([NextSessionsPanel(), AwaitingApprovalPanel()])


# Wagtail's reports about the editorial machinery, which say nothing of a trainer's work.
ADMINISTRATOR_REPORTS = {
    "locked-pages",
    "workflows",
    "workflow-tasks",
    "site-history",
    "aging-pages",
    "page-types-usage",
}


@hooks.register("construct_reports_menu")
def keep_editorial_reports_for_administrators(request, menu_items):
    if is_administrator(request.user):
        return
    menu_items[:] = [item for item in menu_items if item.name not in ADMINISTRATOR_REPORTS]


@hooks.register(MY_LEARNING_PARTS_HOOK)
def check_in_link():
    return MyLearningPart("enrollment/learner/links/check_in.html", order=10)


@hooks.register(MY_LEARNING_PARTS_HOOK)
def join_online_link():
    return MyLearningPart("enrollment/learner/links/join_online.html", order=20)


@hooks.register(MY_LEARNING_PARTS_HOOK)
def calendar_link():
    return MyLearningPart("enrollment/learner/links/calendar.html", order=90)


# --- periodic jobs (background.schedule) ---------------------------------------------------


@hooks.register(PERIODIC_TASKS_HOOK)
def enrollment_periodic_tasks():
    return [
        # The reminder the day before a session: each learner gets it once.
        PeriodicJob(tasks.send_reminders, every=timedelta(hours=1)),
        # A seat held for a promoted learner who did not confirm in time goes to the next.
        PeriodicJob(tasks.release_expired_holds, every=timedelta(minutes=5)),
    ]
