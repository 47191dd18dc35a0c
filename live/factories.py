"""Factories for live rooms, questions, polls and who was connected."""

import factory

from accounts.factories import UserFactory
from courses.factories import TrainingSessionFactory
from enrollment.selectors import session_days
from live.models import OnlinePresence, Poll, PollOption, Question, QuestionStatus, Room, RoomState


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    session = factory.SubFactory(TrainingSessionFactory)
    state = RoomState.LIVE


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    room = factory.SubFactory(RoomFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Question number {n}?")
    status = QuestionStatus.VISIBLE


class PollFactory(factory.django.DjangoModelFactory):
    """A poll with `options=["Yes", "No"]` by default."""

    class Meta:
        model = Poll
        skip_postgeneration_save = True

    room = factory.SubFactory(RoomFactory)
    question = factory.Sequence(lambda n: f"Poll {n}?")

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        if create:
            for position, text in enumerate(extracted or ["Yes", "No"]):
                PollOption.objects.create(poll=self, text=text, position=position)


class OnlinePresenceFactory(factory.django.DjangoModelFactory):
    """`user` was connected to the room for ten minutes on its session's first day."""

    class Meta:
        model = OnlinePresence

    room = factory.SubFactory(RoomFactory)
    user = factory.SubFactory(UserFactory)
    day = factory.LazyAttribute(lambda presence: session_days(presence.room.session)[0])
    seconds = 600
