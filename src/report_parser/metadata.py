"""Placeholder (being replaced by the metadata engineer)."""


def extract(doc):
    """Metadata dict of a Document."""
    return {}
