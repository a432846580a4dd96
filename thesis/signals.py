"""Derived data follows a passage's text wherever the text is saved: admin, API, commands or shell;
and every change to what the API shows bumps the data version, in the same transaction."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import (
    Author,
    AuthorAlias,
    Citation,
    Mention,
    Passage,
    Section,
    Source,
    SourceDocument,
    Thesis,
    TimelineEvent,
)
from .services import dataversion
from .services.derivation import refresh_derived

# Everything the public API shows; bulk writes that send no signals bump the version themselves.
SHOWN = (SourceDocument, Thesis, Section, Passage, Source, Citation, Author, AuthorAlias, Mention, TimelineEvent)


@receiver(post_save, sender=Passage, dispatch_uid="passage_refresh_derived")
def passage_saved(sender, instance: Passage, raw=False, **kwargs):
    if not raw:
        refresh_derived(instance)


def data_changed(sender, using=None, **kwargs):
    # Raw saves (loaddata, a backup's restore) change what is shown as much as any other.
    dataversion.bump(using)


def links_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_"):
        dataversion.bump(using)


for model in SHOWN:
    post_save.connect(data_changed, sender=model, dispatch_uid=f"data_version_save_{model.__name__}")
    post_delete.connect(data_changed, sender=model, dispatch_uid=f"data_version_delete_{model.__name__}")
m2m_changed.connect(links_changed, sender=TimelineEvent.authors.through, dispatch_uid="data_version_event_people")
