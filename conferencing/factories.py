"""Factories for video meetings."""

import factory

from conferencing.models import Provider, VideoMeeting
from courses.factories import TrainingSessionFactory


class VideoMeetingFactory(factory.django.DjangoModelFactory):
    """A session's meeting on the BigBlueButton server named "bbb" (tests configure it)."""

    class Meta:
        model = VideoMeeting

    session = factory.SubFactory(TrainingSessionFactory)
    provider = Provider.BIGBLUEBUTTON
    server = "bbb"
