"""The RTMP ingest of the live broadcast: the nginx configuration (Debian's
libnginx-mod-rtmp) that asks the platform about every stream key, the script nginx runs for
each publication to cut the HLS ladder with ffmpeg, and an nginx of its own for `make run`
and the tests.

What happens when a trainer presses "Start streaming" in OBS:
1. nginx receives rtmp://<ingest>/live/<stream key> and calls `on_publish` (the platform's
   live.views.ingest); the platform answers 403 for a wrong or revoked key, which nginx
   drops, or redirects the stream to its publication name `<room id>-<playback id>`.
2. nginx runs the ladder script (`exec_push`), whose ffmpeg reads the stream back from the
   ingest and writes, under LIVE_HLS_ROOT/<publication>/, an audio-only rendition, 240p
   and 360p, in 2-second segments, with a master playlist; and it records the publication
   (FLV, `record all`) under LIVE_RECORDINGS_ROOT, then calls `on_record_done`.
3. Every UPDATE_SECONDS nginx asks again (`on_update`): a key revoked meanwhile drops the
   stream. When the encoder stops, `on_publish_done` marks the broadcast stopped.

The callbacks carry a token derived from SECRET_KEY in their path, so nobody else can mark
a broadcast started or stopped."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.crypto import salted_hmac

from background.processes import Missing, ServeProcess

APPLICATION = "live"
SEGMENT_SECONDS = 2
# The playlist keeps 6 segments (12 s): enough for a player to catch up after a stall,
# few enough that a late joiner starts close to the live edge.
PLAYLIST_SEGMENTS = 6
UPDATE_SECONDS = 10
MODULE_PATHS = (
    "/usr/lib/nginx/modules/ngx_rtmp_module.so",
    "/usr/share/nginx/modules/ngx_rtmp_module.so",
    "/usr/lib64/nginx/modules/ngx_rtmp_module.so",
)


@dataclass(frozen=True)
class Rendition:
    name: str
    height: int | None  # None: audio only
    video_kbps: int
    audio_kbps: int
    max_fps: int


# The live ladder, close to the video lessons' (learning.transcoding): AAC-LC mono (Debian's
# ffmpeg has no HE-AAC encoder) at 32 kbit/s is about 40 kbit/s with its MPEG-TS framing.
LADDER = (
    Rendition("audio", None, 0, 32, 0),
    Rendition("240p", 240, 160, 32, 15),
    Rendition("360p", 360, 400, 48, 25),
)


def callback_token() -> str:
    return salted_hmac("live.ingest.callback", "nginx-rtmp", algorithm="sha256").hexdigest()[:32]


def publication_name(room_id: int, playback_id: str) -> str:
    return f"{room_id}-{playback_id}"


def find_module() -> Path | None:
    for candidate in MODULE_PATHS:
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def missing() -> list[str]:
    """What the ingest needs and this machine lacks, in words for the person running it."""
    lacks = []
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").is_file():
        lacks.append("nginx")
    if find_module() is None:
        lacks.append("the nginx RTMP module (libnginx-mod-rtmp)")
    if shutil.which("ffmpeg") is None:
        lacks.append("ffmpeg")
    return lacks


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


# --- The ladder script -----------------------------------------------------------------


def ladder_arguments(source: str, output: Path) -> list[str]:
    """ffmpeg's arguments: one decode of the stream, every rendition, one HLS muxer."""
    videos = [r for r in LADDER if r.height]
    filters = ";".join(
        f"[0:v:0]fps={r.max_fps},scale=-2:{r.height},setsar=1[v{r.name}]" for r in videos
    )
    arguments = ["-nostdin", "-hide_banner", "-loglevel", "warning"]
    arguments += ["-i", source, "-filter_complex", filters]
    for rendition in LADDER:
        if rendition.height:
            arguments += ["-map", f"[v{rendition.name}]"]
        arguments += ["-map", "0:a:0"]
    arguments += ["-c:a", "aac", "-ac", "1", "-ar", "44100"]
    for index, rendition in enumerate(LADDER):
        arguments += [f"-b:a:{index}", f"{rendition.audio_kbps}k"]
    arguments += [
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        # No look-ahead and no B-frames: a frame leaves the encoder as soon as it is made.
        "-tune",
        "zerolatency",
        "-profile:v",
        "main",
        "-pix_fmt",
        "yuv420p",
    ]
    for index, rendition in enumerate(videos):
        kbps = rendition.video_kbps
        arguments += [f"-b:v:{index}", f"{kbps}k", f"-maxrate:v:{index}", f"{int(kbps * 1.15)}k"]
        arguments += [f"-bufsize:v:{index}", f"{kbps * 2}k"]
    # A keyframe at every segment boundary, whatever the encoder sends.
    arguments += [
        "-force_key_frames",
        f"expr:gte(t,n_forced*{SEGMENT_SECONDS})",
        "-sc_threshold",
        "0",
    ]
    stream_map = []
    video_index = 0
    for index, rendition in enumerate(LADDER):
        if rendition.height:
            stream_map.append(f"v:{video_index},a:{index},name:{rendition.name}")
            video_index += 1
        else:
            stream_map.append(f"a:{index},name:{rendition.name}")
    arguments += [
        "-f",
        "hls",
        "-hls_time",
        str(SEGMENT_SECONDS),
        "-hls_list_size",
        str(PLAYLIST_SEGMENTS),
        "-hls_flags",
        "delete_segments+independent_segments+temp_file+program_date_time",
        "-hls_start_number_source",
        "epoch",
        "-var_stream_map",
        " ".join(stream_map),
        "-master_pl_name",
        "index.m3u8",
        "-hls_segment_filename",
        f"{output}/%v/%d.ts",
        f"{output}/%v/index.m3u8",
    ]
    return arguments


def _quoted(argument: str) -> str:
    """One shell word: single-quoted, or double-quoted where it names the publication."""
    if "${" in argument:
        return f'"{argument}"'
    return "'" + argument.replace("'", "'\"'\"'") + "'"


def ladder_script(*, rtmp_port: int, hls_root: Path, ffmpeg: str | None = None) -> str:
    """The shell script nginx runs with the publication's name: it empties the
    publication's folder and runs ffmpeg in its place (nginx stops it when the stream
    ends). nginx clears the environment: every path is absolute."""
    ffmpeg = ffmpeg or shutil.which("ffmpeg") or "/usr/bin/ffmpeg"
    source = f"rtmp://127.0.0.1:{rtmp_port}/{APPLICATION}/${{name}}"
    arguments = " ".join(_quoted(a) for a in ladder_arguments(source, Path("${out}")))
    folders = " ".join(f'"${{out}}/{r.name}"' for r in LADDER)
    return f"""#!/bin/sh
# Generated by the platform (live/ingest.py): the HLS ladder of one publication.
set -eu
name="$1"
case "$name" in *[!A-Za-z0-9_-]*|"") echo "bad publication name" >&2; exit 2;; esac
out={_quoted(str(hls_root))}/"$name"
rm -rf "$out"
mkdir -p {folders}
exec {_quoted(ffmpeg)} {arguments}
"""


# --- nginx -----------------------------------------------------------------------------


def rtmp_block(
    *,
    listen: str,
    platform_url: str,
    script: Path,
    recordings_root: Path,
    local_play_only: bool = True,
    update_seconds: int = UPDATE_SECONDS,
) -> str:
    """The `rtmp { }` block (nginx's main context), for production and for `make run`."""
    base = f"{platform_url.rstrip('/')}/live-ingest/{callback_token()}"
    play = "allow play 127.0.0.1;\n            deny play all;" if local_play_only else ""
    return f"""rtmp {{
    server {{
        listen {listen};
        chunk_size 4096;
        # Trainers publish to {APPLICATION}/<stream key>; the platform checks the key.
        application {APPLICATION} {{
            live on;
            # Only the ladder script reads the stream back; participants get HLS.
            {play}
            on_publish {base}/publish;
            on_update {base}/update;
            notify_update_timeout {update_seconds}s;
            on_publish_done {base}/publish_done;
            on_record_done {base}/record_done;
            exec_push {script} $name;
            record all;
            record_path {recordings_root};
            record_suffix _%Y%m%d-%H%M%S.flv;
        }}
    }}
}}
"""


def nginx_config(*, rundir: Path, rtmp_port: int, platform_url: str, update_seconds: int) -> str:
    """A whole nginx configuration for `make run` and the tests: in the foreground, its
    files in `rundir`, its workers as the user who started it."""
    module = find_module()
    user = "user root root;\n" if os.geteuid() == 0 else ""
    block = rtmp_block(
        listen=f"127.0.0.1:{rtmp_port}",
        platform_url=platform_url,
        script=rundir / "hls-ladder",
        recordings_root=settings.LIVE_RECORDINGS_ROOT,
        update_seconds=update_seconds,
    )
    return f"""# Generated by the platform (live/ingest.py) for `make run` and the tests.
load_module {module};
{user}daemon off;
master_process on;
worker_processes 1;
pid {rundir}/nginx.pid;
error_log {rundir}/error.log info;
events {{
    worker_connections 256;
}}
{block}"""


class Ingest:
    """nginx with the RTMP module, in the foreground, configured under `rundir`."""

    def __init__(
        self,
        rundir: Path,
        *,
        platform_url: str,
        rtmp_port: int = 1935,
        update_seconds: int = UPDATE_SECONDS,
    ):
        self.rundir = Path(rundir)
        self.platform_url = platform_url
        self.rtmp_port = rtmp_port
        self.update_seconds = update_seconds
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"rtmp://127.0.0.1:{self.rtmp_port}/{APPLICATION}"

    def write(self) -> Path:
        self.rundir.mkdir(parents=True, exist_ok=True)
        settings.LIVE_HLS_ROOT.mkdir(parents=True, exist_ok=True)
        settings.LIVE_RECORDINGS_ROOT.mkdir(parents=True, exist_ok=True)
        script = self.rundir / "hls-ladder"
        script.write_text(ladder_script(rtmp_port=self.rtmp_port, hls_root=settings.LIVE_HLS_ROOT))
        script.chmod(0o755)
        config = self.rundir / "nginx.conf"
        config.write_text(
            nginx_config(
                rundir=self.rundir,
                rtmp_port=self.rtmp_port,
                platform_url=self.platform_url,
                update_seconds=self.update_seconds,
            )
        )
        return config

    def command(self) -> list[str]:
        return [nginx_binary(), "-c", str(self.rundir / "nginx.conf"), "-p", str(self.rundir)]

    def start(self, *, timeout: float = 30, **popen) -> "Ingest":
        self.write()
        self.process = subprocess.Popen(  # noqa: S603
            self.command(),
            stdout=subprocess.DEVNULL,
            stderr=open(self.rundir / "nginx.out", "wb"),  # noqa: SIM115
            **popen,
        )
        self.wait_listening(timeout)
        return self

    def wait_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"nginx stopped: {self.log()}")
            try:
                socket.create_connection(("127.0.0.1", self.rtmp_port), 0.5).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the ingest did not listen: {self.log()}") from None
                time.sleep(0.1)

    def log(self) -> str:
        text = ""
        for name in ("nginx.out", "error.log"):
            path = self.rundir / name
            if path.is_file():
                text += path.read_text(errors="replace")[-3000:]
        return text

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # QUIT: nginx ends its workers, which stop the ladder's ffmpeg.
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def serve_process(*, host: str, port) -> ServeProcess | Missing:
    """The ingest as `make run` starts it: nginx configured in a folder of its own, on
    127.0.0.1:RTMP_PORT (1935), calling this server back; or what is missing."""
    lacks = missing()
    if lacks:
        return Missing(
            f"The live broadcast is off: this machine lacks {', '.join(lacks)}. Trainers "
            "cannot stream to their rooms, which show their video links instead "
            "(Debian: apt install nginx libnginx-mod-rtmp ffmpeg)."
        )
    rtmp_port = int(os.environ.get("RTMP_PORT", "1935"))
    callback_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104
    server = Ingest(
        Path(tempfile.mkdtemp(prefix="opentraining-ingest-")),
        platform_url=f"http://{callback_host}:{port}",
        rtmp_port=rtmp_port,
    )
    server.write()
    return ServeProcess(
        name="ingest",
        command=server.command(),
        note=(
            f"Live broadcast ingest on {server.url} (in OBS: that server and the room's stream "
            "key, on its console; `manage.py demo_broadcast` pushes a test picture). Its "
            f"configuration: {server.rundir / 'nginx.conf'}"
        ),
        log=server.log,
    )
