"""Text people typed, shown on a page: escaped, with its web addresses as safe links
(cms.usertext.render)."""

from django import template
from django.utils.safestring import SafeString

from cms import usertext

register = template.Library()


@register.filter
def user_text(value) -> SafeString:
    return usertext.render(value or "")
