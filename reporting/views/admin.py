"""The reports dashboard in the Wagtail admin: filters, headline figures, charts with their
tables, and the same report as CSV or XLSX. Administrators see the whole centre, trainers
only the sessions they train; nobody else gets in."""

from dataclasses import replace
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from django_countries import countries
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from accounts.permissions import is_administrator, runs_sessions
from courses.models import SessionMode, ThemePage
from courses.regions import REGION_NAMES
from courses.selectors import localize, with_language
from reporting import exports
from reporting.charts import dashboard_charts
from reporting.filters import FilterError, ReportFilters, parse_filters
from reporting.text import format_number, format_percent, headline_sentence, scope_lines


class ReportFilterForm(forms.Form):
    """The report's scope as a query string; every value is checked by parse_filters."""

    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    year = forms.IntegerField(
        label=gettext_lazy("Or a year"), required=False, min_value=1900, max_value=2999
    )
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    site = forms.ChoiceField(label=gettext_lazy("Platform"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Learners' country"), required=False)
    region = forms.ChoiceField(label=gettext_lazy("Learners' region"), required=False)
    mode = forms.ChoiceField(label=gettext_lazy("Mode"), required=False)

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        themes = localize(with_language(ThemePage.objects.live()), language)
        self.fields["theme"].choices = everything + sorted(
            ((theme.slug, theme.title) for theme in themes), key=lambda choice: choice[1]
        )
        self.fields["site"].choices = everything + [
            (_host(site), site.site_name or site.hostname)
            for site in Site.objects.order_by("-is_default_site", "site_name", "hostname")
        ]
        self.fields["country"].choices = everything + list(countries)
        self.fields["region"].choices = everything + [
            (key, str(name)) for key, name in REGION_NAMES.items()
        ]
        self.fields["mode"].choices = everything + list(SessionMode.choices)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("year") and (data.get("start") or data.get("end")):
            raise forms.ValidationError(_("Choose a year or a period, not both."))
        try:
            self.filters = parse_filters(
                start=data["start"].isoformat() if data.get("start") else "",
                end=data["end"].isoformat() if data.get("end") else "",
                year=str(data.get("year") or ""),
                site=data.get("site", ""),
                theme=data.get("theme", ""),
                country=data.get("country", ""),
                region=data.get("region", ""),
                mode=data.get("mode", ""),
            )
        except FilterError as error:
            raise forms.ValidationError(str(error)) from None
        return data

    def query(self) -> str:
        """The valid filters as a query string, for the export links."""
        values = {name: value for name, value in self.data.items() if name in self.fields}
        return urlencode({name: value for name, value in values.items() if value})


def _host(site: Site) -> str:
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


class ReportScopeMixin:
    """Trainers and administrators only; a trainer's report covers their own sessions."""

    def dispatch(self, request, *args, **kwargs):
        if not runs_sessions(request.user):
            raise PermissionDenied
        self.language = get_language()
        self.form = ReportFilterForm(request.GET or None, language=self.language)
        return super().dispatch(request, *args, **kwargs)

    def scoped_filters(self) -> ReportFilters | None:
        """The filters of a valid form (none at all: the whole history), or None."""
        if not self.form.is_bound:
            filters = ReportFilters()
        elif self.form.is_valid():
            filters = self.form.filters
        else:
            return None
        if is_administrator(self.request.user):
            return filters
        return replace(filters, trainer_user_id=self.request.user.pk)


class DashboardView(ReportScopeMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reporting/admin/dashboard.html"
    page_title = gettext_lazy("Training reports")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        filters = self.scoped_filters()
        if filters is None:
            return context
        report = exports.build_report(filters, language=self.language)
        query = self.form.query() if self.form.is_bound else ""
        context.update(
            report=report,
            sentence=headline_sentence(report.headline, filters),
            scope=scope_lines(filters),
            figures=headline_cards(report),
            charts=dashboard_charts(report),
            downloads=download_links(query),
        )
        return context


class ReportFileView(ReportScopeMixin, View):
    """The dashboard's tables (`what` = report) or one row per session (`what` =
    sessions), as CSV or XLSX."""

    def get(self, request, what: str, file_format: str):
        filters = self.scoped_filters()
        if filters is None:
            return redirect(f"{reverse('reporting_admin:dashboard')}?{request.GET.urlencode()}")
        if what == "sessions":
            if file_format == "xlsx":
                return exports.sessions_xlsx_response(filters, language=self.language)
            return exports.sessions_csv_response(filters, language=self.language)
        report = exports.build_report(filters, language=self.language)
        if file_format == "xlsx":
            return exports.report_xlsx_response(report)
        return exports.report_csv_response(report)


def download_links(query: str) -> list[dict]:
    suffix = f"?{query}" if query else ""

    def url(what, file_format):
        return reverse("reporting_admin:file", args=[what, file_format]) + suffix

    return [
        {"label": _("Figures (CSV)"), "url": url("report", "csv")},
        {"label": _("Figures (Excel)"), "url": url("report", "xlsx")},
        {"label": _("Sessions (CSV)"), "url": url("sessions", "csv")},
        {"label": _("Sessions (Excel)"), "url": url("sessions", "xlsx")},
    ]


def headline_cards(report: exports.Report) -> list[dict]:
    """The headline figures as the dashboard shows them: a value and, for some, notes; a
    percentage that cannot be computed shows a dash and no note."""
    head = report.headline

    def card(label, value, *notes):
        return {"label": label, "value": value, "notes": [note for note in notes if note]}

    def percent(value):
        return format_percent(value, precise=True) if value is not None else "–"

    def count(translated: str, number: int) -> str:
        return translated % {"count": format_number(number)}

    by_mode = " · ".join(
        _("%(mode)s: %(count)s") % {"mode": label, "count": format_number(number)}
        for mode, label in SessionMode.choices
        if (number := head.trainings_by_mode.get(mode))
    )
    place = ""
    if report.host_country:
        place = _("%(home)s in %(country)s, %(abroad)s abroad") % {
            "home": format_number(head.trainings_in_host_country),
            "country": countries.name(report.host_country),
            "abroad": format_number(head.trainings_abroad),
        }
    unstated = responses = ""
    if head.gender_unstated_percent is not None:
        unstated = _("gender not stated: %(percent)s") % {
            "percent": percent(head.gender_unstated_percent)
        }
    if head.satisfaction_percent is not None:
        responses = _("%(responses)s, response rate %(percent)s") % {
            "responses": count(
                ngettext("%(count)s response", "%(count)s responses", head.responses),
                head.responses,
            ),
            "percent": percent(head.response_percent),
        }
    return [
        card(_("Training sessions"), format_number(head.trainings), by_mode, place),
        card(_("Themes"), format_number(head.themes)),
        card(
            _("Countries and regions"),
            format_number(head.countries),
            count(
                ngettext("%(count)s world region", "%(count)s world regions", head.regions),
                head.regions,
            ),
        ),
        card(
            _("Participants"),
            format_number(head.participants),
            count(
                ngettext(
                    "%(count)s participation", "%(count)s participations", head.participations
                ),
                head.participations,
            ),
        ),
        card(_("Women"), percent(head.women_percent), unstated),
        card(_("Satisfaction"), percent(head.satisfaction_percent), responses),
        card(_("Completion rate"), percent(head.completion_percent)),
        card(_("Certificates issued"), format_number(head.certificates)),
        card(_("International seminars"), format_number(head.seminars)),
        card(_("Experts"), format_number(head.experts)),
        card(_("Seminar audience"), format_number(head.audience)),
        card(
            _("Self-paced learners"),
            format_number(head.self_paced_learners),
            count(
                ngettext(
                    "%(count)s self-paced run", "%(count)s self-paced runs", head.self_paced_runs
                ),
                head.self_paced_runs,
            ),
            count(
                ngettext(
                    "%(count)s completion", "%(count)s completions", head.self_paced_completions
                ),
                head.self_paced_completions,
            ),
            count(
                ngettext(
                    "%(count)s certificate",
                    "%(count)s certificates",
                    head.self_paced_certificates,
                ),
                head.self_paced_certificates,
            ),
        ),
    ]
