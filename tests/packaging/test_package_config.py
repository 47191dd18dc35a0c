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


def test_the_demo_and_its_factories_need_no_development_dependency():
    """`load_demo` runs from the installed wheel: factory-boy, which its builders and the
    apps' factories import, is a dependency of the package, not of the dev extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "factory-boy==3.3.3" in project["dependencies"]
    assert not any(name.startswith("factory") for name in project["optional-dependencies"]["dev"])
    factories = {path.parent.name for path in ROOT.glob("*/factories.py")}
    assert {"accounts", "cms", "courses", "enrollment", "surveys", "certificates"} <= factories
    assert factories <= packaged()
