"""The format-neutral document every renderer draws: blocks, tables with merged cells, and truth."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class TCell:
    """One printed table cell; rowspan/colspan > 1 for a merged anchor; covered positions hold None."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    vertical: bool = False  # written top-to-bottom (the 三、本年度办理结果 cell)
    header: bool = False


@dataclass
class Table:
    """A grid of TCell anchors (None where a merged cell covers the position)."""

    name: str  # s2.art20_1 | s3 | s4 | appendix
    rows: list[list[TCell | None]]

    @property
    def ncols(self) -> int:
        """Number of grid columns."""
        return len(self.rows[0]) if self.rows else 0


@dataclass
class Block:
    """A title, heading, paragraph, table or signature line, in reading order."""

    kind: str  # title | heading | subheading | para | table | signature
    text: str = ""
    section: str | None = None
    table: Table | None = None
    number: str = ""  # the heading's number as printed (一、 / （一）), for Word auto-numbering


@dataclass
class DocSpec:
    """One generated report: what to render and what is true about it."""

    org: Any
    year: int
    era: str
    stem: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    sections: list[dict[str, str]] = field(default_factory=list)
    missing_sections: list[str] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)
    figures: list[dict[str, Any]] = field(default_factory=list)
    cells: list[dict[str, Any]] = field(default_factory=list)
    published: str | None = None
    quirks: list[str] = field(default_factory=list)
    defects: list[dict[str, Any]] = field(default_factory=list)
    layout: dict[str, Any] = field(default_factory=dict)  # renderer choices (txt style, html encoding…)
