"""Placeholder (being replaced by the figures engineer)."""


def extract(doc, sections, exclude=()):
    """Figures in the prose of a Document."""
    return []
