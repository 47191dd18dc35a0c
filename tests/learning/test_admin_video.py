"""The admin of video lessons: uploads above the size limit are refused with a message, an
upload is only queued for transcoding, a video ffmpeg cannot read shows as failed with the
reason, and captions must be WebVTT."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection
from wagtailmedia import get_media_model

from accounts.factories import UserFactory
from learning.models import Caption, VideoRendition, VideoTranscode
from learning.models.video import TranscodeStatus
from tests.learning.videos import media_root, needs_ffmpeg, upload_video  # noqa: F401

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour\n"


@pytest.fixture
def editor(client):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    return user


def upload(client, content: bytes, name="lesson.mp4"):
    return client.post(
        "/admin/media/video/add/",
        {
            "title": "Flood maps",
            "file": SimpleUploadedFile(name, content, content_type="video/mp4"),
            "collection": Collection.get_first_root_node().pk,
            "duration": "0",
            "tags": "",
        },
    )


def test_an_upload_above_the_limit_is_refused_with_a_message(client, editor, settings):
    """A file over VIDEO_MAX_UPLOAD_MB is not saved; the editor reads why."""
    settings.VIDEO_MAX_UPLOAD_MB = 1
    response = upload(client, b"\x00" * (1024 * 1024 + 1))
    assert response.status_code == 200
    assert "uploads may be at most 1 MB" in response.content.decode()
    assert not get_media_model().objects.exists()


def test_an_upload_is_only_queued_for_transcoding(
    client, editor, django_capture_on_commit_callbacks
):
    """Saving a video answers at once: it waits for the worker, nothing transcoded yet."""
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, b"\x00" * 1000)
    assert response.status_code == 302
    media = get_media_model().objects.get()
    assert VideoTranscode.objects.get(media=media).status == TranscodeStatus.PENDING
    assert not VideoRendition.objects.exists()


@needs_ffmpeg
def test_a_file_ffmpeg_cannot_read_is_listed_as_failed_with_the_reason(client, editor, run_tasks):
    """The transcoding listing shows the failed video and ffprobe's reason."""
    upload(client, b"This is a text file, not a video.\n" * 20, name="notes.mp4")
    run_tasks()
    response = client.get("/admin/video-transcoding/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Flood maps" in page
    assert "Failed" in page
    assert "Invalid data found when processing input" in page


def test_transcode_again_queues_the_video(client, editor, django_capture_on_commit_callbacks):
    """After a failure an administrator asks for another try; it is queued."""
    media = upload_video(b"source")
    transcode = VideoTranscode.objects.get(media=media)
    VideoTranscode.objects.filter(pk=transcode.pk).update(
        status=TranscodeStatus.FAILED, error="Invalid data"
    )
    url = f"/admin/video-transcoding/retry/{transcode.pk}/"
    assert "Invalid data" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url)
    assert response.status_code == 302
    assert len(callbacks) == 1
    transcode.refresh_from_db()
    assert transcode.status == TranscodeStatus.PENDING and transcode.error == ""


def test_a_caption_must_be_webvtt(client, editor):
    """A caption file that does not start with WEBVTT is refused with a message."""
    media = upload_video(b"source")
    response = client.post(
        "/admin/video-captions/new/",
        {
            "media": media.pk,
            "language": "fr",
            "file": SimpleUploadedFile("fr.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nHi\n"),
        },
    )
    assert response.status_code == 200
    assert "This is not a WebVTT file" in response.content.decode()
    assert not Caption.objects.exists()


def test_an_editor_adds_captions_in_a_language(client, editor):
    """A WebVTT file is saved as the video's French captions."""
    media = upload_video(b"source")
    response = client.post(
        "/admin/video-captions/new/",
        {"media": media.pk, "language": "fr", "file": SimpleUploadedFile("fr.vtt", VTT)},
    )
    assert response.status_code == 302
    caption = Caption.objects.get()
    assert (caption.media, caption.language) == (media, "fr")
    assert caption.file.read() == VTT
    assert "Flood maps" in client.get("/admin/video-captions/").content.decode()


def test_a_second_caption_file_in_the_same_language_is_refused(client, editor):
    """One caption file per language and video: a second one gets a message."""
    media = upload_video(b"source")
    data = {"media": media.pk, "language": "fr"}
    client.post("/admin/video-captions/new/", {**data, "file": SimpleUploadedFile("a.vtt", VTT)})
    response = client.post(
        "/admin/video-captions/new/", {**data, "file": SimpleUploadedFile("b.vtt", VTT)}
    )
    assert response.status_code == 200
    assert Caption.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "valid"),
    [
        (b"WEBVTT\n\n", True),
        (b"\xef\xbb\xbfWEBVTT - Arabic\n\n", True),
        (b"WEBVTT", True),
        (b"WEBVTTX\n", False),
        (b"", False),
        (b"<script>alert(1)</script>", False),
    ],
)
def test_the_webvtt_check(content, valid):
    """Only files whose first line starts with WEBVTT pass as captions."""
    from django.core.exceptions import ValidationError

    from learning.models.video import validate_webvtt

    file = SimpleUploadedFile("c.vtt", content)
    if valid:
        validate_webvtt(file)
    else:
        with pytest.raises(ValidationError):
            validate_webvtt(file)


@needs_ffmpeg
def test_the_media_edit_page_shows_the_transcoding_and_its_reason(client, editor, run_tasks):
    """An editor opening a video that failed reads why, next to its file size."""
    upload(client, b"This is a text file, not a video.\n" * 20, name="notes.mp4")
    run_tasks()
    media = get_media_model().objects.get()
    page = client.get(f"/admin/media/edit/{media.pk}/").content.decode()
    assert "Transcoding" in page
    assert "Failed: Invalid data found when processing input" in page
