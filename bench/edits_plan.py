"""What edits while reading edits and reads in a corpus, chosen inside Django: the thesis editors save in,
its passages, and the addresses readers of other theses ask for meanwhile.

Run by bench/run.py with the database in DATABASE_URL; prints {"edited": …, "passages": […], "read": […],
"paths": […]}. Apart from bench/inprocess.py, whose text is part of a kept corpus's fingerprint.
"""

import json

from inprocess import choose_targets
from scenarios import EDITED_PASSAGES, READ_THESES, reading_paths

from synthetic.store import synthetic_theses
from thesis.models import Passage


def plan() -> dict:
    """The first synthetic thesis no other measurement reads, for editors to save in; the next READ_THESES for
    readers, each by its pages and answers, its passage the first in order."""
    targets = choose_targets()
    theses = synthetic_theses().exclude(pk__in=[targets["thesis"], targets["large_thesis"]]).order_by("pk")
    edited, *read = theses.values_list("pk", flat=True)[: READ_THESES + 1]
    passages = Passage.objects.filter(thesis_id=edited).order_by("order").values_list("pk", flat=True)
    paths = []
    for thesis in read:
        first = Passage.objects.filter(thesis_id=thesis).order_by("order").first()
        paths += reading_paths(thesis, first.pk, first.order)
    return {"edited": edited, "passages": list(passages[:EDITED_PASSAGES]), "read": list(read), "paths": paths}


if __name__ == "__main__":
    print(json.dumps(plan()))
