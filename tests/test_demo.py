"""The demo that `manage.py load_demo` builds: themes on the four platforms, courses and
curricula in six languages, trainers, sessions past and upcoming, the learners enrolled
in them, their survey answers and certificates. Loaded once for the module, since it takes
a while."""

from collections import Counter
from datetime import date, timedelta
from html import unescape
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from wagtail.models import Locale, Page, ReferenceIndex, Revision

from accounts.models import User
from certificates.models import Certificate
from courses.models import (
    CatalogPage,
    CoursePage,
    CourseTrainer,
    CurriculumPage,
    SessionKind,
    SessionMode,
    SessionStatus,
    ThemePage,
    Trainer,
    TrainingSession,
)
from courses.states import SessionState
from enrollment.models import Attendance, Enrollment, EnrollmentStatus, LearnerProfile
from learning.models import LessonPage, ModulePage
from surveys.models import SurveyCompletion, SurveyResponse

LANGUAGES = {"ar", "zh-hans", "en", "fr", "ru", "es"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loads the demo once for the module's tests, in a transaction rolled back at the end
    (each test runs in a savepoint inside it), so that other modules never see it."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def now(demo, db):
    return timezone.now()


def english(model):
    return model.objects.filter(locale__language_code="en")


def languages_by_key(model) -> dict:
    by_key = {}
    for key, code in model.objects.values_list("translation_key", "locale__language_code"):
        by_key.setdefault(key, set()).add(code)
    return by_key


def test_thirty_themes_spread_over_the_four_platforms(demo, db):
    """A reader finds thirty themes, most on the master platform and some on each sub-platform."""
    themes = english(ThemePage)
    assert themes.count() == 30
    per_site = Counter(theme.get_site() for theme in themes)
    assert len(per_site) == 4
    assert max(per_site.values()) >= 15


def test_themes_courses_and_curricula_read_in_six_languages(demo, db):
    """Every theme, course and curriculum has a title in each of the six languages."""
    assert english(CoursePage).count() + english(CurriculumPage).count() == pytest.approx(60, abs=5)
    for model in (ThemePage, CoursePage, CurriculumPage):
        assert all(codes == LANGUAGES for codes in languages_by_key(model).values())
    french = CoursePage.objects.get(slug="introduction-to-big-data", locale__language_code="fr")
    assert french.title == "Introduction aux mégadonnées"
    assert french.summary.startswith("Ce que sont les mégadonnées")
    assert ModulePage.objects.child_of(french).live().exists()
    assert 2 <= len(french.objectives) <= 4


def test_each_platform_has_a_catalog_page_in_every_language(demo, db):
    """Each platform's menu leads to its course catalog, in the reader's language."""
    catalogs = CatalogPage.objects.filter(slug="catalog", show_in_menus=True, live=True)
    assert catalogs.count() == 4 * 6
    assert set(catalogs.filter(locale__language_code="fr").values_list("title", flat=True)) == {
        "Catalogue des cours"
    }
    homes = {catalog.get_parent().id for catalog in catalogs}
    assert len(homes) == 24


def test_curricula_list_their_theme_courses_in_the_readers_language(demo, db):
    """A curriculum read in Arabic lists three to five Arabic courses of its own theme."""
    for curriculum in CurriculumPage.objects.filter(locale__language_code="ar"):
        courses = [step.course for step in curriculum.curriculum_courses.all()]
        assert 3 <= len(courses) <= 5
        assert {course.locale.language_code for course in courses} == {"ar"}
        assert {course.get_parent().id for course in courses} == {curriculum.get_parent().id}


def test_past_sessions_span_2015_to_2021(demo, now):
    """The record shows 131 completed sessions from 2015 to 2021: 107 trainings covering
    every theme and 24 seminars, some of each every year."""
    # Leaves out the session that ended yesterday, whose survey is still open (surveys demo).
    past = TrainingSession.objects.filter(
        ends_at__lte=now - timedelta(days=settings.SURVEY_OPEN_DAYS)
    )
    assert past.count() == 131
    assert {session.starts_at.year for session in past} == set(range(2015, 2022))
    assert set(past.values_list("status", flat=True)) == {SessionStatus.COMPLETED}
    seminars = past.filter(kind=SessionKind.SEMINAR)
    assert seminars.count() == 24
    assert {session.starts_at.year for session in seminars} == set(range(2015, 2022))
    taught = {
        course.get_parent().pk
        for course in CoursePage.objects.filter(
            sessions__in=past.filter(kind=SessionKind.TRAINING)
        ).distinct()
    }
    assert taught == set(english(ThemePage).values_list("pk", flat=True))
    assert set(past.values_list("language", flat=True)) == LANGUAGES
    assert set(past.values_list("mode", flat=True)) == {"online", "in_room", "hybrid"}
    countries = Counter(past.exclude(country="").values_list("country", flat=True))
    assert countries.most_common(1)[0][0] == "CN"
    assert len(countries) > 5


def test_upcoming_sessions_show_every_state(demo, now):
    """Upcoming dated sessions include open ones, a full one, one needing approval and a
    cancelled one (self-paced runs, open for years, are not counted among them)."""
    upcoming = list(
        TrainingSession.objects.filter(ends_at__gt=now).exclude(mode=SessionMode.SELF_PACED)
    )
    assert len(upcoming) == pytest.approx(20, abs=3)
    states = Counter(session.state(now) for session in upcoming)
    assert states[SessionState.FULL] == 1
    assert states[SessionState.CANCELLED] == 1
    assert states[SessionState.OPEN] >= 3
    assert states[SessionState.UPCOMING] >= 3
    full = next(session for session in upcoming if session.state(now) == SessionState.FULL)
    assert full.seats_left == 0
    approval = [
        session
        for session in upcoming
        if session.requires_approval and session.state(now) == SessionState.OPEN
    ]
    assert len(approval) == 1
    assert any(session.kind == SessionKind.SEMINAR for session in upcoming)


def test_sessions_belong_to_their_course_platform(demo, db):
    """A session is run by the platform its course is published on, by trainers, in one of
    the course's languages, in the time zone of its city."""
    sessions = TrainingSession.objects.select_related("course", "site").prefetch_related(
        "trainers", "course__instruction_languages"
    )
    for session in sessions:
        assert session.course.url_path.startswith(session.site.root_page.url_path)
        assert session.trainers.all()
        languages = {locale.language_code for locale in session.course.instruction_languages.all()}
        assert session.language in languages
    in_china = {session.timezone for session in sessions.filter(country="CN")}
    assert in_china == {"Asia/Shanghai"}
    assert {session.timezone for session in sessions.filter(city="Bogotá")} <= {"America/Bogota"}


def test_every_translation_of_a_course_shows_the_same_sessions(demo, db):
    """A course read in any of its six languages lists the same sessions."""
    for course in english(CoursePage):
        sessions = set(TrainingSession.objects.for_course(course).values_list("pk", flat=True))
        assert sessions
        for translation in CoursePage.objects.filter(translation_key=course.translation_key):
            found = TrainingSession.objects.for_course(translation).values_list("pk", flat=True)
            assert set(found) == sessions


def test_trainers_are_linked_to_courses(demo, db):
    """About twenty trainers from many countries teach the courses."""
    teaching = CourseTrainer.objects.values_list("trainer_id", flat=True)
    trainers = english(Trainer).filter(pk__in=teaching)
    assert trainers.count() == pytest.approx(20, abs=2)
    assert len(set(trainers.values_list("country", flat=True))) >= 10
    for course in english(CoursePage):
        assert course.course_trainers.exists()


def test_seminars_add_guest_speakers_to_their_course_trainers(demo, now):
    """Each past seminar has four or five guest speakers besides its course's trainers;
    over a hundred experts from some twenty countries spoke at them."""
    seminars = TrainingSession.objects.filter(kind=SessionKind.SEMINAR, ends_at__lt=now)
    speakers = set()
    for seminar in seminars.prefetch_related("trainers", "course__course_trainers"):
        teaching = {link.trainer_id for link in seminar.course.course_trainers.all()}
        guests = {trainer.pk for trainer in seminar.trainers.all()} - teaching
        assert 4 <= len(guests) <= 5
        speakers |= {trainer.pk for trainer in seminar.trainers.all()}
    assert len(speakers) > 100
    guests = english(Trainer).exclude(pk__in=CourseTrainer.objects.values_list("trainer_id"))
    assert len(set(guests.values_list("country", flat=True))) >= 15


def test_demo_courses_are_found_by_search_and_their_trainers_by_usage(demo, db):
    """Search finds a course by a French word, and the admin shows where a trainer is used."""
    french = Locale.objects.get(language_code="fr")
    found = CoursePage.objects.live().filter(locale=french).search("mégadonnées")
    assert "Introduction aux mégadonnées" in {course.title for course in found}
    trainer = english(Trainer).get(name="Priya Raman")
    assert ReferenceIndex.get_references_to(trainer).exists()


def test_loading_again_creates_nothing(demo, db):
    """Running the demo loader a second time leaves the catalog as it was."""
    models = (
        Page,
        Revision,
        Trainer,
        TrainingSession,
        Enrollment,
        SurveyCompletion,
        SurveyResponse,
        Certificate,
    )
    counts = [model.objects.count() for model in models]
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert [model.objects.count() for model in models] == counts
    assert "0 pages and 0 sessions created" in output.getvalue()
    assert "576 pages and 151 sessions created" in demo


def test_demo_learners_come_from_115_countries_with_about_a_third_women(demo, db):
    """The demo learners look like the centre's: 115 countries, 35% women among those who
    state a gender."""
    profiles = LearnerProfile.objects.all()
    assert profiles.count() > 20_000
    assert profiles.values("country").distinct().count() == 115
    stated = profiles.exclude(gender="unstated")
    women = stated.filter(gender="woman").count() / stated.count()
    assert 0.345 < women < 0.355


def test_past_sessions_have_participants_and_attendance(demo, db):
    """Over 18,000 learners took part in a past training, with daily attendance."""
    took_part = Enrollment.objects.filter(session__kind="training", attendance__isnull=False)
    assert took_part.values("user").distinct().count() > 18_000
    assert Attendance.objects.count() > took_part.distinct().count()


def test_past_enrollments_say_how_they_ended(demo, now):
    """A past learner who never came is a no-show; one who came is completed exactly when
    the completion rule is met (a certificate), and otherwise stays confirmed."""
    from enrollment.selectors import with_attendance

    closed = now - timedelta(days=settings.SURVEY_OPEN_DAYS)
    past = Enrollment.objects.filter(session__ends_at__lt=closed)
    attended = past.filter(attendance__isnull=False).distinct()
    assert not past.filter(status=EnrollmentStatus.NO_SHOW, attendance__isnull=False).exists()
    assert set(attended.values_list("status", flat=True)) == {
        EnrollmentStatus.CONFIRMED,
        EnrollmentStatus.COMPLETED,
    }
    seated = past.filter(status__in=[EnrollmentStatus.CONFIRMED, EnrollmentStatus.COMPLETED])
    assert not seated.filter(attendance__isnull=True).exists()
    completed = past.filter(status=EnrollmentStatus.COMPLETED)
    assert not completed.filter(certificate__isnull=True).exists()
    assert not past.filter(status=EnrollmentStatus.CONFIRMED, certificate__isnull=False).exists()
    unmet = with_attendance(past.filter(status=EnrollmentStatus.CONFIRMED))
    met = unmet.filter(attendance_rate__gte=0.75, survey_completion__isnull=False)
    assert not met.exists()
    assert 0.5 < completed.count() / attended.count() < 0.75


def test_seats_taken_match_the_rosters(demo, db):
    """Every session's seat count equals the learners holding a seat, never above capacity."""
    holding = Q(
        enrollments__status__in=[
            EnrollmentStatus.CONFIRMED,
            EnrollmentStatus.COMPLETED,
            EnrollmentStatus.NO_SHOW,
        ]
    )
    for session in TrainingSession.objects.annotate(held=Count("enrollments", filter=holding)):
        assert session.seats_taken == session.held, session
        assert session.capacity is None or session.seats_taken <= session.capacity


def test_upcoming_sessions_include_a_waitlist_and_requests_to_approve(demo, db):
    """The demo shows a full session with a waitlist and one with requests awaiting approval."""
    assert Enrollment.objects.filter(status=EnrollmentStatus.WAITLISTED).exists()
    assert Enrollment.objects.filter(status=EnrollmentStatus.PENDING).exists()


def test_the_running_session_has_a_live_room_the_demo_learner_and_trainer_can_join(demo, db):
    """The demo learner and trainer meet in the live room of today's session, which already
    holds voted questions, an open poll with answers, and an announcement."""
    from live.models import Room, RoomState
    from live.services import room_access

    room = Room.objects.select_related("session").get(state=RoomState.LIVE)
    learner = User.objects.get(email="learner@example.org")
    trainer = User.objects.get(email="trainer@example.org")
    assert room_access(learner, room.session).learner
    assert room_access(trainer, room.session).moderator
    assert room.questions.filter(votes__gt=0).count() >= 3
    assert room.polls.get(state="open").voters > 0
    assert room.announcements.exists()
    assert room.events.count() == room.last_seq


def test_past_seminars_rooms_ended_with_thousands_connected(demo, now):
    """Each past seminar's room has ended, with over a thousand people connected; those
    who stayed long enough are counted present, and the seminars' learners who attended
    online were among them."""
    from live.models import OnlinePresence, Room, RoomState

    seminars = TrainingSession.objects.filter(kind=SessionKind.SEMINAR, ends_at__lt=now)
    rooms = Room.objects.filter(session__in=seminars)
    assert rooms.count() == seminars.count() == 24
    assert set(rooms.values_list("state", flat=True)) == {RoomState.ENDED}
    presences = OnlinePresence.objects.filter(room__in=rooms)
    per_room = Counter(presences.values_list("room_id", flat=True))
    assert min(per_room.values()) > 1_000
    counted = settings.LIVE_ATTENDANCE_MINUTES * 60
    assert not presences.filter(seconds__lt=counted, attendance_recorded=True).exists()
    assert not presences.filter(seconds__gte=counted, attendance_recorded=False).exists()
    online = Enrollment.objects.filter(
        session__in=seminars, attendance__source="online"
    ).values_list("session_id", "user_id")
    assert set(online) <= set(presences.values_list("room_id", "user_id"))
    assert presences.values("user").distinct().count() > 15_000


def test_upcoming_seminars_have_rooms_open_to_any_logged_in_user(demo, db):
    from live.models import Room

    seminars = TrainingSession.objects.filter(
        kind=SessionKind.SEMINAR, starts_at__gt=timezone.now()
    ).exclude(status=SessionStatus.CANCELLED)
    assert seminars.exists()
    assert Room.objects.filter(session__in=seminars, open_to_all=True).count() == seminars.count()


# --- surveys and certificates -------------------------------------------------------------

DEMO_LEARNER = "learner@example.org"


def ended_yesterday(now) -> Enrollment:
    """The demo learner's seat in the session that ended yesterday."""
    return Enrollment.objects.select_related("session__course", "session__site").get(
        user__email=DEMO_LEARNER, session__ends_at__lte=now, session__ends_at__gt=now - timedelta(2)
    )


def test_past_surveys_were_answered_by_most_learners_who_were_above_90_percent_satisfied(demo, now):
    """About 70% of the learners who attended a past session answered its survey, mostly
    anonymously; more than 90% of them rated the training 4 or 5 overall."""
    closed = now - timedelta(days=settings.SURVEY_OPEN_DAYS)
    attended = (
        Enrollment.objects.filter(session__ends_at__lt=closed, attendance__isnull=False)
        .distinct()
        .count()
    )
    responses = SurveyResponse.objects.filter(session__ends_at__lt=closed)
    completions = SurveyCompletion.objects.filter(session__ends_at__lt=closed)
    assert responses.count() == completions.count()
    assert 0.65 < completions.count() / attended < 0.75
    by_session = Counter(responses.values_list("session_id", flat=True))
    assert by_session == Counter(completions.values_list("session_id", flat=True))
    assert min(by_session.values()) >= settings.SURVEY_MIN_RESPONDENTS
    anonymous = responses.filter(enrollment__isnull=True)
    assert anonymous.count() / responses.count() > 0.8
    assert not anonymous.filter(submitted_at__isnull=False).exists()
    satisfied = responses.filter(overall_rating__gte=4).count()
    assert satisfied / responses.exclude(overall_rating=None).count() > 0.9
    assert set(responses.values_list("language", flat=True)) == LANGUAGES


def test_certificates_follow_the_completion_rule(demo, now):
    """Every learner who attended at least 75% of a past session and answered its survey
    holds a certificate in their language, with a unique code; nobody else does."""
    from enrollment.selectors import with_attendance

    certified = Enrollment.objects.filter(certificate__isnull=False)
    assert certified.count() > 10_000
    assert not certified.filter(survey_completion__isnull=True).exists()
    assert not with_attendance(certified).filter(attendance_rate__lt=0.75).exists()
    assert set(certified.values_list("status", flat=True)) == {EnrollmentStatus.COMPLETED}
    assert not Enrollment.objects.filter(
        status=EnrollmentStatus.COMPLETED, certificate__isnull=True
    ).exists()
    missing = with_attendance(
        Enrollment.objects.filter(
            session__ends_at__lt=now,
            survey_completion__isnull=False,
            certificate__isnull=True,
            status__in=[EnrollmentStatus.CONFIRMED, EnrollmentStatus.COMPLETED],
        )
    ).filter(attendance_rate__gte=0.75)
    assert not missing.exists()
    codes = list(Certificate.objects.values_list("code", flat=True))
    assert len(set(codes)) == len(codes) and min(map(len, codes)) >= 32
    assert set(Certificate.objects.values_list("language", flat=True)) == LANGUAGES
    revoked = Certificate.objects.filter(revoked_at__isnull=False)
    assert 1 <= revoked.count() <= 5
    assert "" not in set(revoked.values_list("revocation_reason", flat=True))


def test_demo_learner_answers_yesterdays_survey_in_arabic_and_gets_a_certificate(
    demo, now, client, run_tasks
):
    """The demo learner attended every day of yesterday's session with the demo trainer,
    answers its survey in Arabic from My learning, and receives an Arabic certificate that
    the public page then verifies."""
    from surveys.forms import FIELD_PREFIX
    from surveys.services import refusal_for, template_for

    enrollment = ended_yesterday(now)
    session = enrollment.session
    assert "trainer@example.org" in set(session.trainers.values_list("user__email", flat=True))
    assert Attendance.objects.filter(enrollment=enrollment).count() >= 2
    assert refusal_for(enrollment, now) is None
    assert not Certificate.objects.filter(enrollment=enrollment).exists()

    client.force_login(enrollment.user)
    with override("ar"):
        learning = reverse("enrollment:my_learning")
        survey = reverse("surveys:respond", kwargs={"enrollment_id": enrollment.pk})
    assert survey in client.get(learning).content.decode()
    page = client.get(survey)
    assert page.status_code == 200
    assert 'dir="rtl"' in page.content.decode()
    template = template_for(session, "ar")
    assert template.locale.language_code == "ar"
    answers = {}
    for block in template.questions:
        name = FIELD_PREFIX + block.id
        if block.block_type in ("rating", "single_choice"):
            answers[name] = "5" if block.block_type == "rating" else "0"
        elif block.block_type == "multiple_choice":
            answers[name] = ["0", "1"]
        else:
            answers[name] = "تدريب ممتاز"
    answered = client.post(survey, answers)
    assert answered.status_code == 302
    run_tasks()

    certificate = Certificate.objects.get(enrollment=enrollment)
    arabic = CoursePage.objects.get(
        translation_key=session.course.translation_key, locale__language_code="ar"
    )
    assert (certificate.language, certificate.course_title) == ("ar", arabic.title)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.COMPLETED
    client.logout()
    with override("ar"):
        verify = reverse("certificates:verify", kwargs={"code": certificate.code})
    verified = client.get(verify)
    assert verified.status_code == 200
    assert "status-valid" in verified.content.decode()


def test_demo_trainer_sees_the_results_of_yesterdays_session(demo, now, client):
    """Enough learners answered yesterday's survey for its results to show to the trainer."""
    session = ended_yesterday(now).session
    client.force_login(User.objects.get(email="trainer@example.org"))
    response = client.get(reverse("surveys:results", kwargs={"session_id": session.pk}))
    assert response.status_code == 200
    results = response.context["results"]
    assert results.respondents >= settings.SURVEY_MIN_RESPONDENTS
    assert results.questions


def test_demo_learners_older_certificate_is_downloadable_and_verifies(demo, now, client):
    """The demo learner's older certificate has its name confirmed: the PDF downloads at
    once, and a stranger's check of its code and of its Open Badge says valid."""
    from certificates import badges

    certificate = Certificate.objects.select_related("enrollment__user").get(
        enrollment__user__email=DEMO_LEARNER, enrollment__session__ends_at__lt=now - timedelta(30)
    )
    assert certificate.name_confirmed_at is not None and not certificate.is_revoked
    client.force_login(certificate.enrollment.user)
    pdf = client.get(
        reverse("certificates:pdf", kwargs={"enrollment_id": certificate.enrollment_id})
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    client.logout()
    page = client.get(reverse("certificates:verify", kwargs={"code": certificate.code}))
    assert page.status_code == 200 and "status-valid" in page.content.decode()
    assert certificate.printed_name in page.content.decode()
    check = badges.verify_badge(badges.badge_jwt(certificate))
    assert (check.signature, check.status) == ("valid", "valid")


# --- reporting ------------------------------------------------------------------------------


def test_impact_page_shows_the_seed_figures_in_six_languages(demo, db, client):
    """The master platform's menu leads to its impact page for 2015-2021, in each of the
    six languages, with the figures computed from the demo's records."""
    from reporting.models import ImpactPage

    pages = ImpactPage.objects.filter(live=True, show_in_menus=True)
    assert set(pages.values_list("locale__language_code", flat=True)) == LANGUAGES
    english = pages.get(locale__language_code="en")
    assert english.get_parent().specific_class.__name__ == "HomePage"
    assert english.get_site().is_default_site
    assert english.period() == (date(2015, 1, 1), date(2021, 12, 31))
    response = client.get(english.get_url(), HTTP_HOST=english.get_site().hostname)
    assert response.status_code == 200
    figures = response.context["figures"].headline
    assert (figures["trainings"], figures["themes"], figures["seminars"]) == (107, 30, 24)
    assert figures["participants"] > 18_000 and figures["experts"] > 100
    home = client.get(english.get_parent().get_url(), HTTP_HOST=english.get_site().hostname)
    assert f'href="{english.relative_url(english.get_site())}"' in home.content.decode()


def test_a_theme_in_one_year_has_its_small_groups_withheld(demo, db, client):
    """The second demo impact page covers one theme in 2021: its smallest groups of people
    read "fewer than 10" instead of their number."""
    from reporting.models import ImpactPage

    page = ImpactPage.objects.get(slug="impact-digital-agriculture")
    response = client.get(page.get_url(), HTTP_HOST=page.get_site().hostname)

    assert response.status_code == 200
    assert "Europe: fewer than 10" in response.content.decode()


def course_texts(course: CoursePage) -> list[str]:
    """Every text of a course that a translator writes, in the order the page shows them."""
    texts = [course.title, course.summary, course.prerequisites]
    texts += [objective.value for objective in course.objectives]
    for module in ModulePage.objects.child_of(course).order_by("path"):
        texts += [module.title, module.summary]
        for lesson in LessonPage.objects.child_of(module).order_by("path"):
            texts += [lesson.title, *(text for block in lesson.body for text in block_texts(block))]
    return texts


def block_texts(block) -> list[str]:
    """What a translator writes in a lesson's block: its text, or its titles."""
    value = block.value
    if block.block_type == "text":
        return [value.source]
    if block.block_type == "video":
        return [value["title"]]
    if block.block_type == "resources":
        return [value["heading"], *(resource["title"] for resource in value["resources"])]
    if block.block_type == "figure":
        return [value["alt_text"], value["caption"]]
    return []


def test_every_demo_course_text_is_translated_into_the_five_other_languages(demo, db):
    """No translated demo theme, course or learning path shows an English text: objectives,
    prerequisites, module and lesson titles and lesson texts all read in the page's language."""
    for model in (ThemePage, CoursePage, CurriculumPage):
        assert not model.objects.exclude(untranslated={}).exists()
    originals = {course.translation_key: course for course in english(CoursePage)}
    translations = CoursePage.objects.exclude(locale__language_code="en")
    assert translations.count() == 5 * len(originals)
    for course in translations:
        original = originals[course.translation_key]
        pairs = zip(course_texts(course), course_texts(original), strict=True)
        assert all(text != source for text, source in pairs if source), course.url_path


def test_trainers_bios_and_organisations_read_in_six_languages(demo, db):
    """Every trainer and guest speaker has a bio and an organisation in each language; their
    name, language-neutral, stays as written."""
    originals = {trainer.translation_key: trainer for trainer in english(Trainer)}
    languages = languages_by_key(Trainer)
    assert all(languages[key] == LANGUAGES for key in originals)
    for trainer in Trainer.objects.exclude(locale__language_code="en"):
        original = originals[trainer.translation_key]
        assert trainer.name == original.name
        assert trainer.bio and trainer.bio != original.bio
        assert trainer.organisation and trainer.organisation != original.organisation


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_french_and_arabic_course_pages_read_in_their_language(demo, db, client, code):
    """The French and Arabic course pages show objectives, prerequisites, module titles and
    trainers' bios in French and in Arabic, with no notice of missing translations."""
    from courses.demo_content import THEMES
    from courses.demo_translations import PHRASES

    spec = next(
        course
        for theme in THEMES
        for course in theme["courses"]
        if course["slug"] == "big-earth-data-analytics"
    )
    response = client.get(f"/{code}/big-data/big-earth-data-analytics/")
    assert response.status_code == 200
    page = unescape(response.content.decode())
    english_texts = [*spec["objectives"], spec["prerequisites"], *(m[0] for m in spec["modules"])]
    for text in english_texts:
        assert PHRASES[text][code] in page
        assert text not in page
    course = CoursePage.objects.get(slug=spec["slug"], locale__language_code=code)
    for link in course.course_trainers.select_related("trainer"):
        assert PHRASES[link.trainer.bio][code] in page
    assert "translation-notice" not in page
