import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from courses.factories import TrainerSnippetFactory, TrainingSessionFactory
from courses.models import SessionKind
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus
from live import actions, selectors, services
from live.factories import RoomFactory
from live.models import Room

pytestmark = pytest.mark.django_db


def access(user, room):
    return services.room_access(user, room.session)


def test_confirmed_learner_takes_part_without_moderating(setup):
    """A confirmed learner joins the room as a participant whose time counts."""
    result = access(setup.learner, setup.room)
    assert (result.allowed, result.moderator, result.learner) == (True, False, True)


def test_learner_whose_enrollment_is_completed_still_joins(setup):
    """A learner marked as having completed the session keeps access to its room."""
    user = EnrollmentFactory(session=setup.room.session, status=EnrollmentStatus.COMPLETED).user
    result = access(user, setup.room)
    assert result.allowed
    assert not result.moderator


@pytest.mark.parametrize(
    "status",
    [
        EnrollmentStatus.PENDING,
        EnrollmentStatus.WAITLISTED,
        EnrollmentStatus.CANCELLED,
        EnrollmentStatus.REJECTED,
        EnrollmentStatus.NO_SHOW,
    ],
)
def test_learners_without_a_confirmed_seat_are_refused(setup, status):
    """Awaiting approval, waiting for a seat or cancelled: the room stays closed to them."""
    user = EnrollmentFactory(session=setup.room.session, status=status).user
    result = access(user, setup.room)
    assert not result.allowed
    assert result.reason == "not_enrolled"
    assert str(result.message) == "The live room is open to the session's confirmed learners."


def test_an_account_without_enrollment_is_refused(setup):
    result = access(setup.outsider, setup.room)
    assert (result.allowed, result.reason) == (False, "not_enrolled")


def test_the_sessions_trainer_moderates(setup):
    """The account linked to one of the session's trainer profiles moderates the room."""
    result = access(setup.trainer, setup.room)
    assert (result.allowed, result.moderator, result.learner) == (True, True, False)


def test_a_trainer_of_another_session_is_refused(setup):
    """Having the trainer role is not enough: the trainer must run this session."""
    other = TrainerFactory()
    TrainingSessionFactory(trainers=[TrainerSnippetFactory(user=other)])
    result = access(other, setup.room)
    assert (result.allowed, result.reason) == (False, "not_enrolled")


def test_an_administrator_moderates_every_room(setup):
    result = access(AdministratorFactory(), setup.room)
    assert (result.allowed, result.moderator) == (True, True)


def test_an_anonymous_visitor_must_log_in(setup):
    result = access(AnonymousUser(), setup.room)
    assert (result.allowed, result.reason) == (False, "login_required")
    assert str(result.message) == "Log in to join the live room."


def test_a_deactivated_account_must_log_in_again(setup):
    setup.learner.is_active = False
    setup.learner.save()
    result = access(setup.learner, setup.room)
    assert (result.allowed, result.reason) == (False, "login_required")


def test_a_seminar_open_to_all_lets_any_logged_in_user_in():
    """A seminar whose room is open to everyone: any account joins, as a plain participant."""
    room = RoomFactory(session=TrainingSessionFactory(kind=SessionKind.SEMINAR), open_to_all=True)
    visitor = UserFactory()
    result = access(visitor, room)
    assert (result.allowed, result.moderator, result.learner) == (True, False, False)
    assert access(AnonymousUser(), room).reason == "login_required"


def test_a_seminar_not_open_to_all_refuses_outsiders():
    room = RoomFactory(session=TrainingSessionFactory(kind=SessionKind.SEMINAR))
    assert not access(UserFactory(), room).allowed


def test_a_training_marked_open_to_all_stays_closed_to_outsiders():
    """Only seminars may open to everyone, even if the flag was set on a training's room."""
    room = RoomFactory(session=TrainingSessionFactory(kind=SessionKind.TRAINING), open_to_all=True)
    result = access(UserFactory(), room)
    assert (result.allowed, result.reason) == (False, "not_enrolled")


def test_room_settings_cannot_open_a_training_to_all(setup):
    """The room form cannot open a training to everyone; a seminar can."""
    moderator = access(setup.trainer, setup.room)
    room = services.room_update(room=setup.room, access=moderator, open_to_all=True)
    assert room.open_to_all is False
    seminar = RoomFactory(session=TrainingSessionFactory(kind=SessionKind.SEMINAR))
    room = services.room_update(room=seminar, access=moderator, open_to_all=True)
    assert room.open_to_all is True


def test_room_settings_are_for_moderators_only(setup):
    with pytest.raises(services.LiveError) as refused:
        services.room_update(
            room=setup.room, access=access(setup.learner, setup.room), premoderation=True
        )
    assert refused.value.code == "forbidden"
    assert Room.objects.get(pk=setup.room.pk).premoderation is False


def test_room_and_access_reads_a_room_its_first_action_stores():
    """Opening a session's room writes nothing; its first action stores it; an unknown id
    has no room."""
    trainer = TrainerFactory()
    session = TrainingSessionFactory(trainers=[TrainerSnippetFactory(user=trainer)])
    room, result = selectors.room_and_access(trainer, str(session.pk))
    assert room.pk == session.pk
    assert result.moderator
    assert not Room.objects.filter(pk=session.pk).exists()
    actions.perform(room.pk, trainer, result, {"action": "announce", "text": "Welcome"})
    assert Room.objects.filter(pk=session.pk).exists()
    missing, result = selectors.room_and_access(trainer, session.pk + 1000)
    assert missing is None
    assert result.reason == "no_such_room"
    assert selectors.room_and_access(trainer, "nonsense")[0] is None
