"""Auditors' reviews: stable finding ids, verdicts and corrected values stored apart from parsed data, staleness,
and the CSV round-trip. Reported values are never overwritten; a review is never dropped, only shown stale."""
from __future__ import annotations

import csv
import getpass
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import sqlalchemy as sa

from ..errors import UsageError
from ..store import schema as S
from ..store.db import _writer, now_iso
from .. import lazyre

VERDICTS = ("confirmed", "dismissed", "corrected")
# What Chinese reviewers may type into the verdict column of the CSV.
VERDICT_ZH = {"确认": "confirmed", "驳回": "dismissed", "排除": "dismissed", "更正": "corrected"}
FINDING, VALUE = "finding", "value"
# Report fields a correction may name besides cell and metric keys (what metadata extraction decides).
FIELDS = ("org", "year", "level", "era", "published", "title", "region_province", "region_city", "region_county",
          "region_town")
CELL_PREFIXES = ("s2.", "s3.", "s4.", "legacy.")
CSV_COLUMNS = ["finding_id", "org", "year", "rule_id", "severity", "message_zh", "keys", "values",
               "verdict", "by", "reason", "key", "value"]
ENV_REVIEWER = "REPORT_PARSER_REVIEWER"


class ReviewError(UsageError):
    """A review that cannot be recorded (unknown id, missing reason, bad CSV rows): exit 2 with the reason."""


# Prose rules name figures by position (figure[3]:active.items); a parser that reads one more figure earlier in
# the text shifts every position after it, so ids and snapshots leave the position out.
_POSITION = lazyre.compile(r"figure\[\d+\]")


def _unplaced(key: str) -> str:
    return _POSITION.sub("figure", str(key))


def finding_id(f: dict[str, Any]) -> str:
    """A finding's stable id: report, rule, status, part and keys (not positions or messages, which re-parses move)."""
    sha = f.get("report") or ""
    keys = sorted(_unplaced(k) for k in f.get("keys") or [])
    basis = json.dumps([sha, f.get("rule_id"), f.get("status"), f.get("section"), keys], ensure_ascii=False)
    return f"{sha[:12] or 'batch'}-{f.get('rule_id')}-{hashlib.sha1(basis.encode()).hexdigest()[:8]}"


def with_ids(findings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings with `finding_id` set; identical ids within a report get #2, #3 … in finding order."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = finding_id(f)
        seen[base] = seen.get(base, 0) + 1
        out.append({**f, "finding_id": base if seen[base] == 1 else f"{base}#{seen[base]}"})
    return out


def _values_json(values: Any) -> str:
    return json.dumps(values or {}, ensure_ascii=False, sort_keys=True)


def _snapshot(values: Any) -> str:
    """What a finding review remembers of the finding's values: (key without position, value) pairs, sorted."""
    pairs = sorted((_unplaced(k), str(v)) for k, v in (values or {}).items()) if isinstance(values, dict) else values
    return json.dumps(pairs, ensure_ascii=False)


def reviewer(name: str | None) -> str:
    """Who reviews: --by, else REPORT_PARSER_REVIEWER, else the login name."""
    if name and name.strip():
        return name.strip()
    if os.environ.get(ENV_REVIEWER):
        return os.environ[ENV_REVIEWER]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


# ---- reading what is stored now --------------------------------------------------------------------------

def stored_findings(conn, report_ids: Iterable[str] | None = None, sha_prefix: str | None = None) -> list[dict[str, Any]]:
    """Stored findings (payloads) with their finding ids, report id, org and year, in report and position order."""
    f, r = S.findings, S.reports
    q = (sa.select(f.c.report_id, f.c.payload, r.c.org, r.c.year, r.c.sha256)
         .join(r, r.c.id == f.c.report_id).order_by(f.c.report_id, f.c.position))
    if report_ids is not None:
        q = q.where(f.c.report_id.in_(list(report_ids)))
    if sha_prefix:
        q = q.where(r.c.sha256.startswith(sha_prefix, autoescape=True))
    out = []
    for rid, payload, org, year, sha in conn.execute(q):
        p = payload if isinstance(payload, dict) else json.loads(payload)
        out.append({**p, "report": p.get("report") or sha, "report_id": rid, "org": org, "year": year})
    by_report: dict[str, list] = {}
    for x in out:
        by_report.setdefault(x["report_id"], []).append(x)
    return [x for items in by_report.values() for x in with_ids(items)]


def current_value(conn, report_id: str, key: str) -> tuple[bool, str | None]:
    """(found, value) of a cell key, metric key or reports field of one stored report now."""
    if key in FIELDS:
        row = conn.execute(sa.select(S.reports.c[key]).where(S.reports.c.id == report_id)).first()
        return (row is not None, None if row is None or row[0] is None else str(row[0]))
    t, col = (S.cells, S.cells.c.key) if key.startswith(CELL_PREFIXES) else (S.metrics, S.metrics.c.metric)
    row = conn.execute(sa.select(t.c.value).where(t.c.report_id == report_id, col == key).limit(1)).first()
    return (row is not None, None if row is None else row[0])


def report_of(conn, ref: str) -> dict[str, Any]:
    """The stored report a --report argument names: its id, sha256 or a unique prefix (8+ hex digits) of either."""
    ref = (ref or "").strip().lower()
    if len(ref) < 8:
        raise ReviewError(f"--report {ref!r}: give the report id (16 hex digits) or at least 8 digits of it")
    r = S.reports
    rows = conn.execute(sa.select(r.c.id, r.c.sha256, r.c.org, r.c.year).where(r.c.sha256.startswith(ref, autoescape=True))
                        .limit(2)).mappings().all()
    if len(rows) != 1:
        raise ReviewError(f"--report {ref!r}: {'no stored report' if not rows else 'more than one report'} "
                          f"has this id")
    return dict(rows[0])


# ---- staleness -------------------------------------------------------------------------------------------

@dataclass
class Review:
    """One stored review and, computed now, whether what it points at is still as it was reviewed."""

    row: dict[str, Any]
    stale: str | None = None  # why the review no longer matches: gone, no longer fires, value changed
    current: Any = None  # the value (or finding values) stored now

    def to_dict(self) -> dict[str, Any]:
        """The review as shown: the stored row plus status (current | stale) and why."""
        return {**self.row, "status": "stale" if self.stale else "current", "stale_reason": self.stale,
                "current_value": self.current}


def load_reviews(conn, report_ids: Iterable[str] | None = None) -> list[Review]:
    """Every stored review (or those of some reports) with its staleness worked out against the data now."""
    t = S.reviews
    q = sa.select(t).order_by(t.c.report_id, t.c.kind, t.c.target)
    if report_ids is not None:
        q = q.where(t.c.report_id.in_(list(report_ids)))
    rows = [dict(r) for r in conn.execute(q).mappings()]
    stored = {r[0] for r in conn.execute(sa.select(S.reports.c.id).where(
        S.reports.c.id.in_({r["report_id"] for r in rows})))} if rows else set()
    findings = {x["finding_id"]: x for x in stored_findings(conn, {r["report_id"] for r in rows
                                                                    if r["kind"] == FINDING})} if rows else {}
    return [_judge(conn, r, stored, findings) for r in rows]


def _judge(conn, row: dict[str, Any], stored: set[str], findings: dict[str, dict]) -> Review:
    """Whether a review still points at what was reviewed."""
    if row["report_id"] not in stored:
        return Review(row, "the report is no longer stored (its file changed or was removed)")
    if row["kind"] == FINDING:
        f = findings.get(row["target"])
        if f is None:
            return Review(row, "the finding no longer fires")
        now = _snapshot(f.get("values"))
        changed = row["reported_value"] is not None and now != row["reported_value"]
        return Review(row, "the finding's values changed" if changed else None, now)
    found, now = current_value(conn, row["report_id"], row["target"])
    if not found:
        return Review(row, f"{row['target']} is no longer in the report")
    if now != row["reported_value"]:
        return Review(row, f"the reported value is now {now!r}, it was {row['reported_value']!r} when reviewed", now)
    return Review(row, None, now)


# ---- recording verdicts ----------------------------------------------------------------------------------

def _save(engine, rows: list[dict[str, Any]]) -> None:
    """Write reviews in one transaction; a new verdict on the same target replaces the earlier one."""
    with _writer(engine) as conn:
        for r in rows:
            conn.execute(sa.delete(S.reviews).where(S.reviews.c.id == r["id"]))
        if rows:
            conn.execute(sa.insert(S.reviews), rows)


def _row(kind: str, rep: dict[str, Any], target: str, verdict: str, by: str, reason: str | None, *,
         rule_id: str | None = None, reported: str | None = None, corrected: str | None = None) -> dict[str, Any]:
    return {"id": f"{kind}:{rep['report_id']}:{target}", "sha256": rep["sha256"], "report_id": rep["report_id"],
            "org": rep.get("org"), "year": rep.get("year"), "kind": kind, "target": target, "rule_id": rule_id,
            "verdict": verdict, "reported_value": reported, "corrected_value": corrected,
            "reason": reason or None, "reviewed_by": by, "reviewed_at": now_iso()}


def _finding_row(f: dict[str, Any], verdict: str, by: str, reason: str | None) -> dict[str, Any]:
    rep = {"report_id": f["report_id"], "sha256": f["report"], "org": f.get("org"), "year": f.get("year")}
    return _row(FINDING, rep, f["finding_id"], verdict, by, reason, rule_id=f.get("rule_id"),
                reported=_snapshot(f.get("values")))


def _find(conn, fid: str) -> dict[str, Any]:
    """The stored finding with this id (the report is in the id), or a ReviewError."""
    fid = fid.strip()
    # The id starts with 12 digits of the report's sha256: read only that report's findings.
    found = [x for x in stored_findings(conn, sha_prefix=fid.split("-")[0]) if x["finding_id"] == fid]
    if not found:
        raise ReviewError(f"no stored finding has the id {fid!r} (see `report-parser review list`)")
    return found[0]


def decide(engine, fid: str, verdict: str, by: str, reason: str | None = None) -> dict[str, Any]:
    """Confirm or dismiss one stored finding by its id; dismissing needs a reason. Returns the review row."""
    if verdict not in ("confirmed", "dismissed"):
        raise ReviewError(f"verdict {verdict!r}: confirm or dismiss a finding; correct a value with `review correct`")
    if verdict == "dismissed" and not (reason or "").strip():
        raise ReviewError("a dismissal needs --reason (why the finding is not a defect)")
    with engine.connect() as conn:
        row = _finding_row(_find(conn, fid), verdict, by, reason)
    _save(engine, [row])
    return row


def correct(engine, key: str, report: str, value: str, reason: str, by: str,
            fid: str | None = None) -> dict[str, Any]:
    """Record a corrected value of a cell/metric key or report field; the reported value stays as it is."""
    if not (reason or "").strip():
        raise ReviewError("a correction needs --reason (where the right value comes from)")
    with engine.connect() as conn:
        rep = report_of(conn, report)
        rep["report_id"] = rep.pop("id")
        found, now = current_value(conn, rep["report_id"], key)
        if not found:
            raise ReviewError(f"{key}: report {rep['report_id']} has no such cell, metric or field")
        rows = [_row(VALUE, rep, key, "corrected", by, reason, reported=now, corrected=str(value).strip())]
        if fid:
            rows.append(_finding_row(_find(conn, fid), "corrected", by, reason))
    _save(engine, rows)
    return rows[0]


# ---- what is left to review --------------------------------------------------------------------------------

def open_findings(engine, include_not_assessable: bool = False, rules: Iterable[str] = (), org: str | None = None,
                  years: Iterable[int] = ()) -> list[dict[str, Any]]:
    """Stored findings without a current review (never reviewed, or reviewed but stale), with their ids.

    rules: rule ids (A01); org: a substring of the organisation; years: report years."""
    with engine.connect() as conn:
        reviewed = {r.row["target"] for r in load_reviews(conn) if r.row["kind"] == FINDING and not r.stale}
        found = stored_findings(conn)
    wanted = ("fail", "not_assessable") if include_not_assessable else ("fail",)
    rules, years = {r.upper() for r in rules}, set(years)
    return [x for x in found if x["finding_id"] not in reviewed and x.get("status") in wanted
            and (not rules or x.get("rule_id") in rules) and (not org or org in (x.get("org") or ""))
            and (not years or x.get("year") in years)]


def attach(engine, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Audit output with each finding's id and its review (verdict, by, when, reason, current or stale), if any."""
    findings = _ids_per_report(findings)
    with engine.connect() as conn:
        reviews = {r.row["target"]: r for r in load_reviews(conn) if r.row["kind"] == FINDING}
    for x in findings:
        r = reviews.get(x["finding_id"])
        x["review"] = None if r is None else {k: r.to_dict()[k] for k in
                                              ("verdict", "reviewed_by", "reviewed_at", "reason", "status",
                                               "stale_reason")}
    return findings


def _ids_per_report(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """with_ids applied per report, keeping the findings' order (the #n suffix counts within a report)."""
    by_report: dict[Any, list[int]] = {}
    for i, x in enumerate(findings):
        by_report.setdefault(x.get("report"), []).append(i)
    out: list[dict[str, Any]] = list(findings)
    for idx in by_report.values():
        for i, x in zip(idx, with_ids(findings[i] for i in idx)):
            out[i] = x
    return out


def corrections(conn, report_ids: Iterable[str]) -> dict[tuple[str, str], Review]:
    """Corrected values of some reports by (report id, key), with staleness (compare and export read them)."""
    t = S.reviews
    # One query over the corrections (few, next to the values a pivot reads), filtered here by report id.
    rows = [dict(r) for r in conn.execute(sa.select(t).where(t.c.kind == VALUE, t.c.verdict == "corrected"))
            .mappings()]
    ids = set(report_ids)
    rows = [r for r in rows if r["report_id"] in ids]
    stored = ids & {r[0] for r in conn.execute(sa.select(S.reports.c.id).where(
        S.reports.c.id.in_({r["report_id"] for r in rows})))} if rows else set()
    return {(r["report_id"], r["target"]): _judge(conn, r, stored, {}) for r in rows}


USES = ("reported", "reviewed")


def check_use(use: str) -> str:
    """The value a column uses: "reported" (as printed, the default) or "reviewed" (a current correction wins)."""
    if use not in USES:
        raise UsageError(f"use {use!r}: one of {', '.join(USES)}")
    return use


# ---- CSV round-trip ------------------------------------------------------------------------------------------

def export_csv(engine, path: str | Path, **select: Any) -> int:
    """Write the open findings (select: open_findings' filters) to a CSV (UTF-8 with BOM for Excel/WPS) with empty
    verdict columns; returns the number of rows."""
    rows = open_findings(engine, **select)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    w.writeheader()
    for x in rows:
        w.writerow({**x, "keys": ";".join(x.get("keys") or []), "values": _values_json(x.get("values")),
                    "verdict": "", "by": "", "reason": "", "key": "", "value": ""})
    # utf-8-sig: without the BOM Excel and WPS read UTF-8 as the local code page (GBK) and garble Chinese.
    Path(path).write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
    return len(rows)


@dataclass
class Imported:
    """What an import did: reviews written, rows left blank, and bad rows as (line number, reason)."""

    written: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def import_csv(engine, path: str | Path, by: str | None = None) -> Imported:
    """Read a filled review CSV; every row is checked first and nothing is written when any row is bad."""
    text = _csv_text(Path(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("finding_id", "verdict") if c not in (reader.fieldnames or [])]
    if missing:
        raise ReviewError(f"{path}: line 1: the header lacks {', '.join(missing)} (export one with `review export`)")
    out = Imported()
    rows: list[dict[str, Any]] = []
    with engine.connect() as conn:
        found = {x["finding_id"]: x for x in stored_findings(conn)}
        for rec in reader:
            line = reader.line_num  # the physical line the row ends on, as a spreadsheet numbers it
            try:
                new = _csv_row(conn, rec, found, by)
            except ReviewError as e:
                out.errors.append((line, str(e)))
                continue
            out.skipped += not new
            rows += new
    if out.errors:
        return out
    _save(engine, rows)
    out.written = len(rows)
    return out


def _csv_text(path: Path) -> str:
    """The CSV's text: UTF-8 (with or without BOM), else GB18030, which Excel and WPS write for "CSV" on Chinese
    Windows when the sheet is saved again."""
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ReviewError(f"{path}: neither UTF-8 nor GB18030 text; save it as CSV UTF-8")


def _csv_row(conn, rec: dict[str, Any], found: dict[str, dict], by: str | None) -> list[dict[str, Any]]:
    """The review rows one filled CSV row asks for ([] when its verdict is blank), or a ReviewError saying why not."""
    get = lambda k: (rec.get(k) or "").strip()  # noqa: E731
    verdict = get("verdict").lower()
    if not verdict:
        return []
    verdict = VERDICT_ZH.get(verdict, verdict)
    if verdict not in VERDICTS:
        raise ReviewError(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)} (确认, 驳回, 更正), "
                          "or blank to leave it open")
    f = found.get(get("finding_id"))
    if f is None:
        raise ReviewError(f"finding {get('finding_id')!r} is not stored (re-export the open findings)")
    who = get("by") or (reviewer(by) if by else "")
    if not who:
        raise ReviewError("the by column is empty (who reviewed it), and no --by was given")
    reason = get("reason")
    if verdict != "confirmed" and not reason:
        raise ReviewError(f"verdict {verdict} needs a reason")
    rows = [_finding_row(f, verdict, who, reason)]
    if verdict == "corrected":
        key, value = get("key"), get("value")
        if not key or not value:
            raise ReviewError("verdict corrected needs the key corrected and its value (columns key and value)")
        ok, now = current_value(conn, f["report_id"], key)
        if not ok:
            raise ReviewError(f"{key}: report {f['report_id']} has no such cell, metric or field")
        rep = {"report_id": f["report_id"], "sha256": f["report"], "org": f.get("org"), "year": f.get("year")}
        rows.insert(0, _row(VALUE, rep, key, "corrected", who, reason, reported=now, corrected=value))
    return rows
