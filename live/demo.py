"""Demo live rooms: the session running today is live, with questions, votes, a poll and an
announcement, and the demo learner is one of its confirmed learners; upcoming seminars have a
room open to any logged-in user; the past seminars' rooms have ended, with who was connected
and for how long (the seminars' audience). Each part is created once; deterministic."""

import random
import time
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from courses.demo import DEMO_TRAINER_EMAIL
from courses.models import SessionKind, SessionStatus, TrainingSession
from enrollment.demo import DEMO_LEARNER_EMAIL, EMAIL_DOMAIN
from enrollment.models import AttendanceSource, Enrollment, EnrollmentStatus
from enrollment.selectors import session_today
from enrollment.services import online_presence_seconds
from live import demo_content, services
from live.factories import OnlinePresenceFactory, RoomFactory
from live.models import OnlinePresence, Room, RoomState
from live.services import Access

SEED = 2026
BATCH = 5_000
# People connected to a past seminar's room besides its enrolled learners: the centre's
# alumni, many of whom come back seminar after seminar.
SEMINAR_VISITORS = (1_050, 1_700)


def load(stdout) -> None:
    started = time.monotonic()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    trainer = User.objects.filter(email=DEMO_TRAINER_EMAIL).first()
    running = (
        TrainingSession.objects.filter(
            starts_at__lte=now, ends_at__gt=now, status=SessionStatus.SCHEDULED, room__isnull=True
        )
        .filter(Q(trainers__user=trainer) if trainer else Q())
        .first()
    )
    if running is not None and trainer is not None:
        _live_room(running, trainer, rng, now)
    seminars = TrainingSession.objects.filter(
        kind=SessionKind.SEMINAR, starts_at__gt=now, status=SessionStatus.SCHEDULED
    ).filter(room__isnull=True)
    Room.objects.bulk_create(
        [
            RoomFactory.build(session=seminar, state=RoomState.SCHEDULED, open_to_all=True)
            for seminar in seminars
        ]
    )
    past, presences = _past_seminar_rooms(rng, now)
    stdout.write(
        f"Live room: {'one live room, ' if running else ''}{len(seminars)} upcoming and "
        f"{past} past seminar rooms, {presences:,} connections "
        f"in {time.monotonic() - started:.1f} s."
    )


def _past_seminar_rooms(rng: random.Random, now) -> tuple[int, int]:
    """An ended room for each past seminar that has none, with one connection per person:
    its learners who attended online (long enough to be counted present), and visitors
    from the centre's alumni who stayed a few minutes or the whole afternoon."""
    seminars = list(
        TrainingSession.objects.filter(
            kind=SessionKind.SEMINAR, ends_at__lte=now, room__isnull=True
        )
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
    if not seminars:
        return 0, 0
    rooms = Room.objects.bulk_create(
        [
            RoomFactory.build(
                session=seminar,
                state=RoomState.ENDED,
                open_to_all=True,
                video_url=seminar.join_url,
                opened_at=seminar.starts_at - timedelta(minutes=15),
                closed_at=seminar.ends_at,
            )
            for seminar in seminars
        ]
    )
    alumni = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    enrolled = {}
    online = {}
    for session_id, user_id, source in (
        Enrollment.objects.filter(session__in=seminars)
        .values_list("session_id", "user_id", "attendance__source")
        .order_by("pk")
    ):
        enrolled.setdefault(session_id, set()).add(user_id)
        if source == AttendanceSource.ONLINE:
            online.setdefault(session_id, []).append(user_id)
    counted = online_presence_seconds()
    afternoon = int((seminars[0].ends_at - seminars[0].starts_at).total_seconds())
    presences = []
    for room, seminar in zip(rooms, seminars, strict=True):
        day = session_today(seminar, seminar.starts_at)
        stayed = {
            user_id: rng.randint(counted, afternoon) for user_id in online.get(seminar.pk, [])
        }
        others = [pk for pk in alumni if pk not in enrolled.get(seminar.pk, ())]
        for user_id in rng.sample(others, min(len(others), rng.randint(*SEMINAR_VISITORS))):
            stayed[user_id] = rng.randint(5 * 60, afternoon)
        presences += [
            OnlinePresenceFactory.build(
                room=room,
                user=User(pk=user_id),
                day=day,
                seconds=seconds,
                attendance_recorded=seconds >= counted,
            )
            for user_id, seconds in stayed.items()
        ]
    OnlinePresence.objects.bulk_create(presences, batch_size=BATCH)
    return len(seminars), len(presences)


def _live_room(session: TrainingSession, trainer: User, rng: random.Random, now) -> None:
    _enroll_demo_learner(session)
    room = RoomFactory(session=session, opened_at=now, video_url=session.join_url)
    moderator = Access(True, moderator=True)
    participant = Access(True, learner=True)
    learners = list(
        User.objects.filter(
            enrollments__session=session, enrollments__status=EnrollmentStatus.CONFIRMED
        ).exclude(email=DEMO_LEARNER_EMAIL)[:40]
    )
    services.announce(room=room, by=trainer, access=moderator, text_=demo_content.ANNOUNCEMENT)
    questions = [
        services.question_ask(room=room, user=author, access=participant, text_=text)
        for author, text in zip(learners, demo_content.QUESTIONS, strict=False)
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
    text, options = demo_content.POLL
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
