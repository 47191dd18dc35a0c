"""One person's vote for something people wrote (a live-room question, a discussion post):
a row per voter held once by a unique constraint, and a counter on the thing voted for that
moves only when a row was really added or removed, so a double click or two tabs count once."""

from django.db import IntegrityError, models, transaction
from django.db.models import F


def vote_cast(
    *,
    ballot: type[models.Model],
    target: models.Model,
    target_field: str,
    voter,
    withdraw: bool = False,
    counter: str = "votes",
    **also,
) -> int:
    """Add (or with `withdraw`, remove) `voter`'s row of `ballot` for `target`, and move
    `target`'s `counter` by the change, setting the fields `also` with it. Returns the
    change: 1, -1, or 0 when the vote was already cast or already withdrawn."""
    row = {target_field: target, "user": voter}
    with transaction.atomic():
        if withdraw:
            delta = -ballot.objects.filter(**row).delete()[0]
        else:
            try:
                with transaction.atomic():
                    ballot.objects.create(**row)
                delta = 1
            except IntegrityError:
                delta = 0
        if delta:
            type(target).objects.filter(pk=target.pk).update(
                **{counter: F(counter) + delta}, **also
            )
    return delta
