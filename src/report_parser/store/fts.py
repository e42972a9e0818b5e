"""Chinese full-text search: section text, jieba-segmented and space-joined, indexed by SQLite FTS5 for Datasette."""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

from . import schema as S
from ..errors import UsageError

TABLE = "section_text"
FTS = f"{TABLE}_fts"  # Datasette finds an FTS table by this name and then offers ?_search= on section_text

_DDL = [
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP TABLE IF EXISTS {TABLE}",
    f"""CREATE TABLE {TABLE} (
        rowid INTEGER PRIMARY KEY, section_id TEXT UNIQUE, report_id TEXT, org TEXT, org_id TEXT, year INTEGER,
        key TEXT, heading TEXT, page INTEGER, source TEXT, text TEXT, text_seg TEXT, ingested_at TEXT)""",
    f"CREATE INDEX ix_{TABLE}_report ON {TABLE}(report_id)",
    # External-content FTS5 over the segmented column: the words are stored once, in section_text.
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(heading, text_seg, content='{TABLE}', content_rowid='rowid')",
]


def segment(text: str) -> str:
    """Space-joined jieba words; search mode also emits the parts of long words (信息公开 → 信息 公开 信息公开)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at INFO on every first use
    return " ".join(w for w in jieba.cut_for_search(text) if w.strip())


def query_terms(text: str) -> str:
    """A user's search string as an FTS5 query of jieba words (all must occur), for callers outside Datasette."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    words = [w for w in jieba.cut(text) if w.strip()]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def build(engine: sa.Engine, reread: bool = True) -> dict[str, int]:
    """(Re)build section_text + its FTS5 index from the stored reports; returns counts by text source.

    A section's text is sections.text when the store kept it; else the file is read again (when still present
    with the same content); else it is the sentences of the section's figures."""
    if engine.dialect.name != "sqlite":
        raise UsageError("the full-text index is for SQLite/Datasette; on PostgreSQL use its own text search")
    counts = {"stored": 0, "file": 0, "figures": 0, "sections": 0}
    rows = _rows(engine, None, reread, counts)
    with engine.begin() as conn:
        for stmt in _DDL:
            conn.exec_driver_sql(stmt)
        _insert(conn, rows)
        conn.exec_driver_sql(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
    return counts


def refresh(engine: sa.Engine) -> dict[str, int] | None:
    """Bring an existing index up to date after an ingest (None when there is no index to keep).

    Reports stored or re-parsed since the index was built are (re)indexed, reports no longer stored leave
    it; the rest is untouched, so an ingest of a few files into a large database costs a few files."""
    from .db import _writer

    if engine.dialect.name != "sqlite" or not sa.inspect(engine).has_table(FTS):
        return None
    with engine.connect() as conn:
        if "ingested_at" not in {c["name"] for c in sa.inspect(conn).get_columns(TABLE)}:
            return build(engine, reread=False)  # built by a version that did not record it: start again
        _, fresh = _differences(conn)
    counts = {"stored": 0, "file": 0, "figures": 0, "sections": 0, "removed": 0, "added": 0}
    # Segmenting is the slow part: do it outside the write lock, then apply only what is still due once the
    # lock is held (another ingest may have refreshed or stored reports meanwhile; the next refresh takes those).
    rows = _rows(engine, list(fresh), False, counts) if fresh else []
    with _writer(engine) as conn:
        stale, due = _differences(conn)
        for rid in stale:
            # External-content FTS5: an entry is removed by replaying its indexed values with 'delete'.
            conn.exec_driver_sql(
                f"INSERT INTO {FTS}({FTS}, rowid, heading, text_seg) "
                f"SELECT 'delete', rowid, heading, text_seg FROM {TABLE} WHERE report_id = ?", (rid,))
            conn.exec_driver_sql(f"DELETE FROM {TABLE} WHERE report_id = ?", (rid,))
        ready = {rid for rid, at in due.items() if fresh.get(rid) == at}
        _insert(conn, [r for r in rows if r["report_id"] in ready])
        for rid in ready:
            conn.exec_driver_sql(f"INSERT INTO {FTS}(rowid, heading, text_seg) "
                                 f"SELECT rowid, heading, text_seg FROM {TABLE} WHERE report_id = ?", (rid,))
        # The registry may have relinked bodies (a new alias, a new spelling): org_id follows reports.
        conn.exec_driver_sql(f"UPDATE {TABLE} SET org_id = (SELECT r.org_id FROM reports r WHERE r.id = report_id) "
                             f"WHERE org_id IS NOT (SELECT r.org_id FROM reports r WHERE r.id = report_id)")
    counts["removed"], counts["added"] = len(stale), len(ready)
    return counts


def _differences(conn: sa.Connection) -> tuple[list[str], dict[str, str]]:
    """(indexed reports that are gone or re-parsed, {stored report: ingested_at} not indexed as such)."""
    indexed = dict(conn.exec_driver_sql(f"SELECT DISTINCT report_id, ingested_at FROM {TABLE}").all())
    # Only reports with parts: a failed or skipped file has nothing to index and would be due for ever.
    has_parts = sa.exists().where(S.sections.c.report_id == S.reports.c.id)
    stored = dict(conn.execute(sa.select(S.reports.c.id, S.reports.c.ingested_at).where(has_parts)).all())
    stale = [rid for rid, at in indexed.items() if stored.get(rid) != at]
    return stale, {rid: at for rid, at in stored.items() if indexed.get(rid) != at}


def _rows(engine: sa.Engine, ids: list[str] | None, reread: bool, counts: dict[str, int]) -> list[dict[str, Any]]:
    """section_text rows of the given reports (all when ids is None), counting each text's source."""
    from .. import readers

    q = sa.select(S.reports.c.id, S.reports.c.sha256, S.reports.c.org, S.reports.c.org_id, S.reports.c.year,
                  S.reports.c.ingested_at)
    wanted = None if ids is None else set(ids)
    with engine.connect() as conn:
        reports = [r for r in conn.execute(q).all() if wanted is None or r.id in wanted]
        paths = dict(conn.execute(sa.select(S.report_paths.c.report_id, S.report_paths.c.path)
                                  .order_by(S.report_paths.c.report_id, S.report_paths.c.path.desc())).all())
    rows: list[dict[str, Any]] = []
    for rep in reports:
        with engine.connect() as conn:
            secs = conn.execute(sa.select(S.sections).where(S.sections.c.report_id == rep.id)
                                .order_by(S.sections.c.position)).all()
            figs = conn.execute(sa.select(S.figures.c.section, S.figures.c.text).where(S.figures.c.report_id == rep.id)
                                .order_by(S.figures.c.position)).all()
        stored = [getattr(s, "text", None) for s in secs]  # sections.text exists from schema revision 0003
        need_file = reread and any(t is None for t in stored)
        text = readers.stored_text(paths.get(rep.id), rep.sha256) if need_file else None
        for s, kept in zip(secs, stored):
            if kept is not None:
                body, source = kept, "stored"
            elif text is not None and s.span_start is not None and s.span_end:
                body, source = text[s.span_start:s.span_end], "file"
            else:
                body = "\n".join(dict.fromkeys(f.text for f in figs if f.section == s.key and f.text))
                source = "figures"
            counts[source] += 1
            counts["sections"] += 1
            rows.append({"section_id": s.id, "report_id": rep.id, "org": rep.org, "org_id": rep.org_id,
                         "year": rep.year, "key": s.key, "heading": s.heading, "page": s.page, "source": source,
                         "text": body, "text_seg": segment(body), "ingested_at": rep.ingested_at})
    return rows


def _insert(conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        cols = list(rows[0])
        conn.execute(sa.text(f"INSERT INTO {TABLE} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"),
                     rows)


def search(engine: sa.Engine, text: str, limit: int = 20) -> list[Any]:
    """Sections whose text holds every jieba word of text, best match first."""
    q = sa.text(f"SELECT t.report_id, t.org, t.year, t.key, t.heading FROM {FTS} f JOIN {TABLE} t ON t.rowid = f.rowid "
                f"WHERE {FTS} MATCH :q ORDER BY rank LIMIT :n")
    with engine.connect() as conn:
        return conn.execute(q, {"q": query_terms(text), "n": limit}).all()
