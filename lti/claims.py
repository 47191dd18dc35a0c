"""The claims of an LTI 1.3 message the tool reads, and who the launch says the person is."""

from pylti1p3.roles import (
    DesignerRole,
    StaffRole,
    StudentRole,
    TeacherRole,
    TeachingAssistantRole,
)

CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom"
LOCALE = "locale"
LAUNCH_PRESENTATION = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
DEPLOYMENT_ID = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"

TEACHING_ROLES = (TeacherRole, TeachingAssistantRole, DesignerRole, StaffRole)


def is_teaching(claims: dict) -> bool:
    """The person teaches or designs the course in the LMS (may pick content for it)."""
    return any(role(claims).check() for role in TEACHING_ROLES)


def is_learner(claims: dict) -> bool:
    """The person follows the course: a learner, or anyone the LMS gives no teaching role."""
    return StudentRole(claims).check() or not is_teaching(claims)


def locale_of(claims: dict) -> str | None:
    """The language the LMS shows: the `locale` claim, or the launch presentation's."""
    return claims.get(LOCALE) or (claims.get(LAUNCH_PRESENTATION) or {}).get("locale")
