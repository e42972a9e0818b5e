"""What the rules read from a Report: cells by key, table status, section bodies, sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .catalogue import num

S3_COLUMNS = ("natural_person", "commercial_enterprise", "research_institute", "public_interest_org",
              "legal_service_org", "other_org", "total")

_SENTENCE_END = re.compile(r"[。；;！!？?\n]+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")


@dataclass
class Facts:
    """A report plus the optional full text (Document.text) the rules may use; read-only views."""

    report: Any
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def cells(self) -> dict[str, Any]:
        """Cells by key (the first one printed wins over a duplicate)."""
        out: dict[str, Any] = {}
        for c in self.report.cells:
            out.setdefault(c.key, c)
        return out

    @cached_property
    def tables(self) -> dict[str, Any]:
        """TableQuality by table name."""
        return {t.table: t for t in self.report.tables}

    def table_present(self, table: str) -> bool:
        """Whether a template table was found (listed in tables, or any of its cells exists)."""
        if table in self.tables:
            return True
        prefix = table + "."
        return any(k.startswith(prefix) for k in self.cells)

    def degraded(self, table: str) -> bool:
        """Whether a table matched its skeleton only partly (its checks are then not assessable)."""
        t = self.tables.get(table)
        return t is not None and t.status != "matched"

    def value(self, key: str):
        """A cell's exact value as Decimal (None when absent, blank or not a number)."""
        c = self.cells.get(key)
        return None if c is None else num(c.value)

    def page(self, key: str) -> int | None:
        """A cell's page."""
        c = self.cells.get(key)
        return c.page if c is not None else None

    def section_body(self, section) -> str | None:
        """A section's text without its heading, or None when the text is not available."""
        if self.text is None:
            return None
        body = self.text[section.start:section.end]
        head = _SPACE.sub("", section.heading or "")
        flat = _SPACE.sub("", body)
        if head and flat.startswith(head):
            flat = flat[len(head):]
        return flat

    @cached_property
    def prose(self) -> str:
        """The report's prose: full text without table rows, or its figures' sentences and headings."""
        if self.text is not None:
            # Document.text renders tables as " | "-joined rows; their labels are template text.
            return "\n".join(line for line in self.text.split("\n") if " | " not in line)
        seen: dict[str, None] = {}
        for s in self.report.sections:
            seen.setdefault(s.heading or "", None)
        for f in self.report.figures:
            seen.setdefault(f.text or "", None)
        return "\n".join(seen)


def sentences(prose: str, min_chars: int) -> dict[str, str]:
    """Sentences keyed by a masked form (numbers → #, no spaces), so a copy with new numbers still matches."""
    out: dict[str, str] = {}
    for s in _SENTENCE_END.split(prose):
        flat = _SPACE.sub("", s)
        masked = _DIGITS.sub("#", flat)
        if len(masked) >= min_chars:
            out.setdefault(masked, flat)
    return out
