"""Trainers author courses: they upload lesson videos and keep their captions in the
admin (learning/migrations/0005_trainer_media_permissions.py); learners cannot."""

import pytest
from django.urls import reverse

from accounts.factories import TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("wagtailmedia:index", {}),
    ("wagtailmedia:add", {"media_type": "video"}),
    ("wagtailmedia:chooser", {}),
    ("caption:index", {}),
    ("caption:add", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[name for name, _kwargs in PAGES])
def test_a_trainer_opens_the_video_upload_and_caption_pages(client, name, kwargs):
    """A trainer sees the media upload form, the media chooser and the captions pages."""
    client.force_login(TrainerFactory())
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[name for name, _kwargs in PAGES])
def test_a_learner_is_sent_away_from_them(client, name, kwargs):
    """A learner asking for these admin pages is sent back to the site, not shown them."""
    client.force_login(UserFactory())
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code in (302, 403)
    assert not response.headers.get("Location", "").startswith("/admin/media")


def test_the_trainers_menu_shows_media_and_captions(client):
    """The admin's menu of a trainer leads to the media library and the captions."""
    client.force_login(TrainerFactory())
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailmedia:index") in page
    assert reverse("caption:index") in page
