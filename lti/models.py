"""Partners' LMSs registered as LTI 1.3 platforms, the learners they launched (by issuer and
subject) and the gradebook columns our scores go back to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lti.keys import private_key_pem


class LtiPlatform(models.Model):
    """One registration of the platform as a tool in a partner's LMS: what the LMS's
    administrator gives us, and the key pair we sign our messages to it with."""

    name = models.CharField(_("name"), max_length=200, help_text=_("The partner and its LMS."))
    issuer = models.CharField(
        _("issuer"),
        max_length=255,
        help_text=_("The platform's issuer identifier (iss), as the LMS shows it."),
    )
    client_id = models.CharField(
        _("client ID"),
        max_length=255,
        help_text=_("The client ID the LMS gave this tool when it was registered."),
    )
    auth_login_url = models.URLField(
        _("authentication request URL"),
        max_length=500,
        help_text=_("The LMS's OpenID Connect authorization endpoint."),
    )
    auth_token_url = models.URLField(
        _("access token URL"),
        max_length=500,
        help_text=_("Where the tool obtains tokens to send grades (OAuth 2 client credentials)."),
    )
    auth_audience = models.CharField(
        _("token audience"),
        max_length=500,
        blank=True,
        help_text=_("Only when the LMS asks for an audience other than its access token URL."),
    )
    key_set_url = models.URLField(
        _("public key set URL"),
        max_length=500,
        help_text=_("The LMS's JWKS address, to check the signature of its launches."),
    )
    deployment_ids = models.TextField(
        _("deployment IDs"),
        help_text=_("One per line: the deployments of the tool in this LMS that may launch."),
    )
    trusted_for_email = models.BooleanField(
        _("trust the email addresses it sends"),
        default=False,
        help_text=_(
            "Only for an LMS whose addresses are verified: a launch then signs in the existing "
            "account with the same email address. Otherwise each LMS user gets an account of "
            "their own on first launch."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    tool_private_key = models.TextField(_("tool's private key"), editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("LTI platform")
        verbose_name_plural = _("LTI platforms")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_one_registration")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.tool_private_key:
            self.tool_private_key = private_key_pem()
        super().save(*args, **kwargs)

    @property
    def deployments(self) -> list[str]:
        return [line.strip() for line in self.deployment_ids.splitlines() if line.strip()]


class LtiIdentity(models.Model):
    """The account an LMS user (issuer, subject) signs in as."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("subject"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_identities"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("LTI identity")
        verbose_name_plural = _("LTI identities")
        constraints = [
            models.UniqueConstraint(fields=["platform", "subject"], name="lti_one_identity")
        ]

    def __str__(self):
        return f"{self.platform} · {self.subject}"


class LtiGradeLink(models.Model):
    """A gradebook column in the LMS that a learner's completion and quiz score in one
    course go back to (the launch's Assignment and Grade Services line item)."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_grade_links"
    )
    subject = models.CharField(_("subject"), max_length=255)
    course_key = models.UUIDField(_("course"))
    lineitem = models.URLField(_("line item"), max_length=500)
    scopes = models.JSONField(default=list)
    last_sent_at = models.DateTimeField(_("last score sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("LTI grade link")
        verbose_name_plural = _("LTI grade links")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "user", "lineitem"], name="lti_one_link_per_column"
            )
        ]
        indexes = [models.Index(fields=["user", "course_key"])]

    def __str__(self):
        return f"{self.user} · {self.lineitem}"
