"""Judging extraction: an annotated corpus of articles with gold facts, and precision/recall against it."""
