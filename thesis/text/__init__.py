"""The rules of the text: parsing, normalisation, sentences, names, dates, citations, transliteration,
spell-checking and diffs. Plain functions of strings; nothing here imports Django or the database."""
