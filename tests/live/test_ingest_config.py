"""`make run` starts the broadcast's ingest where nginx and its RTMP module are, with a
configuration nginx accepts; elsewhere it says what is missing and what that costs."""

import subprocess
from pathlib import Path

import pytest

from background.processes import Missing, ServeProcess, serve_processes
from live import ingest


def test_without_nginx_make_run_says_what_is_missing_and_what_it_costs(monkeypatch):
    monkeypatch.setattr(ingest, "missing", lambda: ["the nginx RTMP module (libnginx-mod-rtmp)"])
    [process] = serve_processes(host="127.0.0.1", port=8000)
    assert isinstance(process, Missing)
    assert "libnginx-mod-rtmp" in process.message
    assert "video links" in process.message


@pytest.mark.skipif(bool(ingest.missing()), reason="needs nginx, libnginx-mod-rtmp and ffmpeg")
def test_make_run_starts_nginx_with_a_configuration_it_accepts(monkeypatch, settings, tmp_path):
    settings.LIVE_HLS_ROOT = tmp_path / "hls"
    settings.LIVE_RECORDINGS_ROOT = tmp_path / "recordings"
    monkeypatch.setenv("RTMP_PORT", "19999")
    [process] = serve_processes(host="0.0.0.0", port=8123)  # noqa: S104
    assert isinstance(process, ServeProcess)
    assert "rtmp://127.0.0.1:19999/live" in process.note
    config = process.command[process.command.index("-c") + 1]
    text = Path(config).read_text()
    assert f"http://127.0.0.1:8123/live-ingest/{ingest.callback_token()}/publish" in text
    assert "listen 127.0.0.1:19999;" in text
    checked = subprocess.run(  # noqa: S603 - nginx with our own configuration
        [*process.command, "-t"], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
