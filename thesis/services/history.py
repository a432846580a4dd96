"""Writing to history: who makes the next save of a record, and why, wherever the save is made."""

REASON_MAX_LENGTH = 100  # simple-history's history_change_reason column


def clean_reason(reason: str) -> str:
    """A reason that fits history's column; an automatic one that is too long is shortened."""
    reason = " ".join((reason or "").split())
    if len(reason) > REASON_MAX_LENGTH:
        reason = reason[: REASON_MAX_LENGTH - 1] + "…"
    return reason


def record(instance, user, reason: str):
    """Have the next save of `instance` written to history with this reason, and this user if one is
    given; without one, history takes the user of the request being served (none for a command)."""
    instance._change_reason = clean_reason(reason)
    if user is not None:
        instance._history_user = user
    return instance
