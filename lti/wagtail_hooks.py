"""The admin's LTI platforms (a snippet): what a partner's LMS administrator gave us, and,
on the same screen, the addresses to give them back."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.personal_data import PERSONAL_DATA_HOOK, PersonalData
from lti import selectors, services
from lti.models import LtiPlatform


class ToolAddressesPanel(Panel):
    """Not a form field: the tool's addresses the LMS's administrator enters."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "lti/admin/tool_addresses_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            absolute = self.request.build_absolute_uri
            context["addresses"] = [
                (_("Login initiation URL"), absolute(reverse("lti:login"))),
                (_("Launch URL (also for deep linking)"), absolute(reverse("lti:launch"))),
                (_("Redirect URI"), absolute(reverse("lti:launch"))),
                (_("Public key set (JWKS) URL"), absolute(reverse("lti:jwks"))),
            ]
            return context


class LtiPlatformViewSet(SnippetViewSet):
    model = LtiPlatform
    icon = "link"
    menu_label = _("LTI platforms")
    add_to_settings_menu = True
    list_display = ["name", "issuer", "client_id", "trusted_for_email", "active"]
    list_filter = ["active", "trusted_for_email"]
    search_fields = ["name", "issuer", "client_id"]
    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("issuer"),
                FieldPanel("client_id"),
                FieldPanel("deployment_ids"),
                FieldPanel("auth_login_url"),
                FieldPanel("auth_token_url"),
                FieldPanel("auth_audience"),
                FieldPanel("key_set_url"),
            ],
            heading=_("What the LMS's administrator gives you"),
        ),
        FieldPanel("trusted_for_email"),
        FieldPanel("active"),
        ToolAddressesPanel(heading=_("For the LMS's administrator")),
    ]


register_snippet(LtiPlatformViewSet)


@hooks.register(PERSONAL_DATA_HOOK)
def lti_personal_data():
    return PersonalData(
        "learning_platforms", selectors.personal_data_export, services.personal_data_erase
    )
