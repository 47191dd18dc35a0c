"""Who a websocket belongs to: the session cookie's signed-in user, read for a crowd of
handshakes at once with Django's own checks (accounts.websocket)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.factories import AdministratorFactory, UserFactory
from accounts.permissions import acting_on_session, is_administrator
from accounts.websocket import users_of_sessions
from courses.factories import TrainerSnippetFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_each_session_key_gives_its_signed_in_user():
    """Keys of signed-in people give them; an unknown key gives nobody."""
    alice, bob = UserFactory(), UserFactory()
    keys = {logged_in(alice): alice, logged_in(bob): bob}
    found = users_of_sessions([*keys, "no-such-session"])
    assert {key: user.pk for key, user in found.items()} == {k: u.pk for k, u in keys.items()}


def test_a_crowd_costs_the_same_queries_as_one_person():
    keys = [logged_in(UserFactory()) for _ in range(12)]
    with CaptureQueriesContext(connection) as one:
        assert len(users_of_sessions(keys[:1])) == 1
    with CaptureQueriesContext(connection) as twelve:
        assert len(users_of_sessions(keys)) == 12
    assert len(twelve) == len(one)


def test_a_logged_out_session_gives_nobody(client):
    user = UserFactory()
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.logout()
    assert users_of_sessions([key]) == {}


def test_a_password_changed_elsewhere_ends_the_other_sessions():
    """As on the pages: the session's hash no longer matches the account's."""
    user = UserFactory()
    key = logged_in(user)
    user.set_password("a new and long password")
    user.save()
    assert users_of_sessions([key]) == {}


def test_a_deactivated_account_gives_nobody():
    user = UserFactory()
    key = logged_in(user)
    user.is_active = False
    user.save()
    assert users_of_sessions([key]) == {}


def test_roles_are_read_with_the_users():
    """The live room's moderator check needs no further query per person."""
    admin, learner = AdministratorFactory(), UserFactory()
    found = users_of_sessions([logged_in(admin), logged_in(learner)])
    users = sorted(found.values(), key=lambda user: user.pk != admin.pk)
    with CaptureQueriesContext(connection) as queries:
        assert [is_administrator(user) for user in users] == [True, False]
    assert len(queries) == 0


def test_acting_on_a_session_for_a_crowd_agrees_with_one_by_one():
    trainer, admin, learner = UserFactory(), AdministratorFactory(), UserFactory()
    session = TrainingSessionFactory(trainers=[TrainerSnippetFactory(user=trainer)])
    assert acting_on_session([trainer, admin, learner], session) == {trainer.pk, admin.pk}
