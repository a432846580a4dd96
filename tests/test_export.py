"""The export command: the original byte for byte, or the current reading text."""

import pytest
from django.core.management import CommandError, call_command

from thesis.editions.export import RebuildError, current_text, rebuild_original

from .conftest import SEED

pytestmark = pytest.mark.django_db


def test_original_is_the_imported_file_byte_for_byte(seed_thesis, tmp_path):
    target = tmp_path / "original.txt"
    call_command("export_thesis", "original", "--output", str(target))
    assert target.read_bytes() == SEED.read_bytes()


def test_current_text_has_headings_on_their_own_lines(seed_thesis):
    lines = current_text(seed_thesis).split("\n\n")
    assert lines[0] == "КІРІСПЕ"
    assert lines[1].startswith("Бүгінгі таңда")
    assert "Зерттеу жұмысының дерек көздері" in lines
    assert "1 ТАРАУ ДИПЛОМАТИЯ – МЕМЛЕКЕТТІК ҚЫЗМЕТТІҢ ЕРЕКШЕ ТҮРІ" in lines
    assert "1.1 Дипломатиялық Қызметтің Ерекшеліктері" in lines
    assert len(lines) == 15


def test_current_text_carries_editors_corrections(seed_thesis, capsysbinary):
    passage = seed_thesis.passages.get(order=0)
    passage.text = passage.text.replace("ХХI", "ХХІ")
    passage.save()
    call_command("export_thesis", "--thesis", str(seed_thesis.pk))
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "ХХІ ғасырда" in out and "ХХI" not in out
    assert rebuild_original(seed_thesis).encode() == SEED.read_bytes()


def test_a_tampered_span_is_detected(seed_thesis):
    seed_thesis.passages.filter(order=3).update(span_start=0)
    with pytest.raises(RebuildError):
        rebuild_original(seed_thesis)


def test_unknown_thesis_is_an_error(seed_thesis):
    with pytest.raises(CommandError, match="no thesis with id 999"):
        call_command("export_thesis", "--thesis", "999")


def test_no_thesis_is_an_error():
    with pytest.raises(CommandError, match="there are no theses"):
        call_command("export_thesis")
