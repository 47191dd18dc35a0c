"""Forms of the certificates: the learner confirms the printed name; anyone pastes a badge
to check; administrators revoke, or issue by hand."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.badges import MAX_BADGE_BYTES
from certificates.models import RevocationReason
from certificates.services import NAME_MAX_LENGTH
from courses.models import SessionStatus, TrainingSession
from enrollment.models import Enrollment


class ConfirmNameForm(forms.Form):
    name = forms.CharField(
        label=_("Your name as it will be printed"),
        max_length=NAME_MAX_LENGTH,
        help_text=_(
            "Write it in the script you want on the certificate. Check the spelling: "
            "once confirmed, it cannot be changed."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )


class VerifyCodeForm(forms.Form):
    """The code printed under the QR code, typed or pasted (the whole address works too)."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=500,
        help_text=_("Printed at the foot of the certificate, under “Verification code”."),
        widget=forms.TextInput(
            attrs={
                "dir": "ltr",
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if "/verify/" in code:
            code = code.rsplit("/verify/", 1)[1]
        return code.strip("/")


class BadgeCheckForm(forms.Form):
    badge = forms.CharField(
        label=_("Open Badge"),
        max_length=MAX_BADGE_BYTES,
        help_text=_("Paste the badge: the signed token (.jwt file) or the JSON credential."),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "dir": "ltr"}),
    )


class RevokeForm(forms.Form):
    # No reason is chosen in advance: the administrator picks the one the holder will read.
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("Choose a reason")), *RevocationReason.choices],
        help_text=_("Shown on the public verification page and in the badge check."),
        error_messages={"required": _("Choose the reason for revoking this certificate.")},
    )
    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For administrators only; never shown publicly."),
    )


class IssueForm(forms.Form):
    """Which learner (a session and their email address) and why."""

    session = forms.ModelChoiceField(
        label=_("Training session"),
        queryset=TrainingSession.objects.exclude(status=SessionStatus.CANCELLED)
        .select_related("course")
        .order_by("-starts_at"),
    )
    email = forms.EmailField(label=_("Learner's email address"))
    note = forms.CharField(
        label=_("Why the certificate is issued by hand"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required; kept with the certificate for administrators."),
    )

    def clean(self):
        cleaned = super().clean()
        session, email = cleaned.get("session"), cleaned.get("email")
        if session and email:
            enrollments = Enrollment.objects.filter(
                session=session, user__email__iexact=email
            ).select_related("session__course", "session__site", "user")
            # The seat they held, rather than an earlier cancelled request.
            enrollment = enrollments.evaluated().first() or enrollments.order_by("-pk").first()
            if enrollment is None:
                raise forms.ValidationError(
                    _("Nobody with this email address is enrolled in this session.")
                )
            cleaned["enrollment"] = enrollment
        return cleaned
