"""Saving or deleting what the public API shows notes the change with `derived.changes`, which
says what it triggers: a passage's citations and mentions derived again from its text, its thesis's
suspects checked again, and the data version bumped, once per transaction of changes (or at once,
outside one)."""

from django.contrib.auth.signals import user_logged_in
from django.db import router
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from .derived import changes
from .models import (
    Author,
    AuthorAlias,
    Citation,
    DismissedSuspect,
    IgnoredWord,
    Mention,
    Passage,
    Section,
    Source,
    SourceDocument,
    Thesis,
    TimelineEvent,
)
from .proofing import activity

# Everything the public API shows; ignored words and dismissals decide which suspects it lists.
SHOWN = (
    SourceDocument,
    Thesis,
    Section,
    Passage,
    Source,
    Citation,
    Author,
    AuthorAlias,
    Mention,
    TimelineEvent,
    IgnoredWord,
    DismissedSuspect,
)


@receiver(post_save, sender=Passage, dispatch_uid="passage_refresh_derived")
def passage_saved(sender, instance: Passage, raw=False, using=None, **kwargs):
    if not raw:
        changes.passage_saved(instance, using or router.db_for_write(Passage))


@receiver(post_save, sender=Section, dispatch_uid="section_refresh_heading_words")
def section_saved(sender, instance: Section, raw=False, created=False, using=None, **kwargs):
    # A new section has no passages yet: theirs are derived as they are saved.
    if not raw and not created:
        changes.section_saved(instance, using or router.db_for_write(Section))


def data_changed(sender, instance, raw=False, using=None, **kwargs):
    using = using or router.db_for_write(sender)
    if raw:
        # Raw saves (loaddata, a backup's restore) bring whole theses in any order: every thesis changed.
        changes.data_changed(using)
        return
    changes.data_changed(using, *shown_by(instance))


def links_changed(sender, instance, action, using=None, **kwargs):
    if action.startswith("post_"):
        # An event's people show on its thesis's pages; from a person's side, which events is not said.
        theses = {instance.thesis_id} if isinstance(instance, TimelineEvent) else None
        changes.data_changed(using or router.db_for_write(sender), theses)


def shown_by(instance) -> tuple[set[int] | None, set[int]]:
    """The theses whose pages show a saved or deleted record, and the passages whose thesis does
    (read by the bump's own UPDATE rather than by a query a record); None: every thesis."""
    if isinstance(instance, (Citation, Mention)):
        # Derived from their passage's text within its thesis (derived/derivation.py): its thesis is theirs.
        return set(), {instance.passage_id}
    if isinstance(instance, DismissedSuspect):
        return set(), {instance.passage_id}
    if isinstance(instance, SourceDocument):
        return set(Thesis.objects.filter(source_document=instance.pk).values_list("pk", flat=True)), set()
    thesis = thesis_of(instance)
    return (None if thesis is None else {thesis}), set()


def thesis_moved(sender, instance, raw=False, using=None, **kwargs):
    """A record an editor gives another thesis leaves the one it leaves changed as well."""
    if raw or instance._state.adding:
        return
    using = using or router.db_for_write(sender)
    before = sender.objects.using(using).filter(pk=instance.pk).values_list("thesis_id", flat=True).first()
    if before is not None and before != instance.thesis_id:
        changes.data_changed(using, {before})
        changes.suspects_changed(before, using)


def link_deleted(sender, instance, using=None, **kwargs):
    """The events showing a passage or a person deleted lose it without a save of their own (SET_NULL,
    or their link rows deleted with it); an event may be another thesis's."""
    using = using or router.db_for_write(sender)
    linked = TimelineEvent.objects.using(using).filter(**{LINKS[sender]: instance.pk})
    changes.data_changed(using, set(linked.values_list("thesis_id", flat=True)))


def thesis_of(instance) -> int | None:
    """The thesis whose suspects a saved or deleted record bears on."""
    if isinstance(instance, Thesis):
        return instance.pk
    if isinstance(instance, AuthorAlias):
        return Author.objects.filter(pk=instance.author_id).values_list("thesis_id", flat=True).first()
    if isinstance(instance, DismissedSuspect):
        return Passage.objects.filter(pk=instance.passage_id).values_list("thesis_id", flat=True).first()
    return instance.thesis_id


def suspects_changed(sender, instance, raw=False, using=None, **kwargs):
    # A restore brings the stored suspects with the rest; everything else changes what they are.
    if not raw:
        changes.suspects_changed(thesis_of(instance), using or router.db_for_write(sender))


# What the suspects depend on besides a passage's own text: the thesis's other passages (deleted
# here; saved through passage_saved), its ignored words and dismissals, and what editors wrote
# about it (its title and notes, its people and their other names, its events).
SUSPECTS_DEPEND_ON = (Thesis, Author, AuthorAlias, TimelineEvent, IgnoredWord, DismissedSuspect)

for model in SUSPECTS_DEPEND_ON:
    post_save.connect(suspects_changed, sender=model, dispatch_uid=f"suspects_save_{model.__name__}")
for model in (*SUSPECTS_DEPEND_ON, Passage):
    post_delete.connect(suspects_changed, sender=model, dispatch_uid=f"suspects_delete_{model.__name__}")

# The records whose thesis an editor chooses in their form.
MOVABLE = (Source, Author, TimelineEvent, IgnoredWord)
LINKS = {Passage: "passage", Author: "authors"}

for model in MOVABLE:
    pre_save.connect(thesis_moved, sender=model, dispatch_uid=f"thesis_moved_{model.__name__}")
for model in LINKS:
    pre_delete.connect(link_deleted, sender=model, dispatch_uid=f"event_link_deleted_{model.__name__}")
for model in SHOWN:
    post_save.connect(data_changed, sender=model, dispatch_uid=f"data_version_save_{model.__name__}")
    post_delete.connect(data_changed, sender=model, dispatch_uid=f"data_version_delete_{model.__name__}")
m2m_changed.connect(links_changed, sender=TimelineEvent.authors.through, dispatch_uid="data_version_event_people")


@receiver(user_logged_in, dispatch_uid="editor_signed_in")
def editor_signed_in(sender, request, user, **kwargs):
    """Keep the previous sign-in in the session, for the admin index's "since I was last here"."""
    previous = activity.signed_in(user)
    if previous is not None and request is not None and hasattr(request, "session"):
        request.session[activity.SINCE_KEY] = previous.isoformat()
