"""Template tags of the account's pages."""

from django import template

from accounts import links, permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def account_links(context):
    """The links later stages register for the person's own account pages."""
    return links.account_links(context.get("request"))


@register.filter
def may_open_admin(user) -> bool:
    return permissions.may_open_admin(user)
