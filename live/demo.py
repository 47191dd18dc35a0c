"""Demo live rooms: the session running today is live, with questions, votes, a poll and an
announcement, and the demo learner is one of its confirmed learners; upcoming seminars have a
room open to any logged-in user."""

import random
import time

from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from courses.demo import DEMO_TRAINER_EMAIL
from courses.models import SessionKind, SessionStatus, TrainingSession
from enrollment.demo import DEMO_LEARNER_EMAIL
from enrollment.models import Enrollment, EnrollmentStatus
from live import services
from live.models import Room, RoomState
from live.services import Access

SEED = 2026
QUESTIONS = [
    "Which cloud services are free for public research institutions?",
    "How do we estimate storage costs before moving our archive?",
    "Can the labs be done from a phone, or do we need a laptop?",
    "Is there guidance on keeping data inside our own country?",
    "Will the slides be available after the session?",
]
POLL = (
    "Where does your organisation keep its data today?",
    [
        "On our own servers",
        "With a public cloud provider",
        "Both",
        "I don't know",
    ],
)
ANNOUNCEMENT = "Welcome! Ask your questions at any time; we answer the most voted after the break."


def load(stdout) -> None:
    if Room.objects.exists():
        stdout.write("Live room: demo rooms already present.")
        return
    started = time.monotonic()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    trainer = User.objects.filter(email=DEMO_TRAINER_EMAIL).first()
    running = (
        TrainingSession.objects.filter(
            starts_at__lte=now, ends_at__gt=now, status=SessionStatus.SCHEDULED
        )
        .filter(Q(trainers__user=trainer) if trainer else Q())
        .first()
    )
    if running is not None and trainer is not None:
        _live_room(running, trainer, rng, now)
    seminars = TrainingSession.objects.filter(
        kind=SessionKind.SEMINAR, starts_at__gt=now, status=SessionStatus.SCHEDULED
    )
    Room.objects.bulk_create([Room(session=seminar, open_to_all=True) for seminar in seminars])
    stdout.write(
        f"Live room: {'one live room, ' if running else ''}{len(seminars)} seminar rooms "
        f"in {time.monotonic() - started:.1f} s."
    )


def _live_room(session: TrainingSession, trainer: User, rng: random.Random, now) -> None:
    _enroll_demo_learner(session)
    room = Room.objects.create(
        session=session, state=RoomState.LIVE, opened_at=now, video_url=session.join_url
    )
    moderator = Access(True, moderator=True)
    participant = Access(True, learner=True)
    learners = list(
        User.objects.filter(
            enrollments__session=session, enrollments__status=EnrollmentStatus.CONFIRMED
        ).exclude(email=DEMO_LEARNER_EMAIL)[:40]
    )
    services.announce(room=room, by=trainer, access=moderator, text_=ANNOUNCEMENT)
    questions = [
        services.question_ask(room=room, user=author, access=participant, text_=text)
        for author, text in zip(learners, QUESTIONS, strict=False)
    ]
    for question in questions:
        for voter in rng.sample(learners, rng.randint(0, len(learners) // 2)):
            services.question_vote(
                room=room, user=voter, access=participant, question_id=question.pk
            )
    if questions:
        services.question_moderate(
            room=room, by=trainer, access=moderator, question_id=questions[-1].pk, action="answer"
        )
    text, options = POLL
    poll = services.poll_create(
        room=room, by=trainer, access=moderator, question=text, options=options
    )
    services.poll_open(room=room, by=trainer, access=moderator, poll_id=poll.pk)
    choices = list(poll.options.values_list("pk", flat=True))
    for voter in learners[:25]:
        services.poll_vote(
            room=room,
            user=voter,
            access=participant,
            poll_id=poll.pk,
            option_ids=[rng.choices(choices, weights=[5, 3, 4, 1])[0]],
        )


def _enroll_demo_learner(session: TrainingSession) -> None:
    learner = User.objects.filter(email=DEMO_LEARNER_EMAIL).first()
    if learner is None:
        return
    _enrollment, created = Enrollment.objects.get_or_create(
        user=learner, session=session, defaults={"status": EnrollmentStatus.CONFIRMED}
    )
    if created:
        TrainingSession.objects.filter(pk=session.pk).filter(
            Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity"))
        ).update(seats_taken=F("seats_taken") + 1)
