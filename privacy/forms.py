"""The account erasure form: who confirms it, and what becomes of the certificates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.services import KEEP, REVOKE

CERTIFICATE_OUTCOMES = [
    (
        KEEP,
        _(
            "Keep them valid. Anyone who checks one of your certificates still sees it as "
            "valid, with the name printed on it. The centre keeps that name on the "
            "certificate, and nothing else about you."
        ),
    ),
    (
        REVOKE,
        _(
            "Revoke them. Their verification pages will say they were revoked, and the "
            "name printed on them is erased. Copies you have handed out stop being valid."
        ),
    ),
]


class AccountDeleteForm(forms.Form):
    """The person confirms with their password; an account with no password (created by
    an administrator, or never given one) confirms by typing its email address."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    email = forms.CharField(
        label=_("Type your email address to confirm"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    certificates = forms.ChoiceField(
        label=_("What should happen to your certificates?"),
        choices=CERTIFICATE_OUTCOMES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user, has_certificates: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            del self.fields["email"]
        else:
            del self.fields["password"]
        if not has_certificates:
            # Nothing to decide: the choice is left out and has no effect.
            del self.fields["certificates"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.casefold() != self.user.email.casefold():
            raise forms.ValidationError(
                _("This is not the email address of your account."), code="wrong_email"
            )
        return email

    @property
    def certificate_outcome(self) -> str:
        return self.cleaned_data.get("certificates") or KEEP
