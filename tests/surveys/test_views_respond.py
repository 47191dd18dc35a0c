"""The survey page learners open from My learning and their emails: the form in their
language, who may answer and when, what a submit stores, and what a second submit does."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.factories import UserFactory
from certificates.factories import CertificateFactory
from courses.factories import TrainingSessionFactory
from courses.models import SessionStatus
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus
from surveys.factories import SurveyFactory, SurveyTemplateFactory
from surveys.models import SurveyCompletion, SurveyResponse
from surveys.standard import QUESTION_IDS
from tests.surveys.factories import answered, attend, attendee, ended_session, standard_answers

pytestmark = pytest.mark.django_db


def survey_url(enrollment, language="en", name="surveys:respond"):
    with translation.override(language):
        return reverse(name, kwargs={"enrollment_id": enrollment.pk})


def form_data(answers: dict) -> dict:
    """What the browser posts for `answers` (question id -> value)."""
    return {f"q-{question}": value for question, value in answers.items()}


def page(response) -> str:
    return response.content.decode()


# --- the form -----------------------------------------------------------------------------


def test_learner_sees_the_standard_survey_with_its_anonymity_explained(learner_client, enrollment):
    """The form lists the standard questions, labels both ends of each rating and says
    that answers are not linked to the learner."""
    response = learner_client.get(survey_url(enrollment))
    html = page(response)
    assert response.status_code == 200
    assert "<h1>Satisfaction survey</h1>" in html
    assert "Flood early warning" in html
    assert "Overall, how satisfied are you with this training?" in html
    assert "Very dissatisfied" in html and "Very satisfied" in html
    assert "Would you recommend this training to a colleague?" in html
    assert 'type="checkbox"' in html  # the most useful parts: several answers
    assert "<textarea" in html and 'maxlength="5000"' in html
    assert "This survey is anonymous." in html
    assert "only once at least 5 learners have answered" in html


def test_the_form_is_arabic_and_right_to_left_for_an_arabic_reader(learner_client, enrollment):
    """Under /ar/ the page is right to left, with the Arabic questions and course title."""
    html = page(learner_client.get(survey_url(enrollment, "ar")))
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>استبيان الرضا</h1>" in html
    assert "بشكل عام، ما مدى رضاك عن هذا التدريب؟" in html
    assert "الإنذار المبكر بالفيضانات" in html
    # The question ids do not depend on the language.
    assert f'name="q-{QUESTION_IDS["overall"]}"' in html


def test_a_template_not_yet_translated_is_shown_in_its_own_language(
    learner_client, enrollment, session
):
    """An English-only template on an Arabic page is marked English, left to right."""
    SurveyFactory(session=session, template=SurveyTemplateFactory(headline=True))
    html = page(learner_client.get(survey_url(enrollment, "ar")))
    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="en" dir="ltr"' in html
    assert "How useful was the workshop?" in html


def test_a_named_survey_says_answers_carry_the_name(learner_client, enrollment, session):
    SurveyFactory(session=session, anonymous=False)
    html = page(learner_client.get(survey_url(enrollment)))
    assert "This survey is not anonymous." in html


# --- submitting ---------------------------------------------------------------------------


def test_answers_are_stored_once_without_a_link_to_the_learner(learner_client, enrollment):
    """A complete submit leads to the thank-you page; the response holds the answers by
    question id (choices as option indexes) but neither the enrollment nor a time."""
    answers = standard_answers(overall=4, recommend=1, useful=[0, 3], comments="More maps")
    response = learner_client.post(survey_url(enrollment), form_data(answers))
    assert response.status_code == 302
    assert response.url == survey_url(enrollment, name="surveys:thanks")
    thanks = learner_client.get(response.url)
    assert "Thank you for your answers" in page(thanks)
    assert "without your name" in page(thanks)

    stored = SurveyResponse.objects.get()
    assert stored.answers == {
        QUESTION_IDS["overall"]: 4,
        QUESTION_IDS["relevance"]: 4,
        QUESTION_IDS["trainers"]: 4,
        QUESTION_IDS["organisation"]: 4,
        QUESTION_IDS["recommend"]: 1,
        QUESTION_IDS["useful"]: [0, 3],
        QUESTION_IDS["comments"]: "More maps",
    }
    assert stored.overall_rating == 4
    assert stored.enrollment is None
    assert stored.submitted_at is None
    assert stored.language == "en"
    assert SurveyCompletion.objects.get().enrollment == enrollment


def test_a_named_survey_stores_who_answered_and_when(learner_client, enrollment, session):
    SurveyFactory(session=session, anonymous=False)
    learner_client.post(survey_url(enrollment), form_data(standard_answers()))
    stored = SurveyResponse.objects.get()
    assert stored.enrollment == enrollment
    assert stored.submitted_at is not None


def test_answers_given_in_arabic_are_stored_with_their_language(learner_client, enrollment):
    response = learner_client.post(survey_url(enrollment, "ar"), form_data(standard_answers()))
    assert response.url == survey_url(enrollment, "ar", name="surveys:thanks")
    assert SurveyResponse.objects.get().language == "ar"


def test_a_missing_required_answer_shows_the_form_again_and_stores_nothing(
    learner_client, enrollment
):
    """Without the overall rating the form comes back with the error next to the question
    and the other answers kept; nothing is stored."""
    answers = standard_answers(overall=None, recommend=2)
    response = learner_client.post(survey_url(enrollment), form_data(answers))
    html = page(response)
    assert response.status_code == 200
    assert "Some answers need your attention" in html
    assert "This field is required." in html
    assert 'href="#question-1"' in html
    # The answer given to "would you recommend" is still ticked.
    assert f'value="2" id="id_q-{QUESTION_IDS["recommend"]}_2" required checked' in html
    assert SurveyResponse.objects.count() == 0
    assert SurveyCompletion.objects.count() == 0


def test_sending_the_form_empty_shows_every_required_error(learner_client, enrollment):
    """Nothing ticked at all: five required questions, five errors, nothing stored."""
    response = learner_client.post(survey_url(enrollment), {})
    html = page(response)
    assert response.status_code == 200
    assert html.count('<ul class="errorlist"') == 5
    assert SurveyResponse.objects.count() == 0
    assert SurveyCompletion.objects.count() == 0


def test_the_required_error_is_in_the_readers_language(learner_client, enrollment):
    answers = standard_answers(overall=None)
    html = page(learner_client.post(survey_url(enrollment, "fr"), form_data(answers)))
    with translation.override("fr"):
        required = gettext("This field is required.")
    assert required != "This field is required."
    assert required in html
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize(
    "bad",
    [
        {"overall": 9},  # not on the scale
        {"overall": "five"},
        {"recommend": 3},  # no such option
        {"useful": [0, 7]},
        {"comments": "x" * 5001},
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(learner_client, enrollment, bad):
    response = learner_client.post(survey_url(enrollment), form_data(standard_answers(**bad)))
    assert response.status_code == 200
    assert "errorlist" in page(response)
    assert SurveyResponse.objects.count() == 0


def test_free_text_is_stored_as_typed(learner_client, enrollment):
    text = '<script>alert("x")</script> & مرحبا'
    learner_client.post(survey_url(enrollment), form_data(standard_answers(comments=text)))
    assert SurveyResponse.objects.get().answers[QUESTION_IDS["comments"]] == text


def test_a_second_submit_says_already_answered_and_stores_nothing(learner_client, enrollment):
    """Submitting again (a second tab, the back button) changes nothing."""
    learner_client.post(survey_url(enrollment), form_data(standard_answers(overall=5)))
    response = learner_client.post(survey_url(enrollment), form_data(standard_answers(overall=1)))
    html = page(response)
    assert response.status_code == 200
    assert "You have already answered this survey" in html
    assert "nothing was changed" in html
    assert SurveyResponse.objects.get().overall_rating == 5
    assert SurveyCompletion.objects.count() == 1
    # Opening the survey again says the same.
    assert "You have already answered this survey" in page(
        learner_client.get(survey_url(enrollment))
    )


def test_the_thank_you_page_before_answering_leads_to_the_survey(learner_client, enrollment):
    response = learner_client.get(survey_url(enrollment, name="surveys:thanks"))
    assert response.status_code == 302
    assert response.url == survey_url(enrollment)


def test_the_thank_you_page_links_the_certificate_the_answer_issued(
    learner_client, enrollment, run_tasks
):
    """When the survey was the last step, the thank-you page links to the new certificate
    (issued by the task the answer enqueued)."""
    response = learner_client.post(survey_url(enrollment), form_data(standard_answers()))
    run_tasks()
    html = page(learner_client.get(response.url))
    assert "Your certificate is issued." in html
    certificate_url = reverse("certificates:enrollment", kwargs={"enrollment_id": enrollment.pk})
    assert f'<a class="button" href="{certificate_url}">Get your certificate</a>' in html


def test_the_thank_you_page_has_no_link_without_a_standing_certificate(learner_client, enrollment):
    """With no certificate, or a revoked one, the learner is thanked without a link."""
    answered(enrollment)
    thanks_url = survey_url(enrollment, name="surveys:thanks")
    html = page(learner_client.get(thanks_url))
    assert "Thank you for your answers" in html
    assert "Get your certificate" not in html
    CertificateFactory(
        enrollment=enrollment, revoked_at=timezone.now(), revocation_reason="issued_in_error"
    )
    assert "Get your certificate" not in page(learner_client.get(thanks_url))


# --- who may answer, and when -------------------------------------------------------------


def test_another_learners_survey_is_not_found(client, enrollment, session):
    """A learner opening or posting to someone else's survey gets a 404."""
    other = attendee(session)
    client.force_login(other.user)
    assert client.get(survey_url(enrollment)).status_code == 404
    assert client.post(survey_url(enrollment), form_data(standard_answers())).status_code == 404
    assert SurveyResponse.objects.count() == 0


def test_a_visitor_is_asked_to_log_in(client, enrollment):
    response = client.get(survey_url(enrollment))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize(
    "status", [EnrollmentStatus.PENDING, EnrollmentStatus.WAITLISTED, EnrollmentStatus.CANCELLED]
)
def test_learners_without_a_seat_are_refused(client, session, status):
    enrollment = attend(EnrollmentFactory(session=session, status=status))
    client.force_login(enrollment.user)
    html = page(client.get(survey_url(enrollment)))
    assert "Only learners who held a seat in this session can answer its survey." in html
    assert "<form" not in html.split('id="main"')[1]
    client.post(survey_url(enrollment), form_data(standard_answers()))
    assert SurveyResponse.objects.count() == 0


def test_a_learner_who_did_not_attend_is_refused(client, session):
    enrollment = EnrollmentFactory(session=session, status=EnrollmentStatus.CONFIRMED)
    client.force_login(enrollment.user)
    html = page(client.get(survey_url(enrollment)))
    assert "your attendance was not recorded" in html
    client.post(survey_url(enrollment), form_data(standard_answers()))
    assert SurveyResponse.objects.count() == 0


def test_a_completed_learner_may_answer(client, session):
    enrollment = attendee(session, status=EnrollmentStatus.COMPLETED)
    client.force_login(enrollment.user)
    response = client.post(survey_url(enrollment), form_data(standard_answers()))
    assert response.status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_before_the_last_day_the_page_says_when_the_survey_opens(client, course):
    """A session next week: the survey opens at the start of its last day."""
    starts = timezone.now() + timedelta(days=7)
    session = TrainingSessionFactory(
        course=course, starts_at=starts, ends_at=starts + timedelta(hours=3), timezone="UTC"
    )
    enrollment = attendee(session)
    client.force_login(enrollment.user)
    html = page(client.get(survey_url(enrollment)))
    opens = starts.replace(hour=0, minute=0)
    assert "The survey is not open yet. It opens on" in html
    assert opens.strftime("%Y") in html and "(\u2066UTC\u2069)" in html
    client.post(survey_url(enrollment), form_data(standard_answers()))
    assert SurveyResponse.objects.count() == 0


def test_after_the_window_the_page_says_the_survey_closed(client, course, settings):
    settings.SURVEY_OPEN_DAYS = 14
    session = ended_session(course, days_ago=15)
    enrollment = attendee(session)
    client.force_login(enrollment.user)
    html = page(client.get(survey_url(enrollment)))
    assert "The survey closed on" in html
    client.post(survey_url(enrollment), form_data(standard_answers()))
    assert SurveyResponse.objects.count() == 0


def test_a_cancelled_session_has_no_survey(client, course):
    session = ended_session(course, status=SessionStatus.CANCELLED)
    enrollment = attendee(session)
    client.force_login(enrollment.user)
    assert "This session was cancelled, so it has no survey." in page(
        client.get(survey_url(enrollment))
    )


def test_refusal_pages_follow_the_readers_language(client, course):
    session = ended_session(course, days_ago=30)
    enrollment = attendee(session)
    client.force_login(enrollment.user)
    html = page(client.get(survey_url(enrollment, "ar")))
    assert '<html lang="ar" dir="rtl">' in html
    assert "الإنذار المبكر بالفيضانات" in html


def test_the_survey_page_of_an_unknown_enrollment_is_not_found(client):
    client.force_login(UserFactory())
    assert client.get("/en/learning/999999/survey/").status_code == 404
