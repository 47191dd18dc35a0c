"""The Content Security Policy of every response: strict on the public site, relaxed for
Wagtail's admin, and open to the site's own websocket for the live room."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import DisallowedHost


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # Only documents that can run scripts need a policy; on a PDF, Chromium would apply
        # it to its own viewer and show a blank page.
        if not response.get("Content-Type", "").startswith(SCRIPTABLE_TYPES):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        if getattr(request, "is_dummy", False):
            # Wagtail renders a page's preview through the middleware with a made-up request
            # to the page's own address: the page keeps the public policy, but the editor
            # beside it must be able to frame it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        socket_origin = websocket_origin(request)
        if socket_origin:
            # 'self' covers ws:// and wss:// to the same host only in browsers that follow
            # CSP level 3; name the live room's socket for the others.
            parts.update = {**(parts.update or {}), "connect-src": [socket_origin]}
        return parts


ADMIN_PREFIX = "/admin/"
SCRIPTABLE_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
)


def websocket_origin(request) -> str | None:
    """The origin live.js opens its websocket to: this host, wss:// under HTTPS."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return f"{'wss' if request.is_secure() else 'ws'}://{host}"
