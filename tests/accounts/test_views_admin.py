import pytest

from accounts.factories import AdministratorFactory, TrainerFactory

pytestmark = pytest.mark.django_db

ADMIN_SCREENS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/{home}/",
    "/admin/pages/{home}/edit/",
    "/admin/settings/cms/platformsettings/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/sites/",
    "/admin/locales/",
    "/admin/images/",
]


@pytest.mark.parametrize("screen", ADMIN_SCREENS)
def test_administrator_opens_the_main_admin_screens(client, home, screen):
    """An administrator (not a superuser) reaches every main screen of the Wagtail admin."""
    client.force_login(AdministratorFactory())
    response = client.get(screen.format(home=home.pk), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [] or "/admin/" in response.redirect_chain[-1][0]


def test_trainer_cannot_manage_users_or_settings(client, home):
    """A trainer reaches the dashboard but not the people or platform settings."""
    client.force_login(TrainerFactory())
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/settings/cms/platformsettings/").status_code in (302, 403)


def test_editor_can_submit_a_page_for_translation(client, home):
    """An administrator opens wagtail-localize's form to translate a page into other languages."""
    client.force_login(AdministratorFactory())
    html = client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    submit_url = f"/admin/localize/submit/page/{home.pk}/"
    assert submit_url in html
    form = client.get(submit_url).content.decode()
    assert "Français" in form or "French" in form
