"""Hand-built data for the reporting tests: sessions of both kinds on known days, learners of
known gender, country and consent, attendance, survey answers (named and anonymous),
certificates, seminar rooms; and `small_centre`, a whole centre whose figures are known.

The small centre (host country CN), every session from 9:00 to 17:00 UTC on one day:

    session  course     theme   year        kind      mode     country  site     trainer
    s1       floods     Water   2019-03-10  training  in_room  CN       master   T
    s2       wells      Water   2020-06-15  training  in_room  KE       master
    s3       epidemics  Health  2021-09-20  training  hybrid   CN       master   T (twice)
    s4       epidemics  Health  2021-11-05  training  online   -        sub
    cancelled floods    Water   2020-01-10  training  (cancelled: never counted)
    future   solar      Energy  in 30 days  training  (not held yet: never counted)
    sem1     forum      Water   2020-05-05  seminar   online            experts A, B
    sem2     forum      Water   2021-05-05  seminar   online            experts B (Arabic), C
    sem_cancelled / sem_future: never counted

    learner  gender    country  consent  attended (status)                 responses
    amina    woman     KE       yes      s1 (completed), s2 (completed)    s1: 5 named, s2: 2
    bola     man       NG       yes      s1 (confirmed)                    s1: 4
    chen     woman     CN       yes      s3 (completed)                    s3: 5
    dana     unstated  FR       yes      s3 (completed)                    s3: no rating
    eli      man       BR       no       s4 (confirmed)
    gus      another   US       yes      s4 (completed), cancelled         s4: 3, cancelled: 5
    fatima   woman     EG       yes      s2 seated, never came (no-show)
    hana     woman     JP       yes      cancelled only                    cancelled: 5
    ivan     man       RU       yes      future only

    certificates: amina s1, amina s2, chen s3; gus s4 revoked; hana on the cancelled one.
    seminar audience: sem1 online amina, jon; present kim. sem2 online amina, lee; present jon.

Every figure of the whole period is in EXPECTED (what `headline` must answer)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from wagtail.models import Page

from accounts.factories import TrainerFactory, UserFactory
from certificates.factories import CertificateFactory
from cms.factories import HomePageFactory, locale, make_site
from cms.factories import translate as translate_page
from courses.factories import CoursePageFactory, ThemePageFactory, TrainerSnippetFactory
from courses.models import SessionKind, SessionMode, SessionStatus, Trainer, TrainingSession
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import Attendance, AttendanceSource, EnrollmentStatus, Gender
from enrollment.selectors import session_days
from live.models import OnlinePresence, Room
from surveys.models import SurveyResponse
from tests.surveys.factories import answered

HOST_COUNTRY = "CN"


def at(year: int, month: int = 3, day: int = 10, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def held(
    course,
    *,
    year: int,
    month: int = 3,
    day: int = 10,
    kind: str = SessionKind.TRAINING,
    mode: str = SessionMode.ONLINE,
    country: str = "",
    status: str = SessionStatus.COMPLETED,
    site=None,
    trainers=(),
) -> TrainingSession:
    """A one-day session of `course` (9:00 to 17:00 UTC) on a known day."""
    starts_at = at(year, month, day)
    fields = {"site": site} if site else {}
    return _session(
        course,
        starts_at=starts_at,
        kind=kind,
        mode=mode,
        country=country,
        status=status,
        trainers=trainers,
        **fields,
    )


def upcoming(course, *, days_ahead: int = 30, **fields) -> TrainingSession:
    """A session that has not started yet: no report counts it."""
    starts_at = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    fields.setdefault("status", SessionStatus.SCHEDULED)
    return _session(course, starts_at=starts_at + timedelta(days=days_ahead), **fields)


def _session(course, *, starts_at, trainers=(), mode=SessionMode.ONLINE, **fields):
    if mode != SessionMode.ONLINE:
        fields.setdefault("city", "Nairobi")
    session = TrainingSession.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=8),
        timezone="UTC",
        mode=mode,
        site=fields.pop("site", None) or _default_site(),
        **fields,
    )
    if trainers:
        session.trainers.set(trainers)
    return session


def _default_site():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


def learner(
    *,
    country: str = "KE",
    gender: str = Gender.WOMAN,
    counted: bool = True,
    language: str = "en",
    **user_fields,
):
    """A learner account with a profile of known country, gender and consent."""
    user = UserFactory(**user_fields)
    LearnerProfileFactory(
        user=user,
        country=country,
        gender=gender,
        counted_in_statistics=counted,
        preferred_language=language,
    )
    return user


def took_part(session, user, *, status: str = EnrollmentStatus.CONFIRMED):
    """`user` held a seat in `session` and attended its first day."""
    enrollment = EnrollmentFactory(session=session, user=user, status=status)
    Attendance.objects.create(
        enrollment=enrollment, day=session_days(session)[0], source=AttendanceSource.ROSTER
    )
    return enrollment


def seated(session, user, *, status: str = EnrollmentStatus.NO_SHOW):
    """`user` held a seat in `session` but never attended: no participation."""
    return EnrollmentFactory(session=session, user=user, status=status)


def rated(enrollment, rating: int | None, *, anonymous: bool = True) -> SurveyResponse:
    """The learner answered the session's survey, `rating` out of 5 to the headline
    question (None: skipped it); anonymous responses carry no enrollment."""
    return answered(enrollment, anonymous=anonymous, overall=rating)


def certified(enrollment, *, revoked: bool = False):
    fields = {}
    if revoked:
        fields = {"revoked_at": timezone.now(), "revocation_reason": "issued_in_error"}
    return CertificateFactory(enrollment=enrollment, language="en", **fields)


def joined_online(session, user, *, seconds: int = 600) -> OnlinePresence:
    """`user` was connected to the session's live room on its first day."""
    room, _created = Room.objects.get_or_create(session=session)
    return OnlinePresence.objects.create(
        room=room, user=user, day=session_days(session)[0], seconds=seconds
    )


def speaker(name: str, *, user=None) -> Trainer:
    return TrainerSnippetFactory(name=name, user=user)


def translated_speaker(trainer: Trainer, code: str = "ar") -> Trainer:
    """The same person's profile in another language (same translation key)."""
    copy = trainer.copy_for_translation(locale(code))
    copy.save()
    return copy


def host_country_is(country: str = HOST_COUNTRY) -> None:
    """The master platform names the centre's host country."""
    from cms.models import PlatformSettings

    settings = PlatformSettings.objects.get(is_master=True)
    settings.host_country = country
    settings.save()


# --- the small centre ---------------------------------------------------------------------


EXPECTED = {
    "trainings": 4,
    "trainings_by_mode": {"in_room": 2, "hybrid": 1, "online": 1},
    "trainings_in_host_country": 2,
    "trainings_abroad": 1,
    "themes": 2,
    "countries": 5,  # KE NG CN FR US (eli did not consent)
    "regions": 4,  # africa asia europe americas
    "participants": 6,
    "participations": 7,
    "women_percent": 50.0,  # 2 of the 4 consenting who stated a gender
    "gender_stated": 4,
    "gender_unstated_percent": 20.0,  # 1 of 5 consenting
    "responses": 6,
    "satisfaction_percent": 60.0,  # 3 of 5 rated
    "response_percent": 85.7,  # 6 responses for 7 participations
    "completion_percent": 62.5,  # 5 completed of 8 seated to the end
    "certificates": 3,
    "seminars": 2,
    "experts": 3,
    "audience": 4,  # amina, jon, kim, lee
}


@dataclass
class Centre:
    home: Page
    sub_site: object
    themes: dict = field(default_factory=dict)
    courses: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    trainer: object = None  # the account of trainer T (sessions s1 and s3)


def small_centre(home) -> Centre:
    """The centre of the module docstring, under `home` (the master platform)."""
    host_country_is()
    sub_home = HomePageFactory(title="Health platform", slug="health-platform")
    sub_site = make_site(sub_home, hostname="health.example.org", is_default=False)
    centre = Centre(home=home, sub_site=sub_site)

    water = ThemePageFactory(parent=home, title="Water", slug="water")
    health = ThemePageFactory(parent=home, title="Health", slug="health")
    energy = ThemePageFactory(parent=home, title="Energy", slug="energy")
    translate_page(home, "fr", title="Centre de formation")
    for page, arabic, french in ((water, "المياه", "Eau"), (health, "الصحة", "Santé")):
        translate_page(page, "ar", title=arabic)
        translate_page(page, "fr", title=french)
    centre.themes = {"water": water, "health": health, "energy": energy}
    courses = {
        "floods": CoursePageFactory(parent=water, title="Flood early warning", slug="floods"),
        "wells": CoursePageFactory(parent=water, title="Safe wells", slug="wells"),
        "forum": CoursePageFactory(parent=water, title="Water forum", slug="forum"),
        "epidemics": CoursePageFactory(parent=health, title="Epidemics", slug="epidemics"),
        "solar": CoursePageFactory(parent=energy, title="Solar pumps", slug="solar"),
    }
    centre.courses = courses

    trainer = TrainerFactory(email="trainer@example.org")
    t_en = speaker("Tamar Trainer", user=trainer)
    t_ar = translated_speaker(t_en)
    centre.trainer = trainer
    expert_a, expert_b, expert_c = speaker("Expert A"), speaker("Expert B"), speaker("Expert C")
    expert_b_ar = translated_speaker(expert_b)

    sessions = {
        "s1": held(
            courses["floods"],
            year=2019,
            mode=SessionMode.IN_ROOM,
            country="CN",
            trainers=[t_en],
        ),
        "s2": held(
            courses["wells"],
            year=2020,
            month=6,
            day=15,
            mode=SessionMode.IN_ROOM,
            country="KE",
        ),
        "s3": held(
            courses["epidemics"],
            year=2021,
            month=9,
            day=20,
            mode=SessionMode.HYBRID,
            country="CN",
            trainers=[t_en, t_ar],
        ),
        "s4": held(courses["epidemics"], year=2021, month=11, day=5, site=sub_site),
        "cancelled": held(
            courses["floods"],
            year=2020,
            month=1,
            day=10,
            status=SessionStatus.CANCELLED,
            trainers=[t_en],
        ),
        "future": upcoming(courses["solar"], trainers=[t_en]),
        "sem1": held(
            courses["forum"],
            year=2020,
            month=5,
            day=5,
            kind=SessionKind.SEMINAR,
            trainers=[expert_a, expert_b],
        ),
        "sem2": held(
            courses["forum"],
            year=2021,
            month=5,
            day=5,
            kind=SessionKind.SEMINAR,
            trainers=[expert_b_ar, expert_c],
        ),
        "sem_cancelled": held(
            courses["forum"],
            year=2021,
            month=6,
            day=5,
            kind=SessionKind.SEMINAR,
            status=SessionStatus.CANCELLED,
            trainers=[speaker("Expert D")],
        ),
        "sem_future": upcoming(
            courses["forum"], kind=SessionKind.SEMINAR, trainers=[speaker("Expert E")]
        ),
    }
    centre.sessions = sessions

    people = {
        "amina": learner(country="KE", gender=Gender.WOMAN, first_name="Amina"),
        "bola": learner(country="NG", gender=Gender.MAN, first_name="Bola"),
        "chen": learner(country="CN", gender=Gender.WOMAN, first_name="Chen"),
        "dana": learner(country="FR", gender=Gender.UNSTATED, first_name="Dana"),
        "eli": learner(country="BR", gender=Gender.MAN, counted=False, first_name="Eli"),
        "gus": learner(country="US", gender=Gender.ANOTHER, first_name="Gus"),
        "fatima": learner(country="EG", gender=Gender.WOMAN, first_name="Fatima"),
        "hana": learner(country="JP", gender=Gender.WOMAN, first_name="Hana"),
        "ivan": learner(country="RU", gender=Gender.MAN, first_name="Ivan"),
        "jon": learner(country="GB", gender=Gender.MAN, first_name="Jon"),
        "kim": learner(country="KR", gender=Gender.WOMAN, first_name="Kim"),
        "lee": UserFactory(first_name="Lee"),  # joined a seminar room, never gave a profile
    }
    centre.people = people
    done = EnrollmentStatus.COMPLETED

    amina_s1 = took_part(sessions["s1"], people["amina"], status=done)
    bola_s1 = took_part(sessions["s1"], people["bola"])
    amina_s2 = took_part(sessions["s2"], people["amina"], status=done)
    seated(sessions["s2"], people["fatima"])
    chen_s3 = took_part(sessions["s3"], people["chen"], status=done)
    dana_s3 = took_part(sessions["s3"], people["dana"], status=done)
    took_part(sessions["s4"], people["eli"])
    gus_s4 = took_part(sessions["s4"], people["gus"], status=done)
    gus_cancelled = took_part(sessions["cancelled"], people["gus"])
    hana_cancelled = took_part(sessions["cancelled"], people["hana"], status=done)
    seated(sessions["future"], people["ivan"], status=EnrollmentStatus.CONFIRMED)

    rated(amina_s1, 5, anonymous=False)
    rated(bola_s1, 4)
    rated(amina_s2, 2)
    rated(chen_s3, 5)
    rated(dana_s3, None)
    rated(gus_s4, 3)
    rated(gus_cancelled, 5)
    rated(hana_cancelled, 5)

    certified(amina_s1)
    certified(amina_s2)
    certified(chen_s3)
    certified(gus_s4, revoked=True)
    certified(hana_cancelled)

    joined_online(sessions["sem1"], people["amina"])
    joined_online(sessions["sem1"], people["jon"])
    took_part(sessions["sem1"], people["kim"])
    joined_online(sessions["sem2"], people["amina"])
    joined_online(sessions["sem2"], people["lee"])
    took_part(sessions["sem2"], people["jon"])
    joined_online(sessions["sem_cancelled"], people["ivan"])
    took_part(sessions["sem_cancelled"], people["hana"])
    return centre
