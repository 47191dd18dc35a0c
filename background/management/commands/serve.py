"""`make run`: the web server, a task worker, the scheduler and the processes apps register
(background.processes: the live broadcast's ingest, where nginx and its RTMP module are
installed) in one command; Ctrl-C (or SIGTERM) stops them all, and none outlives this
process."""

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys

from django.core.management.base import BaseCommand
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from background.processes import Missing, serve_processes

PR_SET_PDEATHSIG = 1


def die_with_parent():
    """Linux: the child receives SIGTERM when this process dies, even by SIGKILL."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Command(BaseCommand):
    help = "Serve the platform (uvicorn), work off the task queue and run the scheduler."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args, host, port, **options):
        manage = [sys.executable, sys.argv[0]] if sys.argv[0].endswith(".py") else [sys.argv[0]]
        commands = {
            "web": [sys.executable, "-m", *web_command(host, port)],
            "worker": [*manage, *worker_arguments()],
            "scheduler": [*manage, "run_scheduler", "-v", "0"],
        }
        optional = {}
        for process in serve_processes(host=host, port=port):
            if isinstance(process, Missing):
                self.stderr.write(process.message)
                continue
            commands[process.name] = process.command
            optional[process.name] = process
            if process.note:
                self.stdout.write(process.note)
        children = {
            name: subprocess.Popen(command, preexec_fn=die_with_parent)  # noqa: S603
            for name, command in commands.items()
        }
        stopping = False

        def stop(signum, _frame):
            nonlocal stopping
            stopping = True
            for child in children.values():
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"Serving on http://{host}:{port}/ with a task worker and the scheduler.")
        if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
            self.stderr.write(
                "ffmpeg is not installed: uploaded videos will be marked failed instead of "
                "transcoded (Debian: apt install ffmpeg)."
            )
        try:
            # The first child to end (or Ctrl-C) ends the others.
            while True:
                pid, _status = os.wait()
                name = next((n for n, c in children.items() if c.pid == pid), "?")
                if name not in optional or stopping:
                    break
                self.stderr.write(f"The {name} process stopped: {optional[name].log()[-500:]}")
            if not stopping:
                self.stderr.write(f"The {name} process stopped; stopping the others.")
            stop(signal.SIGTERM, None)
        finally:
            for child in children.values():
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()


def web_command(host: str, port) -> list[str]:
    """uvicorn as `make run` starts it; the websocket limit is the live room's
    (live/conf.py, the systemd template passes the same)."""
    return [
        "uvicorn",
        "config.asgi:application",
        "--host",
        host,
        "--port",
        str(port),
        "--ws",
        "websockets-sansio",
        "--ws-max-size",
        "16384",
        # The live room's actions are answered before a stopping server closes its
        # websockets (live/draining.py).
        "--lifespan",
        "on",
        "--no-access-log",
    ]


def worker_arguments() -> list[str]:
    if isinstance(task_backends["default"], DatabaseBackend):
        return ["db_worker", "--no-reload", "--interval", "1"]
    return ["rqworker", "default", "--with-scheduler", "--job-class", "django_tasks_rq.Job"]
