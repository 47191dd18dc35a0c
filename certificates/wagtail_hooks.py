"""Admin areas of the certificates: completion rules (a snippet), and the certificates
themselves for administrators: find, inspect, revoke with a reason, issue by hand with a
note. Every change goes through certificates.services; trainers see none of it. On the
site: the footer's way to verify a certificate, the certificate's link on My learning and on
the survey's thank-you page."""

from datetime import timedelta

import django_filters
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet

from background.schedule import PERIODIC_TASKS_HOOK, PeriodicJob
from background.viewsets import ListOnlyViewSetMixin
from certificates import links, selectors, services, tasks
from certificates.forms import IssueForm, RevokeForm
from certificates.models import Certificate, CompletionRule, RevocationReason
from certificates.pdf import certificate_pdf
from cms.exporting import ListingExport
from cms.selectors import FOOTER_LINKS_HOOK, FooterLink
from enrollment.parts import MY_LEARNING_PARTS_HOOK, MyLearningPart
from enrollment.steps import STEP_DONE_LINKS_HOOK, SURVEY, StepDoneLink

# --- completion rules ---------------------------------------------------------------------


class CompletionRuleViewSet(SnippetViewSet):
    model = CompletionRule
    icon = "tasks"
    menu_label = _("Completion rules")
    list_display = [
        "__str__",
        "min_attendance_percent",
        "min_lessons_percent",
        "min_quiz_percent",
        "survey_required",
        "issues_certificate",
        "validity_months",
    ]
    list_filter = ["survey_required", "issues_certificate"]
    search_fields = ["course__title"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("course"), FieldPanel("session")],
            heading=_("Applies to"),
            help_text=_("A course (all its sessions) or one session, which then overrides it."),
        ),
        FieldRowPanel(
            [
                FieldPanel("min_attendance_percent"),
                FieldPanel("min_lessons_percent"),
                FieldPanel("min_quiz_percent"),
            ]
        ),
        FieldRowPanel(
            [
                FieldPanel("survey_required"),
                FieldPanel("issues_certificate"),
                FieldPanel("validity_months"),
            ]
        ),
    ]


# --- certificates -------------------------------------------------------------------------


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("valid", _("Valid")),
            ("revoked", pgettext_lazy("certificate status", "Revoked")),
        ],
        method="filter_status",
        empty_label=_("All"),
    )

    class Meta:
        model = Certificate
        fields = ["status", "revocation_reason", "language"]

    def filter_status(self, queryset, name, value):
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        if value == "valid":
            return queryset.filter(revoked_at__isnull=True)
        return queryset


class ActionUrls:
    """The viewset's own actions, shown where the administrator may use them."""

    viewset = None

    def can_manage(self) -> bool:
        return self.permission_policy.user_has_permission(self.request.user, "change")

    def action_buttons(self, certificate: Certificate) -> list:
        viewset = self.viewset
        buttons = []
        if self.can_manage():
            if certificate.is_revoked:
                url = reverse(viewset.get_url_name("issue"))
                buttons.append(
                    Button(
                        _("Reinstate"),
                        url=f"{url}?enrollment={certificate.enrollment_id}",
                        icon_name="resubmit",
                        priority=30,
                    )
                )
            else:
                buttons.append(
                    Button(
                        _("Revoke"),
                        url=reverse(viewset.get_url_name("revoke"), args=[certificate.pk]),
                        icon_name="warning",
                        priority=30,
                    )
                )
        buttons.append(
            Button(
                _("PDF"),
                url=reverse(viewset.get_url_name("pdf"), args=[certificate.pk]),
                icon_name="download",
                priority=40,
            )
        )
        buttons.append(
            Button(
                _("Public page"),
                url=links.verification_url(certificate),
                icon_name="link-external",
                priority=50,
                attrs={"target": "_blank", "rel": "noopener"},
            )
        )
        return buttons


class CertificateIndexView(ListingExport, ActionUrls, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("enrollment__user")

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *self.action_buttons(instance)]

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.can_manage():
            buttons.append(
                HeaderButton(
                    _("Issue by hand"),
                    url=reverse(self.viewset.get_url_name("issue")),
                    icon_name="plus",
                )
            )
        return buttons


class CertificateInspectView(ActionUrls, InspectView):
    fields = [
        "code",
        "printed_name",
        "name_confirmed_at",
        "language",
        "course_title",
        "starts_on",
        "ends_on",
        "hours",
        "trainer_names",
        "issuer_name",
        "issued_at",
        "expires_on",
        "issued_by",
        "issue_note",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "revocation_note",
    ]
    # Shown only when they say something: who issued by hand, and the revocation.
    BY_HAND_FIELDS = ("issued_by", "issue_note")
    REVOCATION_FIELDS = ("revoked_at", "revoked_by", "revocation_reason", "revocation_note")

    def get_fields_context(self):
        # The fields are listed at set-up, before the certificate is read.
        certificate = self.object
        hidden = set()
        if certificate.issued_by_id is None and not certificate.issue_note:
            hidden.update(self.BY_HAND_FIELDS)
        if not certificate.is_revoked:
            hidden.update(self.REVOCATION_FIELDS)
        elif certificate.revoked_by_id is None:
            hidden.add("revoked_by")
        self.fields = [name for name in self.fields if name not in hidden]
        return super().get_fields_context()

    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *self.action_buttons(self.object)]


class CertificateFormView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """An administrator's action on certificates, as a form in the admin's style."""

    permission_required = "change"
    template_name = "certificates/admin/form.html"
    model = Certificate
    viewset = None
    header_icon = "doc-full"
    submit_button_label = ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.viewset.get_url_name("index")),
                "label": _("Certificates"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            **kwargs,
        )

    def inspect_url(self, certificate: Certificate) -> str:
        return reverse(self.viewset.get_url_name("inspect"), args=[certificate.pk])


class RevokeView(CertificateFormView):
    """Two steps: choose the reason (none is chosen in advance), then confirm on a page that
    says what the holder and anyone verifying will read. Only the confirmation revokes."""

    form_class = RevokeForm
    page_title = _("Revoke certificate")
    header_icon = "warning"
    submit_button_label = _("Revoke")
    confirm_template_name = "certificates/admin/revoke_confirm.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            Certificate.objects.select_related("enrollment__user"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.object)

    def form_valid(self, form):
        if self.request.POST.get("confirmed") != "yes":
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    certificate=self.object,
                    reason_label=RevocationReason(form.cleaned_data["reason"]).label,
                    cancel_url=self.inspect_url(self.object),
                ),
                template_name=self.confirm_template_name,
            )
        try:
            services.certificate_revoke(
                certificate=self.object,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except services.CertificateError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Certificate revoked: %(certificate)s") % {"certificate": self.object}
        )
        return redirect(self.inspect_url(self.object))

    def render_to_response(self, context, template_name=None, **response_kwargs):
        if template_name is None:
            return super().render_to_response(context, **response_kwargs)
        return self.response_class(
            request=self.request, template=[template_name], context=context, **response_kwargs
        )


class IssueView(CertificateFormView):
    form_class = IssueForm
    page_title = _("Issue a certificate by hand")
    submit_button_label = _("Issue")

    def get_initial(self):
        """?enrollment=<id> fills in the learner (the "Reinstate" button)."""
        initial = super().get_initial()
        enrollment_id = self.request.GET.get("enrollment", "")
        if enrollment_id.isdigit():
            certificate = (
                Certificate.objects.filter(enrollment_id=int(enrollment_id))
                .select_related("enrollment__user")
                .first()
            )
            if certificate is not None:
                initial["session"] = certificate.enrollment.session_id
                initial["email"] = certificate.enrollment.user.email
        return initial

    def form_valid(self, form):
        try:
            certificate = services.certificate_issue(
                enrollment=form.cleaned_data["enrollment"],
                by=self.request.user,
                note=form.cleaned_data["note"],
            )
        except services.CertificateError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Certificate issued: %(certificate)s") % {"certificate": certificate}
        )
        return redirect(self.inspect_url(certificate))


class PdfView(PermissionCheckedMixin, View):
    """The PDF as the learner gets it (stamped "Revoked" once revoked), for support."""

    any_permission_required = ["view", "change"]
    model = Certificate

    def get(self, request, pk):
        certificate = get_object_or_404(Certificate, pk=pk)
        response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="certificate-{certificate.code[:8]}.pdf"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


class CertificateViewSet(ListOnlyViewSetMixin, ModelViewSet):
    """Listing, inspecting and the two actions; no generic add, edit or delete: a
    certificate changes only through the services."""

    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "printed_name",
        "course_title",
        Column("learner", label=_("Learner"), accessor="enrollment.user.email"),
        DateColumn("issued_at", label=pgettext_lazy("certificate date", "Issued")),
        DateColumn("revoked_at", label=pgettext_lazy("certificate date", "Revoked")),
    ]
    list_export = [
        "printed_name",
        "course_title",
        "enrollment.user.email",
        "language",
        "starts_on",
        "ends_on",
        "hours",
        "issued_at",
        "expires_on",
        "revoked_at",
        "revocation_reason",
    ]
    export_headings = {"enrollment.user.email": _("Learner")}
    export_filename = "certificates"
    filterset_class = CertificateFilterSet
    search_fields = ["printed_name", "course_title", "code", "enrollment__user__email"]
    search_backend_name = None  # a plain database filter: certificates are not indexed
    ordering = ["-issued_at"]
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(viewset=self, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(viewset=self, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(viewset=self, **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("revoke/<int:pk>/", self.construct_view(RevokeView), name="revoke"),
            path("issue/", self.construct_view(IssueView), name="issue"),
            path("pdf/<int:pk>/", self.construct_view(PdfView), name="pdf"),
        ]


class CertificatesGroup(ViewSetGroup):
    items = (CertificateViewSet, CompletionRuleViewSet)
    menu_icon = "doc-full"
    menu_label = _("Certificates")
    menu_name = "certificates"
    menu_order = 260


@hooks.register("register_admin_viewset")
def register_certificates_viewsets():
    return CertificatesGroup()


# --- the public side ----------------------------------------------------------------------


@hooks.register(FOOTER_LINKS_HOOK)
def verify_a_certificate_footer_link(request):
    """Every page's footer leads employers to the code box."""
    return FooterLink(
        label=gettext("Verify a certificate"), url=reverse("certificates:verify_lookup")
    )


@hooks.register(MY_LEARNING_PARTS_HOOK)
def my_learning_certificate_link():
    return MyLearningPart(
        "certificates/includes/my_learning_link.html",
        order=50,
        prepare=selectors.with_certificate,
        data=selectors.my_learning_certificate,
    )


@hooks.register(STEP_DONE_LINKS_HOOK)
def certificate_after_survey(enrollment, step):
    """The answer may just have issued the certificate (see receivers)."""
    if step != SURVEY:
        return None
    certificate = selectors.certificate_of(enrollment)
    if certificate is None or certificate.is_revoked:
        return None
    return StepDoneLink(
        message=gettext("Your certificate is issued."),
        label=gettext("Get your certificate"),
        url=reverse("certificates:enrollment", kwargs={"enrollment_id": enrollment.pk}),
    )


# --- periodic jobs (background.schedule) ---------------------------------------------------


@hooks.register(PERIODIC_TASKS_HOOK)
def certificates_periodic_tasks():
    return [
        # Learners of ended sessions who meet the rule get their certificates.
        PeriodicJob(tasks.issue_certificates, every=timedelta(minutes=15)),
    ]
