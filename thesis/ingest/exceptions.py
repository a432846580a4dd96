"""Errors the import raises before anything is written (or that roll the whole import back)."""


class ImportRefused(Exception):
    """The input cannot be imported; nothing was written."""


class CurationError(ImportRefused):
    """The curated file is malformed or does not fit the text."""
