"""Working off the task queue inside a test, as the worker would (the run_tasks fixture)."""


def work_off_the_queue() -> int:
    from django.db import connection, transaction
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    # The worker's own loop would close the test's connection between tasks (a connection
    # in a transaction looks obsolete to it): run its tasks one by one instead.
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        run_on_commit_callbacks(connection)
        with transaction.atomic():
            row = DBTaskResult.objects.ready().get_locked()
            if row is not None:
                row.claim(worker.worker_id)
        if row is None:
            return ran
        worker.run_task(row)
        ran += 1


def run_on_commit_callbacks(connection) -> None:
    while connection.run_on_commit:
        callbacks, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, callback, _robust in callbacks:
            callback()
