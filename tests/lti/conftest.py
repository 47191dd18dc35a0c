"""A course the partner's LMS links to (a reading lesson and a graded quiz, in English and
French, with a self-paced run and a dated session with one seat), the LMS itself
(tests/lti/platform.py) served beside the tool's live server, registered in the admin."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
import requests
from django.utils import timezone

from cms.factories import translate
from courses.factories import (
    CoursePageFactory,
    SelfPacedRunFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from learning.factories import LessonPageFactory, ModulePageFactory
from lti.models import LtiPlatform
from tests.learning.quiz_world import RIGHT, questions
from tests.lti.platform import Platform


@dataclass
class Course:
    page: object
    french: object
    reading: object
    quiz: object
    run: object
    dated: object

    def answers(self, **changes) -> dict[str, str]:
        ids = dict(zip(RIGHT, [block.id for block in self.quiz.questions], strict=True))
        return {ids[name]: changes.get(name, value) for name, value in RIGHT.items()}


@pytest.fixture
def course(home):
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction")
    page = CoursePageFactory(parent=theme, title="Flood warning", slug="flood-warning")
    module = ModulePageFactory(parent=page, title="Warning systems", slug="warning-systems")
    reading = LessonPageFactory(parent=module, title="Why warn early", slug="why-warn-early")
    quiz = LessonPageFactory(
        parent=module,
        title="Check what you learned",
        slug="check",
        questions=questions(),
        graded=True,
        passing_score=70,
    )
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Réduction des risques")
    french = translate(page, "fr", title="Alerte aux crues")
    translate(module, "fr", title="Systèmes d'alerte")
    translate(reading, "fr", title="Pourquoi alerter tôt")
    translate(quiz, "fr", title="Vérifiez vos acquis")
    run = SelfPacedRunFactory(course=page)
    dated = TrainingSessionFactory(
        course=page,
        capacity=1,
        starts_at=timezone.now() + timedelta(days=2),
    )
    return Course(page, french, reading, quiz, run, dated)


@pytest.fixture
def lms(live_server):
    """The partner's LMS, registered in the admin as an LTI platform."""
    with Platform(live_server.url) as platform:
        platform.record = LtiPlatform.objects.create(
            name="Partner university",
            issuer=platform.issuer,
            client_id=platform.client_id,
            auth_login_url=f"{platform.url}/authorize",
            auth_token_url=f"{platform.url}/token",
            key_set_url=f"{platform.url}/jwks",
            deployment_ids=f"another-deployment\n{platform.deployment_id}\n",
        )
        yield platform


@pytest.fixture
def user_agent():
    """The person's browser, as an HTTP session that keeps its cookies."""
    with requests.Session() as session:
        yield session
