"""Benchmark of the live room's page: what one page load costs the server when a crowd opens
it, against a static file of the same bytes from the same process.

It builds a throw-away platform with the project's factories (a live room of --questions
questions, 40 confirmed learners, half of whom voted for one question), in a temporary
SQLite file, or, when DATABASE_URL names a PostgreSQL server, in a throw-away database on it
(opentraining_bench_room_page, dropped at the end). Then, in one process, through Django's
test client (the whole middleware stack, DEBUG off, logged in), --pages loads each of:

* baseline: the page's bytes as a static file, served by WhiteNoise in the same process;
* a reader who voted: the page is rendered for them (their vote shows at once);
* one of the crowd: readers who have done nothing in the room yet, who get the page the
  first of them got (live.fragments.crowd_page);
* the crowd while the room changes: the same, with a question asked every 5 loads, each
  rendering the page again where LIVE_PAGE_LAG_SECONDS is 0 (the second figure, with the
  platform's default lag, shares renders across changes).

Each line prints pages a second, process CPU per page, database queries per page and the
ratio to the baseline's rate.

Run from the project root:
  [DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres] .venv/bin/python bench/room_page.py \\
      [--pages 400] [--questions 60]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throwaway_platform import drop_database, setup_django

BENCH_DATABASE = "opentraining_bench_room_page"
READERS = 40
CHANGE_EVERY = 5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400, help="page loads per line (400)")
    parser.add_argument("--questions", type=int, default=60, help="questions in the room (60)")
    args = parser.parse_args()
    if not 20 <= args.pages <= 100_000:
        parser.error("--pages must be between 20 and 100000")
    if not 0 <= args.questions <= 500:
        parser.error("--questions must be between 0 and 500")
    return args


def build(questions: int):
    """The room, the readers who voted and the crowd's readers."""
    from enrollment.factories import EnrollmentFactory
    from live.factories import QuestionFactory, RoomFactory
    from live.models import QuestionVote

    room = RoomFactory()
    asked = [QuestionFactory(room=room, votes=n % 7) for n in range(questions)]
    readers = [EnrollmentFactory(session=room.session).user for _ in range(READERS)]
    voters, crowd = readers[: READERS // 2], readers[READERS // 2 :]
    if asked:
        QuestionVote.objects.bulk_create(QuestionVote(question=asked[0], user=u) for u in voters)
    return room, voters, crowd


def clients_of(users):
    from django.test import Client

    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


class Counted:
    """Database queries run while it is open (every connection of this process)."""

    def __enter__(self):
        from django.db.backends import utils

        self.count = 0
        self.paused = False
        self._execute = utils.CursorWrapper._execute
        original = self._execute

        def counted(cursor, *args, **kwargs):
            self.count += not self.paused
            return original(cursor, *args, **kwargs)

        utils.CursorWrapper._execute = counted
        return self

    def __exit__(self, *exc):
        from django.db.backends import utils

        utils.CursorWrapper._execute = self._execute


def load(label, clients, url, pages, baseline=None, between=None) -> float:
    for client in clients[:20]:  # warm: templates, the fragments of the questions
        assert client.get(url).status_code == 200
    cpu, wall = time.process_time(), time.perf_counter()
    with Counted() as queries:
        for n in range(pages):
            if between is not None and n and n % CHANGE_EVERY == 0:
                # The change's own time and queries are not the page's.
                queries.paused = True
                change_cpu, change_wall = time.process_time(), time.perf_counter()
                between(n)
                cpu += time.process_time() - change_cpu
                wall += time.perf_counter() - change_wall
                queries.paused = False
            response = clients[n % len(clients)].get(url)
            assert response.status_code == 200, response.status_code
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    per_second = pages / wall
    ratio = f"{per_second / baseline:5.2f}" if baseline else " 1.00"
    print(
        f"  {label:<46} {per_second:>8.0f}/s {cpu / pages * 1000:>7.1f} ms "
        f"{queries.count / pages:>8.1f}   {ratio}",
        flush=True,
    )
    return per_second


def main() -> None:
    args = parse_args()
    original_url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="room-page-bench-") as workdir:
        hosts = {"ALLOWED_HOSTS": "testserver,localhost,127.0.0.1"}
        vendor = setup_django(Path(workdir), BENCH_DATABASE, hosts)
        try:
            run(args, vendor, Path(workdir))
        finally:
            drop_database(original_url, BENCH_DATABASE)


def run(args, vendor: str, workdir: Path) -> None:
    from django.conf import settings
    from django.test import Client

    from live import services

    print(
        f"  {platform.python_implementation()} {platform.python_version()}, {vendor}, "
        f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}"
    )
    room, voters, crowd = build(args.questions)
    url = f"/en/live/{room.pk}/"
    voter_clients, crowd_clients = clients_of(voters), clients_of(crowd)
    page = crowd_clients[0].get(url).content
    (workdir / "static" / "room-page.html").write_bytes(page)
    static = Client()  # WhiteNoise reads STATIC_ROOT when this client's handler starts
    print(f"  a room of {args.questions} questions; the page: {len(page):,} bytes\n")
    print(f"  {'what':<46} {'rate':>10} {'CPU/page':>10} {'queries':>8}  ratio")
    baseline = load(
        "baseline: the same bytes as a static file", [static], "/static/room-page.html", args.pages
    )
    load("a reader who voted (rendered for them)", voter_clients, url, args.pages, baseline)
    load("one of the crowd (the crowd's page)", crowd_clients, url, args.pages, baseline)

    asked = iter(range(1, 1_000_000))
    # Not what is measured: the questions come faster than one person may ask.
    settings.LIVE_RATE_LIMITS = {**settings.LIVE_RATE_LIMITS, "ask": 1_000_000}

    def ask(n):
        # Those who voted ask, in turns.
        number = next(asked)
        user = voters[number % len(voters)]
        access = services.room_access(user, room.session)
        text = f"Is there a reading list for part {number}?"
        services.question_ask(room=room, user=user, access=access, text_=text)

    lag = settings.LIVE_PAGE_LAG_SECONDS
    for seconds in (0.0, lag):
        settings.LIVE_PAGE_LAG_SECONDS = seconds
        label = f"the crowd, a question every {CHANGE_EVERY} loads, lag {seconds:g} s"
        load(label, crowd_clients, url, args.pages, baseline, between=ask)


if __name__ == "__main__":
    main()
