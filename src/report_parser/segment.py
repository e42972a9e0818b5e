"""Placeholder (being replaced by the segmentation engineer)."""


def segment(doc, era):
    """(sections, missing) of a Document."""
    return [], []
