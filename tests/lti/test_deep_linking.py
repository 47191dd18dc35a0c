"""A teacher picks, from their LMS, the course or session a link opens: the platform lists
them in the LMS's language and sends the choice back as a signed deep linking response,
which the LMS accepts; the link it makes then launches that session."""

import re
from html import unescape

import pytest

from enrollment.models import Enrollment
from tests.lti.platform import INSTRUCTOR, LEARNER, launch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_teacher_picks_a_session_and_the_lms_links_to_it(user_agent, lms, course, live_server):
    """The choice page lists the course in French; the chosen self-paced run comes back to
    the LMS, and a learner following the new link is enrolled in it."""
    response = launch(user_agent, lms, roles=[INSTRUCTOR], deep_linking=True, locale="fr")
    assert response.status_code == 302
    choose_url = live_server.url + response.headers["Location"]
    assert response.headers["Location"].startswith("/fr/lti/deep-link/")
    page = user_agent.get(choose_url, timeout=30)
    assert page.status_code == 200
    assert "Alerte aux crues" in page.text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    answer = user_agent.post(
        choose_url,
        data={"csrfmiddlewaretoken": csrf, "choice": f"session-{course.run.pk}"},
        headers={"Referer": choose_url},
        timeout=30,
    )
    assert answer.status_code == 200
    action = unescape(re.search(r'<form method="post" action="([^"]+)"', answer.text).group(1))
    assert action == f"{lms.url}/deep-link-return"
    assert "form-action 'self' " + lms.url in answer.headers["Content-Security-Policy"]
    jwt_value = re.search(r'name="JWT" value="([^"]+)"', answer.text).group(1)
    returned = user_agent.post(action, data={"JWT": jwt_value}, timeout=30)
    assert returned.status_code == 200, returned.text
    (item,) = lms.deep_link_items
    assert item["type"] == "ltiResourceLink"
    assert item["url"] == f"{live_server.url}/lti/launch/"
    assert item["custom"] == {"session": str(course.run.pk)}

    user_agent.cookies.clear()
    launch(user_agent, lms, sub="learner-9", roles=[LEARNER], custom=item["custom"])
    assert Enrollment.objects.get().session == course.run


def test_a_learner_cannot_pick_what_the_lms_links_to(user_agent, lms, course):
    """A deep linking request from a learner is refused."""
    response = launch(user_agent, lms, roles=[LEARNER], deep_linking=True)
    assert response.status_code == 403
    assert "Only teachers" in response.text
