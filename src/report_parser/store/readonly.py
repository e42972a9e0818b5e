"""Read-only SQL: a connection that cannot write, on SQLite and on PostgreSQL.

SQLite: the file is opened read-only (`mode=ro`, or `immutable=1` when no writer has it open, so no -wal/-shm
files appear), `query_only` is on and cannot be switched off, an authorizer refuses ATTACH and writing PRAGMAs,
and a progress handler stops a statement at the time limit.

PostgreSQL: the statement runs inside a READ ONLY transaction with a statement_timeout, as the role READER
(created by `report-parser migrate`), and only inside READER's SECURITY DEFINER function: PostgreSQL refuses to
change `role` or `session_authorization` inside such a function, so a statement cannot switch back to the login
role (a superuser can always `set_config('role', 'postgres', …)` otherwise, even after SET ROLE).
"""
from __future__ import annotations

import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from ..errors import UsageError

READER = "report_parser_reader"
READER_FUNCTION = "report_parser_read"
DEFAULT_TIMEOUT = 60.0

# The statement kinds that can return rows without writing; anything else is refused before it is sent.
_FIRST_WORDS = {"sqlite": {"select", "with", "values", "explain", "pragma"},
                "postgresql": {"select", "with", "values", "explain", "show", "table"}}


def _sqlite_path(url: str) -> Path:
    """The existing database file of a sqlite:/// URL."""
    from sqlalchemy.engine import make_url

    path = make_url(url).database
    if not path or path == ":memory:":
        raise UsageError("query needs a database file, not an in-memory SQLite database")
    p = Path(path).resolve()
    if not p.exists():
        raise UsageError(f"{p}: no such database (run `report-parser ingest` first)")
    return p


def _wal_mode(p: Path) -> bool:
    """Whether the file's header says WAL (bytes 18–19 are 2 in WAL mode, 1 in rollback-journal mode)."""
    with open(p, "rb") as f:
        header = f.read(20)
    return len(header) == 20 and header[18] == 2


def _sqlite_ro_uri(url: str) -> tuple[str, bool]:
    """sqlite:///path → (a file: URI that cannot change the file and leaves no side files beside it, immutable?).

    A WAL database needs a -shm file to be read with mode=ro, and SQLite creates it (and an empty -wal) when the
    folder is writable, then cannot remove them. When no -wal file exists, every commit is in the main file and
    no writer has it open, so `immutable=1` reads it without locks or side files; run() checks afterwards that no
    writer started meanwhile. When a -wal file exists, a writer owns the side files and mode=ro shares them.
    """
    from urllib.parse import quote

    p = _sqlite_path(url)
    immutable = _wal_mode(p) and not _wal_file(p).exists()
    return f"file:{quote(str(p))}?mode=ro{'&immutable=1' if immutable else ''}", immutable


def _sqlite_open(uri: str):
    import sqlite3

    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _wal_file(p: Path) -> Path:
    return p.with_name(p.name + "-wal")


@contextmanager
def connect(url: str) -> Iterator[Any]:
    """A SQLAlchemy connection whose writes to the database fail: SQLite read-only, PostgreSQL READ ONLY sessions.

    On PostgreSQL this alone does not stop a superuser's COPY TO PROGRAM or pg_read_file; run() adds the reader
    role and its function, so user SQL goes through run(), never straight to this connection.
    """
    from sqlalchemy import create_engine, event, exc
    from sqlalchemy.pool import NullPool

    immutable = False
    if url.startswith("sqlite"):
        uri, immutable = _sqlite_ro_uri(url)
        # A creator, not a sqlite:/// URL: SQLAlchemy would decode the URI's %-escapes (a # in a folder name).
        engine = create_engine("sqlite://", poolclass=NullPool, creator=lambda: _sqlite_open(uri))
        event.listen(engine, "connect", _sqlite_read_only)
    else:
        # NullPool: the connection is closed after one query, so nothing a statement set on it survives.
        engine = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        event.listen(engine, "connect", _pg_read_only)
    try:
        try:
            conn = engine.connect()
        except exc.OperationalError as e:
            raise UsageError(f"cannot connect to the database: {_first_line(e)}") from None
        with conn:
            conn.info["immutable"] = immutable
            yield conn
    finally:
        engine.dispose()


def _sqlite_read_only(dbapi_conn, _record) -> None:
    """mode=ro stops writes to the file; query_only stops temp-table writes; the authorizer stops ATTACH."""
    import sqlite3

    dbapi_conn.execute("PRAGMA query_only = ON")

    def authorizer(action, arg1, arg2, *_rest):
        # ATTACH could open (and create) another database file even on a read-only connection; VACUUM INTO
        # attaches its target, so this refuses it too.
        if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_PRAGMA and (arg1 not in _SAFE_PRAGMAS or arg1 in _READ_ONLY_PRAGMAS and arg2):
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    dbapi_conn.set_authorizer(authorizer)


def _pg_read_only(dbapi_conn, _record) -> None:
    """Every transaction of the session is READ ONLY (run() also opens its own READ ONLY transaction)."""
    with dbapi_conn.cursor() as cur:
        cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")


_SAFE_PRAGMAS = {"table_info", "table_xinfo", "index_list", "index_info", "foreign_key_list", "database_list",
                 "query_only", "compile_options", "data_version"}
# Pragmas that may be read but not given a value (`PRAGMA query_only = OFF` would lift the write guard).
_READ_ONLY_PRAGMAS = {"query_only", "data_version"}


def run(url: str, sql: str, params: dict | None = None, limit: int | None = None,
        timeout: float = DEFAULT_TIMEOUT) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement within `timeout` seconds; returns (columns, rows). Writes raise UsageError."""
    engine = "sqlite" if url.startswith("sqlite") else "postgresql"
    stmt = sql.strip().rstrip(";").strip()
    if not stmt:
        raise UsageError("empty query")
    word = first_word(stmt)
    if word not in _FIRST_WORDS[engine]:
        allowed = ", ".join(sorted(w.upper() for w in _FIRST_WORDS[engine]))
        raise UsageError(f"refused: only a read-only statement ({allowed}) may run, not {word.upper() or '?'}")
    if engine == "sqlite":
        return _run_sqlite(url, stmt, params, limit, timeout)
    return _run_pg(url, _inline(stmt, params), limit, timeout)


def first_word(stmt: str) -> str:
    """The statement's first keyword, lower case, after comments and opening parentheses."""
    rest = re.sub(r"^(\s+|--[^\n]*(\n|$)|/\*.*?\*/|\()+", "", stmt, flags=re.S)
    m = re.match(r"[A-Za-z]+", rest)
    return m.group(0).lower() if m else ""


def _timeout_message(timeout: float) -> str:
    return f"the query ran past the time limit of {timeout:g} s and was stopped (give --timeout SECONDS for more)"


def _run_sqlite(url: str, stmt: str, params, limit, timeout) -> tuple[list[str], list[tuple]]:
    from sqlalchemy import exc, text

    path = _sqlite_path(url)
    before = _file_state(path)
    with connect(url) as conn:
        immutable = conn.info["immutable"]
        deadline = time.monotonic() + timeout
        # Called every ~10k virtual-machine steps; a true return interrupts the statement (a recursive CTE too).
        conn.connection.driver_connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            res = conn.execute(text(stmt), params or {})
            if not res.returns_rows:
                raise UsageError("the statement returns no rows (only read-only queries are allowed)")
            cols = list(res.keys())
            rows = [tuple(r) for r in (res.fetchmany(limit) if limit else res.fetchall())]
        except exc.DBAPIError as e:
            if "interrupted" in str(e.orig):
                raise UsageError(_timeout_message(timeout)) from None
            raise UsageError(f"refused or failed: {_first_line(e)}") from None
    if immutable and _file_state(path) != before:
        # immutable=1 takes no locks: a writer that started meanwhile may have changed pages under the query.
        raise UsageError("the database changed while the query ran (an ingest is writing it); run the query again")
    return cols, rows


def _file_state(p: Path) -> tuple:
    st = p.stat()
    return st.st_mtime_ns, st.st_size, _wal_file(p).exists()


def _first_line(e: Exception) -> str:
    orig = getattr(e, "orig", None) or e
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


def _inline(stmt: str, params: dict | None) -> str:
    """The statement with its :name parameters as SQL literals (PostgreSQL runs it as one text argument)."""
    if not params:
        return stmt
    from sqlalchemy import text
    from sqlalchemy.dialects import postgresql

    # paramstyle "named": a pyformat dialect would double every % in the text (50% → 50%%).
    compiled = text(stmt).bindparams(**params).compile(dialect=postgresql.dialect(paramstyle="named"),
                                                       compile_kwargs={"literal_binds": True})
    return str(compiled)


def _run_pg(url: str, stmt: str, limit, timeout) -> tuple[list[str], list[tuple]]:
    import psycopg

    with connect(url) as conn:
        raw = conn.connection.driver_connection
        try:
            with raw.cursor() as cur:
                cur.execute("BEGIN READ ONLY")
                try:
                    cur.execute(f"SET LOCAL statement_timeout = {max(1, int(timeout * 1000))}")
                    function = _become_reader(cur)
                    columns, types = _describe(raw, cur, stmt)
                    defs = ", ".join(f'c{i} {t}' for i, t in enumerate(types))
                    cur.execute(f"SELECT * FROM {function}(%s) AS t({defs})", [stmt])
                    rows = [tuple(r) for r in (cur.fetchmany(limit) if limit else cur.fetchall())]
                finally:
                    _rollback(raw)
        except psycopg.errors.QueryCanceled as e:
            # 57014 is also pg_cancel_backend from another session: only the timer's message is the time limit.
            message = _timeout_message(timeout) if "statement timeout" in str(e) else f"cancelled: {_first_line(e)}"
            raise UsageError(message) from None
        except psycopg.Error as e:
            raise UsageError(f"refused or failed: {_first_line(e)}") from None
    return columns, rows


def _rollback(raw) -> None:
    """Nothing the statement did is kept: its transaction is rolled back (and connect() closes the connection)."""
    import psycopg

    try:
        raw.execute("ROLLBACK")
    except psycopg.Error:
        pass  # a broken connection has no transaction left to keep


def _become_reader(cur) -> str:
    """SET LOCAL ROLE READER after checking it is safe; returns READER's function to run the statement in."""
    import psycopg

    problem = reader_problem(cur)
    if problem:
        raise UsageError(problem)
    try:
        cur.execute(f'SET LOCAL ROLE "{READER}"')
    except psycopg.Error as e:
        raise UsageError(_reader_sentence(f"could not be switched to ({_first_line(e)})")) from None
    cur.execute("SELECT current_user")
    if cur.fetchone()[0] != READER:
        raise UsageError(_reader_sentence("could not be switched to"))
    cur.execute("SELECT %s::regprocedure::oid::regproc::text", [f"{READER_FUNCTION}(text)"])
    return cur.fetchone()[0]


def reader_problem(cur) -> str | None:
    """Why the login role cannot run queries as READER (a sentence saying how to fix it), or None."""
    cur.execute(_READER_CHECK, {"reader": READER, "function": f"{READER_FUNCTION}(text)"})
    row = cur.fetchone()
    if row is None:
        issue = "does not exist"
    else:
        super_, powers, member, function_ok = row
        issue = ("is a superuser" if super_ else
                 "may read or write server files, run programs or signal backends" if powers else
                 "is not granted to this login role" if not member else
                 f"has no function {READER_FUNCTION}(text) of its own in this database" if not function_ok else None)
    return None if issue is None else _reader_sentence(issue)


def _reader_sentence(issue: str) -> str:
    return (f"query refuses to run: the read-only role {READER} {issue}. Run `report-parser migrate --db URL` "
            f"as a PostgreSQL superuser: it creates the role (NOLOGIN, SELECT on the tables only), its query "
            f"function, and grants the role to the tables' owner.")


_READER_CHECK = """
SELECT r.rolsuper,
       EXISTS (SELECT FROM unnest(ARRAY['pg_read_server_files', 'pg_write_server_files',
                                        'pg_execute_server_program', 'pg_signal_backend']) AS power(name)
               WHERE pg_has_role(r.oid, power.name, 'MEMBER')),  -- MEMBER: NOINHERIT hides USAGE
       pg_has_role(current_user, r.oid, 'MEMBER'),
       coalesce((SELECT p.prosecdef AND p.proowner = r.oid FROM pg_proc p
                 WHERE p.oid = to_regprocedure(%(function)s)), false)
FROM pg_roles r WHERE r.rolname = %(reader)s
"""


def _describe(raw, cur, stmt: str) -> tuple[list[str], list[str]]:
    """Column names and SQL types of a statement, from the server's parser, without running it.

    The extended protocol's Parse refuses more than one statement, so `SELECT 1; DELETE …` fails here whatever
    its quoting or comments.
    """
    from psycopg import pq

    enc = raw.info.encoding
    res = raw.pgconn.prepare(b"", stmt.encode(enc))
    if res.status != pq.ExecStatus.COMMAND_OK:
        raise UsageError(f"refused or failed: {_pq_error(res, enc)}")
    res = raw.pgconn.describe_prepared(b"")
    if res.status != pq.ExecStatus.COMMAND_OK:
        raise UsageError(f"refused or failed: {_pq_error(res, enc)}")
    if res.nfields == 0:
        raise UsageError("the statement returns no rows (only read-only queries are allowed)")
    names = [res.fname(i).decode(enc) for i in range(res.nfields)]
    cur.execute("SELECT format_type(t.oid, u.mod), t.typtype = 'p' FROM unnest(%s::oid[], %s::int[]) "
                "WITH ORDINALITY AS u(oid, mod, i) JOIN pg_type t ON t.oid = u.oid ORDER BY u.i",
                [[res.ftype(i) for i in range(res.nfields)], [res.fmod(i) for i in range(res.nfields)]])
    types = cur.fetchall()
    for name, (typ, pseudo) in zip(names, types):
        if pseudo:
            raise UsageError(f"column {name!r} has the pseudo-type {typ}; select it cast to a real type (::text)")
    return names, [t for t, _ in types]


def _pq_error(res, enc: str) -> str:
    return (res.error_message.decode(enc, "replace").strip().splitlines() or ["error"])[0].removeprefix("ERROR:  ")


def ensure_reader(conn) -> None:
    """Create READER and its query function and grant SELECT on this schema's tables (PostgreSQL; needs rights).

    Raises the driver's error when the migrating role may not (a non-superuser cannot give a function to another
    role); store.migrate runs this in a savepoint and leaves the schema migration in place.
    """
    schema = conn.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    q = f'"{READER}"'
    conn.exec_driver_sql(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN "
                         f"CREATE ROLE {q} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION "
                         f"NOBYPASSRLS; END IF; END $$")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {q}")
    conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {q}")
    function = f"{schema}.{READER_FUNCTION}"
    ok = conn.exec_driver_sql(
        f"SELECT p.prosecdef AND p.proowner = '{q}'::regrole FROM pg_proc p "
        f"WHERE p.oid = to_regprocedure('{function}(text)')").scalar()
    if not ok:
        # RETURN QUERY EXECUTE runs the statement inside this SECURITY DEFINER function, as READER.
        conn.exec_driver_sql(f"CREATE OR REPLACE FUNCTION {function}(q text) RETURNS SETOF record "
                             f"LANGUAGE plpgsql SECURITY DEFINER AS $f$ BEGIN RETURN QUERY EXECUTE q; END $f$")
        conn.exec_driver_sql(f"ALTER FUNCTION {function}(text) OWNER TO {q}")
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function}(text) FROM PUBLIC")
    # The tables' owner (the role ingest and query log in as) may SET ROLE to READER.
    owner = conn.exec_driver_sql(
        f"SELECT quote_ident(r.rolname) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
        f"WHERE c.oid = to_regclass('{schema}.reports') AND NOT r.rolsuper "
        f"AND NOT pg_has_role(r.oid, '{q}'::regrole, 'MEMBER')").scalar()
    if owner:
        conn.exec_driver_sql(f"GRANT {q} TO {owner}")


def reader_status(url: str) -> str:
    """One sentence: whether `query` can run on this PostgreSQL database as READER, and how to fix it if not."""
    with connect(url) as conn:
        with conn.connection.driver_connection.cursor() as cur:
            problem = reader_problem(cur)
    return problem or f"query runs as the read-only role {READER} (SELECT only, inside a READ ONLY transaction)"
