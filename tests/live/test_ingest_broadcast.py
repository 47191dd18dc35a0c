"""The broadcast through the real ingest: nginx with Debian's RTMP module, started here,
calls the platform (the test's live server) about each stream key, and ffmpeg cuts the
HLS ladder. Needs the Debian packages nginx, libnginx-mod-rtmp and ffmpeg (.ci/run
installs them)."""

import json
import socket
import subprocess
import threading
import time
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.urls import reverse

from live import broadcasts, ingest
from live.models import Broadcast, BroadcastRecording
from tests.live.factories import access_of, live_room_setup, room_events

LACKING = ingest.missing()
pytestmark = [
    pytest.mark.skipif(
        bool(LACKING),
        reason=f"the broadcast tests need {', '.join(LACKING)} (Debian: apt install nginx "
        "libnginx-mod-rtmp ffmpeg)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Generous: ffmpeg shares two busy cores with the other tests.
WAIT = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, what: str, timeout: float = WAIT, process=None):
    """Poll `condition` until it holds (its value), or fail saying `what` never happened."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            pytest.fail(f"{what}: the encoder stopped first ({process.returncode})")
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout} s")
        time.sleep(0.2)


def push(url: str, key: str, *, seconds: int = 120) -> subprocess.Popen:
    """An encoder publishing ffmpeg's test picture and a tone, in real time, as OBS would."""
    return subprocess.Popen(  # noqa: S603 - ffmpeg with our arguments
        [
            *("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-re"),
            *("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25"),
            *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"),
            *("-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-g", "50"),
            *("-c:a", "aac", "-b:a", "96k", "-f", "flv", f"{url}/{key}"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def media_segments(playlist: Path) -> list[tuple[float, Path]]:
    """(duration, file) of each segment a media playlist lists."""
    segments, duration = [], None
    for line in playlist.read_text().splitlines():
        if line.startswith("#EXTINF:"):
            duration = float(line.removeprefix("#EXTINF:").split(",")[0])
        elif line and not line.startswith("#") and duration is not None:
            segments.append((duration, playlist.parent / line))
            duration = None
    return segments


def playlist_with(path: Path, count: int) -> bool:
    return path.is_file() and len(media_segments(path)) >= count


def probed_bitrate(files: list[Path]) -> int:
    """The bit rate ffprobe reads for the segments played one after the other."""
    answer = subprocess.run(  # noqa: S603 - ffprobe on our files
        [
            *("ffprobe", "-v", "error", "-show_entries", "format=bit_rate", "-of", "json"),
            "concat:" + "|".join(str(f) for f in files),
        ],
        capture_output=True,
        check=True,
        text=True,
    )
    return int(json.loads(answer.stdout)["format"]["bit_rate"])


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class SerialServer:
    """The platform over HTTP for the ingest's callbacks, one request at a time. On the
    in-memory SQLite of the tests it shares the test's connection (as Django's live
    server does), so the test holds `lock` whenever it reads the database meanwhile."""

    def __init__(self):
        self.lock = threading.RLock()
        handler = WSGIHandler()

        def application(environ, start_response):
            with self.lock:
                response = handler(environ, start_response)
                try:
                    return [b"".join(response)]
                finally:
                    response.close()

        self.httpd = make_server("127.0.0.1", 0, application, handler_class=QuietHandler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        connection = connections["default"]
        shared = connection.vendor == "sqlite" and connection.is_in_memory_db()
        if shared:
            connection.inc_thread_sharing()

        def serve():
            if shared:
                connections["default"] = connection
            self.httpd.serve_forever(poll_interval=0.1)

        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()
        self.shared = connection if shared else None

    def stop(self):
        self.httpd.shutdown()
        self.thread.join(10)
        self.httpd.server_close()
        if self.shared is not None:
            self.shared.dec_thread_sharing()


@pytest.fixture
def platform(transactional_db):
    server = SerialServer()
    yield server
    server.stop()


@pytest.fixture
def ingest_server(platform, settings, tmp_path):
    settings.LIVE_HLS_ROOT = tmp_path / "hls"
    settings.LIVE_RECORDINGS_ROOT = tmp_path / "recordings"
    server = ingest.Ingest(
        tmp_path / "run", platform_url=platform.url, rtmp_port=free_port(), update_seconds=2
    )
    server.start()
    server.lock = platform.lock
    yield server
    server.stop()


def a_broadcast():
    setup = live_room_setup()
    broadcast = broadcasts.stream_key_create(
        room=setup.room, access=access_of(setup.trainer, setup.room)
    )
    return setup, broadcast


def test_the_right_key_gives_the_ladder_and_a_recording(ingest_server, settings):
    """Published with the room's key: the master playlist, sound only and 240p appear, the
    sound-only rendition stays under 64 kbit/s, the room hears that the broadcast started
    and stopped, and the publication is kept as a recording."""
    setup, broadcast = a_broadcast()
    encoder = push(ingest_server.url, broadcast.stream_key)
    folder = settings.LIVE_HLS_ROOT / ingest.publication_name(setup.room.pk, broadcast.playback_id)
    try:
        wait_until(
            lambda: (
                playlist_with(folder / "audio" / "index.m3u8", 4)
                and playlist_with(folder / "240p" / "index.m3u8", 4)
            ),
            what="the audio-only and 240p playlists",
            process=encoder,
        )
        master = (folder / "index.m3u8").read_text()
        assert "audio/index.m3u8" in master
        assert "240p/index.m3u8" in master
        assert "RESOLUTION=426x240" in master
        audio = [path for _duration, path in media_segments(folder / "audio" / "index.m3u8")]
        assert probed_bitrate(audio) < 64_000
        assert max(d for d, _p in media_segments(folder / "240p" / "index.m3u8")) <= 2.5
        with ingest_server.lock:
            assert Broadcast.objects.get(pk=setup.room.pk).on_air
    finally:
        stop(encoder)

    def stopped():
        with ingest_server.lock:
            return not Broadcast.objects.get(pk=setup.room.pk).on_air

    def recorded():
        with ingest_server.lock:
            return BroadcastRecording.objects.filter(room=setup.room).first()

    wait_until(stopped, what="the broadcast stopped")
    recording = wait_until(recorded, what="the recording")
    ingest_server.stop()
    kinds = [event["kind"] for event in room_events(setup.room)]
    assert kinds == ["broadcast.started", "broadcast.stopped"]
    assert (settings.LIVE_RECORDINGS_ROOT / recording.file_name).stat().st_size > 0


def test_a_wrong_or_revoked_key_is_refused(ingest_server, settings):
    """An encoder with a made-up key, or with a key replaced since, cannot publish: ffmpeg
    fails and no playlist is written."""
    setup, broadcast = a_broadcast()
    old_key = broadcast.stream_key
    broadcasts.stream_key_create(room=setup.room, access=access_of(setup.trainer, setup.room))
    for key in ("not-the-key", old_key):
        encoder = push(ingest_server.url, key, seconds=5)
        try:
            encoder.wait(timeout=WAIT)
        finally:
            stop(encoder)
        assert encoder.returncode != 0, key
    assert not any(settings.LIVE_HLS_ROOT.iterdir())
    ingest_server.stop()
    assert not Broadcast.objects.get(pk=setup.room.pk).on_air
    assert room_events(setup.room) == []


def test_a_key_replaced_while_on_air_drops_the_encoder(ingest_server):
    """The ingest asks again every few seconds: once the trainer makes a new key, the
    encoder still using the old one is cut off."""
    setup, broadcast = a_broadcast()
    encoder = push(ingest_server.url, broadcast.stream_key)

    def on_air():
        with ingest_server.lock:
            return Broadcast.objects.get(pk=setup.room.pk).on_air

    try:
        wait_until(on_air, what="on air", process=encoder)
        with ingest_server.lock:
            broadcasts.stream_key_create(
                room=setup.room, access=access_of(setup.trainer, setup.room)
            )
        encoder.wait(timeout=WAIT)
    finally:
        stop(encoder)
    assert encoder.returncode != 0


def test_a_recording_becomes_a_video_the_learning_stage_transcodes(
    client, settings, tmp_path, run_tasks
):
    """The trainer turns a recording into a video: it is remuxed to MP4, saved among the
    videos, and queued for the video lessons' ladder."""
    from learning.models.video import VideoTranscode

    settings.LIVE_RECORDINGS_ROOT = tmp_path / "recordings"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LIVE_RECORDINGS_ROOT.mkdir()
    setup = live_room_setup()
    path = settings.LIVE_RECORDINGS_ROOT / f"{setup.room.pk}-abc_20260101-100000.flv"
    subprocess.run(  # noqa: S603 - ffmpeg with our arguments
        [
            *("ffmpeg", "-nostdin", "-v", "error"),
            *("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10:duration=2"),
            *("-f", "lavfi", "-i", "sine=duration=2", "-c:v", "libx264", "-c:a", "aac"),
            str(path),
        ],
        check=True,
    )
    recording = broadcasts.ingest_recorded(path=str(path))
    assert broadcasts.ingest_recorded(path="/etc/passwd") is None

    client.force_login(setup.trainer)
    console = client.get(reverse("live:console", args=[setup.room.pk]))
    assert "Make a video for a lesson" in console.content.decode()
    response = client.post(reverse("live:recording_lesson", args=[setup.room.pk, recording.pk]))
    assert response.status_code == 302
    run_tasks()
    recording.refresh_from_db()
    assert recording.media is not None
    assert recording.media.type == "video"
    assert recording.media.file.name.endswith(".mp4")
    assert VideoTranscode.objects.filter(media=recording.media).exists()
    console = client.get(reverse("live:console", args=[setup.room.pk]))
    assert "Video made:" in console.content.decode()
