"""The wheel, installed into a fresh virtualenv and run from outside the checkout, as
docs/deploy.md installs it: `check --deploy`, `migrate`, `setup_platform`, `collectstatic`
and a page served by uvicorn with its template, stylesheet and translations.

Slow (a virtualenv with every pinned dependency): marked `wheel`, left out of the default
run, and run by .ci/run as a step of its own (`pytest -m wheel tests/packaging`).
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "config", "accounts", "cms", "courses", "enrollment", "live", "surveys", "certificates",
    "reporting", "privacy",
]  # fmt: skip
LANGUAGES = ["ar", "es", "fr", "ru", "zh_Hans"]


def run(command: list, **options) -> subprocess.CompletedProcess:
    completed = subprocess.run(  # noqa: S603 - our own build and commands
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        **options,
    )
    assert completed.returncode == 0, (command, completed.stdout[-2000:], completed.stderr[-3000:])
    return completed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built from a copy of the files git knows (tracked or new, never ignored ones such as
    compiled .mo files or an old build/), as from a fresh clone."""
    source = tmp_path_factory.mktemp("source")
    listed = run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT
    ).stdout.split("\0")
    for name in filter(None, listed):
        origin = ROOT / name
        if origin.is_file() and not name.startswith(("tests/", "node_modules")):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes(origin.read_bytes())
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source])
    return next(dist.glob("opentraining-*.whl"))


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel and its pinned dependencies, nothing else."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", venv])
    run([venv / "bin/python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel])
    return venv


@pytest.fixture(scope="module")
def production(venv, tmp_path_factory):
    """Runs `opentraining` from a directory outside the checkout with production settings."""
    home = tmp_path_factory.mktemp("srv")
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTHON", "DATABASE_URL", "REDIS_URL"))
    }
    environment.update(
        DJANGO_ENV="production",
        SECRET_KEY="wheel-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="training.example.org",
        CSRF_TRUSTED_ORIGINS="https://training.example.org",
        DATABASE_URL=f"sqlite:///{home / 'db.sqlite3'}",
        STATIC_ROOT=str(home / "static"),
        MEDIA_ROOT=str(home / "media"),
        CERTIFICATE_SIGNING_KEY="ql0y_XduYC8ALRSom2P5j7wKF0AgMbS4_m0CBjU0ycA",
    )

    def opentraining(*arguments):
        return run([venv / "bin/opentraining", *arguments], cwd=home, env=environment).stdout

    opentraining.home = home
    opentraining.environment = environment
    return opentraining


def test_wheel_holds_every_app_template_static_file_font_and_translation(wheel):
    """Every file of every app (not only Python) and the compiled catalogues are in the
    wheel, with the `opentraining` command."""
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = run(["git", "ls-files", *APPS], cwd=ROOT).stdout.split()
    assert [name for name in tracked if name not in names] == []
    assert {f"config/locale/{code}/LC_MESSAGES/django.mo" for code in LANGUAGES} <= names
    assert "certificates/fonts/NotoNaskhArabic-Regular.ttf" in names
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "opentraining = config.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_platform_checks_migrates_and_serves_a_translated_page(production, venv):
    """From outside the checkout: check --deploy reports nothing, the database migrates,
    setup_platform builds the site, and uvicorn serves the Arabic home page with its
    stylesheet and the interface in Arabic."""
    imported = production("shell", "-c", "import cms; print(cms.__file__)")
    assert imported.splitlines()[-1].startswith(str(venv))
    # load_demo's builders and the factories they use come with the package.
    demo = "import certificates.demo, reporting.demo; print(certificates.factories.__file__)"
    assert production("shell", "-c", demo).splitlines()[-1].startswith(str(venv))

    checked = production("check", "--deploy", "--fail-level", "WARNING")
    assert "no issues" in checked
    production("migrate", "--no-input", "-v", "0")
    production(
        "setup_platform", "--name", "Knowledge Centre", "--host", "training.example.org",
        "--languages", "en,ar",
    )  # fmt: skip
    production("collectstatic", "--no-input", "-v", "0")

    with serving(venv, production) as port:
        page = get(port, "/ar/")
        stylesheet = re.search(r'href="(/static/cms/site\.[0-9a-f]+\.css)"', page).group(1)
        css = get(port, stylesheet)

    assert '<html lang="ar" dir="rtl"' in page
    assert "Knowledge Centre" in page
    assert "انتقل إلى المحتوى" in page
    assert 'href="/ar/catalog/"' in page
    assert css.startswith("/*") and ":root" in css


def get(port: int, path: str) -> str:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": "training.example.org", "X-Forwarded-Proto": "https"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        assert response.status == 200, path
        return response.read().decode()


class serving:
    """uvicorn from the virtualenv, as the systemd template starts it, on a free port."""

    def __init__(self, venv: Path, production):
        self.venv, self.production = venv, production

    def __enter__(self) -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.venv / "bin/uvicorn", "config.asgi:application", "--host", "127.0.0.1",
                "--port", str(self.port), "--ws", "websockets-sansio", "--lifespan", "off",
                "--proxy-headers", "--forwarded-allow-ips", "*", "--no-access-log",
            ],
            cwd=self.production.home,
            env=self.production.environment,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "uvicorn stopped"
            try:
                socket.create_connection(("127.0.0.1", self.port), 1).close()
                return self.port
            except OSError:
                time.sleep(0.2)
        raise AssertionError("uvicorn did not answer in 120 s")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
