"""Broadcast ffmpeg's test picture and a tone to a live room through the ingest, as a
trainer's OBS would: `manage.py demo_broadcast` (the demo's room under way), or
`--session <id>`. Ctrl-C stops it; the room then says the broadcast will resume."""

import shutil
import subprocess

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from live import broadcasts
from live.models import Broadcast, Room, RoomState
from live.services import Access


class Command(BaseCommand):
    help = "Push a test picture and tone to a live room's broadcast (needs `make run`'s ingest)."

    def add_arguments(self, parser):
        parser.add_argument("--session", type=int, help="The session (room) to broadcast to.")
        parser.add_argument("--seconds", type=int, default=0, help="Stop after this long.")
        parser.add_argument("--ingest", default=settings.LIVE_INGEST_URL)

    def handle(self, *args, session=None, seconds=0, ingest, **options):
        if shutil.which("ffmpeg") is None:
            raise CommandError("ffmpeg is not installed (Debian: apt install ffmpeg).")
        rooms = Room.objects.select_related("session")
        room = (
            rooms.filter(pk=session).first()
            if session
            else rooms.filter(state=RoomState.LIVE).order_by("pk").first()
        )
        if room is None:
            raise CommandError("No such room: run `manage.py load_demo`, or give --session.")
        broadcast = Broadcast.objects.filter(room=room).first()
        if broadcast is None:
            # The command acts as the room's trainer would on the console.
            broadcast = broadcasts.stream_key_create(room=room, access=Access(True, moderator=True))
        self.stdout.write(
            f"Broadcasting to the room of {room.session} (/live/{room.pk}/); Ctrl-C stops."
        )
        duration = ["-t", str(seconds)] if seconds else []
        command = [
            *("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-re"),
            *("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25"),
            *("-f", "lavfi", "-i", "sine=frequency=440:beep_factor=4:sample_rate=44100"),
            *duration,
            *("-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "50"),
            *("-b:v", "1500k", "-c:a", "aac", "-b:a", "128k"),
            *("-f", "flv", f"{ingest.rstrip('/')}/{broadcast.stream_key}"),
        ]
        try:
            completed = subprocess.run(command, check=False)  # noqa: S603 - our own arguments
        except KeyboardInterrupt:
            return
        if completed.returncode not in (0, 255):
            raise CommandError(
                "ffmpeg could not publish: is the ingest running (`make run` starts it) and the "
                "key still valid?"
            )
