"""What reads and changes the archive as a whole: importing, curating, deriving, editing, history,
find and replace, exporting, backups, the data version and the suspected errors."""
