"""Template tags for what the learner sees outside the enrollment pages: their enrollment in
a session shown on a course page."""

from django import template

from enrollment.learning import learner_enrollments_by_session

register = template.Library()


@register.simple_tag(takes_context=True)
def learner_enrollment(context, session):
    """The reader's enrollment holding or awaiting a seat in `session`, or None. Read once
    per request for all the sessions of the page; anonymous readers cost no query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(request, "_learner_enrollments"):
        request._learner_enrollments = learner_enrollments_by_session(user)
    return request._learner_enrollments.get(session.pk)
