"""Writing to history: who makes the next save of a record, and why, wherever the save is made; and
how an editor is named in public."""

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


def record(instance, user, reason: str):
    """Have the next save of `instance` written to history with this reason, and this user if one is
    given; without one, history takes the user of the request being served (none for a command)."""
    instance._change_reason = clean_reason(reason)
    if user is not None:
        instance._history_user = user
    return instance
