"""The reports dashboard in the Wagtail admin: its URLs and a "Reports" menu item for
administrators and trainers."""

from django.urls import include, path, re_path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.permissions import runs_sessions
from reporting.views.admin import DashboardView, ReportFileView

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    re_path(
        r"^(?P<what>report|sessions)\.(?P<file_format>csv|xlsx)$",
        ReportFileView.as_view(),
        name="file",
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/", include((urlpatterns, "reporting_admin")))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return runs_sessions(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Training reports"),
        reverse_lazy("reporting_admin:dashboard"),
        name="training-reports",
        icon_name="table",
        order=260,
    )


@hooks.register("register_platform_pages")
def impact_page_on_first_start():
    """`setup_platform` gives the master platform its public impact page (cms/services.py)."""
    from cms.services import PlatformPage
    from reporting.models import ImpactPage

    return [PlatformPage(ImpactPage, "impact", _("Our impact"), {"show_in_menus": True})]
