"""The video conferencing servers the platform may use, from settings.CONFERENCING_SERVERS
(read from the environment in config/settings/base.py): their addresses and secrets never
live in the database or in a page."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Server:
    name: str
    provider: str  # "bigbluebutton" or "jitsi"
    url: str
    secret: str
    app_id: str = ""
    events_token: str = ""
    checksum: str = "sha256"


def servers() -> dict[str, Server]:
    return {
        name: Server(name=name, **spec)
        for name, spec in getattr(settings, "CONFERENCING_SERVERS", {}).items()
    }


def server(name: str, provider: str | None = None) -> Server | None:
    """The server called `name` (of `provider` when given), or None."""
    found = servers().get(name)
    if found is None or (provider is not None and found.provider != provider):
        return None
    return found


def server_choices() -> list[tuple[str, str]]:
    return [("", "---------")] + [
        (name, f"{name} ({found.provider})") for name, found in sorted(servers().items())
    ]
