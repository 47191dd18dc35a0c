"""The deployment guide and the README name commands, files and server flags that exist."""

import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
GUIDES = ["README.md", "docs/deploy.md", "deploy/crontab"]
COMMAND = re.compile(
    r"(?:manage\.py|manage\.sh|`opentraining|bin/opentraining)\s+(?:\\\s+)?([a-z][a-z_]+)"
)
SERVER_FLAGS = re.compile(r"--[a-z-]+")


def named_commands(name: str) -> set[str]:
    return set(COMMAND.findall((ROOT / name).read_text()))


def unit_command() -> list[str]:
    unit = (ROOT / "deploy/opentraining-uvicorn@.service").read_text()
    match = re.search(r"^ExecStart=(.*?[^\\])$", unit, re.MULTILINE | re.DOTALL)
    return match.group(1).replace("\\\n", " ").split()


@pytest.mark.parametrize("guide", GUIDES)
def test_every_command_the_guides_name_exists(guide):
    """Each `manage.py X`, `deploy/manage.sh X` or `opentraining X` in the guides is a
    command of the platform."""
    named = named_commands(guide)
    assert named, guide
    assert sorted(named - set(get_commands())) == []


def test_the_first_start_is_in_both_guides():
    """The README and docs/deploy.md both tell how to start a real platform."""
    for guide in ("README.md", "docs/deploy.md"):
        assert "setup_platform" in named_commands(guide), guide


@pytest.mark.parametrize("guide", ["README.md", "docs/deploy.md", "deploy/nginx.conf"])
def test_deploy_files_the_guides_name_exist(guide):
    """Every deploy/ file a guide points at is in the repository."""
    named = set(re.findall(r"deploy/[\w@.-]*\w", (ROOT / guide).read_text()))
    assert sorted(name for name in named if not (ROOT / name).exists()) == []


def test_systemd_template_runs_uvicorn_with_the_readmes_flags():
    """The systemd template starts uvicorn from the virtualenv with every flag the README's
    command gives, and no Daphne remains in the deployment files."""
    words = unit_command()
    assert words[0] == "/srv/opentraining/venv/bin/uvicorn"
    assert words[1] == "config.asgi:application"
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"`(uvicorn config\.asgi:application --uds[^`]*)`", readme).group(1)
    assert set(SERVER_FLAGS.findall(command)) == set(SERVER_FLAGS.findall(" ".join(words)))
    for name in ("docs/deploy.md", "deploy/nginx.conf", "deploy/manage.sh", "deploy/crontab"):
        assert "opentraining-daphne" not in (ROOT / name).read_text(), name


def test_load_bench_starts_the_workers_as_the_template_does(tmp_path):
    """bench/load.py reads the template's ExecStart and starts the same uvicorn, on its own
    socket."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import load
    finally:
        sys.path.remove(str(ROOT / "bench"))
    layout = SimpleNamespace(nginx=True, socket_path=lambda worker: tmp_path / f"w{worker}.sock")

    command = load.worker_command(layout, 2)

    assert command[:4] == [sys.executable, "-m", "uvicorn", "config.asgi:application"]
    assert command[command.index("--uds") + 1] == str(tmp_path / "w2.sock")
    unit = unit_command()
    after_socket = command[command.index("--uds") + 2 :]
    assert after_socket == unit[unit.index("--uds") + 2 :]
