#!/bin/sh
# The installed platform's `opentraining` command (manage.py) with the workers'
# environment and working directory, for cron and for people:
#   deploy/manage.sh send_reminders
set -eu
HOME_DIR="${OPENTRAINING_HOME:-/srv/opentraining}"
set -a
. "${OPENTRAINING_ENV:-/etc/opentraining/env}"
set +a
cd "$HOME_DIR"
exec "$HOME_DIR/venv/bin/opentraining" "$@"
