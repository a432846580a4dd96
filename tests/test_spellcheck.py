"""Kazakh spell-checking: which words are checked, the inflection model, and the suggestions' ranking."""

import pytest

from thesis.text import loanwords, spellcheck

from .conftest import skip_or_fail

SEED_MISSPELLINGS = {
    "қауіпсіздіздігі": "қауіпсіздігі",
    "мүмкіндектірінің": "мүмкіндіктерінің",
    "ядорлық": "ядролық",
    "орналысқан": "орналасқан",
    "тәуілсіздік": "тәуелсіздік",
    "Республикасынының": "Республикасының",
    "халытың": "халықтың",
    "бейбйтшілік": "бейбітшілік",
    "Халқаралық": "Халықаралық",
    "табыылады": "табылады",
    "мдделерін": "мүдделерін",
    "элементттерінің": "элементтерінің",
    "аймақққа": "аймаққа",
    "процесстерінде": "процестерінде",
    "институтарды": "институттарды",
    "қсаясатын": "саясатын",
    "Ирактын": "Ирақтың",
}
# Thesis words the Hunspell dictionary rejects on its own, that the inflection model must accept.
SEED_CORRECT = [
    "дипломатияның",
    "дипломатиясы",
    "қауіпсіздікті",
    "қауіпсіздігін",
    "мүдделерін",
    "ядролық",
    "мемлекеттерімен",
    "министрлерінің",
    "аймақтықпен",
    "көшбасшылығына",
    "тереңдету",
    "процестерінде",
    "компромистерге",
    "институттарды",
    "тарихтың",
    "бақыламауы",
    "десек",
    "Ресей",
]


@pytest.fixture(scope="module")
def speller():
    speller, problem = spellcheck.load_speller()
    if speller is None:
        skip_or_fail(f"the Kazakh Hunspell dictionary (Debian hunspell-kk, libenchant-2-2): {problem}")
    return speller


@pytest.mark.parametrize(("wrong", "right"), SEED_MISSPELLINGS.items())
def test_seed_misspellings_are_rejected_with_the_right_correction(speller, wrong, right):
    assert not speller.accepts(wrong)
    assert right in spellcheck.suggestions(wrong, speller, vocabulary={"мүдделерін", "халықтың"})


@pytest.mark.parametrize("word", SEED_CORRECT)
def test_inflected_forms_are_accepted(speller, word):
    assert speller.accepts(word)


def test_the_usual_slips_rank_first(speller):
    assert spellcheck.suggestions("қауіпсіздіздігі", speller)[0] == "қауіпсіздігі"
    assert spellcheck.suggestions("аймақққа", speller)[0] == "аймаққа"
    assert spellcheck.suggestions("Ирактын", speller)[0] == "Ирақтың"


def test_vocabulary_of_the_thesis_lifts_a_candidate(speller):
    assert spellcheck.suggestions("мдделерін", speller, vocabulary={"мүдделерін"})[0] == "мүдделерін"


def test_checkable_words_skip_non_words():
    text = "БҰҰ-ның [12] ХХI ғасыр, т.б. ғғ. Ж.Серре 1992 ж, АҚШ-тың NATO сөздер"
    words = [word for _start, _end, word in spellcheck.checkable_words(text, skip={"серре"})]
    assert words == ["ғасыр", "сөздер"]


def test_checkable_words_give_offsets():
    text = "Бір сөз"
    assert [(s, e, text[s:e]) for s, e, _w in spellcheck.checkable_words(text)] == [(0, 3, "Бір"), (4, 7, "сөз")]


def test_distance_is_cheap_for_layout_slips():
    assert spellcheck.distance("Ирактын", "Ирақтың") < spellcheck.distance("Ирактын", "Трактын")
    assert spellcheck.distance("аймақққа", "аймаққа") < 1


class FakeDictionary:
    """A dictionary of a few words, for tests that must not depend on Hunspell."""

    def __init__(self, words):
        self.words = set(words)

    def check(self, word):
        return word in self.words

    def suggest(self, word):
        return []


def test_speller_works_with_any_dictionary():
    speller = spellcheck.Speller(FakeDictionary({"кітап", "оқу"}), extra=frozenset())
    assert speller.accepts("кітаптар") and speller.accepts("кітабы") and speller.accepts("оқыды")
    assert not speller.accepts("кітапттар")
    assert "кітаптар" in spellcheck.suggestions("кітапттар", speller)


class CountingDictionary(FakeDictionary):
    """A fake dictionary that counts what it is asked: each correction asks it many times."""

    def __init__(self, words):
        super().__init__(words)
        self.asked = 0

    def check(self, word):
        self.asked += 1
        return super().check(word)


class DictStore:
    """A shared store as the cache is one: get and set by key."""

    def __init__(self, entries: dict):
        self.entries = entries

    def get(self, key):
        return self.entries.get(key)

    def set(self, key, value, timeout):
        self.entries[key] = value


def test_corrections_worked_out_in_one_process_serve_the_next_from_the_shared_store():
    store = {}
    shared = DictStore(store)
    first = spellcheck.Speller(CountingDictionary({"кітап"}), extra=frozenset(), store=shared)
    worked_out = first.corrections("кітапттар")
    assert "кітаптар" in worked_out and len(store) == 1
    later = spellcheck.Speller(CountingDictionary({"кітап"}), extra=frozenset(), store=shared)
    assert later.corrections("кітапттар") == worked_out and later.dictionary.asked == 0
    # Corrections depend on the words accepted beyond Hunspell's: another set is another key.
    attesting = later.attesting(["кітапхана"])
    assert attesting.store is shared and attesting.store_key("кітапттар") != later.store_key("кітапттар")
    attesting.corrections("кітапттар")
    assert len(store) == 2 and later.dictionary.asked > 0


def test_missing_dictionary_is_reported(settings):
    speller, problem = spellcheck.load_speller("xx_NOPE")
    assert speller is None and "xx_NOPE" in problem


# --- the rules for possible errors and the confidences, on small word lists -----------------------


class ListedDictionary(FakeDictionary):
    """A fake dictionary that also makes suggestions, as Hunspell does."""

    def __init__(self, words, suggestions=None):
        super().__init__(words)
        self.made = suggestions or {}

    def suggest(self, word):
        return self.made.get(word, [])


def small_speller(*words, suggestions=None):
    return spellcheck.Speller(ListedDictionary(set(words), suggestions), extra=frozenset())


def test_the_third_persons_possessive_takes_its_cases_with_n():
    speller = small_speller("мерзім", "мерзімі")
    assert speller.accepts("мерзімін") and speller.accepts("мерзіміне") and speller.accepts("мерзімінде")
    assert not speller.accepts("мерзіміді") and not speller.accepts("мерзімідан")


def test_a_suffix_written_twice_is_a_possible_error():
    speller = small_speller("тұрақсыз", "тұрақсыздық")
    assert speller.accepts("тұрақсыздықтық")  # the model reads it as two suffixes
    assert spellcheck.likely_slips("тұрақсыздықтық", speller) == {"тұрақсыздық": spellcheck.DOUBLED_SUFFIX_COST}
    assert spellcheck.doubled_suffix_fixes("халықтық") == []  # халық is a stem, not -лық


def test_n_for_ng_inside_the_stem_is_a_possible_error_but_not_in_the_endings():
    speller = small_speller("көңіл", "көну", "кепіл", "кепілің")
    assert speller.accepts("көніл")  # көн-іл, "be agreed"
    assert "көңіл" in spellcheck.likely_slips("көніл", speller)
    assert speller.accepts("кепілін") and spellcheck.likely_slips("кепілін", speller) == {}


def test_a_dropped_syllable_is_a_possible_error_when_the_text_has_the_fuller_word():
    speller = small_speller("ерекше", "ерекшелік")
    fuller = spellcheck.fuller_forms(["ерекшеліктерін", "дипломатиясының"])
    assert fuller["ерекшелерін"] == {"ерекшеліктерін"}
    assert "дипломатияның" not in fuller  # a possessive dropped is another form, not a slip
    assert spellcheck.likely_slips("ерекшелерін", speller, fuller) == {"ерекшеліктерін": 0.6}


def test_a_word_the_dictionary_knows_is_never_a_likely_slip():
    speller = small_speller("тұрақсыз", "тұрақсыздық", "тұрақсыздықтық")
    assert spellcheck.likely_slips("тұрақсыздықтық", speller) == {}


def test_real_word_errors_beside_a_frequent_fuller_form():
    counts = {"республикасының": 9, "республикасың": 1, "саясаты": 6, "саясатын": 1, "негізгі": 5, "негізі": 1}
    errors = spellcheck.real_word_errors(counts)
    assert errors["республикасың"][0] == "республикасының"
    # A dropped ending is another form, and an unlike letter another word.
    assert "саясатын" not in errors and "саясат" not in errors and "негізі" not in errors


def test_real_word_errors_need_a_frequent_look_alike():
    assert spellcheck.real_word_errors({"республикасының": 2, "республикасың": 1}) == {}
    assert spellcheck.real_word_errors({"республикасының": 9, "республикасың": 2}) == {}
    # A layout slip one letter away counts too: к typed for қ.
    assert spellcheck.real_word_errors({"қазақ": 5, "казақ": 1})["казақ"][0] == "қазақ"


def test_an_acronym_in_small_letters():
    assert spellcheck.acronym_slip("Ақш", {"АҚШ", "БҰҰ"}) == "АҚШ"
    assert spellcheck.acronym_slip("Ерекше", {"ЕРЕКШЕ"}) is None  # a heading in capitals, not an acronym
    assert spellcheck.acronym_slip("АҚШ", {"АҚШ"}) is None


def test_possible_corrections_come_less_sure_than_certain_ones():
    speller = small_speller("республика", "республикасы")
    evidence = spellcheck.Evidence.of(["Республикасының"] * 9 + ["Республикасың"])
    ((fix, confidence),) = spellcheck.possible_corrections("Республикасың", speller, evidence)
    assert fix == "Республикасының" and confidence <= spellcheck.POSSIBLE_PRIOR
    assert spellcheck.possible_corrections("Республикасының", speller, evidence) == []


def test_attested_spellings_are_accepted_with_their_inflections():
    speller = small_speller("кувейт")
    attesting = speller.attesting(["Ирактың", "Кувейтке"])
    assert attesting.accepts("Ирактың") and attesting.accepts("Иракты") and not speller.accepts("Иракты")
    assert speller.attesting(["Ирактың"]) is speller.attesting(["Ирактың"])  # one speller per set, kept warm
    assert speller.attesting(["Кувейт"]) is speller  # nothing new to accept


def test_a_prefix_written_onto_a_word():
    speller = small_speller("әскери", "ресми")
    assert speller.accepts("бейәскери") and speller.accepts("бейресми") and not speller.accepts("бейәскр")


def test_a_split_that_leaves_a_bare_syllable_costs_more():
    assert spellcheck.split_cost("қай наркөзі") > spellcheck.split_cost("қайнар көзі") > 0
    assert spellcheck.split_cost("қайнаркөзі") == 0


def test_confidence_follows_the_cost_and_the_margin():
    clear = dict(spellcheck.confidences({"аймаққа": 0.2, "аймақта": 1.4}))
    close = dict(spellcheck.confidences({"қайнар көзі": 1.8, "қай наркөзі": 1.8}))
    assert clear["аймаққа"] > 0.8 > 0.1 > clear["аймақта"]
    assert close["қайнар көзі"] == close["қай наркөзі"] < 0.2
    assert spellcheck.confidences({"далеко": 3.5}) == []
    assert all(0 <= c <= 1 for _s, c in spellcheck.confidences({"a": -0.3, "b": 0.0}))


def test_the_curated_spelling_ranks_first(speller):
    attesting = speller.attesting(["Ирактың"])
    ranked = spellcheck.ranked_suggestions("Ирактын", attesting, vocabulary={"Ирактың"})
    assert ranked[0][0] == "Ирактың" and ranked[0][1] > ranked[1][1]


def test_hunspell_first_choice_unless_it_splits(speller):
    assert spellcheck.suggestions("мерзіміді", speller)[0] == "мерзімді"
    assert spellcheck.suggestions("қайнаркөзі", speller)[0] == "қайнар көзі"


def test_only_the_latest_attesting_spellers_are_kept():
    speller = small_speller("кувейт")
    first = speller.attesting(["Ирак"])
    for letter in "абвгдежзийклмнопрс"[: spellcheck.ATTESTING_KEPT]:
        speller.attesting([f"Ирак{letter}"])
    assert speller.attesting(["Ирак"]) is not first


def test_a_run_of_letters_longer_than_any_word_gets_no_corrections_and_costs_little(speller):
    """Its variants grow with the square of its length: a fuzzed import of a few thousand confusable
    letters filled the machine's memory."""
    assert spellcheck.corrections("қ" * 5000, speller) == {}
    assert "дипломатиялық" in spellcheck.corrections("дипломатиялык", speller)


def test_the_names_and_terms_a_text_establishes_and_its_sentences_in_russian():
    texts = ["Бұл жерде Фараби айтқан. Біз Фараби мен «Ресей» туралы жаздық.", "Қазақстан мен Ресей. Кітап оқыдық."]
    assert spellcheck.established_names(texts) == {"фараби", "ресей"}
    assert spellcheck.names_inside_sentences(["Ол Рудаки мен Сина туралы айтты. Сина да."]) == {"рудаки", "сина"}
    assert spellcheck.own_terms(["көпвекторлы", "Көпвекторлы", "көпвекторлы", "бойныша"]) == {"көпвекторлы"}
    text = "Статья опубликована в рамках журнала\nБұл мақала жазылды. В данном проекте рассмотрена модернизация."
    # The header's line has no period of its own: it is read as a line as well as in sentences.
    assert [text[a:b].strip() for a, b in spellcheck.foreign_sentences(text)] == [
        "Статья опубликована в рамках журнала",
        "В данном проекте рассмотрена модернизация",
    ]


# --- loanwords, compounds, abbreviations and the slips they must not hide -----------------------------


@pytest.mark.parametrize(
    "word",
    ["эпицентрінде", "стохастикалық", "телекоммуникация", "консулдық", "полиэтникалық", "ортағасырлық", "дүниежүзілік"],
)
def test_loanwords_and_compounds_are_accepted(speller, word):
    if speller.russian is None and word not in ("ортағасырлық", "дүниежүзілік"):
        skip_or_fail("the Russian Hunspell dictionary (Debian hunspell-ru)")
    assert speller.accepts(word)


@pytest.mark.parametrize("word", ["сыртқысаясат", "Казакстанның", "Халқаралық", "Құлиеленушілік"])
def test_run_together_words_and_russian_keyboard_spellings_stay_rejected(speller, word):
    assert not speller.accepts(word)


def test_a_russian_word_kazakh_spells_with_its_own_letters_is_a_slip():
    """казак is Russian, but қазақ is the Kazakh word a Russian keyboard typed so."""
    speller = spellcheck.Speller(
        FakeDictionary({"қазақ"}), extra=frozenset(), russian=FakeDictionary({"казак", "консул"})
    )
    assert speller.accepts("консулдық")
    assert not speller.accepts("казактың")


def test_without_the_russian_dictionary_no_stem_is_a_loanword():
    speller = spellcheck.Speller(FakeDictionary({"қазақ"}), extra=frozenset(), russian=None)
    assert not speller.accepts("консулдық")
    assert loanwords.load_russian("xx_NOPE") is None


def test_abbreviations_names_and_numbers_are_not_checked():
    text = (
        "ҚР мен БҰҰ, ТМД және ЕҚЫҰ 1991-жылы XV-ғасырдағы ХХ ғасыр туралы ҚазҰУ-да https://mfa.gov.kz, "
        "info@mfa.kz. А.И.Левшин мен Ә.Марғұланның, Тоқаевтың еңбегі, Рашид ад-Диннің жинағы."
    )
    words = [word for _s, _e, word in spellcheck.checkable_words(text)]
    assert {"мен", "жылы", "ғасыр", "еңбегі", "жинағы"} <= set(words)
    assert not {"ҚР", "БҰҰ", "ТМД", "ЕҚЫҰ", "ХХ", "ҚазҰУ", "Левшин", "Марғұланның", "Тоқаевтың", "ад"} & set(words)
    assert not any(letter.isascii() for word in words for letter in word)


def test_stored_corrections_are_kept_apart_by_rules_version_and_russian_dictionary():
    """Corrections stored before the loanword rules, or by a process without the Russian dictionary,
    are not read back by one that would answer otherwise."""
    without = spellcheck.Speller(FakeDictionary({"кітап"}), extra=frozenset())
    with_russian = spellcheck.Speller(FakeDictionary({"кітап"}), extra=frozenset(), russian=FakeDictionary(set()))
    assert without.store_key("кітапп").startswith("corrections:3:")
    assert without.store_key("кітапп") != with_russian.store_key("кітапп")


def test_a_sentence_of_every_class_flags_only_its_slips(speller):
    """Loanwords with endings, compounds, abbreviations and dates pass; two words run together and a
    Kazakh word typed on a Russian keyboard do not."""
    if speller.russian is None:
        skip_or_fail("the Russian Hunspell dictionary (Debian hunspell-ru)")
    text = (
        "Жер сілкінісінің эпицентрінде ортағасырлық қалалар мен дүниежүзілік мұра бар. ҚР мен БҰҰ 1991-жылы "
        "дипломатиялық-консулдық қарым-қатынас орнатты, бірақ сыртқысаясат пен Казакстанның стохастикалық "
        "бағыты өзгерді."
    )
    rejected = [word for _s, _e, word in spellcheck.checkable_words(text) if not speller.accepts(word)]
    assert rejected == ["сыртқысаясат", "Казакстанның"]


@pytest.mark.parametrize("word", ["халықаралалық", "ортағасрлық", "дүниежүзлік"])
def test_a_doubled_syllable_or_a_dropped_letter_is_no_compound(speller, word):
    assert not speller.accepts(word)


@pytest.mark.parametrize("word", ["менен", "менмен", "Менен"])
def test_a_word_that_repeats_a_case_ending_from_its_first_letter_is_judged_not_crashed_on(speller, word):
    # Its repeated chunk leaves the ending (мен) alone as the stem, with no word before it for Hunspell to check.
    assert spellcheck.ranked_suggestions(word, speller, ()) is not None
