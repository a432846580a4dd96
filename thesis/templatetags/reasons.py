"""Template filters for the reasons in history: shown in the reader's language when the archive wrote them."""

from django import template

from thesis.history import is_system_reason, shown_reason

register = template.Library()
register.filter("shown_reason", shown_reason)
register.filter("is_system_reason", is_system_reason)
