"""One answer to "may this person act on this session": the roster, the live room's
moderation and the Wagtail admin's session editor all ask accounts.permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from accounts.permissions import (
    is_administrator,
    is_trainer,
    may_act_on_session,
    runs_sessions,
    sessions_acted_on,
)
from courses.factories import CoursePageFactory, TrainerSnippetFactory, TrainingSessionFactory
from courses.models import TrainingSession
from live.services import room_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(home):
    course = CoursePageFactory(parent=home)
    trainer_a, trainer_b = TrainerFactory(), TrainerFactory()
    return {
        "trainer_a": trainer_a,
        "a": TrainingSessionFactory(
            course=course, trainers=[TrainerSnippetFactory(user=trainer_a)]
        ),
        "b": TrainingSessionFactory(
            course=course, trainers=[TrainerSnippetFactory(user=trainer_b)]
        ),
    }


def entry_points(client, user, session) -> dict[str, bool]:
    """What each way in answers: may `user` act on `session`?"""
    client.force_login(user)
    roster = client.get(reverse("enrollment:roster", kwargs={"session_id": session.pk}))
    console = client.get(reverse("live:console", kwargs={"session_id": session.pk}))
    edit = client.get(reverse("wagtailsnippets_courses_trainingsession:edit", args=[session.pk]))
    return {
        "rule": may_act_on_session(user, session),
        "roster": roster.status_code == 200,
        "live console": console.status_code == 200,
        "live room moderation": room_access(user, session).moderator,
        "wagtail edit": edit.status_code == 200,
    }


def test_a_trainer_acts_on_their_session_everywhere(client, sessions):
    """Session A's trainer runs its roster, moderates its room and edits it in the admin."""
    answers = entry_points(client, sessions["trainer_a"], sessions["a"])
    assert answers == dict.fromkeys(answers, True)


def test_a_trainer_acts_on_another_session_nowhere(client, sessions):
    """Session A's trainer is refused session B by every way in, not by some only."""
    answers = entry_points(client, sessions["trainer_a"], sessions["b"])
    assert answers == dict.fromkeys(answers, False)


def test_an_administrator_acts_on_every_session_everywhere(client, sessions):
    """An administrator gets yes from every way in, for both sessions."""
    administrator = AdministratorFactory()
    for session in (sessions["a"], sessions["b"]):
        answers = entry_points(client, administrator, session)
        assert answers == dict.fromkeys(answers, True)


def test_a_learner_acts_on_no_session(client, sessions):
    """A learner is refused by every way in."""
    answers = entry_points(client, UserFactory(), sessions["a"])
    assert answers == dict.fromkeys(answers, False)


def test_role_predicates(sessions):
    """Administrators by group or superuser flag; trainers by group or trainer profile;
    nobody inactive or anonymous."""
    superuser = UserFactory(is_superuser=True)
    profile_only = UserFactory()
    TrainerSnippetFactory(user=profile_only)
    inactive = AdministratorFactory(is_active=False)
    assert is_administrator(AdministratorFactory()) and is_administrator(superuser)
    assert not is_administrator(sessions["trainer_a"])
    assert is_trainer(sessions["trainer_a"]) and is_trainer(profile_only)
    assert not is_trainer(UserFactory())
    assert runs_sessions(profile_only) and runs_sessions(superuser)
    for nobody in (inactive, AnonymousUser()):
        assert not is_administrator(nobody)
        assert not runs_sessions(nobody)
        assert not may_act_on_session(nobody, sessions["a"])
        assert not sessions_acted_on(nobody, TrainingSession.objects.all()).exists()


def test_sessions_acted_on_lists_each_session_once(sessions):
    """A trainer sees the sessions they train; an administrator sees all."""
    every = TrainingSession.objects.all()
    assert list(sessions_acted_on(sessions["trainer_a"], every)) == [sessions["a"]]
    assert set(sessions_acted_on(AdministratorFactory(), every)) == {sessions["a"], sessions["b"]}


def test_who_may_open_the_admin_and_what_asking_costs_a_learner(django_assert_num_queries):
    """Trainers, administrators and superusers enter the admin; a learner does not, and is
    answered from their roles alone; the Learners role never opens it, even if someone
    gave it the access; another group that has it does."""
    from django.contrib.auth.models import Group, Permission

    from accounts.permissions import may_open_admin
    from accounts.roles import LEARNER

    learner = UserFactory()
    learner.groups.add(Group.objects.get_or_create(name=LEARNER)[0])
    with django_assert_num_queries(1):  # the roles; no permission is read
        assert may_open_admin(learner) is False
    assert may_open_admin(TrainerFactory()) is True
    assert may_open_admin(AdministratorFactory()) is True
    assert may_open_admin(UserFactory(is_superuser=True)) is True
    assert may_open_admin(AnonymousUser()) is False

    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    Group.objects.get(name=LEARNER).permissions.add(access)
    assert may_open_admin(type(learner).objects.get(pk=learner.pk)) is False
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(access)
    learner.groups.add(editors)
    assert may_open_admin(type(learner).objects.get(pk=learner.pk)) is True
