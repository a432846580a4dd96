"""A synthetic corpus for measuring the archive at scale: plans from the seed's words, written in bulk."""
