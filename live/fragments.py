"""Questions as the live room's pages show them, rendered once per process and reused by
every page that shows the same question the same way: the two thousand people arriving in a
seminar render each question once, not two thousand times.

A fragment's cache key holds everything the fragment shows (`live/includes/
question_fragment.html`). It holds nobody's CSRF token either: the forms in it carry this
process's marker, which `render_page` replaces with the reader's own token."""

import secrets

from django.middleware.csrf import get_token
from django.shortcuts import render

# Never sent to anyone: every answer replaces it. Random so that no text can spell it.
CSRF_MARKER = f"csrf-marker-{secrets.token_hex(16)}"


def render_page(request, template_name: str, context: dict, *, status: int = 200):
    token = get_token(request)
    context = {**context, "csrf_token": token, "fragment_csrf_token": CSRF_MARKER}
    response = render(request, template_name, context, status=status)
    response.content = response.content.replace(CSRF_MARKER.encode(), token.encode())
    return response
