"""The broadcast on the pages: the player beside the questions while the trainer streams,
the external link otherwise; the stream key on the trainers' console; the ingest's
callbacks and the HLS files the platform serves when no nginx does."""

import re

import pytest
from django.urls import reverse

from live import broadcasts, ingest, services
from live.models import Broadcast
from tests.live.factories import access_of, live_room_setup, room_events

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://video.example.org/stream"


def room_page(client, setup, user=None):
    client.force_login(user or setup.learner)
    return client.get(reverse("live:room", args=[setup.room.pk])).content.decode()


def element(html: str, marker: str) -> str:
    """The opening tag holding `marker`."""
    match = re.search(r"<[^<>]*" + re.escape(marker) + r"[^<>]*>", html)
    assert match, marker
    return match.group(0)


def shown(html: str, marker: str) -> bool:
    return not re.search(r"\shidden(\s|>|=)", element(html, marker))


def link_shown(html: str) -> bool:
    """The external video link's list item is shown."""
    match = re.search(r'<li([^<>]*)><a[^<>]*data-link="video_url"', html)
    assert match
    return " hidden" not in match.group(1)


def key_for(setup) -> Broadcast:
    return broadcasts.stream_key_create(
        room=setup.room, access=access_of(setup.trainer, setup.room)
    )


def callback(client, call: str, token: str | None = None, **data):
    token = token or ingest.callback_token()
    return client.post(reverse("live_broadcast:ingest", args=[token, call]), data)


# --- The room ---------------------------------------------------------------------------


def test_a_room_without_broadcast_keeps_its_external_link(client):
    """No stream key, or a key never used: the learner sees the video link, no player."""
    setup = live_room_setup(video_url=VIDEO_URL)
    html = room_page(client, setup)
    assert link_shown(html)
    assert not shown(html, "data-broadcast ")
    key_for(setup)
    html = room_page(client, setup)
    assert link_shown(html)
    assert not shown(html, "data-broadcast ")


def test_the_player_replaces_the_link_while_the_trainer_streams(client):
    """On air: the player with its three choices, sound only first for a media player; the
    external link steps aside."""
    setup = live_room_setup(video_url=VIDEO_URL)
    broadcast = key_for(setup)
    assert broadcasts.ingest_publish(stream_key=broadcast.stream_key)
    html = room_page(client, setup)
    assert shown(html, "data-broadcast ")
    assert not link_shown(html)
    assert not shown(html, 'class="broadcast-paused"')
    publication = ingest.publication_name(setup.room.pk, broadcast.playback_id)
    assert f'href="/live-hls/{publication}/audio/index.m3u8"' in html
    for choice in ("audio", "240p", "360p"):
        assert f'value="{choice}"' in html
    # Nothing loads before Play: no source on the video, hls.js named but not loaded.
    assert 'preload="none"' in html
    assert " src=" not in element(html, "data-broadcast-video")
    assert "hls.light.min.js" not in "".join(re.findall(r"<script[^>]*>", html))
    # The stream key is the trainers' secret, never on the participants' page.
    assert broadcast.stream_key not in html


def test_a_broadcast_that_drops_says_it_will_resume(client):
    """The encoder stopped while the room is open: the player stays with a notice; once
    the room closes, the link is back."""
    setup = live_room_setup(video_url=VIDEO_URL)
    broadcast = key_for(setup)
    broadcasts.ingest_publish(stream_key=broadcast.stream_key)
    broadcasts.ingest_publish_done(stream_key=broadcast.stream_key)
    html = room_page(client, setup)
    assert shown(html, "data-broadcast ")
    assert shown(html, 'class="broadcast-paused"')
    assert "The broadcast will resume" in html
    assert [e["kind"] for e in room_events(setup.room)] == [
        "broadcast.started",
        "broadcast.stopped",
    ]
    assert room_events(setup.room)[-1]["data"]["state"] == "paused"
    services.room_close(
        room=setup.room, by=setup.trainer, access=access_of(setup.trainer, setup.room)
    )
    html = room_page(client, setup)
    assert "The live room is closed" in html
    assert not shown(html, "data-broadcast ")


# --- The console ------------------------------------------------------------------------


def test_the_trainer_creates_replaces_and_revokes_the_stream_key(client):
    """The console shows the RTMP address and the key; a new key stops the old one."""
    setup = live_room_setup()
    client.force_login(setup.trainer)
    console = reverse("live:console", args=[setup.room.pk])
    url = reverse("live:stream_key", args=[setup.room.pk])
    assert "Create a stream key" in client.get(console).content.decode()

    assert client.post(url, {"do": "regenerate"}).status_code == 302
    first = Broadcast.objects.get(pk=setup.room.pk)
    html = client.get(console).content.decode()
    assert first.stream_key in html
    assert "rtmp://127.0.0.1:1935/live" in html

    client.post(url, {"do": "regenerate"})
    second = Broadcast.objects.get(pk=setup.room.pk)
    assert second.stream_key != first.stream_key
    assert second.playback_id != first.playback_id
    assert broadcasts.ingest_publish(stream_key=first.stream_key) is None

    client.post(url, {"do": "revoke"})
    assert not Broadcast.objects.filter(pk=setup.room.pk).exists()
    assert broadcasts.ingest_publish(stream_key=second.stream_key) is None


def test_learners_cannot_see_or_change_the_stream_key(client):
    setup = live_room_setup()
    key_for(setup)
    client.force_login(setup.learner)
    response = client.post(reverse("live:stream_key", args=[setup.room.pk]), {"do": "revoke"})
    assert response.status_code == 404
    assert Broadcast.objects.filter(pk=setup.room.pk).exists()


# --- The ingest's callbacks -------------------------------------------------------------


def test_the_ingest_renames_a_good_key_and_refuses_others(client):
    """The right key is redirected to its publication name; a wrong one gets 403, which
    makes nginx drop the stream; so does a wrong token in the address."""
    setup = live_room_setup()
    broadcast = key_for(setup)
    response = callback(client, "publish", name=broadcast.stream_key)
    assert response.status_code == 302
    assert response["Location"] == ingest.publication_name(setup.room.pk, broadcast.playback_id)
    assert callback(client, "publish", name="guess").status_code == 403
    assert callback(client, "publish", token="0" * 32, name=broadcast.stream_key).status_code == 403
    assert callback(client, "update", name=broadcast.stream_key).status_code == 200
    assert callback(client, "update", name=response["Location"]).status_code == 200
    assert callback(client, "update", name="guess").status_code == 403
    assert callback(client, "publish_done", name=broadcast.stream_key).status_code == 200
    assert not Broadcast.objects.get(pk=setup.room.pk).on_air


def test_hls_files_are_served_with_their_types(client, settings, tmp_path):
    settings.LIVE_HLS_ROOT = tmp_path
    folder = tmp_path / "5-abc" / "audio"
    folder.mkdir(parents=True)
    (folder / "index.m3u8").write_text("#EXTM3U\n")
    (folder / "17.ts").write_bytes(b"\x47" * 188)
    playlist = client.get("/live-hls/5-abc/audio/index.m3u8")
    assert playlist["Content-Type"] == "application/vnd.apple.mpegurl"
    assert playlist["Cache-Control"] == "no-cache"
    assert client.get("/live-hls/5-abc/audio/17.ts")["Content-Type"] == "video/mp2t"
    assert client.get("/live-hls/5-abc/audio/../../x.ts").status_code == 404
    assert client.get("/live-hls/5-abc/audio/missing.ts").status_code == 404
    assert client.get("/live-hls/5-abc/audio/18.ts").status_code == 404
