"""The record: one parsed report, in the shape of schemas/report.schema.json."""
from __future__ import annotations

import copy
from dataclasses import field, fields, is_dataclass
from typing import Any

from .classcache import dataclass

# 1.1 (issues 19, 20): figures and cells carry box/box_source (where the value is printed); cells carry span and
# doubtful (an OCR'd cell breaking a template identity); the report carries ocr_engines.
# A 1.0 record loads as is: its positions are None (unknown), see Report.from_dict.
SCHEMA_VERSION = "1.1"

# How a box was obtained (Figure.box_source, Cell.box_source).
BOX_PDF = "pdf"  # the PDF's text layer: the value's characters, or the ruled cell's frame
BOX_OFD = "ofd"  # the same from an OFD's text layer and path objects
BOX_OCR = "ocr"  # the boxes an OCR engine gave
BOX_BLOCK = "block"  # only the box of the paragraph or table holding the value is known (coarse)
BOX_RENDERED = "libreoffice-pdf"  # a Word/WPS file rendered to PDF by LibreOffice, boxes read there

# Statuses of a parsed file (docling's ConversionStatus, plus skipped for non-reports).
OK, PARTIAL, FAILED, SKIPPED = "ok", "partial", "failed", "skipped"


@dataclass
class Issue:
    """A coded problem met while reading or parsing a file."""

    code: str
    message: str
    page: int | None = None


@dataclass
class Section:
    """A canonical part of the report: key, heading as printed, page and span in Document.text."""

    key: str
    heading: str
    page: int | None
    start: int
    end: int
    level: int = 1
    text: str = ""  # the section's normalised text (heading included): what full-text search and the audit read


@dataclass
class Figure:
    """A number stated in prose, exact, with its unit, qualifier, metric and provenance."""

    metric: str | None
    value: str | None  # exact decimal as text, scale applied ("4380000" for 438万)
    raw: str  # the number as printed, with unit and qualifier ("438条", "四起", "180余条")
    unit: str | None = None
    scale: str | None = None  # 万 / 亿 / None
    qualifier: str | None = None  # 余/多/近/约/超/逾 ...
    section: str | None = None
    text: str = ""  # the sentence
    page: int | None = None
    span: tuple[int, int] = (0, 0)  # offsets in Document.text
    # annual | cumulative | change | share | breakdown | channel | area | period | plan | to_date (docs/notes/figures.md)
    kind: str = "annual"
    parent: int | None = None  # index of the total this figure breaks down (其中 ...)
    negation: bool = False  # value 0 read from a negative statement (未收到…申请)
    ocr: bool = False
    # [page, x0, top, x1, bottom] in PDF points from the page's top-left corner: the box of the number's
    # characters (extract/positions.py). None when the source has no page geometry (text, HTML: see span).
    box: list[float] | None = None
    box_source: str | None = None  # pdf | ofd | ocr | block | libreoffice-pdf (record.BOX_*)
    box_more: list[list[float]] | None = None  # further boxes when the value wraps onto the next line(s)


@dataclass
class Cell:
    """One template-table cell: key, exact value (None for blank, /, -, 无), raw text, page, label path."""

    key: str
    value: str | None
    raw: str
    page: int | None = None
    label: list[str] = field(default_factory=list)  # row label path and column label as printed
    table: str | None = None  # s2.art20_1 / s3 / s4 ...
    template: str | None = None  # gb2019 | gb2021 (decided per table)
    unit: str | None = None
    derived: bool = False  # a group subtotal the template does not print, computed by us
    ocr: bool = False
    # How a printed value was read when the print did not separate it: "constraint" = the one split of a
    # glued digit run (`1203`) that satisfies the template's identities. None: read as printed.
    derived_by: str | None = None
    # [page, x0, top, x1, bottom] in PDF points from the page's top-left corner: the ruled cell's frame, or the
    # box of the cell's characters; span: the cell's offsets in Document.text (any format). None: unknown.
    box: list[float] | None = None
    box_source: str | None = None  # pdf | ofd | ocr | block | libreoffice-pdf (record.BOX_*)
    box_more: list[list[float]] | None = None  # further boxes when the value wraps onto the next line(s)
    span: tuple[int, int] | None = None
    # An OCR'd cell of an identity (row sum, 一+二 = 三+四) that does not hold: it may be misread. The value
    # stays as read; nothing is "repaired".
    doubtful: bool = False


@dataclass
class TableQuality:
    """How well one table matched its skeleton."""

    table: str
    template: str | None
    status: str  # matched | degraded
    page: int | None = None
    rows_missing: list[str] = field(default_factory=list)
    cols_missing: list[str] = field(default_factory=list)
    non_numeric: list[str] = field(default_factory=list)  # keys whose raw text is not a number or null marker
    # Glued digit runs met: {row, run, splits (valid splits of the row alone; None: too many), read}.
    runs: list[dict] = field(default_factory=list)


@dataclass
class Report:
    """Everything parsed from one file."""

    source: dict[str, Any]  # {path, sha256, format, pages}
    status: str = OK
    issues: list[Issue] = field(default_factory=list)
    title: str | None = None
    org: str | None = None
    region: dict[str, str] = field(default_factory=dict)  # province/city/county/town
    level: str | None = None
    year: int | None = None
    era: str | None = None
    published: str | None = None  # ISO date of publication when stated
    sections: list[Section] = field(default_factory=list)
    missing_sections: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    tables: list[TableQuality] = field(default_factory=list)
    metrics: dict[str, str | None] = field(default_factory=dict)  # resolved value per core metric
    metric_sources: dict[str, dict[str, Any]] = field(default_factory=dict)  # metric -> {kind, ref}
    findings: list[dict[str, Any]] = field(default_factory=list)
    ocr_pages: int = 0
    ocr_engines: dict[str, str] = field(default_factory=dict)  # region kind (prose/grid) -> engine and model version
    parser_version: str = ""

    def add_issue(self, code: str, message: str, page: int | None = None) -> None:
        """Record a coded issue."""
        self.issues.append(Issue(code, message, page))

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (schema_version first)."""
        d = _plain(self)
        for f in d["figures"]:
            f["span"] = list(f["span"])
        for c in d["cells"]:
            if c["span"] is not None:
                c["span"] = list(c["span"])
        return {"schema_version": SCHEMA_VERSION, **d}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Report":
        """Rebuild a Report from its dict form."""
        d = {k: v for k, v in d.items() if k != "schema_version"}
        d["issues"] = [Issue(**i) for i in d.get("issues", [])]
        d["sections"] = [Section(**s) for s in d.get("sections", [])]
        d["figures"] = [Figure(**{**f, "span": tuple(f["span"])}) for f in d.get("figures", [])]
        # Schema 1.0 records have no positions: the fields keep their defaults (None).
        d["cells"] = [Cell(**{**c, "span": tuple(c["span"]) if c.get("span") else None}) for c in d.get("cells", [])]
        d["tables"] = [TableQuality(**t) for t in d.get("tables", [])]
        return cls(**d)


_ATOMIC = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """dataclasses.asdict's result (dataclasses as dicts, containers copied) without its generic deep copy.

    asdict deep-copies every leaf through copy.deepcopy, which cost ~2 ms per report of ~200 cells; the
    leaves here are almost all strings, numbers and None, returned as they are.
    """
    if isinstance(value, _ATOMIC):
        return value
    cls = type(value)
    if cls is list:
        return [_plain(v) for v in value]
    if cls is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    if cls is tuple:
        return tuple(_plain(v) for v in value)
    names = _FIELDS.get(cls)
    if names is None and is_dataclass(value):
        names = _FIELDS[cls] = tuple(f.name for f in fields(value))
    if names is not None:
        return {n: _plain(getattr(value, n)) for n in names}
    return copy.deepcopy(value)  # anything else, as asdict treats it
