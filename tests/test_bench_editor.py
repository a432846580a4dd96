"""The benchmark's editor (bench/editor.py): the admin's form read as a browser would send it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from editor import MARK, form_fields, toggled  # noqa: E402

PAGE = """
<form id="logout-form" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="other"></form>
<form enctype="multipart/form-data" method="post" id="passage_form" novalidate>
<input type="hidden" name="csrfmiddlewaretoken" value="token">
<textarea name="text" cols="40">
Бірінші жол &amp; екінші.</textarea>
<input type="text" name="change_reason" value="">
<input type="checkbox" name="ready" id="id_ready">
<input type="checkbox" name="keep" checked>
<select name="status"><option value="unreviewed">u</option><option value="corrected" selected>c</option></select>
<select name="other"><option value="first">1</option><option value="second">2</option></select>
<input type="hidden" name="opened_version" value="3">
<input type="submit" value="Save" name="_save">
</form>
<form id="note"><input name="note" value="n"></form>
"""


def test_the_form_s_fields_are_those_a_browser_sends():
    assert form_fields(PAGE) == {
        "csrfmiddlewaretoken": "token",
        "text": "Бірінші жол & екінші.",
        "change_reason": "",
        "keep": "on",
        "status": "corrected",
        "other": "first",
        "opened_version": "3",
    }


def test_a_save_toggles_the_mark_so_that_two_leave_the_text_as_it_was():
    text = "Мәтін."
    assert toggled(text) == text + MARK
    assert toggled(toggled(text)) == text
