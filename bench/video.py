"""Benchmark of video lessons: the low-bandwidth ladder of a 10-minute lesson, and what
transcoding it costs.

It makes a clip with ffmpeg's test sources (testsrc2, a moving picture with a counter, and a
440 Hz tone; 640x360 at 25 frames per second by default, x264 ultrafast so that making it is
quick), then, in the same run:

* Baselines: `ffmpeg -c copy` of the clip into a faststart MP4 (what storing the upload
  as it came costs), and a decode of the clip to nothing (the least any transcoding costs).
* The platform's transcoding (`learning.transcoding.transcode`, what the background task
  runs): every rung of the ladder and the poster, in one ffmpeg run plus the poster's.

It prints each rung's size, bitrate and picture size, the 240p rendition's size against the
budget (a 10-minute lesson at its lowest video rung at most 10 MB), and the seconds each step
took with their ratio to the clip's duration (below 1: faster than real time) and to the
decode baseline. The tool's own workdir is a temporary directory, deleted at the end.

Run from the project root:  .venv/bin/python bench/video.py [--minutes 10] [--size 640x360]
(about 1 to 2 minutes on two cores with the defaults; --size 1280x720 adds the 720p rung and
takes several times longer.)
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from learning import transcoding  # noqa: E402

BUDGET_240P_MB = 10.0


def run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdin=subprocess.DEVNULL)
    return time.perf_counter() - started


def make_clip(path: Path, seconds: int, size: str) -> float:
    return run(
        [
            "ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k", "-shortest", str(path),
        ]
    )  # fmt: skip


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the clip")
    parser.add_argument("--size", default="640x360", help="the clip's picture, WxH")
    arguments = parser.parse_args()
    if not transcoding.ffmpeg_available():
        print("ffmpeg and ffprobe are needed (Debian: apt install ffmpeg).", file=sys.stderr)
        return 2
    seconds = int(arguments.minutes * 60)
    version = subprocess.run(
        ["ffmpeg", "-version"], capture_output=True, text=True, check=True
    ).stdout.splitlines()[0]  # fmt: skip
    print(f"{version}; Python {platform.python_version()}; {os.cpu_count()} CPUs")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    with tempfile.TemporaryDirectory(prefix="video-bench-") as folder:
        work = Path(folder)
        clip = work / "clip.mp4"
        made = make_clip(clip, seconds, arguments.size)
        print(
            f"clip: {arguments.minutes:g} min {arguments.size} 25 fps + tone, "
            f"{megabytes(clip.stat().st_size)} MB, made in {made:.1f} s"
        )
        copy_seconds = run(
            ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(clip), "-c", "copy",
             "-movflags", "+faststart", str(work / "copy.mp4")]
        )  # fmt: skip
        decode_seconds = run(
            ["ffmpeg", "-nostdin", "-v", "error", "-i", str(clip), "-f", "null", "-"]
        )  # fmt: skip
        out = work / "ladder"
        out.mkdir()
        started = time.perf_counter()
        result = transcoding.transcode(clip, out)
        transcode_seconds = time.perf_counter() - started

        duration = result.probe.duration
        print()
        print("| rung | picture | size (MB) | bitrate (kbit/s) | MB per 10 min |")
        print("|---|---|---:|---:|---:|")
        for output in result.outputs:
            picture = f"{output.width}x{output.height}" if output.width else "audio"
            per_ten = output.size * 600 / duration
            print(
                f"| {output.rung} | {picture} | {megabytes(output.size)} "
                f"| {output.bitrate / 1000:.0f} | {megabytes(int(per_ten))} |"
            )
        if result.poster:
            print(f"| poster | jpeg | {result.poster.stat().st_size / 1000:.1f} kB | | |")
        lowest = next(o for o in result.outputs if o.rung == "240p")
        lowest_ten = lowest.size * 600 / duration / 1_000_000
        verdict = "within" if lowest_ten <= BUDGET_240P_MB else "OVER"
        print()
        print(
            f"240p for 10 minutes: {lowest_ten:.2f} MB, {verdict} the {BUDGET_240P_MB:g} MB budget"
        )
        print()
        print("| step | seconds | × clip duration | × decode baseline |")
        print("|---|---:|---:|---:|")
        for name, took in (
            ("baseline: ffmpeg -c copy", copy_seconds),
            ("baseline: decode only", decode_seconds),
            ("platform: transcode ladder + poster", transcode_seconds),
        ):
            print(f"| {name} | {took:.1f} | {took / duration:.3f} | {took / decode_seconds:.1f} |")
        shutil.rmtree(out, ignore_errors=True)
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    sys.exit(main())
