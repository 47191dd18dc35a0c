"""The live broadcast's addresses outside the pages: the RTMP ingest's callbacks (nginx
calls them, live.ingest), and the HLS playlists and segments when no nginx serves them
(development; production serves LIVE_HLS_ROOT from nginx, docs/deploy.md)."""

import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from live import broadcasts, ingest

CALLS = ("publish", "update", "publish_done", "record_done")
PUBLICATION = re.compile(r"\d+-[A-Za-z0-9_-]+")
RENDITIONS = "|".join(re.escape(r.name) for r in ingest.LADDER)
HLS_FILE = re.compile(rf"index\.m3u8|(?:{RENDITIONS})/(?:index\.m3u8|\d+\.ts)")
TYPES = {".m3u8": "application/vnd.apple.mpegurl", ".ts": "video/mp2t"}


@csrf_exempt
@require_POST
def callback(request, token: str, call: str):
    """nginx-rtmp's notifications, form-encoded: 2xx lets the stream go on, 403 drops it,
    a redirect renames the stream (to its publication name)."""
    if call not in CALLS or not constant_time_compare(token, ingest.callback_token()):
        # Never a redirect (nginx would take it for a new stream name): refused.
        return HttpResponse("refused", status=403, content_type="text/plain")
    name = request.POST.get("name", "")
    if call == "publish":
        publication = broadcasts.ingest_publish(stream_key=name)
        if publication is None:
            return HttpResponse("refused", status=403, content_type="text/plain")
        response = HttpResponse(status=302)
        response["Location"] = publication
        return response
    if call == "update":
        ok = broadcasts.ingest_still_valid(name=name)
        return HttpResponse(status=200 if ok else 403)
    if call == "publish_done":
        broadcasts.ingest_publish_done(stream_key=name)
    else:
        broadcasts.ingest_recorded(path=request.POST.get("path", ""))
    return HttpResponse(status=200)


@require_GET
def hls(request, publication: str, name: str):
    """A playlist or segment of a publication. Playlists change every segment: never
    cached; a segment never changes."""
    if not PUBLICATION.fullmatch(publication) or not HLS_FILE.fullmatch(name):
        return not_found()
    path = settings.LIVE_HLS_ROOT / publication / name
    try:
        # Small files (a playlist, two seconds of a rendition): read at once, which suits
        # the ASGI server better than a file streamed in chunks.
        content = path.read_bytes()
    except OSError:
        return not_found()
    suffix = path.suffix
    response = HttpResponse(content, content_type=TYPES[suffix])
    response["Cache-Control"] = "no-cache" if suffix == ".m3u8" else "public, max-age=60"
    return response


def not_found():
    """A plain 404: these addresses have no language, and no page to send a reader to."""
    return HttpResponseNotFound("not found", content_type="text/plain")
