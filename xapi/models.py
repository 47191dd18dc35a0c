"""Learning records' own rows: the learning record stores (LRS) administrators connect, and
the outbox of xAPI statements on their way to each of them."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningRecordStore(models.Model):
    """A partner's LRS that receives the platform's statements (xAPI 1.0.3)."""

    name = models.CharField(_("name"), max_length=200)
    endpoint = models.URLField(
        _("endpoint"),
        max_length=500,
        help_text=_(
            "The LRS's xAPI address, the one that ends before /statements "
            "(for example https://lrs.example.org/xAPI/)."
        ),
    )
    key = models.CharField(
        _("key"), max_length=200, blank=True, help_text=_("For HTTP basic authentication.")
    )
    secret = models.CharField(_("secret"), max_length=500, blank=True)
    token = models.CharField(
        _("token"),
        max_length=2000,
        blank=True,
        help_text=_("Sent as a bearer token when no key is given."),
    )
    active = models.BooleanField(_("active"), default=True)
    sites = models.ManyToManyField(
        "wagtailcore.Site",
        blank=True,
        related_name="+",
        verbose_name=_("sites"),
        help_text=_("What happens on these platforms is sent; none chosen means all of them."),
    )
    mbox_allowed = models.BooleanField(
        _("send email addresses"),
        default=False,
        help_text=_(
            "Name learners by their email address. Otherwise each learner is a "
            "pseudonymous account the LRS cannot tie to a person."
        ),
    )
    statements_sent = models.PositiveBigIntegerField(_("statements sent"), default=0)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    # The reason of the last attempt that failed; cleared when the LRS accepts a batch.
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learning record store")
        verbose_name_plural = _("learning record stores")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class LearnerPseudonym(models.Model):
    """The learner's name in every statement: a random id, the same in every LRS and on
    every platform, that nothing outside ties to the person. Deleting the account deletes
    it, and later statements could not be tied to earlier ones."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    pseudonym = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    def __str__(self):
        return str(self.pseudonym)


class Statement(models.Model):
    """One statement as it will be sent, with its id: every attempt to every LRS sends
    exactly these bytes, so an LRS that got it before recognises it. Deleted once every LRS
    it was for has it."""

    id = models.UUIDField(primary_key=True, editable=False)
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return str(self.id)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    FAILED = "failed", _("Failed")


class StatementDelivery(models.Model):
    """A statement still to be accepted by one LRS; deleted once it is."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="deliveries")
    store = models.ForeignKey(
        LearningRecordStore, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # None on a failed delivery: the LRS refused the statement itself, and only an
    # administrator's "Retry now" sends it again.
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("statement delivery")
        verbose_name_plural = _("statement deliveries")
        constraints = [
            models.UniqueConstraint(fields=["statement", "store"], name="one_delivery_per_store")
        ]
        indexes = [models.Index(fields=["store", "status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.statement_id} → {self.store_id}"
