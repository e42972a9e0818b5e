"""Chinese full-text search: section text, jieba-segmented and space-joined, indexed by SQLite FTS5 for Datasette."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from . import schema as S
from .errors import InputError, UsageError

TABLE = "section_text"
FTS = f"{TABLE}_fts"  # Datasette finds an FTS table by this name and then offers ?_search= on section_text

_DDL = [
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP TABLE IF EXISTS {TABLE}",
    f"""CREATE TABLE {TABLE} (
        rowid INTEGER PRIMARY KEY, section_id TEXT UNIQUE, report_id TEXT, org TEXT, org_id TEXT, year INTEGER,
        key TEXT, heading TEXT, page INTEGER, source TEXT, text TEXT, text_seg TEXT)""",
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
    with engine.connect() as conn:
        reports = conn.execute(sa.select(S.reports.c.id, S.reports.c.sha256, S.reports.c.org, S.reports.c.org_id,
                                         S.reports.c.year)).all()
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
        text = _file_text(paths.get(rep.id), rep.sha256) if need_file else None
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
                         "text": body, "text_seg": segment(body)})
    with engine.begin() as conn:
        for stmt in _DDL:
            conn.exec_driver_sql(stmt)
        if rows:
            cols = list(rows[0])
            conn.execute(sa.text(f"INSERT INTO {TABLE} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"),
                         rows)
        conn.exec_driver_sql(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
    return counts


def _file_text(path: str | None, sha256: str) -> str | None:
    """The Document text of a stored file, or None when it is gone, unreadable or has changed since ingest."""
    from . import readers

    if not path or not Path(path).is_file():
        return None
    try:
        doc = readers.read(path)
    except InputError:
        return None
    return doc.text if doc.sha256 == sha256 else None


def search(engine: sa.Engine, text: str, limit: int = 20) -> list[Any]:
    """Sections whose text holds every jieba word of text, best match first."""
    q = sa.text(f"SELECT t.report_id, t.org, t.year, t.key, t.heading FROM {FTS} f JOIN {TABLE} t ON t.rowid = f.rowid "
                f"WHERE {FTS} MATCH :q ORDER BY rank LIMIT :n")
    with engine.connect() as conn:
        return conn.execute(q, {"q": query_terms(text), "n": limit}).all()
