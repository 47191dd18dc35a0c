"""The providers a session's video meeting may use, by the name stored on the meeting."""

from conferencing.models import Provider
from conferencing.providers.base import MeetingProvider
from conferencing.providers.bigbluebutton import BigBlueButton
from conferencing.providers.external import ExternalLink
from conferencing.providers.jitsi import Jitsi

PROVIDERS: dict[str, MeetingProvider] = {
    Provider.EXTERNAL_LINK: ExternalLink(),
    Provider.BIGBLUEBUTTON: BigBlueButton(),
    Provider.JITSI: Jitsi(),
}


def provider_for(meeting) -> MeetingProvider:
    return PROVIDERS[meeting.provider]
