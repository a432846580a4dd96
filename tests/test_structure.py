"""The structure a thesis declares and whether its text is complete."""

from thesis.text.structure import completeness, completeness_note_kk, declared_structure, ends_mid_sentence

SEED_SENTENCE = "Диплом жұмысының құрылымы кіріспеден, екі тараудан, қорытындыдан және әдебиеттер тізімінен тұрады."


def test_declared_structure_of_the_seed():
    assert declared_structure(["басқа мәтін", SEED_SENTENCE]) == [
        {"kind": "introduction"},
        {"kind": "chapter", "count": 2},
        {"kind": "conclusion"},
        {"kind": "bibliography"},
    ]


def test_no_declaration():
    assert declared_structure(["мәтін"]) == []


def test_ends_mid_sentence():
    assert ends_mid_sentence("Иракты ...........")
    assert ends_mid_sentence("сөйлем")
    assert not ends_mid_sentence("сөйлем.")


def test_fragment_is_incomplete_and_says_what_is_missing():
    declared = declared_structure([SEED_SENTENCE])
    complete, note = completeness(declared, ["introduction", "chapter", "section"], ["1"], "Иракты ....")
    assert not complete
    assert note == "The text breaks off mid-sentence. Missing: chapter 2, the conclusion, the bibliography."
    kazakh = completeness_note_kk(declared, ["introduction", "chapter", "section"], ["1"], "Иракты ....")
    assert kazakh == (
        "Мәтін сөйлемнің ортасында үзіледі. Жоқ бөліктер: 2-тарау, қорытынды, пайдаланылған әдебиеттер тізімі."
    )


def test_whole_text_is_complete():
    declared = declared_structure([SEED_SENTENCE])
    kinds = ["introduction", "chapter", "chapter", "conclusion", "bibliography"]
    assert completeness(declared, kinds, ["1", "2"], "Соңы.") == (True, "")
    assert completeness_note_kk(declared, kinds, ["1", "2"], "Соңы.") == ""
