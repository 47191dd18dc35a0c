"""Identity providers in the admin (administrators only), with the addresses to give the
partner for each platform that offers the provider."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.personal_data import PERSONAL_DATA_HOOK, PersonalData
from sso.models import IdentityProvider, Protocol
from sso.selectors import personal_data_export
from sso.services import personal_data_erase


def partner_addresses(provider: IdentityProvider) -> list[dict]:
    """For each platform: the addresses the partner registers."""
    if not provider.pk or not provider.slug:
        return []
    if provider.protocol == Protocol.OIDC:
        paths = [
            (
                _("Redirect URI"),
                reverse("openid_connect_callback", kwargs={"provider_id": provider.slug}),
            )
        ]
    else:
        slug = {"organization_slug": provider.slug}
        paths = [
            (_("SP metadata"), reverse("saml_metadata", kwargs=slug)),
            (_("Assertion consumer service (HTTP-POST)"), reverse("saml_acs", kwargs=slug)),
            (_("Single logout service"), reverse("saml_sls", kwargs=slug)),
        ]
    return [
        {
            "site": site,
            "addresses": [(label, site.root_url.rstrip("/") + path) for label, path in paths],
        }
        for site in provider.sites.all()
    ]


class PartnerAddressesPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "sso/admin/partner_addresses_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["platforms"] = partner_addresses(self.instance)
            return context


class IdentityProviderViewSet(SnippetViewSet):
    model = IdentityProvider
    icon = "key"
    menu_label = _("Identity providers")
    add_to_settings_menu = True
    list_display = ["name", "protocol", "slug"]
    list_filter = ["protocol", "sites"]
    search_fields = ["name", "slug"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("protocol"),
        FieldPanel("sites"),
        MultiFieldPanel(
            [FieldPanel("issuer_url"), FieldPanel("client_id"), FieldPanel("client_secret")],
            heading=_("OpenID Connect"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("idp_entity_id"),
                FieldPanel("idp_sso_url"),
                FieldPanel("idp_certificate"),
                FieldPanel("email_attribute"),
            ],
            heading=_("SAML 2.0"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("emails_verified"),
                FieldPanel("country_claim"),
                FieldPanel("organisation_claim"),
            ],
            heading=_("What the provider tells about a person"),
        ),
        PartnerAddressesPanel(heading=_("Addresses to give the partner")),
    ]


@hooks.register("register_admin_viewset")
def register_identity_providers():
    return IdentityProviderViewSet()


@hooks.register(PERSONAL_DATA_HOOK)
def sso_personal_data():
    return PersonalData("identity_providers", personal_data_export, personal_data_erase)
