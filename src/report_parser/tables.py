"""Placeholder (being replaced by the tables engineer)."""
from dataclasses import dataclass, field


@dataclass
class TableResult:
    cells: list = field(default_factory=list)
    quality: list = field(default_factory=list)
    era: str | None = None
    text_spans: list = field(default_factory=list)


def extract(doc, sections):
    """Cells of the template tables in a Document."""
    return TableResult()
