"""An editor's own work, which the work queue shows before anything new: passages sent back to them and
passages they have in progress.

Decisions a reader should know:
- A passage is sent back to the editor who last changed its text (review's rule of who that is,
  kept on the send-back's note), and it is theirs while that note stands: the next save of the
  passage resolves it.
- A passage in progress is the editor's whose save was its latest.
"""

from dataclasses import dataclass, field

from ..models import Passage, PassageNote

# The index lists this many of each; the passage list, filtered by status, has the rest.
OWN_SHOWN = 20
# What the index shows of a send-back: never the passage's text, which the index does not read.
NOTE_COLUMNS = ("body", "created", "passage_id", "passage__order", "author")


@dataclass
class OwnWork:
    """What an editor has to finish: passages sent back to them, each with its send-back note, and
    passages they have in progress."""

    sent_back: list[PassageNote] = field(default_factory=list)
    in_progress: list[Passage] = field(default_factory=list)

    def __bool__(self):
        return bool(self.sent_back or self.in_progress)


def sent_back_to(user) -> list[PassageNote]:
    """The standing send-backs of passages sent back to `user`, longest waiting first, in one query."""
    notes = PassageNote.objects.standing_send_backs().filter(addressee=user)
    notes = notes.select_related("author", "passage").only(*NOTE_COLUMNS)
    return list(notes.order_by("created", "pk")[:OWN_SHOWN])


def in_progress_of(user) -> list[Passage]:
    """The passages in progress `user` saved last, the longest untouched first, in one query."""
    passages = Passage.objects.filter(status=Passage.Status.IN_PROGRESS).last_saved_by(user)
    return list(passages.only("pk", "order", "thesis_id", "changed_at").order_by("changed_at", "pk")[:OWN_SHOWN])


def own_work(user) -> OwnWork:
    return OwnWork(sent_back_to(user), in_progress_of(user))
