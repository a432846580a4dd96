"""An editor's own work, which the work queue shows before anything new: passages sent back to them and
passages they have in progress.

Decisions a reader should know:
- A passage is sent back to the editor who last changed its text (review's rule of who that is),
  and it is theirs while the send-back's note stands: the next save of the passage resolves it.
- A passage in progress is the editor's whose save was its latest.
"""

from dataclasses import dataclass, field

from ..editorial.verification import review_state, versions_of
from ..models import Passage, PassageNote

# The index lists this many of each; the passage list, filtered by status, has the rest.
OWN_SHOWN = 20
# Standing send-backs read to find an editor's: each is one passage waiting, so they stay few.
SEND_BACKS_READ = 200


@dataclass
class OwnWork:
    """What an editor has to finish: passages sent back to them, each with its send-back note, and
    passages they have in progress."""

    sent_back: list[PassageNote] = field(default_factory=list)
    in_progress: list[Passage] = field(default_factory=list)

    def __bool__(self):
        return bool(self.sent_back or self.in_progress)


def sent_back_to(user) -> list[PassageNote]:
    """The standing send-backs of passages `user` last changed the text of, longest waiting first, in two queries."""
    notes = (
        PassageNote.objects.standing_send_backs()
        .filter(passage__status=Passage.Status.UNREVIEWED)
        .select_related("passage", "author")
        .order_by("created", "pk")[:SEND_BACKS_READ]
    )
    notes = list(notes)
    versions = versions_of({note.passage_id for note in notes})
    mine = []
    for note in notes:
        state = review_state(note.passage.original_text, versions.get(note.passage_id, []))
        if state.last_editor_id == user.pk:
            mine.append(note)
    return mine[:OWN_SHOWN]


def in_progress_of(user) -> list[Passage]:
    """The passages in progress `user` saved last, the longest untouched first, in one query."""
    passages = Passage.objects.filter(status=Passage.Status.IN_PROGRESS).last_saved_by(user)
    return list(passages.order_by("changed_at", "pk")[:OWN_SHOWN])


def own_work(user) -> OwnWork:
    return OwnWork(sent_back_to(user), in_progress_of(user))
