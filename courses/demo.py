"""Demo catalog: thirty themes over the four demo platforms, courses and curricula in six
languages, trainers and the seminars' guest speakers, and training sessions from 2015 to
2021 plus upcoming ones."""

import random
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from functools import partial
from zoneinfo import ZoneInfo

from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import override
from django_countries import countries
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from accounts.models import User
from cms.demo_content import LANGUAGE_CODES, PLATFORMS
from cms.factories import publish
from cms.models import HomePage
from courses import demo_content as content
from courses.demo_translations import GUEST_BIO, PHRASES
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    CurriculumPageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
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
from courses.services import section_assign_trainer

# Every run draws the same courses' trainers and the same past sessions.
SEED = 2026
HOST_TIMEZONE = "Asia/Shanghai"
VENUES = {venue["city"]: venue for venue in content.VENUES}


@dataclass
class DemoCourse:
    spec: dict
    page: CoursePage
    site: Site
    trainers: list[Trainer]
    theme: str = ""  # the slug of its theme


@dataclass
class SessionPlan:
    session: TrainingSession
    trainers: list[Trainer] = field(default_factory=list)


DEMO_TRAINER_EMAIL = "trainer@example.org"


def load(stdout) -> None:
    started = time.monotonic()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGE_CODES}
    homes = _homes(locales["en"])
    sites = {key: Site.objects.get(root_page=home) for key, home in homes.items()}
    trainers = _trainers(locales["en"])
    guests = _guests(locales["en"])
    trainer_translations = _translate_trainers(list(trainers.values()), guests, locales)
    chosen = _course_trainers(rng, trainers)
    tree = PageTree(locales)
    with _indexing_deferred():
        courses = _pages(tree, homes, sites, chosen, locales)
    _index([*tree.created_ids, *tree.completed_ids])
    _feature_on_home_pages()
    sessions = _sessions(rng, courses, guests, now=timezone.now())
    _demo_trainer_account(trainers["Li Wei"])
    completed = len(tree.completed_ids)
    stdout.write(
        f"Catalog: {len(content.THEMES)} themes, {len(courses)} courses, "
        f"{sum('curriculum' in theme for theme in content.THEMES)} curricula, "
        f"{len(trainers)} trainers, {len(guests)} guest speakers; {len(tree.created_ids)} pages "
        f"and {sessions} sessions created, {trainer_translations} trainer translations added"
        f"{f', {completed} page translations completed' if completed else ''}"
        f" in {time.monotonic() - started:.1f} s."
    )


# Each platform's home page features this many of its themes, and the first course of each.
FEATURED_PER_PLATFORM = 4


def _feature_on_home_pages() -> None:
    """Feature each platform's first themes and their first course (every translation)."""
    counts: dict[str, int] = {}
    theme_slugs, course_slugs = [], []
    for theme_spec in content.THEMES:
        platform = theme_spec["platform"]
        if counts.get(platform, 0) >= FEATURED_PER_PLATFORM or not theme_spec["courses"]:
            continue
        counts[platform] = counts.get(platform, 0) + 1
        theme_slugs.append(theme_spec["slug"])
        course_slugs.append(theme_spec["courses"][0]["slug"])
    ThemePage.objects.filter(slug__in=theme_slugs).update(featured=True)
    CoursePage.objects.filter(slug__in=course_slugs).update(featured=True)


def _demo_trainer_account(trainer: Trainer) -> None:
    """The demo trainer account runs Li Wei's sessions and edits the Big data section."""
    user = User.objects.filter(email=DEMO_TRAINER_EMAIL).first()
    if user is None:
        return
    if trainer.user_id is None:
        Trainer.objects.filter(translation_key=trainer.translation_key).update(user=user)
    section = ThemePage.objects.filter(slug="big-data", locale__language_code="en").first()
    if section is not None:
        section_assign_trainer(section=section, user=user)
    # So the demo trainer can approve requests, see a waitlist and check a room in.
    now = timezone.now()
    upcoming = TrainingSession.objects.filter(ends_at__gt=now, status=SessionStatus.SCHEDULED)
    showcase = (
        upcoming.filter(requires_approval=True)[:1],
        upcoming.filter(capacity__isnull=False, seats_taken__gte=F("capacity"))[:1],
        upcoming.filter(starts_at__lte=now)[:1],
    )
    for sessions in showcase:
        for session in sessions:
            session.trainers.add(trainer)


def _pages(
    tree: "PageTree", homes: dict, sites: dict, chosen: dict, locales: dict
) -> dict[str, DemoCourse]:
    """The catalog of each platform, then each theme with its courses and curriculum."""
    for home in homes.values():
        tree.page(home, CatalogPage, "catalog", _catalog_fields)
    courses = {}
    for theme_spec in content.THEMES:
        platform = theme_spec["platform"]
        theme = tree.page(
            homes[platform], ThemePage, theme_spec["slug"], partial(_theme_fields, theme_spec)
        )
        for spec in theme_spec["courses"]:
            page = _course(tree, theme, spec, chosen[spec["slug"]], locales)
            courses[spec["slug"]] = DemoCourse(
                spec, page, sites[platform], chosen[spec["slug"]], theme_spec["slug"]
            )
        if "curriculum" in theme_spec:
            _curriculum(tree, theme, theme_spec["curriculum"], courses)
    return courses


@contextmanager
def _indexing_deferred():
    """Each page is saved four times on its way to publication, and indexing every save
    for search and for Wagtail's reference index would take most of the load's time."""
    models = [CatalogPage, ThemePage, CoursePage, CurriculumPage]
    paused = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)


def _index(page_ids: list[int]) -> None:
    """What the deferred signal handlers would have done, once per page."""
    by_model = {}
    for page in Page.objects.filter(pk__in=page_ids).specific():
        by_model.setdefault(type(page), []).append(page)
    for model, pages in by_model.items():
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, pages)
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)


class PageTree:
    """Adds the pages that are missing: first in English, then a copy for each translation.
    A translation that still shows English texts (loaded by an older demo) gets them
    translated. Pages are published without validating their revision too, which would
    double the load's time for nothing."""

    FACTORIES = {
        CatalogPage: CatalogPageFactory,
        ThemePage: ThemePageFactory,
        CoursePage: CoursePageFactory,
        CurriculumPage: CurriculumPageFactory,
    }

    def __init__(self, locales: dict[str, Locale]):
        self.locales = locales
        self.translated = set(Page.objects.values_list("translation_key", "locale_id"))
        self.incomplete = {
            pair
            for model in (ThemePage, CoursePage, CurriculumPage)
            for pair in model.objects.exclude(untranslated={}).values_list(
                "translation_key", "locale_id"
            )
        }
        self.created_ids = []
        self.completed_ids = []

    def page(self, parent: Page, model, slug: str, fields_for, *, extra=None, localize=None):
        """`fields_for(code)` gives the translated fields; `extra` the untranslated ones;
        `localize(translation)` adjusts a fresh copy before it is published."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = self.FACTORIES[model](
                parent=parent, slug=slug, clean=False, **fields_for("en"), **(extra or {})
            )
            self._published(page)
        for code in LANGUAGE_CODES[1:]:
            locale = self.locales[code]
            if (page.translation_key, locale.pk) in self.incomplete:
                translation = model.objects.get(translation_key=page.translation_key, locale=locale)
            elif (page.translation_key, locale.pk) in self.translated:
                continue
            else:
                translation = page.copy_for_translation(locale)
            for name, value in fields_for(code).items():
                setattr(translation, name, value)
            if localize:
                localize(translation)
            self._published(publish(translation, clean=False))
        return page

    def _published(self, page: Page) -> None:
        key = (page.translation_key, page.locale_id)
        if key in self.incomplete:
            self.incomplete.discard(key)
            self.completed_ids.append(page.pk)
        else:
            self.translated.add(key)
            self.created_ids.append(page.pk)


def _homes(english: Locale) -> dict[str, HomePage]:
    return {
        platform["key"]: HomePage.objects.get(locale=english, slug=platform["slug"], depth=2)
        for platform in PLATFORMS
    }


def _trainers(english: Locale) -> dict[str, Trainer]:
    """Saved one by one, not in bulk, so that the admin's trainer search indexes them."""
    trainers = {trainer.name: trainer for trainer in Trainer.objects.filter(locale=english)}
    for spec in content.TRAINERS:
        if spec["name"] not in trainers:
            fields = {name: value for name, value in spec.items() if name != "themes"}
            trainers[spec["name"]] = TrainerSnippetFactory(locale=english, **fields)
    return {spec["name"]: trainers[spec["name"]] for spec in content.TRAINERS}


def _guests(english: Locale) -> list[Trainer]:
    """The seminars' guest speakers, in a fixed order; saved one by one like the trainers."""
    existing = {trainer.name: trainer for trainer in Trainer.objects.filter(locale=english)}
    guests = []
    people = [
        (line[:2], name)
        for line in content.GUEST_SPEAKERS.split("\n")
        if line
        for name in line[3:].split(", ")
    ]
    for number, (country, name) in enumerate(people):
        if name not in existing:
            kind, topic = content.GUEST_FIELDS[number % len(content.GUEST_FIELDS)]
            with override("en"):
                organisation = f"{kind}, {countries.name(country)}"
            existing[name] = TrainerSnippetFactory(
                locale=english,
                name=name,
                organisation=organisation,
                country=country,
                bio=GUEST_BIO["en"].format(topic=topic),
            )
        guests.append(existing[name])
    return guests


def phrase(text: str, code: str) -> str:
    """`text`, written in English, in the language `code`."""
    if code == "en" or not text:
        return text
    return PHRASES[text][code]


def _translate_trainers(trainers: list[Trainer], guests: list[Trainer], locales: dict) -> int:
    """Each trainer's and guest's organisation and bio in the five other languages; their
    names read the same everywhere. Indexed for the admin's search in one go."""
    done = set(Trainer.objects.values_list("translation_key", "locale_id"))
    fields = {
        guest.pk: content.GUEST_FIELDS[number % len(content.GUEST_FIELDS)]
        for number, guest in enumerate(guests)
    }
    created = []
    for code in LANGUAGE_CODES[1:]:
        with override(code):
            for trainer in [*trainers, *guests]:
                if (trainer.translation_key, locales[code].pk) in done:
                    continue
                translation = trainer.copy_for_translation(locales[code])
                translation.organisation, translation.bio = _trainer_texts(
                    trainer, fields.get(trainer.pk), code
                )
                created.append(translation)
    Trainer.objects.bulk_create(created)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Trainer, created)
    return len(created)


def _trainer_texts(trainer: Trainer, guest: tuple | None, code: str) -> tuple[str, str]:
    """The organisation and bio of a trainer, or of a guest speaker (`guest`: the kind of
    organisation, in their country, and the topic they speak on), in `code`, the active
    language."""
    if guest is None:
        return phrase(trainer.organisation, code), phrase(trainer.bio, code)
    kind, topic = guest
    organisation = f"{phrase(kind, code)}, {countries.name(trainer.country)}"
    return organisation, GUEST_BIO[code].format(topic=phrase(topic, code))


def _course_trainers(rng: random.Random, trainers: dict[str, Trainer]) -> dict[str, list]:
    """One or two trainers per course, chosen among those who know its theme."""
    chosen = {}
    for theme in content.THEMES:
        experts = [spec["name"] for spec in content.TRAINERS if theme["slug"] in spec["themes"]]
        for course in theme["courses"]:
            names = rng.sample(experts, min(len(experts), rng.choice([1, 2])))
            chosen[course["slug"]] = [trainers[name] for name in names]
    return chosen


def _catalog_fields(code: str) -> dict:
    return {
        "title": content.CATALOG["title"][code],
        "intro": content.CATALOG["intro"][code],
        "show_in_menus": True,
    }


def _theme_fields(spec: dict, code: str) -> dict:
    return {"title": spec["name"][code], "description": spec["description"][code]}


def _text_fields(spec: dict, code: str) -> dict:
    return {"title": spec["title"][code], "summary": spec["summary"][code]}


def _curriculum_fields(spec: dict, code: str) -> dict:
    return {**_text_fields(spec, code), "audience": spec["audience"][code]}


def _course_fields(spec: dict, code: str) -> dict:
    return {
        **_text_fields(spec, code),
        "prerequisites": phrase(spec.get("prerequisites", ""), code),
    }


def _course(tree: PageTree, theme: ThemePage, spec: dict, trainers: list, locales) -> CoursePage:
    extra = {
        "level": spec["level"],
        "duration_hours": spec["hours"],
        "licence": spec.get("licence", content.DEFAULT_LICENCE),
        "objectives": [("objective", objective) for objective in spec["objectives"]],
        "instruction_languages": [locales[code] for code in spec["languages"]],
        "course_trainers": [
            CourseTrainer(trainer=trainer, sort_order=order)
            for order, trainer in enumerate(trainers)
        ],
    }
    return tree.page(
        theme,
        CoursePage,
        spec["slug"],
        partial(_course_fields, spec),
        extra=extra,
        localize=partial(_translate_course_blocks, spec),
    )


def _translate_course_blocks(spec: dict, course: CoursePage) -> None:
    """A copied course's objectives in its language, each block keeping the id of the
    original's, as a translation made in the admin would."""
    code = course.locale.language_code
    course.objectives = [
        {"type": "objective", "value": phrase(objective, code), "id": block.id}
        for block, objective in zip(course.objectives, spec["objectives"], strict=True)
    ]


def _curriculum(tree: PageTree, theme: ThemePage, spec: dict, courses: dict) -> CurriculumPage:
    return tree.page(
        theme,
        CurriculumPage,
        spec["slug"],
        partial(_curriculum_fields, spec),
        extra={"courses": [courses[slug].page for slug in spec["courses"]]},
        localize=_point_at_translated_courses,
    )


def _point_at_translated_courses(curriculum: CurriculumPage) -> None:
    """A copied curriculum still lists the English courses; a reader follows their own."""
    steps = list(curriculum.curriculum_courses.all())
    translated = dict(
        CoursePage.objects.filter(
            locale=curriculum.locale,
            translation_key__in=[step.course.translation_key for step in steps],
        ).values_list("translation_key", "pk")
    )
    for step in steps:
        step.course_id = translated.get(step.course.translation_key, step.course_id)
    curriculum.curriculum_courses = steps


def _sessions(rng: random.Random, courses: dict, guests: list, *, now: datetime) -> int:
    """Past sessions are matched by course and start; upcoming ones are added again only
    once every earlier demo session has ended, so the demo keeps something to enroll in."""
    speakers = GuestSpeakers(rng, guests)
    plans = _past_plans(rng, courses, speakers)
    upcoming = _upcoming_plans(rng, courses, speakers, now=now)
    ours = TrainingSession.objects.filter(course__in=[course.page for course in courses.values()])
    existing = set(ours.values_list("course_id", "starts_at"))
    plans = [plan for plan in plans if _key(plan.session) not in existing]
    if not ours.filter(ends_at__gt=now).exists():
        plans += upcoming
    TrainingSession.objects.bulk_create([plan.session for plan in plans])
    link = TrainingSession.trainers.through
    link.objects.bulk_create(
        link(trainingsession_id=plan.session.pk, trainer_id=trainer.pk)
        for plan in plans
        for trainer in plan.trainers
    )
    return len(plans)


def _key(session: TrainingSession) -> tuple:
    return session.course_id, session.starts_at


def _past_plans(rng: random.Random, courses: dict, speakers: "GuestSpeakers") -> list:
    """Every course runs two or three times; the seminars are spread evenly over the years,
    and every theme is taught in at least one training."""
    runs = list(courses.values())
    total, seminars = content.PAST_SESSIONS, content.PAST_SEMINARS
    pool = runs * 2 + rng.sample(runs, total - 2 * len(runs))
    rng.shuffle(pool)
    kinds = [
        SessionKind.SEMINAR
        if (index + 1) * seminars // total > index * seminars // total
        else SessionKind.TRAINING
        for index in range(total)
    ]
    _teach_every_theme(pool, kinds)
    first, years = content.PAST_YEARS[0], len(content.PAST_YEARS)
    plans = []
    for index, (course, kind) in enumerate(zip(pool, kinds, strict=True)):
        year = first + index * years // total
        mode = rng.choice(_modes(kind, year))
        language = _language(rng, course.spec["languages"])
        venue = _past_venue(rng, mode, language)
        day = date(year, 1, 12) + timedelta(days=rng.randrange(340))
        day -= timedelta(days=day.weekday())  # sessions start on a Monday
        session = _session(course, kind, mode, language, venue, day)
        session.status = SessionStatus.COMPLETED
        session.capacity = rng.choice(content.CAPACITIES[kind if kind == "seminar" else mode])
        session.requires_approval = mode == SessionMode.IN_ROOM and rng.random() < 0.3
        session.enrollment_opens_at = session.starts_at - timedelta(days=60)
        if kind == SessionKind.TRAINING:
            session.enrollment_closes_at = session.starts_at - timedelta(days=7)
        plans.append(SessionPlan(session, speakers.for_session(kind, course)))
    return plans


def _teach_every_theme(pool: list[DemoCourse], kinds: list[str]) -> None:
    """A theme whose every run fell on a seminar slot trades one of them with a training
    of a theme taught more than once; the slots, and so the years, stay as they were."""
    while True:
        taught = Counter(
            course.theme for course, kind in zip(pool, kinds, strict=True) if kind == "training"
        )
        missing = [course.theme for course in pool if course.theme not in taught]
        if not missing:
            return
        seminar = next(i for i, course in enumerate(pool) if course.theme == missing[0])
        training = next(
            i
            for i, (course, kind) in enumerate(zip(pool, kinds, strict=True))
            if kind == SessionKind.TRAINING and taught[course.theme] > 1
        )
        pool[seminar], pool[training] = pool[training], pool[seminar]


def _language(rng: random.Random, codes: list[str]) -> str:
    weights = [content.LANGUAGE_WEIGHTS.get(code, 1) for code in codes]
    return rng.choices(codes, weights=weights)[0]


def _modes(kind: str, year: int) -> list[str]:
    if kind == SessionKind.SEMINAR:
        return [SessionMode.ONLINE, SessionMode.ONLINE, SessionMode.HYBRID]
    if year >= 2020:  # the pandemic years moved training online
        return [SessionMode.ONLINE, SessionMode.ONLINE, SessionMode.ONLINE, SessionMode.HYBRID]
    return [SessionMode.IN_ROOM] * 3 + [SessionMode.HYBRID, SessionMode.ONLINE]


def _past_venue(rng: random.Random, mode: str, language: str) -> dict | None:
    """Mostly in China, the host country; abroad in a city that speaks the session's language."""
    if mode == SessionMode.ONLINE:
        return None
    abroad = [venue for venue in content.VENUES if venue["abroad_language"] == language]
    if abroad and rng.random() < 0.35:
        return rng.choice(abroad)
    return rng.choice([venue for venue in content.VENUES if venue["country"] == "CN"])


def _session(course, kind, mode, language, venue, day: date) -> TrainingSession:
    """A training runs a working day per seven hours of course; a seminar one afternoon."""
    zone = ZoneInfo(venue["timezone"] if venue else HOST_TIMEZONE)
    if kind == SessionKind.SEMINAR:
        starts_at = datetime.combine(day, clock(14), tzinfo=zone)
        ends_at = datetime.combine(day, clock(17), tzinfo=zone)
    else:
        days = max(1, min(10, round(course.spec["hours"] / 7)))
        starts_at = datetime.combine(day, clock(9), tzinfo=zone)
        ends_at = datetime.combine(day + timedelta(days=days - 1), clock(17), tzinfo=zone)
    has_link = mode != SessionMode.IN_ROOM
    return TrainingSessionFactory.build(
        course=course.page,
        site=course.site,
        kind=kind,
        mode=mode,
        language=language,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=str(zone),
        venue=venue["venue"] if venue else "",
        city=venue["city"] if venue else "",
        country=venue["country"] if venue else "",
        join_url=f"{content.JOIN_URL}{course.page.slug}-{day:%Y%m%d}" if has_link else "",
    )


class GuestSpeakers:
    """Deals the guest speakers out to the seminars in turn, four or five each, so that
    every guest speaks before anyone speaks twice."""

    def __init__(self, rng: random.Random, guests: list[Trainer]):
        self.rng = rng
        self.order = rng.sample(guests, len(guests))
        self.next = 0

    def for_session(self, kind: str, course: DemoCourse) -> list[Trainer]:
        if kind != SessionKind.SEMINAR or not self.order:
            return list(course.trainers)
        count = min(len(self.order), self.rng.choice(content.SEMINAR_GUESTS))
        dealt = [self.order[(self.next + offset) % len(self.order)] for offset in range(count)]
        self.next = (self.next + count) % len(self.order)
        return [*course.trainers, *dealt]


def _upcoming_plans(rng, courses: dict, speakers: GuestSpeakers, *, now: datetime) -> list:
    """Dated from today: some open, one full, one needing approval, one cancelled..."""
    plans = []
    for spec in content.UPCOMING_SESSIONS:
        course = courses[spec["course"]]
        venue = VENUES[spec["city"]] if spec.get("city") else None
        zone = ZoneInfo(venue["timezone"] if venue else HOST_TIMEZONE)
        day = now.astimezone(zone).date() + timedelta(days=spec["starts_in"])
        kind, mode = spec.get("kind", SessionKind.TRAINING), spec["mode"]
        session = _session(course, kind, mode, spec["language"], venue, day)
        if "days" in spec:
            session.ends_at = session.starts_at + timedelta(days=spec["days"] - 1, hours=8)
        this_hour = now.replace(minute=0, second=0, microsecond=0)
        session.enrollment_opens_at = this_hour + timedelta(days=spec["opens_in"])
        if "closes_in" in spec:
            session.enrollment_closes_at = this_hour + timedelta(days=spec["closes_in"])
        elif kind == SessionKind.TRAINING:
            session.enrollment_closes_at = session.starts_at - timedelta(days=2)
        session.capacity = spec.get("capacity")
        session.seats_taken = spec.get("seats_taken", 0)
        session.requires_approval = spec.get("requires_approval", False)
        session.status = spec.get("status", SessionStatus.SCHEDULED)
        plans.append(SessionPlan(session, speakers.for_session(kind, course)))
    return plans
