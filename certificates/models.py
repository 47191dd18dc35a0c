"""Completion rules, and the certificates issued under them: each with an unguessable
verification code, a snapshot of what it certifies, its expiry, its revocation, and its
place in the published revocation status list."""

from datetime import UTC, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_MIN_ATTENDANCE_PERCENT = 75


class CompletionRule(models.Model):
    """What a learner must do to complete a course, or one session of it. A session's own
    rule wins over its course's; with neither, the defaults of certificates.services
    (DEFAULT_RULE, DEFAULT_SELF_PACED_RULE)."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Applies to every session of the course, in every language."),
    )
    session = models.OneToOneField(
        "courses.TrainingSession",
        verbose_name=_("training session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="completion_rule",
        help_text=_("Applies to this session only, instead of its course's rule."),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=DEFAULT_MIN_ATTENDANCE_PERCENT,
        validators=[MaxValueValidator(100)],
    )
    min_lessons_percent = models.PositiveSmallIntegerField(
        _("minimum lessons done (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the course's lessons the learner must have done; 0 for none."),
    )
    min_quiz_percent = models.PositiveSmallIntegerField(
        _("minimum quiz score (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("The learner's score over the course's quizzes; 0 for none."),
    )
    survey_required = models.BooleanField(_("survey answered"), default=True)
    issues_certificate = models.BooleanField(_("issues a certificate"), default=True)
    validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1200)],
        help_text=_(
            "How long a certificate stays valid after it is issued; empty if it never expires."
        ),
    )

    class Meta:
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(course__isnull=False, session__isnull=True)
                | Q(course__isnull=True, session__isnull=False),
                name="completion_rule_for_course_or_session",
            ),
            models.UniqueConstraint(
                fields=["course"], condition=Q(session__isnull=True), name="one_rule_per_course"
            ),
            models.CheckConstraint(
                condition=Q(min_attendance_percent__lte=100), name="attendance_percent_max_100"
            ),
            models.CheckConstraint(
                condition=Q(min_lessons_percent__lte=100), name="lessons_percent_max_100"
            ),
            models.CheckConstraint(
                condition=Q(min_quiz_percent__lte=100), name="quiz_percent_max_100"
            ),
        ]

    def __str__(self):
        return str(self.session or self.course)

    def clean(self):
        super().clean()
        if self.course_id and self.session_id:
            raise ValidationError(
                _("Choose a course or a session, not both: a session's rule overrides it.")
            )
        if not self.course_id and not self.session_id:
            raise ValidationError(_("Choose the course or the session this rule applies to."))
        if self.course_id:
            # One rule per course in all its languages: rule_for looks them up by the
            # course's translation key.
            others = CompletionRule.objects.filter(
                session__isnull=True, course__translation_key=self.course.translation_key
            ).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    {"course": _("This course already has a rule (perhaps in another language).")}
                )


class RevocationReason(models.TextChoices):
    ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")
    REQUIREMENTS_NOT_MET = "requirements_not_met", _("The requirements were not met")
    HOLDER_REQUEST = "holder_request", _("At the holder's request")
    OTHER = "other", _("Withdrawn by the issuer")


class Certificate(models.Model):
    enrollment = models.OneToOneField(
        "enrollment.Enrollment",
        verbose_name=_("enrollment"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    code = models.CharField(_("verification code"), max_length=64, unique=True, editable=False)
    printed_name = models.CharField(_("name on the certificate"), max_length=200)
    name_confirmed_at = models.DateTimeField(_("name confirmed at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    course_title = models.CharField(_("course"), max_length=255)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    trainer_names = models.CharField(_("trainers"), max_length=500, blank=True)
    issuer_name = models.CharField(_("issued by"), max_length=255)
    issuer_url = models.URLField(_("issuer's address"))
    issued_at = models.DateTimeField(_("issued at"))
    expires_on = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The last day the certificate is valid; empty if it never expires."),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by hand by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issue_note = models.TextField(_("why it was issued by hand"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.CharField(
        _("reason for revocation"), max_length=30, choices=RevocationReason.choices, blank=True
    )
    revocation_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Never shown on the public page.")
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="revocation_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.printed_name} · {self.course_title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def valid_until(self) -> datetime | None:
        """The end of its last valid day, in UTC: the credential's validUntil."""
        if self.expires_on is None:
            return None
        return datetime.combine(self.expires_on, time(23, 59, 59), tzinfo=UTC)

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and timezone.now() > self.valid_until

    @property
    def status(self) -> str:
        """What a verifier is told: "revoked" wins over "expired"."""
        if self.is_revoked:
            return "revoked"
        return "expired" if self.is_expired else "valid"


class StatusListEntry(models.Model):
    """A certificate's position in the published revocation status list (W3C Bitstring
    Status List). Allocated once at random and never given again, even when its
    certificate is deleted: a verifier holding that old credential must never read another
    person's status at its index."""

    index = models.PositiveIntegerField(_("index in the status list"), unique=True)
    certificate = models.OneToOneField(
        Certificate,
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="status_entry",
    )

    class Meta:
        verbose_name = _("status list entry")
        verbose_name_plural = _("status list entries")

    def __str__(self):
        return str(self.index)
