"""Every environment variable the platform reads, parsed and checked in one place."""

import os
from urllib.parse import urlsplit

ENVIRONMENTS = ("dev", "production")

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigurationError(Exception):
    """A variable is missing or malformed; the message names it."""


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return value.strip() if value is not None else None


def string(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = _raw(name)
    if not value:
        if required:
            raise ConfigurationError(f"{name} must be set.")
        return default
    return value


def boolean(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}.")


def integer(name: str, default: int, *, minimum: int = 0) -> int:
    value = _raw(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {number}.")
    return number


def number(name: str, default: float, *, minimum: float = 0) -> float:
    value = _raw(name)
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a number, not {value!r}.") from None
    if not number >= minimum:  # also refuses nan
        raise ConfigurationError(f"{name} must be at least {minimum}, not {value}.")
    return number


def string_list(name: str, default: list[str], *, required: bool = False) -> list[str]:
    value = _raw(name)
    if not value:
        if required:
            raise ConfigurationError(f"{name} must be set (comma-separated).")
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def url(name: str, schemes: tuple[str, ...], default: str | None = None) -> str | None:
    value = _raw(name)
    if not value:
        return default
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        allowed = ", ".join(f"{scheme}://" for scheme in schemes)
        raise ConfigurationError(f"{name} must start with one of {allowed} (got {value!r}).")
    if parts.scheme not in ("sqlite",) and not parts.hostname:
        raise ConfigurationError(f"{name} has no host name (got {value!r}).")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ConfigurationError(f"{name} has a malformed port (got {value!r}).") from None
    return value


def choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = _raw(name) or default
    if value not in choices:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def environment() -> str:
    return choice("DJANGO_ENV", ENVIRONMENTS, "dev")


def default_settings_module() -> str:
    return f"config.settings.{environment()}"
