"""What the rules read from a Report: cells by key, table status, section bodies, sentences."""
from __future__ import annotations

from dataclasses import field
from functools import cached_property
from typing import Any

from ..classcache import dataclass
from .catalogue import num
from .. import lazyre

S3_COLUMNS = ("natural_person", "commercial_enterprise", "research_institute", "public_interest_org",
              "legal_service_org", "other_org", "total")

_SENTENCE_END = lazyre.compile(r"[。；;！!？?\n]+")
_SPACE = lazyre.compile(r"\s+")
# 统计期限自2017年1月1日起至2017年12月31日止 / 1月1日至12月31日: the statistics year is the end year.
_PERIOD = lazyre.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|-|—)\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")


def statistics_year(prose: str) -> int | None:
    """The year of the stated statistics period (…年1月1日至…年12月31日), if any."""
    m = _PERIOD.search(prose)
    if not m:
        return None
    return int(m.group(2) or m.group(1))


@dataclass
class Facts:
    """A report plus the optional full text (Document.text) the rules may use; read-only views."""

    report: Any
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    org_key: str | None = None  # the batch's organisation key (orgkey.batch_keys); None = no organisation

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

    @cached_property
    def values(self) -> dict[str, Any]:
        """Every cell's exact value as Decimal (None for blank or non-numeric), parsed once."""
        return {k: num(c.value) for k, c in self.cells.items()}

    def value(self, key: str):
        """A cell's exact value as Decimal (None when absent, blank or not a number)."""
        return self.values.get(key)

    @cached_property
    def s3_rows(self) -> list[str]:
        """The printed (not derived) s3 row keys, in table order."""
        rows: dict[str, None] = {}
        for k, c in self.cells.items():
            if k.startswith("s3.") and not c.derived:
                rows.setdefault(k[3:].rsplit(".", 1)[0], None)
        return list(rows)

    def page(self, key: str) -> int | None:
        """A cell's page."""
        c = self.cells.get(key)
        return c.page if c is not None else None

    def section_body(self, section) -> str | None:
        """A section's text without its heading, or None when the text is not available."""
        if self.text is None:
            return None
        body = self.text[section.start:section.end]
        # str.split() cuts at exactly the characters \s matches (str.isspace): the same text as _SPACE.sub("", …),
        # ~4× faster on a long part (C03 reads every part's body)
        head = "".join((section.heading or "").split())
        flat = "".join(body.split())
        if head and flat.startswith(head):
            flat = flat[len(head):]
        return flat

    @cached_property
    def period_year(self) -> int | None:
        """The year the report covers, for pairing years: the stated statistics period beats the title,
        so one wrong title year does not pair the report with the wrong neighbour."""
        return statistics_year(self.prose) or self.report.year

    @cached_property
    def section_prose(self) -> dict[str, str]:
        """Prose of each top-level section (needs the text; empty without it)."""
        if self.text is None:
            return {}
        out: dict[str, str] = {}
        for s in self.report.sections:
            if s.level <= 1 and s.end > s.start:
                lines = self.text[s.start:s.end].split("\n")
                if lines and _SPACE.sub("", lines[0]) == _SPACE.sub("", s.heading or ""):
                    lines = lines[1:]  # the heading's wording varies year to year; it is not the text
                out[s.key] = out.get(s.key, "") + "\n".join(x for x in lines if " | " not in x)
        return out

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


def sentences(prose: str, min_chars: int) -> list[str]:
    """Sentences as printed (spaces removed), in order, each once; shorter ones are not evidence of copying.

    Only clauses with a comma count: table labels and headings flattened into text (2.申请人逾期未按…申请)
    have none, and they repeat every year by design."""
    out: dict[str, None] = {}
    for s in _SENTENCE_END.split(prose):
        flat = _SPACE.sub("", s)
        if len(flat) >= min_chars and ("，" in flat or "," in flat) and "|" not in flat:
            out.setdefault(flat, None)
    return list(out)
