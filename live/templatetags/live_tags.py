"""Template helpers of the live room: elements shown or hidden by the flags of their
question, poll or room (the page's script applies the same rule when the flags change)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def shown(flags: str, when: str = "", unless: str = "") -> SafeString:
    """` data-if="…" data-unless="…"`, plus ` hidden` unless `flags` hold every word of
    `when` and none of `unless`."""
    have = set(str(flags).split())
    visible = set(when.split()) <= have and not set(unless.split()) & have
    attributes = ""
    if when:
        attributes += format_html(' data-if="{}"', when)
    if unless:
        attributes += format_html(' data-unless="{}"', unless)
    return mark_safe(attributes + ("" if visible else " hidden"))  # noqa: S308 - built by format_html
