"""The editorial admin: passages, sections, sources, people, events, suspects and find-and-replace."""

from . import passages, records, theses  # noqa: F401  (each registers its model admins)
