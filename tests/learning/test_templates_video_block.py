"""The video block of a lesson: nothing downloads before play, each choice shows its size,
captions as tracks with the reader's language on, a plain player and download links
without JavaScript, and a message while the video is being prepared."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import timezone, translation

from accounts.factories import UserFactory
from learning.blocks import LessonBody
from learning.models import Caption, LessonProgress, VideoRendition, VideoTranscode
from learning.models.video import TranscodeStatus
from tests.learning.videos import lesson_with_video, media_root, upload_video  # noqa: F401

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n"


def ready_video(sizes=None):
    """A video whose ladder is made (files written as the task would)."""
    media = upload_video(b"source bytes")
    sizes = sizes or {"audio": 2_400_000, "240p": 9_400_000, "360p": 29_000_000}
    for rung, size in sizes.items():
        rendition = VideoRendition(media=media, rung=rung, size=size, bitrate=size * 8 // 600)
        if rung != "audio":
            rendition.height = int(rung[:-1])
            rendition.width = rendition.height * 16 // 9 // 2 * 2
        extension = "m4a" if rung == "audio" else "mp4"
        rendition.file.save(f"{media.pk}/{rung}.{extension}", ContentFile(b"mp4"), save=False)
        rendition.save()
    transcode = VideoTranscode.objects.get(media=media)
    transcode.status = TranscodeStatus.READY
    transcode.duration = 600
    transcode.poster.save(f"{media.pk}/poster.jpg", ContentFile(b"jpeg"), save=False)
    transcode.save()
    return media


def add_caption(media, language):
    caption = Caption(media=media, language=language)
    caption.file.save(f"{language}.vtt", ContentFile(VTT), save=False)
    caption.save()
    return caption


def render(media, lesson=None, user=None):
    block = LessonBody().child_blocks["video"]
    value = block.to_python({"video": media.pk, "title": "Reading flood maps"})
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    return block.render(value, context={"page": lesson, "request": request})


def test_nothing_downloads_before_play(home):
    """The player asks for no video before play: preload none, one 240p source, a poster."""
    html = render(ready_video())
    videos = re.findall(r"<video[^>]*>", html)
    assert len(videos) == 1
    assert 'preload="none"' in videos[0]
    assert 'poster="/media/video/' in videos[0]
    assert "autoplay" not in html
    sources = re.findall(r'<source src="([^"]+)"', html)
    assert len(sources) == 1 and sources[0].endswith("240p.mp4")
    # The other renditions are links and JavaScript choices, never something the page loads.
    assert not re.search(r"<(img|audio|iframe)[^>]*src=\"[^\"]*(mp4|m4a)", html)


def test_each_choice_shows_its_size(home):
    """Learners see what each choice costs before choosing: 'Audio only · 2.4 MB'."""
    html = render(ready_video())
    assert "Audio only · 2.4 MB" in html
    assert "240p · 9.4 MB" in html
    assert "360p · 29.0 MB" in html
    assert html.count('type="radio"') == 3
    # Without JavaScript the choices are download links, the fieldset stays hidden.
    assert re.search(r'<fieldset class="video-quality" hidden>', html)
    assert len(re.findall(r'<a href="/media/video/[^"]+" download>', html)) == 3


def test_sizes_read_in_the_readers_number_format(home):
    """A French reader sees '9,4 Mo'-style decimals with a comma."""
    media = ready_video()
    with translation.override("fr"):
        html = render(media)
    assert "9,4" in html


def test_a_track_per_caption_language_with_the_readers_language_on(home):
    """Captions in Arabic and French become two tracks; an Arabic reader gets Arabic on."""
    media = ready_video()
    add_caption(media, "ar")
    add_caption(media, "fr")
    with translation.override("ar"):
        html = render(media)
    tracks = re.findall(r"<track [^>]*>", html)
    assert len(tracks) == 2
    arabic = next(t for t in tracks if 'srclang="ar"' in t)
    french = next(t for t in tracks if 'srclang="fr"' in t)
    assert 'kind="captions"' in arabic and 'label="العربية"' in arabic and " default" in arabic
    assert " default" not in french and 'label="Français"' in french


def test_while_transcoding_the_learner_reads_that_the_video_is_being_prepared(home):
    """Before the worker is done there is no player, only a message."""
    html = render(upload_video(b"source"))
    assert "This video is being prepared" in html
    assert "<video" not in html


def test_a_failed_video_says_it_is_not_available(home):
    """A video that could not be transcoded shows a message, never an error page."""
    media = upload_video(b"source")
    VideoTranscode.objects.filter(media=media).update(status=TranscodeStatus.FAILED)
    html = render(media)
    assert "This video is not available." in html
    assert "<video" not in html


def test_the_player_starts_where_the_learner_stopped(home):
    """A learner who stopped at 2:05 finds the video ready to resume there."""
    media = ready_video()
    lesson = lesson_with_video(home, media)
    user = UserFactory()
    LessonProgress.objects.create(
        user=user,
        lesson_key=lesson.translation_key,
        course_key=lesson.get_parent().get_parent().translation_key,
        seen_at=timezone.now(),
        video_position=125,
    )
    html = render(media, lesson=lesson, user=user)
    assert 'data-start="125"' in html
    assert re.search(r'<source src="[^"]+240p\.mp4#t=125"', html)
    assert f'action="/en/learning/lessons/{lesson.pk}/video-position/"' in html


def test_the_lesson_page_shows_the_player(client, home):
    """The lesson page itself carries the player."""
    media = ready_video()
    lesson = lesson_with_video(home, media)
    lesson.preview = True
    lesson.save_revision().publish()
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert 'preload="none"' in response.content.decode()


def test_a_lesson_with_several_videos_runs_a_fixed_number_of_queries(
    home, django_assert_max_num_queries
):
    """Each video costs the same few queries, whatever its number of renditions and tracks."""
    media = ready_video()
    add_caption(media, "ar")
    with django_assert_max_num_queries(4):
        render(media)
    bigger = ready_video({"audio": 1, "240p": 2, "360p": 3, "720p": 4})
    for language in ("ar", "fr", "es", "ru"):
        add_caption(bigger, language)
    with django_assert_max_num_queries(4):
        render(bigger)
