"""The edition's teiHeader: what the thesis is, how its text was read and corrected, and every change."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from thesis.history import public_name

from ...text.citetree import depth
from ...text.normalisation import Layout
from .records import Records
from .xml import E, note_in, notes_in_languages, present, with_id, with_lang

ARCHIVE = "Thesis archive"
TITLE_PROPERTY = "http://purl.org/dc/terms/title"
TYPE_PROPERTY = "http://purl.org/dc/terms/type"
SECTION_LEVEL = {"unit": "section", "match": "/TEI/text/body/div", "use": "@n"}
PART_LEVEL = {"unit": "part", "match": "*[self::p or self::div]", "use": "@n", "delim": "."}
# A unit's kind, the same the DTS navigation gives as its citeType (a div's @type is its kind).
KIND = "if (self::p) then 'paragraph' else string(@type)"
LANGUAGE_NAMES = {"kk": "Қазақ тілі"}
CHANGE_TYPES = {"+": "created", "~": "changed", "-": "deleted"}

# How the reading text was made from the transcription, by what its line breaks stand for.
NORMALISATION = {
    Layout.LOST_PERIOD: {
        "kk": (
            "Транскрипция мәтінді әрбір «. » белгісінде бөліп, сол екі таңбаны түсіріп тастаған. Сондықтан "
            "абзац ішіндегі жол үзілісі жоғалған «. » белгісінің орнына қалпына келтіріледі (бұл бөлініп қалған "
            "қысқартуларды да біріктіреді: «т.б» + «жатады» – «т.б. жатады»); нүктемен аяқталған жол келесі жолға "
            "бір бос орын арқылы қосылады; қатар тұрған бос орындар мен табуляциялар бір бос орынға айналады. "
            "Басқа ештеңе үнсіз өзгертілмейді. Әрбір қалпына келтіру choice элементімен белгіленген: orig – "
            "транскрипциядағы жол үзілісі (lb), reg – оның орнына қойылған мәтін."
        ),
        "en": (
            'The transcription cut the text at every ". " and dropped those two characters. A line break inside '
            'a paragraph therefore stands for a lost ". " and is restored as one (which also rejoins abbreviations '
            'the cut split: "т.б" + "жатады" gives "т.б. жатады"); a line that still ends in terminal '
            "punctuation is joined to the next with a space; runs of spaces and tabs become one space. Nothing else "
            "is changed silently. Each restoration is a choice: orig holds the transcription's line break (lb), reg "
            "what the reading text has in its place."
        ),
    },
    Layout.WRAP: {
        "kk": (
            "Транскрипциядағы жолдар белгілі бір енге жеткенде үзілген (Word немесе PDF файлынан түрлендірілген). "
            "Сондықтан абзац ішіндегі жол үзілісі бір бос орынға айналады; қатар тұрған бос орындар мен "
            "табуляциялар да бір бос орынға айналады. Басқа ештеңе үнсіз өзгертілмейді. Әрбір жол үзілісі choice "
            "элементімен белгіленген: orig – транскрипциядағы жол үзілісі (lb), reg – оның орнына қойылған бос орын."
        ),
        "en": (
            "The transcription's lines were wrapped at a width (a conversion from Word or PDF). A line break inside "
            "a paragraph therefore stands for a space and is read as one; runs of spaces and tabs become one space. "
            "Nothing else is changed silently. Each line break is a choice: orig holds the transcription's line "
            "break (lb), reg the space the reading text has in its place."
        ),
    },
    Layout.LINE: {
        "kk": (
            "Абзац ішіндегі жолдар – мәтіннің өз жолдары (өлең, тізім, мекенжай), сондықтан әрбір жол үзілісі "
            "барлық оқылымда сақталып, lb элементімен белгіленген; қатар тұрған бос орындар мен табуляциялар бір "
            "бос орынға айналады. Басқа ештеңе үнсіз өзгертілмейді."
        ),
        "en": (
            "The lines inside a paragraph are the text's own (verse, a list, an address), so each line break is "
            "kept in every reading, as an lb; runs of spaces and tabs become one space. Nothing else is changed "
            "silently."
        ),
    },
}
# Said after every layout's own note: the spacing the reading text folds is kept in the orig.
SPACING = {
    "kk": (
        "Бос орындар мен табуляциялардың әрбір жинақталған тізбегі де choice элементімен белгіленген: orig – "
        'транскрипциядағы күйі (xml:space="preserve"), reg – оқу мәтініндегі бір бос орын (абзац басы мен '
        "соңында – ештеңе); сондықтан orig элементтері транскрипцияны байтына дейін дәл қайтарады."
    ),
    "en": (
        'Every run of spaces and tabs folded is a choice too: orig holds it as typed (xml:space="preserve"), '
        "reg the one space the reading text has (nothing at a paragraph's ends), so that the orig elements give "
        "back the transcription byte for byte."
    ),
}
CORRECTION = {
    "kk": (
        "Қалған қателерді (емле қателері, нүктеден кейінгі түсіп қалған бос орын, кирилл сөздерінің ішіндегі "
        "латын әріптері, қайталанған тыныс белгілері) редакторлар түзетеді; әр түзетудің себебі жазылып, "
        "revisionDesc бөлімінде сақталады. Транскрипциядан алынған мәтін мен қазіргі мәтіннің сөз деңгейіндегі "
        "айырмашылығы choice элементімен белгіленген: sic – бұрынғы сөздер, corr – редактордың түзетуі "
        "(resp – мәтінді өзгерткен редакторлар)."
    ),
    "en": (
        "Every other error (misspellings, missing spaces after periods, Latin letters inside Cyrillic words, "
        "doubled punctuation) is left to editors, who give a reason for each change; every change is listed in "
        "the revisionDesc. The word-level difference between the reading derived from the transcription and the "
        "current text is a choice: sic holds the words as derived, corr the editors' correction (resp, the "
        "editors who changed the passage's text)."
    ),
}


def header(records: Records, base_url: str | None, targets: set[str]):
    """The teiHeader; `targets` are the xml:ids of the document a change may point at."""
    revisions = _revisions(records, targets)
    return E.teiHeader(
        _file_description(records, base_url),
        _encoding_description(records),
        E.profileDesc(E.langUsage(_language(records.thesis.language)), *_described(records.thesis)),
        # TEI requires a revisionDesc to hold a change: a thesis written without history has none.
        *([revisions] if len(revisions) else []),
    )


def edition_url(thesis_id: int, base_url: str | None) -> str:
    """The edition's permanent address: absolute with the site's root, else the path alone."""
    path = reverse("api:thesis-tei", kwargs={"pk": thesis_id})
    return f"{base_url.rstrip('/')}{path}" if base_url else path


def _file_description(records: Records, base_url: str | None):
    thesis = records.thesis
    return E.fileDesc(
        E.titleStmt(with_lang(E.title(thesis.title), thesis.language), *_makers(thesis), *_editors(records)),
        E.publicationStmt(
            E.publisher(ARCHIVE), E.idno(edition_url(thesis.pk, base_url), type="URI"), *present(_availability())
        ),
        E.sourceDesc(_source(records)),
    )


def _availability():
    """The licence the settings give, or None when they give none."""
    url, text = settings.TEI_LICENCE_URL, settings.TEI_LICENCE_TEXT
    if not (url or text):
        return None
    return E.availability(E.licence(text or url, **({"target": url} if url else {})))


def _names(thesis) -> list[str]:
    return [name for name in thesis.author_names if isinstance(name, str) and name.strip()]


def _makers(thesis) -> list:
    """The work's authors and its supervisor, as its title page or curation names them."""
    makers = [E.author(name) for name in _names(thesis)]
    if thesis.supervisor:
        makers.append(E.respStmt(E.resp("supervision"), E.persName(thesis.supervisor)))
    return makers


def _described(thesis) -> list:
    """The profileDesc's abstract (a paragraph each) and keywords, where the front matter gives them."""
    found = []
    if paragraphs := [text for text in thesis.abstract.split("\n\n") if text.strip()]:
        found.append(E.abstract(*(E.p(text) for text in paragraphs)))
    if terms := [term for term in thesis.keywords if isinstance(term, str) and term.strip()]:
        found.append(E.textClass(E.keywords(*(E.term(term) for term in terms))))
    return found


def _published(thesis) -> list:
    """Where and when the work was written and for which institution, as its source's bibl says."""
    return present(
        E.publisher(thesis.institution) if thesis.institution else None,
        E.pubPlace(thesis.place) if thesis.place else None,
        E.date(str(thesis.year), when=f"{thesis.year:04d}") if thesis.year else None,
    )


def _editors(records: Records):
    users = {row.history_user_id: row.history_user for row in records.history if row.history_user_id}
    for user_id, user in sorted(users.items()):
        name = public_name(user)
        responsibility = E.resp("correction of the transcription")
        yield with_id(E.respStmt(responsibility, E.persName(name)), f"editor-{user_id}")


def _source(records: Records):
    thesis, document = records.thesis, records.thesis.source_document
    with translation.override("en"):
        kind = str(thesis.get_kind_display())
    completeness = "complete" if thesis.is_complete else "fragment"
    # The header speaks English: the English note goes with the state, and the Kazakh one after it.
    if thesis.completeness_note_en:
        completeness = f"{completeness}: {thesis.completeness_note_en}"
    children = present(
        with_lang(E.title(thesis.title), thesis.language),
        *_makers(thesis),
        *_published(thesis),
        *notes_in_languages(thesis, "title_note", type="title"),
        note_in(kind, "en", type="kind"),
        E.textLang(LANGUAGE_NAMES.get(thesis.language, thesis.language), mainLang=thesis.language),
        note_in(completeness, "en", type="completeness"),
        note_in(thesis.completeness_note, "kk", type="completeness"),
        E.idno(document.file_name, type="filename"),
        E.idno(document.sha256, type="SHA-256"),
    )
    return E.bibl(*children, type=thesis.kind)


def _encoding_description(records: Records):
    texts = NORMALISATION[Layout(records.thesis.line_breaks)]
    normalisation = [with_lang(E.normalization(E.p(f"{text} {SPACING[lang]}")), lang) for lang, text in texts.items()]
    correction = [with_lang(E.correction(E.p(text)), lang) for lang, text in CORRECTION.items()]
    return E.encodingDesc(
        E.editorialDecl(*normalisation, *correction),
        E.refsDecl(*_cite_structure(depth(records.tree)), default="true"),
    )


def _language(code: str):
    return E.language(LANGUAGE_NAMES.get(code, code), ident=code)


def _cite_structure(levels: int) -> list:
    """The refsDecl's citeStructure for a tree this many levels deep: the sections, then one level
    per depth below them that matches a paragraph and a subsection alike, each unit's kind and
    heading in citeData.

    One inner level rather than one per kind, because a client resolving a reference takes the first
    structure whose pattern fits (MyDapytains, the DTS reference implementation, does), and a
    paragraph and a subsection are cited alike: with a level for each, "1.4" is looked for among the
    paragraphs even where it is a subsection."""
    if not levels:
        return []
    top = inner = _level(SECTION_LEVEL)
    for _ in range(levels - 1):
        inner.append(_level(PART_LEVEL))
        inner = inner[-1]
    return [top]


def _level(attributes: dict):
    return E.citeStructure(
        E.citeData(property=TYPE_PROPERTY, use=KIND), E.citeData(property=TITLE_PROPERTY, use="head"), **attributes
    )


def _revisions(records: Records, targets: set[str]):
    """One change per edit, newest first: each editor's save on its own, and each automatic step (the
    import, a source first cited, a repeated import's additions) once, at its last record's time."""
    automatic: dict[str, list] = {}
    changes = []
    for row in records.history:
        if row.history_user_id is None:
            automatic.setdefault(row.history_change_reason or "", []).append(row)
        else:
            changes.append((row.history_date, _change(row, targets)))
    for reason, rows in automatic.items():
        changes.append((rows[-1].history_date, E.change(reason, when=rows[-1].history_date.isoformat())))
    changes.sort(key=lambda change: change[0], reverse=True)
    return E.revisionDesc(*(change for _, change in changes))


def _change(row, targets: set[str]):
    attributes = {"when": row.history_date.isoformat(), "who": f"#editor-{row.history_user_id}"}
    attributes["type"] = CHANGE_TYPES[row.history_type]
    if row.target in targets:
        attributes["target"] = f"#{row.target}"
    return E.change(row.history_change_reason or "", **attributes)
