"""Template tags of the trainer's pages: the links later stages add to a session."""

from django import template
from django.utils import timezone

from enrollment import parts

register = template.Library()


@register.simple_tag
def session_links(session, page: str, now=None):
    """The registered links of `session` on My sessions ("my_sessions") or its roster."""
    return parts.session_links(session, page=page, now=now or timezone.now())
