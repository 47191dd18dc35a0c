"""Builds the wheel's translations: pyproject.toml holds the metadata, this only compiles.

The .mo files are not in git, so a wheel built from a clean checkout would lack every
translation: each locale/<lang>/LC_MESSAGES/django.po is compiled with GNU gettext's
msgfmt into the wheel's config/locale/ (config/settings/base.py reads them from there).
"""

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithTranslations(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return  # an editable install reads locale/ in the checkout
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            raise SystemExit("Building needs GNU gettext's msgfmt (apt-get install gettext).")
        catalogues = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
        if not catalogues:
            raise SystemExit("No translation catalogue under locale/.")
        for po in catalogues:
            relative = po.relative_to(ROOT / "locale").with_suffix(".mo")
            mo = Path(self.build_lib) / "config" / "locale" / relative
            mo.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(  # noqa: S603 - a fixed program on our own files
                [msgfmt, "--check-format", "-o", str(mo), str(po)], check=True
            )


setup(cmdclass={"build_py": BuildWithTranslations})
