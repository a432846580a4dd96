"""Writing to history: who makes the next save of a record, and why, wherever the save is made; how an
editor is named in public, when a change was made and which words it changed, as the archive tells it."""

from hashlib import blake2b

from django.core.cache import caches
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from thesis.text.diffs import CONTEXT_WORDS, compact_diff, word_diff

REASON_MAX_LENGTH = 100  # simple-history's history_change_reason column


def clean_reason(reason: str) -> str:
    """A reason that fits history's column; an automatic one that is too long is shortened."""
    reason = " ".join((reason or "").split())
    if len(reason) > REASON_MAX_LENGTH:
        reason = reason[: REASON_MAX_LENGTH - 1] + "…"
    return reason


def public_name(user) -> str | None:
    """The name an editor is shown by outside the admin: the name they gave their account, or
    "Editor N"; never the login, which is half of what signing in takes."""
    if user is None:
        return None
    return user.get_full_name() or gettext("Editor %(number)s") % {"number": user.pk}


def change_time(moment) -> str:
    """When a change was made, in the archive's time zone (settings.TIME_ZONE) and on a 24-hour clock,
    whatever the reader's language: history stores it in UTC, hours off the rest of the page."""
    return timezone.localtime(moment, timezone.get_default_timezone()).strftime("%Y-%m-%d %H:%M")


# The cache the changed words of versions are kept in (settings.CACHES), and for how long an entry no
# page asks for stays: a text repaired or restored away leaves entries no key reaches again.
DIFFS_CACHE = "diffs"
DIFFS_SECONDS = 30 * 24 * 3600
# In every key, so that a change to how diffs are made or cut short starts afresh.
DIFFS_FORM = f"words-1-{CONTEXT_WORDS}"


def changed_words(pairs: list[tuple[str, str]]) -> list[list[dict]]:
    """For each (text before, text after), only the words that changed with a few words of context
    round each (thesis.text.diffs.compact_diff; whitespace that only changed its kind left out), each
    worked out once for every worker: a diff of two texts never changes, so it is cached under the
    texts' digests. Not under the ids of the history records: the first version's is from the
    passage's transcription, which a split or merge rewrites, and a restore writes history again."""
    keys = [_diff_key(old, new) for old, new in pairs]
    cache = caches[DIFFS_CACHE]
    found = cache.get_many(keys) if keys else {}
    missing = {}
    for key, (old, new) in zip(keys, pairs, strict=True):
        if key not in found:
            found[key] = missing[key] = compact_diff(word_diff(old, new, spacing=False))
    if missing:
        cache.set_many(missing, timeout=DIFFS_SECONDS)
    return [found[key] for key in keys]


def unchanged_words(count: int) -> str:
    """What an ellipsis in a compact diff stands for, in the reader's language."""
    return ngettext("%(count)s unchanged word", "%(count)s unchanged words", count) % {"count": count}


def _diff_key(old: str, new: str) -> str:
    digests = (blake2b((text or "").encode(), digest_size=16).hexdigest() for text in (old, new))
    return "-".join((DIFFS_FORM, *digests))


def record(instance, user, reason: str):
    """Have the next save of `instance` written to history with this reason, and this user if one is
    given; without one, history takes the user of the request being served (none for a command)."""
    instance._change_reason = clean_reason(reason)
    if user is not None:
        instance._history_user = user
    return instance


def as_created(model, ids) -> None:
    """Leave the records of `model` with these `ids`, created in the transaction under way, one history
    record each, of their state now, marked created. A new record's first save writes one, and each
    step that completes it before the transaction ends writes another of the same version: a curated
    headline or title saved over the derived one, and every change of a many-to-many link, which
    simple-history records on its own (an event's people)."""
    records = model.history.filter(id__in=ids)
    latest = records.order_by().values("id").annotate(latest=Max("history_id")).values("latest")
    earlier = records.exclude(history_id__in=latest)
    for snapshot in link_snapshots(model):
        snapshot.objects.filter(history__in=earlier.values("history_id")).delete()
    earlier.delete()
    records.exclude(history_type="+").update(history_type="+")


def link_snapshots(model) -> list:
    """The tables in which simple-history keeps the many-to-many links of each of `model`'s history records."""
    historical = model.history.model
    return [relation.related_model for relation in historical._meta.related_objects if relation.field.name == "history"]
