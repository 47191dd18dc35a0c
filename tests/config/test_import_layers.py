"""The journey's layers hold: lint-imports keeps the contract of pyproject.toml, catches a
stage importing a later one, and every app has its place; migrations and templates of an
earlier stage never name a later one."""

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
ROOT_PACKAGES = CONFIG["root_packages"]


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(  # noqa: S603 - the venv's own lint-imports
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def layers() -> list[list[str]]:
    """The stages, from the latest down, each a list of independent packages."""
    contract = next(c for c in CONFIG["contracts"] if c["type"] == "layers")
    return [[name.strip() for name in layer.split("|")] for layer in contract["layers"]]


def test_the_tree_keeps_the_import_contracts():
    """lint-imports passes on the project as it is."""
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_earlier_stage_importing_a_later_one_fails_the_contract(tmp_path):
    """A copy of the project where enrollment imports reporting fails, naming the import."""
    for package in ROOT_PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=lambda folder, names: [
                name
                for name in names
                if not name.endswith(".py") and not (Path(folder) / name).is_dir()
            ],
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    services = tmp_path / "enrollment" / "services.py"
    services.write_text(services.read_text() + "\nimport reporting.selectors  # noqa\n")

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert "enrollment is not allowed to import reporting" in result.stdout
    assert "enrollment.services -> reporting.selectors" in result.stdout


def test_every_app_has_its_place_in_the_layers():
    """A new app must be placed: the linted packages are the installed ones, each in one layer."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    installed = {pattern.rstrip("*") for pattern in setuptools["packages"]["find"]["include"]}
    assert set(ROOT_PACKAGES) == installed
    placed = [name for layer in layers() for name in layer]
    assert sorted(placed) == sorted(ROOT_PACKAGES)


def test_no_migration_imports_project_code():
    """Migrations carry frozen data: they import Django and field libraries, never an app,
    not even their own (which the forbidden contract cannot see)."""
    offenders = []
    for package in ROOT_PACKAGES:
        for path in sorted((ROOT / package).glob("migrations/*.py")):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module]
                else:
                    continue
                offenders += [
                    f"{path.relative_to(ROOT)}: {name}"
                    for name in names
                    if name.split(".")[0] in ROOT_PACKAGES
                ]
    assert offenders == []


# The site's header (cms) and the course page's enroll button (courses) still link to
# enrollment's pages by name.
STILL_NAMED = {"cms": {"enrollment"}, "courses": {"enrollment"}}


def test_templates_of_an_earlier_stage_name_no_later_stage():
    """Enrollment's templates name no URL or template of the live room, surveys or
    certificates; no stage's templates name a later stage's (they register instead)."""
    stages = list(reversed(layers()))  # from the earliest up
    offenders = []
    for position, layer in enumerate(stages):
        later = {name for above in stages[position + 1 :] for name in above}
        later = sorted(later - set().union(*(STILL_NAMED.get(name, set()) for name in layer)))
        if not later:
            continue
        names = "|".join(later)
        pattern = re.compile(rf"""['"]({names})[:/]""")
        for package in layer:
            for path in sorted((ROOT / package).glob("templates/**/*.*")):
                found = pattern.search(path.read_text(errors="replace"))
                if found:
                    offenders.append(f"{path.relative_to(ROOT)}: {found.group(0)}")
    assert offenders == []


def test_enrollment_templates_name_neither_live_nor_surveys_nor_certificates():
    """The plain grep: no 'live:', 'surveys:' or 'certificates:' in enrollment's templates."""
    texts = [p.read_text() for p in (ROOT / "enrollment").glob("templates/**/*.*")]
    assert texts
    for name in ("live:", "surveys:", "certificates:"):
        assert not any(name in text for text in texts), name
