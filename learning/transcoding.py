"""Transcoding a video with ffmpeg into the low-bandwidth ladder learners choose from.

Works on local files only: learning.services.video copies the upload out of storage,
calls `transcode`, and saves what it made back through storage. One ffmpeg run decodes the
source once and writes every rung; a second takes the poster.

The ladder (bitrates are the targets; x264 holds them with a capped buffer):
- audio only: AAC mono 32 kbit/s in .m4a (a 10-minute lesson is about 2.4 MB);
- 240p: H.264 main at 88 kbit/s and 15 frames per second, AAC mono 32 kbit/s: about
  120 kbit/s, so a 10-minute lesson stays under 10 MB;
- 360p: 340 + 48 kbit/s, when the source is at least that big;
- 720p: 1100 + 96 kbit/s (stereo), when the source is at least that big.
A rung's height is the short side of the picture, so a portrait video gets the same sizes.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

# x264's speed against size trade-off: "veryfast" transcodes a 10-minute lesson in a
# fraction of its duration on two cores (bench/video.py) at these bitrates.
PRESET = "veryfast"
POSTER_SHORT_SIDE = 360
POSTER_AT = 0.10  # into the video, past a title card's fade-in


@dataclass(frozen=True)
class RungSpec:
    rung: str
    short_side: int | None  # None: audio only
    video_kbps: int
    audio_kbps: int
    channels: int
    max_fps: int


LADDER = (
    RungSpec("audio", None, 0, 32, 1, 0),
    RungSpec("240p", 240, 88, 32, 1, 15),
    RungSpec("360p", 360, 340, 48, 1, 30),
    RungSpec("720p", 720, 1100, 96, 2, 30),
)


class TranscodeError(Exception):
    """ffmpeg could not read or write the video; `reason` says why, in ffmpeg's words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Probe:
    duration: float
    width: int
    height: int
    fps: float
    has_audio: bool


@dataclass
class Output:
    rung: str
    path: Path
    width: int | None = None
    height: int | None = None
    size: int = 0
    bitrate: int = 0


@dataclass
class Result:
    probe: Probe
    outputs: list[Output]
    poster: Path | None


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def _run(command: list[str], *, timeout: float, source: Path) -> subprocess.CompletedProcess:
    try:
        completed = subprocess.run(  # noqa: S603
            command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError as error:
        raise TranscodeError(f"{command[0]} is not installed on the task worker") from error
    except subprocess.TimeoutExpired as error:
        raise TranscodeError(f"{command[0]} took longer than {int(timeout)} seconds") from error
    if completed.returncode != 0:
        raise TranscodeError(_reason(completed.stderr, source) or f"{command[0]} failed")
    return completed


def _reason(stderr: bytes, source: Path) -> str:
    """ffmpeg's last words, without the worker's temporary paths."""
    lines = [line.strip() for line in stderr.decode(errors="replace").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    reason = lines[-1]
    for path in (str(source), str(source.parent) + "/"):
        reason = reason.replace(path + ": ", "").replace(path, "")
    return reason[:500]


def probe(source: Path) -> Probe:
    """What the video is; TranscodeError when ffprobe cannot read it or it has no picture."""
    completed = _run(
        [
            "ffprobe",
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            str(source),
        ],
        timeout=60,
        source=source,
    )
    try:
        data = json.loads(completed.stdout or b"{}")
    except ValueError as error:
        raise TranscodeError("ffprobe gave no description of the file") from error
    streams = data.get("streams", [])
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video"
            and not s.get("disposition", {}).get("attached_pic")
            and s.get("width")
        ),
        None,
    )
    if video is None:
        raise TranscodeError("The file has no video stream")
    try:
        duration = float(data.get("format", {}).get("duration") or video.get("duration") or 0)
    except ValueError:
        duration = 0.0
    if duration <= 0:
        raise TranscodeError("The video's duration cannot be read")
    width, height = int(video["width"]), int(video["height"])
    if _rotation(video) in (90, 270):
        width, height = height, width
    try:
        fps = float(Fraction(video.get("avg_frame_rate") or video.get("r_frame_rate") or "25"))
    except (ValueError, ZeroDivisionError):
        fps = 25.0
    return Probe(
        duration=duration,
        width=width,
        height=height,
        fps=fps if 0 < fps <= 240 else 25.0,
        has_audio=any(s.get("codec_type") == "audio" for s in streams),
    )


def _rotation(stream: dict) -> int:
    angle = stream.get("tags", {}).get("rotate")
    for side_data in stream.get("side_data_list", []):
        if "rotation" in side_data:
            angle = side_data["rotation"]
    try:
        return int(float(angle or 0)) % 360
    except ValueError:
        return 0


def _even(value: float) -> int:
    return max(2, round(value / 2) * 2)


def scaled(width: int, height: int, short_side: int) -> tuple[int, int]:
    """The picture's size with its short side at `short_side` (never enlarged), both even."""
    short = min(width, height)
    target = min(short_side, short)
    if height <= width:
        return _even(width * target / height), _even(target)
    return _even(target), _even(height * target / width)


def plan(info: Probe) -> list[RungSpec]:
    """The rungs worth making: audio when there is sound, 240p always, the bigger ones only
    when the source is at least that big."""
    short = min(info.width, info.height)
    rungs = []
    for spec in LADDER:
        if spec.short_side is None:
            if info.has_audio:
                rungs.append(spec)
        elif spec.short_side <= 240 or short >= spec.short_side:
            rungs.append(spec)
    return rungs


def _video_arguments(spec: RungSpec, info: Probe, output: Path, preset: str) -> list[str]:
    width, height = scaled(info.width, info.height, spec.short_side)
    fps = min(info.fps, spec.max_fps)
    kbps = spec.video_kbps
    return [
        "-map",
        "0:v:0",
        "-map",
        "0:a:0?",
        "-vf",
        f"scale={width}:{height},setsar=1,fps={fps:.3f}",
        "-c:v",
        "libx264",
        "-preset",
        preset,
        "-profile:v",
        "main",
        "-pix_fmt",
        "yuv420p",
        "-b:v",
        f"{kbps}k",
        "-maxrate",
        f"{int(kbps * 1.15)}k",
        "-bufsize",
        f"{kbps * 2}k",
        # A keyframe every 4 seconds: seeking stays quick without wasting bits.
        "-g",
        str(max(1, round(fps * 4))),
        "-c:a",
        "aac",
        "-b:a",
        f"{spec.audio_kbps}k",
        "-ac",
        str(spec.channels),
        "-movflags",
        "+faststart",
        "-map_metadata",
        "-1",
        str(output),
    ]


def _audio_arguments(spec: RungSpec, output: Path) -> list[str]:
    return [
        "-map",
        "0:a:0",
        "-vn",
        "-c:a",
        "aac",
        "-b:a",
        f"{spec.audio_kbps}k",
        "-ac",
        str(spec.channels),
        "-movflags",
        "+faststart",
        "-map_metadata",
        "-1",
        str(output),
    ]


def transcode(source: Path, workdir: Path, *, preset: str = PRESET) -> Result:
    """Every rung of the ladder and the poster, written in `workdir`."""
    info = probe(source)
    rungs = plan(info)
    outputs = []
    command = ["ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y", "-i", str(source)]
    for spec in rungs:
        if spec.short_side is None:
            path = workdir / f"{spec.rung}.m4a"
            command += _audio_arguments(spec, path)
            outputs.append(Output(spec.rung, path))
        else:
            path = workdir / f"{spec.rung}.mp4"
            command += _video_arguments(spec, info, path, preset)
            width, height = scaled(info.width, info.height, spec.short_side)
            outputs.append(Output(spec.rung, path, width, height))
    # Generous: several times real time even for a slow worker.
    timeout = 600 + info.duration * 20
    _run(command, timeout=timeout, source=source)
    for output in outputs:
        output.size = output.path.stat().st_size
        output.bitrate = int(output.size * 8 / info.duration)
    return Result(probe=info, outputs=outputs, poster=_poster(source, workdir, info))


def _poster(source: Path, workdir: Path, info: Probe) -> Path | None:
    """A small JPEG of the picture at 10% of the video; none if ffmpeg cannot take one."""
    path = workdir / "poster.jpg"
    width, height = scaled(info.width, info.height, POSTER_SHORT_SIDE)
    command = [
        "ffmpeg",
        "-nostdin",
        "-hide_banner",
        "-v",
        "error",
        "-y",
        "-ss",
        f"{info.duration * POSTER_AT:.3f}",
        "-i",
        str(source),
        "-frames:v",
        "1",
        "-vf",
        f"scale={width}:{height},setsar=1",
        "-q:v",
        "7",
        "-map_metadata",
        "-1",
        str(path),
    ]
    try:
        _run(command, timeout=120, source=source)
    except TranscodeError:
        return None
    return path if path.exists() and path.stat().st_size else None
