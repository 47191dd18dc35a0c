"""Video lessons: asking for an upload to be transcoded, transcoding it (in a background
task, never in a request), and remembering where a learner stopped watching."""

import logging
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtailmedia import get_media_model

from learning import transcoding
from learning.models import LessonPage, LessonProgress
from learning.models.video import TranscodeStatus, VideoRendition, VideoTranscode
from learning.selectors.progress import course_of

logger = logging.getLogger(__name__)


def video_transcode_request(*, media) -> VideoTranscode | None:
    """Queue the transcoding of a video's file after the upload commits. A file already
    transcoded or queued (the same name) is not queued again; audio is left as it is."""
    if media.type != "video" or not media.file:
        return None
    with transaction.atomic():
        transcode, created = VideoTranscode.objects.select_for_update().get_or_create(
            media=media, defaults={"source_name": media.file.name}
        )
        if not created:
            if transcode.source_name == media.file.name:
                return transcode
            transcode.source_name = media.file.name
            transcode.status = TranscodeStatus.PENDING
            transcode.error = ""
            transcode.started_at = transcode.finished_at = None
            transcode.save(
                update_fields=["source_name", "status", "error", "started_at", "finished_at"]
            )
        media_id = media.pk
        transaction.on_commit(lambda: _enqueue(media_id))
    return transcode


def video_transcode_retry(*, transcode: VideoTranscode) -> None:
    """Queue the video's current file again (after a failure, or with a better ffmpeg)."""
    with transaction.atomic():
        VideoTranscode.objects.filter(pk=transcode.pk).update(
            status=TranscodeStatus.PENDING, error="", started_at=None, finished_at=None
        )
        media_id = transcode.media_id
        transaction.on_commit(lambda: _enqueue(media_id))


def _enqueue(media_id: int) -> None:
    from learning.tasks_video import transcode_video

    transcode_video.enqueue(media_id)


def video_transcode(*, media_id: int) -> str:
    """Transcode the video's current file into its ladder and poster; the status it ends
    in. ffmpeg reads a local copy of the upload and its outputs are saved through storage,
    so this works the same on the disk and on object storage."""
    media = get_media_model().objects.filter(pk=media_id).first()
    if media is None or media.type != "video" or not media.file:
        return "gone"
    source_name = media.file.name
    transcode, _created = VideoTranscode.objects.get_or_create(
        media=media, defaults={"source_name": source_name}
    )
    VideoTranscode.objects.filter(pk=transcode.pk).update(
        source_name=source_name,
        status=TranscodeStatus.RUNNING,
        error="",
        started_at=timezone.now(),
        finished_at=None,
    )
    try:
        with tempfile.TemporaryDirectory(prefix="transcode-") as workdir:
            work = Path(workdir)
            suffix = PurePosixPath(source_name).suffix.lower()[:10]
            local = work / f"source{suffix}"
            try:
                with media.file.open("rb") as upload, local.open("wb") as copy:
                    shutil.copyfileobj(upload, copy, length=1024 * 1024)
            except OSError as error:
                raise transcoding.TranscodeError("The uploaded file cannot be read") from error
            result = transcoding.transcode(local, work)
            return _store(media, transcode, source_name, result)
    except transcoding.TranscodeError as error:
        _fail(transcode, source_name, error.reason)
        return TranscodeStatus.FAILED
    except Exception as error:
        _fail(transcode, source_name, f"{type(error).__name__}: {error}")
        raise


def _fail(transcode: VideoTranscode, source_name: str, reason: str) -> None:
    VideoTranscode.objects.filter(pk=transcode.pk, source_name=source_name).update(
        status=TranscodeStatus.FAILED, error=reason, finished_at=timezone.now()
    )


def _store(media, transcode: VideoTranscode, source_name: str, result) -> str:
    """Save the new files through storage, then swap them in for the old ones in one
    transaction; the old files are deleted once it commits."""
    renditions = []
    for output in result.outputs:
        rendition = VideoRendition(
            media=media,
            rung=output.rung,
            size=output.size,
            bitrate=output.bitrate,
            width=output.width,
            height=output.height,
        )
        with output.path.open("rb") as handle:
            rendition.file.save(f"{media.pk}/{output.path.name}", File(handle), save=False)
        renditions.append(rendition)
    poster_name = ""
    if result.poster is not None:
        with result.poster.open("rb") as handle:
            transcode.poster.save(f"{media.pk}/poster.jpg", File(handle), save=False)
        poster_name = transcode.poster.name
    new_files = [r.file.name for r in renditions] + ([poster_name] if poster_name else [])

    with transaction.atomic():
        current = (
            VideoTranscode.objects.select_for_update()
            .filter(pk=transcode.pk, media__file=source_name)
            .first()
        )
        if current is None:
            # A newer upload replaced the file meanwhile: its own task makes its ladder.
            transaction.on_commit(lambda: _delete_files(new_files))
            return "superseded"
        old_files = [current.poster.name] if current.poster.name != poster_name else []
        # Deleting the old renditions deletes their files on commit (learning.video_receivers).
        VideoRendition.objects.filter(media=media).delete()
        VideoRendition.objects.bulk_create(renditions)
        current.status = TranscodeStatus.READY
        current.error = ""
        current.duration = result.probe.duration
        current.poster = poster_name
        current.finished_at = timezone.now()
        current.save(update_fields=["status", "error", "duration", "poster", "finished_at"])
        transaction.on_commit(lambda: _delete_files(old_files))
    return TranscodeStatus.READY


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name:
            try:
                default_storage.delete(name)
            except OSError:
                logger.warning("Could not delete %s", name)


def video_files_delete(*, names: list[str]) -> None:
    """Delete files of renditions, posters or captions once the deletion commits."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: _delete_files(names))


def video_position_save(*, user, lesson: LessonPage, seconds: int) -> LessonProgress:
    """Remember where the learner stopped the lesson's video, in every language of it."""
    now = timezone.now()
    fields = {"video_position": max(0, int(seconds)), "seen_at": now}
    with transaction.atomic():
        rows = LessonProgress.objects.filter(user=user, lesson_key=lesson.translation_key)
        if not rows.update(**fields):
            try:
                with transaction.atomic():
                    return LessonProgress.objects.create(
                        user=user,
                        lesson_key=lesson.translation_key,
                        course_key=course_of(lesson).translation_key,
                        **fields,
                    )
            except IntegrityError:
                rows.update(**fields)
        return rows.get()
