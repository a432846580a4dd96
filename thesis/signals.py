"""Derived data follows a passage's text wherever the text is saved: admin, API, commands or shell."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .derivation import refresh_derived
from .models import Passage


@receiver(post_save, sender=Passage, dispatch_uid="passage_refresh_derived")
def passage_saved(sender, instance: Passage, raw=False, **kwargs):
    if not raw:
        refresh_derived(instance)
