#!/bin/sh
# manage.py with the workers' environment, for cron and for people:
#   deploy/manage.sh send_reminders
set -eu
APP="${OPENTRAINING_APP:-/srv/opentraining/app}"
set -a
. "${OPENTRAINING_ENV:-/etc/opentraining/env}"
set +a
cd "$APP"
exec "$APP/.venv/bin/python" manage.py "$@"
