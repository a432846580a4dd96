"""Every change an editor or a command makes to a thesis already in the archive: saving a passage,
find and replace, review by a second editor, backups and their restore."""
