"""Every outward rendition of a thesis: the TEI edition, DTS's objects, plain texts, the citation tree,
CSL-JSON and TimelineJS, each read from one snapshot of the archive."""
