"""Helpers of the video lesson tests: a real clip made by ffmpeg's test sources, uploads
kept in a temporary MEDIA_ROOT, a lesson with a video block."""

import atexit
import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtailmedia import get_media_model

from courses.factories import CoursePageFactory, ThemePageFactory
from learning.factories import LessonPageFactory, ModulePageFactory

needs_ffmpeg = pytest.mark.skipif(
    shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None,
    reason="ffmpeg is not installed (Debian package ffmpeg; .ci/run installs it)",
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions land in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@functools.cache
def make_clip() -> Path:
    """A 3-second 1280x720 clip with a tone, made once by ffmpeg's test sources."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.skip("ffmpeg is not installed (Debian package ffmpeg; .ci/run installs it)")
    folder = tempfile.mkdtemp(prefix="clip-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = Path(folder) / "clip.mp4"
    subprocess.run(  # noqa: S603
        [
            ffmpeg, "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest",
            str(path),
        ],
        check=True,
    )  # fmt: skip
    return path


def upload_video(content: bytes, name: str = "lesson.mp4", title: str = "Flood maps"):
    """A video as an editor's upload saves it (which queues its transcoding)."""
    return get_media_model().objects.create(
        title=title, type="video", file=ContentFile(content, name=name)
    )


def lesson_with_video(home, media, *, title="Reading flood maps"):
    """A lesson under a course of the site `home`, its body one video block."""
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    module = ModulePageFactory(parent=course)
    return LessonPageFactory(parent=module, body=[("video", {"video": media, "title": title})])
