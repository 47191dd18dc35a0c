"""Who may run a session's roster: its trainers (through their linked trainer profile) and
administrators; nobody else, and a trainer only their own sessions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from accounts.permissions import may_act_on_session, runs_sessions
from cms.factories import locale
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from enrollment.permissions import sessions_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    return CoursePageFactory(parent=ThemePageFactory(parent=home))


def test_a_trainer_sees_only_the_sessions_they_train(course):
    """Two trainers, two sessions: each sees their own."""
    amara, bo = TrainerFactory(), TrainerFactory()
    first = TrainingSessionFactory(course=course, trainers=[TrainerSnippetFactory(user=amara)])
    second = TrainingSessionFactory(course=course, trainers=[TrainerSnippetFactory(user=bo)])
    assert list(sessions_visible_to(amara)) == [first]
    assert list(sessions_visible_to(bo)) == [second]
    assert may_act_on_session(amara, first) and not may_act_on_session(amara, second)


def test_a_trainer_listed_twice_sees_the_session_once(course):
    """A trainer whose profile is on the session in two languages sees it once."""
    trainer = TrainerFactory()
    english = TrainerSnippetFactory(user=trainer)
    french = english.copy_for_translation(locale("fr"))
    french.save()
    session = TrainingSessionFactory(course=course, trainers=[english, french])
    assert list(sessions_visible_to(trainer)) == [session]


def test_administrators_and_superusers_see_every_session(course):
    """Members of Administrators and superusers see all sessions."""
    sessions = TrainingSessionFactory.create_batch(2, course=course)
    superuser = UserFactory(is_superuser=True)
    for user in (AdministratorFactory(), superuser):
        assert set(sessions_visible_to(user)) == set(sessions)
        assert runs_sessions(user)


def test_learners_and_visitors_see_no_session(course):
    """A learner, someone logged out or a deactivated trainer sees nothing."""
    trainer = TrainerFactory(is_active=False)
    session = TrainingSessionFactory(course=course, trainers=[TrainerSnippetFactory(user=trainer)])
    for user in (UserFactory(), AnonymousUser(), trainer):
        assert not sessions_visible_to(user).exists()
        assert not may_act_on_session(user, session)
        assert not runs_sessions(user)


def test_an_account_linked_to_a_trainer_profile_runs_sessions(course):
    """A learner-role account linked to a trainer profile runs that profile's sessions."""
    user = UserFactory()
    session = TrainingSessionFactory(course=course, trainers=[TrainerSnippetFactory(user=user)])
    assert runs_sessions(user)
    assert may_act_on_session(user, session)
