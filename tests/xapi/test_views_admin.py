"""Administrators see each LRS with what it still has to receive (queued, failed, the last
error) and ask for a retry now; secrets are never shown again."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from learning.factories import LessonPageFactory
from learning.models import LessonProgress
from learning.signals import lesson_completed
from tests.learning.quiz_world import quiz_world
from xapi.models import DeliveryStatus, LearningRecordStore, StatementDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def store_with_backlog(home):
    world = quiz_world(home)
    store = LearningRecordStore.objects.create(
        name="Partner LRS", endpoint="http://127.0.0.1:9/xAPI/", key="k", secret="hidden-secret"
    )
    learner = UserFactory()
    for _ in range(3):
        lesson = LessonPageFactory(parent=world.module)
        lesson_completed.send(sender=LessonProgress, user=learner, lesson=lesson, by="marked")
    StatementDelivery.objects.filter(pk__in=StatementDelivery.objects.values("pk")[:2]).update(
        status=DeliveryStatus.FAILED, next_attempt_at=None, last_error="HTTP 400: bad"
    )
    store.last_error = "HTTP 400: bad"
    store.last_error_at = timezone.now()
    store.save()
    return store


def test_the_list_shows_queued_and_failed_counts_and_the_last_error(client, store_with_backlog):
    """The row reads 1 queued, 2 failed and the LRS's last answer."""
    client.force_login(AdministratorFactory())
    response = client.get(reverse("wagtailsnippets_xapi_learningrecordstore:list"))
    assert response.status_code == 200
    row = response.content.decode()
    assert "Partner LRS" in row
    assert "HTTP 400: bad" in row
    assert ">1<" in row.replace(" ", "").replace("\n", "")
    assert ">2<" in row.replace(" ", "").replace("\n", "")
    assert "Retry now" in row


def test_retry_now_makes_every_waiting_statement_due(client, store_with_backlog):
    """After confirming, the failed statements are queued for now."""
    client.force_login(AdministratorFactory())
    url = reverse("wagtailsnippets_xapi_learningrecordstore:retry", args=[store_with_backlog.pk])
    assert "Send the statements" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "3 statements will be sent again now." in response.content.decode()
    assert set(StatementDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.QUEUED
    }
    assert not StatementDelivery.objects.filter(next_attempt_at=None).exists()


def test_the_edit_form_never_shows_the_secret_and_keeps_it(client, store_with_backlog):
    """The secret field is empty on the form; saving without typing it keeps it."""
    client.force_login(AdministratorFactory())
    url = reverse("wagtailsnippets_xapi_learningrecordstore:edit", args=[store_with_backlog.pk])
    assert "hidden-secret" not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": "Partner LRS",
            "endpoint": "http://127.0.0.1:9/xAPI/",
            "key": "k",
            "secret": "",
            "token": "",
            "active": "on",
        },
    )
    assert response.status_code == 302
    store_with_backlog.refresh_from_db()
    assert store_with_backlog.secret == "hidden-secret"


def test_a_trainer_cannot_see_the_stores(client, store_with_backlog):
    """Trainers and learners have no access."""
    for person in (TrainerFactory(), UserFactory()):
        client.force_login(person)
        response = client.get(reverse("wagtailsnippets_xapi_learningrecordstore:list"))
        assert response.status_code == 302
        assert "Partner LRS" not in response.content.decode()
