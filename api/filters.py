"""Query filters for every list, as FilterSets; a value that does not parse is a 400 naming its parameter."""

import re
from datetime import UTC, timedelta

from django import forms
from django.db.models import Exists, F, OuterRef
from django_filters import fields as filter_fields
from django_filters import rest_framework as filters

from thesis.models import Author, AuthorAlias, Citation, Mention, Passage, Section, Source, TimelineEvent
from thesis.query_fields import IdField, QueryField, SearchField
from thesis.search import SORTS, JSONStrings, search_passages, text_matches
from thesis.year_fields import CenturyField, YearField, YearRangeForm

from .internals.django_filters import ReusingFilterSet


class StrictBooleanField(forms.Field):
    """true/false (or 1/0); anything else is an error rather than no filter at all."""

    widget = forms.TextInput
    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            return self.VALUES[str(value).lower()]
        except KeyError:
            # As a parameter: django-filter %-formats the message, and the value may hold a "%".
            raise forms.ValidationError("Use true or false, not %(value)r.", params={"value": value}) from None


class LenientIsoDateTimeField(filter_fields.IsoDateTimeField):
    # A "+" left unencoded in a query string arrives as a space: "…T10:00:00 05:00".
    UNENCODED_PLUS = re.compile(r" (\d{2}(?::?\d{2})?)$")

    def to_python(self, value):
        if isinstance(value, str):
            # RFC 3339 allows a lower-case t and z, which Django's parser does not.
            value = self.UNENCODED_PLUS.sub(r"+\1", value.strip().upper())
        return super().to_python(value)


class IdFilter(filters.Filter):
    field_class = IdField


class YearFilter(filters.Filter):
    field_class = YearField


class CenturyFilter(filters.Filter):
    field_class = CenturyField


class StrictBooleanFilter(filters.Filter):
    field_class = StrictBooleanField


class ChangedSinceFilter(filters.IsoDateTimeFilter):
    field_class = LenientIsoDateTimeField

    def filter(self, qs, value):
        if value is None:
            return qs
        try:
            # In UTC, as both databases compare; PostgreSQL also refuses offsets beyond 15:59.
            value = value.astimezone(UTC)
        except OverflowError:
            # Only a moment within a day of year 1 or 9999 has no UTC equivalent: before every change or after all.
            return qs if value.utcoffset() > timedelta(0) else qs.none()
        return super().filter(qs, value)


class SearchFilter(filters.CharFilter):
    field_class = SearchField


class TextSearchFilter(SearchFilter):
    """Case-folded Kazakh search over `fields`; a JSON field is searched by the strings it holds."""

    def __init__(self, *args, fields=(), **kwargs):
        self.search_fields = tuple(fields)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        term = (value or "").strip()
        if not term:
            return qs
        json_fields = [f for f in self.search_fields if qs.model._meta.get_field(f).get_internal_type() == "JSONField"]
        aliases = {f"{field}_strings": JSONStrings(field) for field in json_fields}
        searched = [f"{field}_strings" if field in json_fields else field for field in self.search_fields]
        return qs.alias(**aliases).filter(text_matches(term, *searched))


class PassageSearchFilter(SearchFilter):
    """Search of the current text for a word and its other forms, in either script, in the query
    language; forgiving of misspellings on PostgreSQL. Ranked as the filterset's `sort` says."""

    field_class = QueryField

    def filter(self, qs, value):
        sort = self.parent.form.cleaned_data.get("sort") if self.parent is not None else None
        return search_passages(qs, value or "", order=sort or "relevance")


class CommaSeparatedKeysField(filter_fields.BaseCSVField):
    """Keys between commas; the choice field checking each would let an empty one ("start,") through."""

    def clean(self, value):
        if value and not all(value):
            raise forms.ValidationError("Name start, -start, end or -end between each pair of commas.")
        return super().clean(value)


class ChronologicalOrderingFilter(filters.OrderingFilter):
    """Order by `start` or `end` date, `-` for latest first; by start when not given.

    A date known to the year only stands for the whole year: it starts before, and ends
    after, the dated days of that year.
    """

    DATE_FIELDS = {"start": ("start_year", "start_month", "start_day"), "end": ("end_year", "end_month", "end_day")}
    NEVER_NULL = {"start_year", "end_year"}
    base_field_class = CommaSeparatedKeysField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fields", (("start", "start"), ("end", "end")))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        keys = value or ["start"]
        return qs.order_by(*[expression for key in keys for expression in self.order_by(key)], "pk")

    def order_by(self, key: str) -> list:
        descending = key.startswith("-")
        name = key.lstrip("-")
        other = "end" if name == "start" else "start"
        expressions = []
        for part in (name, other):
            unknown_first = (part == "start") != descending
            nulls = {"nulls_first": True} if unknown_first else {"nulls_last": True}
            for field in self.DATE_FIELDS[part]:
                # Years are never NULL: saying where NULLs go would keep PostgreSQL off the index in this order.
                placing = nulls if field not in self.NEVER_NULL else {}
                expressions.append(F(field).desc(**placing) if descending else F(field).asc(**placing))
        return expressions


class SectionFilter(ReusingFilterSet):
    thesis = IdFilter(help_text="Sections of this thesis.")
    kind = filters.ChoiceFilter(choices=Section.Kind.choices)
    parent = IdFilter(help_text="Sections directly under this section.")

    class Meta:
        model = Section
        fields = []


class PassageFilter(ReusingFilterSet):
    thesis = IdFilter(help_text="Passages of this thesis.")
    section = IdFilter(help_text="Passages under this section heading.")
    status = filters.ChoiceFilter(choices=Passage.Status.choices)
    cites = IdFilter(method="filter_cites", help_text="Passages citing the source with this number, e.g. 3 for [3].")
    author = IdFilter(method="filter_author", help_text="Passages naming the author with this id.")
    changed_since = ChangedSinceFilter(
        field_name="changed_at",
        lookup_expr="gte",
        help_text="Passages changed at or after this ISO 8601 date-time (without an offset: Asia/Almaty time; "
        "a date alone: its midnight).",
    )
    q = PassageSearchFilter(
        help_text="Words in the current text, in any letter case. A Kazakh word finds its other forms too "
        "(саясатының finds саясат, саясаты, саясатын): passages with the words as written come first, then "
        "those with other forms only, each in stored order. A query in the 2021 Latin alphabet "
        "(Qazaqstan, sayasat) is read in Cyrillic as well. A query language: all words in any order by default, "
        '"a phrase", OR between two words or phrases, -word to exclude, prefix* for words beginning so. '
        "Most relevant first (see sort). Lists the first 1,000 matches (see count_exact)."
    )
    sort = filters.ChoiceFilter(
        choices=[(value, value) for value in SORTS],
        method="keep",
        help_text="With q: relevance (the default), most relevant first; order, in document order.",
    )

    class Meta:
        model = Passage
        fields = []

    def keep(self, queryset, name, value):
        """`sort` is read by `q`'s filter."""
        return queryset

    def filter_cites(self, queryset, name, value: int):
        return queryset.filter(Exists(Citation.objects.filter(passage=OuterRef("pk"), source__number=value)))

    def filter_author(self, queryset, name, value: int):
        return queryset.filter(Exists(Mention.objects.filter(passage=OuterRef("pk"), author_id=value)))


class SourceFilter(ReusingFilterSet):
    thesis = IdFilter(help_text="Sources of this thesis.")
    number = IdFilter(help_text="The number the thesis cites the source by, as in [3].")
    cited = StrictBooleanFilter(method="filter_cited", help_text="true: sources the text cites; false: the others.")
    status = filters.ChoiceFilter(choices=Source.Status.choices)
    type = filters.CharFilter(field_name="csl_type", help_text="CSL type, e.g. book.")
    q = TextSearchFilter(fields=("title", "note", "authors"), help_text="Words in the title, note or authors.")

    class Meta:
        model = Source
        fields = []

    def filter_cited(self, queryset, name, value: bool):
        citations = Exists(Citation.objects.filter(source=OuterRef("pk")))
        return queryset.filter(citations if value else ~citations)


class AuthorFilter(ReusingFilterSet):
    GROUPS = [(value, label) for value, label in Author.Group.choices if value]

    thesis = IdFilter(help_text="People named in this thesis.")
    group = filters.ChoiceFilter(choices=GROUPS, help_text="Historiography group.")
    role = filters.ChoiceFilter(choices=Author.Role.choices, method="filter_role")
    q = SearchFilter(method="search", help_text="Words in the display name or in any spelling.")

    class Meta:
        model = Author
        fields = []

    def filter_role(self, queryset, name, value: str):
        return queryset.filter(**{Author.ROLE_FLAGS[value]: True})

    def search(self, queryset, name, value: str):
        term = value.strip()
        if not term:
            return queryset
        aliases = AuthorAlias.objects.filter(text_matches(term, "form"), author=OuterRef("pk"))
        return queryset.filter(text_matches(term, "display_name") | Exists(aliases))


class TimelineEventFilter(ReusingFilterSet):
    thesis = IdFilter(help_text="Events of this thesis.")
    year = YearFilter(method="filter_year", help_text="Events whose years include this one (negative: BCE; no 0).")
    year_from = YearFilter(
        method="filter_year_from", help_text="Events reaching this year or later; not after year_to (a 400 if it is)."
    )
    year_to = YearFilter(
        method="filter_year_to",
        help_text="Events reaching this year or earlier; not before year_from (a 400 if it is).",
    )
    century = CenturyFilter(
        method="filter_century", help_text="Events overlapping this century: 17 is 1601–1700, -1 is 100–1 BCE."
    )
    precision = filters.ChoiceFilter(choices=TimelineEvent.Precision.choices)
    basis = filters.ChoiceFilter(choices=TimelineEvent.Basis.choices)
    author = IdFilter(field_name="authors", help_text="Events involving the author with this id.")
    q = TextSearchFilter(
        fields=("headline", "description", "date_display"), help_text="Words in the headline, description or date."
    )
    ordering = ChronologicalOrderingFilter(help_text="start (default), -start, end or -end.")

    class Meta:
        model = TimelineEvent
        fields = []
        form = YearRangeForm

    def filter_year(self, queryset, name, value: int):
        return queryset.containing_year(value)

    def filter_year_from(self, queryset, name, value: int):
        return queryset.overlapping(value, None)

    def filter_year_to(self, queryset, name, value: int):
        return queryset.overlapping(None, value)

    def filter_century(self, queryset, name, value: int):
        return queryset.in_century(value)
