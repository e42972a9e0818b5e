"""Placeholder (being replaced by the figures engineer)."""


def resolve(report):
    """Fill report.metrics."""
