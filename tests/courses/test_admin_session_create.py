"""Scheduling a session from the admin: the course editor lists the course's sessions and
adds one with the course filled in; only a published course takes sessions; time zones
(common ones first), courses and trainers come with a search box; the trainer who
schedules a session trains it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from accounts.factories import AdministratorFactory, TrainerFactory
from cms.factories import locale
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from courses.models import TrainingSession
from courses.services import section_assign_trainer

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_courses_trainingsession:add")


@pytest.fixture
def theme(home):
    return ThemePageFactory(parent=home, title="Disaster risk reduction")


@pytest.fixture
def course(theme):
    return CoursePageFactory(parent=theme, title="Flood forecasting")


@pytest.fixture
def trainer(theme):
    """A trainer of the theme's section, with a trainer profile."""
    user = TrainerFactory()
    section_assign_trainer(section=theme, user=user)
    TrainerSnippetFactory(user=user, name="Amina Diallo")
    return user


def draft_course(theme):
    course = CoursePageFactory(parent=theme, title="Drought monitoring")
    course.unpublish()
    return course


def session_data(course, **overrides):
    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    data = {
        "course": course.pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "kind": "training",
        "mode": "online",
        "language": "en",
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        "timezone": "Africa/Nairobi",
        "status": "scheduled",
    }
    return {**data, **overrides}


def test_course_editor_lists_sessions_and_adds_one_with_the_course(client, course, trainer):
    """The course's editor shows its sessions and an "Add a session" link naming it."""
    TrainingSessionFactory(course=course, timezone="Asia/Shanghai")
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert "Training sessions" in html
    assert f'href="{ADD_URL}?course={course.pk}"' in html
    assert "No session is scheduled" not in html


def test_draft_course_editor_asks_to_publish_first(client, theme, trainer):
    """A draft course offers no "Add a session": it says to publish the course first."""
    course = draft_course(theme)
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert "Publish this course first" in html
    assert f"{ADD_URL}?course=" not in html


def test_add_form_is_filled_in_from_the_course(client, course, trainer, theme):
    """Opened from the course, the form has the course and its language chosen, the time
    zones with the common ones first, a search box, and the trainer ticked."""
    draft = draft_course(theme)
    client.force_login(trainer)
    html = client.get(f"{ADD_URL}?course={course.pk}").content.decode()
    assert f'<option value="{course.pk}" selected>Flood forecasting (en)</option>' in html
    assert f'<option value="{draft.pk}"' not in html  # drafts are not offered
    assert html.index('<optgroup label="Common time zones">') < html.index(
        '<optgroup label="All time zones">'
    )
    assert 'placeholder="Search time zones, e.g. Nairobi"' in html
    assert "courses/admin/filterable-choices.js" in html
    profile = trainer.trainer_profiles.get()
    assert f'name="trainers" value="{profile.pk}" id="id_trainers_0" checked>' in html


def test_trainer_schedules_a_session_and_trains_it(client, course, trainer):
    """Saved without ticking anyone, the session still lists the trainer who scheduled it,
    so it shows in their My sessions."""
    client.force_login(trainer)
    response = client.post(ADD_URL, session_data(course))
    assert response.status_code == 302, response.content.decode()[:2000]
    session = TrainingSession.objects.get()
    assert session.timezone == "Africa/Nairobi"
    assert list(session.trainers.values_list("user", flat=True)) == [trainer.pk]
    html = client.get(reverse("enrollment:my_sessions")).content.decode()
    assert "Flood forecasting" in html


def test_a_draft_course_takes_no_session(client, theme, trainer):
    """Posting a draft course is refused with a message saying to choose a published one."""
    course = draft_course(theme)
    client.force_login(trainer)
    response = client.post(ADD_URL, session_data(course))
    assert response.status_code == 200
    assert "Choose a published course: sessions cannot be added to a draft." in (
        response.content.decode()
    )
    assert not TrainingSession.objects.exists()


def test_administrator_is_not_added_as_a_trainer(client, course):
    """An administrator schedules sessions for others: nobody is added on their behalf."""
    trainer_profile = TrainerSnippetFactory(name="Bao Lin")
    client.force_login(AdministratorFactory())
    response = client.post(ADD_URL, session_data(course, trainers=[trainer_profile.pk]))
    assert response.status_code == 302
    assert list(TrainingSession.objects.get().trainers.all()) == [trainer_profile]


def test_a_trainer_translated_into_six_languages_is_offered_once(client, course):
    """The trainers to choose from list each person once, not once per language their
    profile is translated into; editing keeps a translation already chosen."""
    bao = TrainerSnippetFactory(name="Bao Lin")
    translations = [
        bao.copy_for_translation(locale(code)) for code in ("ar", "zh-hans", "fr", "ru", "es")
    ]
    for translation in translations:
        translation.save()
    client.force_login(AdministratorFactory())
    html = client.get(ADD_URL).content.decode()
    assert html.count('name="trainers"') == 1
    assert f'name="trainers" value="{bao.pk}"' in html

    session = TrainingSessionFactory(course=course, trainers=[translations[2]])
    html = client.get(
        reverse("wagtailsnippets_courses_trainingsession:edit", args=[session.pk])
    ).content.decode()
    assert f'name="trainers" value="{translations[2].pk}"' in html
    assert html.count('name="trainers"') == 2
