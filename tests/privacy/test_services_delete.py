"""Erasing an account on the small centre of tests/reporting/factories.py: the person's
data is gone or anonymised, and every figure the centre reports stays as it was."""

from dataclasses import asdict

import pytest
from allauth.account.models import EmailAddress

from certificates.models import Certificate, RevocationReason
from enrollment.models import Enrollment, LearnerProfile
from live.factories import QuestionFactory, RoomFactory
from live.models import Question, QuestionVote
from live.services import question_ask
from privacy.services import KEEP, REVOKE, PrivacyError, account_delete
from reporting import selectors
from reporting.filters import ReportFilters
from surveys.models import SurveyResponse
from tests.live.factories import access_of, room_events
from tests.reporting.factories import HOST_COUNTRY

pytestmark = pytest.mark.django_db


def figures() -> dict:
    """Every breakdown the centre publishes, for the whole period and for one country."""
    everything, kenya = ReportFilters(), ReportFilters(country="KE")
    return {
        "headline": asdict(selectors.headline(everything, host_country=HOST_COUNTRY)),
        "headline_kenya": asdict(selectors.headline(kenya, host_country=HOST_COUNTRY)),
        "gender_split": [asdict(row) for row in selectors.gender_split(everything)],
        "by_country": [asdict(row) for row in selectors.by_country(everything)],
        "by_region": [asdict(row) for row in selectors.by_region(everything)],
        "by_year": [asdict(row) for row in selectors.by_year(everything)],
        "by_theme": [
            (row.title, row.trainings, row.participations, row.responses, row.satisfied)
            for row in selectors.by_theme(everything, "en")
        ],
    }


def test_figures_are_the_same_after_a_learner_erases_their_account(centre):
    """Amina (two trainings, a named survey answer, two certificates, two seminar rooms)
    leaves: participants, women, countries, satisfaction and audience do not move."""
    before = figures()
    account_delete(centre.people["amina"], certificates=KEEP)
    assert figures() == before
    assert before["headline"]["participants"] == 6  # the figures are not empty


def test_figures_after_erasing_a_learner_who_was_not_counted(centre):
    """Eli did not consent to the statistics: his profile goes entirely, figures stay."""
    eli = centre.people["eli"]
    before = figures()
    account_delete(eli, certificates=KEEP)
    assert figures() == before
    assert not LearnerProfile.objects.filter(user=eli).exists()


def test_revoking_certificates_only_lowers_the_count_of_valid_certificates(centre):
    """Amina's two certificates are revoked: the centre holds two fewer valid ones, and
    nothing else changes."""
    before = figures()
    account_delete(centre.people["amina"], certificates=REVOKE)
    after = figures()
    assert after["headline"]["certificates"] == before["headline"]["certificates"] - 2
    after["headline"]["certificates"] = before["headline"]["certificates"]
    after["headline_kenya"]["certificates"] = before["headline_kenya"]["certificates"]
    assert after == before


def test_personal_data_is_erased(centre):
    """Name, addresses, password, profile details and the named survey link are gone;
    country, gender, enrollments and attendance stay for the figures."""
    amina = centre.people["amina"]
    LearnerProfile.objects.filter(user=amina).update(
        organisation="Kenya Water Authority", sector="government", year_of_birth=1990
    )
    Enrollment.objects.filter(user=amina).update(reason="Came late, called her boss")
    email = amina.email
    assert EmailAddress.objects.filter(user=amina).exists()
    enrollments = Enrollment.objects.filter(user=amina).count()

    account_delete(amina, certificates=KEEP)

    amina.refresh_from_db()
    assert amina.email != email and amina.email.endswith("@erased.invalid")
    assert (amina.first_name, amina.last_name) == ("", "")
    assert not amina.has_usable_password()
    assert not amina.is_active
    assert amina.last_login is None
    assert not amina.groups.exists()
    assert not EmailAddress.objects.filter(user=amina).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    profile = LearnerProfile.objects.get(user=amina)
    assert (profile.organisation, profile.sector, profile.year_of_birth) == ("", "", None)
    assert (profile.country.code, profile.gender) == ("KE", "woman")
    assert Enrollment.objects.filter(user=amina).count() == enrollments
    assert not Enrollment.objects.filter(user=amina).exclude(reason="").exists()
    assert not SurveyResponse.objects.filter(enrollment__user=amina).exists()


def test_a_named_survey_response_loses_its_link_time_and_free_text(centre):
    """Amina's named answer to s1 stays as an anonymous one: rating kept, comment gone."""
    response = SurveyResponse.objects.get(enrollment__user=centre.people["amina"])
    comment_id = next(
        block.id for block in response.template.questions if block.block_type == "text"
    )
    response.answers[comment_id] = "I am Amina from the Nairobi office"
    response.save()

    account_delete(centre.people["amina"], certificates=KEEP)

    response.refresh_from_db()
    assert response.enrollment is None
    assert response.submitted_at is None
    assert response.overall_rating == 5
    assert comment_id not in response.answers
    assert "Nairobi" not in str(response.answers)


def test_certificates_kept_or_revoked(centre):
    """Kept: valid under the printed name. Revoked: at the holder's request, name erased."""
    amina, chen = centre.people["amina"], centre.people["chen"]
    account_delete(amina, certificates=KEEP)
    account_delete(chen, certificates=REVOKE)
    kept = Certificate.objects.filter(enrollment__user=amina)
    assert kept.count() == 2
    assert all(not c.is_revoked and c.printed_name for c in kept)
    revoked = Certificate.objects.get(enrollment__user=chen)
    assert revoked.is_revoked
    assert revoked.revocation_reason == RevocationReason.HOLDER_REQUEST
    assert revoked.printed_name == ""


def test_live_room_questions_are_deleted_and_blanked_in_the_event_log(centre):
    """Other participants resuming the room never read the erased person's question."""
    room = RoomFactory(session=centre.sessions["s4"])
    gus = centre.people["gus"]
    Enrollment.objects.filter(user=gus, session=room.session).update(status="confirmed")
    question_ask(
        room=room, user=gus, access=access_of(gus, room), text_="Gus asks about the floods?"
    )
    theirs = QuestionFactory(room=room, author=centre.people["eli"], text="Eli's question")
    QuestionVote.objects.create(question=theirs, user=gus)
    assert "Gus asks" in str(room_events(room))

    account_delete(gus, certificates=KEEP)

    assert not Question.objects.filter(author=gus).exists()
    assert not Question.objects.filter(text__contains="Gus asks").exists()
    assert Question.objects.filter(pk=theirs.pk).exists()
    for moderator in (False, True):
        events = str(room_events(room, moderator=moderator))
        assert "Gus asks" not in events
        assert gus.first_name not in events


def test_erasing_twice_is_refused(centre):
    amina = centre.people["amina"]
    account_delete(amina, certificates=KEEP)
    with pytest.raises(PrivacyError):
        account_delete(amina, certificates=KEEP)


def test_a_trainer_cannot_erase_their_own_account(centre):
    """The trainer of s1 and s3 is closed by an administrator, never by the service."""
    trainer = centre.trainer
    with pytest.raises(PrivacyError):
        account_delete(trainer, certificates=KEEP)
    trainer.refresh_from_db()
    assert trainer.email == "trainer@example.org" and trainer.is_active
