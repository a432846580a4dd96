"""Saving or deleting what the public API shows notes the change with `derived.changes`, which
says what it triggers: a passage's citations and mentions derived again from its text, its thesis's
suspects checked again, and the data version bumped, once per transaction of changes (or at once,
outside one)."""

from django.contrib.auth.signals import user_logged_in
from django.db import router
from django.db.models.signals import m2m_changed, post_delete, post_save
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


def data_changed(sender, using=None, **kwargs):
    # Raw saves (loaddata, a backup's restore) change what is shown as much as any other.
    changes.data_changed(using or router.db_for_write(sender))


def links_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_"):
        changes.data_changed(using or router.db_for_write(sender))


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
