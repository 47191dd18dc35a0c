"""Template tags for the site's chrome: language switcher."""

from django import template

from cms.selectors import language_links

register = template.Library()


@register.inclusion_tag("cms/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    page = context.get("page")
    if not hasattr(page, "get_translations"):
        page = None
    links = language_links(request, page, context["platform"].homes)
    current = next((link for link in links if link.is_current), None)
    return {"links": links, "current": current}
