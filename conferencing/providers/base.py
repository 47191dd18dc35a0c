"""What every video meeting provider offers the platform: a join address built for one
participant at the moment they ask, and the refusals of callbacks that fail their check."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Participant:
    """Who is joining: trainers of the session (and administrators) moderate."""

    user_id: int
    full_name: str
    moderator: bool


@dataclass(frozen=True)
class Stay:
    """One stay in a meeting as a provider reports it; `user_id` is the id the platform
    gave the provider when the participant joined."""

    user_id: str
    joined_at: datetime
    left_at: datetime


class ProviderError(Exception):
    """The provider's server refused a call or could not be reached."""


class CallbackRefused(Exception):
    """A callback whose signature or token does not check out; the message says why."""


class MeetingProvider:
    """A provider: `join_url` reads, it never changes the provider's server."""

    # Whether the meeting must be created on the provider's server before anyone joins.
    creates_meetings = False

    def join_url(self, meeting, participant: Participant, *, now: datetime) -> str:
        raise NotImplementedError
