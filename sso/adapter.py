"""allauth glue for partners' identity providers: the providers of the platform being
visited, a new account as a learner, the learner's consent to profile details, and a
refusal that says why."""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from wagtail.models import Site

from accounts.services import user_assign_role
from sso import refusals, selectors, services


def provider_for_login(sociallogin):
    return selectors.provider_by_slug(sociallogin.provider.app.provider_id)


def claims_for_login(sociallogin) -> dict[str, str]:
    provider = provider_for_login(sociallogin)
    if provider is None:
        return {}
    return selectors.profile_claims(provider, sociallogin.account.extra_data)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = selectors.social_apps_for_site(Site.find_for_request(request))
        if provider:
            apps = [app for app in apps if provider in (app.provider, app.provider_id)]
        if client_id:
            apps = [app for app in apps if app.client_id == client_id]
        return apps

    def is_auto_signup_allowed(self, request, sociallogin):
        """A provider that sends profile details leads to the sign-up form, where the
        learner says whether the platform may use them."""
        if claims_for_login(sociallogin):
            return False
        return super().is_auto_signup_allowed(request, sociallogin)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        user_assign_role(user=user)
        if form is not None and form.cleaned_data.get("use_profile_claims"):
            claims = claims_for_login(sociallogin)
            if claims:
                services.profile_claims_consent(
                    user=user, provider_name=sociallogin.provider.name, claims=claims
                )
        return user

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        """allauth renders its error page with extra_context: add the reason."""
        super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )
        if extra_context is not None:
            kind = refusals.classify(
                exception, saml_reason=extra_context.get("saml_last_error_reason") or ""
            )
            extra_context["refusal"] = refusals.message(kind)
