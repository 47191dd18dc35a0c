"""What `pip install .` puts in the wheel, read from pyproject.toml (the wheel itself is
built and run in test_wheel_install.py)."""

import tomllib
from pathlib import Path

from django.apps import apps
from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[2]


def packaged() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return set(find_packages(where=ROOT, **config["packages"]["find"]))


def test_every_app_of_the_checkout_is_packaged():
    """Each app in INSTALLED_APPS that lives in this repository is installed by the wheel,
    with its subpackages (migrations, management commands)."""
    ours = [
        app.name for app in apps.get_app_configs() if Path(app.path).parent == ROOT
    ]
    assert "privacy" in ours
    assert sorted(set(ours) - packaged()) == []
    assert {f"{name}.migrations" for name in ours if (ROOT / name / "migrations").is_dir()} <= (
        packaged()
    )
    assert "config.settings" in packaged()


def test_templates_static_files_and_fonts_are_package_data():
    """Templates, static files and fonts of every app are declared as package data."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert set(config["package-data"]["*"]) >= {"templates/**/*", "static/**/*", "fonts/*"}
