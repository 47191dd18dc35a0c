"""Uploads under /media/ when the application serves them itself (DEBUG, `make run`); in
production nginx serves MEDIA_ROOT with the same headers (deploy/nginx.conf).

A trainer's upload is never a page of this site: whatever it holds (an .html or .js
document, an SVG), it is sent as a download, in a sandbox with no right to run anything,
and without letting the browser guess another type. Only the images pages show (Wagtail's
originals and renditions, in raster formats) are sent inline, still sandboxed.
"""

from django.conf import settings
from django.http import Http404
from django.views.static import serve

INLINE_FOLDERS = ("images/", "original_images/")
INLINE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif")
# The same policy as deploy/nginx.conf's /media/ location.
UPLOAD_POLICY = "default-src 'none'; sandbox"


def serve_upload(request, path: str):
    # Documents go through Wagtail's /documents/ view, where their privacy settings apply.
    if not settings.DEBUG or path.startswith("documents/"):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    content_type = response.get("Content-Type", "").split(";")[0]
    inline = path.startswith(INLINE_FOLDERS) and content_type in INLINE_TYPES
    response["Content-Disposition"] = "inline" if inline else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = UPLOAD_POLICY
    return response
