"""Administrators' learning record stores: a snippet listing each with what it still has
to receive (queued and failed statements, the last error) and "Retry now". Also declares
the periodic job that wakes deliveries whose task was lost."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import View
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from accounts.personal_data import PERSONAL_DATA_HOOK, PersonalData
from background.schedule import PERIODIC_TASKS_HOOK, PeriodicJob
from xapi import selectors, services, tasks
from xapi.forms import LearningRecordStoreForm
from xapi.models import LearningRecordStore


class StoreIndexView(IndexView):
    retry_url_name = None

    def get_base_queryset(self):
        return selectors.with_delivery_status(super().get_base_queryset())

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                ListingButton(
                    _("Retry now"),
                    url=reverse(self.retry_url_name, args=[instance.pk]),
                    icon_name="resubmit",
                    priority=15,
                )
            )
        return buttons


class RetryView(PermissionCheckedMixin, View):
    """Asks to confirm (GET), then makes every statement the store waits for due now."""

    permission_required = "change"
    model = LearningRecordStore
    index_url_name = None

    def get(self, request, pk):
        store = get_object_or_404(
            selectors.with_delivery_status(LearningRecordStore.objects), pk=pk
        )
        return TemplateResponse(
            request,
            "xapi/admin/retry_confirm.html",
            {"store": store, "index_url": reverse(self.index_url_name)},
        )

    def post(self, request, pk):
        store = get_object_or_404(LearningRecordStore, pk=pk)
        count = services.store_retry_now(store=store)
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d statement will be sent again now.",
                    "%(count)d statements will be sent again now.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("This store has no statement waiting."))
        return redirect(self.index_url_name)


class LearningRecordStoreViewSet(SnippetViewSet):
    model = LearningRecordStore
    icon = "site"
    menu_label = _("Learning record stores")
    add_to_admin_menu = True
    menu_order = 910
    index_view_class = StoreIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        "endpoint",
        "active",
        Column("queued_count", label=_("Queued")),
        Column("failed_count", label=_("Failed")),
        DateColumn("oldest_waiting", label=_("Oldest waiting")),
        Column("statements_sent", label=_("Sent")),
        DateColumn("last_sent_at", label=_("Last sent")),
        Column("last_error", label=_("Last error")),
    ]
    list_filter = ["active"]
    search_fields = ["name", "endpoint"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("endpoint"),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("key"), FieldPanel("secret")]), FieldPanel("token")],
                heading=_("Authentication"),
                help_text=_(
                    "A key and secret (HTTP basic), or a token. Saved secrets are not shown; "
                    "leave them empty to keep them."
                ),
            ),
            FieldPanel("active"),
            FieldPanel("sites"),
            FieldPanel("mbox_allowed"),
        ],
        base_form_class=LearningRecordStoreForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(retry_url_name=self.get_url_name("retry"), **kwargs)

    def get_urlpatterns(self):
        retry = self.construct_view(RetryView)
        return [*super().get_urlpatterns(), path("retry/<int:pk>/", retry, name="retry")]


register_snippet(LearningRecordStoreViewSet)


@hooks.register(PERIODIC_TASKS_HOOK)
def xapi_periodic_tasks():
    return [PeriodicJob(tasks.wake_deliveries, every=timedelta(minutes=10))]


@hooks.register(PERSONAL_DATA_HOOK)
def xapi_personal_data():
    return PersonalData(
        "learning_records", selectors.personal_data_export, services.personal_data_erase
    )
