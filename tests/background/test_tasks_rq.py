"""Scale mode: with REDIS_URL, a task goes through RQ on Redis and a burst worker runs it
to completion (skipped without REDIS_URL; under CI, Redis must answer)."""

import os
import socket
from urllib.parse import urlsplit

import pytest
from django_tasks import TaskResultStatus, task

REDIS_URL = os.environ.get("REDIS_URL", "")


@task()
def add(first: int, second: int) -> int:
    return first + second


@pytest.fixture
def rq_queue(settings, monkeypatch):
    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set (the embedded default has no Redis)")
    parts = urlsplit(REDIS_URL)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), 2).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis does not answer at {REDIS_URL} under CI")
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    import django_rq.settings

    # A queue of this run's own: parallel runs on the same Redis never take its jobs.
    name = f"tests-{os.getpid()}-{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    monkeypatch.setitem(django_rq.settings.QUEUES, name, {"URL": REDIS_URL})
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [name]}}
    queue = django_rq.get_queue(name)
    queue.empty()
    yield name
    queue.empty()
    queue.delete(delete_jobs=True)


def test_a_task_goes_through_redis_and_a_burst_worker_runs_it(rq_queue):
    """Enqueued on RQ, the task waits in Redis until a worker runs it, and its result is
    read back through the tasks API."""
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    result = add.using(queue_name=rq_queue).enqueue(2, 3)
    assert django_rq.get_queue(rq_queue).count == 1
    assert result.status == TaskResultStatus.READY

    worker = django_rq.get_worker(rq_queue, worker_class=SimpleWorker, job_class=Job)
    assert worker.work(burst=True)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5
    assert django_rq.get_queue(rq_queue).count == 0
