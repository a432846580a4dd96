"""Forms of the editorial admin: every change carries a reason, and a passage form the version it was opened at."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .dates import PartialDate, sort_key, validate_partial_date
from .editing import REASON_MAX_LENGTH, conflict_since
from .models import Author, Passage, Section, Source, Thesis, TimelineEvent


def reason_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        label=kwargs.pop("label", _("Reason for change")),
        max_length=REASON_MAX_LENGTH,
        help_text=_("Recorded in the history with your name and the time."),
        widget=forms.TextInput(attrs={"size": 80}),
        **kwargs,
    )


class ReasonForm(forms.ModelForm):
    """A model form whose save is recorded in history with the reason the editor gives."""

    change_reason = reason_field()


class PassageForm(ReasonForm):
    opened_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Passage
        fields = ["text", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 18, "cols": 60, "lang": "kk"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if not self.is_bound and self.instance.pk:
            self.initial["opened_version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_version")
        current = Passage.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        if opened is not None and current is not None and opened != current:
            self.conflict = conflict_since(Passage.objects.get(pk=self.instance.pk), opened)
            raise ValidationError(stale_message(self.conflict), code="stale")
        return cleaned


def stale_message(conflict) -> str:
    latest = conflict.latest
    who = (latest.history_user if latest and latest.history_user else None) or _("someone")
    when = latest.history_date.strftime("%Y-%m-%d %H:%M") if latest else ""
    return _(
        "Not saved: %(who)s changed this passage at %(when)s, after you opened it (you opened version "
        "%(opened)s; it is now at version %(current)s). Nothing was overwritten. Their change is shown "
        "below; reload the page to edit the current text."
    ) % {"who": who, "when": when, "opened": conflict.opened_version, "current": conflict.passage.version}


class ThesisForm(ReasonForm):
    class Meta:
        model = Thesis
        fields = ["title", "title_note", "language", "kind", "is_complete", "completeness_note"]


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
            "authors",
        ]

    def clean(self):
        cleaned = super().clean()
        start = self._partial_date(cleaned, "start")
        end = self._partial_date(cleaned, "end")
        if start and end and sort_key(end) < sort_key(start):
            self.add_error("end_year", _("The end is before the start."))
        if cleaned.get("basis") == TimelineEvent.Basis.INFERRED and not (cleaned.get("basis_note") or "").strip():
            self.add_error("basis_note", _("An inferred date needs a note saying what it was inferred from."))
        return cleaned

    def _partial_date(self, cleaned, prefix) -> PartialDate | None:
        year, month, day = (cleaned.get(f"{prefix}_{part}") for part in ("year", "month", "day"))
        if f"{prefix}_year" in self.errors:
            return None
        try:
            validate_partial_date(year, month, day)
        except ValueError as error:
            self.add_error(
                f"{prefix}_day" if day is not None and month is not None else f"{prefix}_month", _date_error(error)
            )
            return None
        return PartialDate(year, month, day)


def _date_error(error: ValueError) -> str:
    message = str(error)
    if message.startswith("month"):
        return _("The month must be 1 to 12.")
    if message.startswith("day must be"):
        return _("That month has no such day (it has %(days)s).") % {"days": message.rsplit(" ", 3)[-3]}
    if message.startswith("a day needs"):
        return _("A day needs a month.")
    return _("The year is required, and there is no year 0.")


class RevertForm(forms.Form):
    change_reason = reason_field()
    opened_version = forms.IntegerField(widget=forms.HiddenInput)


class ReplaceForm(forms.Form):
    pattern = forms.CharField(label=_("Find"), max_length=500, strip=False)
    replacement = forms.CharField(label=_("Replace with"), max_length=500, required=False, strip=False)
    whole_word = forms.BooleanField(label=_("Whole words only"), required=False)
    case_sensitive = forms.BooleanField(label=_("Case-sensitive"), required=False)
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
