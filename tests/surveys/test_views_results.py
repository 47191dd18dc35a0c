"""The results page of a session: who sees it, small groups hidden, the satisfaction and
response rates, the distribution of every question, and free texts always escaped."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from courses.factories import TrainerSnippetFactory
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus
from surveys import selectors
from surveys.factories import SurveyFactory, SurveyTemplateFactory
from surveys.models import SurveyResponse
from tests.surveys.factories import answered, attend, attendee, ended_session

pytestmark = pytest.mark.django_db

XSS = '<script>alert("boo")</script>'


def results_url(session, language="en"):
    with translation.override(language):
        return reverse("surveys:results", kwargs={"session_id": session.pk})


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def known(session):
    """Ten learners who attended and may answer, eight of whom answered (overall 5, 5, 4,
    4, 4, 3, 2, 5: six satisfied); plus a confirmed learner who did not attend and a
    cancelled one who did, neither of whom counts."""
    ratings = [5, 5, 4, 4, 4, 3, 2, 5]
    learners = [attendee(session) for _ in range(10)]
    for learner, rating in zip(learners, ratings, strict=False):
        answered(learner, overall=rating, recommend=rating % 3, useful=[rating % 5])
    EnrollmentFactory(session=session, status=EnrollmentStatus.CONFIRMED)
    attend(EnrollmentFactory(session=session, status=EnrollmentStatus.CANCELLED))
    return learners


# --- who sees it --------------------------------------------------------------------------


def test_the_sessions_trainer_sees_the_results(trainer_client, session, known):
    response = trainer_client.get(results_url(session))
    assert response.status_code == 200
    assert "Survey results: <bdi>Flood early warning</bdi>" in page(response)


def test_an_administrator_sees_any_sessions_results(client, session, known):
    client.force_login(AdministratorFactory())
    assert client.get(results_url(session)).status_code == 200


def test_the_trainer_of_another_session_gets_a_404(client, course, session, known):
    other_trainer = TrainerFactory()
    ended_session(course, trainers=[TrainerSnippetFactory(user=other_trainer)])
    client.force_login(other_trainer)
    assert client.get(results_url(session)).status_code == 404


def test_a_learner_of_the_session_gets_a_404(client, session, known):
    client.force_login(known[0].user)
    assert client.get(results_url(session)).status_code == 404


def test_a_visitor_is_asked_to_log_in(client, session):
    response = client.get(results_url(session))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_an_unknown_session_is_not_found(client):
    client.force_login(AdministratorFactory())
    assert client.get("/en/sessions/999999/survey-results/").status_code == 404


# --- small groups -------------------------------------------------------------------------


def test_four_respondents_show_only_their_number(trainer_client, session):
    """With four answers (fewer than SURVEY_MIN_RESPONDENTS) nothing but the count shows,
    not even the rates or the free texts."""
    for rating in (5, 4, 2, 1):
        answered(attendee(session), overall=rating, comments="Only I would say this")
    html = page(trainer_client.get(results_url(session)))
    assert "4 learners have answered so far." in html
    assert "Results appear once at least 5 learners have answered" in html
    assert "Satisfaction rate" not in html
    assert "Response rate" not in html
    assert "Only I would say this" not in html
    assert "<table" not in html


def test_five_respondents_show_the_results(trainer_client, session):
    for rating in (5, 4, 2, 1, 5):
        answered(attendee(session), overall=rating, comments="Shown now")
    html = page(trainer_client.get(results_url(session)))
    assert "learners have answered so far" not in html
    assert "Satisfaction rate" in html
    assert "Shown now" in html


def test_the_threshold_follows_the_setting(trainer_client, session, settings):
    settings.SURVEY_MIN_RESPONDENTS = 2
    answered(attendee(session))
    html = page(trainer_client.get(results_url(session)))
    assert "1 learner has answered so far." in html
    answered(attendee(session))
    assert "Satisfaction rate" in page(trainer_client.get(results_url(session)))


# --- rates and distributions --------------------------------------------------------------


def test_rates_on_known_data(session, known):
    """Six of the eight who rated gave 4 or 5 (75 %); eight of the ten learners who may
    answer did (80 %)."""
    responses = SurveyResponse.objects.filter(session=session)
    satisfaction = selectors.satisfaction_rate(responses)
    assert (satisfaction.count, satisfaction.total, satisfaction.percent) == (6, 8, 75.0)
    rate = selectors.response_rate(session)
    assert (rate.count, rate.total, rate.percent) == (8, 10, 80.0)


def test_rates_aggregate_over_many_sessions_in_one_query(course, session, known):
    other = ended_session(course)
    for rating in (1, 5):
        answered(attendee(other), overall=rating)
    responses = SurveyResponse.objects.filter(session__in=[session, other])
    with CaptureQueriesContext(connection) as queries:
        satisfaction = selectors.satisfaction_rate(responses)
    assert len(queries) == 1
    assert (satisfaction.count, satisfaction.total) == (7, 10)


def test_the_page_shows_both_rates(trainer_client, session, known):
    html = page(trainer_client.get(results_url(session)))
    assert "<strong>75%</strong>" in html
    assert "(6 of 8 answered 4 or 5 to the headline question)" in html
    assert "<strong>80%</strong>" in html
    assert "(8 of 10 learners who attended)" in html


def test_the_distribution_of_each_question_in_a_table(trainer_client, session, known):
    """Overall satisfaction: one 2, one 3, three 4s and three 5s out of eight answers."""
    html = page(trainer_client.get(results_url(session)))
    overall = html.split("Overall, how satisfied are you with this training?", 1)[1]
    overall = overall.split("</table>")[0]
    assert "8 answers · average 4.0 out of 5" in overall
    rows = [row.split("</tr>")[0] for row in overall.split("<tr>")[2:]]
    expected = [
        ("1 · Very dissatisfied", 0, 0),
        ("2", 1, 12),
        ("3", 1, 12),
        ("4", 3, 38),
        ("5 · Very satisfied", 3, 38),
    ]
    for row, (label, count, percent) in zip(rows, expected, strict=True):
        assert f">{label}</th>" in row
        assert f'<td class="count">{count}</td>' in row
        assert f'<td class="percent">{percent}%</td>' in row
        assert f'<meter min="0" max="100" value="{percent}">' in row
    # Several answers per learner: shares of the eight who answered.
    assert "learners could choose several answers." in html


def test_results_show_in_arabic_with_the_arabic_questions(trainer_client, session, known):
    html = page(trainer_client.get(results_url(session, "ar")))
    assert '<html lang="ar" dir="rtl">' in html
    assert "بشكل عام، ما مدى رضاك عن هذا التدريب؟" in html
    assert "الإنذار المبكر بالفيضانات" in html


def test_answers_given_in_every_language_count_together(trainer_client, session):
    for language in ("ar", "zh-hans", "en", "fr", "ru", "es"):
        answered(attendee(session, language=language), language=language, overall=5)
    html = page(trainer_client.get(results_url(session)))
    assert "<strong>100%</strong>" in html
    assert "6 answers · average 5.0 out of 5" in html


def test_free_texts_are_escaped(trainer_client, session, known):
    """A comment holding a script shows as text, never runs."""
    for learner in [attendee(session) for _ in range(2)]:
        answered(learner, comments=f"{XSS}\nSecond line & more")
    html = page(trainer_client.get(results_url(session)))
    assert XSS not in html
    assert "&lt;script&gt;alert(&quot;boo&quot;)&lt;/script&gt;<br>Second line &amp; more" in html
    assert "2 comments" in html


def test_a_template_without_headline_has_no_satisfaction_rate(trainer_client, session):
    template = SurveyTemplateFactory(headline=False)
    SurveyFactory(session=session, template=template)
    for _ in range(5):
        SurveyResponse.objects.create(
            session=session,
            template=template,
            answers={"11111111-1111-4111-8111-111111111111": 4},
        )
    html = page(trainer_client.get(results_url(session)))
    assert "None: this survey has no headline question." in html
    assert "How useful was the workshop?" in html


def test_the_page_needs_few_queries_however_many_answered(client, session, known):
    client.force_login(AdministratorFactory())
    client.get(results_url(session))  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as few:
        client.get(results_url(session))
    for learner in [attendee(session) for _ in range(20)]:
        answered(learner, comments="More")
    with CaptureQueriesContext(connection) as many:
        client.get(results_url(session))
    assert len(many) == len(few)


def test_a_learner_cannot_reach_results_by_guessing(client, session, known):
    client.force_login(UserFactory())
    assert client.get(results_url(session)).status_code == 404
