"""An editor's work through the suspected errors: fixes and their undo, dismissals, ignored words, the
work queue, and how the spell-check does on a reference list."""
