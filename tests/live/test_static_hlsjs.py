"""The player's hls.js is the build of the version package.json pins, vendored with its
licence so that serving the platform needs no npm."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "live/static/live/vendor"


def test_the_vendored_hlsjs_is_the_pinned_release_with_its_licence():
    version = json.loads((ROOT / "package.json").read_text())["devDependencies"]["hls.js"]
    built = (VENDOR / "hls.light.min.js").read_text()
    assert f'"{version}"' in built
    # No source map comment: the manifest storage of collectstatic would look for the map.
    assert "sourceMappingURL" not in built
    assert "Apache License" in (VENDOR / "hls.js-LICENSE.txt").read_text()
    installed = ROOT / "node_modules/hls.js/dist/hls.light.min.js"
    if installed.is_file():
        lines = installed.read_text().splitlines()
        assert built.splitlines() == [line for line in lines if "sourceMappingURL" not in line]
