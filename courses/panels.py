"""The course editor's panel of its training sessions: what is scheduled, and the way to add
a session with the course already chosen."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from courses.permission_policies import TrainingSessionPermissionPolicy

SESSIONS_SHOWN = 20
ADD_URL_NAME = "wagtailsnippets_courses_trainingsession:add"
EDIT_URL_NAME = "wagtailsnippets_courses_trainingsession:edit"


class CourseSessionsPanel(Panel):
    """Not a form field: a list of the course's sessions (every translation of the course
    shares them) with an "Add a session" link; a draft course gets none (sessions attach
    to published courses only)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Training sessions"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "sessions"

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/course_sessions_panel.html"

        def get_context_data(self, parent_context=None):
            from courses.models import TrainingSession  # the page models import this panel

            context = super().get_context_data(parent_context)
            course, user = self.instance, self.request.user
            policy = TrainingSessionPermissionPolicy(TrainingSession)
            context["published"] = bool(course.pk and course.live)
            if not context["published"]:
                return context
            sessions = list(
                TrainingSession.objects.for_course(course)
                .select_related("site")
                .order_by("-starts_at")[:SESSIONS_SHOWN]
            )
            editable = set(
                policy.instances_user_has_permission_for(user, "change")
                .filter(pk__in=[session.pk for session in sessions])
                .values_list("pk", flat=True)
            )
            context["sessions"] = [
                {
                    "session": session,
                    "edit_url": reverse(EDIT_URL_NAME, args=[session.pk])
                    if session.pk in editable
                    else "",
                }
                for session in sessions
            ]
            if policy.user_has_permission(user, "add"):
                context["add_url"] = f"{reverse(ADD_URL_NAME)}?course={course.pk}"
            return context
