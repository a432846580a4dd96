"""The archive's domain: theses, their source documents, sections, passages, citations,
sources, people and timeline events."""

import hashlib

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .internals.django_sql import InIds
from .text.markers import MAX_MARKER_LENGTH
from .text.normalisation import Layout
from .text.notes import note_in
from .timeline import TimelineEventQuerySet

# The curated and derived notes are written in Kazakh, the archive's language, each with its English
# in a field beside it; readers get the one in their language (thesis/text/notes.py).
EN_NOTE_HELP = _("The same note in English, for readers of the English interface.")


def note_for(record, field: str, language: str | None) -> tuple[str, str]:
    """(text, language code) of a record's note `field` (Kazakh) or `field`_en for a reader of `language`."""
    return note_in(getattr(record, field), getattr(record, f"{field}_en"), language)


def related_count(model, link: str):
    """How many `model` rows point at each record through `link`, as a subquery per record: unlike
    Count() it needs no GROUP BY over the whole table, so a page costs its own rows only."""
    rows = model.objects.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(number=Count("pk"))
    return Coalesce(Subquery(rows.values("number")), 0)


def latest_history(model, ids) -> Subquery:
    """When the last of the records of `model` with these `ids` was changed, as a subquery."""
    records = model.history.filter(id__in=ids).order_by("-history_date")
    return Subquery(records.values("history_date")[:1])


class ThesisQuerySet(models.QuerySet):
    def without_content(self):
        """With the source document's name and size, not its content, read in the same query."""
        return self.select_related("source_document").defer("source_document__content")

    def with_contents(self):
        """With the sections, each with its passage_count, read in one query for all."""
        return self.prefetch_related(Prefetch("sections", queryset=Section.objects.with_passage_count()))


class SectionQuerySet(models.QuerySet):
    def with_passage_count(self):
        return self.annotate(passage_count=related_count(Passage, "section"))


class PassageQuerySet(models.QuerySet):
    def detail_row(self, pk, columns):
        """A passage's row of `columns`, with the latest change to a name or number it shows of the
        sources it cites and the authors it mentions (sources_changed_at, authors_changed_at)."""
        cited = Citation.objects.filter(passage=OuterRef(OuterRef("pk"))).values("source_id")
        named = Mention.objects.filter(passage=OuterRef(OuterRef("pk"))).values("author_id")
        # No ordering: one row needs none, and the model's would join the thesis to order by it.
        return (
            self.filter(pk=pk)
            .order_by()
            .values(*columns)
            .annotate(
                sources_changed_at=latest_history(Source, cited), authors_changed_at=latest_history(Author, named)
            )
        )

    def last_saved_by(self, user):
        """The passages whose latest version `user` saved."""
        latest = Passage.history.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
        return self.annotate(last_saver=Subquery(latest.values("history_user_id")[:1])).filter(last_saver=user.pk)

    def unclaimed(self, user, now):
        """The passages no editor but `user` holds a claim on at `now`, nor waits for: a passage sent
        back to its editor goes back to them, not to whoever asks for the next passage."""
        held = PassageClaim.objects.holding(now).exclude(editor=user).values("passage_id")
        waiting = PassageNote.objects.standing_send_backs().filter(addressee__isnull=False).exclude(addressee=user)
        return self.exclude(pk__in=held).exclude(pk__in=waiting.values("passage_id"))


class SourceQuerySet(models.QuerySet):
    def with_citation_count(self):
        return self.annotate(citation_count=related_count(Citation, "source"))

    def with_citations(self):
        """With the citations, each with its passage, read in one query for all."""
        return self.prefetch_related(Prefetch("citations", queryset=Citation.objects.select_related("passage")))


class CitationQuerySet(models.QuerySet):
    def of_passage(self, pk):
        """A passage's citations in the order of its text, without joining the passage to order them."""
        return self.filter(passage=pk).order_by("order")


class AuthorQuerySet(models.QuerySet):
    def with_mention_count(self):
        return self.annotate(mention_count=related_count(Mention, "author"))

    def with_mentions(self):
        """With the mentions, each with its passage, read in one query for all."""
        return self.prefetch_related(Prefetch("mentions", queryset=Mention.objects.select_related("passage")))


class MentionQuerySet(models.QuerySet):
    def of_passage(self, pk):
        """A passage's mentions in the order of its text, without joining the passage to order them."""
        return self.filter(passage=pk).order_by("start", "pk")


class SourceDocument(models.Model):
    """An imported file, stored verbatim and never changed."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    content = models.TextField(_("content"), editable=False)
    size_bytes = models.PositiveIntegerField(_("size in bytes"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")

    def __str__(self):
        return f"{self.file_name} ({self.sha256[:12]})"

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()


class Thesis(models.Model):
    class Kind(models.TextChoices):
        DIPLOMA = "diploma", _("diploma work")
        MASTER = "master", _("master's thesis")
        DOCTORAL = "doctoral", _("doctoral dissertation")
        ARTICLE = "article", _("article")

    class LineBreaks(models.TextChoices):
        LOST_PERIOD = Layout.LOST_PERIOD.value, _("a lost “. ”: the transcription was cut at every sentence end")
        WRAP = Layout.WRAP.value, _("a hard wrap: the lines are joined with a space")
        LINE = Layout.LINE.value, _("a line of its own: verse, a list, an address")

    title = models.CharField(_("title"), max_length=500)
    title_note = models.TextField(_("note on the title"), blank=True)
    title_note_en = models.TextField(_("note on the title, in English"), blank=True, help_text=EN_NOTE_HELP)
    language = models.CharField(_("language"), max_length=8, default="kk")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DIPLOMA)
    # What the title page or the article's head says (thesis.text.front_matter), or its curation file.
    author_names = models.JSONField(
        _("authors"), default=list, blank=True, help_text=_("The names of the work's authors, as printed.")
    )
    supervisor = models.CharField(_("supervisor"), max_length=255, blank=True)
    institution = models.CharField(_("institution"), max_length=500, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True, help_text=_("The city the work names."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    abstract = models.TextField(_("abstract"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    declared_structure = models.JSONField(
        _("declared structure"),
        default=list,
        blank=True,
        help_text=_("The parts the text says it has, e.g. introduction, two chapters, conclusion."),
    )
    is_complete = models.BooleanField(_("complete"), default=True)
    completeness_note = models.TextField(_("note on completeness"), blank=True)
    completeness_note_en = models.TextField(_("note on completeness, in English"), blank=True, help_text=EN_NOTE_HELP)
    # How the passages were read from the transcription; changing it would leave them derived otherwise.
    line_breaks = models.CharField(
        _("line breaks inside a paragraph"),
        max_length=16,
        choices=LineBreaks.choices,
        default=LineBreaks.LOST_PERIOD,
        editable=False,
        help_text=_("What a line break inside a paragraph of the transcription stands for, decided on import."),
    )
    source_document = models.OneToOneField(
        SourceDocument, on_delete=models.PROTECT, related_name="thesis", verbose_name=_("source document")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The archive's data version (DataVersion) as it stood after the last change to what the thesis's
    # own pages show: cached answers about the thesis alone are keyed on it (derived/dataversion.py),
    # so that an edit to another thesis leaves them valid. None: not yet counted apart; read the archive's.
    data_version = models.PositiveBigIntegerField(_("data version"), null=True, editable=False)

    # The data version is not the thesis's text or metadata: bumping it is no change to record.
    history = HistoricalRecords(excluded_fields=["data_version"])

    objects = ThesisQuerySet.as_manager()

    class Meta:
        verbose_name = _("thesis")
        verbose_name_plural = _("theses")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class Section(models.Model):
    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("introduction")
        CHAPTER = "chapter", _("chapter")
        SECTION = "section", _("section")
        SUBSECTION = "subsection", _("subsection")
        CONCLUSION = "conclusion", _("conclusion")
        BIBLIOGRAPHY = "bibliography", _("bibliography")
        UNTITLED = "untitled", _("untitled part")
        ABSTRACT = "abstract", _("abstract")
        KEYWORDS = "keywords", _("keywords")
        APPENDIX = "appendix", _("appendix")
        CONTENTS = "contents", _("table of contents")

    thesis = models.ForeignKey(Thesis, on_delete=models.PROTECT, related_name="sections", verbose_name=_("thesis"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent section"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=16, blank=True, help_text=_("As printed, e.g. 1.1"))
    label = models.CharField(_("label"), max_length=64, blank=True, help_text=_("As printed, e.g. 1 ТАРАУ"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    heading_original = models.TextField(_("heading as transcribed"), blank=True, editable=False)
    order = models.PositiveIntegerField(_("order"))
    span_start = models.PositiveIntegerField(_("span start"))
    span_end = models.PositiveIntegerField(_("span end"))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["thesis", "order"]
        constraints = [
            models.UniqueConstraint(fields=["thesis", "order"], name="section_order_unique"),
        ]

    def __str__(self):
        return " ".join(part for part in (self.label, self.title) if part) or self.get_kind_display()


class Passage(models.Model):
    """A paragraph: the unit editors correct."""

    class Status(models.TextChoices):
        UNREVIEWED = "unreviewed", _("unreviewed")
        # An editor has started on it and saved, but has not said it is ready for review.
        IN_PROGRESS = "in_progress", _("in progress")
        CORRECTED = "corrected", _("corrected")
        VERIFIED = "verified", _("verified")

    class Role(models.TextChoices):
        TEXT = "text", _("text")
        # Kept so that the original is whole, but not the thesis's own words: nothing is derived from them.
        CONTENTS = "contents", _("table of contents entry")
        FURNITURE = "furniture", _("page furniture")

    thesis = models.ForeignKey(Thesis, on_delete=models.PROTECT, related_name="passages", verbose_name=_("thesis"))
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="passages", verbose_name=_("section"))
    order = models.PositiveIntegerField(_("order"))
    original_text = models.TextField(_("original text"), editable=False)
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.UNREVIEWED)
    changed_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    span_start = models.PositiveIntegerField(_("span start"))
    span_end = models.PositiveIntegerField(_("span end"))
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=Role.choices,
        default=Role.TEXT,
        help_text=_("Whether the block is the thesis's text, an entry of its table of contents or page furniture."),
    )
    # Derived with the passage's suspects (derived/stored_suspects.py), so that the work queue and the
    # passage list read a number instead of spell-checking the thesis.
    open_suspects = models.PositiveIntegerField(_("open suspects"), default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["changed_at", "open_suspects"])

    objects = PassageQuerySet.as_manager()

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        ordering = ["thesis", "order"]
        constraints = [
            models.UniqueConstraint(fields=["thesis", "order"], name="passage_order_unique"),
        ]
        # Narrow, so that counting and ordering the matches of a search by id need not read the text.
        indexes = [
            models.Index(fields=["id", "thesis", "order"], name="passage_position"),
            # The next passage to check: a thesis's unreviewed passages, most open suspects first.
            models.Index(fields=["thesis", "status", "-open_suspects", "order"], name="passage_work_queue"),
        ]
        # Verifying is a second editor's word on someone else's correction, so it is granted apart.
        permissions = [
            ("verify_passage", _("Can verify a passage another editor corrected")),
            # Splitting, merging and moving headings add and delete passages and sections.
            ("repair_structure", _("Can split and merge passages and repair sections")),
        ]

    def __str__(self):
        return f"§{self.order} {self.text[:60]}"


class PassageSuccessor(models.Model):
    """A passage merged into another or made a heading: its id, no longer a passage's, leads to the
    passage its text went into (or the nearest one), so that a link to it still arrives."""

    old_id = models.PositiveBigIntegerField(_("former passage id"), primary_key=True)
    passage = models.ForeignKey(
        Passage, on_delete=models.CASCADE, related_name="predecessors", verbose_name=_("passage")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("former passage")
        verbose_name_plural = _("former passages")

    def __str__(self):
        return f"{self.old_id} → {self.passage_id}"


def successor_id(passage_id: int) -> int | None:
    """The id of the passage a former passage's id leads to, or None for an id that never went anywhere."""
    return PassageSuccessor.objects.filter(old_id=passage_id).values_list("passage_id", flat=True).first()


class PassageWords(models.Model):
    """A passage's words and its section heading's as search analyses them (thesis.text.analysis),
    derived with the passage (derived/search_words.py) and indexed by each database natively
    (migration 0026): on SQLite by the FTS5 table thesis_passagewords_fts, which its triggers keep
    in step, on PostgreSQL by a generated tsvector column, `document`, with a GIN index."""

    passage = models.OneToOneField(
        Passage, primary_key=True, on_delete=models.CASCADE, related_name="search_words", verbose_name=_("passage")
    )
    words = models.TextField(_("analysed words"), blank=True, editable=False)
    heading = models.TextField(_("analysed heading"), blank=True, editable=False)

    class Meta:
        verbose_name = _("passage's analysed words")
        verbose_name_plural = _("passages' analysed words")

    def __str__(self):
        return self.words[:60]


class PassageWordsIndex(models.Model):
    """A row of SQLite's FTS5 index of passages' analysed words (migration 0026); PostgreSQL has none.

    Not managed: triggers keep it in step with PassageWords. A model lets search join it through the
    ORM, so that one query matches, ranks (FTS5's `rank`, bm25) and narrows the passages at once.
    `match` is the table's hidden column of its own name, which MATCH reads."""

    passage = models.OneToOneField(
        Passage,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="words_index",
    )
    match = models.TextField(db_column="thesis_passagewords_fts")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "thesis_passagewords_fts"

    def __str__(self):
        return str(self.passage_id)


class PassageTextIndex(models.Model):
    """A row of the trigram index of passages' text: on SQLite an FTS5 virtual table (migration 0005),
    on PostgreSQL a table of the case-folded text with a trigram GIN index (migration 0015).

    Not managed: triggers keep the index in step with the passages.
    A model lets search join it through the ORM, so that the index hands over its matches in
    rowid order and a page stops reading it once full; backups leave it out, as they do every
    unmanaged model, and a restore rebuilds it through the triggers."""

    passage = models.OneToOneField(
        Passage,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="text_index",
    )
    text = models.TextField()

    class Meta:
        managed = False
        db_table = "thesis_passage_fts"

    def __str__(self):
        return self.text[:60]


class Source(models.Model):
    """A work the thesis cites by number; bibliographic fields follow CSL-JSON."""

    # The fields editors fill in from the bibliography, in the order CSL-JSON lists them.
    BIBLIOGRAPHIC_FIELDS = [
        "csl_type",
        "title",
        "authors",
        "issued_year",
        "publisher",
        "publisher_place",
        "container_title",
        "page",
        "language",
        "note",
    ]

    class Status(models.TextChoices):
        NEEDS_DATA = "needs_data", _("needs bibliographic data")
        COMPLETE = "complete", _("complete")

    thesis = models.ForeignKey(Thesis, on_delete=models.PROTECT, related_name="sources", verbose_name=_("thesis"))
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEEDS_DATA)
    csl_type = models.CharField(_("type"), max_length=32, blank=True, help_text=_("CSL type, e.g. book"))
    title = models.CharField(_("title"), max_length=1000, blank=True)
    authors = models.JSONField(
        _("authors"), default=list, blank=True, help_text=_('CSL names: [{"family": …, "given": …}]')
    )
    issued_year = models.IntegerField(_("year issued"), null=True, blank=True)
    publisher = models.CharField(_("publisher"), max_length=500, blank=True)
    publisher_place = models.CharField(_("place"), max_length=255, blank=True)
    container_title = models.CharField(_("container title"), max_length=1000, blank=True)
    page = models.CharField(_("pages"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The entry as the reference list prints it, kept whatever the fields above are read or corrected to.
    raw = models.TextField(
        _("entry as printed"),
        blank=True,
        editable=False,
        help_text=_("The entry of the reference list as the text prints it; empty for a source only cited."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["thesis", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thesis", "number"], name="source_number_unique"),
        ]

    def __str__(self):
        return f"[{self.number}] {self.title}".rstrip()


class Citation(models.Model):
    """One source a marker in a passage cites ("[3]", or one of "[1, 25 б.; 4]"), its page locator, and the
    sentence the marker closes; derived from the text."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="citations", verbose_name=_("passage"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source"))
    order = models.PositiveIntegerField()
    marker_start = models.PositiveIntegerField()
    marker_end = models.PositiveIntegerField()
    sentence = models.TextField(blank=True)
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    # The page locator as the marker prints it ("25 б.", "с. 25", "т. 2, 45 б."). None, not "", when the
    # marker gives none: the API shows it as null, as CSL leaves out a cite's locator it does not have.
    locator = models.CharField(max_length=MAX_MARKER_LENGTH, null=True, blank=True)  # noqa: DJ001

    objects = CitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["passage__order", "order"]

    def __str__(self):
        return f"[{self.source.number}] {self.sentence[:60]}"


# People by name within each thesis; by the thesis's id, so that no query joins the theses to sort.
AUTHOR_ORDERING = ["thesis_id", "family_name", "given_names", "pk"]


# A person's identifiers in the authority files, as editors give them: a VIAF cluster's number and a
# Wikidata item's Q-number.
VIAF_ID = RegexValidator(r"^[1-9][0-9]{0,21}$", _("A VIAF identifier is its number alone, such as 113230702."))
WIKIDATA_ID = RegexValidator(r"^Q[1-9][0-9]{0,11}$", _("A Wikidata identifier is Q and its number, such as Q42."))


class Author(models.Model):
    """A person the thesis names, however it spells them."""

    class Group(models.TextChoices):
        FOREIGN = "foreign", _("foreign historiography")
        RUSSIAN = "russian", _("Russian historiography")
        DOMESTIC = "domestic", _("domestic historiography")
        NONE = "", _("none")

    class Role(models.TextChoices):
        HISTORIOGRAPHY = "historiography", _("listed in the historiography")
        QUOTED = "quoted", _("quoted or named in the text")

    thesis = models.ForeignKey(Thesis, on_delete=models.PROTECT, related_name="authors", verbose_name=_("thesis"))
    key = models.CharField(_("identity key"), max_length=255, editable=False)
    family_name = models.CharField(_("family name"), max_length=255)
    given_names = models.CharField(_("initials or given names"), max_length=255, blank=True)
    display_name = models.CharField(_("display form"), max_length=255)
    group = models.CharField(_("historiography group"), max_length=16, choices=Group.choices, blank=True)
    is_historiography_author = models.BooleanField(_("historiography author"), default=False)
    is_quoted = models.BooleanField(_("quoted"), default=False)
    note = models.TextField(_("note"), blank=True)
    note_en = models.TextField(_("note, in English"), blank=True, help_text=EN_NOTE_HELP)
    viaf_id = models.CharField(
        _("VIAF identifier"), max_length=22, blank=True, validators=[VIAF_ID], help_text=VIAF_ID.message
    )
    wikidata_id = models.CharField(
        _("Wikidata identifier"), max_length=13, blank=True, validators=[WIKIDATA_ID], help_text=WIKIDATA_ID.message
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = AUTHOR_ORDERING
        constraints = [
            models.UniqueConstraint(fields=["thesis", "key"], name="author_key_unique"),
        ]

    def __str__(self):
        return self.display_name

    # The flag that records each role.
    ROLE_FLAGS = {Role.HISTORIOGRAPHY: "is_historiography_author", Role.QUOTED: "is_quoted"}

    @property
    def roles(self) -> list[str]:
        return [role for role, flag in self.ROLE_FLAGS.items() if getattr(self, flag)]


class AuthorAlias(models.Model):
    """A spelling of a person's name seen in the text."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("author"))
    form = models.CharField(_("form"), max_length=255)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["form"]
        constraints = [
            models.UniqueConstraint(fields=["author", "form"], name="alias_form_unique"),
        ]

    def __str__(self):
        return self.form


class Mention(models.Model):
    """Where a passage names a person, and the form it uses; derived from the text."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("author"))
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("passage"))
    form = models.CharField(_("form"), max_length=255)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    objects = MentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["passage__order", "start"]

    def __str__(self):
        return f"{self.form} (§{self.passage.order})"


class TimelineEvent(models.Model):
    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")
        DECADE = "decade", _("decade")
        CENTURY = "century", _("century")
        RANGE = "range", _("range")

    class Basis(models.TextChoices):
        STATED = "stated", _("stated in the text")
        INFERRED = "inferred", _("inferred by an editor")

    thesis = models.ForeignKey(Thesis, on_delete=models.PROTECT, related_name="events", verbose_name=_("thesis"))
    key = models.CharField(
        _("key"), max_length=255, editable=False, help_text=_("Stable identity used by imports and fixtures.")
    )
    passage = models.ForeignKey(
        Passage, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("passage")
    )
    headline = models.CharField(_("headline"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    date_display = models.CharField(_("date as printed"), max_length=255, blank=True)
    start_year = models.IntegerField(_("start year"))
    start_month = models.PositiveSmallIntegerField(_("start month"), null=True, blank=True)
    start_day = models.PositiveSmallIntegerField(_("start day"), null=True, blank=True)
    end_year = models.IntegerField(_("end year"))
    end_month = models.PositiveSmallIntegerField(_("end month"), null=True, blank=True)
    end_day = models.PositiveSmallIntegerField(_("end day"), null=True, blank=True)
    precision = models.CharField(_("precision"), max_length=16, choices=Precision.choices)
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices, default=Basis.STATED)
    basis_note = models.TextField(_("basis note"), blank=True, help_text=_("For an inferred date: from what."))
    basis_note_en = models.TextField(_("basis note, in English"), blank=True, help_text=EN_NOTE_HELP)
    authors = models.ManyToManyField(Author, blank=True, related_name="events", verbose_name=_("people"))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = TimelineEventQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[authors])

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        # NULLs first on every database: a year-only date sorts before a dated day in that year.
        ordering = [
            "start_year",
            models.F("start_month").asc(nulls_first=True),
            models.F("start_day").asc(nulls_first=True),
            "end_year",
            "pk",
        ]
        constraints = [
            models.UniqueConstraint(fields=["thesis", "key"], name="event_key_unique"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")), name="event_end_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["start_year", "end_year"], name="event_years"),
            # The longest span, read by every year-range filter (thesis.timeline.TimelineEventQuerySet.overlapping).
            models.Index(models.F("end_year") - models.F("start_year"), name="event_span"),
        ]

    def __str__(self):
        return f"{self.date_display or self.start_year}: {self.headline}"


class IgnoredWord(models.Model):
    """A word the spell-check should no longer flag in one thesis; editors add, change and remove them."""

    thesis = models.ForeignKey(Thesis, on_delete=models.CASCADE, related_name="ignored_words", verbose_name=_("thesis"))
    word = models.CharField(_("word"), max_length=255)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("added by")
    )
    added_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["added_at"])

    class Meta:
        verbose_name = _("ignored word")
        verbose_name_plural = _("ignored words")
        ordering = ["word"]
        constraints = [models.UniqueConstraint(fields=["thesis", "word"], name="ignored_word_unique")]

    def __str__(self):
        return self.word


class DismissedSuspect(models.Model):
    """A suspected error an editor judged right as it stands, so the suspects page no longer lists it.

    It is known by its passage, kind, text and a little context on each side rather than by its
    place, so that it stays dismissed when the passage is corrected elsewhere."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="dismissed_suspects")
    kind = models.CharField(_("kind"), max_length=32)
    found = models.CharField(_("found"), max_length=255)
    before = models.CharField(_("context before"), max_length=32, blank=True)
    after = models.CharField(_("context after"), max_length=32, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["dismissed_at"])

    class Meta:
        verbose_name = _("dismissed suspect")
        verbose_name_plural = _("dismissed suspects")
        ordering = ["passage__order", "kind", "found"]
        constraints = [
            models.UniqueConstraint(fields=["passage", "kind", "found", "before", "after"], name="dismissed_unique")
        ]

    def __str__(self):
        return f"§{self.passage.order} {self.kind}: {self.found}"


class OpenSuspect(models.Model):
    """A suspected error in a passage's current text that no editor dismissed, as the passage's last
    derivation found it (derived/stored_suspects.py): the pages read these rows instead of checking
    the whole thesis on every view."""

    # Indexed by open_suspect_kind, which begins with it.
    thesis = models.ForeignKey(Thesis, on_delete=models.CASCADE, related_name="+", db_index=False)
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="open_suspect_rows")
    kind = models.CharField(max_length=32)
    # Its place among the passage's suspects of its kind as the check lists them.
    position = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    found = models.TextField()
    suggestions = models.JSONField(default=list)
    confidences = models.JSONField(default=list)
    certain = models.BooleanField(default=True)
    # The note's message untranslated and its values, so that each reader gets it in their language.
    note = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["thesis", "kind"], name="open_suspect_kind")]

    def __str__(self):
        return f"{self.kind}: {self.found}"


class PassageMarkup(models.Model):
    """A passage's rendered markup, built when the passage or what it links to changes
    (derived/markup.py): its TEI paragraph and its reading-site HTML, each with the key of the inputs
    it was built from, so that a read that finds another key builds it again instead of serving it."""

    passage = models.OneToOneField(Passage, on_delete=models.CASCADE, primary_key=True, related_name="markup")
    tei_key = models.CharField(max_length=64)
    # The paragraph as a TEI `p` element without its @n and xml:id, which the citation tree gives.
    tei = models.TextField()
    html_key = models.CharField(max_length=64)
    html = models.TextField()
    # The HTML with its changes marked, every correction's title left for the reader's language to fill.
    changes_html = models.TextField()

    def __str__(self):
        return f"markup of passage {self.passage_id}"


class ReplaceBatch(models.Model):
    """One find-and-replace across a thesis: what was replaced, why, by whom, and whether it was undone."""

    thesis = models.ForeignKey(
        Thesis, on_delete=models.PROTECT, related_name="replace_batches", verbose_name=_("thesis")
    )
    # Set when the batch fixed suspects of one kind from the suspects page rather than a pattern.
    suspect_kind = models.CharField(_("suspects fixed"), max_length=32, blank=True)
    pattern = models.CharField(_("find"), max_length=500)
    replacement = models.CharField(_("replace with"), max_length=500, blank=True)
    whole_word = models.BooleanField(_("whole words only"), default=False)
    case_sensitive = models.BooleanField(_("case-sensitive"), default=False)
    reason = models.CharField(_("reason for change"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("user")
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    undo_reason = models.CharField(_("reason for undoing"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("find-and-replace batch")
        verbose_name_plural = _("find-and-replace batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        if self.suspect_kind:  # the pattern holds the kind's name: there was no text to find
            return f"#{self.pk}: {self.pattern}"
        return f"#{self.pk}: «{self.pattern}» → «{self.replacement}»"


class ReplaceBatchItem(models.Model):
    """A passage a batch changed, with its text before and after, so that the batch can be undone."""

    batch = models.ForeignKey(ReplaceBatch, on_delete=models.CASCADE, related_name="items")
    passage = models.ForeignKey(
        Passage, on_delete=models.PROTECT, related_name="replace_items", verbose_name=_("passage")
    )
    matches = models.PositiveIntegerField(_("matches"))
    text_before = models.TextField(_("text before"))
    text_after = models.TextField(_("text after"))
    version_after = models.PositiveIntegerField(_("version after"))
    undone = models.BooleanField(_("undone"), default=False)

    class Meta:
        verbose_name = _("passage changed by a batch")
        verbose_name_plural = _("passages changed by a batch")
        ordering = ["batch", "passage__order"]

    def __str__(self):
        return f"§{self.passage.order} ({self.matches})"


class DataVersion(models.Model):
    """One row whose number goes up with every change the public API could show: cached
    responses are keyed on it, so that an edit makes every older one unreachable at once."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return str(self.number)


class ImportJob(models.Model):
    """An admin import run out of the request: the uploaded bytes, who asked, and how it ended.

    The bytes are kept in the row, so that a job outlives the web worker that took the upload and
    can be run again; its progress while it runs is in a file (thesis/ingest/import_jobs.py),
    as the import's own transaction holds the database until it ends."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("user")
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    data = models.BinaryField(_("uploaded bytes"))
    curation_name = models.CharField(_("curation file name"), max_length=255, blank=True)
    curation = models.BinaryField(_("curation file"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    host = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    thesis = models.ForeignKey(
        Thesis, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("thesis")
    )
    created = models.BooleanField(_("thesis created"), default=False)
    counts = models.JSONField(_("records"), default=dict, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"#{self.pk}: {self.file_name} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


# A search's ids, and the facets of its matches, are handed to the database this way.
Passage._meta.pk.register_lookup(InIds)
Citation._meta.get_field("passage").register_lookup(InIds)
Mention._meta.get_field("passage").register_lookup(InIds)


class PassageClaimQuerySet(models.QuerySet):
    def holding(self, now):
        """The claims still held at `now`: an hour after it is made, a claim lapses by itself."""
        return self.filter(until__gt=now)


class PassageClaim(models.Model):
    """An editor working on a passage opened from the work queue: while it holds, the queue offers other
    editors other passages, so that two never start on the same one."""

    passage = models.OneToOneField(Passage, on_delete=models.CASCADE, related_name="claim", verbose_name=_("passage"))
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("editor")
    )
    until = models.DateTimeField(_("claimed until"), db_index=True)

    objects = PassageClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("passage claim")
        verbose_name_plural = _("passage claims")

    def __str__(self):
        return f"{self.passage_id} → {self.editor_id}"


class PassageNoteQuerySet(models.QuerySet):
    def standing_send_backs(self):
        """Send-back notes not yet resolved: their passages wait for their editors."""
        return self.filter(kind=PassageNote.Kind.SEND_BACK, resolved=False)


class PassageNote(models.Model):
    """One note of the conversation about a passage: a question, an answer, a reviewer's send-back or
    its resolution; a reply names the note it answers."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("question")
        ANSWER = "answer", _("answer")
        SEND_BACK = "send_back", _("send-back")
        RESOLUTION = "resolution", _("resolution")

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="notes", verbose_name=_("passage"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("in reply to")
    )
    # Whom a send-back returns the passage to: the editor of its text when it was sent back.
    addressee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent back to"),
    )
    body = models.TextField(_("note"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.QUESTION)
    created = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    objects = PassageNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("passage note")
        verbose_name_plural = _("passage notes")
        ordering = ["passage", "created", "pk"]
        indexes = [
            models.Index(fields=["passage", "created"], name="passage_note_thread"),
            # The queue's send-backs still standing, each editor's.
            models.Index(fields=["addressee", "kind", "resolved"], name="passage_note_open"),
        ]

    def __str__(self):
        return self.body[:60]


class EditorProfile(models.Model):
    """What the archive keeps of an editor beyond the account: whether to send them notices by e-mail,
    and when they last signed in, for what changed since."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_profile", verbose_name=_("user")
    )
    notify = models.BooleanField(
        _("e-mail notices"), default=True, help_text=_("When my work is sent back or a note mentions me.")
    )
    last_seen = models.DateTimeField(_("last signed in"), null=True, blank=True)

    class Meta:
        verbose_name = _("editor profile")
        verbose_name_plural = _("editor profiles")

    def __str__(self):
        return str(self.user_id)
