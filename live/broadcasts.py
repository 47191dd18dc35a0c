"""The room's own broadcast: its secret stream key, what the ingest is told when an
encoder publishes, stops or is checked again (live.ingest describes the ingest), and the
recordings a trainer can turn into a video lesson.

The video lesson is a wagtailmedia Media made from the recording: the learning stage
transcodes every new video the same way (its receiver on Media), so this stage never
names it."""

import logging
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtailmedia import get_media_model

from live import ingest, services
from live.models import Broadcast, BroadcastRecording, Room
from live.serializers import broadcast_data
from live.services import Access, LiveError

logger = logging.getLogger(__name__)

KEY_BYTES = 24  # 32 characters
PLAYBACK_BYTES = 12  # 16 characters


# --- The trainers' console ---------------------------------------------------------------


def stream_key_create(*, room: Room, access: Access) -> Broadcast:
    """A new secret key (and a new playback address) for the room; the previous key stops
    working at once, and an encoder still publishing with it is dropped at the ingest's
    next check."""
    _require_moderator(access)
    old_publication = None
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        broadcast = Broadcast.objects.filter(room=room).first()
        was_on_air = broadcast is not None and broadcast.on_air
        if broadcast is None:
            broadcast = Broadcast(room=room)
        else:
            old_publication = ingest.publication_name(room.pk, broadcast.playback_id)
        broadcast.stream_key = secrets.token_urlsafe(KEY_BYTES)
        broadcast.playback_id = secrets.token_urlsafe(PLAYBACK_BYTES)
        broadcast.key_created_at = timezone.now()
        broadcast.on_air = False
        broadcast.save()
        if was_on_air:
            broadcast.stopped_at = timezone.now()
            broadcast.save(update_fields=["stopped_at"])
            services.room_event(room, "broadcast.stopped", broadcast_data(room))
    if old_publication:
        transaction.on_commit(lambda: _remove_playlists(old_publication))
    return broadcast


def stream_key_revoke(*, room: Room, access: Access) -> None:
    """No key any more: nobody can publish, and the room shows its external link again."""
    _require_moderator(access)
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        broadcast = Broadcast.objects.filter(room=room).first()
        if broadcast is None:
            return
        was_on_air = broadcast.on_air
        publication = ingest.publication_name(room.pk, broadcast.playback_id)
        broadcast.delete()
        if was_on_air:
            services.room_event(room, "broadcast.stopped", broadcast_data(room))
    transaction.on_commit(lambda: _remove_playlists(publication))


def _remove_playlists(publication: str) -> None:
    shutil.rmtree(settings.LIVE_HLS_ROOT / publication, ignore_errors=True)


# --- The ingest's callbacks --------------------------------------------------------------


def ingest_publish(*, stream_key: str) -> str | None:
    """An encoder publishes with `stream_key`: the publication's name, or None to refuse."""
    if not stream_key:
        return None
    with transaction.atomic():
        broadcast = (
            Broadcast.objects.select_for_update()
            .select_related("room")
            .filter(stream_key=stream_key)
            .first()
        )
        if broadcast is None:
            return None
        broadcast.on_air = True
        broadcast.started_at = timezone.now()
        broadcast.save(update_fields=["on_air", "started_at"])
        services.room_event(broadcast.room, "broadcast.started", broadcast_data(broadcast.room))
    return ingest.publication_name(broadcast.room_id, broadcast.playback_id)


def ingest_still_valid(*, name: str) -> bool:
    """The ingest asks again about each of its streams: the encoder's (named by its key)
    and the ladder's reading it back (named by the publication)."""
    if not name:
        return False
    if Broadcast.objects.filter(stream_key=name).exists():
        return True
    room_id, _dash, playback_id = name.partition("-")
    return (
        room_id.isdigit()
        and Broadcast.objects.filter(room_id=int(room_id), playback_id=playback_id).exists()
    )


def ingest_publish_done(*, stream_key: str) -> None:
    with transaction.atomic():
        broadcast = (
            Broadcast.objects.select_for_update()
            .select_related("room")
            .filter(stream_key=stream_key, on_air=True)
            .first()
        )
        if broadcast is None:
            return
        broadcast.on_air = False
        broadcast.stopped_at = timezone.now()
        broadcast.save(update_fields=["on_air", "stopped_at"])
        services.room_event(broadcast.room, "broadcast.stopped", broadcast_data(broadcast.room))


def ingest_recorded(*, path: str) -> BroadcastRecording | None:
    """The ingest finished a recording file: keep it under the room it was published to."""
    root = Path(settings.LIVE_RECORDINGS_ROOT).resolve()
    try:
        file = Path(path).resolve()
        relative = file.relative_to(root)
    except (OSError, ValueError):
        logger.warning("recording outside LIVE_RECORDINGS_ROOT ignored: %s", path)
        return None
    room_id = relative.name.partition("-")[0]
    if not room_id.isdigit() or not file.is_file():
        return None
    room = Room.objects.filter(pk=int(room_id)).first()
    if room is None:
        return None
    recording, _created = BroadcastRecording.objects.update_or_create(
        file_name=str(relative), defaults={"room": room, "size": file.stat().st_size}
    )
    return recording


# --- From a recording to a video lesson ----------------------------------------------------


def recording_make_lesson(*, recording: BroadcastRecording, access: Access, by) -> None:
    """Queue the making of a video from the recording (once); the learning stage then
    transcodes it into its ladder like any uploaded video."""
    _require_moderator(access)
    if recording.media_id is not None:
        raise LiveError("done", _("A video was already made from this recording."))
    recording_id, user_id = recording.pk, by.pk
    transaction.on_commit(lambda: _enqueue_lesson(recording_id, user_id))


def _enqueue_lesson(recording_id: int, user_id: int) -> None:
    from live.tasks import make_video_from_recording

    make_video_from_recording.enqueue(recording_id, user_id)


def recording_to_media(*, recording_id: int, user_id: int | None = None):
    """The background task's work: the recording remuxed to MP4 (no re-encoding), saved as
    a wagtailmedia video titled after the session."""
    recording = BroadcastRecording.objects.select_related("room__session").get(pk=recording_id)
    if recording.media_id is not None:
        return recording.media
    source = Path(settings.LIVE_RECORDINGS_ROOT) / recording.file_name
    session = recording.room.session
    title = f"{session} · {timezone.localtime(recording.created_at):%Y-%m-%d %H:%M}"
    with tempfile.TemporaryDirectory() as workdir:
        output = Path(workdir) / f"{Path(recording.file_name).stem}.mp4"
        subprocess.run(  # noqa: S603
            [
                shutil.which("ffmpeg") or "ffmpeg",
                *("-nostdin", "-hide_banner", "-v", "error", "-y", "-i", str(source)),
                *("-c", "copy", "-movflags", "+faststart", str(output)),
            ],
            check=True,
            capture_output=True,
            timeout=3600,
        )
        media_model = get_media_model()
        with transaction.atomic(), output.open("rb") as handle:
            media = media_model(title=title[:255], type="video", uploaded_by_user_id=user_id)
            media.file.save(output.name, File(handle), save=False)
            media.save()
            BroadcastRecording.objects.filter(pk=recording.pk).update(media=media)
    return media


def _require_moderator(access: Access) -> None:
    if not access.moderator:
        raise LiveError("forbidden", _("Only the session's trainers can do this."))
