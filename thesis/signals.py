"""Saving or deleting what the public API shows notes the change with `services.changes`, which
says what it triggers: a passage's citations and mentions derived again from its text, and the
data version bumped, once per transaction of changes (or at once, outside one)."""

from django.db import router
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import (
    Author,
    AuthorAlias,
    Citation,
    IgnoredWord,
    Mention,
    Passage,
    Section,
    Source,
    SourceDocument,
    Thesis,
    TimelineEvent,
)
from .services import changes

# Everything the public API shows; ignored words decide which suspects it lists.
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
)


@receiver(post_save, sender=Passage, dispatch_uid="passage_refresh_derived")
def passage_saved(sender, instance: Passage, raw=False, using=None, **kwargs):
    if not raw:
        changes.passage_saved(instance, using or router.db_for_write(Passage))


def data_changed(sender, using=None, **kwargs):
    # Raw saves (loaddata, a backup's restore) change what is shown as much as any other.
    changes.data_changed(using or router.db_for_write(sender))


def links_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_"):
        changes.data_changed(using or router.db_for_write(sender))


for model in SHOWN:
    post_save.connect(data_changed, sender=model, dispatch_uid=f"data_version_save_{model.__name__}")
    post_delete.connect(data_changed, sender=model, dispatch_uid=f"data_version_delete_{model.__name__}")
m2m_changed.connect(links_changed, sender=TimelineEvent.authors.through, dispatch_uid="data_version_event_people")
