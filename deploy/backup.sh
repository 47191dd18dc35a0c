#!/bin/sh
# Nightly backup of the Open Training Platform: the database in PostgreSQL's custom format
# and the uploads, kept for BACKUP_DAYS days. Redis holds nothing to back up.
# Restore and test restores: docs/deploy.md, "Backups and restore".
set -eu
set -a
. "${OPENTRAINING_ENV:-/etc/opentraining/env}"
set +a
BACKUP_DIR="${BACKUP_DIR:-/var/backups/opentraining}"
BACKUP_DAYS="${BACKUP_DAYS:-14}"
MEDIA_ROOT="${MEDIA_ROOT:-/srv/opentraining/media}"
stamp="$(date -u +%Y-%m-%dT%H%MZ)"

mkdir -p "$BACKUP_DIR/db" "$BACKUP_DIR/media" "$BACKUP_DIR/media-deleted"
umask 077
# One consistent snapshot, compressed; written aside first so a failed dump never
# replaces a good one.
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$BACKUP_DIR/db/$stamp.dump.part"
mv "$BACKUP_DIR/db/$stamp.dump.part" "$BACKUP_DIR/db/$stamp.dump"
# Uploads only grow: a mirror, with files deleted since yesterday kept in a dated folder.
rsync -a --delete --backup --backup-dir="$BACKUP_DIR/media-deleted/$stamp" \
    "$MEDIA_ROOT/" "$BACKUP_DIR/media/"

find "$BACKUP_DIR/db" -name '*.dump' -mtime "+$BACKUP_DAYS" -delete
find "$BACKUP_DIR/media-deleted" -mindepth 1 -maxdepth 1 -mtime "+$BACKUP_DAYS" -exec rm -rf {} +
