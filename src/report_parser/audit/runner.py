"""Run the rules: one report (called by the pipeline) or a batch (cross-year rules and coverage)."""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping

from . import arithmetic, completeness, contradiction, coverage, cross_year, metadata_rules, outline, prose_table
from .catalogue import SEVERITIES, Finding, catalogue
from .facts import Facts
from .orgkey import batch_keys

SINGLE = (completeness, outline, arithmetic, prose_table, contradiction, metadata_rules)
_AUDITABLE = {"ok", "partial"}  # failed and skipped files have nothing to audit


def _single(f: Facts) -> list[Finding]:
    out: list[Finding] = []
    for family in SINGLE:
        out += family.check(f)
    return out


def audit_report(report, text: str | None = None) -> list[dict[str, Any]]:
    """Single-report findings of a Report (text = Document.text when available), as dicts."""
    if report.status not in _AUDITABLE:
        return []
    return [x.to_dict() for x in _single(Facts(report, text))]


def audit_reports(reports: Iterable[Any], texts: Mapping[str, str] | None = None,
                  across: bool = True) -> list[dict[str, Any]]:
    """All findings of a batch: each report's own, cross-year between them, and coverage gaps (across=False: own only)."""
    texts = texts or {}
    auditable = [r for r in reports if r.status in _AUDITABLE]
    keys = batch_keys(auditable)
    batch = [Facts(r, texts.get(r.source.get("sha256")), org_key=keys[id(r)]) for r in auditable]
    out: list[Finding] = []
    for f in batch:
        out += _single(f)
    if across:  # a draft checked before publication (audit --gate) is judged on its own
        out += cross_year.check(batch)
        out += coverage.check([f.report for f in batch], {id(f.report): f.period_year for f in batch}, keys)
    order = {k: i for i, k in enumerate(catalogue()["rules"])}
    out.sort(key=lambda x: (x.report or "~", order.get(x.rule_id, 999), x.page or 0))
    return [x.to_dict() for x in out]


def select(findings: Iterable[dict[str, Any]], *, rules: Iterable[str] = (), severity: str | None = None,
           include_not_assessable: bool = True) -> list[dict[str, Any]]:
    """Findings of some rules (ids or families) at or above a severity."""
    wanted = {r.upper() for r in rules}
    families = {r.lower() for r in rules}
    cat = catalogue()["rules"]
    floor = SEVERITIES.index(severity) if severity else len(SEVERITIES) - 1
    out = []
    for x in findings:
        fam = cat.get(x["rule_id"], {}).get("family", "")
        if wanted and x["rule_id"] not in wanted and fam not in families:
            continue
        if SEVERITIES.index(x["severity"]) > floor:
            continue
        if not include_not_assessable and x["status"] != "fail":
            continue
        out.append(x)
    return out


def summary(findings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts by rule: failures and not-assessable checks, with the rule's severity and title."""
    counts: Counter = Counter((x["rule_id"], x["status"]) for x in findings)
    cat = catalogue()["rules"]
    rows = []
    for rid, r in cat.items():
        fail, na = counts.get((rid, "fail"), 0), counts.get((rid, "not_assessable"), 0)
        if fail or na:
            rows.append({"rule_id": rid, "severity": r["severity"], "title_en": r["title_en"],
                         "title_zh": r["title_zh"], "fail": fail, "not_assessable": na})
    return rows
