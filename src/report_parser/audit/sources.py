"""Where audited reports come from (files or the database) and where findings go (the findings table)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..errors import InputError
from ..record import Report


@dataclass
class Loaded:
    """Reports to audit, their full texts when known (by sha256), and files that could not be read."""

    reports: list[Report] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, message)


def from_files(paths: Iterable[str]) -> Loaded:
    """Parse report files (or read parse records *.json) without a database, keeping each text."""
    from .. import readers
    from ..ingest import discover
    from ..pipeline import parse_document

    out = Loaded()
    for path in discover(paths):
        if path.endswith((".json", ".jsonl")) and _load_records(path, out):
            continue
        try:
            doc = readers.read(path)
            rep = parse_document(doc)
        except InputError as e:
            out.failed.append((path, e.code, e.message))
            continue
        if rep.source.get("sha256"):
            out.texts[rep.source["sha256"]] = doc.text
        out.reports.append(rep)
    return out


def _load_records(path: str, out: Loaded) -> bool:
    """Read parse records (`parse --json` output or one record per file); False if it is not one."""
    from ..readers.files import read_bytes

    try:
        text = read_bytes(path).decode("utf-8")  # a FIFO or device named .json must not hang the audit
        items = [json.loads(text)] if not path.endswith(".jsonl") else [json.loads(x) for x in text.splitlines() if x.strip()]
    except (OSError, InputError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    if not all(isinstance(d, dict) and "source" in d and "cells" in d for d in items):
        return False
    for d in items:
        out.reports.append(Report.from_dict(d))
    return True


def from_store(store, org: str | None = None, region: str | None = None, reread: bool = False) -> Loaded:
    """Stored reports (all years, so cross-year rules see the neighbours), with the registry's org_id.

    The text of each part is stored (sections.text) and the report's text is rebuilt from it; with reread,
    or for rows stored before sections kept their text, each report's file (its stored path, when it still
    holds the same content) is read again so the text-similarity rules compare whole parts."""
    import sqlalchemy as sa

    from ..store import schema as S

    t = S.reports
    q = sa.select(t.c.id, t.c.org_id)
    if org:
        q = q.where(t.c.org.contains(org) | t.c.org_id.contains(org))
    if region:
        q = q.where(sa.or_(*(t.c[f"region_{k}"].contains(region) for k in ("province", "city", "county", "town"))))
    with store.engine.connect() as conn:
        rows = conn.execute(q.order_by(t.c.id)).all()
    from .. import readers

    out = Loaded()
    for rid, org_id in rows:
        rep = store.load_report(rid)
        if rep is None:
            continue
        rep.org_id = org_id  # read by orgkey.report_org_key: the registry beats the name key
        out.reports.append(rep)
        text = readers.stored_text(rep.source.get("path"), rep.source.get("sha256")) if reread else None
        if text is None:
            text = _text_from_sections(rep)
        if text is not None:
            out.texts[rep.source["sha256"]] = text
    return out


def _text_from_sections(rep: Report) -> str | None:
    """The report's text rebuilt from its stored part texts at their offsets, or None when one is missing.

    Each section's text is Document.text[start:end], so pasting them back at their offsets gives the same
    string wherever a part covers it; uncovered stretches become line breaks (no part, nothing to compare)."""
    secs = [s for s in rep.sections if s.end > s.start]
    if not secs or any(len(s.text or "") != s.end - s.start for s in secs):
        return None  # stored before revision 0003 (no section text), or not the text the offsets index
    chars = ["\n"] * max(s.end for s in secs)
    for s in secs:
        chars[s.start:s.end] = s.text
    return "".join(chars)


def save_findings(store, reports: Iterable[Report], findings: list[dict[str, Any]]) -> int:
    """Replace the stored findings of the audited reports (one transaction); coverage gaps have no report."""
    import sqlalchemy as sa

    from ..store import schema as S
    from ..store.db import Store, _writer, report_id

    by_sha: dict[str, list[dict[str, Any]]] = {}
    for x in findings:
        if x.get("report"):
            by_sha.setdefault(x["report"], []).append(x)
    shas = [r.source["sha256"] for r in reports if r.source.get("sha256")]
    rows = []
    for sha in shas:
        # The store's own row builder, so ingest and audit write identical findings rows.
        only = Report(source={"sha256": sha}, findings=by_sha.get(sha, []))
        rows += next(r for t, r in Store._child_rows(only, report_id(sha), None, None) if t is S.findings)
    with _writer(store.engine) as conn:
        ids = [report_id(s) for s in shas]
        for i in range(0, len(ids), 500):
            conn.execute(sa.delete(S.findings).where(S.findings.c.report_id.in_(ids[i:i + 500])))
        if rows:
            conn.execute(sa.insert(S.findings), rows)
    return len(rows)
