"""The live broadcast in a real browser on a phone that saves data: nothing of the
broadcast loads before Play, sound only is chosen, hls.js plays it beside the questions;
when the trainer's stream stops, the room says the broadcast will resume. axe-core finds
nothing to fix on the room's player or the console's stream key."""

import re
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from live import broadcasts, ingest
from live.models import Broadcast
from tests.browser.conftest import wait_for
from tests.browser.test_browser_a11y import axe_source, axe_violations  # noqa: F401 (fixture)
from tests.browser.test_browser_live import open_logged_in, wait_live
from tests.learning.videos import needs_ffmpeg
from tests.live.factories import access_of, live_room_setup

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), needs_ffmpeg]
PHONE = {"width": 360, "height": 740}
BROADCAST_FILE = re.compile(r"/live-hls/|hls\.light\.min\.js")
SAVE_DATA = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}})"


def sound_only_rendition(folder):
    """What the ingest's ladder writes for sound only: AAC in 2-second MPEG-TS segments."""
    folder.mkdir(parents=True)
    subprocess.run(  # noqa: S603 - ffmpeg with our arguments
        [
            *("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=duration=20"),
            *("-c:a", "aac", "-b:a", "32k", "-ac", "1", "-f", "hls", "-hls_time", "2"),
            *("-hls_list_size", "0", "-hls_segment_filename", str(folder / "%d.ts")),
            str(folder / "index.m3u8"),
        ],
        check=True,
    )


def test_a_phone_saving_data_plays_the_broadcast_sound_only(
    asgi_contexts,
    home,
    settings,
    tmp_path,
    axe_source,  # noqa: F811
):
    settings.LIVE_HLS_ROOT = tmp_path
    setup = live_room_setup()
    broadcast = broadcasts.stream_key_create(
        room=setup.room, access=access_of(setup.trainer, setup.room)
    )
    # On air as the ingest leaves it (its event would need the server's event loop).
    Broadcast.objects.filter(pk=setup.room.pk).update(on_air=True, started_at=timezone.now())
    publication = ingest.publication_name(setup.room.pk, broadcast.playback_id)
    sound_only_rendition(tmp_path / publication / "audio")

    # axe-core is added as an inline script, which the pages' policy would refuse.
    context = asgi_contexts(viewport=PHONE, bypass_csp=True)
    context.add_init_script(SAVE_DATA)
    requested = []
    context.on(
        "request", lambda r: requested.append(r.url) if BROADCAST_FILE.search(r.url) else None
    )
    room = f"/en/live/{setup.room.pk}/"
    learner = open_logged_in(context, room, setup.learner)
    learner.reload()  # past the "signed in" message of the log-in
    wait_live(learner)
    section = learner.locator("[data-broadcast]")
    expect(section).to_be_visible()
    expect(section.get_by_label(re.compile("Sound only"))).to_be_checked()
    assert requested == []
    assert axe_violations(learner, "room with its broadcast", {}) == []

    section.get_by_role("button", name="Play").click()
    wait_for(learner, "document.querySelector('[data-broadcast-video]').currentTime > 1")
    playlists = [url for url in requested if url.endswith(".m3u8")]
    assert playlists and all("/audio/" in url for url in playlists)
    assert any(url.endswith("hls.light.min.js") for url in requested)
    expect(section.locator(".broadcast-paused")).to_be_hidden()

    # The trainer replaces the key while on air: the stream stops, the room says so.
    console = open_logged_in(asgi_contexts(bypass_csp=True), f"{room}console/", setup.trainer)
    console.reload()
    assert axe_violations(console, "console with its stream key", {}) == []
    console.get_by_role("button", name="New stream key").click()
    expect(section.locator(".broadcast-paused")).to_be_visible()
    expect(section.locator(".broadcast-paused")).to_contain_text("The broadcast will resume")
    # The player retries the new address until the stream is back: its 404s are expected.
    errors = [e for e in learner.script_errors if not e.startswith("Failed to load resource")]
    assert errors == [], errors
