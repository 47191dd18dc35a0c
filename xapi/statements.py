"""What each event says in xAPI 1.0.3: its verb, its object and the activities around it,
with the ADL and TinCan vocabularies LRSs and their dashboards know. Builders only: which
store gets a statement, and when, is xapi.services'."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

XAPI_VERSION = "1.0.3"
PLATFORM = "Open Training Platform"

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"


@dataclass(frozen=True)
class Verb:
    id: str
    display: str

    def as_json(self) -> dict:
        return {"id": self.id, "display": {"en-US": self.display}}


REGISTERED = Verb(ADL_VERBS + "registered", "registered")
ATTENDED = Verb(ADL_VERBS + "attended", "attended")
ASKED = Verb(ADL_VERBS + "asked", "asked")
ANSWERED = Verb(ADL_VERBS + "answered", "answered")
COMPLETED = Verb(ADL_VERBS + "completed", "completed")
PASSED = Verb(ADL_VERBS + "passed", "passed")
FAILED = Verb(ADL_VERBS + "failed", "failed")
EARNED = Verb("http://id.tincanapi.com/verb/earned", "earned")

COURSE = ADL_ACTIVITIES + "course"
MEETING = ADL_ACTIVITIES + "meeting"
LESSON = ADL_ACTIVITIES + "lesson"
ASSESSMENT = ADL_ACTIVITIES + "assessment"
QUESTION = ADL_ACTIVITIES + "question"
INTERACTION = ADL_ACTIVITIES + "cmi.interaction"
BADGE = "http://id.tincanapi.com/activitytype/badge"

# Registrations are derived from the enrollment, so every statement about one enrollment
# carries the same one, whichever store receives it.
REGISTRATION_NAMESPACE = uuid.UUID("2f6b1c9e-6a53-4d8e-9a8e-5b0f3c1d7e42")


def language_tag(code: str) -> str:
    """Django's language code as the RFC 5646 tag xAPI asks for ('zh-hans' → 'zh-Hans')."""
    first, *rest = code.split("-")
    parts = [first.lower()]
    for part in rest:
        parts.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(parts)


def registration_of(root_url: str, enrollment_pk: int) -> str:
    return str(uuid.uuid5(REGISTRATION_NAMESPACE, f"{root_url}/enrollments/{enrollment_pk}"))


def activity(activity_id: str, kind: str, name: str, language: str, **definition) -> dict:
    names = {language_tag(language): name} if name else {}
    body = {"type": kind, **({"name": names} if names else {}), **definition}
    return {"objectType": "Activity", "id": activity_id, "definition": body}


@dataclass
class Activities:
    """The activity ids of one platform: language-neutral (a course read in six languages
    is one activity), under the platform's own address."""

    root_url: str

    def _iri(self, *parts) -> str:
        return "/".join([self.root_url.rstrip("/"), "xapi", "activities", *map(str, parts)])

    def course(self, course, language: str) -> dict:
        return activity(
            self._iri("courses", course.translation_key), COURSE, course.title, language
        )

    def session(self, session, language: str) -> dict:
        title = f"{session.course.title} ({session.starts_at.date().isoformat()})"
        return activity(self._iri("sessions", session.pk), MEETING, title, language)

    def lesson(self, lesson, language: str) -> dict:
        return activity(
            self._iri("lessons", lesson.translation_key), LESSON, lesson.title, language
        )

    def quiz(self, lesson, language: str) -> dict:
        return activity(
            self._iri("lessons", lesson.translation_key, "quiz"), ASSESSMENT, lesson.title, language
        )

    def question(self, question, language: str) -> dict:
        return activity(self._iri("questions", question.pk), QUESTION, "", language)

    def poll(self, poll, options, language: str) -> dict:
        tag = language_tag(language)
        return activity(
            self._iri("polls", poll.pk),
            INTERACTION,
            poll.question,
            language,
            interactionType="choice",
            choices=[
                {"id": f"option-{option.pk}", "description": {tag: option.text}}
                for option in options
            ],
        )


@dataclass
class Event:
    """One thing a learner did, ready to be said to any store (the actor and the statement's
    id are the store's to choose: xapi.services)."""

    user: object
    site: object  # wagtail Site: the platform it happened on
    verb: Verb
    object: dict
    language: str
    timestamp: datetime
    result: dict | None = None
    parent: list[dict] = field(default_factory=list)
    grouping: list[dict] = field(default_factory=list)
    registration: str | None = None

    @property
    def root_url(self) -> str:
        return self.site.root_url

    @property
    def platform(self) -> str:
        return self.site.site_name or PLATFORM


def agent(event: Event, *, pseudonym: str, email: str | None = None) -> dict:
    if email:
        return {"objectType": "Agent", "mbox": f"mailto:{email}"}
    return {
        "objectType": "Agent",
        "account": {"homePage": event.root_url, "name": pseudonym},
    }


def statement(event: Event, *, statement_id: str, actor: dict) -> dict:
    context = {"platform": event.platform, "language": language_tag(event.language)}
    if event.registration:
        context["registration"] = event.registration
    activities = {}
    if event.parent:
        activities["parent"] = event.parent
    if event.grouping:
        activities["grouping"] = event.grouping
    if activities:
        context["contextActivities"] = activities
    data = {
        "id": statement_id,
        "actor": actor,
        "verb": event.verb.as_json(),
        "object": event.object,
        "context": context,
        "timestamp": event.timestamp.isoformat(),
    }
    if event.result is not None:
        data["result"] = event.result
    return data


def quiz_result(*, score_percent: int, passed: bool) -> dict:
    return {
        "score": {"scaled": score_percent / 100, "raw": score_percent, "min": 0, "max": 100},
        "success": passed,
        "completion": True,
    }


def poll_response(options) -> str:
    return "[,]".join(f"option-{option.pk}" for option in options)
