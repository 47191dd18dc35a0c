"""In the admin a trainer changes the sessions they train, not another trainer's: otherwise
they could add themselves to its trainers and read its roster. Administrators change all."""

import pytest
from django.urls import reverse

from accounts.factories import AdministratorFactory, TrainerFactory
from courses.factories import CoursePageFactory, TrainerSnippetFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(home):
    course = CoursePageFactory(parent=home)
    mine, theirs = TrainerFactory(), TrainerFactory()
    my_profile = TrainerSnippetFactory(user=mine)
    their_profile = TrainerSnippetFactory(user=theirs)
    return {
        "me": mine,
        "my_profile": my_profile,
        "mine": TrainingSessionFactory(course=course, trainers=[my_profile]),
        "theirs": TrainingSessionFactory(course=course, trainers=[their_profile]),
    }


def edit_url(session):
    return reverse("wagtailsnippets_courses_trainingsession:edit", args=[session.pk])


def test_a_trainer_opens_their_own_session(client, sessions):
    client.force_login(sessions["me"])
    assert client.get(edit_url(sessions["mine"])).status_code == 200


def test_a_trainer_is_turned_away_from_another_trainers_session(client, sessions):
    client.force_login(sessions["me"])
    response = client.get(edit_url(sessions["theirs"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_trainer_cannot_join_another_trainers_session_by_posting(client, sessions):
    theirs = sessions["theirs"]
    client.force_login(sessions["me"])
    response = client.post(edit_url(theirs), {"trainers": [sessions["my_profile"].pk]})
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert not theirs.trainers.filter(user=sessions["me"]).exists()


def test_an_administrator_opens_every_session(client, sessions):
    client.force_login(AdministratorFactory())
    for session in (sessions["mine"], sessions["theirs"]):
        assert client.get(edit_url(session)).status_code == 200
