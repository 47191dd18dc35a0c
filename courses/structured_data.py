"""schema.org descriptions of courses (JSON-LD), for search engines and course directories."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from cms.selectors import locale_codes
from courses.models import CoursePage, SessionMode, TrainingSession

COURSE_MODES = {
    SessionMode.ONLINE: "online",
    SessionMode.IN_ROOM: "onsite",
    SessionMode.HYBRID: "blended",
}
# As django.utils.html.json_script does: nothing in the data can close the <script> element.
SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def session_location(session: TrainingSession, course_url: str) -> dict:
    if session.mode == SessionMode.ONLINE:
        return {"@type": "VirtualLocation", "url": course_url}
    address = {"@type": "PostalAddress"}
    if session.city:
        address["addressLocality"] = session.city
    if session.country:
        address["addressCountry"] = session.country.code
    return {"@type": "Place", "name": session.venue or session.city, "address": address}


def course_instance(session: TrainingSession, course_url: str) -> dict:
    if session.is_self_paced:
        instance = {
            "@type": "CourseInstance",
            "courseMode": "online",
            "inLanguage": session.language,
            "location": {"@type": "VirtualLocation", "url": course_url},
        }
        if not session.is_always_open:
            instance["startDate"] = session.local_starts_at.isoformat()
            instance["endDate"] = session.local_ends_at.isoformat()
        return instance
    return {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODES.get(session.mode, "online"),
        "startDate": session.local_starts_at.isoformat(),
        "endDate": session.local_ends_at.isoformat(),
        "inLanguage": session.language,
        "location": session_location(session, course_url),
    }


def course_data(course: CoursePage, sessions: list[TrainingSession], request) -> dict:
    site = Site.find_for_request(request)
    course_url = course.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary or course.search_description or course.title,
        "url": course_url,
        "inLanguage": locale_codes()[course.locale_id],
        "educationalLevel": str(course.get_level_display()),
        "provider": {
            "@type": "Organization",
            "name": (site and site.site_name) or settings.WAGTAIL_SITE_NAME,
        },
        "hasCourseInstance": [course_instance(session, course_url) for session in sessions],
    }
    if site:
        data["provider"]["url"] = site.root_url
    if course.duration_hours:
        data["timeRequired"] = f"PT{course.duration_hours}H"
    if course.licence_choice.url:
        data["license"] = course.licence_choice.url
    return data


def json_ld(data: dict) -> SafeString:
    """The data as JSON that is safe inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(SCRIPT_SAFE)
    return mark_safe(text)  # noqa: S308 -- escaped above, as json_script does


def course_json_ld(course: CoursePage, sessions: list[TrainingSession], request) -> SafeString:
    return json_ld(course_data(course, sessions, request))
