"""Forms of the editorial admin: every change carries a reason, and a passage form the version it was opened at."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from thesis.editorial.discussion import NOTE_MAX_LENGTH
from thesis.editorial.editing import DatabaseBusy, DatabaseUnavailable, DiskFull, StaleEdit, current_version
from thesis.editorial.verification import status_after_save

from .history import REASON_MAX_LENGTH, change_time
from .models import Author, IgnoredWord, Passage, PassageNote, Section, Source, Thesis, TimelineEvent
from .text.dates import DateError, PartialDate, ends_before_start, validate_partial_date


def reason_field(**kwargs) -> forms.CharField:
    """A reason for the history, whose limit (its column's) is said beside it and counted as it is typed
    (thesis/static/thesis/admin.js); a longer one is refused with the form's error, never cut: the
    browser's maxlength would stop the typing, or cut a pasted reason, without a word."""
    too_long = _("At most %(limit_value)s characters: this reason has %(show_value)s. Shorten it.")
    return forms.CharField(
        label=kwargs.pop("label", _("Reason for change")),
        validators=[MaxLengthValidator(REASON_MAX_LENGTH, message=too_long)],
        help_text=format_lazy(
            _("Recorded in the history with your name and the time; at most {limit} characters."),
            limit=REASON_MAX_LENGTH,
        ),
        widget=forms.TextInput(attrs={"size": 80, "data-max-length": REASON_MAX_LENGTH}),
        **kwargs,
    )


class ReasonForm(forms.ModelForm):
    """A model form whose save is recorded in history with the reason the editor gives, and refused
    if the record changed after the form was opened: the version it was opened at travels with it."""

    change_reason = reason_field()
    opened_version = forms.IntegerField(label=_("Version opened"), widget=forms.HiddenInput, required=False)
    # Set on a subclass by the admin (thesis/admin/base.py): the refusal of a save the form had
    # passed, and the version now when the instance is an old one being restored.
    refusal = None
    version_now = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if not self.is_bound and self.instance.pk:
            self.initial["opened_version"] = self.version_now or self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.refusal is not None:
            self._refuse(self.refusal)
        if self.instance.pk:
            self._check_version(cleaned.get("opened_version"))
        return cleaned

    def _check_version(self, opened):
        if opened is None:
            raise ValidationError(_("The form is missing the version it was opened at; reload the page."))
        current = current_version(type(self.instance), self.instance.pk)
        if current is not None and current != opened:
            self._refuse(StaleEdit(type(self.instance).objects.get(pk=self.instance.pk), opened))

    def _refuse(self, refusal):
        if isinstance(refusal, StaleEdit):
            self.conflict = refusal.conflict
            raise ValidationError(stale_message(self.conflict), code="stale")
        fault = DATABASE_FAULTS.get(type(refusal))
        if fault is not None:
            code, message = fault
            raise ValidationError(message(), code=code)
        raise ValidationError(str(refusal), code="refused")


class PassageForm(ReasonForm):
    """The text and status of a passage; verified only as review's rule allows the editor saving."""

    # Set on a subclass by the passage admin: who is saving, for the rule of who may verify; and whether
    # the text sent is a merge the editor asked to have in the form, to adjust before saving it.
    user = None
    adjusting = False

    ready = forms.BooleanField(
        label=_("Ready for review"),
        required=False,
        help_text=_("Leave it unticked to keep the passage in progress while open suspects are left in it."),
    )

    class Meta:
        model = Passage
        fields = ["text", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 18, "cols": 60, "lang": "kk"})}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "text" in cleaned and "status" in cleaned:
            # The instance still holds the stored values here; the form's are copied onto it later.
            ready = cleaned.get("ready", False)
            _status, refusal = status_after_save(self.instance, cleaned["text"], cleaned["status"], self.user, ready)
            if refusal:
                self.add_error("status", refusal)
        return cleaned

    def is_valid(self):
        # A merge put in the form is checked as a save would be (a newer save refused with its conflict),
        # and shown, never saved: the editor adjusts it first.
        return super().is_valid() and not self.adjusting


class NoteForm(forms.Form):
    """A note of a passage's conversation, or a reply to one of its notes."""

    KINDS = [
        (PassageNote.Kind.QUESTION, PassageNote.Kind.QUESTION.label),
        (PassageNote.Kind.ANSWER, PassageNote.Kind.ANSWER.label),
        (PassageNote.Kind.RESOLUTION, PassageNote.Kind.RESOLUTION.label),
    ]

    body = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Write @ and a username to tell an editor."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, initial=PassageNote.Kind.QUESTION)
    parent = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class NoticesForm(forms.Form):
    """Whether an editor is sent e-mail notices."""

    notify = forms.BooleanField(label=_("E-mail me when my work is sent back or a note mentions me"), required=False)


class ReviewDecisionForm(forms.Form):
    """A reviewer's decision on one passage at the version they saw: approve, or send back with a comment."""

    DECISIONS = [("approve", _("Approve")), ("send_back", _("Send back"))]

    passage = forms.IntegerField(min_value=1)
    version = forms.IntegerField(min_value=1)
    decision = forms.ChoiceField(choices=DECISIONS)
    comment = forms.CharField(max_length=REASON_MAX_LENGTH, required=False)


def stale_message(conflict, *, in_form: bool = True) -> str:
    """Why a save was refused: someone changed the record after the editor opened it. `in_form`: the page
    shows the form again, with the editor's change in it and the other change below; pages without one
    (a fix on the suspects page, a review decision, a restore) say what to do instead."""
    latest = conflict.latest
    who = (latest.history_user if latest and latest.history_user else None) or _("someone")
    facts = {
        "who": who,
        "record": conflict.instance._meta.verbose_name,
        "when": change_time(latest.history_date) if latest else "",
        "opened": conflict.opened_version,
        "current": conflict.instance.version,
    }
    if not in_form:
        return (
            _(
                "Not saved: %(who)s changed this %(record)s at %(when)s, after this page showed it (it showed "
                "version %(opened)s; it is now at version %(current)s). Nothing was overwritten. Reload the "
                "page to see the current version, and make your change there if it is still needed."
            )
            % facts
        )
    return (
        _(
            "Not saved: %(who)s changed this %(record)s at %(when)s, after you opened it (you opened version "
            "%(opened)s; it is now at version %(current)s). Nothing was overwritten. Their change is shown "
            "below; your own is still in the form. Reload the page to edit the current version."
        )
        % facts
    )


def busy_message() -> str:
    return _(
        "Not saved: another editor's change was being written and the archive stayed busy for longer than "
        "a save may wait. Nothing was written or overwritten; your change is still in the form. Save again."
    )


def unavailable_message() -> str:
    return _(
        "Not saved: the archive's database could not be reached. Your change is still in the form; save "
        "again in a moment. (Should the save have been written after all, saving again shows it as a change "
        "made after you opened the form.)"
    )


def disk_full_message() -> str:
    return _(
        "Not saved: the archive's disk is full (the database says “database or disk is full”). Nothing was "
        "written or overwritten; your change is still in the form. Save again once room has been made."
    )


# The refusals of a save the database could not take, and what the form says of each.
DATABASE_FAULTS = {
    DatabaseBusy: ("busy", busy_message),
    DatabaseUnavailable: ("unavailable", unavailable_message),
    DiskFull: ("disk_full", disk_full_message),
}


class IgnoredWordForm(ReasonForm):
    class Meta:
        model = IgnoredWord
        fields = ["thesis", "word"]


class ThesisForm(ReasonForm):
    class Meta:
        model = Thesis
        fields = [
            "title",
            "title_note",
            "title_note_en",
            "language",
            "kind",
            "author_names",
            "supervisor",
            "institution",
            "place",
            "year",
            "abstract",
            "keywords",
            "is_complete",
            "completeness_note",
            "completeness_note_en",
        ]

    def clean_author_names(self):
        return _texts(self.cleaned_data["author_names"], "author_names")

    def clean_keywords(self):
        return _texts(self.cleaned_data["keywords"], "keywords")


def _texts(value, field: str) -> list[str]:
    """A list of names or keywords, each a text; anything else is the editor's to correct."""
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise forms.ValidationError(
            _("Give a list of texts in square brackets, each in double quotes."), code="invalid"
        )
    return [item.strip() for item in value if item.strip()]


class SectionForm(ReasonForm):
    class Meta:
        model = Section
        fields = ["title"]


class SourceForm(ReasonForm):
    class Meta:
        model = Source
        fields = ["thesis", "number", "status", *Source.BIBLIOGRAPHIC_FIELDS]


class AuthorForm(ReasonForm):
    class Meta:
        model = Author
        fields = [
            "thesis",
            "family_name",
            "given_names",
            "display_name",
            "group",
            "is_historiography_author",
            "is_quoted",
            "note",
            "note_en",
            "viaf_id",
            "wikidata_id",
        ]


class TimelineEventForm(ReasonForm):
    """Dates are checked as partial dates: a month 1-12, a day that month has, an end not before the start."""

    class Meta:
        model = TimelineEvent
        fields = [
            "thesis",
            "passage",
            "headline",
            "description",
            "date_display",
            "start_year",
            "start_month",
            "start_day",
            "end_year",
            "end_month",
            "end_day",
            "precision",
            "basis",
            "basis_note",
            "basis_note_en",
            "authors",
        ]

    def clean(self):
        cleaned = super().clean()
        start = self._partial_date(cleaned, "start")
        end = self._partial_date(cleaned, "end")
        if start and end and ends_before_start(start, end):
            self.add_error("end_year", _("The end is before the start."))
        notes = (cleaned.get("basis_note") or "") + (cleaned.get("basis_note_en") or "")
        if cleaned.get("basis") == TimelineEvent.Basis.INFERRED and not notes.strip():
            self.add_error("basis_note", _("An inferred date needs a note saying what it was inferred from."))
        return cleaned

    def _partial_date(self, cleaned, prefix) -> PartialDate | None:
        year, month, day = (cleaned.get(f"{prefix}_{part}") for part in ("year", "month", "day"))
        if f"{prefix}_year" in self.errors:
            return None
        try:
            validate_partial_date(year, month, day)
        except DateError as error:
            self.add_error(
                f"{prefix}_day" if day is not None and month is not None else f"{prefix}_month", _date_error(error)
            )
            return None
        return PartialDate(year, month, day)


DATE_ERRORS = {
    "month": _("The month must be 1 to 12."),
    "day": _("That month has no such day (it has %(days)s)."),
    "day_without_month": _("A day needs a month."),
    "year": _("The year is required, and there is no year 0."),
}


def _date_error(error: DateError) -> str:
    return DATE_ERRORS[error.code] % error.params if error.params else DATE_ERRORS[error.code]


class RevertForm(forms.Form):
    change_reason = reason_field()
    opened_version = forms.IntegerField(widget=forms.HiddenInput)


class ReplaceForm(forms.Form):
    pattern = forms.CharField(label=_("Find"), max_length=500, strip=False)
    replacement = forms.CharField(label=_("Replace with"), max_length=500, required=False, strip=False)
    # On when the page opens: a replacement inside other words or in other cases is the risky one.
    whole_word = forms.BooleanField(label=_("Whole words only"), required=False, initial=True)
    case_sensitive = forms.BooleanField(label=_("Case-sensitive"), required=False, initial=True)
    change_reason = reason_field(required=False)

    def clean_pattern(self):
        pattern = self.cleaned_data["pattern"]
        if not pattern.strip():
            raise ValidationError(_("Enter the text to find."))
        return pattern

    def require_reason(self) -> bool:
        """Applying needs a reason; a preview does not."""
        if not (self.cleaned_data.get("change_reason") or "").strip():
            self.add_error("change_reason", _("Give a reason: it is recorded for every passage changed."))
            return False
        return True


class UndoBatchForm(forms.Form):
    change_reason = reason_field(label=_("Reason for undoing"))


class MergeAuthorsForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Author.objects.none(),
        widget=forms.RadioSelect,
        label=_("Keep this record"),
        empty_label=None,
    )
    change_reason = reason_field()

    def __init__(self, *args, authors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = authors if authors is not None else Author.objects.none()


class ApplySuggestionForm(forms.Form):
    passage = forms.IntegerField()
    version = forms.IntegerField()
    start = forms.IntegerField(min_value=0)
    found = forms.CharField(strip=False)
    replacement = forms.CharField(strip=False, required=False)
    kind = forms.CharField(required=False)


class IgnoreWordForm(forms.Form):
    word = forms.CharField(max_length=255)

    def clean_word(self):
        word = self.cleaned_data["word"].strip()
        if not re.fullmatch(r"[^\W\d_]+", word):
            raise ValidationError(_("Only a single word can be ignored."))
        return word


class UndoFixForm(forms.Form):
    passage = forms.IntegerField()
    version = forms.IntegerField(min_value=2)


class DismissSuspectForm(forms.Form):
    passage = forms.IntegerField()
    kind = forms.CharField(max_length=32)
    found = forms.CharField(max_length=255, strip=False)
    start = forms.IntegerField(min_value=0, required=False)
    before = forms.CharField(max_length=255, strip=False, required=False)
    after = forms.CharField(max_length=255, strip=False, required=False)


class BulkFixForm(forms.Form):
    change_reason = reason_field()


# --- repairs of a document's structure ----------------------------------------------------------------

SECTION_KINDS = Section.Kind.choices
# How deep a section may stand: deeper than any thesis of the genre numbers its parts (1.2.3.4).
MAX_LEVEL = 9


def level_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Level"),
        min_value=1,
        max_value=MAX_LEVEL,
        help_text=_("1 for a part at the top (a chapter, the introduction), 2 for a section of one, and so on."),
        **kwargs,
    )


class RepairForm(forms.Form):
    """A repair of the structure: a reason for the history, and the version of the record it was opened at."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    change_reason = reason_field()


class LineBreaksForm(RepairForm):
    """A new reading of what a thesis's line breaks stand for."""

    line_breaks = forms.ChoiceField(
        label=_("Read a line break inside a paragraph as"), choices=Thesis.LineBreaks.choices
    )


class SplitForm(RepairForm):
    offset = forms.IntegerField(
        label=_("Split at character"),
        min_value=1,
        help_text=_("Where the second passage begins, counted in characters from the start of the text."),
    )


class MergeForm(RepairForm):
    next_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class HeadingForm(RepairForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("as the text prints it (a section if it prints none)")), *SECTION_KINDS],
        required=False,
    )
    level = level_field()


class SectionStructureForm(RepairForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=SECTION_KINDS)
    level = level_field()


class AddSectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SECTION_KINDS)
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    change_reason = reason_field()
