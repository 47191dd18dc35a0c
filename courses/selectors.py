"""Reads of the catalog: courses in the reader's language, their upcoming sessions, and what
the catalog, course, theme and curriculum pages show, each in a fixed number of queries."""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Exists, F, Min, OuterRef, Q, Window
from django.db.models.functions import RowNumber, Substr
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django_countries import countries
from wagtail.models import Page, Site

from cms.page_cache import remember
from courses.models import (
    CatalogPage,
    CoursePage,
    CurriculumCourse,
    CurriculumPage,
    SessionMode,
    ThemePage,
    Trainer,
    TrainingSession,
)
from courses.regions import countries_in
from courses.translations import untranslated_fields

CATALOG_PAGE_SIZE = 20
SESSIONS_PER_CATALOG_ENTRY = 3
SESSIONS_ON_COURSE_PAGE = 20
SEARCH_WORD = re.compile(r"\w+")
# A country whose last session ended leaves the catalog's filter at the latest after this.
COUNTRY_OPTIONS_SECONDS = 300
LANGUAGE_NAMES = dict(settings.LANGUAGES)
BIDI_LANGUAGES = set(settings.LANGUAGES_BIDI)


# --- languages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Language:
    code: str
    name: str

    @property
    def direction(self) -> str:
        return "rtl" if self.code in BIDI_LANGUAGES else "ltr"


def language(code: str) -> Language:
    return Language(code=code, name=LANGUAGE_NAMES.get(code, code))


def reader_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def pick_translation(candidates: list, language_code: str):
    """The reader's translation, else the original (the first one created)."""
    for candidate in candidates:
        if candidate.language_code == language_code:
            return candidate
    return min(candidates, key=lambda candidate: candidate.pk)


def localize(pages, language_code: str) -> list:
    """One page per translation_key, in the reader's language where it exists. The pages
    must carry `language_code` (see `with_language`)."""
    by_key = defaultdict(list)
    for page in pages:
        by_key[page.translation_key].append(page)
    return [pick_translation(candidates, language_code) for candidates in by_key.values()]


def localized_courses(sessions: Iterable[TrainingSession], language: str) -> dict:
    """Each session's course in `language` where a live translation exists, else the
    course it points at, keyed by translation key."""
    courses = {session.course.translation_key: session.course for session in sessions}
    if courses:
        translations = (
            CoursePage.objects.live()
            .filter(translation_key__in=list(courses), locale__language_code=language)
            .select_related("locale")
        )
        courses.update({course.translation_key: course for course in translations})
    return courses


def with_language(queryset):
    return queryset.annotate(language_code=F("locale__language_code"))


def reader_first(pages, language_code: str, key=None):
    """Pages in the reader's language first, then by `key` (the title by default)."""
    key = key or (lambda page: page.title.casefold())
    return sorted(pages, key=lambda page: (page.language_code != language_code, key(page)))


# --- partly translated pages --------------------------------------------------------------

# Languages whose names are written in lower case inside a sentence ("traduites en français").
LOWER_CASE_LANGUAGE_NAMES = {"fr", "es", "ru"}


def language_name_in_sentence(code: str) -> str:
    """The name of the language `code` in the reader's language, as written mid-sentence."""
    name = get_language_info(code)["name_translated"]
    return name.lower() if reader_language() in LOWER_CASE_LANGUAGE_NAMES else name


@dataclass(frozen=True)
class TranslationNotice:
    """A page read in `language` that still shows `fields` in `original`."""

    language: str
    original: str
    fields: frozenset[str]

    @property
    def language_name(self) -> str:
        return language_name_in_sentence(self.language)

    @property
    def original_name(self) -> str:
        return language_name_in_sentence(self.original)


def translation_notice(page, extra_fields: dict[str, str] | None = None):
    """What of `page` is not yet translated into its language (see courses.translations),
    plus `extra_fields` (name: the language it is shown in) that the page borrows from
    elsewhere, such as trainers without a translation; None when nothing is missing."""
    fields = untranslated_parts(page)
    fields.update(extra_fields or {})
    if not fields:
        return None
    language = reader_language()
    originals = [code for code in fields.values() if code != language]
    if not originals:
        return None
    return TranslationNotice(
        language=language,
        original=page.untranslated_language or originals[0],
        fields=frozenset(name for name, code in fields.items() if code != language),
    )


def untranslated_parts(page) -> dict[str, str]:
    """The language each untranslated field of `page` is shown in, by field name, so that
    templates mark those parts with their language."""
    return {name: page.untranslated_language for name in page.untranslated_fields}


# --- paths and scope ----------------------------------------------------------------------


def under_any(paths, prefix: str = "") -> Q:
    """Pages at or below any of the given tree paths; nothing when there is none."""
    paths = list(paths)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": path}) for path in paths))


@dataclass(frozen=True)
class CatalogScope:
    """The page trees a catalog covers: every one on the master platform (`paths` None),
    else the translations of the sub-platform's home page."""

    paths: tuple[str, ...] | None

    def q(self, prefix: str = "") -> Q:
        return Q() if self.paths is None else under_any(self.paths, prefix)


def catalog_scope(request) -> CatalogScope:
    from cms.models import PlatformSettings
    from cms.selectors import site_homes

    site = Site.find_for_request(request)
    if site is None or PlatformSettings.for_request(request).is_master:
        return CatalogScope(paths=None)
    return CatalogScope(paths=tuple(home.path for home in site_homes(site).values()))


# --- filter options -----------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeOption:
    pk: int
    title: str
    paths: tuple[str, ...]  # the tree paths of every translation of the theme


def theme_options(scope: CatalogScope, language_code: str) -> list[ThemeOption]:
    """Every live theme of the catalog's scope, localized (kept until pages change)."""
    return remember(
        "theme-options", lambda: _theme_options(scope, language_code), scope, language_code
    )


def _theme_options(scope: CatalogScope, language_code: str) -> list[ThemeOption]:
    themes = list(
        with_language(ThemePage.objects.live().filter(scope.q())).only(
            "pk", "title", "path", "translation_key"
        )
    )
    paths = defaultdict(list)
    for theme in themes:
        paths[theme.translation_key].append(theme.path)
    options = [
        ThemeOption(pk=theme.pk, title=theme.title, paths=tuple(paths[theme.translation_key]))
        for theme in localize(themes, language_code)
    ]
    return sorted(options, key=lambda option: option.title.casefold())


def country_options(scope: CatalogScope) -> list[tuple[str, str]]:
    """The countries where upcoming sessions of the catalog take place, by localized name
    (kept until sessions change, or a session's end takes a country off the list)."""
    return remember(
        "country-options",
        lambda: _country_options(scope),
        scope,
        get_language(),
        timeout=COUNTRY_OPTIONS_SECONDS,
    )


def _country_options(scope: CatalogScope) -> list[tuple[str, str]]:
    codes = (
        TrainingSession.objects.upcoming()
        .filter(scope.q("course__"))
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
        .order_by()
    )
    choices = [(code, countries.name(code)) for code in codes]
    return sorted(choices, key=lambda choice: choice[1].casefold())


# --- the catalog --------------------------------------------------------------------------


@dataclass
class CatalogFilters:
    """What the reader asked for, already validated by the catalog's form."""

    q: str = ""
    theme: ThemeOption | None = None
    language: str = ""
    mode: str = ""
    level: str = ""
    region: str = ""
    country: str = ""
    date_from: date | None = None
    date_to: date | None = None
    open_only: bool = False

    @property
    def on_sessions(self) -> bool:
        """Whether the filters are about sessions, so a course needs a matching one."""
        return bool(
            self.language
            or self.mode
            or self.region
            or self.country
            or self.date_from
            or self.date_to
            or self.open_only
        )


@dataclass
class CatalogEntry:
    course: CoursePage  # the translation shown: the reader's language, else the original
    languages: list[Language]
    theme: Page | None = None
    sessions: list[TrainingSession] = field(default_factory=list)

    @property
    def language(self) -> Language:
        return language(self.course.language_code)


@dataclass
class _Candidate:
    """A course translation in the catalog, before the page of results is loaded."""

    pk: int
    translation_key: object
    language_code: str
    title: str


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def matching_sessions(filters: CatalogFilters, now: datetime):
    sessions = TrainingSession.objects.upcoming(now)
    if filters.language:
        sessions = sessions.filter(language=filters.language)
    if filters.mode:
        sessions = sessions.filter(mode=filters.mode)
    if filters.region:
        sessions = sessions.filter(country__in=countries_in(filters.region))
    if filters.country:
        sessions = sessions.filter(country=filters.country)
    if filters.date_from:
        # A self-paced run already under way is still there to follow from that day.
        from_day = day_start(filters.date_from)
        sessions = sessions.filter(
            Q(starts_at__gte=from_day) | Q(mode=SessionMode.SELF_PACED, ends_at__gt=from_day)
        )
    if filters.date_to:
        sessions = sessions.filter(starts_at__lt=day_start(filters.date_to + timedelta(days=1)))
    if filters.open_only:
        sessions = sessions.open_for_enrollment(now)
    return sessions


def search_keys(q: str):
    """The translation keys of live courses matching the words of `q` (Wagtail search, plus
    a title match for scripts written without spaces between words, such as Chinese)."""
    words = " ".join(SEARCH_WORD.findall(q))
    if not words:
        return None
    found = (
        CoursePage.objects.live()
        .only("pk", "translation_key")
        .search(words, operator="and", order_by_relevance=False)
    )
    keys = {course.translation_key for course in found}
    keys.update(
        CoursePage.objects.live()
        .filter(title__icontains=q.strip())
        .values_list("translation_key", flat=True)
    )
    return keys


def matching_courses(scope: CatalogScope, filters: CatalogFilters):
    courses = CoursePage.objects.live().filter(scope.q())
    if filters.level:
        courses = courses.filter(level=filters.level)
    if filters.theme:
        courses = courses.filter(under_any(filters.theme.paths))
    if filters.q:
        keys = search_keys(filters.q)
        if keys is not None:
            courses = courses.filter(translation_key__in=keys)
    return courses


def next_starts(sessions) -> dict:
    """The start of the next matching session of each course, by translation key."""
    rows = sessions.order_by().values("course__translation_key").annotate(first=Min("starts_at"))
    return {row["course__translation_key"]: row["first"] for row in rows}


def catalog_candidates(scope: CatalogScope, filters: CatalogFilters, now: datetime):
    """Every live translation, in scope, of the courses the filters let through, with the
    start of each course's next matching session."""
    matching = matching_courses(scope, filters)
    rows = (
        CoursePage.objects.live()
        .filter(scope.q(), translation_key__in=matching.values("translation_key"))
        .values_list("pk", "translation_key", "locale__language_code", "title")
    )
    candidates = [_Candidate(*row) for row in rows]
    starts = next_starts(matching_sessions(filters, now))
    if filters.on_sessions:
        candidates = [c for c in candidates if c.translation_key in starts]
    return candidates, starts


def rank_catalog(candidates, starts: dict, language_code: str) -> list[tuple]:
    """One (shown candidate, languages) per course: the reader's language first, then the
    soonest next session, then the title."""
    by_key = defaultdict(list)
    for candidate in candidates:
        by_key[candidate.translation_key].append(candidate)
    far = datetime.max.replace(tzinfo=UTC)
    ranked = []
    for key, translations in by_key.items():
        shown = pick_translation(translations, language_code)
        soonest = starts.get(key) or far
        order = (shown.language_code != language_code, soonest, shown.title.casefold())
        codes = sorted({t.language_code for t in translations}, key=language_order)
        ranked.append((order, shown, codes))
    ranked.sort(key=lambda item: item[0])
    return [(shown, codes) for _order, shown, codes in ranked]


def language_order(code: str) -> int:
    codes = [code for code, _name in settings.LANGUAGES]
    return codes.index(code) if code in codes else len(codes)


def upcoming_sessions_by_course(keys, sessions, per_course: int) -> dict[object, list]:
    """The next `per_course` sessions of each course, in one query."""
    ranked = (
        sessions.filter(course__translation_key__in=keys)
        .annotate(
            course_key=F("course__translation_key"),
            rank=Window(
                RowNumber(),
                partition_by=F("course__translation_key"),
                order_by=[F("starts_at").asc(), F("pk").asc()],
            ),
        )
        .filter(rank__lte=per_course)
        .order_by("starts_at", "pk")
    )
    by_key = defaultdict(list)
    for session in ranked:
        by_key[session.course_key].append(session)
    return by_key


def parent_pages(pages) -> dict[str, Page]:
    """The parent of each page, by the parent's tree path, in one query."""
    paths = {page.path[: -Page.steplen] for page in pages}
    if not paths:
        return {}
    return {
        parent.path: parent
        for parent in Page.objects.filter(path__in=paths).only(
            "pk", "title", "path", "url_path", "depth", "locale_id"
        )
    }


def load_entries(ranked_page, filters: CatalogFilters, now: datetime) -> list[CatalogEntry]:
    """The courses of one page of results, with their themes and next sessions."""
    if not ranked_page:
        return []
    pks = [shown.pk for shown, _codes in ranked_page]
    courses = with_language(CoursePage.objects.filter(pk__in=pks).defer_streamfields())
    courses = {course.pk: course for course in courses}
    themes = parent_pages(courses.values())
    sessions = upcoming_sessions_by_course(
        [shown.translation_key for shown, _codes in ranked_page],
        matching_sessions(filters, now),
        SESSIONS_PER_CATALOG_ENTRY,
    )
    entries = []
    for shown, codes in ranked_page:
        course = courses[shown.pk]
        entries.append(
            CatalogEntry(
                course=course,
                languages=[language(code) for code in codes],
                theme=themes.get(course.path[: -Page.steplen]),
                sessions=sessions.get(course.translation_key, []),
            )
        )
    return entries


@dataclass
class CatalogResults:
    page: PaginatorPage
    entries: list[CatalogEntry]
    count: int


def catalog_results(
    scope: CatalogScope, filters: CatalogFilters, page_number, now: datetime | None = None
) -> CatalogResults:
    """One page of catalog results. A page number past the end gives the last page; one
    that is not a number gives the first."""
    now = now or timezone.now()
    language_code = reader_language()
    candidates, starts = catalog_candidates(scope, filters, now)
    ranked = rank_catalog(candidates, starts, language_code)
    page = Paginator(ranked, CATALOG_PAGE_SIZE).get_page(page_number)
    return CatalogResults(
        page=page, entries=load_entries(list(page), filters, now), count=len(ranked)
    )


def catalog_page_context(request) -> dict:
    """The catalog's form, bound to the reader's filters, and the page of results."""
    from courses.forms import bind_catalog_form

    scope = catalog_scope(request)
    form = bind_catalog_form(
        request.GET,
        themes=theme_options(scope, reader_language()),
        countries=country_options(scope),
    )
    results = catalog_results(scope, form.filters(), request.GET.get("page"))
    return {"form": form, "results": results, "query_string": form.query_string()}


# --- course page --------------------------------------------------------------------------


def course_sessions(course: CoursePage, now: datetime | None = None) -> list[TrainingSession]:
    """Upcoming sessions of the course, whatever translation of it is being read."""
    sessions = TrainingSession.objects.for_course(course).upcoming(now).order_by("starts_at")
    return list(sessions[:SESSIONS_ON_COURSE_PAGE])


def trainer_choices(selected: Iterable[int] = ()):
    """One entry per trainer for forms that pick people, whatever the number of languages
    their profile is translated into: the profile first created (the original), plus any
    translation already chosen."""
    originals = Trainer.objects.values("translation_key").annotate(first=Min("pk"))
    return Trainer.objects.filter(
        Q(pk__in=originals.values("first")) | Q(pk__in=list(selected))
    ).order_by("name", "pk")


def localized_trainers(course: CoursePage, language_code: str) -> list[Trainer]:
    """The course's trainers, each in the reader's language where translated (what
    `Trainer.localized` gives, for all of them in one query). A trainer shown without a
    translation, or whose translated bio is still the linked trainer's (the rule of
    courses.translations), carries the language it is shown in as `untranslated_language`."""
    links = course.course_trainers.select_related("trainer__locale")
    trainers = [link.trainer for link in links]
    keys = {trainer.translation_key for trainer in trainers}
    if not keys:
        return []
    translated = Trainer.objects.filter(
        translation_key__in=keys, locale__language_code=language_code
    ).select_related("locale")
    by_key = {trainer.translation_key: trainer for trainer in translated}
    localized = []
    for named in trainers:
        trainer = by_key.get(named.translation_key, named)
        if trainer.pk == named.pk:
            missing = named.locale.language_code != language_code
        else:
            missing = bool(untranslated_fields(trainer, named, Trainer.translated_fields))
        trainer.untranslated_language = named.locale.language_code if missing else ""
        localized.append(trainer)
    return localized


def course_curricula(course: CoursePage, language_code: str) -> list[CurriculumPage]:
    """The curricula that include the course (in any of its translations), localized."""
    keys = CurriculumCourse.objects.filter(course__translation_key=course.translation_key).values(
        "page__translation_key"
    )
    curricula = with_language(CurriculumPage.objects.live().filter(translation_key__in=keys))
    return reader_first(localize(curricula, language_code), language_code)


def instruction_languages(course: CoursePage) -> list[Language]:
    codes = [locale.language_code for locale in course.instruction_languages.all()]
    return [language(code) for code in sorted(codes, key=language_order)]


# Later stages add sections to a course page by registering a function of (request, course
# page) under this Wagtail hook name; it returns a CourseSection, or None to add nothing.
COURSE_SECTIONS_HOOK = "register_course_page_section"


@dataclass(frozen=True)
class CourseSection:
    """A block of a course page that a later stage fills: the template it is rendered with,
    which receives `section` (this object) and `data`."""

    template_name: str
    data: object
    order: int = 100


def course_sections(request, course: CoursePage) -> list[CourseSection]:
    """The sections later stages register for this course page, in their order."""
    from wagtail import hooks

    sections = (register(request, course) for register in hooks.get_hooks(COURSE_SECTIONS_HOOK))
    return sorted((section for section in sections if section), key=lambda s: s.order)


def course_facts(course: CoursePage, language_code: str) -> dict:
    """What only editors change on a course page: its trainers, the curricula it belongs
    to and its languages of instruction (kept until pages or trainers change)."""

    def facts():
        return {
            "trainers": localized_trainers(course, language_code),
            "curricula": course_curricula(course, language_code),
            "languages": instruction_languages(course),
        }

    return remember("course-facts", facts, course.pk, language_code)


def course_page_context(course: CoursePage, request) -> dict:
    from courses.structured_data import course_json_ld

    language_code = reader_language()
    sessions = course_sessions(course)
    facts = course_facts(course, language_code)
    trainers = facts["trainers"]
    # The language of trainers shown without a translation into the reader's.
    borrowed = next((t.untranslated_language for t in trainers if t.untranslated_language), "")
    borrowed_fields = {"trainers": borrowed} if borrowed else {}
    return {
        "sessions": sessions,
        "trainers": trainers,
        "translation_notice": translation_notice(course, borrowed_fields),
        "untranslated": untranslated_parts(course),
        "curricula": facts["curricula"],
        "languages": facts["languages"],
        "theme": course.get_parent(),
        "licence": course.licence_choice,
        "json_ld": course_json_ld(course, sessions, request),
        "course_sections": course_sections(request, course),
    }


# --- theme and curriculum pages -----------------------------------------------------------


def children_of_translations(model, page: Page, language_code: str, paths=None) -> list:
    """Live children of type `model` under any translation of `page` (at `paths`, when
    the caller has them), localized."""
    if paths is None:
        paths = translation_paths(page)
    children = model.objects.live().filter(under_any(paths), depth=page.depth + 1)
    if model is CoursePage:
        children = children.defer_streamfields()
    return localize(with_language(children), language_code)


def translation_paths(page: Page) -> list[str]:
    """The tree paths of every translation of `page`."""
    return list(page.get_translations(inclusive=True).values_list("path", flat=True))


def attach_next_session(courses, now: datetime | None = None) -> None:
    """Sets `next_sessions` on each course: its next upcoming session, if any, in a list."""
    keys = [course.translation_key for course in courses]
    sessions = (
        upcoming_sessions_by_course(keys, TrainingSession.objects.upcoming(now), per_course=1)
        if keys
        else {}
    )
    for course in courses:
        course.next_sessions = sessions.get(course.translation_key, [])


def theme_page_context(theme: ThemePage) -> dict:
    language_code = reader_language()
    paths = translation_paths(theme)
    courses = children_of_translations(CoursePage, theme, language_code, paths)
    courses = reader_first(courses, language_code)
    attach_next_session(courses)
    curricula = children_of_translations(CurriculumPage, theme, language_code, paths)
    return {
        "courses": courses,
        "curricula": reader_first(curricula, language_code),
        "translation_notice": translation_notice(theme),
        "untranslated": untranslated_parts(theme),
    }


def curriculum_courses(curriculum: CurriculumPage, language_code: str) -> list[CoursePage]:
    """The curriculum's live courses in order, each in the reader's language if translated."""
    links = curriculum.curriculum_courses.select_related("course__locale").order_by("sort_order")
    originals = [link.course for link in links]
    keys = [course.translation_key for course in originals]
    translated = (
        with_language(
            CoursePage.objects.live().filter(translation_key__in=keys).defer_streamfields()
        ).filter(locale__language_code=language_code)
        if keys
        else []
    )
    by_key = {course.translation_key: course for course in translated}
    courses = []
    for original in originals:
        course = by_key.get(original.translation_key)
        if course is None and original.live:
            course = original
            course.language_code = original.locale.language_code
        if course is not None:
            courses.append(course)
    return courses


def curriculum_page_context(curriculum: CurriculumPage) -> dict:
    courses = curriculum_courses(curriculum, reader_language())
    attach_next_session(courses)
    return {
        "courses": courses,
        "total_hours": sum(course.duration_hours for course in courses),
        "translation_notice": translation_notice(curriculum),
        "untranslated": untranslated_parts(curriculum),
    }


# --- home page ----------------------------------------------------------------------------

HOME_SESSIONS = 6
HOME_COURSES = 6
HOME_THEMES = 12


def home_catalog(home: Page, language_code: str) -> CatalogPage | None:
    """The catalog the home page's search box sends to: the home's own, in the reader's
    language where translated."""
    # Children of any translation of the home: their path starts with one of the homes'.
    homes = Page.objects.filter(translation_key=home.translation_key).values("path")
    catalogs = (
        CatalogPage.objects.live()
        .annotate(parent_path=Substr("path", 1, len(home.path)))
        .filter(depth=home.depth + 1, parent_path__in=homes)
    )
    catalogs = localize(with_language(catalogs), language_code)
    return catalogs[0] if catalogs else None


def home_upcoming_sessions(scope: CatalogScope, language_code: str, now: datetime | None = None):
    """The next sessions of the platform, not yet ended nor cancelled, each with its course
    in the reader's language (`course_page`): two queries."""
    sessions = list(
        TrainingSession.objects.upcoming(now)
        .filter(scope.q("course__"), course__live=True)
        .select_related("course")
        .order_by("starts_at", "pk")[:HOME_SESSIONS]
    )
    courses = localized_courses(sessions, language_code)
    for session in sessions:
        session.course_page = courses[session.course.translation_key]
    return sessions


def home_featured_courses(scope: CatalogScope, language_code: str) -> list[CoursePage]:
    """Courses an editor featured (on any of their translations), in the reader's language
    where translated, each with its next session: two queries."""
    featured_keys = CoursePage.objects.filter(featured=True).values("translation_key")
    pages = (
        CoursePage.objects.live()
        .filter(scope.q(), translation_key__in=featured_keys)
        .defer_streamfields()
    )
    courses = reader_first(localize(with_language(pages), language_code), language_code)
    courses = courses[:HOME_COURSES]
    attach_next_session(courses)
    return courses


def home_themes(scope: CatalogScope, language_code: str) -> list[ThemePage]:
    """The featured themes, or every theme when none is featured, in the reader's language
    where translated: one query."""
    pages = with_language(ThemePage.objects.live().filter(scope.q())).annotate(
        is_featured=Exists(
            ThemePage.objects.filter(featured=True, translation_key=OuterRef("translation_key"))
        )
    )
    themes = reader_first(localize(pages, language_code), language_code)
    featured = [theme for theme in themes if theme.is_featured]
    return (featured or themes)[:HOME_THEMES]


@dataclass(frozen=True)
class HomeCatalog:
    """What the courses stage shows on a platform's home page."""

    catalog: CatalogPage | None
    sessions: list
    courses: list
    themes: list


def home_catalog_context(request, home: Page) -> HomeCatalog:
    """A fixed number of queries whatever the number of sessions, courses and themes."""
    language_code = reader_language()
    scope = catalog_scope(request)
    return HomeCatalog(
        catalog=home_catalog(home, language_code),
        sessions=home_upcoming_sessions(scope, language_code),
        courses=home_featured_courses(scope, language_code),
        themes=home_themes(scope, language_code),
    )
