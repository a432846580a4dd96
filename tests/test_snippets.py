"""Snippets round search matches: matches grown to whole words, windows merged, several per text, offsets kept."""

from thesis.text.snippets import MAX_LENGTH, MAX_MARKS, MAX_SNIPPETS, Piece, fold, match_spans, snippets

TEXT = (
    "Қазақстан Республикасының сыртқы саясаты туралы көп жазылды. Саясат бағыттары және саясатын жүргізу "
    "жолдары туралы айтылды, ал ол саясат өте ұзақ уақыт бойы айтылып келген нәрсе еді."
)


def marked(snippet) -> str:
    return "".join(f"[{p.text}]" if p.match else p.text for p in snippet.pieces)


def test_folding_keeps_offsets_and_folds_kazakh_capitals():
    assert fold("ҚАЗАҚ Әл İ") == "қазақ әл İ"
    assert len(fold("İstanbul")) == len("İstanbul")


def test_a_stem_marks_every_inflected_word_it_begins():
    spans = match_spans(TEXT, ["саясат"])
    assert [TEXT[s:e] for s, e in spans] == ["саясаты", "Саясат", "саясатын", "саясат"]


def test_terms_are_folded_and_overlapping_finds_merged():
    spans = match_spans(TEXT, ["САЯСАТ", "сыртқы саясат", " ", ""])
    assert TEXT[spans[0][0] : spans[0][1]] == "сыртқы саясаты"
    assert len(spans) == 4


def test_near_matches_share_a_snippet_and_far_ones_get_their_own():
    spans = match_spans(TEXT, ["Қазақстан", "келген"])
    found = snippets(TEXT, spans, context=20)
    assert len(found) == 2
    assert marked(found[0]).startswith("[Қазақстан] Республикасының")
    assert not found[0].cut_before and found[0].cut_after
    assert found[1].cut_before and "[келген]" in marked(found[1])


def test_snippets_start_and_end_on_whole_words():
    for snippet in snippets(TEXT, match_spans(TEXT, ["жүргізу"]), context=15):
        text = "".join(p.text for p in snippet.pieces)
        assert text == text.strip() and text in TEXT
        start = TEXT.index(text)
        assert start == 0 or TEXT[start - 1] == " "


def test_at_most_the_limit_of_snippets():
    spans = match_spans(TEXT, ["саясат"])
    assert len(snippets(TEXT, spans, context=5, limit=2)) == 2


def test_no_match_shows_the_beginning_unmarked_and_an_empty_text_nothing():
    (only,) = snippets(TEXT, [], context=10)
    assert only.pieces == (Piece("Қазақстан"),) and only.cut_after
    assert snippets("", []) == []


def test_pieces_join_to_the_text_they_cut():
    spans = match_spans(TEXT, ["туралы"])
    for snippet in snippets(TEXT, spans, context=1000):
        assert "".join(p.text for p in snippet.pieces) == TEXT


def test_a_term_found_everywhere_marks_a_bounded_few_in_windows_of_bounded_length():
    text = "а. " * 20000 + "а" * 5000
    spans = match_spans(text, ["а"])
    assert len(spans) == MAX_MARKS
    found = snippets(text, spans)
    assert 1 <= len(found) <= MAX_SNIPPETS
    assert all(sum(len(p.text) for p in snippet.pieces) <= MAX_LENGTH for snippet in found)
    (word,) = match_spans("х" + "а" * 5000, ["а"])  # one long word, marked once, read once
    assert word == (0, 5001)
