"""The servers the conferencing tests configure, with the secrets of the providers'
published examples (BigBlueButton's API docs, Usage; Jitsi's doc/tokens.md)."""

import pytest

from accounts.factories import TrainerFactory, UserFactory
from courses.factories import TrainerSnippetFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory

BBB_SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
JITSI_SECRET = "example_app_secret"
JITSI_EVENTS_TOKEN = "TOKEN-237958623045"


@pytest.fixture(autouse=True)
def conferencing_servers(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://training.example.org"
    settings.CONFERENCING_SERVERS = {
        "bbb": {
            "provider": "bigbluebutton",
            "url": "https://bbb.example.com/bigbluebutton/api",
            "secret": BBB_SECRET,
            "app_id": "",
            "events_token": "",
            "checksum": "sha1",
        },
        "jitsi": {
            "provider": "jitsi",
            "url": "https://meet.jit.si",
            "secret": JITSI_SECRET,
            "app_id": "my_client",
            "events_token": JITSI_EVENTS_TOKEN,
            "checksum": "sha256",
        },
    }


@pytest.fixture
def trainer():
    return TrainerFactory(first_name="Amina", last_name="Diallo")


@pytest.fixture
def session(home, trainer):
    return TrainingSessionFactory(trainers=[TrainerSnippetFactory(user=trainer)])


@pytest.fixture
def learner(session):
    user = UserFactory(first_name="Sylvia", last_name="Kelley")
    EnrollmentFactory(user=user, session=session)
    return user
