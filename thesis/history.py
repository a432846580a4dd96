"""Writing to history: who makes the next save of a record, and why, wherever the save is made; how an
editor is named in public, and when a change was made, as the archive tells it."""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

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
