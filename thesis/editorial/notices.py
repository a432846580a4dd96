"""E-mail notices to editors: their work sent back, a note that mentions them; sent through Django's mail
framework once the change commits, and only to editors who have an address and have not turned them off."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from thesis.history import public_name

from ..models import EditorProfile


def wants_notices(users) -> list:
    """Those of `users` with an e-mail address who have not turned notices off, in one query."""
    users = [user for user in users if user.email]
    if not users:
        return []
    off = set(EditorProfile.objects.filter(user__in=users, notify=False).values_list("user_id", flat=True))
    return [user for user in users if user.pk not in off]


def send_after_commit(users, subject: str, body: str) -> None:
    """Mail each of `users` who wants notices, once the transaction commits: a change rolled back tells no one."""
    addresses = [user.email for user in wants_notices(users)]
    if not addresses:
        return
    for address in addresses:
        transaction.on_commit(
            lambda to=address: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=True)
        )


def passage_link(note) -> str:
    return reverse("admin:thesis_passage_change", args=[note.passage_id])


def sent_back(note, editor) -> None:
    """Tell the editor of a passage that a reviewer sent it back, and why."""
    who = public_name(note.author) or _("A reviewer")
    subject = _("Sent back: passage %(id)s") % {"id": note.passage_id}
    body = _("%(who)s sent back your passage: %(comment)s\n\n%(link)s") % {
        "who": who,
        "comment": note.body,
        "link": passage_link(note),
    }
    send_after_commit([editor], subject, body)


def mentions(note, users) -> None:
    """Tell each editor a note mentions about it."""
    if not users:
        return
    who = public_name(note.author) or _("An editor")
    subject = _("You are mentioned in a note on passage %(id)s") % {"id": note.passage_id}
    body = _("%(who)s wrote: %(body)s\n\n%(link)s") % {"who": who, "body": note.body, "link": passage_link(note)}
    send_after_commit(users, subject, body)
