"""Claims on passages: opening a passage from the work queue holds it for its editor for an hour, and the
queue offers other editors other passages meanwhile.

Decisions a reader should know:
- An editor holds one claim at a time: claiming a passage lets go of the one held before, so that
  the queue is not emptied by editors who moved on.
- A claim lapses by itself (`until`); nothing needs to clear it. A lapsed claim is taken over.
- Of two editors claiming the same passage at once exactly one gets it: the claim's row is unique
  per passage, and the other's insert is refused, so the other is given the next passage.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import PassageClaim
from . import progress

HOLD = timedelta(hours=1)
# How many passages a claim of the next passage tries before giving up: each refusal means another
# editor took that passage in the same moment.
ATTEMPTS = 5


def claim(passage_id: int, user, now=None) -> bool:
    """Hold the passage for `user` for an hour from `now`; False if another editor holds it."""
    now = now or timezone.now()
    with transaction.atomic():
        PassageClaim.objects.filter(passage_id=passage_id, until__lte=now).delete()
        if not PassageClaim.objects.filter(passage_id=passage_id, editor=user).update(until=now + HOLD):
            try:
                with transaction.atomic():
                    PassageClaim.objects.create(passage_id=passage_id, editor=user, until=now + HOLD)
            except IntegrityError:
                return False
        PassageClaim.objects.filter(editor=user).exclude(passage_id=passage_id).delete()
    return True


def claim_next(thesis_id: int, user, now=None, exclude: int | None = None) -> progress.NextPassage | None:
    """Claim the thesis's next passage to check that no other editor holds (but `exclude`, the one just
    saved), and return it; None when none is left."""
    now = now or timezone.now()
    for _attempt in range(ATTEMPTS):
        following = progress.next_to_check(thesis_id, exclude=exclude, user=user, now=now)
        if following is None or claim(following.passage_id, user, now):
            return following
    return None


def holder(passage_id: int, now=None):
    """The editor who holds the passage at `now`, or None."""
    found = PassageClaim.objects.holding(now or timezone.now()).filter(passage_id=passage_id).select_related("editor")
    held = found.first()
    return held.editor if held else None


def release(user) -> int:
    """Let go of the passage `user` holds."""
    return PassageClaim.objects.filter(editor=user).delete()[0]
