"""The importer's evaluation: scoring facts against a gold file, and the command that leaves nothing behind."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from thesis.ingest.evaluation import Score, citation_key, first_words, gold_facts, score
from thesis.models import SourceDocument, Thesis

EVALUATION = Path(__file__).resolve().parent.parent / "fixtures" / "evaluation"


def test_score_counts_right_missed_and_wrong_as_multisets():
    assert score(Counter(["a", "a", "b"]), Counter(["a", "c"])) == Score(right=1, missed=2, wrong=1)
    assert Score(3, 1, 1).recall == 0.75 and Score(3, 1, 1).wrong_share == 0.25
    assert Score(0, 0, 0).recall == 1.0 and Score(0, 0, 0).wrong_share == 0.0


def test_facts_are_keyed_by_their_words_whatever_the_punctuation_and_case():
    assert first_words("«Шанхай» ынтымақтастық ұйымы, 2001 жылы құрылды. Оның") == first_words(
        "ШАНХАЙ ынтымақтастық ұйымы 2001 жылы құрылды"
    )
    assert citation_key([4, 3], "с. 34", "ұйымға толық мүше болды.") == ((3, 4), "с 34", "ұйымға толық мүше болды")


def test_a_kind_the_gold_leaves_out_is_not_scored():
    facts = gold_facts({"people": ["Тоқаев"], "events": [1991, [1945, 1991]]})
    assert set(facts) == {"people", "events"}
    assert facts["events"] == Counter({(1991, 1991): 1, (1945, 1991): 1})


@pytest.mark.django_db
def test_the_command_scores_every_document_and_leaves_the_archive_as_it_was(capsys):
    call_command("evaluate_import", str(EVALUATION), "--json")
    report = json.loads(capsys.readouterr().out)
    assert len(report["documents"]) == len(list(EVALUATION.glob("*.gold.json"))) >= 10
    assert report["total"]["citations"]["right"] > 0
    assert not Thesis.objects.exists() and not SourceDocument.objects.exists()


@pytest.mark.django_db
def test_the_command_fails_below_the_bar_it_is_given():
    gold = EVALUATION / "word-wrapped-article.kk.gold.json"
    call_command("evaluate_import", str(gold), "--min-recall", "0")
    with pytest.raises(CommandError, match="below the bar"):
        call_command("evaluate_import", str(gold), "--min-recall", "1.01")


@pytest.mark.django_db
def test_a_gold_file_that_cannot_be_read_stops_the_command_before_any_import(tmp_path):
    (tmp_path / "broken.gold.json").write_text('{"people": [', encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was evaluated: broken.gold.json"):
        call_command("evaluate_import", str(tmp_path))
    (tmp_path / "broken.gold.json").write_text('{"persons": []}', encoding="utf-8")
    with pytest.raises(CommandError, match="unknown keys"):
        call_command("evaluate_import", str(tmp_path))
    assert not Thesis.objects.exists()
