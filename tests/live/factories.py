"""A live room set up with a trainer and a confirmed learner, and what its participants
receive; rooms, questions and polls come from live.factories."""

import json
from dataclasses import dataclass

from accounts.factories import TrainerFactory, UserFactory
from courses.factories import TrainerSnippetFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory
from live.factories import RoomFactory
from live.models import Room
from live.selectors import events_since
from live.services import room_access


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
