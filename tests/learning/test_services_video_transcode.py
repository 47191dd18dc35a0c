"""Uploading a video queues its transcoding; the background task makes the low-bandwidth
ladder and a poster through storage, and a file ffmpeg cannot read ends failed with its
reason, never an error page."""

import tempfile

import pytest
from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult

from learning.models import VideoRendition, VideoTranscode
from learning.models.video import TranscodeStatus
from tests.learning.videos import make_clip, media_root, needs_ffmpeg, upload_video  # noqa: F401

pytestmark = pytest.mark.django_db
TRANSCODE_TASK = "learning.tasks_video.transcode_video"


@pytest.fixture
def clip():
    return make_clip()


def test_saving_a_video_only_queues_its_transcoding(clip, django_capture_on_commit_callbacks):
    """Right after an upload the video waits for a worker: nothing was transcoded yet."""
    with django_capture_on_commit_callbacks(execute=True):
        media = upload_video(clip.read_bytes())
    transcode = VideoTranscode.objects.get(media=media)
    assert transcode.status == TranscodeStatus.PENDING
    assert not VideoRendition.objects.filter(media=media).exists()
    task = DBTaskResult.objects.get(task_path=TRANSCODE_TASK)
    assert task.args_kwargs["args"] == [media.pk]


def test_saving_the_same_file_again_queues_nothing(clip, django_capture_on_commit_callbacks):
    """Editing a video's title does not transcode it again."""
    with django_capture_on_commit_callbacks(execute=True):
        media = upload_video(clip.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        media.title = "Flood maps, part 1"
        media.save()
    assert DBTaskResult.objects.filter(task_path=TRANSCODE_TASK).count() == 1


@needs_ffmpeg
def test_a_clip_becomes_every_rung_and_a_poster(clip, run_tasks):
    """A 720p upload gives audio only, 240p, 360p and 720p, each with its size, and a poster."""
    media = upload_video(clip.read_bytes())
    run_tasks()
    transcode = VideoTranscode.objects.get(media=media)
    assert transcode.status == TranscodeStatus.READY, transcode.error
    assert transcode.duration == pytest.approx(3, abs=0.2)
    assert transcode.poster.name.endswith(".jpg")
    assert default_storage.exists(transcode.poster.name)
    assert 0 < default_storage.size(transcode.poster.name) < 60_000
    renditions = {r.rung: r for r in VideoRendition.objects.filter(media=media)}
    assert sorted(renditions) == ["240p", "360p", "720p", "audio"]
    assert (renditions["240p"].width, renditions["240p"].height) == (426, 240)
    assert (renditions["720p"].width, renditions["720p"].height) == (1280, 720)
    assert renditions["audio"].file.name.endswith(".m4a")
    for rendition in renditions.values():
        assert default_storage.size(rendition.file.name) == rendition.size > 0
        assert rendition.bitrate == int(rendition.size * 8 / transcode.duration)
    # The lightest video stays within the ladder's budget (about 120 kbit/s).
    assert renditions["240p"].bitrate < 200_000
    assert renditions["audio"].size < renditions["240p"].size < renditions["360p"].size


@needs_ffmpeg
def test_a_new_file_replaces_the_old_ladder(clip, run_tasks):
    """After a new upload, the video's renditions are those of the new file, the old files go."""
    media = upload_video(clip.read_bytes())
    run_tasks()
    old_files = list(VideoRendition.objects.filter(media=media).values_list("file", flat=True))
    media.file.save("lesson-v2.mp4", media.file.open("rb"), save=True)
    assert VideoTranscode.objects.get(media=media).status == TranscodeStatus.PENDING
    run_tasks()
    assert VideoTranscode.objects.get(media=media).status == TranscodeStatus.READY
    new_files = list(VideoRendition.objects.filter(media=media).values_list("file", flat=True))
    assert len(new_files) == 4
    assert not set(new_files) & set(old_files)
    assert not any(default_storage.exists(name) for name in old_files)


@needs_ffmpeg
def test_a_file_ffmpeg_cannot_read_is_marked_failed_with_the_reason(run_tasks):
    """A text file named .mp4 ends failed, with ffprobe's reason for the admin to read."""
    media = upload_video(b"This is not a video.\n" * 10, name="notes.mp4")
    run_tasks()
    transcode = VideoTranscode.objects.get(media=media)
    assert transcode.status == TranscodeStatus.FAILED
    assert transcode.error == "Invalid data found when processing input"
    assert tempfile.gettempdir() not in transcode.error
    assert not VideoRendition.objects.filter(media=media).exists()


def test_without_ffmpeg_the_video_fails_with_a_clear_reason(monkeypatch, run_tasks):
    """A worker without ffmpeg marks the video failed, saying ffmpeg is missing."""
    monkeypatch.setenv("PATH", "/nonexistent")
    media = upload_video(b"\x00" * 100)
    run_tasks()
    transcode = VideoTranscode.objects.get(media=media)
    assert transcode.status == TranscodeStatus.FAILED
    assert transcode.error == "ffprobe is not installed on the task worker"


@needs_ffmpeg
def test_deleting_a_video_deletes_its_renditions(
    clip, run_tasks, django_capture_on_commit_callbacks
):
    """When an editor deletes a video, its renditions and poster leave storage too."""
    media = upload_video(clip.read_bytes())
    run_tasks()
    names = list(VideoRendition.objects.filter(media=media).values_list("file", flat=True))
    names.append(VideoTranscode.objects.get(media=media).poster.name)
    with django_capture_on_commit_callbacks(execute=True):
        media.delete()
    assert not any(default_storage.exists(name) for name in names)


def test_videos_without_a_ladder_are_queued_by_the_command(django_capture_on_commit_callbacks):
    """`manage.py transcode_videos` queues the videos that have never been transcoded."""
    from io import StringIO

    from django.core.management import call_command

    old = upload_video(b"old")
    VideoTranscode.objects.filter(media=old).delete()
    upload_video(b"new")
    DBTaskResult.objects.all().delete()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("transcode_videos", stdout=out)
    assert "1 video(s) queued" in out.getvalue()
    assert DBTaskResult.objects.get(task_path=TRANSCODE_TASK).args_kwargs["args"] == [old.pk]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("transcode_videos", "--all", stdout=out)
    assert DBTaskResult.objects.filter(task_path=TRANSCODE_TASK).count() == 3
