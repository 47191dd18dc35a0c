"""Uploads under /media/ when the application serves them itself (DEBUG, `make run`); in
production nginx serves MEDIA_ROOT with the same headers (deploy/nginx.conf).

A trainer's upload is never a page of this site: whatever it holds (an .html or .js
document, an SVG), it is sent as a download, in a sandbox with no right to run anything,
and without letting the browser guess another type. Only the images pages show (Wagtail's
originals and renditions, in raster formats) are sent inline, still sandboxed.

Byte ranges are answered (206), as nginx does: a video or audio player seeks with them, and
some refuse to play at all without.
"""

import re

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.views.static import serve

INLINE_FOLDERS = ("images/", "original_images/")
INLINE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif")
# The same policy as deploy/nginx.conf's /media/ location.
UPLOAD_POLICY = "default-src 'none'; sandbox"


def serve_upload(request, path: str):
    # Documents go through Wagtail's /documents/ view, where their privacy settings apply.
    if not settings.DEBUG or path.startswith("documents/"):
        raise Http404
    response = _byte_range(request, serve(request, path, document_root=settings.MEDIA_ROOT))
    content_type = response.get("Content-Type", "").split(";")[0]
    inline = path.startswith(INLINE_FOLDERS) and content_type in INLINE_TYPES
    response["Content-Disposition"] = "inline" if inline else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = UPLOAD_POLICY
    return response


# One range only ("bytes=100-199", "bytes=100-", "bytes=-500"); anything else gets the whole
# file, which HTTP allows.
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def _byte_range(request, response):
    if response.status_code != 200 or not isinstance(response, FileResponse):
        return response
    response["Accept-Ranges"] = "bytes"
    match = RANGE.match(request.headers.get("Range", "").strip())
    if not match or match.groups() == ("", ""):
        return response
    size = int(response["Content-Length"])
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:
        start, end = max(0, size - int(last)), size - 1
    if start >= size or end < start:
        response.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    stream = response.file_to_stream
    stream.seek(start)
    partial = StreamingHttpResponse(
        _read(stream, end - start + 1), status=206, content_type=response["Content-Type"]
    )
    for header in ("Last-Modified", "Accept-Ranges"):
        if header in response:
            partial[header] = response[header]
    partial["Content-Length"] = str(end - start + 1)
    partial["Content-Range"] = f"bytes {start}-{end}/{size}"
    return partial


def _read(stream, length: int):
    try:
        while length > 0:
            chunk = stream.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        stream.close()
