"""A partner's LMS for the tests: lti1p3platform (an LTI 1.3 platform implementation from
PyPI) served over real HTTP from a thread. It starts logins at the tool, answers the
tool's authentication requests with id_tokens signed by its own key, publishes that key,
hands out OAuth 2 client-credentials tokens, takes scores on its line items and reads
deep linking responses, validating each as that library does."""

import json
import threading
import uuid
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.score import UpdateScoreStatus
from lti1p3platform.service_connector import AssignmentsGradesService

LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"


def new_private_key() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@dataclass
class Launch:
    """What the next launch from the LMS says."""

    sub: str = "lms-user-1"
    roles: list[str] = field(default_factory=lambda: [LEARNER])
    name: str = "Amina Diallo"
    email: str = ""
    locale: str = "en"
    custom: dict = field(default_factory=dict)
    lineitem: str | None = None
    deep_linking: bool = False
    expires_in: int = 300


class WsgiRequest(Request):
    def build_metadata(self, environ):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        content_type = environ.get("CONTENT_TYPE", "")
        headers = {
            key[5:].replace("_", "-").title(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        form = {}
        payload = None
        if "json" in content_type and body:
            payload = json.loads(body)
        elif body:
            form = dict(parse_qsl(body.decode()))
        return {
            "method": environ["REQUEST_METHOD"],
            "form_data": form,
            "get_data": dict(parse_qsl(environ.get("QUERY_STRING", ""))),
            "headers": headers,
            "content_type": content_type,
            "path": environ.get("PATH_INFO", ""),
            "json": payload,
        }


class PlatformConf(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs):
        self._own_registration = kwargs["registration"]

    def get_registration_by_params(self, **kwargs):
        return self._own_registration


class Login(OIDCLoginAbstract):
    def set_lti_message_hint(self, **kwargs):
        self._lti_message_hint = kwargs["hint"]

    def get_redirect(self, url):
        return url


class MessageLaunch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data, **kwargs):
        return launch_data


class GradeBook(AssignmentsGradesService):
    """The LMS's gradebook: every line item exists; scores are kept in order."""

    def __init__(self, platform, request, conf):
        self.platform = platform
        super().__init__(request, conf, f"{platform.url}/lineitems")

    def update_score(self, line_item_id, score):
        self.platform.scores.append((line_item_id, score))
        return UpdateScoreStatus.SUCCESS

    def find_lineitems(self, *args, **kwargs):
        return {"content": [], "has_next": False, "next": None}

    def find_lineitem(self, line_item_id):
        return {"id": f"{self.platform.url}/lineitems/{line_item_id}"}

    def create_lineitem(self, creation_data):
        return creation_data

    def update_lineitem(self, update_data):
        return update_data

    def delete_lineitem(self, line_item_id):
        return None

    def get_results(self, *args, **kwargs):
        return {"content": [], "has_next": False, "next": None}


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Platform:
    """The LMS, listening on 127.0.0.1; `tool_url` is where the tool is served."""

    client_id = "training-platform-tool"
    deployment_id = "deployment-1"

    def __init__(self, tool_url: str):
        self.private_key, self.public_key = new_private_key()
        self.server = make_server(
            "127.0.0.1", 0, self.app, server_class=ThreadingWSGIServer, handler_class=QuietHandler
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.issuer = self.url
        self.tool_url = tool_url.rstrip("/")
        self.next = Launch()
        self.scores: list[tuple[str, dict]] = []
        self.deep_link_items: list[dict] = []
        self.refuse_scores = False
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=30)

    def registration(self) -> Registration:
        return (
            Registration()
            .set_iss(self.issuer)
            .set_client_id(self.client_id)
            .set_deployment_id(self.deployment_id)
            .set_oidc_login_url(f"{self.tool_url}/lti/login/")
            .set_launch_url(f"{self.tool_url}/lti/launch/")
            .set_deeplink_launch_url(f"{self.tool_url}/lti/launch/")
            .set_tool_key_set_url(f"{self.tool_url}/lti/jwks/")
            .set_platform_public_key(self.public_key)
            .set_platform_private_key(self.private_key)
        )

    def conf(self) -> PlatformConf:
        conf = PlatformConf(registration=self.registration())
        conf.get_registration()
        return conf

    def login_url(self) -> str:
        """Where a person's browser starts a launch: the tool's login initiation."""
        login = Login(None, self.conf())
        login.set_lti_message_hint(hint=uuid.uuid4().hex)
        if self.next.deep_linking:
            login.set_deeplinking_launch_url()
        return login.prepare_preflight_url(self.next.sub)

    def lineitem_url(self, name: str) -> str:
        return f"{self.url}/lineitems/{name}"

    # --- HTTP ------------------------------------------------------------------------------

    def app(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        request = WsgiRequest(environ)
        try:
            if path == "/jwks":
                return _json(start_response, 200, self.conf().get_jwks())
            if path == "/authorize":
                return self.authorize(request, start_response)
            if path == "/token":
                return _json(start_response, 200, self.conf().get_access_token(request.form_data))
            if path.startswith("/lineitems/") and path.endswith("/scores"):
                return self.score(request, path.split("/")[2], start_response)
            if path == "/deep-link-return":
                items = self.conf().validate_deeplinking_resp(request.form_data)
                self.deep_link_items.extend(items)
                return _html(start_response, 200, "<p>Content added</p>")
        except Exception as error:
            return _json(start_response, 400, {"error": f"{type(error).__name__}: {error}"})
        return _json(start_response, 404, {"error": "not found"})

    def authorize(self, request, start_response):
        """The OIDC authentication request from the tool: a signed id_token, in the
        self-submitting form the LMS would show (returned here as JSON for the test)."""
        spec = self.next
        message = MessageLaunch(request, self.conf())
        message.set_user_data(spec.sub, spec.roles, full_name=spec.name, email_address=spec.email)
        message.set_resource_link_claim("resource-link-1", title="Course in the LMS")
        message.set_launch_context_claim("lms-course-1", context_title="Partner course")
        message.set_id_token_expiration(spec.expires_in)
        extra = {"locale": spec.locale}
        if spec.custom:
            message.set_custom_parameters_claim(spec.custom)
        if spec.lineitem:
            message.set_ags(f"{self.url}/lineitems", spec.lineitem, allow_creating_lineitems=False)
        if spec.deep_linking:
            message.set_dl(f"{self.url}/deep-link-return", title="Pick content")
        message.set_extra_claims(extra)
        form = message.lti_launch()
        return _json(start_response, 200, form)

    def score(self, request, line_item_id, start_response):
        if self.refuse_scores:
            return _json(start_response, 503, {"error": "gradebook unavailable"})
        book = GradeBook(self, request, self.conf())
        response = book.handle_resp(book.handle_update_score, line_item_id=line_item_id)
        return _json(start_response, response.code, {"message": response.message})


def _json(start_response, status, data):
    body = json.dumps(data).encode()
    start_response(f"{status} X", [("Content-Type", "application/json")])
    return [body]


def _html(start_response, status, text):
    start_response(f"{status} X", [("Content-Type", "text/html")])
    return [text.encode()]


# --- what the person's browser does ----------------------------------------------------


def start_launch(user_agent, lms, **spec) -> dict:
    """The person opens the link in the LMS: the LMS starts the login at the tool, the tool
    sends the browser to the LMS's authorization endpoint, which answers with the form of
    the signed launch. Returns that form."""
    lms.next = Launch(**spec)
    response = user_agent.get(lms.login_url(), timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def post_launch(user_agent, form: dict, **changes) -> requests.Response:
    data = {"id_token": form["id_token"], "state": form["state"], **changes}
    return user_agent.post(form["launch_url"], data=data, allow_redirects=False, timeout=30)


def launch(user_agent, lms, **spec) -> requests.Response:
    return post_launch(user_agent, start_launch(user_agent, lms, **spec))
