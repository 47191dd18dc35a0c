"""Demo learners and their enrollments: 20,600 learners from 115 countries, 35% of those who
state a gender women, enrolled in the past sessions with their attendance (over 18,000 of
them took part), and the upcoming sessions' rosters (open seats, a full session with a
waitlist, requests awaiting approval). A past enrollment that attended stays confirmed until
the certificates demo applies the completion rule; one that never came is a no-show.
Bulk inserts; deterministic (the same data on every machine)."""

import random
import time

import factory
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db.models import Count, Q
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import User
from accounts.roles import LEARNER
from courses.models import SessionKind, SessionStatus, TrainingSession
from enrollment import states
from enrollment.factories import AttendanceFactory, EnrollmentFactory, LearnerProfileFactory
from enrollment.models import (
    Attendance,
    Enrollment,
    EnrollmentStatus,
    Gender,
    LearnerProfile,
    Sector,
)
from enrollment.selectors import session_days

SEED = 2026
LEARNERS = 20_600
EMAIL_DOMAIN = "learners.example.org"
DEMO_LEARNER_EMAIL = "learner@example.org"
BATCH = 2_000

# 115 countries and regions, most of them developing countries, the host country first.
COUNTRIES = (
    "CN PK BD NP LK MM KH LA VN TH MY ID PH MN KZ KG TJ UZ TM AF IR IQ SY JO LB EG SD SS ET "
    "ER DJ SO KE UG TZ RW BI CD CG CM NG GH CI SN ML BF NE TD CF GA AO ZM ZW MW MZ MG NA "
    "BW ZA LS SZ TN DZ MA LY MR GM GN SL LR TG BJ CV MU BR AR CL PE BO EC CO VE PY "
    "UY MX GT HN SV NI CR PA CU DO HT JM TT GY SR FJ PG TL BT MV YE OM GE AM "
    "AZ BY UA RS MK AL TR RU"
).split()
# Neighbours and large partners send more learners.
HEAVY = set("PK BD NP LK MM KH LA VN TH ID KE ET NG EG KZ UZ MN".split())
# Shares in percent, dealt exactly rather than drawn: women are 35% of those who state one.
GENDERS = [(Gender.WOMAN, 33), (Gender.MAN, 60), (Gender.ANOTHER, 1), (Gender.UNSTATED, 6)]
# Of the learners given a past training, those who came, never came, or cancelled before.
ATTENDED, NO_SHOW = 0.88, 0.07
SECOND_TRAINING = 0.10  # learners who came back for another training
SEMINAR = 0.10  # learners who enrolled in a seminar too
SECTORS = [Sector.GOVERNMENT, Sector.ACADEMIA, Sector.INDUSTRY, Sector.NGO, Sector.INTERNATIONAL]
LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh-hans"]


def load(stdout) -> None:
    if User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists():
        stdout.write("Enrollment: demo learners already present.")
        return
    started = time.monotonic()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    learners = _learners(rng)
    past = _past_enrollments(rng, learners)
    upcoming = _upcoming_enrollments(rng, learners)
    _demo_learner()
    stdout.write(
        f"Enrollment: {len(learners):,} learners from {len(COUNTRIES)} countries, "
        f"{past:,} past and {upcoming:,} upcoming enrollments "
        f"in {time.monotonic() - started:.1f} s."
    )


def _learners(rng: random.Random) -> list[User]:
    # Demo learners cannot log in: one unusable password for all, made once.
    password = factory.Transformer.Force(make_password(None))
    users = [
        UserFactory.build(
            email=f"learner{number:05d}@{EMAIL_DOMAIN}",
            first_name=f"Learner {number:05d}",
            last_name="Demo",
            password=password,
        )
        for number in range(1, LEARNERS + 1)
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    users = list(User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("pk"))
    learners_group = Group.objects.get(name=LEARNER)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=learners_group.pk) for user in users],
        batch_size=BATCH,
    )
    weights = [4 if code in HEAVY else 1 for code in COUNTRIES]
    genders = _dealt(rng, GENDERS, len(users))
    LearnerProfile.objects.bulk_create(
        [
            LearnerProfileFactory.build(
                user=user,
                # Every country has at least one learner; the rest follow the weights.
                country=COUNTRIES[index] if index < len(COUNTRIES) else _pick(rng, weights),
                gender=genders[index],
                organisation="",
                sector=rng.choice(SECTORS),
                year_of_birth=rng.randint(1960, 2002),
                preferred_language=rng.choice(LANGUAGES),
                counted_in_statistics=rng.random() < 0.96,
            )
            for index, user in enumerate(users)
        ],
        batch_size=BATCH,
    )
    return users


def _pick(rng: random.Random, weights: list[int]) -> str:
    return rng.choices(COUNTRIES, weights)[0]


def _dealt(rng: random.Random, shares: list[tuple[str, int]], count: int) -> list[str]:
    """`count` values in the exact proportions of `shares`, shuffled."""
    total = sum(share for _value, share in shares)
    values = [value for value, share in shares for _ in range(count * share // total)]
    values += [shares[0][0]] * (count - len(values))
    rng.shuffle(values)
    return values


def _past_enrollments(rng: random.Random, learners: list[User]) -> int:
    """Every learner is given one past training; most came, some came back for a second
    one, and a few took a seminar too."""
    sessions = list(
        TrainingSession.objects.filter(ends_at__lt=timezone.now())
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at", "pk")  # ties in the same order on every database
    )
    trainings = [s for s in sessions if s.kind == SessionKind.TRAINING]
    seminars = [s for s in sessions if s.kind == SessionKind.SEMINAR]
    if not trainings:
        return 0
    order = learners[:]
    rng.shuffle(order)
    plan: list[tuple[User, TrainingSession]] = []
    for index, learner in enumerate(order):
        plan.append((learner, trainings[index % len(trainings)]))
        if rng.random() < SECOND_TRAINING:
            plan.append((learner, rng.choice(trainings)))
        if seminars and rng.random() < SEMINAR:
            plan.append((learner, rng.choice(seminars)))
    seen = set()
    enrollments, days_attended = [], []
    for learner, session in plan:
        if (learner.pk, session.pk) in seen:
            continue
        seen.add((learner.pk, session.pk))
        roll = rng.random()
        status = (
            EnrollmentStatus.CONFIRMED
            if roll < ATTENDED
            else EnrollmentStatus.NO_SHOW
            if roll < ATTENDED + NO_SHOW
            else EnrollmentStatus.CANCELLED
        )
        enrollments.append(EnrollmentFactory.build(user=learner, session=session, status=status))
        days = session_days(session)
        if status == EnrollmentStatus.CONFIRMED:
            # Most attend every day; some miss one.
            if len(days) > 1 and rng.random() < 0.15:
                days = days[:-1]
            days_attended.append(days)
        else:
            days_attended.append([])
    Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
    Attendance.objects.bulk_create(
        [
            AttendanceFactory.build(enrollment=enrollment, day=day)
            for enrollment, days in zip(enrollments, days_attended, strict=True)
            for day in days
        ],
        batch_size=BATCH * 5,
    )
    _count_seats(sessions)
    return len(enrollments)


def _count_seats(sessions: list[TrainingSession]) -> None:
    """A past session's seats are those its learners held."""
    held = Q(enrollments__status__in=states.as_list(states.SEATED_AT_END))
    counts = TrainingSession.objects.filter(pk__in=[s.pk for s in sessions]).annotate(
        held=Count("enrollments", filter=held)
    )
    for session in counts:
        if session.capacity is not None and session.capacity < session.held:
            session.capacity = session.held
        session.seats_taken = session.held
    TrainingSession.objects.bulk_update(counts, ["seats_taken", "capacity"], batch_size=500)


def _upcoming_enrollments(rng: random.Random, learners: list[User]) -> int:
    """The catalog's seat counts become real rosters: as many confirmed learners as seats
    taken, a waitlist on the full session, requests on the one needing approval; a
    cancelled session's learners were told and their seats released."""
    enrollments = []
    for session in TrainingSession.objects.filter(ends_at__gt=timezone.now()):
        if session.status == SessionStatus.CANCELLED:
            people = rng.sample(learners, session.seats_taken)
            TrainingSession.objects.filter(pk=session.pk).update(seats_taken=0)
            reason = "The session was cancelled."
            enrollments += _enrolled(session, people, EnrollmentStatus.CANCELLED, reason=reason)
            continue
        crowd = rng.sample(learners, min(len(learners), session.seats_taken + 8))
        confirmed, others = crowd[: session.seats_taken], crowd[session.seats_taken :]
        enrollments += _enrolled(session, confirmed, EnrollmentStatus.CONFIRMED)
        if session.capacity is not None and session.seats_taken >= session.capacity:
            enrollments += _enrolled(session, others[:4], EnrollmentStatus.WAITLISTED)
        if session.requires_approval:
            enrollments += _enrolled(session, others[4:7], EnrollmentStatus.PENDING)
    Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
    return len(enrollments)


def _enrolled(session: TrainingSession, people: list, status: str, **fields) -> list:
    return [
        EnrollmentFactory.build(user=user, session=session, status=status, **fields)
        for user in people
    ]


def _demo_learner() -> None:
    """The demo learner account has a profile, so it can enroll at once."""
    user = User.objects.filter(email=DEMO_LEARNER_EMAIL).first()
    if user is None:
        return
    LearnerProfile.objects.get_or_create(
        user=user, defaults={"country": "KE", "gender": Gender.WOMAN, "organisation": "Demo"}
    )
