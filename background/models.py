"""Background work's own records: outgoing emails until they are delivered, and when each
periodic job was last enqueued."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """One email on its way out; deleted once the mail server accepts it, so no message
    lingers after delivery."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    from_email = models.TextField(_("sender"))
    recipients = models.JSONField(_("recipients"))
    subject = models.TextField(_("subject"), blank=True)
    # The whole MIME message as it will go out (headers, text, HTML, attachments).
    message = models.BinaryField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return self.subject

    @property
    def recipient_list(self) -> str:
        return ", ".join(self.recipients)


class PeriodicRun(models.Model):
    """When the scheduler last enqueued a periodic job; a claim on this row is what keeps
    two schedulers from enqueuing the same run."""

    name = models.CharField(max_length=200, primary_key=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self):
        return self.name
