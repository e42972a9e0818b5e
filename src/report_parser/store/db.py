"""The store: engines (SQLite/PostgreSQL by URL), schema creation and migration, and writing/reading reports."""
from __future__ import annotations

import getpass
import json
import os
import socket
import time
import re
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy import event

from ..readers import fsnames
from . import schema as S
from ..errors import InputError
from ..record import SCHEMA_VERSION, Cell, Figure, Issue, Report, Section, TableQuality

DEFAULT_DB = "reports.db"
ENV_DB = "REPORT_PARSER_DB"


def now_iso() -> str:
    """The current UTC time as ISO 8601 with a Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def resolve_url(db: str | os.PathLike | None = None) -> str:
    """A SQLAlchemy URL from --db, REPORT_PARSER_DB or the default reports.db (a bare path means SQLite)."""
    db = db or os.environ.get(ENV_DB) or DEFAULT_DB
    db = str(db)
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def make_engine(url: str) -> sa.Engine:
    """An engine for a URL; SQLite gets WAL, foreign keys, a busy timeout and explicit BEGIN modes."""
    if not url.startswith("sqlite"):
        try:
            return sa.create_engine(url, pool_pre_ping=True)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ModuleNotFoundError) as e:
            raise InputError("BAD_DB_URL", f"{url}: not a database URL this tool can open ({e})") from e
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        parent = Path(url[len("sqlite:///"):]).parent
        if not parent.is_dir():
            raise InputError("BAD_DB_URL", f"{url}: the folder {parent} does not exist")
    engine = sa.create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # pysqlite's own transaction handling defers BEGIN and cannot do BEGIN IMMEDIATE; we emit
        # BEGIN ourselves (SQLAlchemy's documented recipe) so writers take the lock up front and two
        # concurrent ingests queue on busy_timeout instead of failing with "database is locked".
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoints, never corrupt
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN " + conn.get_execution_options().get("sqlite_begin", "DEFERRED"))

    return engine


def alembic_config(connection=None):
    """An Alembic Config pointing at the migrations shipped in the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "report_parser.store:migrations")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration revision."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn) -> str | None:
    """The revision a database is at (None when it has no schema)."""
    from alembic.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def migrate(db: str | None = None, revision: str = "head") -> tuple[str | None, str]:
    """Create or upgrade the schema in place to a revision; returns (before, after)."""
    from alembic import command

    url = resolve_url(db)
    engine = make_engine(url)
    try:
        with _writer(engine) as conn:
            before = current_revision(conn)
            if before is None and revision == "head" and not sa.inspect(conn).has_table("reports"):
                S.create_all(conn)
                command.stamp(alembic_config(conn), "head")
            else:
                command.upgrade(alembic_config(conn), revision)
            after = current_revision(conn)
            if engine.dialect.name == "postgresql":
                _setup_reader(conn)
    except sa.exc.OperationalError as e:
        raise InputError("DB_UNREACHABLE", f"{url}: cannot connect to the database ({e.orig})") from e
    finally:
        engine.dispose()
    return before, after


def _setup_reader(conn) -> None:
    """Create or refresh query's read-only role; a role that may not (no superuser) leaves the schema migrated."""
    from .readonly import ensure_reader

    try:
        with conn.begin_nested():
            ensure_reader(conn)
    except sa.exc.DBAPIError:
        pass  # query says how to create the role when it finds it missing; `migrate` prints the same sentence


@contextmanager
def _writer(engine: sa.Engine):
    """A write transaction (BEGIN IMMEDIATE on SQLite: take the write lock before reading)."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            yield conn


def to_float(value: str | None) -> float | None:
    """The float of an exact decimal string, None when it is not a number."""
    if value is None:
        return None
    try:
        return float(Decimal(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def report_id(sha256: str) -> str:
    """The report id: the first 16 hex digits of the content sha256."""
    return sha256[:16]


# Outcomes of Store.save.
NEW, REPARSED, UNCHANGED, CHANGED = "new", "reparsed", "unchanged", "changed"


def _process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host (signal 0 checks without sending anything)."""
    if os.name == "nt":
        return True  # os.kill on Windows terminates the process whatever the signal: never probe there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists but belongs to someone else, or the check itself is not allowed
    return True


class Store:
    """One database: write parsed reports idempotently, read them back as records."""

    def __init__(self, db: str | None = None, create: bool = True):
        self.url = resolve_url(db)
        self.engine = make_engine(self.url)
        self._ensure_schema(create)

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        """"sqlite" or "postgresql"."""
        return self.engine.dialect.name

    def _ensure_schema(self, create: bool) -> None:
        try:
            with self.engine.connect() as conn:
                rev = current_revision(conn)
                has_reports = sa.inspect(conn).has_table("reports")
        except sa.exc.OperationalError as e:
            raise InputError("DB_UNREACHABLE", f"{self.url}: cannot connect to the database ({e.orig})") from e
        head = head_revision()
        if rev == head:
            return
        if rev is None and not has_reports and create:
            for attempt in range(3):  # two processes may create a fresh PostgreSQL schema at once
                try:
                    migrate(self.url)
                    return
                except (sa.exc.IntegrityError, sa.exc.ProgrammingError):
                    if attempt == 2:
                        raise
                    time.sleep(0.5)
        raise InputError("DB_OUTDATED", f"{self.url}: the database schema is at revision {rev}, this version "
                                        f"needs {head}; run `report-parser migrate --db {self.url}`")

    # ---- writing ------------------------------------------------------------------------------

    def save(self, report: Report, path: str | None = None, run_id: str | None = None,
             force: bool = False, size: int | None = None) -> str:
        """Store one report and link its path, in one transaction; returns new/reparsed/changed/unchanged."""
        sha = report.source.get("sha256")
        if not sha:
            raise ValueError("a report without sha256 cannot be stored; use record_issues")
        for attempt in range(5):
            try:
                with _writer(self.engine) as conn:
                    return self._save(conn, report, path, run_id, force, size)
            except (sa.exc.IntegrityError, sa.exc.OperationalError) as e:
                # A concurrent ingest inserted the same content or path first (or PostgreSQL picked us
                # as a deadlock victim): the retry sees its row and becomes an update or a no-op.
                if attempt == 4 or not _retryable(e):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _save(self, conn, report: Report, path, run_id, force, size) -> str:
        sha = report.source["sha256"]
        rid = report_id(sha)
        q = sa.select(S.reports.c.parser_version).where(S.reports.c.id == rid).with_for_update()
        existing = conn.execute(q).first()
        if existing is not None and not force and existing.parser_version == report.parser_version:
            outcome = UNCHANGED
        else:
            # PostgreSQL refuses NUL in text; a damaged file can carry one and it never means anything.
            # One C-speed scan of the record decides whether the rows need cleaning at all.
            # repr shows NUL as \x00 and a lone surrogate as \udXXX: only such reports pay for cleaning.
            r = repr(report)
            clean = _clean if "\\x00" in r or "\\ud" in r else _same
            row = clean(self._report_row(report, rid, run_id, size))
            if existing is None:
                conn.execute(sa.insert(S.reports), [row])
                outcome = NEW
            else:
                for t in reversed(S.CHILD_TABLES):
                    conn.execute(sa.delete(t).where(t.c.report_id == rid))
                conn.execute(sa.update(S.reports).where(S.reports.c.id == rid).values(**row))
                outcome = REPARSED
            for table, rows in self._child_rows(report, rid, path, run_id):
                if rows:
                    _insert_many(conn, table, [clean(r) for r in rows])
        if path is not None:
            old = self._link(conn, path, rid, run_id)
            if old is not None and old != rid and outcome == NEW:
                outcome = CHANGED
        return outcome

    def _link(self, conn, path: str, rid: str, run_id: str | None) -> str | None:
        """Point a path at a report; drop the report the path pointed to when no path is left on it."""
        t = S.report_paths
        old = conn.execute(sa.select(t.c.report_id).where(t.c.path == path).with_for_update()).scalar()
        ts = now_iso()
        if old is None:
            conn.execute(sa.insert(t), [{"path": path, "report_id": rid, "first_seen": ts, "last_seen": ts,
                                         "run_id": run_id}])
        elif old != rid:
            conn.execute(sa.update(t).where(t.c.path == path).values(report_id=rid, last_seen=ts, run_id=run_id))
            left = conn.execute(sa.select(sa.func.count()).select_from(t).where(t.c.report_id == old)).scalar()
            if not left:
                # The file changed: its old content is no longer seen anywhere. Children go by cascade.
                for child in reversed(S.CHILD_TABLES):
                    conn.execute(sa.delete(child).where(child.c.report_id == old))
                conn.execute(sa.delete(S.reports).where(S.reports.c.id == old))
        return old

    def link_path(self, path: str, sha256: str, run_id: str | None = None) -> str | None:
        """Record that a known content was seen at a path (one transaction); returns the previous report id."""
        with _writer(self.engine) as conn:
            return self._link(conn, path, report_id(sha256), run_id)

    def record_issues(self, path: str, issues: Iterable[Issue], run_id: str | None = None) -> None:
        """Record issues of a file that has no report (it could not even be read)."""
        rows = [{"id": f"{run_id or 'norun'}:{uuid.uuid4().hex[:12]}", "report_id": None, "position": i,
                 "path": path, "run_id": run_id, "code": x.code, "message": x.message, "page": x.page}
                for i, x in enumerate(issues)]
        if rows:
            with _writer(self.engine) as conn:
                conn.execute(sa.insert(S.issues), rows)

    @staticmethod
    def _report_row(r: Report, rid: str, run_id: str | None, size: int | None) -> dict[str, Any]:
        region = r.region or {}
        return {
            "id": rid, "sha256": r.source["sha256"], "format": r.source.get("format"),
            "pages": r.source.get("pages"), "size_bytes": size, "title": r.title, "org": r.org,
            "region_province": region.get("province"), "region_city": region.get("city"),
            "region_county": region.get("county"), "region_town": region.get("town"),
            "level": r.level, "year": r.year, "era": r.era, "published": r.published, "status": r.status,
            "parser_version": r.parser_version, "schema_version": SCHEMA_VERSION,
            "ingested_at": now_iso(), "run_id": run_id, "ocr_pages": r.ocr_pages or 0,
            "missing_sections": list(r.missing_sections),
            "ocr_engines": dict(r.ocr_engines) or None,
        }

    @staticmethod
    def _child_rows(r: Report, rid: str, path: str | None, run_id: str | None):
        """(table, rows) for every child table of a report; ids are report id + kind + position."""
        yield S.sections, [
            {"id": f"{rid}:s{i}", "report_id": rid, "position": i, "key": s.key, "heading": s.heading,
             "page": s.page, "span_start": s.start, "span_end": s.end, "level": s.level, "text": s.text}
            for i, s in enumerate(r.sections)]
        yield S.figures, [
            {"id": f"{rid}:f{i}", "report_id": rid, "position": i, "metric": f.metric, "value": f.value,
             "value_float": to_float(f.value), "raw": f.raw, "unit": f.unit, "scale": f.scale,
             "qualifier": f.qualifier, "kind": f.kind, "section": f.section, "text": f.text, "page": f.page,
             "span_start": f.span[0], "span_end": f.span[1], "parent": f.parent, "negation": bool(f.negation),
             "ocr": bool(f.ocr), **_box_row(f)}
            for i, f in enumerate(r.figures)]
        yield S.cells, [
            {"id": f"{rid}:c{i}", "report_id": rid, "position": i, "key": c.key, "value": c.value,
             "value_float": to_float(c.value), "raw": c.raw, "page": c.page, "label": list(c.label),
             "table_name": c.table, "template": c.template, "unit": c.unit, "derived": bool(c.derived),
             "ocr": bool(c.ocr), "derived_by": c.derived_by, "doubtful": bool(c.doubtful), **_box_row(c),
             "span_start": c.span[0] if c.span else None, "span_end": c.span[1] if c.span else None}
            for i, c in enumerate(r.cells)]
        yield S.metrics, [
            {"report_id": rid, "metric": m, "value": v, "value_float": to_float(v),
             "source_kind": _get(r.metric_sources.get(m), "kind"),
             "source_ref": _str(_get(r.metric_sources.get(m), "ref")),
             "source_page": _int(_get(r.metric_sources.get(m), "page")),
             "source": r.metric_sources.get(m)}
            for m, v in r.metrics.items()]
        yield S.issues, [
            {"id": f"{rid}:i{i}", "report_id": rid, "position": i, "path": path, "run_id": run_id,
             "code": x.code, "message": x.message, "page": x.page}
            for i, x in enumerate(r.issues)]
        yield S.findings, [
            {"id": f"{rid}:a{i}", "report_id": rid, "position": i, "rule_id": f.get("rule_id") or "?",
             "severity": f.get("severity"), "message_zh": f.get("message_zh"), "message_en": f.get("message_en"),
             "section": f.get("section"), "page": _int(f.get("page")), "cell_keys": f.get("keys"),
             "cell_values": f.get("values"), "status": f.get("status"), "payload": f}
            for i, f in enumerate(r.findings)]
        yield S.table_quality, [
            {"id": f"{rid}:t{i}", "report_id": rid, "position": i, "table_name": t.table, "template": t.template,
             "status": t.status, "page": t.page, "rows_missing": list(t.rows_missing),
             "cols_missing": list(t.cols_missing), "non_numeric": list(t.non_numeric), "runs": list(t.runs)}
            for i, t in enumerate(r.tables)]

    # ---- runs -------------------------------------------------------------------------------

    def start_run(self, settings: dict[str, Any], parser_version: str) -> str:
        """Insert a runs row (status running) and return its id; earlier runs whose process died become interrupted."""
        run_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        try:
            who = getpass.getuser()
        except (KeyError, OSError):
            who = str(os.getuid())
        run_by = f"{who}@{socket.gethostname()}"
        with _writer(self.engine) as conn:
            self._close_dead_runs(conn, run_by)
            conn.execute(sa.insert(S.runs), [{
                "id": run_id, "started_at": now_iso(), "run_by": run_by, "pid": os.getpid(),
                "parser_version": parser_version, "settings": settings, "status": "running"}])
        return run_id

    @staticmethod
    def _close_dead_runs(conn: sa.Connection, run_by: str) -> None:
        # A run killed with SIGKILL (or by the OOM killer) never reaches finish_run and would stay
        # "running" for ever. Only runs from this user@host can be checked: a pid means nothing on another
        # machine, and a run still going there (or here, racing this one) must not be touched.
        rows = conn.execute(sa.select(S.runs.c.id, S.runs.c.pid).where(
            S.runs.c.status == "running", S.runs.c.run_by == run_by, S.runs.c.pid.is_not(None))).all()
        dead = [r.id for r in rows if r.pid != os.getpid() and not _process_alive(r.pid)]
        if dead:
            conn.execute(sa.update(S.runs).where(S.runs.c.id.in_(dead)).values(status="interrupted"))

    def finish_run(self, run_id: str, status: str, files_seen: int, counts: dict[str, int],
                   issue_counts: dict[str, int], seconds: float) -> None:
        """Close a runs row with its counts."""
        with _writer(self.engine) as conn:
            conn.execute(sa.update(S.runs).where(S.runs.c.id == run_id).values(
                finished_at=now_iso(), status=status, files_seen=files_seen, counts=counts,
                issue_counts=issue_counts, seconds=round(seconds, 3)))

    # ---- reading ------------------------------------------------------------------------------

    def known(self) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
        """({sha256: (parser_version, status)}, {path: sha256}) of everything stored."""
        with self.engine.connect() as conn:
            shas = {r.sha256: (r.parser_version, r.status) for r in conn.execute(
                sa.select(S.reports.c.sha256, S.reports.c.parser_version, S.reports.c.status))}
            paths = dict(conn.execute(sa.select(S.report_paths.c.path, S.reports.c.sha256).join(
                S.reports, S.reports.c.id == S.report_paths.c.report_id)).all())
        return shas, paths

    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        with self.engine.connect() as conn:
            return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                    for t in S.metadata.sorted_tables}

    def report_ids(self, **filters: Any) -> list[str]:
        """Ids of stored reports, optionally filtered by equality on reports columns (year=2023, status="ok")."""
        q = sa.select(S.reports.c.id).order_by(S.reports.c.id)
        for k, v in filters.items():
            if k not in S.reports.c:
                raise ValueError(f"reports has no column {k!r}")
            q = q.where(S.reports.c[k] == v)
        with self.engine.connect() as conn:
            return list(conn.execute(q).scalars())

    def iter_reports(self, **filters: Any) -> Iterator[Report]:
        """Rebuild stored reports one by one (filters as in report_ids)."""
        for rid in self.report_ids(**filters):
            rep = self.load_report(rid)
            if rep is not None:
                yield rep

    def load_report(self, rid: str) -> Report | None:
        """Rebuild the record of one stored report (None when the id is unknown)."""
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(S.reports).where(S.reports.c.id == rid)).mappings().first()
            if r is None:
                return None
            path = conn.execute(sa.select(S.report_paths.c.path).where(S.report_paths.c.report_id == rid)
                                .order_by(S.report_paths.c.first_seen, S.report_paths.c.path).limit(1)).scalar()

            def rows(t):
                order = t.c.position if "position" in t.c else t.c.metric
                return conn.execute(sa.select(t).where(t.c.report_id == rid).order_by(order)).mappings().all()

            region = {k: r[f"region_{k}"] for k in ("province", "city", "county", "town") if r[f"region_{k}"]}
            metric_rows = rows(S.metrics)
            return Report(
                source={"path": path, "sha256": r["sha256"], "format": r["format"], "pages": r["pages"]},
                status=r["status"],
                issues=[Issue(x["code"], x["message"], x["page"]) for x in rows(S.issues)],
                title=r["title"], org=r["org"], region=region, level=r["level"], year=r["year"], era=r["era"],
                published=r["published"],
                sections=[Section(s["key"], s["heading"], s["page"], s["span_start"], s["span_end"], s["level"],
                                  s["text"] or "")
                          for s in rows(S.sections)],
                missing_sections=list(r["missing_sections"] or []),
                figures=[Figure(metric=f["metric"], value=f["value"], raw=f["raw"], unit=f["unit"],
                                scale=f["scale"], qualifier=f["qualifier"], section=f["section"], text=f["text"],
                                page=f["page"], span=(f["span_start"], f["span_end"]), kind=f["kind"],
                                parent=f["parent"], negation=bool(f["negation"]), ocr=bool(f["ocr"]),
                                **_box_fields(f))
                         for f in rows(S.figures)],
                cells=[Cell(key=c["key"], value=c["value"], raw=c["raw"], page=c["page"], label=list(c["label"] or []),
                            table=c["table_name"], template=c["template"], unit=c["unit"],
                            derived=bool(c["derived"]), ocr=bool(c["ocr"]), derived_by=c["derived_by"],
                            doubtful=bool(c["doubtful"]), **_box_fields(c),
                            span=(c["span_start"], c["span_end"]) if c["span_start"] is not None else None)
                       for c in rows(S.cells)],
                tables=[TableQuality(t["table_name"], t["template"], t["status"], t["page"],
                                     list(t["rows_missing"] or []), list(t["cols_missing"] or []),
                                     list(t["non_numeric"] or []), list(t["runs"] or []))
                        for t in rows(S.table_quality)],
                metrics={m["metric"]: m["value"] for m in metric_rows},
                metric_sources={m["metric"]: m["source"] for m in metric_rows if m["source"] is not None},
                findings=[f["payload"] for f in rows(S.findings)],
                ocr_pages=r["ocr_pages"] or 0,
                ocr_engines=dict(r["ocr_engines"] or {}),
                parser_version=r["parser_version"],
            )


@lru_cache(maxsize=None)
def _insert_sql(dialect: sa.Dialect, table_name: str, cols: tuple[str, ...]) -> tuple[str, frozenset[str]]:
    """A driver-level INSERT for a table and column order, and which of those columns hold JSON."""
    q = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    table = S.metadata.tables[table_name]
    sql = f"INSERT INTO {q(table_name)} ({', '.join(q(c) for c in cols)}) VALUES ({', '.join([mark] * len(cols))})"
    return sql, frozenset(c for c in cols if isinstance(table.c[c].type, sa.JSON))


def _insert_many(conn, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) with one executemany at driver level.

    A report has hundreds of cells; SQLAlchemy's per-row parameter processing cost more than the
    parse of a small file, so rows go to the driver as tuples with JSON already serialised.
    """
    cols = tuple(rows[0])
    sql, json_cols = _insert_sql(conn.dialect, table.name, cols)
    dumps = json.dumps
    params = [tuple(dumps(r[c], ensure_ascii=False) if c in json_cols and r[c] is not None else r[c] for c in cols)
              for r in rows]
    conn.exec_driver_sql(sql, params)


def _same(row: dict[str, Any]) -> dict[str, Any]:
    return row


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(v: str) -> str:
    """Text both engines accept: NUL dropped (a broken file's padding), lone surrogates written out as
    \\xNN (an undecodable byte, as fsnames keys it) or \\uXXXX, since UTF-8 cannot hold them."""
    v = fsnames.key(v.replace("\x00", ""))
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", v)


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _storable(v) if isinstance(v, str) and _UNSTORABLE.search(v) else v for k, v in row.items()}


def _retryable(e: Exception) -> bool:
    if isinstance(e, sa.exc.IntegrityError):
        return True
    text = str(getattr(e, "orig", e)).lower()
    return "deadlock" in text or "locked" in text or "could not serialize" in text


_BOX = ("box_page", "box_x0", "box_top", "box_x1", "box_bottom")


def _box_row(item: Figure | Cell) -> dict[str, Any]:
    """The box columns of a figure or cell row (all None when its position is unknown)."""
    box = item.box or [None] * 5
    return {**dict(zip(_BOX, box)), "box_page": int(box[0]) if box[0] is not None else None,
            "box_source": item.box_source, "box_more": item.box_more}


def _box_fields(row: Any) -> dict[str, Any]:
    """box, box_source and box_more of a stored figure or cell row."""
    box = [row[k] for k in _BOX]
    return {"box": box if box[0] is not None else None, "box_source": row["box_source"],
            "box_more": row["box_more"]}


def _get(d: Any, key: str) -> Any:
    return d.get(key) if isinstance(d, dict) else None


def _str(v: Any) -> str | None:
    if v is None or isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None
