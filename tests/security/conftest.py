"""One cast and one set of records for the permission matrix: a session with its trainer,
learner A (who attended, answered, holds a certificate, asked and voted in the live room),
learner B in the same session, another trainer with a session of their own, and an
administrator."""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from certificates.factories import CertificateFactory, CompletionRuleFactory
from cms.factories import HomePageFactory, locale, make_site
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from courses.models import TrainingSession
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import Attendance, AttendanceSource, Enrollment, EnrollmentStatus
from enrollment.selectors import session_days
from learning.factories import LessonPageFactory, ModulePageFactory
from learning.models import Post
from live.factories import PollFactory, QuestionFactory
from live.models import PollState, PollVote, QuestionStatus, Room, RoomState
from surveys.models import Survey, SurveyCompletion, SurveyResponse
from surveys.services import standard_template
from surveys.standard import QUESTION_IDS
from tests.certificates.factories import confirmed

# What must never reach anyone but learner A (and, for the answers, A's trainer).
A_EMAIL = "amina.private@example.org"
A_NAME = "Amina Zerhouni"
A_ORGANISATION = "Aquifer Survey Bureau"
A_QUESTION = "Is my visa letter ready for the Zerhouni family?"
A_COMMENT = "The venue was too far from my hotel in Tamanrasset"
ANONYMOUS_COMMENT = "Anonymous remark about the coffee in Ouargla"


@dataclass
class World:
    home: Page
    theme: Page
    course: Page
    session: TrainingSession
    other_session: TrainingSession
    enrollment_a: Enrollment
    enrollment_b: Enrollment
    certificate_code: str
    room: Room
    other_room: Room
    question_id: int
    poll_id: int
    poll_option_id: int
    draft_poll_id: int
    survey_id: int
    template_id: int
    completion_rule_id: int
    certificate_id: int
    trainer_profile_id: int
    users: dict
    lesson: Page | None = None
    post_id: int = 0


ROLES = ["anonymous", "learner", "other_learner", "trainer", "other_trainer", "administrator"]


def build_world() -> World:
    for code, _name in settings.LANGUAGES:
        locale(code)
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(title="Training Centre", slug="home")
    make_site(home, is_master=True)
    theme = ThemePageFactory(parent=home, title="Water", slug="water")
    course = CoursePageFactory(parent=theme, title="Groundwater mapping", slug="groundwater")

    trainer = TrainerFactory(first_name="Grace", last_name="Otieno")
    other_trainer = TrainerFactory(first_name="Wei", last_name="Zhang")
    # A session that ended yesterday after two days: attendance, survey and certificate.
    yesterday = timezone.now().date() - timedelta(days=1)
    starts = datetime.combine(yesterday - timedelta(days=1), time(9), tzinfo=UTC)
    session = TrainingSessionFactory(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(days=1, hours=8),
        trainers=[TrainerSnippetFactory(user=trainer, name="Grace Otieno")],
    )
    other_session = TrainingSessionFactory(
        course=course, trainers=[TrainerSnippetFactory(user=other_trainer, name="Wei Zhang")]
    )

    learner_a = UserFactory(email=A_EMAIL, first_name="Amina", last_name="Zerhouni")
    LearnerProfileFactory(user=learner_a, organisation=A_ORGANISATION, country="DZ")
    learner_b = UserFactory(first_name="Bruno", last_name="Castillo")
    LearnerProfileFactory(user=learner_b, organisation="Andes Water Board", country="PE")
    enrollment_a = EnrollmentFactory(
        user=learner_a, session=session, status=EnrollmentStatus.COMPLETED
    )
    enrollment_b = EnrollmentFactory(user=learner_b, session=session)
    for day in session_days(session):
        Attendance.objects.create(enrollment=enrollment_a, day=day, source=AttendanceSource.ROSTER)

    # A named answer from A, and an anonymous one in the same session.
    template = standard_template()
    SurveyCompletion.objects.create(enrollment=enrollment_a, session=session)
    SurveyResponse.objects.create(
        session=session,
        template=template,
        enrollment=enrollment_a,
        language="en",
        submitted_at=timezone.now(),
        overall_rating=2,
        answers={QUESTION_IDS["overall"]: 2, QUESTION_IDS["comments"]: A_COMMENT},
    )
    SurveyResponse.objects.create(
        session=session,
        template=template,
        language="en",
        overall_rating=4,
        answers={QUESTION_IDS["overall"]: 4, QUESTION_IDS["comments"]: ANONYMOUS_COMMENT},
    )
    survey = Survey.objects.create(session=session)
    rule = CompletionRuleFactory(course=course)
    certificate = confirmed(
        CertificateFactory(enrollment=enrollment_a, printed_name=A_NAME, course_title=course.title)
    )

    room = Room.objects.create(session=session, state=RoomState.LIVE)
    other_room = Room.objects.create(session=other_session, state=RoomState.LIVE)
    question = QuestionFactory(
        room=room,
        author=learner_a,
        text=A_QUESTION,
        anonymous=True,
        status=QuestionStatus.VISIBLE,
    )
    poll = PollFactory(room=room, question="Which tool?", state=PollState.OPEN)
    ballot = PollVote.objects.create(poll=poll, user=learner_a)
    ballot.options.set([poll.options.first()])
    draft = PollFactory(room=room, question="Which day suits you?", state=PollState.DRAFT)

    # A lesson of the course, and A's question in its discussion.
    lesson = LessonPageFactory(parent=ModulePageFactory(parent=course), title="Well logs")
    post = Post.objects.create(
        course_key=course.translation_key,
        lesson_key=lesson.translation_key,
        author=learner_a,
        text="Where are the well logs?",
    )

    return World(
        home=home,
        theme=theme,
        course=course,
        session=session,
        other_session=other_session,
        enrollment_a=enrollment_a,
        enrollment_b=enrollment_b,
        certificate_code=certificate.code,
        room=room,
        other_room=other_room,
        question_id=question.pk,
        poll_id=poll.pk,
        poll_option_id=poll.options.last().pk,
        draft_poll_id=draft.pk,
        survey_id=survey.pk,
        template_id=template.pk,
        completion_rule_id=rule.pk,
        certificate_id=certificate.pk,
        trainer_profile_id=session.trainers.get().pk,
        lesson=lesson,
        post_id=post.pk,
        users={
            "anonymous": None,
            "learner": learner_a,
            "other_learner": learner_b,
            "trainer": trainer,
            "other_trainer": other_trainer,
            "administrator": AdministratorFactory(first_name="Ada", last_name="Admin"),
        },
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The records, built once per module inside a transaction that is rolled back after
    it; each test runs in a savepoint within it, so what one request changes, the next
    does not see."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
