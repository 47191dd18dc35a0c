"""Reads of video lessons: what the player offers a learner (each rendition with its size,
the captions, the poster, where they stopped), and who may read a lesson."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext

from learning.models import LessonPage, LessonProgress
from learning.models.video import Caption, Rung, TranscodeStatus, VideoRendition, VideoTranscode

# Without a remembered choice, the lightest video rung is what plays.
FALLBACK_RUNG = Rung.P240


@dataclass
class Choice:
    rung: str
    label: str
    url: str
    mime_type: str
    width: int | None
    height: int | None
    size: int


@dataclass
class Track:
    language: str
    label: str
    url: str
    default: bool


@dataclass
class Player:
    media_id: int
    status: str
    title: str = ""
    poster: str = ""
    choices: list[Choice] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    start: int = 0
    position_url: str = ""

    @property
    def ready(self) -> bool:
        return self.status == TranscodeStatus.READY and bool(self.fallback)

    @property
    def preparing(self) -> bool:
        return self.status in ("", TranscodeStatus.PENDING, TranscodeStatus.RUNNING)

    @property
    def fallback(self) -> Choice | None:
        """What plays without JavaScript: 240p, else the lightest video there is."""
        videos = [choice for choice in self.choices if choice.rung != Rung.AUDIO]
        preferred = [choice for choice in videos if choice.rung == FALLBACK_RUNG]
        return (preferred or videos or [None])[0]

    @property
    def cross_origin(self) -> bool:
        """Files on another origin (object storage): captions then need CORS."""
        urls = [choice.url for choice in self.choices] + [track.url for track in self.tracks]
        return any(url.startswith(("http://", "https://", "//")) for url in urls)


def megabytes(size: int) -> str:
    """A size as learners read it: '9.4' (in the reader's number format), never '0.0'."""
    return formats.number_format(max(0.1, round(size / 1_000_000, 1)), 1, use_l10n=True)


def choice_label(rung: str, size: int) -> str:
    name = Rung(rung).label
    return gettext("%(quality)s · %(size)s MB") % {"quality": name, "size": megabytes(size)}


def video_player(media, *, lesson: LessonPage | None = None, user=None) -> Player:
    """What the lesson's player shows for `media`: a fixed number of queries per video."""
    if media is None:
        return Player(media_id=0, status=TranscodeStatus.FAILED)
    transcode = VideoTranscode.objects.filter(media_id=media.pk).first()
    player = Player(media_id=media.pk, status=transcode.status if transcode else "")
    player.title = media.title
    if not transcode or transcode.status != TranscodeStatus.READY:
        return player
    player.poster = transcode.poster.url if transcode.poster else ""
    order = {rung: index for index, rung in enumerate(Rung.values)}
    renditions = sorted(
        VideoRendition.objects.filter(media_id=media.pk), key=lambda r: order.get(r.rung, 99)
    )
    player.choices = [
        Choice(
            rung=r.rung,
            label=choice_label(r.rung, r.size),
            url=r.file.url,
            mime_type=r.mime_type,
            width=r.width,
            height=r.height,
            size=r.size,
        )
        for r in renditions
    ]
    reader_language = translation.get_language() or settings.LANGUAGE_CODE
    captions = list(Caption.objects.filter(media_id=media.pk))
    default = next(
        (c.language for c in captions if _same_language(c.language, reader_language)), None
    )
    player.tracks = [
        Track(
            language=c.language,
            label=dict(settings.LANGUAGES).get(c.language, c.language),
            url=c.file.url,
            default=c.language == default,
        )
        for c in captions
    ]
    if lesson is not None and user is not None and user.is_authenticated:
        player.position_url = reverse("learning:video_position", args=[lesson.pk])
        player.start = (
            LessonProgress.objects.filter(user=user, lesson_key=lesson.translation_key)
            .values_list("video_position", flat=True)
            .first()
            or 0
        )
    return player


def _same_language(code: str, other: str) -> bool:
    return code.lower().split("-")[0] == other.lower().split("-")[0]
