"""What the thesis's model admins share: reasons recorded in history, word diffs, and history pages with diffs."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router
from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from thesis import history
from thesis.derived import changes
from thesis.editorial import editing

from ..text.diffs import compact_diff, compact_html, diff_html, marked_diff_html, word_diff


def render_diff(operations: list[dict]):
    """A word diff as HTML, every piece escaped, nothing cut short."""
    if not operations:
        return format_html('<div class="word-diff empty">{}</div>', _("(empty)"))
    return format_html('<div class="word-diff" lang="kk">{}</div>', mark_safe(diff_html(operations)))


def render_text_diff(old: str, new: str):
    return render_diff(word_diff(old or "", new or ""))


def render_merge_diff(operations: list[dict], unchanged: str):
    """A word diff of a merge (thesis/text/merging.py's merge_diff) as HTML, every piece escaped, each place
    where both editors changed the same words marked and labelled: only the changed words, a few words of
    context around each, and the whole diff one click away; `unchanged` says so when there is nothing to show."""
    label = gettext("Conflict: both of you changed these words; yours are kept here.")
    compact = compact_diff(operations)
    if not compact:
        return format_html('<p class="diff-unchanged">{}</p>', unchanged)
    # The label is the editor's language, inside a diff of Kazakh text.
    language = get_language() or ""
    pieces = mark_safe(marked_diff_html(compact, label, history.unchanged_words, language))
    whole = format_html(
        '<details class="whole-diff"><summary>{}</summary><div class="word-diff merged" lang="kk">{}</div></details>',
        _("The whole text"),
        mark_safe(marked_diff_html(operations, label, language=language)),
    )
    return format_html('<div class="word-diff compact merged" lang="kk">{}</div>{}', pieces, whole)


def yes_no_icon(value: bool):
    """Django's yes/no icon with its alternative text translated: Django's own says "True" or "False" in
    every language."""
    icon = static(f"admin/img/icon-{'yes' if value else 'no'}.svg")
    return format_html('<img src="{}" alt="{}">', icon, _("Yes") if value else _("No"))


def folded_search(*fields: str) -> list[str]:
    """An admin's search fields compared as the public search compares them, Kazakh case folded on both
    databases (thesis.search's kk_icontains): Django's icontains folds only ASCII on SQLite."""
    return [f"{field}__kk_icontains" for field in fields]


# The form's record of a save: nothing to show on a page that only views the record.
SAVE_FIELDS = ("change_reason", "opened_version")


def render_compact_diff(old: str, new: str, unchanged: str):
    """Only the changed words, a few words of context around each, and the whole diff one click away;
    `unchanged` says so when there is nothing to show."""
    operations = word_diff(old or "", new or "")
    compact = compact_diff(operations)
    if not compact:
        return format_html('<p class="diff-unchanged">{}</p>', unchanged)
    pieces = mark_safe(compact_html(compact, history.unchanged_words))
    whole = format_html(
        '<details class="whole-diff"><summary>{}</summary>{}</details>', _("The whole text"), render_diff(operations)
    )
    return format_html('<div class="word-diff compact" lang="kk">{}</div>{}', pieces, whole)


class EditorialAdmin(SimpleHistoryAdmin):
    """Saves recorded with the form's reason and refused, with the other change shown and the
    editor's own kept in the form, if the record changed after the form was opened or the
    database stayed busy, was full or could not be reached; history pages that show whole word
    diffs between versions."""

    object_history_template = "admin/thesis/object_history.html"
    object_history_list_template = "admin/thesis/object_history_list.html"

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("change_reason", "")
        if not change:
            history.record(obj, request.user, reason).save()
            return
        editing.save_checked(
            obj, expected_version=form.cleaned_data["opened_version"], user=request.user, reason=reason
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            # One block for the whole form: the record, its many-to-many links and its inlines.
            with changes.atomic(using=router.db_for_write(self.model)):
                return super().changeform_view(request, object_id, form_url, extra_context)
        except Exception as error:
            request.edit_refusal = _refusal_or_raise(error)
        # The admin's write transaction is what failed, so the form is shown again outside one:
        # it only reads, which SQLite's WAL allows while another connection writes.
        return self._changeform_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        existing_ids(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        with changes.atomic(using=router.db_for_write(self.model)):
            return super().delete_view(request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST":
            return super().changelist_view(request, extra_context)
        # An action or a list edit changes many rows: one block for them all.
        with changes.atomic(using=router.db_for_write(self.model)):
            return super().changelist_view(request, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring an old version is a save like any other: in one transaction, checked against
        the version the record is at now, not the one restored. Whoever may only view the record
        sees the old version read-only, and a POST from them is refused before anything is read
        from it: django-simple-history's view saves any valid form it is sent."""
        existing_ids(self.model, object_id, version_id)
        current = self.get_object(request, unquote(object_id))
        if not self.has_change_permission(request, current):
            if request.method not in ("GET", "HEAD"):
                raise PermissionDenied
            request.read_only_fields = flatten_fieldsets(self.get_fieldsets(request, current))
            return super().history_form_view(request, object_id, version_id, extra_context)
        request.version_now = self.model.objects.filter(pk=unquote(object_id)).values_list("version", flat=True).first()
        try:
            with changes.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except Exception as error:
            request.edit_refusal = _refusal_or_raise(error)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        return getattr(request, "read_only_fields", None) or super().get_readonly_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Viewing only: no reason to give, and none to show (Django would print "Change reason: None").
        kept = [(name, {**options, "fields": _without_save_fields(options["fields"])}) for name, options in fieldsets]
        return [(name, options) for name, options in kept if options["fields"]]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal, version_now = getattr(request, "edit_refusal", None), getattr(request, "version_now", None)
        if refusal is None and version_now is None:
            return form
        return type(form.__name__, (form,), {"refusal": refusal, "version_now": version_now})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form if context.get("adminform") else None
        conflict = getattr(form, "conflict", None)
        if conflict is not None:
            context["conflict"] = conflict
            context["conflict_changes"] = [
                (change, history.change_time(change.history_date)) for change in conflict.changes
            ]
            context["conflict_fields"] = [(change.label, render_diff(change.diff)) for change in conflict.fields]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        for version in historical_records:
            version.word_changes = self.version_changes(version)

    def version_changes(self, version) -> list[dict]:
        """What changed in this version since the one before it, text fields as word diffs."""
        previous = version.prev_record
        if previous is None:
            return []
        changes = []
        # The version number moves with every save; the page already says which version each row is.
        for change in version.diff_against(previous, excluded_fields=["version"], foreign_keys_are_objs=False).changes:
            field = self.model._meta.get_field(change.field)
            diff = render_text_diff(_as_text(_label(field, change.old)), _as_text(_label(field, change.new)))
            changes.append({"field": field.verbose_name, "diff": diff})
        return changes


def existing_ids(model, object_id, version_id=None) -> None:
    """A 404 for an id in a history URL that could name no record or version, as Django's own
    admin views answer one; django-simple-history would look it up and fail with a 500."""
    history_key = model.history.model._meta.pk
    pairs = [(model._meta.pk, unquote(object_id))] + ([(history_key, version_id)] if version_id is not None else [])
    try:
        for field, value in pairs:
            field.to_python(value)
    except ValidationError:
        raise Http404 from None


def _refusal_or_raise(error: Exception) -> editing.EditRefused:
    """The refusal a failed save stands for; any other error goes on up. A save the form had let
    through is refused when another one won the race for the record, or the database stayed
    locked, was full or could not be reached: the form is shown again with the editor's text in it."""
    refusal = editing.as_refusal(error)
    if refusal is None:
        raise error
    return refusal


def _without_save_fields(fields) -> list:
    return [f for f in fields if f not in SAVE_FIELDS]


def _label(field, value):
    """A value of a field with choices as the reader's word for it ("corrected"), not its stored code."""
    return dict(field.flatchoices).get(value, value) if field.choices else value


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
