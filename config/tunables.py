"""Every tunable of the platform, declared once: its type, default, lower bound and what it
does. config/settings/base.py builds a setting from each (an environment variable of the
same name overrides the default where the spec allows), code reads `settings.NAME`, and
docs/settings.md shows the table `python -m config.tunables` prints."""

import copy
from dataclasses import dataclass

from config import env


@dataclass(frozen=True)
class Tunable:
    name: str
    type: type
    default: object
    description: str
    minimum: float = 0
    # Whether the environment variable `name` may override the default.
    from_env: bool = True

    def read(self):
        """The value for settings: the environment's if set (checked), else the default."""
        if not self.from_env:
            return copy.deepcopy(self.default)
        if self.type is bool:
            return env.boolean(self.name, self.default)
        if self.type is int:
            return env.integer(self.name, self.default, minimum=int(self.minimum))
        if self.type is float:
            return env.number(self.name, self.default, minimum=self.minimum)
        if self.type is str:
            return env.string(self.name, self.default)
        raise TypeError(f"{self.name}: no environment reader for {self.type.__name__}")


TUNABLES = (
    # --- accounts
    Tunable("SIGNUP_OPEN", bool, True, "Whether anyone may create an account."),
    Tunable(
        "ENROLLMENT_RATE_LIMIT",
        int,
        20,
        "Enrollments, cancellations and seat confirmations a learner may post per minute "
        "(then the 429 page).",
        minimum=1,
    ),
    Tunable(
        "CHECK_IN_RATE_LIMIT",
        int,
        10,
        "Check-in attempts (typed, or opened from the room's QR code) per learner per minute.",
        minimum=1,
    ),
    Tunable(
        "ACCOUNT_DELETE_RATE_LIMIT",
        int,
        5,
        "Attempts per minute at the account deletion form, which asks for the password.",
        minimum=1,
    ),
    # --- pages
    Tunable(
        "PUBLIC_PAGE_CACHE_SECONDS",
        int,
        300,
        "Seconds the shared cache keeps a public page (home, catalog, themes, courses, "
        "impact) for anonymous readers; publishing and seat changes refresh it at once, this "
        "bounds what only time changes, such as a session's enrollment opening (0: no cache).",
    ),
    # --- enrollment
    Tunable(
        "ENROLLMENT_SEAT_HOLD_HOURS",
        int,
        0,
        "When a seat frees, hold it this many hours for the next waitlisted learner to "
        "confirm (0: they are confirmed at once).",
    ),
    Tunable(
        "ENROLLMENT_CHECK_IN_CODE_MINUTES",
        int,
        3,
        "How often the room's check-in code changes (the previous code stays valid one more "
        "period).",
        minimum=1,
    ),
    # --- live room
    Tunable(
        "LIVE_ATTENDANCE_MINUTES",
        int,
        30,
        "Minutes a confirmed learner must be connected to the live room, or to the session's "
        "video meeting, in a day to count as attending online.",
        minimum=1,
    ),
    Tunable(
        "LIVE_CREDIT_SECONDS",
        float,
        60.0,
        "How often connected learners are credited with the time they spent in the room.",
        minimum=1,
    ),
    Tunable(
        "LIVE_REPLAY_LIMIT",
        int,
        500,
        "A client further behind than this many events gets a fresh snapshot instead.",
        minimum=1,
    ),
    Tunable(
        "LIVE_LONG_POLL_SECONDS",
        float,
        25.0,
        "How long the HTTP fallback holds a request open waiting for an event.",
    ),
    Tunable(
        "LIVE_TALLY_SECONDS",
        float,
        0.1,
        "Votes are gathered into one tally event at most this often per room.",
    ),
    Tunable("LIVE_PRESENCE_SECONDS", float, 2.0, "Presence counts are sent at most this often."),
    Tunable(
        "LIVE_PAGE_LAG_SECONDS",
        float,
        5.0,
        "How long the live room's page, rendered once for everyone arriving who has not yet "
        "acted in the room, may be given out after the room changed; the page's script then "
        "fetches the events since (0: every change renders it again).",
    ),
    Tunable(
        "LIVE_IDLE_SECONDS",
        float,
        75.0,
        "A connection that sent nothing (not even a ping) for this long is closed.",
        minimum=1,
    ),
    Tunable(
        "LIVE_JOINS_PER_ADDRESS",
        int,
        1000,
        "Live room websocket joins (first connections and reconnections) one network address "
        "may make per minute in each server process; past it a join is refused with a "
        "message to try again in a minute. Generous on purpose: the participants of a "
        "hybrid session in one venue, or of one university, often share one address.",
        minimum=1,
    ),
    Tunable(
        "LIVE_MAX_FRAME_BYTES",
        int,
        4096,
        "Frames above this get an error frame from the room (docs/live-protocol.md). Fixed: "
        "the servers' own message limit (uvicorn's --ws-max-size) is four times it.",
        from_env=False,
    ),
    Tunable(
        "LIVE_RATE_LIMITS",
        dict,
        {"ask": 5, "vote": 60, "poll_vote": 30, "moderate": 300},
        "Live room actions per person per minute, by action.",
        from_env=False,
    ),
    # --- learning
    Tunable(
        "DISCUSSION_RATE_LIMIT",
        int,
        20,
        "Lesson discussion posts, votes, reports and moderations a person may send per "
        "minute (then the 429 page).",
        minimum=1,
    ),
    Tunable(
        "DISCUSSION_REPORTS_TO_HIDE",
        int,
        3,
        "A discussion post reported by this many people is hidden until a trainer reviews it.",
        minimum=1,
    ),
    Tunable(
        "VIDEO_MAX_UPLOAD_MB",
        int,
        1024,
        "Largest audio or video file editors may upload in the admin, in megabytes (the "
        "reverse proxy's own limit must allow it: docs/deploy.md).",
        minimum=1,
    ),
    # --- surveys
    Tunable(
        "SURVEY_OPEN_DAYS",
        int,
        14,
        "A session's satisfaction survey opens on its last day and closes this many days "
        "after it ends (each survey may set its own dates).",
        minimum=1,
    ),
    Tunable(
        "SURVEY_REMINDER_DAYS",
        int,
        3,
        "The one survey reminder goes this many days after the invitation.",
        minimum=1,
    ),
    Tunable(
        "SURVEY_MIN_RESPONDENTS",
        int,
        5,
        "Survey results with fewer respondents are not shown, so nobody can be recognised.",
        minimum=1,
    ),
    # --- certificates
    Tunable(
        "CERTIFICATE_SIGNING_KEY",
        str,
        "",
        "Ed25519 private key that signs Open Badges credentials: PEM, or the 32-byte seed in "
        "base64url (`manage.py generate_signing_key` prints one). Empty: derived from "
        "SECRET_KEY, in development only; production refuses it (docs/certificates.md).",
    ),
    # --- reporting
    Tunable(
        "REPORTING_MIN_CELL",
        int,
        10,
        'On public impact pages and open data, counts of people below this read "fewer than N".',
        minimum=1,
    ),
    Tunable(
        "REPORTING_PUBLIC_CACHE_SECONDS",
        int,
        3 * 60 * 60,
        "How long an impact page's figures are reused before they are computed again.",
    ),
    # --- privacy
    Tunable(
        "PRIVACY_RETENTION_DAYS",
        int,
        3 * 365,
        "`purge_inactive_accounts` erases learner accounts not seen for this many days "
        "(0: never); see docs/privacy.md.",
    ),
    # --- operations
    Tunable(
        "DATABASE_POOL_SIZE",
        int,
        20,
        "PostgreSQL connections each server process may hold open and share between its "
        "threads (0: a new connection for every request and database step; the task workers' "
        "unit sets 0, as RQ forks). Keep processes × this under PostgreSQL's max_connections "
        "(100 by default).",
    ),
    Tunable(
        "HTTP_CONCURRENCY",
        int,
        8,
        "HTTP requests each server process serves at a time; the others wait their turn "
        "without a thread or a database connection. Keep it under DATABASE_POOL_SIZE: the "
        "rest of the pool stays free for the live room's arrivals and actions. The live "
        "room's HTTP fallback (/api/live/, long polls), /healthz and the media admin "
        "(/admin/media/, where videos are uploaded) are not counted.",
        minimum=1,
    ),
    Tunable(
        "HEALTH_CHECK_TIMEOUT",
        float,
        2.0,
        "Seconds /healthz waits for the channel layer to answer.",
        minimum=0.1,
    ),
    Tunable(
        "TASK_TIMEOUT_SECONDS",
        int,
        600,
        "Seconds an RQ worker lets one background task run before stopping it (with Redis).",
        minimum=1,
    ),
)

BY_NAME = {tunable.name: tunable for tunable in TUNABLES}


def default(name: str):
    return copy.deepcopy(BY_NAME[name].default)


def settings_values() -> dict[str, object]:
    """Every tunable's value, as config/settings/base.py sets them."""
    return {tunable.name: tunable.read() for tunable in TUNABLES}


def _shown(value) -> str:
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if value == "":
        return "empty"
    if isinstance(value, dict):
        return ", ".join(f"`{key}`: {number}" for key, number in value.items())
    return f"`{value}`"


def markdown_table() -> str:
    """The table of docs/settings.md."""
    lines = [
        "| setting | type | default | environment variable | meaning |",
        "|---|---|---|---|---|",
    ]
    for tunable in TUNABLES:
        variable = "yes" if tunable.from_env else "no (settings only)"
        lines.append(
            f"| `{tunable.name}` | {tunable.type.__name__} | {_shown(tunable.default)} "
            f"| {variable} | {tunable.description} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
