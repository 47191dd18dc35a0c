"""The simplest provider: a link to a meeting held elsewhere (the meeting's own link, or
else the session's online join link), the same for everyone."""

from conferencing.providers.base import MeetingProvider


class ExternalLink(MeetingProvider):
    def join_url(self, meeting, participant, *, now):
        return meeting.link or meeting.session.join_url
