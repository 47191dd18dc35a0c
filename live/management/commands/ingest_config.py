"""The RTMP ingest's configuration for a server's nginx (docs/deploy.md, "Live broadcast"):
the `rtmp { }` block, and the HLS ladder script it runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from live import ingest


class Command(BaseCommand):
    help = "Print the nginx `rtmp { }` block of the ingest; --script writes its ladder script."

    def add_arguments(self, parser):
        parser.add_argument(
            "--platform-url",
            default="http://127.0.0.1:8080",
            help="Where nginx reaches the platform's callbacks (plain HTTP).",
        )
        parser.add_argument("--listen", default="1935")
        parser.add_argument("--rtmp-port", type=int, default=1935)
        parser.add_argument("--script", default="/usr/local/lib/opentraining/hls-ladder")
        parser.add_argument(
            "--write-script", action="store_true", help="Write the ladder script at --script."
        )

    def handle(self, *args, platform_url, listen, rtmp_port, script, write_script, **options):
        if write_script:
            path = Path(script)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                ingest.ladder_script(rtmp_port=rtmp_port, hls_root=settings.LIVE_HLS_ROOT)
            )
            path.chmod(0o755)
            self.stderr.write(f"Wrote {path}.")
        self.stdout.write(
            ingest.rtmp_block(
                listen=listen,
                platform_url=platform_url,
                script=Path(script),
                recordings_root=settings.LIVE_RECORDINGS_ROOT,
            )
        )
