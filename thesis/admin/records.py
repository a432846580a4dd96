"""Admins for sections, sources, people, timeline events and ignored words, each change recorded with a reason."""

from django.contrib import admin, messages
from django.db.models import Count, Max, Min
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thesis.editorial import editing

from ..forms import AuthorForm, IgnoredWordForm, MergeAuthorsForm, SectionForm, SourceForm, TimelineEventForm
from ..models import Author, AuthorAlias, IgnoredWord, Mention, Section, Source, TimelineEvent
from ..text.dates import centuries, int_to_roman
from .base import EditorialAdmin, ReadOnlyInline, folded_search
from .structure import REPAIR_PERMISSION, SECTION_VIEWS, repair_urls, section_repairs


@admin.register(Section)
class SectionAdmin(EditorialAdmin):
    form = SectionForm
    list_display = ["order", "__str__", "kind", "number", "thesis"]
    list_display_links = ["order", "__str__"]
    list_filter = ["thesis", "kind"]
    fields = ["kind", "number", "label", "title", "heading_original", "change_reason", "opened_version"]
    readonly_fields = ["kind", "number", "label", "heading_original"]
    change_form_template = "admin/thesis/section/change_form.html"

    def has_add_permission(self, request):
        return False  # sections come from an import, with their spans in the source; the repairs add one

    def get_urls(self):
        return [*repair_urls(self, SECTION_VIEWS), *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and request.user.has_perm(REPAIR_PERMISSION):
            context["repairs"] = section_repairs(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


class IncompleteFilter(admin.SimpleListFilter):
    title = _("bibliographic data")
    parameter_name = "incomplete"

    def lookups(self, request, model_admin):
        return [("yes", _("incomplete (needs data)")), ("no", _("complete"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status=Source.Status.NEEDS_DATA)
        if self.value() == "no":
            return queryset.exclude(status=Source.Status.NEEDS_DATA)
        return queryset


class EntryFilter(admin.SimpleListFilter):
    """Where a source's data stands against the reference list: an entry still to be read (kept as printed
    only), an entry read, or a number the text cites that no list gives."""

    title = _("reference list")
    parameter_name = "entry"

    def lookups(self, request, model_admin):
        return [
            ("unread", _("entry not yet read")),
            ("read", _("entry read")),
            ("unlisted", _("cited, not in the list")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "unread":
            return queryset.exclude(raw="").filter(title="")
        if self.value() == "read":
            return queryset.exclude(raw="").exclude(title="")
        if self.value() == "unlisted":
            return queryset.filter(raw="")
        return queryset


@admin.register(Source)
class SourceAdmin(EditorialAdmin):
    form = SourceForm
    list_display = ["number", "title", "status", "issued_year", "citation_count", "thesis"]
    list_display_links = ["number", "title"]
    list_filter = [IncompleteFilter, EntryFilter, "status", "thesis"]
    search_fields = folded_search("title", "publisher", "note", "raw")
    readonly_fields = ["raw", "citing_sentences"]
    fieldsets = [
        (None, {"fields": ["thesis", "number", "status"]}),
        (_("Reference list"), {"fields": ["raw"]}),
        (_("Cited in"), {"fields": ["citing_sentences"]}),
        (
            _("Bibliographic data (CSL-JSON)"),
            {"fields": Source.BIBLIOGRAPHIC_FIELDS},
        ),
        (_("Save"), {"fields": ["change_reason", "opened_version"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_total=Count("citations"))

    @admin.display(description=_("citations"), ordering="citation_total")
    def citation_count(self, obj):
        return obj.citation_total

    @admin.display(description=_("sentences that cite it"))
    def citing_sentences(self, obj):
        citations = obj.citations.select_related("passage").order_by("passage__order", "order") if obj.pk else []
        if not citations:
            return gettext("No passage cites this source.")
        rows = (
            (reverse("admin:thesis_passage_change", args=[c.passage_id]), c.passage.order, c.sentence)
            for c in citations
        )
        return format_html(
            '<ol class="citations">{}</ol>', format_html_join("", '<li><a href="{}">§{}</a> {}</li>', rows)
        )


class AliasInline(admin.TabularInline):
    model = AuthorAlias
    extra = 0


class MentionInline(ReadOnlyInline):
    model = Mention
    fields = ["passage", "form"]
    readonly_fields = fields


@admin.register(Author)
class AuthorAdmin(EditorialAdmin):
    form = AuthorForm
    list_display = ["display_name", "family_name", "given_names", "group", "roles_display", "mention_count", "thesis"]
    list_filter = ["thesis", "group", "is_historiography_author", "is_quoted"]
    search_fields = folded_search("family_name", "display_name", "aliases__form")
    inlines = [AliasInline, MentionInline]
    actions = ["merge_authors"]
    fieldsets = [
        (None, {"fields": ["thesis", "family_name", "given_names", "display_name"]}),
        (_("Roles"), {"fields": ["group", "is_historiography_author", "is_quoted", "note", "note_en"]}),
        (_("Authority files"), {"fields": ["viaf_id", "wikidata_id"]}),
        (_("Save"), {"fields": ["change_reason", "opened_version"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_total=Count("mentions", distinct=True))

    @admin.display(description=_("roles"))
    def roles_display(self, obj):
        return ", ".join(str(Author.Role(role).label) for role in obj.roles)

    @admin.display(description=_("mentions"), ordering="mention_total")
    def mention_count(self, obj):
        return obj.mention_total

    @admin.action(description=_("Merge the selected people into one record"), permissions=["change"])
    def merge_authors(self, request, queryset):
        authors = queryset.order_by("family_name", "pk")
        if authors.count() < 2 or authors.values("thesis").distinct().count() != 1:
            self.message_user(request, gettext("Select two or more people of the same thesis."), messages.ERROR)
            return None
        form = MergeAuthorsForm(request.POST if "confirm" in request.POST else None, authors=authors)
        if form.is_valid():
            target = form.cleaned_data["target"]
            editing.merge_authors(target, list(authors), user=request.user, reason=form.cleaned_data["change_reason"])
            self.message_user(request, gettext("Merged into %(name)s.") % {"name": target.display_name})
            return HttpResponseRedirect(reverse("admin:thesis_author_change", args=[target.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Merge people"),
            "authors": authors,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/thesis/author/merge.html", context)


class CenturyFilter(admin.SimpleListFilter):
    """Events whose years overlap a century (an event may span several)."""

    title = _("century")
    parameter_name = "century"

    def lookups(self, request, model_admin):
        span = model_admin.get_queryset(request).aggregate(first=Min("start_year"), last=Max("end_year"))
        if span["first"] is None:
            return []
        events = model_admin.get_queryset(request)
        found = [c for c in centuries(span["first"], span["last"]) if events.in_century(c).exists()]
        return [(str(c), _century_label(c)) for c in found]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            return queryset.in_century(int(self.value()))
        except ValueError:
            return queryset.none()


def _century_label(century: int) -> str:
    if century < 0:
        return gettext("%(n)s century BCE") % {"n": int_to_roman(-century)}
    return gettext("%(n)s century") % {"n": int_to_roman(century)}


@admin.register(TimelineEvent)
class TimelineEventAdmin(EditorialAdmin):
    form = TimelineEventForm
    list_display = ["__str__", "start_year", "end_year", "precision", "basis", "thesis"]
    list_filter = [CenturyFilter, "precision", "basis", "thesis"]
    search_fields = folded_search("headline", "description", "date_display")
    filter_horizontal = ["authors"]
    raw_id_fields = ["passage"]
    fieldsets = [
        (None, {"fields": ["thesis", "passage", "headline", "description", "authors"]}),
        (
            _("Date"),
            {
                "fields": [
                    "date_display",
                    ("start_year", "start_month", "start_day"),
                    ("end_year", "end_month", "end_day"),
                    "precision",
                    ("basis", "basis_note"),
                    "basis_note_en",
                ]
            },
        ),
        (_("Save"), {"fields": ["change_reason", "opened_version"]}),
    ]


@admin.register(IgnoredWord)
class IgnoredWordAdmin(EditorialAdmin):
    form = IgnoredWordForm
    list_display = ["word", "thesis", "added_by", "added_at"]
    list_filter = ["thesis"]
    search_fields = folded_search("word")
    fields = ["thesis", "word", "change_reason", "opened_version"]

    def save_model(self, request, obj, form, change):
        obj.added_by = obj.added_by or request.user
        super().save_model(request, obj, form, change)
