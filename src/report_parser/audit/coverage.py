"""Coverage: which organisations have no report for a year within their range (org × year matrix)."""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import Any, Iterable

from .catalogue import Finding, finding
from .orgkey import report_org_key


def _key(r, keys: dict[int, str | None] | None) -> str | None:
    return keys[id(r)] if keys is not None and id(r) in keys else report_org_key(r)


def matrix(reports: Iterable[Any], years: dict[int, int] | None = None,
           keys: dict[int, str | None] | None = None) -> dict[str, dict[int, list[str]]]:
    """{org key: {year: [sha256, ...]}} for every report with an organisation and a year
    (years: id(report) → the year to use, e.g. the statistics period, instead of report.year;
    keys: id(report) → organisation key, as orgkey.batch_keys gives it)."""
    out: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        key, year = _key(r, keys), (years or {}).get(id(r), r.year)
        if key and year:
            out[key][year].append(r.source.get("sha256"))
    return {k: dict(v) for k, v in out.items()}


def names(reports: Iterable[Any], keys: dict[int, str | None] | None = None) -> dict[str, str]:
    """{org key: the name its reports print most often, the latest on a tie} — what a reader recognises,
    not an org_id (one body may print several names over the years)."""
    from ..data import load

    offices = tuple(load("orgs.yaml")["office_suffixes"])
    seen: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for r in reports:
        key = _key(r, keys)
        if key:
            n, last = seen[key].get(r.org or key, (0, 0))
            seen[key][r.org or key] = (n + 1, max(last, r.year or 0))
    # A government's office that published some years' reports is not the name to show for the government.
    return {k: max(v, key=lambda name: (not name.endswith(offices) or len(v) == 1, *v[name])) for k, v in seen.items()}


def check(reports: list[Any], years: dict[int, int] | None = None,
          keys: dict[int, str | None] | None = None) -> list[Finding]:
    """V01: one finding per organisation × missing year between its first and last report."""
    label = names(reports, keys)
    out = []
    for key, seen in sorted(matrix(reports, years, keys).items()):
        first, last = min(seen), max(seen)
        for y in range(first, last + 1):
            if y not in seen:
                x = finding("V01", None, keys=[key], values={"org_key": key, "year": y}, org=label[key],
                            year=y, first=first, last=last)
                x.org, x.year = label[key], y
                out.append(x)
    return out


def width(text: str) -> int:
    """Terminal columns a text takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def grid(m: dict[str, dict[int, list[str]]], label: dict[str, str]) -> list[str]:
    """The org × year matrix as text lines: names (not ids) on the left, each year's two digits right above its
    mark (● a report, · none), rows in name order."""
    if not m:
        return []
    years = sorted({y for v in m.values() for y in v})
    rows = sorted(m, key=lambda k: (label.get(k, k), k))
    left = max(width(label.get(k, k)) for k in rows)
    cell = 3  # one column per year: two spaces, then the mark under the year's last digit

    def pad(text: str) -> str:
        return text + " " * (left - width(text))

    head = pad("") + "".join(str(y)[2:].rjust(cell) for y in years)
    body = [pad(label.get(k, k)) + "".join(("●" if y in m[k] else "·").rjust(cell) for y in years) for k in rows]
    return [head, *body]
