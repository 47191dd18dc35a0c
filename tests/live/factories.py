"""Factories for live rooms, questions and polls, and a helper that sets a room up with a
trainer and a confirmed learner."""

import json
from dataclasses import dataclass

import factory

from live.models import Poll, PollOption, Question, QuestionStatus, Room, RoomState
from live.selectors import events_since
from live.services import room_access
from tests.courses.factories import TrainerSnippetFactory, TrainingSessionFactory
from tests.enrollment.factories import EnrollmentFactory
from tests.factories import TrainerFactory, UserFactory


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


@dataclass
class LiveRoomSetup:
    room: Room
    trainer: object
    learner: object
    outsider: object


def live_room_setup(**room_fields) -> LiveRoomSetup:
    """A live room whose session is run by `trainer` (through a trainer profile) with one
    confirmed `learner`, and an `outsider` who has an account but no enrollment."""
    trainer = TrainerFactory()
    session = TrainingSessionFactory(trainers=[TrainerSnippetFactory(user=trainer)])
    room = RoomFactory(session=session, **room_fields)
    learner = EnrollmentFactory(session=session).user
    return LiveRoomSetup(room=room, trainer=trainer, learner=learner, outsider=UserFactory())


def access_of(user, room: Room):
    """What `user` may do in `room`, as the consumer and the views compute it."""
    return room_access(user, room.session)


def room_events(room: Room, *, moderator: bool = False, since: int = 0) -> list[dict]:
    """The event frames a participant (or a moderator) of `room` receives, in order."""
    return [json.loads(frame) for _seq, frame in events_since(room.pk, since, moderator=moderator)]
