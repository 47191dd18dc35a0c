"""Administrators' view of background work: outgoing emails still queued or failed (with
"Retry now"), and background tasks that failed, each with its reason. Also declares
background work's own periodic jobs."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from background import services, tasks
from background.models import OutgoingEmail
from background.schedule import PERIODIC_TASKS_HOOK, PeriodicJob
from background.viewsets import ListOnlyViewSetMixin


class OutgoingEmailIndexView(IndexView):
    viewset = None

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.user_has_permission("change"):
            buttons.append(
                ListingButton(
                    _("Retry now"),
                    url=reverse(self.viewset.get_url_name("retry"), args=[instance.pk]),
                    icon_name="resubmit",
                    priority=10,
                )
            )
        return buttons


class RetryView(PermissionCheckedMixin, View):
    """Asks to confirm (GET), then puts the email back in the queue for an attempt now."""

    permission_required = "change"
    model = OutgoingEmail
    viewset = None

    def get(self, request, pk):
        email = get_object_or_404(OutgoingEmail, pk=pk)
        return TemplateResponse(
            request,
            "background/admin/retry_confirm.html",
            {"email": email, "index_url": reverse(self.viewset.get_url_name("index"))},
        )

    def post(self, request, pk):
        email = get_object_or_404(OutgoingEmail, pk=pk)
        if services.email_retry_now(email=email):
            messages.success(request, _("The email will be tried again now."))
        else:
            messages.warning(request, _("This email is being sent at this moment."))
        return redirect(self.viewset.get_url_name("index"))


class OutgoingEmailViewSet(ListOnlyViewSetMixin, ModelViewSet):
    """Emails the mail server has not accepted yet; no add, edit or delete: they change
    only through background.services."""

    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Outgoing email")
    url_prefix = "outgoing-email"
    index_view_class = OutgoingEmailIndexView
    copy_view_enabled = False
    list_display = [
        Column("recipient_list", label=_("Recipients")),
        "subject",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attempts", label=_("Attempts")),
        Column("last_error", label=_("Last error")),
        DateColumn("next_attempt_at", label=_("Next try")),
        DateColumn("created_at", label=_("Created")),
    ]
    list_filter = ["status"]
    search_fields = ["subject", "recipients"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(viewset=self, **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("retry/<int:pk>/", self.construct_view(RetryView, viewset=self), name="retry"),
        ]


class FailedTaskIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(status=TaskResultStatus.FAILED)


def failure_reason(result: DBTaskResult) -> str:
    """The exception's last line: its class and message ('ImportError: No module ...')."""
    lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else result.exception_class_path


class FailedTaskViewSet(ListOnlyViewSetMixin, ModelViewSet):
    """Background tasks that raised (and tasks whose code no longer exists), newest
    first; read only."""

    model = DBTaskResult
    icon = "warning"
    menu_label = _("Failed tasks")
    url_prefix = "failed-tasks"
    index_view_class = FailedTaskIndexView
    copy_view_enabled = False
    list_display = [
        Column("task_path", label=_("Task")),
        Column("reason", label=_("Reason"), accessor=failure_reason),
        DateColumn("finished_at", label=_("Failed")),
        DateColumn("enqueued_at", label=_("Enqueued")),
    ]
    search_fields = ["task_path", "traceback"]
    search_backend_name = None
    ordering = ["-finished_at"]
    list_per_page = 50

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


class BackgroundGroup(ViewSetGroup):
    items = (OutgoingEmailViewSet, FailedTaskViewSet)
    menu_icon = "cogs"
    menu_label = _("Background work")
    menu_name = "background"
    menu_order = 900


@hooks.register("register_admin_viewset")
def register_background_viewsets():
    return BackgroundGroup()


@hooks.register(PERIODIC_TASKS_HOOK)
def background_periodic_tasks():
    return [
        PeriodicJob(tasks.requeue_stalled_emails, every=timedelta(minutes=10)),
        PeriodicJob(tasks.prune_task_results, every=timedelta(days=1)),
        PeriodicJob(tasks.clear_expired_sessions, every=timedelta(days=1)),
    ]
