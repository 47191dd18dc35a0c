"""The reports dashboard in the Wagtail admin, on the small centre: who gets in, what each
sees, the filter form and its errors, the charts and their tables, the links to the files."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.users.models import UserProfile

from accounts.factories import AdministratorFactory, UserFactory
from courses.models import SessionMode
from enrollment.models import EnrollmentStatus
from tests.reporting.factories import held, learner, rated, took_part

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/reports/"
WHOLE_CENTRE = (
    "4 training sessions covering 2 themes and 5 countries and regions, 6 participants "
    "(women 50%), satisfaction 60%; 2 international seminars with 3 experts and an "
    "audience of 4."
)


@pytest.fixture
def admin_client(client, centre):
    client.force_login(AdministratorFactory())
    return client


def page(client, query=""):
    response = client.get(f"{DASHBOARD}{query}")
    assert response.status_code == 200
    return unescape(response.content.decode())


def sentence(html: str) -> str:
    match = re.search(r'<p class="report-sentence">(.*?)</p>', html, re.S)
    return match[1].strip() if match else ""


def test_administrator_sees_the_whole_centre(admin_client):
    """The sentence, the figures, five charts each with a table, four downloads."""
    html = page(admin_client)
    assert sentence(html) == WHOLE_CENTRE
    assert html.count('role="img"') == 5
    assert html.count('<table class="listing">') == 5
    assert "Online: 1 · In the room: 2 · Hybrid: 1" in html
    assert "2 in China, 1 abroad" in html
    for link in ("report.csv", "report.xlsx", "sessions.csv", "sessions.xlsx"):
        assert f"/admin/reports/{link}" in html


def test_menu_item_for_administrators(admin_client):
    html = page(admin_client)
    assert '"label": "Training reports", "icon_name": "table"' in html


def test_filters_narrow_the_report_and_the_downloads(admin_client):
    """A year and a mode: the sentence names the period, the files keep the filters."""
    html = page(admin_client, "?year=2020&mode=in_room")
    assert sentence(html).startswith(
        "From 1 January 2020 to 31 December 2020: 1 training session covering 1 theme and "
        "1 country or region, 1 participant (women 100%), satisfaction 0%"
    )
    assert "/admin/reports/report.csv?year=2020&mode=in_room" in html


def test_scope_is_named(admin_client):
    html = page(admin_client, "?theme=water&country=KE")
    assert "Theme: Water" in html
    assert "Learners from: Kenya" in html
    assert "survey answers are anonymous" in html  # no satisfaction chart by country


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("?start=2021-01-01&end=2020-01-01", "The period ends before it starts."),
        ("?start=2021-13-45", "Enter a valid date."),
        ("?year=2020&start=2020-01-01", "Choose a year or a period, not both."),
        ("?theme=nope", "Select a valid choice."),
        ("?mode=underwater", "Select a valid choice."),
        ("?year=12", "Ensure this value is greater than or equal to 1900."),
    ],
)
def test_bad_filters_are_shown_in_the_form(admin_client, query, error):
    """The form says what is wrong; no figures for a scope that does not exist."""
    html = page(admin_client, query)
    assert error in html
    assert 'class="report-sentence"' not in html


def test_an_empty_period_shows_zeros(admin_client):
    html = page(admin_client, "?year=1990")
    assert "0 training sessions covering 0 themes" in sentence(html)
    assert "No figures for this scope." in html


def test_trainer_sees_only_their_sessions(client, centre):
    """T trains s1 and s3: two sessions and their four participants, whatever the filters."""
    client.force_login(centre.trainer)
    html = page(client)
    assert sentence(html).startswith(
        "2 training sessions covering 2 themes and 4 countries and regions, 4 participants "
        "(women 67%), satisfaction 100%"
    )
    assert "Only the sessions you train" in html
    assert '"label": "Training reports"' in html  # their menu shows the reports
    assert "0 training sessions" in sentence(page(client, "?site=health.example.org"))


def test_trainers_files_hold_only_their_sessions(client, centre):
    client.force_login(centre.trainer)
    response = client.get("/admin/reports/sessions.csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 2  # header, s1 and s3


def test_learner_is_kept_out(client, centre):
    """A learner is sent back to the site: no dashboard, no files."""
    client.force_login(centre.people["amina"])
    for url in (DASHBOARD, "/admin/reports/report.csv", "/admin/reports/sessions.xlsx"):
        response = client.get(url)
        assert response.status_code == 302
        assert not response["Location"].startswith("/admin/")


def test_anonymous_is_asked_to_log_in(client, centre):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_admin_access_without_sessions_is_refused(client, centre):
    """Someone who may open the admin but neither administers nor trains is sent back to
    the admin's home (Wagtail's answer to a permission denied), and has no menu item."""
    user = UserFactory()
    # Permissions come through groups (accounts.permissions.may_open_admin): one an
    # administrator made that opens the admin and nothing else.
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)
    client.force_login(user)
    for url in (DASHBOARD, "/admin/reports/report.csv"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "Training reports" not in client.get("/admin/").content.decode()


def test_unknown_file_format_is_not_found(admin_client):
    assert admin_client.get("/admin/reports/report.pdf", follow=True).status_code == 404


def test_invalid_filters_on_a_file_lead_back_to_the_form(admin_client):
    response = admin_client.get("/admin/reports/report.csv?start=yesterday")
    assert response.status_code == 302
    assert response["Location"] == "/admin/reports/?start=yesterday"


def test_dashboard_in_arabic_is_mirrored(client, centre):
    """An administrator whose admin is in Arabic gets right-to-left charts and Arabic
    theme names."""
    user = AdministratorFactory()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ar"
    profile.save()
    client.force_login(user)
    html = page(client)
    assert html.count('direction="rtl"') == 5
    assert "المياه" in html
    assert "يناير" not in sentence(html)  # no period chosen


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(DASHBOARD)
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_data(admin_client, centre):
    """Twice the sessions and learners: the dashboard makes the same number of queries."""
    admin_client.get(DASHBOARD)  # caches warmed
    before = dashboard_queries(admin_client)
    for year in (2016, 2017):
        session = held(centre.courses["wells"], year=year, mode=SessionMode.HYBRID, country="TZ")
        for _n in range(3):
            rated(took_part(session, learner(country="TZ"), status=EnrollmentStatus.COMPLETED), 4)
    assert dashboard_queries(admin_client) == before
