"""A video lesson in a real browser on a phone-sized screen: nothing but the poster loads
before play, the learner picks "Audio only" with its size shown, it plays, the choice is
remembered, and pausing keeps the position for next time."""

import importlib
import re

import pytest
from django.test import Client
from django.urls import clear_url_caches
from playwright.sync_api import expect

import config.urls
from accounts.factories import UserFactory
from learning.models import LessonProgress
from learning.services.video import video_transcode
from tests.browser.conftest import wait_for
from tests.learning.videos import lesson_with_video, make_clip, needs_ffmpeg, upload_video

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    needs_ffmpeg,
]
PHONE = {"width": 360, "height": 740}
MEDIA_FILE = re.compile(r"/media/video/.+\.(mp4|m4a)")


@pytest.fixture
def served_media(settings, tmp_path):
    """Uploads in a folder of the test's own, served by the application as with `make run`."""
    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_a_learner_plays_the_audio_only_rendition_and_resumes(
    contexts, live_server, home, served_media
):
    """On a phone the player loads no video before play; audio only plays and is remembered."""
    media = upload_video(make_clip().read_bytes())
    assert video_transcode(media_id=media.pk) == "ready"
    lesson = lesson_with_video(home, media)
    lesson.preview = True
    lesson.save_revision().publish()
    learner = UserFactory()
    client = Client()
    client.force_login(learner)

    context = contexts(viewport=PHONE)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    media_requests = []
    page.on("request", lambda r: media_requests.append(r.url) if MEDIA_FILE.search(r.url) else None)
    page.goto(lesson.url)

    video = page.locator("video.video-player")
    expect(video).to_have_attribute("preload", "none")
    quality = page.locator("fieldset.video-quality")
    expect(quality).to_be_visible()
    # A small screen without a remembered choice starts on 240p.
    expect(quality.get_by_label(re.compile(r"240p · [\d.]+ MB"))).to_be_checked()
    assert media_requests == []

    quality.get_by_label(re.compile(r"Audio only · [\d.]+ MB")).check()
    assert media_requests == []
    page.evaluate("document.querySelector('video.video-player').play()")
    wait_for(page, "document.querySelector('video.video-player').currentTime > 1")
    assert page.evaluate("document.querySelector('video.video-player').currentSrc").endswith(".m4a")
    assert all(url.endswith(".m4a") for url in media_requests)

    with page.expect_response(lambda r: "video-position" in r.url) as answer:
        page.evaluate("document.querySelector('video.video-player').pause()")
    assert answer.value.status == 204
    position = LessonProgress.objects.get(user=learner).video_position
    assert position >= 1

    page.reload()
    expect(
        page.locator("fieldset.video-quality").get_by_label(re.compile("Audio only"))
    ).to_be_checked()
    assert f"#t={position}" in page.evaluate("document.querySelector('video.video-player').src")
