"""iCalendar (RFC 5545) files of training sessions: one session, or a feed of upcoming ones."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event
from icalendar.enums import STATUS
from wagtail.models import Site

from cms.models import PlatformSettings
from cms.selectors import localized_home, site_homes
from courses.models import (
    CoursePage,
    SessionKind,
    SessionMode,
    SessionStatus,
    ThemePage,
    TrainingSession,
)
from courses.selectors import localized_courses

# Calendar clients that honour it poll a subscribed feed this often.
FEED_REFRESH_INTERVAL = timedelta(hours=6)
HYBRID_LOCATION = _("%(place)s, and online")


@dataclass(frozen=True)
class CalendarFile:
    filename: str
    content: bytes


def published_sessions() -> QuerySet[TrainingSession]:
    return TrainingSession.objects.published()


def calendar_sessions() -> QuerySet[TrainingSession]:
    """Sessions a calendar holds: dated ones. A self-paced run is followed at any hour of
    its weeks or years; as an event it would fill the learner's calendar for all of them."""
    return published_sessions().dated()


def platform_sessions(site: Site | None) -> QuerySet[TrainingSession]:
    """Published sessions of the platform: every platform's on the master platform, a
    sub-platform's own otherwise."""
    if site is None:
        return TrainingSession.objects.none()
    sessions = published_sessions()
    if not PlatformSettings.for_site(site).is_master:
        sessions = sessions.filter(site=site)
    return sessions


def site_feed_sessions(site: Site | None, *, now: datetime) -> QuerySet[TrainingSession]:
    """The platform's sessions not yet ended, cancelled ones included so that subscribers
    see the cancellation."""
    return platform_sessions(site).dated().filter(ends_at__gt=now)


def theme_feed_sessions(theme: ThemePage, *, now: datetime) -> QuerySet[TrainingSession]:
    """Sessions not yet ended of the courses under any translation of the theme."""
    paths = ThemePage.objects.filter(translation_key=theme.translation_key).values_list(
        "path", flat=True
    )
    under_theme = reduce(or_, (Q(course__path__startswith=path) for path in paths), Q(pk=None))
    return calendar_sessions().filter(under_theme, ends_at__gt=now)


def find_theme(site: Site | None, slug: str, language: str) -> ThemePage | None:
    """The site's live theme with this slug in any language, in the reader's language
    when it is translated."""
    homes = site_homes(site)
    if not homes:
        return None
    under_site = reduce(or_, (Q(path__startswith=home.path) for home in homes.values()))
    themes = list(ThemePage.objects.live().filter(under_site, slug=slug).select_related("locale"))
    if not themes:
        return None
    for theme in themes:
        if theme.locale.language_code == language:
            return theme
    translation = (
        ThemePage.objects.live()
        .filter(translation_key=themes[0].translation_key, locale__language_code=language)
        .first()
    )
    return translation or themes[0]


def session_calendar_file(session: TrainingSession, *, request, language: str) -> CalendarFile:
    """The .ics of one session, in the reader's language; says so when cancelled."""
    course = localized_courses([session], language)[session.course.translation_key]
    calendar = build_calendar(
        [session],
        {course.translation_key: course},
        request=request,
        uid=f"calendar-session-{session.pk}@{session.site.hostname}",
        name=course.title,
    )
    filename = f"{course.slug}-{session.local_starts_at:%Y-%m-%d}.ics"
    return CalendarFile(filename=filename, content=calendar.to_ical())


def site_calendar_file(request, *, language: str, now: datetime | None = None) -> CalendarFile:
    """The feed of the platform's upcoming sessions."""
    site = Site.find_for_request(request)
    sessions = list(site_feed_sessions(site, now=now or timezone.now()))
    home = localized_home(site, site_homes(site))
    platform = home.title if home else settings.WAGTAIL_SITE_NAME
    calendar = build_calendar(
        sessions,
        localized_courses(sessions, language),
        request=request,
        uid=f"calendar-site-{site.pk if site else 0}@{request.get_host()}",
        name=gettext("%(platform)s: training sessions") % {"platform": platform},
        feed=True,
    )
    return CalendarFile(filename="calendar.ics", content=calendar.to_ical())


def theme_calendar_file(
    theme: ThemePage, *, request, language: str, now: datetime | None = None
) -> CalendarFile:
    """The feed of the upcoming sessions of a theme's courses."""
    sessions = list(theme_feed_sessions(theme, now=now or timezone.now()))
    calendar = build_calendar(
        sessions,
        localized_courses(sessions, language),
        request=request,
        uid=f"calendar-theme-{theme.translation_key}@{request.get_host()}",
        name=theme.title,
        feed=True,
    )
    return CalendarFile(filename=f"{theme.slug}.ics", content=calendar.to_ical())


def build_calendar(
    sessions: Sequence[TrainingSession],
    courses: dict,
    *,
    request,
    uid: str,
    name: str,
    feed: bool = False,
) -> Calendar:
    """A VCALENDAR with one VEVENT per session and a VTIMEZONE for each zone they use."""
    calendar = Calendar.new(
        prodid=f"-//{settings.WAGTAIL_SITE_NAME}//Training sessions//EN",
        uid=uid,
        name=name,
        method="PUBLISH",
    )
    if feed:
        calendar.refresh_interval = FEED_REFRESH_INTERVAL
        calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986
        calendar["X-PUBLISHED-TTL"] = calendar["REFRESH-INTERVAL"]  # its older, wider twin
    stamp = timezone.now()
    for session in sessions:
        course = courses[session.course.translation_key]
        calendar.add_component(session_event(session, course, request=request, stamp=stamp))
    if sessions:
        # Each VTIMEZONE only needs to cover the dates of the events that use it.
        calendar.add_missing_timezones(
            first_date=min(s.local_starts_at for s in sessions).date() - timedelta(days=1),
            last_date=max(s.local_ends_at for s in sessions).date() + timedelta(days=1),
        )
    return calendar


def session_event(session: TrainingSession, course: CoursePage, *, request, stamp) -> Event:
    cancelled = session.status == SessionStatus.CANCELLED
    summary = course.title
    if cancelled:
        summary = gettext("Cancelled: %(title)s") % {"title": summary}
    url = course.get_full_url(request)
    description = "\n\n".join(part for part in (course.summary, url) if part)
    return Event.new(
        uid=f"session-{session.pk}@{session.site.hostname}",
        stamp=stamp,
        created=session.created_at,
        last_modified=session.updated_at,
        start=session.local_starts_at,
        end=session.local_ends_at,
        summary=summary,
        description=description or None,
        location=session_location(session),
        url=url,
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
        categories=[str(SessionKind(session.kind).label)],
    )


def session_location(session: TrainingSession) -> str:
    """Venue, city and country in the reader's language; "Online" for online sessions."""
    online = str(SessionMode.ONLINE.label)
    if session.mode == SessionMode.ONLINE:
        return online
    country = session.country.name if session.country else ""
    place = ", ".join(part for part in (session.venue, session.city, country) if part)
    if not place:
        return online
    if session.mode == SessionMode.HYBRID:
        return str(HYBRID_LOCATION) % {"place": place}
    return place

