"""A session's video meeting (which provider, which server, recorded or not), the stays of
its participants as the provider reported them, and its recordings."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Provider(models.TextChoices):
    EXTERNAL_LINK = "external_link", _("External link")
    BIGBLUEBUTTON = "bigbluebutton", _("BigBlueButton")
    JITSI = "jitsi", _("Jitsi Meet")


def new_meeting_key() -> str:
    """The meeting's id at the provider (BigBlueButton's meetingID, Jitsi's room name):
    unguessable, so nobody finds a room by trying session numbers."""
    return secrets.token_hex(16)


class VideoMeeting(models.Model):
    """How a training session meets online. Without one, a session's online join link (if
    any) is its meeting, the simplest provider."""

    session = models.OneToOneField(
        "courses.TrainingSession",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="video_meeting",
        verbose_name=_("session"),
    )
    provider = models.CharField(
        _("provider"), max_length=20, choices=Provider.choices, default=Provider.EXTERNAL_LINK
    )
    server = models.CharField(
        _("server"),
        max_length=50,
        blank=True,
        help_text=_(
            "For BigBlueButton or Jitsi: one of the servers the platform's administrator "
            "configured (their addresses and secrets are not kept here)."
        ),
    )
    link = models.URLField(
        _("meeting link"),
        blank=True,
        help_text=_("For an external link: leave empty to use the session's online join link."),
    )
    record = models.BooleanField(
        _("record the meeting"),
        default=False,
        help_text=_("BigBlueButton: recordings are listed with the session when they are ready."),
    )
    meeting_key = models.CharField(max_length=64, unique=True, editable=False)
    created_at_provider = models.DateTimeField(
        _("last created on the server"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("video meeting")
        verbose_name_plural = _("video meetings")

    def __str__(self):
        return f"{self.session} · {self.get_provider_display()}"

    def save(self, *args, **kwargs):
        if not self.meeting_key:
            self.meeting_key = new_meeting_key()
        super().save(*args, **kwargs)

    def clean(self):
        from conferencing.servers import server

        if self.provider == Provider.EXTERNAL_LINK:
            if self.server:
                raise ValidationError({"server": _("An external link uses no server.")})
            return
        if not self.server or server(self.server, self.provider) is None:
            raise ValidationError({"server": _("Choose a server configured for this provider.")})


class MeetingVisit(models.Model):
    """One stay of a participant in the meeting, from joining to leaving, as the provider
    reported it. The provider may report a stay twice; it is kept once."""

    meeting = models.ForeignKey(VideoMeeting, on_delete=models.CASCADE, related_name="visits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(_("joined at"))
    left_at = models.DateTimeField(_("left at"))

    class Meta:
        verbose_name = _("video meeting visit")
        verbose_name_plural = _("video meeting visits")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user", "joined_at"], name="one_visit_per_join"
            ),
            models.CheckConstraint(
                condition=models.Q(left_at__gte=models.F("joined_at")),
                name="visit_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.joined_at:%Y-%m-%d %H:%M}"

    @property
    def seconds(self) -> int:
        return int((self.left_at - self.joined_at).total_seconds())


class MeetingRecording(models.Model):
    """A recording the provider announced as ready; its playback address is asked of the
    provider afterwards."""

    meeting = models.ForeignKey(VideoMeeting, on_delete=models.CASCADE, related_name="recordings")
    record_id = models.CharField(max_length=200, unique=True)
    playback_url = models.URLField(_("playback link"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("video meeting recording")
        verbose_name_plural = _("video meeting recordings")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.record_id
