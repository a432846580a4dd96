"""Form fields for years and centuries (negative BCE, no 0) and the rule of a year range, for every reader of years."""

import re

from django import forms

from .text.dates import DateError, PartialDate, century_years, ends_before_start, validate_year

# Far beyond any dated event, and well inside the integer columns of both databases.
YEAR_LIMIT = 1_000_000


def _as_form_error(check):
    """A Django validator running a date rule that raises DateError."""

    def validator(value):
        try:
            check(value)
        except DateError as error:
            raise forms.ValidationError("%(problem)s", params={"problem": str(error)}) from None

    return validator


class WholeNumberField(forms.IntegerField):
    """An integer written as one: Django's own field also takes "5.0" and " 5", which no schema calls an integer."""

    WHOLE_NUMBER = re.compile(r"-?[0-9]+")

    def to_python(self, value):
        if isinstance(value, str) and value and not self.WHOLE_NUMBER.fullmatch(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class YearField(WholeNumberField):
    default_validators = [_as_form_error(validate_year)]
    openapi_schema = {"not": {"enum": [0]}}

    def __init__(self, **kwargs):
        super().__init__(min_value=-YEAR_LIMIT, max_value=YEAR_LIMIT, **kwargs)


class CenturyField(WholeNumberField):
    default_validators = [_as_form_error(century_years)]
    openapi_schema = {"not": {"enum": [0]}}

    def __init__(self, **kwargs):
        super().__init__(min_value=-YEAR_LIMIT // 100, max_value=YEAR_LIMIT // 100, **kwargs)


class YearRangeForm(forms.Form):
    """A range whose start is after its end is a mistake in the request, so it is named as one."""

    # (first, last): parameters that must come in this order when both are given; the schema says so.
    ordered_parameters = (("year_from", "year_to"),)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("year_from"), cleaned.get("year_to")
        if first is not None and last is not None and ends_before_start(PartialDate(first), PartialDate(last)):
            self.add_error("year_from", f"year_from ({first}) is after year_to ({last}).")
        return cleaned
