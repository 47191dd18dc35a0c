"""The rules of surveys: the window (from the start of the last local day until
SURVEY_OPEN_DAYS after the end), who may answer, one response per enrollment even when
the check is raced, and anonymity; plus what the admin forms refuse."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cms.factories import locale
from courses.factories import TrainingSessionFactory
from enrollment import steps
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus
from surveys import services
from surveys.factories import SurveyFactory, SurveyTemplateFactory
from surveys.models import SurveyCompletion, SurveyResponse, SurveyTemplate
from surveys.services import Refusal, SurveyRefused
from surveys.standard import QUESTION_IDS
from tests.surveys.factories import attend, attendee, standard_answers

pytestmark = pytest.mark.django_db

MICROSECOND = timedelta(microseconds=1)


@pytest.fixture
def tokyo(course):
    """Three days in Tokyo (UTC+9), 1 to 3 June 2030, 9:00 to 17:00 local time."""
    return TrainingSessionFactory(
        course=course,
        starts_at=datetime(2030, 6, 1, 0, 0, tzinfo=UTC),
        ends_at=datetime(2030, 6, 3, 8, 0, tzinfo=UTC),
        timezone="Asia/Tokyo",
    )


def submit(enrollment, now, **answers):
    return services.response_submit(
        enrollment=enrollment,
        template=services.template_for(enrollment.session, "en"),
        answers=standard_answers(**answers),
        language="en",
        now=now,
    )


# --- the window ---------------------------------------------------------------------------


def test_the_survey_opens_at_the_start_of_the_last_local_day(tokyo):
    """3 June 00:00 in Tokyo is 2 June 15:00 UTC: refused a microsecond before, open at it."""
    enrollment = attendee(tokyo)
    opens = datetime(2030, 6, 2, 15, 0, tzinfo=UTC)
    assert services.survey_window(tokyo).opens_at == opens
    assert services.refusal_for(enrollment, opens - MICROSECOND) == Refusal.NOT_OPEN_YET
    assert services.refusal_for(enrollment, opens) is None


def test_the_survey_closes_survey_open_days_after_the_end(tokyo, settings):
    settings.SURVEY_OPEN_DAYS = 10
    enrollment = attendee(tokyo)
    closes = datetime(2030, 6, 13, 8, 0, tzinfo=UTC)
    assert services.survey_window(tokyo).closes_at == closes
    assert services.refusal_for(enrollment, closes - MICROSECOND) is None
    assert services.refusal_for(enrollment, closes) == Refusal.CLOSED
    with pytest.raises(SurveyRefused) as refused:
        submit(enrollment, closes)
    assert refused.value.refusal == Refusal.CLOSED
    assert SurveyResponse.objects.count() == 0


def test_a_survey_may_set_its_own_times(tokyo):
    opens = datetime(2030, 6, 4, 9, 0, tzinfo=UTC)
    closes = datetime(2030, 6, 5, 9, 0, tzinfo=UTC)
    SurveyFactory(session=tokyo, opens_at=opens, closes_at=closes)
    enrollment = attendee(tokyo)
    assert services.refusal_for(enrollment, opens - MICROSECOND) == Refusal.NOT_OPEN_YET
    assert services.refusal_for(enrollment, opens) is None
    assert services.refusal_for(enrollment, closes) == Refusal.CLOSED


# --- who may answer -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        EnrollmentStatus.PENDING,
        EnrollmentStatus.WAITLISTED,
        EnrollmentStatus.CANCELLED,
        EnrollmentStatus.REJECTED,
        EnrollmentStatus.NO_SHOW,
    ],
)
def test_only_learners_who_held_a_seat_may_answer(tokyo, status):
    enrollment = attend(EnrollmentFactory(session=tokyo, status=status))
    now = datetime(2030, 6, 4, tzinfo=UTC)
    assert services.refusal_for(enrollment, now) == Refusal.NOT_ENROLLED
    with pytest.raises(SurveyRefused):
        submit(enrollment, now)
    assert SurveyCompletion.objects.count() == SurveyResponse.objects.count() == 0


def test_a_learner_with_no_attendance_may_not_answer(tokyo):
    enrollment = EnrollmentFactory(session=tokyo, status=EnrollmentStatus.CONFIRMED)
    now = datetime(2030, 6, 4, tzinfo=UTC)
    assert services.refusal_for(enrollment, now) == Refusal.DID_NOT_ATTEND
    attend(enrollment)
    assert services.refusal_for(enrollment, now) is None


# --- one response per enrollment ----------------------------------------------------------


def test_the_second_submit_raises_already_answered_and_stores_nothing(tokyo):
    enrollment = attendee(tokyo)
    now = datetime(2030, 6, 4, tzinfo=UTC)
    submit(enrollment, now, overall=5)
    with pytest.raises(SurveyRefused) as refused:
        submit(enrollment, now, overall=1)
    assert refused.value.refusal == Refusal.ALREADY_ANSWERED
    assert SurveyResponse.objects.get().overall_rating == 5
    assert SurveyCompletion.objects.count() == 1


def test_the_database_holds_when_both_submits_pass_the_check(tokyo, monkeypatch):
    """Two simultaneous submits both find the learner has not answered; the unique
    completion row lets only one of them store anything."""
    enrollment = attendee(tokyo)
    now = datetime(2030, 6, 4, tzinfo=UTC)
    monkeypatch.setattr(services, "refusal_for", lambda enrollment, now=None: None)
    submit(enrollment, now, overall=5)
    with pytest.raises(SurveyRefused) as refused:
        submit(enrollment, now, overall=1)
    assert refused.value.refusal == Refusal.ALREADY_ANSWERED
    assert SurveyResponse.objects.count() == 1
    assert SurveyCompletion.objects.count() == 1


def test_the_constraints_refuse_a_second_row_for_one_enrollment(tokyo):
    """Written around the service, a second completion or named response still fails."""
    enrollment = attendee(tokyo)
    template = services.standard_template()
    SurveyCompletion.objects.create(enrollment=enrollment, session=tokyo)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyCompletion.objects.create(enrollment=enrollment, session=tokyo)
    SurveyResponse.objects.create(session=tokyo, template=template, enrollment=enrollment)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(session=tokyo, template=template, enrollment=enrollment)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(session=tokyo, template=template, overall_rating=6)


def test_the_answered_signal_is_sent_once_with_the_response(
    tokyo, django_capture_on_commit_callbacks
):
    enrollment = attendee(tokyo)
    received = []

    def receiver(sender, enrollment, steps, **kwargs):
        received.append((enrollment, steps))

    steps.step_done.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            submit(enrollment, datetime(2030, 6, 4, tzinfo=UTC))
        assert received == [(enrollment, (steps.SURVEY,))]
        assert steps.is_done(steps.SURVEY, enrollment)
    finally:
        steps.step_done.disconnect(receiver)


# --- anonymity ----------------------------------------------------------------------------


def test_an_anonymous_response_has_no_link_to_the_learner(tokyo):
    """Neither the enrollment nor the time is stored, the key is random; only the separate
    completion row says that the learner answered."""
    first, second = attendee(tokyo), attendee(tokyo)
    now = datetime(2030, 6, 4, tzinfo=UTC)
    responses = [submit(first, now, overall=5), submit(second, now, overall=3)]
    for response in SurveyResponse.objects.filter(pk__in=[r.pk for r in responses]):
        assert response.enrollment_id is None
        assert response.submitted_at is None
        assert UUID(str(response.pk)).version == 4
    stored = SurveyResponse.objects.values()[0]
    assert {"enrollment_id", "submitted_at"} <= set(stored)
    assert set(SurveyCompletion.objects.values_list("enrollment", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_a_named_response_keeps_the_enrollment_and_time(tokyo):
    SurveyFactory(session=tokyo, anonymous=False)
    enrollment = attendee(tokyo)
    now = datetime(2030, 6, 4, tzinfo=UTC)
    response = submit(enrollment, now)
    assert response.enrollment == enrollment
    assert response.submitted_at == now


# --- templates ----------------------------------------------------------------------------


def test_the_session_template_is_picked_in_the_readers_language(tokyo):
    assert services.template_for(tokyo, "ar").title == "استبيان الرضا"
    assert services.template_for(tokyo, "zh-hans").title == "满意度调查"
    custom = SurveyTemplateFactory()
    SurveyFactory(session=tokyo, template=custom)
    # Not translated into Arabic: the English original.
    assert services.template_for(tokyo, "ar") == custom


def test_a_template_without_headline_gives_no_overall_rating(tokyo):
    SurveyFactory(session=tokyo, template=SurveyTemplateFactory(headline=False))
    enrollment = attendee(tokyo)
    template = services.template_for(tokyo, "en")
    response = services.response_submit(
        enrollment=enrollment,
        template=template,
        answers={"11111111-1111-4111-8111-111111111111": 5},
        language="en",
        now=datetime(2030, 6, 4, tzinfo=UTC),
    )
    assert response.overall_rating is None


def test_the_standard_template_must_keep_a_headline_question():
    template = services.standard_template()
    template.questions = [
        block for block in template.questions.raw_data if block["id"] != QUESTION_IDS["overall"]
    ]
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "questions" in error.value.message_dict


def test_only_one_standard_template_per_language():
    template = SurveyTemplateFactory.build(headline=True, is_standard=True, locale=locale("en"))
    with pytest.raises(ValidationError) as error:
        template.clean()
    assert "is_standard" in error.value.message_dict


def test_a_custom_template_without_headline_is_valid():
    SurveyTemplateFactory(headline=False).full_clean()


def test_a_survey_must_close_after_it_opens(tokyo):
    survey = SurveyFactory.build(
        session=tokyo,
        opens_at=datetime(2030, 6, 5, tzinfo=UTC),
        closes_at=datetime(2030, 6, 4, tzinfo=UTC),
    )
    with pytest.raises(ValidationError) as error:
        survey.clean()
    assert "closes_at" in error.value.message_dict
    # Closing before the default opening (the last day) is refused too.
    survey.opens_at, survey.closes_at = None, datetime(2030, 6, 1, tzinfo=UTC)
    with pytest.raises(ValidationError):
        survey.clean()


def test_standard_templates_exist_for_every_language():
    assert SurveyTemplate.objects.filter(is_standard=True).count() == 6
