"""Read-only SQL: a connection that cannot write, on SQLite and on PostgreSQL."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from .errors import UsageError


def _sqlite_ro_url(url: str) -> str:
    """sqlite:///path → a URI connection opened in mode=ro (the file cannot be changed through it)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    path = u.database
    if not path or path == ":memory:":
        raise UsageError("query needs a database file, not an in-memory SQLite database")
    from pathlib import Path

    p = Path(path).resolve()
    if not p.exists():
        raise UsageError(f"{p}: no such database (run `report-parser ingest` first)")
    return f"sqlite:///file:{p}?mode=ro&uri=true"


@contextmanager
def connect(url: str) -> Iterator[Any]:
    """A SQLAlchemy connection on which every write fails, whatever the SQL says."""
    from sqlalchemy import create_engine, event

    if url.startswith("sqlite"):
        engine = create_engine(_sqlite_ro_url(url))
        event.listen(engine, "connect", _sqlite_read_only)
    else:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        event.listen(engine, "connect", _pg_read_only)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _sqlite_read_only(dbapi_conn, _record) -> None:
    """mode=ro stops writes to the file; query_only stops temp-table writes; the authorizer stops ATTACH."""
    import sqlite3

    dbapi_conn.execute("PRAGMA query_only = ON")

    def authorizer(action, arg1, *_rest):
        # ATTACH could open (and create) another database file even on a read-only connection.
        if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_PRAGMA and arg1 not in _SAFE_PRAGMAS:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    dbapi_conn.set_authorizer(authorizer)


def _pg_read_only(dbapi_conn, _record) -> None:
    """Every transaction of the session is READ ONLY; run() also refuses more than one statement per call."""
    with dbapi_conn.cursor() as cur:
        cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")


_SAFE_PRAGMAS = {"table_info", "table_xinfo", "index_list", "index_info", "foreign_key_list", "database_list",
                 "query_only", "compile_options", "data_version"}


def run(url: str, sql: str, params: dict | None = None, limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement; returns (columns, rows). Writes raise UsageError."""
    from sqlalchemy import exc, text

    stmt = sql.strip().rstrip(";").strip()
    if not stmt:
        raise UsageError("empty query")
    if ";" in stmt and _has_second_statement(stmt):
        raise UsageError("one statement at a time: the query holds more than one")
    with connect(url) as conn:
        try:
            if not url.startswith("sqlite"):
                conn.exec_driver_sql("BEGIN READ ONLY")
            res = conn.execute(text(stmt), params or {})
            if not res.returns_rows:
                raise UsageError("the statement returns no rows (only read-only queries are allowed)")
            cols = list(res.keys())
            rows = [tuple(r) for r in (res.fetchmany(limit) if limit else res.fetchall())]
            if not url.startswith("sqlite"):
                conn.exec_driver_sql("ROLLBACK")
            return cols, rows
        except exc.DBAPIError as e:
            msg = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
            if not url.startswith("sqlite"):
                try:
                    conn.exec_driver_sql("ROLLBACK")
                except exc.DBAPIError:
                    pass
            raise UsageError(f"refused or failed: {msg}") from None


def _has_second_statement(stmt: str) -> bool:
    """True when a semicolon outside quotes separates two statements."""
    quote = None
    for i, ch in enumerate(stmt):
        if quote:
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
        elif ch == ";" and stmt[i + 1:].strip():
            return True
    return False
