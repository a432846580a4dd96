"""What each resource shows, with Kazakh text in the script the request asks for."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thesis.derived.suspects import Kind
from thesis.editions.csl import CSL_NAME_SCHEMA, csl_names
from thesis.history import public_name
from thesis.models import (
    Author,
    Citation,
    Mention,
    Passage,
    Section,
    Source,
    SourceDocument,
    Thesis,
    TimelineEvent,
)
from thesis.text.diffs import word_diff

from .internals.drf import read_attribute
from .scripts import (
    SPAN_SCHEMA,
    KazakhSlugRelatedField,
    KazakhTextField,
    PassageQuoteField,
    PassageSpanField,
    context_script,
    in_script,
)


@extend_schema_field(SPAN_SCHEMA)
class DocumentSpanField(serializers.Field):
    """{start, end}: where a heading or passage lies in the source document, in characters."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    columns = ("span_start", "span_end")

    def to_representation(self, record):
        return self.row_value(record, context_script(self), read_attribute)

    def row_value(self, record, script: str, read) -> dict:
        return {"start": read(record, "span_start"), "end": read(record, "span_end")}


PARTIAL_DATE_SCHEMA = {
    "type": "object",
    "properties": {
        "year": {"type": "integer", "description": "Negative for BCE; there is no year 0."},
        "month": {"type": "integer", "nullable": True},
        "day": {"type": "integer", "nullable": True},
    },
    "required": ["year", "month", "day"],
}


@extend_schema_field(PARTIAL_DATE_SCHEMA)
class PartialDateField(serializers.Field):
    """{year, month, day} of an event's start or end; month and day are null where unknown."""

    PARTS = ("year", "month", "day")

    def __init__(self, end: str, **kwargs):
        self.end = end
        self.columns = tuple(f"{end}_{part}" for part in self.PARTS)
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, event):
        return self.row_value(event, context_script(self), read_attribute)

    def row_value(self, event, script: str, read) -> dict:
        return {part: read(event, column) for part, column in zip(self.PARTS, self.columns, strict=True)}


class SourceDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = SourceDocument
        fields = ["file_name", "sha256", "size_bytes", "imported_at"]


NOTE_HELP = "In Kazakh, the archive's language; the English is beside it, under the same name ending in _en."


class DeclaredPartSerializer(serializers.Serializer):
    kind = serializers.CharField(
        read_only=True, help_text="introduction, chapter, section, conclusion, bibliography, appendix, abstract…"
    )
    count = serializers.IntegerField(read_only=True, default=1, help_text="How many such parts.")
    # Only a part a table of contents lists has these; a sentence on the structure names none of them. Not
    # read-only, or the schema would call them required: the serializer only ever writes a response.
    number = serializers.CharField(required=False, help_text="Its number, e.g. 1 or 1.1.")
    title = serializers.CharField(required=False, help_text="Its title in the table of contents.")
    page = serializers.IntegerField(required=False, help_text="The page the table of contents gives.")


class ThesisSerializer(serializers.ModelSerializer):
    title = KazakhTextField()
    title_note = KazakhTextField(help_text=NOTE_HELP)
    title_note_en = serializers.CharField(read_only=True, help_text="The same note in English.")
    completeness_note = KazakhTextField(help_text=NOTE_HELP)
    completeness_note_en = serializers.CharField(read_only=True, help_text="The same note in English.")
    declared_structure = DeclaredPartSerializer(many=True, read_only=True)
    source_document = SourceDocumentSerializer(read_only=True)
    authors = serializers.ListField(
        child=KazakhTextField(),
        source="author_names",
        read_only=True,
        help_text="The authors' names as the title page or the article's head prints them.",
    )
    supervisor = KazakhTextField(help_text="The supervisor the title page names.")
    institution = KazakhTextField(help_text="The institution the work was written at.")
    place = KazakhTextField(help_text="The city the title page names.")
    abstract = KazakhTextField(help_text="The abstracts, each a paragraph apart by a blank line.")
    keywords = serializers.ListField(child=KazakhTextField(), read_only=True)

    class Meta:
        model = Thesis
        fields = [
            "id",
            "title",
            "title_note",
            "title_note_en",
            "language",
            "kind",
            "authors",
            "supervisor",
            "institution",
            "place",
            "year",
            "abstract",
            "keywords",
            "declared_structure",
            "is_complete",
            "completeness_note",
            "completeness_note_en",
            "source_document",
            "created_at",
        ]


class ContentsEntrySerializer(serializers.ModelSerializer):
    """A heading in the table of contents, with the headings under it."""

    label = KazakhTextField()
    title = KazakhTextField()
    passage_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Section
        # Plus `children`, added by get_fields: a field cannot be declared in the class it nests.
        fields = ["id", "kind", "number", "label", "title", "passage_count"]

    def get_fields(self):
        fields = super().get_fields()
        fields["children"] = ContentsEntrySerializer(many=True, read_only=True, source="entries")
        return fields


class ThesisDetailSerializer(ThesisSerializer):
    table_of_contents = serializers.SerializerMethodField()

    class Meta(ThesisSerializer.Meta):
        fields = [*ThesisSerializer.Meta.fields, "table_of_contents"]

    @extend_schema_field(ContentsEntrySerializer(many=True))
    def get_table_of_contents(self, thesis):
        return ContentsEntrySerializer(contents_tree(thesis.sections.all()), many=True, context=self.context).data


def contents_tree(sections) -> list[Section]:
    """The top-level sections, each with its sub-sections in `entries`, in document order."""
    ordered = sorted(sections, key=lambda section: section.order)
    for section in ordered:
        section.entries = []
    by_id = {section.pk: section for section in ordered}
    top = []
    for section in ordered:
        parent = by_id.get(section.parent_id)
        (parent.entries if parent else top).append(section)
    return top


class SectionSerializer(serializers.ModelSerializer):
    label = KazakhTextField()
    title = KazakhTextField()
    span = DocumentSpanField()
    passage_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Section
        fields = ["id", "thesis", "parent", "kind", "number", "label", "title", "order", "span", "passage_count"]


class PassageSummarySerializer(serializers.ModelSerializer):
    text = KazakhTextField()

    class Meta:
        model = Passage
        fields = ["id", "order", "status", "version", "changed_at", "text"]


class SectionDetailSerializer(SectionSerializer):
    children = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    passages = PassageSummarySerializer(many=True, read_only=True)

    class Meta(SectionSerializer.Meta):
        fields = [*SectionSerializer.Meta.fields, "heading_original", "children", "passages"]


class PassageSerializer(serializers.ModelSerializer):
    text = KazakhTextField()
    span = DocumentSpanField(help_text="Where the passage lies in the source document.")

    class Meta:
        model = Passage
        fields = ["id", "thesis", "section", "order", "status", "version", "changed_at", "span", "text"]


LOCATOR_HELP = 'The pages the marker gives for this source, as printed ("25 б." of [1, 25 б.]); null if none.'


class PassageCitationSerializer(serializers.ModelSerializer):
    source_number = serializers.IntegerField(source="source.number", read_only=True)
    marker = PassageSpanField(
        "marker_start",
        "marker_end",
        help_text="The marker in the text, as [3] or [1, 25 б.; 4], which may cite several sources.",
    )
    locator = KazakhTextField(allow_null=True, help_text=LOCATOR_HELP)
    sentence = PassageQuoteField("sentence_start", "sentence_end")
    sentence_span = PassageSpanField("sentence_start", "sentence_end")

    class Meta:
        model = Citation
        fields = ["order", "source", "source_number", "marker", "locator", "sentence", "sentence_span"]


class PassageMentionSerializer(serializers.ModelSerializer):
    display_name = KazakhTextField(source="author.display_name")
    form = PassageQuoteField("start", "end", help_text="The name as the text spells it.")
    span = PassageSpanField("start", "end")

    class Meta:
        model = Mention
        fields = ["author", "display_name", "form", "span"]


# The API's busiest request builds this from its fields and rows of values() (api.views.passage_detail_read)
# without the serializer, as the passage, source and timeline lists build theirs (api.internals.drf).
class PassageDetailSerializer(PassageSerializer):
    citations = PassageCitationSerializer(many=True, read_only=True)
    mentions = PassageMentionSerializer(many=True, read_only=True)

    class Meta(PassageSerializer.Meta):
        fields = [*PassageSerializer.Meta.fields, "original_text", "citations", "mentions"]
        extra_kwargs = {"original_text": {"help_text": "The passage as transcribed, verbatim in every script."}}


class DiffOperationSerializer(serializers.Serializer):
    op = serializers.ChoiceField(choices=["equal", "delete", "insert"], read_only=True)
    text = serializers.CharField(read_only=True)


class PassageHistorySerializer(serializers.Serializer):
    """One recorded change of a passage, with the word-level difference from the record before it."""

    CHANGES = {"+": "created", "~": "changed", "-": "deleted"}

    id = serializers.IntegerField(source="history_id", read_only=True)
    date = serializers.DateTimeField(source="history_date", read_only=True)
    user = serializers.SerializerMethodField(help_text="Who made the change; null for the importer.")
    reason = serializers.CharField(source="history_change_reason", read_only=True, allow_null=True)
    change = serializers.SerializerMethodField()
    version = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=Passage.Status.choices, read_only=True)
    diff = serializers.SerializerMethodField(
        help_text="From the record before; the first record's is from the original_text as transcribed."
    )

    def get_user(self, record) -> str | None:
        return public_name(record.history_user)

    @extend_schema_field(serializers.ChoiceField(choices=list(CHANGES.values())))
    def get_change(self, record):
        return self.CHANGES[record.history_type]

    @extend_schema_field(DiffOperationSerializer(many=True))
    def get_diff(self, record):
        script = context_script(self)
        return word_diff(in_script(record.previous_text, script), in_script(record.text, script))


@extend_schema_field({"type": "array", "items": CSL_NAME_SCHEMA})
class CSLNamesField(serializers.Field):
    """A source's authors as CSL names in the requested script, as its CSL-JSON gives them."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, authors):
        return self.represent(authors, context_script(self))

    def represent(self, authors, script: str) -> list[dict]:
        return csl_names(authors, script)


class SourceSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="csl_type", read_only=True, help_text="CSL type, e.g. book.")
    title = KazakhTextField()
    authors = CSLNamesField()
    publisher = KazakhTextField()
    publisher_place = KazakhTextField()
    container_title = KazakhTextField()
    note = KazakhTextField()
    raw = serializers.CharField(
        read_only=True,
        help_text="The entry as the reference list prints it (empty for a source the text only cites); "
        "kept when its parts are read, and alone until they are.",
    )
    citation_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "thesis",
            "number",
            "status",
            "type",
            "title",
            "authors",
            "issued_year",
            "publisher",
            "publisher_place",
            "container_title",
            "page",
            "language",
            "note",
            "raw",
            "citation_count",
        ]


class SourceCitationSerializer(serializers.ModelSerializer):
    sentence = PassageQuoteField("sentence_start", "sentence_end")
    sentence_span = PassageSpanField("sentence_start", "sentence_end")
    marker = PassageSpanField("marker_start", "marker_end")
    locator = KazakhTextField(allow_null=True, help_text=LOCATOR_HELP)

    class Meta:
        model = Citation
        fields = ["passage", "order", "sentence", "sentence_span", "marker", "locator"]


class SourceDetailSerializer(SourceSerializer):
    citations = SourceCitationSerializer(many=True, read_only=True)

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "citations"]


class AuthorSerializer(serializers.ModelSerializer):
    family_name = KazakhTextField()
    given_names = KazakhTextField()
    display_name = KazakhTextField()
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Author.Role.choices), read_only=True)
    aliases = KazakhSlugRelatedField(many=True, read_only=True, slug_field="form")
    note = KazakhTextField(help_text=NOTE_HELP)
    note_en = serializers.CharField(read_only=True, help_text="The same note in English.")
    mention_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Author
        fields = [
            "id",
            "thesis",
            "family_name",
            "given_names",
            "display_name",
            "group",
            "roles",
            "aliases",
            "note",
            "note_en",
            "viaf_id",
            "wikidata_id",
            "mention_count",
        ]


class AuthorMentionSerializer(serializers.ModelSerializer):
    form = PassageQuoteField("start", "end")
    span = PassageSpanField("start", "end")

    class Meta:
        model = Mention
        fields = ["passage", "form", "span"]


class AuthorDetailSerializer(AuthorSerializer):
    mentions = AuthorMentionSerializer(many=True, read_only=True)

    class Meta(AuthorSerializer.Meta):
        fields = [*AuthorSerializer.Meta.fields, "mentions"]


class EventAuthorSerializer(serializers.ModelSerializer):
    display_name = KazakhTextField()

    class Meta:
        model = Author
        fields = ["id", "display_name"]


class TimelineEventSerializer(serializers.ModelSerializer):
    start = PartialDateField("start")
    end = PartialDateField("end")
    date_display = KazakhTextField(help_text="The date as printed, if the text prints it.")
    basis_note = KazakhTextField(help_text=NOTE_HELP)
    basis_note_en = serializers.CharField(read_only=True, help_text="The same note in English.")
    headline = KazakhTextField()
    description = KazakhTextField()
    # Set on each event by TimelineEvent.objects.attach_people, in two queries for a whole page.
    authors = EventAuthorSerializer(many=True, read_only=True, source="people")

    class Meta:
        model = TimelineEvent
        fields = [
            "id",
            "thesis",
            "start",
            "end",
            "date_display",
            "precision",
            "basis",
            "basis_note",
            "basis_note_en",
            "headline",
            "description",
            "passage",
            "authors",
        ]


class SuspectPassageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    order = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(read_only=True, help_text="The passage's version the place is in.")


class SuspectSuggestionSerializer(serializers.Serializer):
    text = serializers.CharField(read_only=True)
    confidence = serializers.FloatField(
        read_only=True,
        allow_null=True,
        min_value=0,
        max_value=1,
        help_text="How sure the checker is of this correction, 0 to 1; null where it does not measure it.",
    )


class SuspectSerializer(serializers.Serializer):
    """A suspected transcription error: where it is, what was found, the corrections suggested."""

    kind = serializers.ChoiceField(choices=Kind.choices, read_only=True)
    certain = serializers.BooleanField(
        read_only=True, help_text="false for a possible error: a word that may be right, listed after the certain."
    )
    passage = serializers.SerializerMethodField()
    start = serializers.IntegerField(read_only=True, help_text="Where the text found starts in the passage's text.")
    end = serializers.IntegerField(read_only=True, help_text="Where it ends (exclusive).")
    found = serializers.CharField(read_only=True)
    suggestions = serializers.SerializerMethodField(help_text="Best first.")
    note = serializers.CharField(read_only=True)

    @extend_schema_field(SuspectPassageSerializer)
    def get_passage(self, suspect):
        return {"id": suspect.passage_id, "order": suspect.passage_order, "version": suspect.passage_version}

    @extend_schema_field(SuspectSuggestionSerializer(many=True))
    def get_suggestions(self, suspect):
        return [{"text": text, "confidence": confidence} for text, confidence in suspect.ranked]
