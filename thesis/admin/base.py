"""What the thesis's model admins share: reasons recorded in history, word diffs, and history pages with diffs."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..diffs import word_diff
from ..editing import record

DIFF_TAGS = {"equal": "span", "delete": "del", "insert": "ins"}


def render_diff(operations: list[dict]):
    """A word diff as HTML, every piece escaped, nothing cut short."""
    if not operations:
        return format_html('<div class="word-diff empty">{}</div>', _("(empty)"))
    pieces = format_html_join("", "<{0}>{1}</{0}>", ((DIFF_TAGS[op["op"]], op["text"]) for op in operations))
    return format_html('<div class="word-diff" lang="kk">{}</div>', pieces)


def render_text_diff(old: str, new: str):
    return render_diff(word_diff(old or "", new or ""))


class EditorialAdmin(SimpleHistoryAdmin):
    """Saves recorded with the form's reason; history pages that show whole word diffs between versions."""

    object_history_template = "admin/thesis/object_history.html"
    object_history_list_template = "admin/thesis/object_history_list.html"

    def save_model(self, request, obj, form, change):
        record(obj, request.user, form.cleaned_data.get("change_reason", ""))
        super().save_model(request, obj, form, change)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        for version in historical_records:
            version.word_changes = self.version_changes(version)

    def version_changes(self, version) -> list[dict]:
        """What changed in this version since the one before it, text fields as word diffs."""
        previous = version.prev_record
        if previous is None:
            return []
        changes = []
        for change in version.diff_against(previous, foreign_keys_are_objs=False).changes:
            field = self.model._meta.get_field(change.field)
            diff = render_text_diff(_as_text(change.old), _as_text(change.new))
            changes.append({"field": field.verbose_name, "diff": diff})
        return changes


def _as_text(value) -> str:
    """A field's value as words to diff: a list item by item, a mapping (CSL name, m2m row) by its values."""
    if isinstance(value, list | tuple):
        return ", ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values())
    return "" if value is None else str(value)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
