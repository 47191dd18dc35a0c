"""Video lessons: the low-bandwidth renditions of an uploaded video, its poster, where its
transcoding stands, and its captions. Every file goes through Django's storage API, so the
same code writes to the disk or to S3-compatible object storage."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MEDIA_MODEL = "wagtailmedia.Media"
# What a WebVTT file must start with (after an optional byte order mark).
WEBVTT_SIGNATURE = b"WEBVTT"


class TranscodeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class Rung(models.TextChoices):
    """The choices a learner has, lightest first."""

    AUDIO = "audio", _("Audio only")
    P240 = "240p", "240p"
    P360 = "360p", "360p"
    P720 = "720p", "720p"


# Files made from a video are saved as "<media id>/<name>" under this folder (see
# learning.services.video); migrations keep plain strings, so no callable here.
VIDEO_FOLDER = "video"
CAPTIONS_FOLDER = "video/captions"


class VideoTranscode(models.Model):
    """Where the transcoding of one uploaded video stands. `source_name` is the name of the
    file it was made from: a new upload has another name and is transcoded again."""

    media = models.OneToOneField(
        MEDIA_MODEL, on_delete=models.CASCADE, related_name="transcode", verbose_name=_("video")
    )
    source_name = models.CharField(max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=TranscodeStatus.choices, default=TranscodeStatus.PENDING
    )
    error = models.TextField(_("reason"), blank=True)
    duration = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    poster = models.FileField(_("poster"), upload_to=VIDEO_FOLDER, blank=True, max_length=255)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("video transcoding")
        verbose_name_plural = _("video transcodings")

    def __str__(self):
        return f"{self.media} · {self.get_status_display()}"


class VideoRendition(models.Model):
    """One rung of a video's ladder: an MP4 (or, for audio only, an M4A) a learner may
    choose to play or download."""

    media = models.ForeignKey(
        MEDIA_MODEL, on_delete=models.CASCADE, related_name="renditions", verbose_name=_("video")
    )
    rung = models.CharField(_("quality"), max_length=5, choices=Rung.choices)
    file = models.FileField(_("file"), upload_to=VIDEO_FOLDER, max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    bitrate = models.PositiveIntegerField(_("bitrate (bit/s)"))
    width = models.PositiveSmallIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveSmallIntegerField(_("height"), null=True, blank=True)

    class Meta:
        verbose_name = _("video rendition")
        verbose_name_plural = _("video renditions")
        constraints = [
            models.UniqueConstraint(fields=["media", "rung"], name="one_rendition_per_rung")
        ]

    def __str__(self):
        return f"{self.media_id} · {self.rung}"

    @property
    def mime_type(self) -> str:
        return "audio/mp4" if self.rung == Rung.AUDIO else "video/mp4"


def validate_webvtt(file) -> None:
    """A caption file must be WebVTT: its first line starts with WEBVTT."""
    file.seek(0)
    head = file.read(len(WEBVTT_SIGNATURE) + 4)
    file.seek(0)
    if isinstance(head, str):
        head = head.encode()
    head = head.removeprefix(b"\xef\xbb\xbf")
    rest = head[len(WEBVTT_SIGNATURE) : len(WEBVTT_SIGNATURE) + 1]
    if not head.startswith(WEBVTT_SIGNATURE) or rest not in (b"", b" ", b"\t", b"\n", b"\r"):
        raise ValidationError(
            _("This is not a WebVTT file: its first line must start with “WEBVTT”."),
            code="not_webvtt",
        )


class Caption(models.Model):
    """A video's captions in one language, as a WebVTT file."""

    media = models.ForeignKey(
        MEDIA_MODEL, on_delete=models.CASCADE, related_name="captions", verbose_name=_("video")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(
        _("WebVTT file"),
        upload_to=CAPTIONS_FOLDER,
        max_length=255,
        help_text=_("Captions in WebVTT format (.vtt)."),
    )

    class Meta:
        verbose_name = _("caption")
        verbose_name_plural = _("captions")
        ordering = ["media", "language"]
        constraints = [
            models.UniqueConstraint(fields=["media", "language"], name="one_caption_per_language")
        ]

    def __str__(self):
        return f"{self.media} · {self.get_language_display()}"

    def clean(self):
        # Checked here rather than as field validators, which migrations would import.
        super().clean()
        if self.file and not self.file._committed:
            try:
                FileExtensionValidator(["vtt"])(self.file)
                validate_webvtt(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
