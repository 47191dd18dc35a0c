"""Browser tests: Debian's Chromium driven through Playwright against pytest-django's live
server. One browser per session, a fresh context and page per test; a failing test leaves a
screenshot and the page's HTML in test-artifacts/; any request to another origin fails it."""

import re
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.chromium import CHROMIUM_KEY, Chromium

TIMEOUT_MS = 5_000


def pytest_collection_modifyitems(config, items):
    """Every test in this folder carries the `browser` marker (`-m "not browser"` skips them)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, for the page fixture to read at teardown."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test if its page tried to reach any origin other than the live server."""
    try:
        result = yield
    except BaseException:
        if item.funcargs.get("foreign_requests"):
            item.add_report_section("call", "foreign requests", _foreign(item))
        raise
    if item.funcargs.get("foreign_requests"):
        pytest.fail(_foreign(item), pytrace=False)
    return result


def _foreign(item) -> str:
    urls = "\n".join(item.funcargs["foreign_requests"])
    return f"the page requested another origin than the live server:\n{urls}"


def wait_for(page, expression: str, *, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until a JavaScript expression is true in the page. Playwright's
    wait_for_function polls with eval(), which the Content Security Policy forbids (no
    'unsafe-eval'); page.evaluate goes through the DevTools protocol, which it does not."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(50)


@pytest.fixture(scope="session")
def chromium(pytestconfig):
    """The session's Chromium; skipped where it is missing, except on CI, where it fails."""
    chromium = pytestconfig.stash[CHROMIUM_KEY] = Chromium()
    yield chromium
    chromium.stop()


@pytest.fixture
def browser(chromium):
    """The session's Chromium, launched by the first test that needs it."""
    return chromium.browser()


@pytest.fixture
def foreign_requests():
    """URLs the page tried to fetch from any origin other than the live server."""
    return []


@pytest.fixture
def page(request, browser, live_server, foreign_requests):
    """A fresh page in a fresh context, in English, that can reach only the live server."""
    context = _context(browser, live_server.url, foreign_requests)
    page = context.new_page()
    yield page

    call = getattr(request.node, "report_call", None)
    if call is not None and call.failed:
        _save_artifacts(page, request.node)
    context.close()


@pytest.fixture
def asgi_server(transactional_db):
    """The whole ASGI application (HTTP and websockets) served by uvicorn in a thread of
    this process, so it shares the test database; pytest-django's live server speaks only
    HTTP. `.url` is its address."""
    import uvicorn

    from config.asgi import application

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        application, ws="websockets-sansio", lifespan="off", log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the ASGI test server did not start")
        time.sleep(0.02)
    host, port = listener.getsockname()
    server.url = f"http://{host}:{port}"
    yield server
    server.should_exit = True
    thread.join(10)
    listener.close()


@pytest.fixture
def asgi_contexts(request, browser, asgi_server, foreign_requests):
    """`new()` opens a fresh browser context (a separate person) on the ASGI server, which
    can reach nothing else; a failing test leaves each page's screenshot."""
    yield from _contexts_on(request, browser, asgi_server.url, foreign_requests)


@pytest.fixture
def contexts(request, browser, live_server, foreign_requests):
    """`new(locale, **options)`: the same on pytest-django's live server."""
    yield from _contexts_on(request, browser, live_server.url, foreign_requests)


def _contexts_on(request, browser, base_url, foreign_requests):
    opened = []

    def new(locale="en-US", **options):
        context = _context(browser, base_url, foreign_requests, locale=locale, **options)
        opened.append(context)
        return context

    yield new
    call = getattr(request.node, "report_call", None)
    for number, context in enumerate(opened):
        if call is not None and call.failed:
            for page in context.pages:
                _save_artifacts(page, request.node, suffix=f"-{number}")
        context.close()


def _context(browser, base_url, foreign_requests, locale="en-US", **options):
    origin = _origin(base_url)
    context = browser.new_context(locale=locale, base_url=base_url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)

    def only_this_server(route):
        url = route.request.url
        if _origin(url) == origin:
            route.continue_()
        else:
            foreign_requests.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", only_this_server)
    return context


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def _save_artifacts(page, item, suffix="") -> None:
    directory = Path(item.config.rootpath) / "test-artifacts"
    directory.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", item.name) + suffix
    try:
        page.screenshot(path=str(directory / f"{name}.png"), full_page=True)
        (directory / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:
        item.add_report_section("teardown", "artifacts", f"could not save artifacts: {error}")
