"""The benchmark's edits while reading (bench/run.py): what is counted of the saves and the readers."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from run import edits_summary, restore  # noqa: E402


def save(passage, outcome, ended, seconds=0.5):
    return {"passage": passage, "outcome": outcome, "ended": ended, "seconds": seconds}


def test_only_the_saves_that_ended_while_the_readers_were_measured_count():
    saves = [save(1, "saved", 9.0), save(2, "saved", 10.5), save(3, "refused", 11.0), save(1, "saved", 12.0, 0.2)]
    saves.append(save(2, "saved", 13.5))
    readers = {"requests": 1000, "hits": 960, "rps": 250.0}
    summary = edits_summary(saves, 10.0, 12.0, readers, 1)
    assert summary["saves"] == {"saved": 2, "refused": 1}
    assert summary["saves_per_second"] == 1.0
    assert summary["save_seconds"] == [0.2, 0.5, 0.5]
    assert summary["readers"]["hit_share"] == 0.96
    assert summary["paths_not_read"] == 1


class Recording:
    def __init__(self):
        self.saved = []

    def save(self, passage):
        self.saved.append(passage)
        return "saved"


def test_each_passage_saved_an_odd_number_of_times_is_saved_once_more():
    editor = Recording()
    restore(editor, [save(1, "saved", 1), save(2, "saved", 2), save(1, "saved", 3), save(3, "refused", 4)])
    assert editor.saved == [2]
