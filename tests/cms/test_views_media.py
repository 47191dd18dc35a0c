"""Uploads under /media/ with DEBUG on (`make run`): downloads that cannot run on the site."""

import importlib

import pytest
from django.urls import clear_url_caches

import config.urls

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def debug_media(settings, tmp_path):
    """DEBUG on, as in `make run`, with uploads in a folder of the test's own."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    importlib.reload(config.urls)
    clear_url_caches()
    yield tmp_path
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def upload(root, name: str, content: bytes) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(content)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "uploads/lesson.html",
        "uploads/tracker.js",
        "images/drawing.svg",
        "original_images/page.html",
    ],
)
def test_uploaded_code_is_a_sandboxed_download(client, debug_media, name):
    """An uploaded .html, .js or .svg file downloads instead of running on the site: it is
    an attachment, in a sandbox with no source allowed, and its type is not guessed."""
    upload(debug_media, name, b"<script>alert(document.cookie)</script>")

    response = client.get(f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.django_db
def test_images_pages_show_stay_inline_but_sandboxed(client, debug_media):
    """A rendition the pages show as an image is sent inline, still sandboxed."""
    upload(debug_media, "images/photo.width-400.png", PNG)

    response = client.get("/media/images/photo.width-400.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "inline"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.django_db
def test_document_files_are_never_served_directly(client, debug_media):
    """A document's file is reached only through Wagtail's /documents/ view: 404 here."""
    upload(debug_media, "documents/report.pdf", b"%PDF-1.4")

    assert client.get("/media/documents/report.pdf").status_code == 404
