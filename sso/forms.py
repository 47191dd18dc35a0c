"""The sign-up form after a first log-in through a partner: allauth's, plus the consent to
take the country and organisation the provider sent into the learner profile."""

from allauth.socialaccount.forms import SignupForm
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext
from django_countries import countries

from sso.adapter import claims_for_login


class SocialSignupForm(SignupForm):
    use_profile_claims = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        claims = claims_for_login(self.sociallogin)
        if not claims:
            del self.fields["use_profile_claims"]
            return
        details = []
        if "country" in claims:
            details.append(str(countries.name(claims["country"])))
        if "organisation" in claims:
            details.append(claims["organisation"])
        field = self.fields["use_profile_claims"]
        field.label = gettext("Use these details from %(provider)s in my learner profile") % {
            "provider": self.sociallogin.provider.name
        }
        field.help_text = format_html(
            gettext("{details}. You can change them in your profile."),
            details=", ".join(details),
        )
