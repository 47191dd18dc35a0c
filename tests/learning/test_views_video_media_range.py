"""With DEBUG on (`make run`) video files are served by ranges, as nginx does in
production: a player seeks, and some players refuse to play without."""

import importlib

import pytest
from django.urls import clear_url_caches

import config.urls

pytestmark = pytest.mark.django_db
CONTENT = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def rendition(settings, tmp_path):
    """DEBUG on, a rendition in a media folder of the test's own; its URL."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    importlib.reload(config.urls)
    clear_url_caches()
    (tmp_path / "video" / "7").mkdir(parents=True)
    (tmp_path / "video" / "7" / "240p.mp4").write_bytes(CONTENT)
    yield "/media/video/7/240p.mp4"
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_whole_file_says_it_accepts_ranges(client, rendition):
    """Without a Range header the whole file comes, announcing byte ranges."""
    response = client.get(rendition)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == CONTENT


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [("bytes=0-1", 0, 1), ("bytes=100-199", 100, 199), ("bytes=10000-", 10000, 10239),
     ("bytes=-40", 10200, 10239), ("bytes=10200-99999", 10200, 10239)],
)  # fmt: skip
def test_a_range_gets_206_with_those_bytes(client, rendition, header, start, end):
    """A player asking for a range gets just those bytes, with their place in the file."""
    response = client.get(rendition, headers={"range": header})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/10240"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Content-Type"] == "video/mp4"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == CONTENT[start : end + 1]


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=300-200", "bytes=-0"])
def test_a_range_beyond_the_file_gets_416(client, rendition, header):
    """A range that is not in the file is refused with the file's size."""
    response = client.get(rendition, headers={"range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */10240"


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-1", "bytes=-"])
def test_other_range_forms_get_the_whole_file(client, rendition, header):
    """Several ranges or another unit get the whole file, which HTTP allows."""
    response = client.get(rendition, headers={"range": header})
    assert response.status_code == 200
    assert body(response) == CONTENT
