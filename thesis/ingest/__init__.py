"""Reading a document into the archive: the importer, its curation file, its limits, the preview of an
upload and an import run in the background."""
