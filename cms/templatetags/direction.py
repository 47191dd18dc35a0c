"""Filters that isolate text embedded in a translated sentence: `bdi` for what people
typed (titles, names, venues), `ltr` for addresses, codes and time zones. In HTML they
wrap the text in <bdi>; in plain text (an email's text part, `{% autoescape off %}`) they
use the Unicode isolates of cms.direction."""

from django import template
from django.utils.html import format_html

from cms import direction

register = template.Library()


@register.filter(needs_autoescape=True)
def bdi(value, autoescape=True):
    """`Hello {{ name|bdi }}`: the name keeps its own direction inside the sentence."""
    if value in (None, ""):
        return ""
    if not autoescape:
        return direction.isolate(value)
    return format_html("<bdi>{}</bdi>", value)


@register.filter(needs_autoescape=True)
def ltr(value, autoescape=True):
    """`{{ url|ltr }}`: read left to right, whatever the sentence around it."""
    if value in (None, ""):
        return ""
    if not autoescape:
        return direction.ltr(value)
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter(needs_autoescape=True)
def address(value, autoescape=True):
    """`{{ url|address }}`: a web address shown as text, read left to right."""
    if value in (None, ""):
        return ""
    if not autoescape:
        return direction.ltr_address(value)
    return format_html('<bdi dir="ltr">{}</bdi>', value)
