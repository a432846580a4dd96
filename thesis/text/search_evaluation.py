"""How well passage search finds a word's other forms, measured against a treebank's gold lemmas: its
sentences read from CoNLL-U, the queries and the sentences each should find, and recall and precision.

A query is a word form, case folded, of a noun or adjective (a proper noun's are reported apart) whose
lemma stands in at least two sentences; the sentences it should find are those holding a nominal word
(NOUN, ADJ or PROPN) of its lemma, in whatever form. A word inside a multiword token (a noun with a
copula, "мемлекеттерміз") is known by the token as the text writes it, since that is what a reader
sees and types."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import fmean

# The parts of speech whose words search should find in any form.
NOMINAL = ("NOUN", "ADJ", "PROPN")
# The parts of speech queries are made of, in the order a report lists them; a proper noun's forms
# are queries too, but reported apart from the nouns' and adjectives'.
QUERIED = ("NOUN", "ADJ", "PROPN")
COMMON = ("NOUN", "ADJ")
# A lemma is queried when it stands in this many sentences: one sentence alone has no other form to find.
MIN_SENTENCES = 2
# The groups of queries a report averages over, each by the queries it holds.
GROUPS = ("NOUN+ADJ", "inflected NOUN+ADJ", "NOUN", "ADJ", "PROPN")
# A CoNLL-U word line: ten fields, the first a word's number, a range (a multiword token) or a decimal (an empty node).
FIELDS = 10
RANGE_RE = re.compile(r"(\d+)-(\d+)")


class CoNLLUError(ValueError):
    """A CoNLL-U text that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Word:
    """A syntactic word: its form as the text writes it (a multiword token's whole), lemma and UPOS."""

    form: str
    lemma: str
    upos: str


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Query:
    """A form to search for (folded), the lemma it is a form of (folded), its UPOS, and the indexes of
    the sentences it should find."""

    text: str
    lemma: str
    upos: str
    relevant: frozenset[int]

    @property
    def inflected(self) -> bool:
        return self.text != self.lemma


@dataclass(frozen=True)
class Score:
    """What a search found for a query, against what it should have found."""

    query: Query
    found: frozenset[int]

    @property
    def right(self) -> frozenset[int]:
        return self.found & self.query.relevant

    @property
    def missed(self) -> frozenset[int]:
        return self.query.relevant - self.found

    @property
    def wrong(self) -> frozenset[int]:
        return self.found - self.query.relevant

    @property
    def recall(self) -> float:
        return len(self.right) / len(self.query.relevant) if self.query.relevant else 1.0

    @property
    def precision(self) -> float:
        """The share of what was found that should have been (1.0 when nothing was found: nothing wrong)."""
        return len(self.right) / len(self.found) if self.found else 1.0


@dataclass(frozen=True)
class Summary:
    """The macro averages of a group of queries: each query counts once, however many sentences it should find."""

    queries: int
    recall: float
    precision: float


def fold(text: str) -> str:
    """A form or lemma as search compares it: case folded as the search folds it (str.lower)."""
    return text.lower()


# --- reading CoNLL-U -------------------------------------------------------------------------------


def read_conllu(text: str, source: str = "") -> list[Sentence]:
    """The sentences of a CoNLL-U text, each with its words; a CoNLLUError naming the line of a word
    line that is not ten tab-separated fields. A sentence without a `# text` comment is its tokens
    joined as their SpaceAfter says."""
    sentences, block, first = [], [], 1
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.strip():
            block.append((number, line))
            continue
        if block:
            sentences.append(_sentence(block, f"{source}:{first}"))
        block, first = [], number + 1
    return [sentence for sentence in sentences if sentence.words]


def _sentence(block: list[tuple[int, str]], fallback_id: str) -> Sentence:
    comments = dict(_comment(line) for _number, line in block if line.startswith("#"))
    rows = [(number, _fields(number, line)) for number, line in block if not line.startswith("#")]
    surfaces = _multiword_surfaces(rows)
    words, tokens = [], []
    for _number, fields in rows:
        if RANGE_RE.fullmatch(fields[0]):
            tokens.append((fields[1], fields[9]))
        elif fields[0].isdigit():
            words.append(Word(surfaces.get(fields[0], fields[1]), fields[2], fields[3]))
            if fields[0] not in surfaces:
                tokens.append((fields[1], fields[9]))
    text = comments.get("text") or "".join(form + ("" if "SpaceAfter=No" in misc else " ") for form, misc in tokens)
    return Sentence(comments.get("sent_id") or fallback_id, text.strip(), tuple(words))


def _comment(line: str) -> tuple[str, str]:
    key, _, value = line.lstrip("#").partition("=")
    return key.strip(), value.strip()


def _fields(number: int, line: str) -> list[str]:
    fields = line.split("\t")
    if len(fields) != FIELDS:
        raise CoNLLUError(f"line {number}: a word line has {FIELDS} tab-separated fields, this one {len(fields)}")
    return fields


def _multiword_surfaces(rows) -> dict[str, str]:
    """The form of the multiword token each word inside one belongs to, by the word's number."""
    surfaces = {}
    for number, fields in rows:
        span = RANGE_RE.fullmatch(fields[0])
        if span:
            first, last = int(span[1]), int(span[2])
            if last < first:
                raise CoNLLUError(f"line {number}: the range {fields[0]} ends before it begins")
            surfaces.update({str(word): fields[1] for word in range(first, last + 1)})
    return surfaces


# --- the queries and what each should find ----------------------------------------------------------


def lemma_sentences(sentences: list[Sentence]) -> dict[str, set[int]]:
    """The sentences holding a nominal word of each lemma (folded), by their index."""
    found = defaultdict(set)
    for index, sentence in enumerate(sentences):
        for word in sentence.words:
            if word.upos in NOMINAL:
                found[fold(word.lemma)].add(index)
    return found


def queries(sentences: list[Sentence]) -> list[Query]:
    """Every distinct form of a queried lemma in `sentences`, each with the sentences it should find;
    a form tagged with two parts of speech (an adjective used as a noun) is one query, of the tag it
    has most often. In the order of QUERIED, then by lemma and form."""
    relevant = lemma_sentences(sentences)
    tags: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for sentence in sentences:
        for word in sentence.words:
            if word.upos in QUERIED:
                tags[fold(word.form), fold(word.lemma)][word.upos] += 1
    found = [
        Query(form, lemma, _commonest(counts), frozenset(relevant[lemma]))
        for (form, lemma), counts in tags.items()
        if len(relevant[lemma]) >= MIN_SENTENCES
    ]
    return sorted(found, key=lambda query: (QUERIED.index(query.upos), query.lemma, query.text))


def _commonest(counts: Counter) -> str:
    return min(counts, key=lambda upos: (-counts[upos], QUERIED.index(upos)))


def exact_form(sentences: list[Sentence]) -> dict[str, frozenset[int]]:
    """The baseline: for each form (folded), the sentences holding a word written so, as a search that
    matched only the typed form as a whole word would find them."""
    found = defaultdict(set)
    for index, sentence in enumerate(sentences):
        for word in sentence.words:
            found[fold(word.form)].add(index)
    return {form: frozenset(indexes) for form, indexes in found.items()}


def lemma_forms(sentence: Sentence, lemma: str) -> list[str]:
    """How `sentence` writes the nominal words of `lemma` (folded): what a query missed there."""
    return list(
        dict.fromkeys(word.form for word in sentence.words if word.upos in NOMINAL and fold(word.lemma) == lemma)
    )


# --- scores -----------------------------------------------------------------------------------------


def macro(scores: list[Score]) -> Summary:
    """Recall and precision averaged over the queries (1.0 each over none)."""
    if not scores:
        return Summary(0, 1.0, 1.0)
    return Summary(len(scores), fmean(s.recall for s in scores), fmean(s.precision for s in scores))


def in_group(query: Query, group: str) -> bool:
    if group == "NOUN+ADJ":
        return query.upos in COMMON
    if group == "inflected NOUN+ADJ":
        return query.upos in COMMON and query.inflected
    return query.upos == group


def summaries(scores: list[Score]) -> dict[str, Summary]:
    """The macro averages of each of GROUPS."""
    return {group: macro([s for s in scores if in_group(s.query, group)]) for group in GROUPS}


def worst(scores: list[Score], count: int) -> list[Score]:
    """The `count` queries that did worst: lowest recall first, then lowest precision."""
    failing = [s for s in scores if s.recall < 1 or s.precision < 1]
    return sorted(failing, key=lambda s: (s.recall, s.precision, s.query.text))[:count]
