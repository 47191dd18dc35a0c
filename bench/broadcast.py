"""Benchmark of the live broadcast: how far behind the trainer a participant is at 240p,
and what the sound-only rendition weighs.

It starts the platform's own ingest (live.ingest: nginx with Debian's RTMP module, the same
generated configuration and HLS ladder script as `make run`) with a stub of the platform's
key check (the tests check the real one), then pushes ffmpeg's test picture and a tone in
real time (`-re`), as OBS would, and watches the 240p and sound-only playlists.

* Delay to availability of each segment: the wall-clock time its playlist lists it, minus
  the time its last frame was captured (push start + the media time the playlists add up
  to). Measured from the push's start, it counts everything the ladder may have skipped
  at its start as delay: an upper bound.
* End-to-end delay at 240p: that, plus how far behind the live edge the player starts
  (hls.js `liveSyncDurationCount` 2 segments of 2 s, live/static/live/broadcast.js).
* Baseline, in the same run: one ffmpeg encoding the same test source straight to 2-second
  HLS at 240p, with no RTMP, no nginx and no ladder (the floor of 2-second segments).
* The sound-only rendition's bit rate read by ffprobe over its segments, and the 240p one's.

Budgets: end-to-end delay under 10 s at 240p; sound only under 64 kbit/s.

Run from the project root:  .venv/bin/python bench/broadcast.py [--seconds 40]
Needs nginx, libnginx-mod-rtmp and ffmpeg (Debian).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from live import ingest  # noqa: E402

KEY = "bench-stream-key"
PUBLICATION = ingest.publication_name(1, "bench")
PLAYER_BEHIND = 2 * ingest.SEGMENT_SECONDS  # hls.js liveSyncDurationCount: 2
BUDGET_DELAY = 10.0
BUDGET_AUDIO_KBPS = 64.0
SOURCE = ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25"]
TONE = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"]


class KeyCheck(http.server.BaseHTTPRequestHandler):
    """The platform's answers for one key: publish renamed, updates allowed."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        call = self.path.rsplit("/", 1)[-1]
        if call == "publish":
            ok = f"name={KEY}" in body
            self.send_response(302 if ok else 403)
            if ok:
                self.send_header("Location", PUBLICATION)
        else:
            self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def segments(playlist: Path) -> list[tuple[str, float]]:
    """(file, duration) of the segments listed."""
    found, duration = [], None
    try:
        lines = playlist.read_text().splitlines()
    except OSError:
        return []
    for line in lines:
        if line.startswith("#EXTINF:"):
            duration = float(line[8:].split(",")[0])
        elif line and not line.startswith("#") and duration is not None:
            found.append((line, duration))
            duration = None
    return found


def watch(playlist: Path, started: float, until: float) -> tuple[float | None, list[float]]:
    """Seconds from the push's start to the first playlist, and each segment's delay to
    availability (in the order they appeared)."""
    seen: dict[str, float] = {}
    media_end = 0.0
    first = None
    delays = []
    while time.monotonic() < until:
        now = time.monotonic()
        listed = segments(playlist)
        if listed and first is None:
            first = now - started
        for name, duration in listed:
            if name in seen:
                continue
            if not seen:
                # The first segment listed: media time counts from the push's start.
                media_end = 0.0
            media_end += duration
            seen[name] = now
            delays.append(now - (started + media_end))
        time.sleep(0.05)
    return first, delays


def push(url: str, seconds: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-re",
            *SOURCE, *TONE, "-t", str(seconds),
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "50",
            "-b:v", "1500k", "-c:a", "aac", "-b:a", "128k", "-f", "flv", url,
        ]
    )  # fmt: skip


def direct(folder: Path, seconds: int) -> subprocess.Popen:
    """The baseline: the same source straight to 240p HLS, as the ladder encodes it."""
    folder.mkdir(parents=True)
    return subprocess.Popen(
        [
            "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-re",
            *SOURCE, *TONE, "-t", str(seconds),
            "-vf", "fps=15,scale=-2:240", "-c:v", "libx264", "-preset", "veryfast",
            "-tune", "zerolatency", "-b:v", "160k",
            "-force_key_frames", f"expr:gte(t,n_forced*{ingest.SEGMENT_SECONDS})",
            "-c:a", "aac", "-b:a", "32k", "-ac", "1", "-f", "hls",
            "-hls_time", str(ingest.SEGMENT_SECONDS), "-hls_list_size", "0",
            str(folder / "index.m3u8"),
        ]
    )  # fmt: skip


def bitrate(folder: Path) -> float:
    files = [str(folder / name) for name, _d in segments(folder / "index.m3u8")]
    answer = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=bit_rate", "-of", "json",
         "concat:" + "|".join(files)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(json.loads(answer.stdout)["format"]["bit_rate"]) / 1000


def summary(delays: list[float]) -> str:
    steady = delays[2:] or delays
    return (
        f"median {statistics.median(steady):5.2f} s, max {max(steady):5.2f} s "
        f"over {len(steady)} segments"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=40)
    options = parser.parse_args()
    lacks = ingest.missing()
    if lacks:
        print(f"cannot run: this machine lacks {', '.join(lacks)}")
        return 2
    load = os.getloadavg()
    print(f"{platform.node()}, {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-broadcast-") as workdir:
        work = Path(workdir)
        settings.LIVE_HLS_ROOT = work / "hls"
        settings.LIVE_RECORDINGS_ROOT = work / "recordings"
        checker = http.server.ThreadingHTTPServer(("127.0.0.1", 0), KeyCheck)
        threading.Thread(target=checker.serve_forever, daemon=True).start()
        server = ingest.Ingest(
            work / "run",
            platform_url=f"http://127.0.0.1:{checker.server_port}",
            rtmp_port=free_port(),
        )
        server.start()
        try:
            folder = settings.LIVE_HLS_ROOT / PUBLICATION
            started = time.monotonic()
            encoder = push(f"{server.url}/{KEY}", options.seconds)
            until = started + options.seconds
            audio_watch = threading.Thread(
                target=lambda: results.update(
                    audio=watch(folder / "audio/index.m3u8", started, until)
                )
            )
            results: dict = {}
            audio_watch.start()
            first, delays = watch(folder / "240p/index.m3u8", started, until)
            audio_watch.join()
            encoder.wait()
            audio_kbps = bitrate(folder / "audio")
            video_kbps = bitrate(folder / "240p")
        finally:
            server.stop()
            checker.shutdown()

        base_folder = work / "direct"
        started = time.monotonic()
        baseline = direct(base_folder, options.seconds)
        _base_first, base_delays = watch(
            base_folder / "index.m3u8", started, started + options.seconds
        )
        baseline.wait()

    if not delays or not base_delays:
        print("no segment seen: see the ingest's log above")
        return 1
    end_to_end = statistics.median(delays[2:] or delays) + PLAYER_BEHIND
    worst = max(delays[2:] or delays) + PLAYER_BEHIND
    ratio = statistics.median(delays[2:] or delays) / statistics.median(
        base_delays[2:] or base_delays
    )
    print(f"push of {options.seconds} s, 2-second segments")
    print(f"first 240p playlist after the push started: {first:5.2f} s")
    print(f"240p segment available after capture:   {summary(delays)}")
    print(f"  baseline, ffmpeg straight to HLS:       {summary(base_delays)}")
    print(f"  ratio ingest / baseline (median):       {ratio:5.2f}")
    print(
        f"240p end-to-end (+{PLAYER_BEHIND} s the player keeps behind the edge): median "
        f"{end_to_end:5.2f} s, worst {worst:5.2f} s; budget < {BUDGET_DELAY:.0f} s: "
        f"{'within' if worst < BUDGET_DELAY else 'OVER'}"
    )
    print(
        f"sound only: {audio_kbps:5.1f} kbit/s (ffprobe); budget < {BUDGET_AUDIO_KBPS:.0f}: "
        f"{'within' if audio_kbps < BUDGET_AUDIO_KBPS else 'OVER'}; "
        f"{audio_kbps * 3600 / 8 / 1000:5.1f} MB an hour"
    )
    hourly = video_kbps * 3600 / 8 / 1000
    print(f"240p: {video_kbps:5.1f} kbit/s with its sound; {hourly:5.1f} MB an hour")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
