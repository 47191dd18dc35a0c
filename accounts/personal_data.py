"""What the stages that keep a person's data for partners' systems (sign-in through an
identity provider, launches from an LMS, learning records) give to the privacy stage: their
part of the person's copy of their data, and its erasure with the account. They register
under a Wagtail hook, so that privacy names none of them."""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

# Each function registered under this name returns a PersonalData.
PERSONAL_DATA_HOOK = "register_personal_data"


@dataclass(frozen=True)
class PersonalData:
    """`export(user)` gives the JSON-ready section `key` of the person's copy; `erase(user)`
    deletes it, inside the erasure's transaction."""

    key: str
    export: Callable[[object], object]
    erase: Callable[[object], None]


def personal_data() -> list[PersonalData]:
    return sorted(
        (register() for register in hooks.get_hooks(PERSONAL_DATA_HOOK)), key=lambda p: p.key
    )
