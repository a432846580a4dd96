"""Writing to history: who makes the next save of a record, and why, wherever the save is made; how an
editor is named in public, when a change was made and which words it changed, as the archive tells it."""

import re
from hashlib import blake2b

from django.core.cache import caches
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

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


# The reasons the archive writes itself, each a kind with its parameters. Each is stored in one canonical
# form, English, that the API, the TEI edition and any later reader can take as it is, and is shown in
# the reader's language by `shown_reason`, which reads the kind and parameters back out of it. A
# parameter named "reason" holds another reason (an editor's, or one of these), shown in turn.
SYSTEM_REASONS = {
    "imported": ("Imported from {file}", gettext_noop("Imported from %(file)s")),
    "curated": (
        "Curated records added on a repeated import",
        gettext_noop("Curated records added on a repeated import"),
    ),
    "cited": ("Cited as [{number}] in the text", gettext_noop("Cited as [%(number)s] in the text")),
    "replaced": ("Replace #{batch}: {reason}", gettext_noop("Replace #%(batch)s: %(reason)s")),
    "replace_undone": ("Undo replace #{batch}: {reason}", gettext_noop("Undo replace #%(batch)s: %(reason)s")),
    "reverted": (
        "Reverted to version {version}: {reason}",
        gettext_noop("Reverted to version %(version)s: %(reason)s"),
    ),
    "spell_fix": ("Spell-check: {found} → {replacement}", gettext_noop("Spell-check: %(found)s → %(replacement)s")),
    "transcription_fix": (
        "Transcription check: {found} → {replacement}",
        gettext_noop("Transcription check: %(found)s → %(replacement)s"),
    ),
    "fix_undone": ("Undo of version {version}: {reason}", gettext_noop("Undo of version %(version)s: %(reason)s")),
    "approved": ("Approved", gettext_noop("Approved")),
    "approved_with": ("Approved: {reason}", gettext_noop("Approved: %(reason)s")),
    "sent_back": ("Sent back: {reason}", gettext_noop("Sent back: %(reason)s")),
}
_FIELD = re.compile(r"\{(\w+)\}")


def system_reason(kind: str, **parameters) -> str:
    """The stored form of a reason the archive writes itself (SYSTEM_REASONS), fitted to history's column."""
    return clean_reason(SYSTEM_REASONS[kind][0].format(**parameters))


def _pattern(stored: str) -> re.Pattern:
    pieces, position = [], 0
    for field in _FIELD.finditer(stored):
        pieces += [re.escape(stored[position : field.start()]), f"(?P<{field[1]}>.*?)"]
        position = field.end()
    return re.compile("".join([*pieces, re.escape(stored[position:])]), re.S)


_PATTERNS = {kind: _pattern(stored) for kind, (stored, _shown) in SYSTEM_REASONS.items()}


def reason_kind(stored: str | None) -> tuple[str, dict[str, str]] | None:
    """The kind and parameters of a reason the archive wrote itself; None for an editor's own."""
    for kind, pattern in _PATTERNS.items():
        if found := pattern.fullmatch(stored or ""):
            return kind, found.groupdict()
    return None


def is_system_reason(stored: str | None) -> bool:
    """Whether the archive wrote this reason itself (so that it is shown in the reader's language)."""
    return reason_kind(stored) is not None


def shown_reason(stored: str | None) -> str:
    """A reason as the reader is shown it: one the archive wrote, in the reader's language; an editor's,
    as the editor wrote it."""
    found = reason_kind(stored)
    if found is None:
        return stored or ""
    kind, parameters = found
    if "reason" in parameters:
        parameters["reason"] = shown_reason(parameters["reason"])
    return gettext(SYSTEM_REASONS[kind][1]) % parameters


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
