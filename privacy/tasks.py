"""Background task of privacy: the daily retention purge."""

import logging

from django_tasks import task

from privacy import services

logger = logging.getLogger(__name__)


@task()
def purge_inactive_accounts() -> dict:
    if services.retention_cutoff() is None:
        return {"erased": 0, "failed": 0}
    purge = services.inactive_accounts_purge()
    for pk, error in purge.failed:
        logger.error("account %s could not be erased: %s", pk, error)
    return {"erased": len(purge.erased), "failed": len(purge.failed)}
