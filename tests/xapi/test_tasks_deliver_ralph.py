"""What learners do reaches the centre's LRS as xAPI statements: sent by the background
task to Ralph (which validates every statement it stores), read back with
GET /xAPI/statements. An LRS that is down receives everything once back, each statement
once; wrong credentials show as a failure with its reason and are tried again."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.factories import AdministratorFactory, UserFactory
from certificates.links import credential_id
from certificates.services import certificate_issue
from enrollment.models import AttendanceSource
from enrollment.services import attendance_record, enrollment_create
from learning.factories import LessonPageFactory
from learning.services.progress import lesson_mark_done
from learning.services.quizzes import quiz_submit
from live.factories import PollFactory, RoomFactory
from live.models import PollState
from live.services import Access, poll_vote, question_ask
from tests.learning.quiz_world import quiz_world
from tests.tasks import run_on_commit_callbacks
from xapi.models import DeliveryStatus, LearnerPseudonym, LearningRecordStore, StatementDelivery
from xapi.services import post_statements, store_retry_now
from xapi.statements import ADL_VERBS

pytestmark = pytest.mark.django_db

IN_THE_ROOM = Access(True, learner=True)


def store_for(server, **fields) -> LearningRecordStore:
    username, password = next(iter(server.users.items()))
    return LearningRecordStore.objects.create(
        name=fields.pop("name", "Ralph"),
        endpoint=server.endpoint,
        key=username,
        secret=password,
        **fields,
    )


def let_the_wait_pass():
    """Time moves on to the next try: the deliveries' and their tasks'."""
    past = timezone.now() - timedelta(seconds=1)
    StatementDelivery.objects.exclude(next_attempt_at=None).update(next_attempt_at=past)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=past)


def by_verb(statements) -> dict[str, list[dict]]:
    found = {}
    for statement in statements:
        found.setdefault(statement["verb"]["id"].rsplit("/", 1)[-1], []).append(statement)
    return found


def test_a_learners_journey_reaches_the_lrs_as_statements(home, ralph, run_tasks):
    """Enrolling, attending, asking, answering a poll, a lesson, a quiz and the certificate
    each become a statement Ralph accepts, about a pseudonymous learner."""
    server = ralph()
    store_for(server)
    world = quiz_world(home)
    learner = UserFactory(email="amina@example.org")
    enrollment = enrollment_create(user=learner, session=world.session)
    run_tasks()

    reading = LessonPageFactory(parent=world.module, title="Reading the rain")
    lesson_mark_done(user=learner, lesson=reading)
    quiz_submit(
        user=learner,
        lesson=world.lesson,
        answers=world.answers(single="0", multiple="1"),
        token=uuid.uuid4(),
    )
    quiz_submit(user=learner, lesson=world.lesson, answers=world.answers(), token=uuid.uuid4())
    room = RoomFactory(session=world.session)
    question_ask(room=room, user=learner, access=IN_THE_ROOM, text_="When does it rain?")
    poll = PollFactory(room=room, state=PollState.OPEN, question="Coffee?", options=["Yes", "No"])
    yes = poll.options.get(text="Yes")
    poll_vote(room=room, user=learner, access=IN_THE_ROOM, poll_id=poll.pk, option_ids=[yes.pk])
    attendance_record(
        enrollment=enrollment, day=world.session.starts_at.date(), source=AttendanceSource.ROSTER
    )
    certificate = certificate_issue(enrollment=enrollment, by=AdministratorFactory(), note="Done")
    run_tasks()

    statements = server.statements()
    verbs = by_verb(statements)
    assert sorted((verb, len(found)) for verb, found in verbs.items()) == [
        ("answered", 1),
        ("asked", 1),
        ("attended", 1),
        ("completed", 3),  # the reading, the quiz's lesson and the course
        ("earned", 1),
        ("failed", 1),
        ("passed", 1),
        ("registered", 1),
    ]
    pseudonym = str(LearnerPseudonym.objects.get(user=learner).pseudonym)
    for statement in statements:
        assert statement["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": "http://testserver", "name": pseudonym},
        }
        assert "amina" not in str(statement)
        assert statement["context"]["registration"] == statements[0]["context"]["registration"]
        assert statement["context"]["language"] == "en"
        assert statement["context"]["platform"] == "Training Centre"

    (registered,) = verbs["registered"]
    session_id = registered["object"]["id"]
    assert (
        registered["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/meeting"
    )
    course = registered["context"]["contextActivities"]["parent"][0]
    assert course["id"].endswith(f"/xapi/activities/courses/{world.course.translation_key}")
    assert course["definition"]["name"] == {"en": world.course.title}
    assert verbs["attended"][0]["object"]["id"] == session_id

    (passed,) = verbs["passed"]
    assert passed["verb"]["id"] == ADL_VERBS + "passed"
    assert (
        passed["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/assessment"
    )
    assert passed["result"] == {
        "score": {"scaled": 1.0, "raw": 100, "min": 0, "max": 100},
        "success": True,
        "completion": True,
    }
    (failed,) = verbs["failed"]
    assert failed["result"]["success"] is False
    assert failed["result"]["score"] == {"scaled": 0.6, "raw": 60, "min": 0, "max": 100}
    assert failed["context"]["contextActivities"]["grouping"][0]["id"] == session_id

    completed = {}
    for statement in verbs["completed"]:
        kind = statement["object"]["definition"]["type"].rsplit("/", 1)[-1]
        completed.setdefault(kind, []).append(statement["object"])
    assert sorted(o["definition"]["name"]["en"] for o in completed["lesson"]) == sorted(
        ["Reading the rain", world.lesson.title]
    )
    assert completed["course"] == [course]
    (earned,) = verbs["earned"]
    assert earned["object"]["id"] == credential_id(certificate)
    assert earned["context"]["contextActivities"]["parent"] == [course]

    (asked,) = verbs["asked"]
    assert asked["context"]["contextActivities"]["parent"][0]["id"] == session_id
    assert "When does it rain" not in str(asked)
    (answered,) = verbs["answered"]
    assert answered["object"]["definition"]["interactionType"] == "choice"
    assert [c["description"]["en"] for c in answered["object"]["definition"]["choices"]] == [
        "Yes",
        "No",
    ]
    assert answered["result"]["response"] == f"option-{yes.pk}"

    assert StatementDelivery.objects.count() == 0
    store = LearningRecordStore.objects.get()
    assert store.statements_sent == len(statements) == 10


def test_an_lrs_that_is_down_gets_everything_once_it_is_back(home, ralph, run_tasks):
    """While Ralph is stopped the statements wait with the reason; once it is back they all
    arrive, each once, with the ids they were given when they happened."""
    server = ralph()
    store = store_for(server)
    world = quiz_world(home)
    server.stop()
    learners = UserFactory.create_batch(3)
    for learner in learners:
        enrollment_create(user=learner, session=world.session)
    run_tasks()
    deliveries = StatementDelivery.objects.all()
    assert {d.status for d in deliveries} == {DeliveryStatus.FAILED}
    assert all("Connection refused" in d.last_error for d in deliveries)
    store.refresh_from_db()
    assert "Connection refused" in store.last_error
    waiting_ids = sorted(str(d.statement_id) for d in deliveries)

    server.start()
    let_the_wait_pass()
    run_tasks()

    statements = server.statements()
    assert sorted(s["id"] for s in statements) == waiting_ids
    assert len({s["actor"]["account"]["name"] for s in statements}) == 3
    assert StatementDelivery.objects.count() == 0


def test_a_statement_sent_twice_is_stored_once(home, ralph, run_tasks):
    """A batch Ralph stored but whose answer was lost is sent again with the same ids;
    Ralph keeps one copy."""
    server = ralph()
    store = store_for(server)
    world = quiz_world(home)
    enrollment_create(user=UserFactory(), session=world.session)
    run_on_commit_callbacks(connection)
    (delivery,) = StatementDelivery.objects.all()
    post_statements(store, [delivery.statement.data])
    run_tasks()
    assert len(server.statements()) == 1
    assert StatementDelivery.objects.count() == 0


def test_wrong_credentials_show_the_reason_and_are_tried_again(home, ralph, run_tasks):
    """Ralph refuses the key: the store lists the failure with Ralph's reason and a next
    try; with the right secret, Retry now delivers."""
    server = ralph()
    store = store_for(server)
    store.secret = "not-the-secret"
    store.save()
    world = quiz_world(home)
    enrollment_create(user=UserFactory(), session=world.session)
    run_tasks()

    (delivery,) = StatementDelivery.objects.all()
    assert delivery.status == DeliveryStatus.FAILED
    assert "401" in delivery.last_error
    assert "Invalid authentication credentials" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()
    store.refresh_from_db()
    assert "401" in store.last_error

    store.secret = server.users["platform"]
    store.save()
    assert store_retry_now(store=store) == 1
    run_tasks()
    assert [s["verb"]["id"] for s in server.statements()] == [ADL_VERBS + "registered"]
    store.refresh_from_db()
    assert store.last_error == ""


def test_several_lrss_each_receive_the_statements_they_are_configured_for(home, ralph, run_tasks):
    """Two LRSs: each receives every statement; only the one allowed to gets the learner's
    email address, and an inactive one gets nothing."""
    pseudonymous = ralph(name="centre")
    named = ralph(name="partner")
    idle = ralph(name="idle")
    store_for(pseudonymous, name="Centre")
    store_for(named, name="Partner", mbox_allowed=True)
    store_for(idle, name="Idle", active=False)
    world = quiz_world(home)
    learner = UserFactory(email="amina@example.org")
    enrollment_create(user=learner, session=world.session)
    lesson_mark_done(user=learner, lesson=LessonPageFactory(parent=world.module))
    run_tasks()

    centre = server_verbs(pseudonymous)
    partner = server_verbs(named)
    assert centre == partner == ["completed", "registered"]
    assert all("account" in s["actor"] for s in pseudonymous.statements())
    assert all(s["actor"]["mbox"] == "mailto:amina@example.org" for s in named.statements())
    assert idle.statements() == []


def server_verbs(server) -> list[str]:
    return sorted(s["verb"]["id"].rsplit("/", 1)[-1] for s in server.statements())
