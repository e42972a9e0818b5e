"""Coverage: which organisations have no report for a year within their range (org × year matrix)."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from .catalogue import Finding, finding
from .orgkey import report_org_key


def matrix(reports: Iterable[Any], years: dict[int, int] | None = None) -> dict[str, dict[int, list[str]]]:
    """{org key: {year: [sha256, ...]}} for every report with an organisation and a year
    (years: id(report) → the year to use, e.g. the statistics period, instead of report.year)."""
    out: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        key, year = report_org_key(r), (years or {}).get(id(r), r.year)
        if key and year:
            out[key][year].append(r.source.get("sha256"))
    return {k: dict(v) for k, v in out.items()}


def check(reports: list[Any], years: dict[int, int] | None = None) -> list[Finding]:
    """V01: one finding per organisation × missing year between its first and last report."""
    names: dict[str, str] = {}
    for r in sorted(reports, key=lambda r: r.year or 0):
        key = report_org_key(r)
        if key:
            names[key] = r.org or key
    out = []
    for key, seen in sorted(matrix(reports, years).items()):
        first, last = min(seen), max(seen)
        for y in range(first, last + 1):
            if y not in seen:
                x = finding("V01", None, keys=[key], values={"org_key": key, "year": y}, org=names[key],
                            year=y, first=first, last=last)
                x.org, x.year = names[key], y
                out.append(x)
    return out
