"""Launches that must not sign anyone in: a bad signature, a replayed launch, an unknown
deployment or issuer, an expired token. Each gets a page saying why, in the person's
language, with 400 or 403, never a server error."""

import jwt
import pytest

from lti.models import LtiIdentity
from tests.lti.platform import new_private_key, post_launch, start_launch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def custom(course):
    return {"course": str(course.page.translation_key)}


def assert_refused(response, status, text):
    assert response.status_code == status, response.text
    assert "The link from your LMS did not open" in response.text
    assert text in response.text
    assert not LtiIdentity.objects.exists()


def test_a_token_signed_by_another_key_is_refused(user_agent, lms, course):
    """An id_token re-signed by a key the LMS does not publish is refused."""
    form = start_launch(user_agent, lms, custom=custom(course))
    header = jwt.get_unverified_header(form["id_token"])
    claims = jwt.decode(form["id_token"], options={"verify_signature": False})
    claims["sub"] = "someone-else"
    forged = jwt.encode(claims, new_private_key()[0], algorithm="RS256", headers=header)
    response = post_launch(user_agent, form, id_token=forged)
    assert_refused(response, 403, "signature could not be verified")


def test_a_launch_replayed_is_refused(user_agent, lms, course):
    """The same signed launch posted twice signs in once."""
    form = start_launch(user_agent, lms, custom=custom(course))
    assert post_launch(user_agent, form).status_code == 302
    replayed = post_launch(user_agent, form)
    assert replayed.status_code == 403
    assert "This launch was already used" in replayed.text


def test_an_unknown_deployment_is_refused(user_agent, lms, course):
    """A deployment the administrator did not list is refused."""
    lms.deployment_id = "unlisted-deployment"
    form = start_launch(user_agent, lms, custom=custom(course))
    assert_refused(post_launch(user_agent, form), 403, "deployment of the tool is not registered")


def test_an_unknown_issuer_is_refused_at_login_and_at_launch(user_agent, lms, course):
    """An LMS that is not registered (or no longer active) is refused, in French for a
    French reader."""
    form = start_launch(user_agent, lms, custom=custom(course))
    lms.record.active = False
    lms.record.save()
    assert_refused(post_launch(user_agent, form), 403, "This LMS is not registered")
    response = user_agent.get(lms.login_url(), headers={"Accept-Language": "fr"}, timeout=30)
    assert response.status_code == 403
    assert '<html lang="fr"' in response.text


def test_an_expired_token_is_refused(user_agent, lms, course):
    """An id_token past its expiry is refused."""
    form = start_launch(user_agent, lms, custom=custom(course), expires_in=-60)
    assert_refused(post_launch(user_agent, form), 403, "The launch has expired")


def test_a_launch_without_state_or_token_is_refused(user_agent, lms, live_server):
    """A post that is not a launch at all gets a 400 or 403 page, not an error."""
    response = user_agent.post(
        f"{live_server.url}/lti/launch/", data={"id_token": "x.y"}, timeout=30
    )
    assert response.status_code in (400, 403)
    assert "The link from your LMS did not open" in response.text
    response = user_agent.post(f"{live_server.url}/lti/launch/", data={}, timeout=30)
    assert response.status_code in (400, 403)
