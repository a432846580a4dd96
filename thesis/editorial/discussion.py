"""The conversation about a passage: notes and their replies, a reviewer's send-back as a note, its
resolution, and the editors a note mentions by @username.

Decisions a reader should know:
- A reply joins the thread of the note it answers; a reply to a reply is kept one level down, under
  the thread's first note, so that a thread reads as one column.
- A resolution resolves its thread; a send-back is resolved by the next save of the passage
  (`editing.save_passage`), the moment review's banner stops showing it.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Passage, PassageNote
from . import notices
from .editing import EditRefused

NOTE_MAX_LENGTH = 2000
# An @ not inside a word (an e-mail address) followed by a username's characters, as Django allows them.
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")


def mentioned(body: str) -> list[str]:
    """The usernames a note mentions, each once, in the order written; a trailing full stop is the sentence's."""
    names = (name.rstrip(".") for name in MENTION.findall(body or ""))
    return list(dict.fromkeys(name for name in names if name))


def clean_body(body: str) -> str:
    """A note's text, stripped; refused if empty or too long."""
    body = (body or "").strip()
    if not body:
        raise EditRefused(_("Write the note first."))
    if len(body) > NOTE_MAX_LENGTH:
        raise EditRefused(_("A note has at most %(limit)s characters.") % {"limit": NOTE_MAX_LENGTH})
    return body


def thread_root(passage_id: int, parent_id: int | None) -> PassageNote | None:
    """The first note of the thread a reply joins; refused if it is not a note of this passage."""
    if parent_id is None:
        return None
    parent = PassageNote.objects.filter(pk=parent_id, passage_id=passage_id).first()
    if parent is None:
        raise EditRefused(_("The note answered is not a note of this passage."))
    return PassageNote.objects.get(pk=parent.parent_id) if parent.parent_id else parent


def add_note(passage_id: int, *, author, body: str, kind: str = PassageNote.Kind.QUESTION, parent_id=None):
    """Add a note to a passage's conversation, or a reply to one of its notes; a resolution resolves the thread."""
    body = clean_body(body)
    if kind not in PassageNote.Kind.values or kind == PassageNote.Kind.SEND_BACK:
        raise EditRefused(_("Choose what kind of note this is."))
    if not Passage.objects.filter(pk=passage_id).exists():
        raise EditRefused(_("The passage no longer exists."))
    with transaction.atomic():
        root = thread_root(passage_id, parent_id)
        if root is None and kind in (PassageNote.Kind.ANSWER, PassageNote.Kind.RESOLUTION):
            raise EditRefused(_("An answer or a resolution replies to a note."))
        note = PassageNote.objects.create(passage_id=passage_id, author=author, body=body, kind=kind, parent=root)
        if kind == PassageNote.Kind.RESOLUTION:
            PassageNote.objects.filter(pk=root.pk).update(resolved=True)
            root.replies.update(resolved=True)
        notices.mentions(note, mentioned_users(body, author))
    return note


def mentioned_users(body: str, author) -> list:
    """The accounts a note mentions, but its author, in one query."""
    names = mentioned(body)
    if not names:
        return []
    users = get_user_model().objects.filter(username__in=names, is_active=True)
    return [user for user in users if author is None or user.pk != author.pk]


def send_back_note(passage: Passage, *, reviewer, comment: str, editor) -> PassageNote:
    """The reviewer's send-back in the passage's conversation, to the editor of its text, who is told."""
    note = PassageNote.objects.create(
        passage=passage, author=reviewer, body=comment, kind=PassageNote.Kind.SEND_BACK, addressee=editor
    )
    if editor is not None and (reviewer is None or editor.pk != reviewer.pk):
        notices.sent_back(note, editor)
    return note


@dataclass
class Thread:
    """A note and its replies, oldest first."""

    note: PassageNote
    replies: list[PassageNote] = field(default_factory=list)


def threads(passage) -> list[Thread]:
    """The passage's conversation, each thread with its replies, oldest first, in one query."""
    notes = PassageNote.objects.filter(passage=passage).select_related("author").order_by("created", "pk")
    found: dict[int, Thread] = {}
    for note in notes:
        if note.parent_id is None:
            found[note.pk] = Thread(note)
        elif note.parent_id in found:
            found[note.parent_id].replies.append(note)
    return list(found.values())
