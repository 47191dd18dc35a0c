"""The Surveys area of the admin: templates as translatable snippets, each session's
survey settings, links to results, and the warning for a template with no headline."""

import pytest
from django.urls import reverse

from accounts.factories import AdministratorFactory, TrainerFactory
from surveys.factories import SurveyFactory, SurveyTemplateFactory
from surveys.models import Survey, SurveyTemplate

pytestmark = pytest.mark.django_db


def url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


@pytest.fixture
def admin_client(client):
    """An administrator by role (not a superuser): the permissions come from migrations."""
    client.force_login(AdministratorFactory())
    return client


def page(response) -> str:
    return response.content.decode()


def test_administrators_find_the_surveys_menu(admin_client):
    html = page(admin_client.get(reverse("wagtailadmin_home")))
    assert "Surveys" in html
    assert url(Survey, "list") in html
    assert url(SurveyTemplate, "list") in html


def test_the_template_list_shows_the_standard_survey_and_headlines(admin_client):
    SurveyTemplateFactory(title="Workshop without headline", headline=False)
    html = page(admin_client.get(url(SurveyTemplate, "list")))
    assert "Satisfaction survey" in html
    assert "Overall, how satisfied are you with this training?" in html
    assert "Workshop without headline" in html
    assert "None: no satisfaction rate" in html


def test_a_template_can_be_sent_for_translation(admin_client):
    """wagtail-localize offers "Translate" for a template not yet in every language."""
    template = SurveyTemplateFactory()
    html = page(admin_client.get(url(SurveyTemplate, "list")))
    translate = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["surveys", "surveytemplate", template.pk],
    )
    assert translate in html


def test_saving_a_template_without_headline_warns(admin_client):
    template = SurveyTemplateFactory(title="Short check", headline=False)
    form = admin_client.get(url(SurveyTemplate, "edit", template.pk)).context["form"]
    data = {name: form[name].value() for name in ("title", "intro")}
    data.update(
        {
            "questions-count": "1",
            "questions-0-type": "text",
            "questions-0-id": "22222222-2222-4222-8222-222222222222",
            "questions-0-order": "0",
            "questions-0-deleted": "",
            "questions-0-value-label": "Anything else?",
            "questions-0-value-help_text": "",
        }
    )
    response = admin_client.post(url(SurveyTemplate, "edit", template.pk), data, follow=True)
    html = page(response)
    assert "“Short check” has no headline question" in html
    template.refresh_from_db()
    assert [block.value["label"] for block in template.questions] == ["Anything else?"]


def test_an_administrator_sets_a_sessions_survey(admin_client, session):
    """Picking a template with no headline is allowed, with a warning."""
    template = SurveyTemplateFactory(title="No rate here", headline=False)
    data = {"session": session.pk, "template": template.pk, "anonymous": "on"}
    response = admin_client.post(url(Survey, "add"), data, follow=True)
    assert response.status_code == 200
    survey = Survey.objects.get()
    assert (survey.session, survey.template, survey.anonymous) == (session, template, True)
    assert "“No rate here” has no headline question" in page(response)


def test_a_survey_closing_before_it_opens_is_refused(admin_client, session):
    data = {
        "session": session.pk,
        "opens_at": "2030-06-05 09:00",
        "closes_at": "2030-06-04 09:00",
    }
    response = admin_client.post(url(Survey, "add"), data)
    assert response.status_code == 200
    assert "The survey must close after it opens." in page(response)
    assert Survey.objects.count() == 0


def test_surveys_and_sessions_link_to_their_results(admin_client, session):
    SurveyFactory(session=session)
    results = reverse("surveys:results", kwargs={"session_id": session.pk})
    assert results in page(admin_client.get(url(Survey, "list")))
    sessions = page(admin_client.get(url(session.__class__, "list")))
    assert results in sessions
    assert "Survey results" in sessions


def test_trainers_cannot_change_survey_templates(client):
    client.force_login(TrainerFactory())
    response = client.get(url(SurveyTemplate, "list"))
    assert response.status_code in (302, 403)
