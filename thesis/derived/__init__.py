"""What the archive derives from its text and keeps in step with every change: citations and mentions,
the suspected errors, the data version, and the one place a change triggers them all (changes.py)."""
