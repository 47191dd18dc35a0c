"""What a learner sees on their data page: the link from My learning and the account
pages, the JSON copy, and deleting the account (confirmed by password, with the
certificates kept valid or revoked), then what a stranger verifying a certificate sees."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.factories import DEFAULT_PASSWORD, TrainerFactory, UserFactory
from accounts.models import User
from certificates.factories import CertificateFactory
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import EnrollmentStatus, LearnerProfile
from live.factories import PollFactory, QuestionFactory, RoomFactory
from live.models import PollVote
from tests.certificates.factories import confirmed
from tests.surveys.factories import answered

pytestmark = pytest.mark.django_db

DATA_URL = "/en/accounts/data/"
DOWNLOAD_URL = "/en/accounts/data/download/"
DELETE_URL = "/en/accounts/data/delete/"


@pytest.fixture
def learner(home):
    user = UserFactory(first_name="Amina", last_name="Diallo", email="amina@example.org")
    LearnerProfileFactory(user=user, organisation="Kenya Water Authority", year_of_birth=1990)
    return user


@pytest.fixture
def certificate(learner):
    """A certificate Amina received and confirmed the name of."""
    enrollment = EnrollmentFactory(user=learner, status=EnrollmentStatus.COMPLETED)
    return confirmed(CertificateFactory(enrollment=enrollment, printed_name="Amina Diallo"))


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def delete(client, **fields):
    return client.post(DELETE_URL, {"password": DEFAULT_PASSWORD, **fields})


# --- the page -----------------------------------------------------------------------------


def test_my_learning_and_the_account_pages_link_to_the_data_page(signed_in):
    for url in ("/en/learning/", "/en/accounts/email/"):
        assert f'href="{DATA_URL}"' in signed_in.get(url).content.decode()


def test_the_data_page_offers_the_download_and_the_deletion_form(signed_in, certificate):
    response = signed_in.get(DATA_URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'action="{DOWNLOAD_URL}"' in content
    assert "Download my data (JSON)" in content
    assert f'<form method="post" action="{DELETE_URL}"' in content
    assert 'type="password"' in content
    assert 'type="radio" name="certificates" value="keep"' in content
    assert 'type="radio" name="certificates" value="revoke"' in content
    assert "You hold 1 valid certificate." in content
    assert "<script" not in content


def test_without_certificates_there_is_nothing_to_choose(signed_in):
    content = signed_in.get(DATA_URL).content.decode()
    assert 'name="certificates"' not in content


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", DATA_URL), ("get", DOWNLOAD_URL), ("post", DELETE_URL)],
)
def test_anonymous_visitors_are_sent_to_log_in(client, home, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={url}"


def test_deleting_takes_a_post(signed_in, learner):
    assert signed_in.get(DELETE_URL).status_code == 405
    learner.refresh_from_db()
    assert learner.is_active


# --- the copy -----------------------------------------------------------------------------


def test_the_download_is_a_dated_json_file_of_the_learner_s_data_only(
    signed_in, learner, certificate
):
    """Amina's file holds her account, profile, enrollment with attendance, question,
    poll vote, named survey answer and certificate; Bola's question and anonymous survey
    answers are not in it."""
    bola = UserFactory(first_name="Bola", email="bola@example.org")
    room = RoomFactory(session=certificate.enrollment.session)
    QuestionFactory(room=room, author=learner, text="Will the slides be shared?")
    QuestionFactory(room=room, author=bola, text="Bola wonders about the rain gauges")
    poll = PollFactory(room=room, question="Which region?", options=["Coast", "Highlands"])
    ballot = PollVote.objects.create(poll=poll, user=learner)
    ballot.options.set([poll.options.get(text="Highlands")])
    answered(certificate.enrollment, anonymous=False, comments="Amina liked the field visit")
    other = EnrollmentFactory(user=bola, session=certificate.enrollment.session)
    answered(other, anonymous=True, comments="An anonymous remark from Bola")

    response = signed_in.get(DOWNLOAD_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="my-data-{today}.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "amina@example.org"
    assert data["account"]["last_name"] == "Diallo"
    assert data["email_addresses"] == [
        {"email": "amina@example.org", "verified": True, "primary": True}
    ]
    assert data["learner_profile"]["organisation"] == "Kenya Water Authority"
    assert data["learner_profile"]["year_of_birth"] == 1990
    assert data["consents"][0]["consent"] == "counted_in_statistics"
    [enrollment] = data["enrollments"]
    assert enrollment["status"] == "completed"
    [question] = data["live_rooms"]["questions"]
    assert question["text"] == "Will the slides be shared?"
    [vote] = data["live_rooms"]["poll_votes"]
    assert (vote["poll"], vote["answers"]) == ("Which region?", ["Highlands"])
    [response_data] = data["survey_responses"]
    assert "Amina liked the field visit" in str(response_data["answers"])
    [held] = data["certificates"]
    assert held["printed_name"] == "Amina Diallo"
    assert (
        held["verification_url"] == f"http://testserver/en/certificates/verify/{certificate.code}/"
    )
    text = response.content.decode()
    for absent in ("bola@example.org", "Bola", "rain gauges", "anonymous remark"):
        assert absent not in text


def test_the_copy_lists_attendance_days(signed_in, learner, certificate):
    from tests.certificates.factories import attend

    attend(certificate.enrollment)
    data = json.loads(signed_in.get(DOWNLOAD_URL).content)
    days = data["enrollments"][0]["attendance"]
    assert days and all(day["source"] == "roster" for day in days)


# --- deleting -----------------------------------------------------------------------------


def test_a_wrong_password_deletes_nothing(signed_in, learner):
    response = delete(signed_in, password="not my password")
    assert response.status_code == 400
    assert "This is not your password." in response.content.decode()
    learner.refresh_from_db()
    assert learner.email == "amina@example.org" and learner.is_active
    assert signed_in.get("/en/learning/").status_code == 200


def test_guessing_the_password_is_stopped_after_five_tries_a_minute(
    signed_in, learner, rate_limit_clock
):
    """The form asks for the password: a stolen session cannot try passwords at speed."""
    for _ in range(5):
        assert delete(signed_in, password="not my password").status_code == 400
    response = delete(signed_in, password="not my password")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    learner.refresh_from_db()
    assert learner.is_active


def test_the_certificate_choice_is_required_when_there_are_certificates(signed_in, certificate):
    response = delete(signed_in)
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert User.objects.filter(email="amina@example.org").exists()


def test_deleting_and_keeping_the_certificate(signed_in, learner, certificate):
    """Logged out, told what happened; an employer still sees the certificate as valid
    under the printed name."""
    response = delete(signed_in, certificates="keep")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/data/deleted/"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Your account is deleted" in page
    assert "stays valid under the name printed on it" in page
    assert signed_in.get("/en/learning/").status_code == 302
    assert not User.objects.filter(email="amina@example.org").exists()
    profile = LearnerProfile.objects.get(user=learner)
    assert (profile.organisation, profile.year_of_birth) == ("", None)

    verification = Client().get(f"/en/certificates/verify/{certificate.code}/")
    content = verification.content.decode()
    assert "Valid certificate" in content
    assert "Amina Diallo" in content


def test_deleting_and_revoking_the_certificate(signed_in, certificate):
    response = delete(signed_in, certificates="revoke")
    assert response.status_code == 302
    page = signed_in.get(response["Location"]).content.decode()
    assert "Your certificates are revoked" in page

    verification = Client().get(f"/en/certificates/verify/{certificate.code}/")
    content = verification.content.decode()
    assert "Revoked certificate" in content
    assert "At the holder&#x27;s request" in content or "At the holder's request" in content
    assert "Amina" not in content
    assert "Awarded to" not in content


def test_every_other_session_of_the_account_is_logged_out(signed_in, learner):
    phone = Client()
    phone.force_login(learner)
    assert phone.get("/en/learning/").status_code == 200
    delete(signed_in)
    response = phone.get("/en/learning/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_the_old_password_no_longer_logs_in(client, learner):
    client.force_login(learner)
    delete(client)
    client.post("/en/accounts/login/", {"login": "amina@example.org", "password": DEFAULT_PASSWORD})
    assert client.get("/en/learning/").status_code == 302


def test_an_account_without_a_password_confirms_with_its_email_address(client, learner):
    learner.set_unusable_password()
    learner.save()
    client.force_login(learner)
    assert 'type="email"' in client.get(DATA_URL).content.decode()
    refused = client.post(DELETE_URL, {"email": "someone@example.org"})
    assert "This is not the email address of your account." in refused.content.decode()
    response = client.post(DELETE_URL, {"email": "AMINA@example.org"})
    assert response.status_code == 302
    assert not User.objects.filter(email="amina@example.org").exists()


def test_a_seat_in_a_coming_session_goes_to_the_waiting_list(
    signed_in, learner, mailoutbox, run_tasks
):
    """Amina's seat is given back; the next learner is promoted and told, Amina's erased
    address gets nothing."""
    starts = timezone.now() + timedelta(days=10)
    mine = EnrollmentFactory(
        user=learner,
        status=EnrollmentStatus.CONFIRMED,
        session__capacity=1,
        session__seats_taken=1,
        session__starts_at=starts,
        session__ends_at=starts + timedelta(hours=6),
    )
    waiting = EnrollmentFactory(session=mine.session, status=EnrollmentStatus.WAITLISTED)

    delete(signed_in)
    run_tasks()

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == EnrollmentStatus.CANCELLED
    assert waiting.status == EnrollmentStatus.CONFIRMED
    recipients = [address for message in mailoutbox for address in message.to]
    assert waiting.user.email in recipients
    assert not [address for address in recipients if address.endswith("erased.invalid")]
    assert "amina@example.org" not in recipients


def test_a_trainer_is_told_to_ask_an_administrator(client, home):
    trainer = TrainerFactory(email="tamar@example.org")
    client.force_login(trainer)
    page = client.get(DATA_URL).content.decode()
    assert "closed by an administrator" in page
    assert f'action="{DELETE_URL}"' not in page
    assert client.post(DELETE_URL, {"password": DEFAULT_PASSWORD}).status_code == 403
    trainer.refresh_from_db()
    assert trainer.is_active and trainer.email == "tamar@example.org"


def test_the_confirmation_page_is_only_for_who_just_deleted(client, home):
    response = client.get("/en/accounts/data/deleted/")
    assert response.status_code == 302
