"""Links later stages add to the person's own account pages (the account's navigation and
My learning's), registered under a Wagtail hook so that accounts never names them."""

from dataclasses import dataclass

from wagtail import hooks

# Each function registered under this name takes the request and returns an AccountLink,
# or None to add nothing.
ACCOUNT_LINKS_HOOK = "register_account_link"


@dataclass(frozen=True)
class AccountLink:
    label: str
    url: str
    order: int = 100


def account_links(request) -> list[AccountLink]:
    links = (register(request) for register in hooks.get_hooks(ACCOUNT_LINKS_HOOK))
    return sorted((link for link in links if link is not None), key=lambda link: link.order)
