"""An Arabic learner's enrollment email about a course still titled in English: the title,
their name, the venue, the time zone and the addresses keep their own direction, with the
Unicode isolates in the text part and <bdi> in the HTML part."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.factories import UserFactory
from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment.factories import LearnerProfileFactory
from enrollment.services import enrollment_create

pytestmark = pytest.mark.django_db

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"
YEAR = datetime.now(UTC).year + 1


@pytest.fixture
def session(home):
    """A session in Almaty (UTC+5 in June) of a course whose Arabic page kept its English
    title."""
    theme = ThemePageFactory(parent=home, title="Water", slug="water")
    translate(theme, "ar", title="المياه")
    course = CoursePageFactory(parent=theme, title="Basic hydrology.", slug="hydrology")
    translate(course, "ar")
    starts = datetime(YEAR, 6, 1, 4, 0, tzinfo=UTC)
    return TrainingSessionFactory(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        timezone="Asia/Almaty",
        mode="hybrid",
        venue="Hall B-12",
        city="Almaty",
        join_url="https://meet.example.org/hydrology/",
    )


@pytest.fixture
def email(session, run_tasks, mailoutbox):
    """The confirmation an Arabic-speaking learner named "Awa" receives."""
    user = LearnerProfileFactory(preferred_language="ar", user=UserFactory(first_name="Awa")).user
    enrollment_create(user=user, session=session)
    run_tasks()
    (message,) = [message for message in mailoutbox if message.to == [user.email]]
    return message


def offset(session) -> str:
    return session.starts_at.astimezone(session.tzinfo).strftime("%z")


def test_text_part_isolates_the_title_name_venue_zone_and_addresses(session, email):
    """The text part wraps what was typed in first-strong isolates and the time zone and
    addresses in left-to-right isolates."""
    assert f"{FSI}Basic hydrology.{PDI}" in email.subject
    body = email.body
    assert f"{FSI}Awa{PDI}" in body
    assert f"{FSI}Basic hydrology.{PDI}" in body  # in the opening sentence
    assert f"{LRI}(Asia/Almaty, UTC{offset(session)}){PDI}" in body
    assert f"{FSI}Hall B-12{PDI}, {FSI}Almaty{PDI}" in body
    assert f"{LRI}https://meet.example.org/hydrology/ {PDI}" in body
    assert f"{LRI}http://testserver/ar/learning/ {PDI}" in body


def test_html_part_uses_bdi_and_left_to_right_links(session, email):
    """The HTML part shows the name, venue and time zone in <bdi> and the link left to
    right."""
    ((html, _mimetype),) = email.alternatives
    assert '<html lang="ar" dir="rtl">' in html
    assert "<bdi>Awa</bdi>" in html
    assert f'<bdi class="zone" dir="ltr">(Asia/Almaty, UTC{offset(session)})</bdi>' in html
    assert "<bdi>Hall B-12</bdi>, <bdi>Almaty</bdi>" in html
    assert 'dir="ltr">https://meet.example.org/hydrology/</a>' in html
    assert (
        '<h1 dir="auto"><a href="http://testserver/ar/water/hydrology/">Basic hydrology.</a>'
        in html
    )
