"""Template tags of the reading site: a passage's markup, a change's word diff, and a note in the reader's language."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from thesis.editions.html import StoredHTML, render
from thesis.history import shown_reason, unchanged_words
from thesis.models import note_for
from thesis.text import diffs

register = template.Library()


@register.simple_tag
def passage_html(content, changes=False, reasons=()):
    """A passage's markup (its inline content, or its HTML as stored); with `changes`, each correction
    titled with who made it and why."""
    note = gettext("Changed by an editor")
    if reasons:
        note = f"{note}: {'; '.join(shown_reason(reason) for reason in reasons)}"
    if isinstance(content, StoredHTML):
        return content.shown(changes, note)
    return render(content, changes=changes, note=note)


@register.simple_tag
def note(record, field):
    """A record's note in the reader's language (Kazakh unless they read English), with the code of
    the language it is in, for the element's lang."""
    text, language = note_for(record, field, get_language())
    return {"text": text, "language": language}


@register.simple_tag
def diff_html(operations):
    """A compact word diff (thesis.text.diffs) with insertions and deletions marked, and an ellipsis for
    each stretch of unchanged words left out."""
    return mark_safe(diffs.compact_html(operations, unchanged_words))


@register.filter
def names(authors) -> str:
    """CSL names as a reader writes them: given name first, one person after another."""
    if not isinstance(authors, list):
        return ""
    people = [a for a in authors if isinstance(a, dict)]
    written = [a.get("literal") or " ".join(str(a[p]) for p in ("given", "family") if a.get(p)) for a in people]
    return "; ".join(name for name in written if name)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def snippet_html(snippet):
    """A snippet (thesis.text.snippets) with its matches in <mark>, and … where text was left out.
    Written here rather than looped over in the template: a results page has dozens of them."""
    pieces = [f"<mark>{escape(p.text)}</mark>" if p.match else escape(p.text) for p in snippet.pieces]
    return mark_safe(("… " if snippet.cut_before else "") + "".join(pieces) + (" …" if snippet.cut_after else ""))
