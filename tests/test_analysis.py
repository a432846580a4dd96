"""The words search indexes and looks for: folded, in Cyrillic, cut to a stem the lexicon knows."""

import pytest

from thesis.text.analysis import analyse, lexicon_knows, word_spans

needs_lexicon = pytest.mark.skipif(not lexicon_knows("саясат"), reason="Hunspell's Kazakh dictionary is not installed")


@needs_lexicon
@pytest.mark.parametrize(
    ("text", "analysed"),
    [
        ("Саясатының саясаты саясат sayasat", "саясат саясат саясат саясат"),
        ("халық халқы халқының", "халық халық халық"),
        ("орын орны орнына, орнатылған", "орын орын орын орнатылған"),
        ("кез кезде кезінде кездің, кезекте", "кез кез кез кез кезек"),
        ("зал залда залал, жар жарға жарық", "зал зал залал жар жар жарық"),
        ("Назарбаевпен Назарбаевтың", "назарбаев назарбаев"),
        # Two-letter stems the lexicon knows; a plural before other endings; жақсы is no form of жақ.
        ("үйде үйлерінде елдеріміз ішінен", "үй үй ел іш"),
        ("жылдары күндері сөздерін жерлерімен", "жыл күн сөз жер"),
        ("жақсы ақша", "жақсы ақша"),
        # A particle after a hyphen is no compound's part: the word before it is analysed, the particle left out.
        ("заманнан-ақ ата-аналардың", "заман ата ана"),
        ("жанның", "жан"),
        # Of one cut's spellings the word's own stands, though the lexicon takes "мемлекетт" too.
        ("мемлекеттер процестер", "мемлекет процесс"),
        # The case's own allomorph: after a vowel no -ды (бастады is a verb's), after н no -дан.
        ("бастады", "бастады"),
        # A stem ending in two consonants only where the lexicon has its own forms: ел-дің, but ұлт-ы.
        ("Елдің ұлты", "ел ұлт"),
        # A bare equative is an adverb of its own; a two-letter stem ending in a vowel (не) is no noun.
        ("қазақша неге", "қазақша неге"),
        # A noun's к, қ, п is г, ғ, б before a vowel, so жақын is no form of жақ; көбі is көп.
        ("жақын жағы көбі тегі", "жақын жақ көп тек"),
        ("үйіміздің", "үй"),
        ("қарым-қатынастың", "қарым қатынас"),
        ("мəселелер бiлiм шаhар", "мәселе біл шаһар"),
        ("процестер процесс қазағы", "процесс процесс қазақ"),
        ("[3] 50% 2001 жылы", "3 50 2001 жыл"),
    ],
)
def test_each_form_is_analysed_to_the_word_it_stands_for(text, analysed):
    assert analyse(text, lexicon_knows) == analysed


def test_without_a_lexicon_only_names_and_terms_are_cut():
    # A lexicon that knows nothing: every word is cut by the morphology alone, and no short stem is.
    assert analyse("саясатының кезде", lambda word: False) == "саясат кезде"


@needs_lexicon
def test_the_forms_matched_are_marked_in_the_text_as_written():
    text = "Қазақстанның сыртқы САЯСАТЫНЫҢ мақсаты, саясаттанушы."
    spans = word_spans(text, frozenset({"саясат"}), (), lexicon_knows)
    assert [text[start:end] for start, end in spans] == ["САЯСАТЫНЫҢ"]
    spans = word_spans(text, frozenset(), ("саяса",), lexicon_knows)
    assert [text[start:end] for start, end in spans] == ["САЯСАТЫНЫҢ", "саясаттанушы"]
