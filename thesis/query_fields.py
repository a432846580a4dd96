"""Form fields for the record ids and search terms that the API and the reading site both take as parameters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .text.analysis import lexicon_knows
from .text.query_language import MISPLACED_OR, ONLY_EXCLUDED, UNBALANCED, QueryError, parse
from .year_fields import WholeNumberField

# The largest key either database stores (a signed 64-bit integer): SQLite cannot compare a larger
# number with a column at all, so it is refused as a parameter rather than looked up.
MAX_ID = 2**63 - 1
SEARCH_MAX_LENGTH = 200


class IdField(WholeNumberField):
    """A record's id: a whole number from 1 to MAX_ID."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class SearchField(forms.CharField):
    """A search term of at most SEARCH_MAX_LENGTH characters, without a NUL (Django's CharField
    refuses it: PostgreSQL can neither store nor compare one). The search strips the term itself;
    the field leaves it whole, so that the length checked is the length sent."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)


# The query language's refusals (thesis.text.query_language.MESSAGES), in the reader's language.
QUERY_MESSAGES = {
    UNBALANCED: _("A phrase's quotation mark is not closed: put a \" at its end too."),
    ONLY_EXCLUDED: _("A query of exclusions alone finds nothing: add a word to look for."),
    MISPLACED_OR: _("OR stands between two words or phrases, not at either end of the query or beside a -."),
}


class QueryField(SearchField):
    """A passage search in the query language (thesis.text.query_language): a malformed one (an unclosed
    quote, exclusions alone, OR at an end) is the field's error, so that the parameter is named."""

    def validate(self, value):
        super().validate(value)
        try:
            parse(value, lexicon_knows)
        except QueryError as error:
            raise forms.ValidationError(QUERY_MESSAGES[error.code], code=error.code) from None
