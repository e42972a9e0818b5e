"""`report-parser query` cannot change anything, whoever logs in (issue 15): every hostile statement below runs on
SQLite, on PostgreSQL as the superuser, and on PostgreSQL as an ordinary owner role, with and without the
first-keyword check, and afterwards rows, files, large objects, settings and other backends are as they were.
"""
from __future__ import annotations

import hashlib
import json
import time
import uuid

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from conftest_pg import *  # noqa: F401,F403
from conftest_query import *  # noqa: F401,F403
from report_parser.store import readonly
from report_parser.cli import main
from report_parser.errors import UsageError
from report_parser.store.readonly import run
from report_parser.store.db import migrate
from test_query import WRITES

# {marker}: a path that must not appear; {pid}: a live backend of the login role; {login}: the login role;
# {lo}: an existing large object. On SQLite most of these are syntax errors: refused all the same.
HOSTILE = WRITES + [
    ("copy-program", "COPY (SELECT 1) TO PROGRAM 'touch {marker}'"),
    ("copy-file", "COPY (SELECT 1) TO '{marker}'"),
    ("read-file", "SELECT pg_read_file('/etc/hostname')"),
    ("terminate", "SELECT pg_terminate_backend({pid})"),
    ("cancel", "SELECT pg_cancel_backend({pid})"),
    ("reload-conf", "SELECT pg_reload_conf()"),
    ("timeout-off-then-loop", "SELECT set_config('statement_timeout', '0', false), (WITH RECURSIVE r(n) AS "
                              "(SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r)"),
    ("lo-import", "SELECT lo_import('/etc/hostname')"),
    ("lo-export", "SELECT lo_export({lo}, '{marker}')"),
    ("dblink", "SELECT * FROM dblink('dbname=postgres', 'DELETE FROM reports') AS t(x text)"),
    ("set-role-then-read", "SELECT set_config('role', '{login}', true), "
                           "query_to_xml('select pg_read_file(''/etc/hostname'') f', true, false, '')"),
    ("session-auth-then-kill", "SELECT set_config('session_authorization', '{login}', true), "
                               "pg_terminate_backend({pid})"),
    ("role-in-cte", "WITH r AS (SELECT set_config('role', '{login}', false)) "
                    "SELECT * FROM r, query_to_xml('delete from reports returning 1', true, false, '')"),
    ("reset-role", "RESET ROLE"),
    ("set-role", "SET ROLE {login}"),
    ("set-session-authorization", "SET SESSION AUTHORIZATION {login}"),
    ("commit-then-delete", "COMMIT; DELETE FROM reports"),
    ("do", "DO $$ BEGIN DELETE FROM reports; END $$"),
    ("call", "CALL report_parser_nothing()"),
    ("for-update", "SELECT * FROM reports FOR UPDATE"),
    ("listen", "LISTEN report_parser_channel"),
    ("notify", "NOTIFY report_parser_channel"),
    ("prepare", "PREPARE p AS DELETE FROM reports"),
    ("execute", "EXECUTE p"),
    ("semicolon-in-comment", "SELECT 1 /* ; */; DELETE FROM reports"),
    ("dollar-quoted", "SELECT $$;$$; DELETE FROM reports"),
    ("explain-analyze-delete", "EXPLAIN ANALYZE DELETE FROM reports"),
    ("sleep-past-timeout", "SELECT 1 FROM pg_sleep(30)"),
    ("vacuum-into", "VACUUM INTO '{marker}'"),
    ("query-only-off", "PRAGMA query_only = OFF"),
    ("query-only-off-quoted", "PRAGMA main.query_only = 0"),
    ("recursive-cte", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"),
]
# These may run (they return a row) but keep nothing: the transaction is rolled back before NOTIFY is sent,
# before the large object is stored, and a setting changed in a rolled-back transaction reverts (and the
# connection is closed after every query anyway).
MAY_RUN = [
    ("set-config", "SELECT set_config('default_transaction_read_only', 'off', false) AS x"),
    ("pg-notify", "SELECT 1 AS x FROM pg_notify('report_parser_channel', 'x')"),
    ("lo-from-bytea", "SELECT lo_from_bytea(0, 'x') AS x"),
]


class PgSetup:
    """A migrated PostgreSQL database of a few reports, the URL `query` logs in with, and the superuser's URL."""

    def __init__(self, url: str, admin_url: str, login: str):
        self.url, self.admin_url, self.login = url, admin_url, login


def _save_some(url, truth_records):
    save_truth(url, list(truth_records.items())[:3])  # noqa: F405


@pytest.fixture(scope="module")
def pg_super(pg_server, truth_records):
    """As the superuser (the test server's, and many single-user installs')."""
    url, drop = new_pg_database(pg_server)  # noqa: F405
    _save_some(url, truth_records)
    yield PgSetup(url, url, sa.make_url(url).username)
    drop()


@pytest.fixture(scope="module")
def pg_owner(pg_server, truth_records):
    """As an ordinary role that owns the database and its tables (no superuser, no CREATEROLE)."""
    owner = f"rp_owner_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    name = f"rp_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE ROLE {owner} LOGIN")
        c.exec_driver_sql(f"CREATE DATABASE {name} OWNER {owner}")
    base = sa.make_url(pg_server)
    url = base.set(username=owner, database=name).render_as_string(hide_password=False)
    admin_url = base.set(database=name).render_as_string(hide_password=False)
    migrated = CliRunner().invoke(main, ["migrate", "--db", url])  # as the owner: no right to create the role
    _save_some(url, truth_records)
    setup = PgSetup(url, admin_url, owner)
    setup.migrate_as_owner = migrated
    setup.before_superuser = _refusal(url)
    migrate(admin_url)  # a superuser's `report-parser migrate` completes the role and grants it to the owner
    yield setup
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        c.exec_driver_sql(f"DROP ROLE IF EXISTS {owner}")
    admin.dispose()


def _refusal(url):
    try:
        run(url, "SELECT 1")
    except UsageError as e:
        return str(e)
    return None


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory, truth_records):
    path = tmp_path_factory.mktemp("hard") / "reports.db"
    _save_some(f"sqlite:///{path}", truth_records)
    return path


def _counts(engine) -> dict:
    with engine.connect() as conn:
        names = sorted(sa.inspect(conn).get_table_names())
        return {t: conn.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar() for t in names}


class PgWitness:
    """What a statement could have changed on PostgreSQL, seen from the superuser and the login role."""

    def __init__(self, setup: PgSetup, marker):
        self.setup, self.marker = setup, marker
        self.admin = sa.create_engine(setup.admin_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        # A live backend of the login role: pg_terminate_backend/pg_cancel_backend aim at it.
        self.victim = sa.create_engine(setup.url, poolclass=sa.pool.NullPool).connect()
        self.pid = self.victim.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        self.listener = sa.create_engine(setup.admin_url, isolation_level="AUTOCOMMIT",
                                         poolclass=sa.pool.NullPool).connect()
        self.listener.exec_driver_sql("LISTEN report_parser_channel")
        with self.admin.connect() as c:
            self.lo = c.exec_driver_sql("SELECT min(oid) FROM pg_largeobject_metadata").scalar() \
                or c.exec_driver_sql("SELECT lo_from_bytea(0, 'kept')").scalar()
        self.before = self.state()

    def params(self) -> dict:
        return {"marker": self.marker, "pid": self.pid, "login": self.setup.login, "lo": self.lo}

    def state(self) -> dict:
        with self.admin.connect() as c:
            los = c.exec_driver_sql("SELECT count(*) FROM pg_largeobject_metadata").scalar()
        fresh = sa.create_engine(self.setup.url, poolclass=sa.pool.NullPool)
        with fresh.connect() as c:
            settings = {s: c.exec_driver_sql(f"SHOW {s}").scalar()
                        for s in ("default_transaction_read_only", "transaction_read_only", "role",
                                  "session_authorization", "statement_timeout")}
            who = c.exec_driver_sql("SELECT current_user, session_user").one()
        fresh.dispose()
        return {"counts": _counts(self.admin), "large_objects": los, "settings": settings, "who": tuple(who),
                "marker": self.marker.exists()}

    def check(self) -> None:
        assert self.state() == self.before
        # The victim backend is alive and nobody received a notification.
        assert self.victim.exec_driver_sql("SELECT 1").scalar() == 1
        assert list(self.listener.connection.driver_connection.notifies(timeout=0.1, stop_after=1)) == []

    def close(self) -> None:
        self.victim.close()
        self.listener.close()
        self.admin.dispose()


class SqliteWitness:
    """What a statement could have changed on SQLite: the file's bytes, the files beside it, the rows."""

    def __init__(self, path, marker):
        self.path, self.marker = path, marker
        self.before = self.state()

    def params(self) -> dict:
        return {"marker": self.marker, "pid": 1, "login": "postgres", "lo": 1}

    def state(self) -> dict:
        return {"sha256": hashlib.sha256(self.path.read_bytes()).hexdigest(),
                "files": sorted(p.name for p in self.path.parent.iterdir()), "marker": self.marker.exists()}

    def check(self) -> None:
        assert self.state() == self.before
        engine = sa.create_engine(f"sqlite:///{self.path}")
        with engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA query_only").scalar() == 0  # only query's own connection had it
        engine.dispose()

    def close(self) -> None:
        pass


SETUPS = [pytest.param("sqlite", id="sqlite"),
          pytest.param("pg_super", id="pg-superuser", marks=pytest.mark.postgres),
          pytest.param("pg_owner", id="pg-owner", marks=pytest.mark.postgres)]


@pytest.fixture(params=SETUPS)
def target(request, tmp_path):
    """(url, witness) on each engine and login role."""
    marker = tmp_path / "marker"
    if request.param == "sqlite":
        path = request.getfixturevalue("sqlite_db")
        witness, url = SqliteWitness(path, marker), f"sqlite:///{path}"
    else:
        setup = request.getfixturevalue(request.param)
        witness, url = PgWitness(setup, marker), setup.url
    yield url, witness
    witness.close()


@pytest.fixture(params=[True, False], ids=["keyword-check", "no-keyword-check"])
def keyword_check(request, monkeypatch):
    """Without the first-keyword check the engine alone (role, read-only transaction, authorizer) must refuse."""
    if not request.param:
        monkeypatch.setattr(readonly, "first_word", lambda stmt: "select")
    return request.param


@pytest.mark.parametrize("sql", [pytest.param(s, id=i) for i, s in HOSTILE])
def test_hostile_statements_are_refused_and_change_nothing(target, keyword_check, sql):
    url, witness = target
    with pytest.raises(UsageError):
        run(url, sql.format(**witness.params()), timeout=1)
    witness.check()


@pytest.mark.parametrize("sql", [pytest.param(s, id=i) for i, s in MAY_RUN])
def test_statements_that_may_run_keep_nothing(target, sql):
    url, witness = target
    try:
        run(url, sql, timeout=1)
    except UsageError:
        pass  # SQLite has no such function
    witness.check()


def test_the_owner_role_is_told_how_to_create_the_reader_before_a_superuser_migrates(pg_owner):
    migrated = pg_owner.migrate_as_owner
    assert migrated.exit_code == 0, migrated.output  # the schema is migrated all the same
    assert "as a PostgreSQL superuser" in migrated.output
    assert "report-parser migrate" in pg_owner.before_superuser and "superuser" in pg_owner.before_superuser
    cols, rows = run(pg_owner.url, "SELECT current_user, session_user")
    assert rows == [(readonly.READER, pg_owner.login)]


@pytest.mark.postgres
def test_a_missing_reader_role_refuses_with_a_sentence(pg_super, monkeypatch, tmp_path):
    monkeypatch.setattr(readonly, "READER", f"rp_missing_{uuid.uuid4().hex[:8]}")
    r = CliRunner().invoke(main, ["query", "SELECT 1", "--db", pg_super.url])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "does not exist" in r.output and "report-parser migrate" in r.output


@pytest.mark.postgres
def test_migrate_reports_the_reader(pg_super):
    r = CliRunner().invoke(main, ["migrate", "--db", pg_super.url])
    assert r.exit_code == 0 and f"read-only role {readonly.READER}" in r.output


@pytest.fixture(params=["sqlite", pytest.param("pg_super", marks=pytest.mark.postgres)])
def any_url(request):
    if request.param == "sqlite":
        return f"sqlite:///{request.getfixturevalue('sqlite_db')}"
    return request.getfixturevalue("pg_super").url


RECURSIVE = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"


def test_a_recursive_cte_stops_at_the_time_limit(any_url):
    started = time.monotonic()
    with pytest.raises(UsageError, match="time limit of 1 s"):
        run(any_url, RECURSIVE, timeout=1)
    assert time.monotonic() - started < 10
    r = CliRunner().invoke(main, ["query", RECURSIVE, "--db", any_url, "--timeout", "0.5"])
    assert r.exit_code == 2 and "time limit of 0.5 s" in r.output and "Traceback" not in r.output


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_blobs_are_printed_as_hex_in_every_format(any_url, fmt):
    r = CliRunner().invoke(main, ["query", "SELECT CAST('ab' AS BLOB) AS b" if any_url.startswith("sqlite")
                                  else "SELECT CAST('ab' AS bytea) AS b", "--db", any_url, "--format", fmt])
    assert r.exit_code == 0 and "Traceback" not in r.output, r.output
    assert "\\x6162" in r.output
    if fmt == "json":
        assert json.loads(r.output) == [{"b": "\\x6162"}]


def test_the_api_query_is_read_only(any_url):
    from report_parser.research.api import open_store

    store = open_store(any_url)
    try:
        assert store.query("SELECT count(*) AS n FROM reports")["n"][0] == 3
        with pytest.raises(UsageError):
            store.query("DELETE FROM reports")
        assert store.query("SELECT count(*) AS n FROM reports")["n"][0] == 3
    finally:
        store.close()


def test_parameters_are_values_not_sql(any_url):
    value = "it's 50% a\\b'; DELETE FROM reports; --"
    assert run(any_url, "SELECT CAST(:v AS text) AS v", {"v": value}) == (["v"], [(value,)])
    assert run(any_url, "SELECT count(*) AS n FROM reports")[1] == [(3,)]


@pytest.mark.postgres
def test_dates_uuids_and_arrays_of_blobs_print_in_json_without_a_traceback(pg_super):
    sql = ("SELECT DATE '2020-01-02' AS d, INTERVAL '1 day' AS i, '00000000-0000-0000-0000-000000000001'::uuid AS u, "
           "ARRAY[CAST('ab' AS bytea)] AS b")
    r = CliRunner().invoke(main, ["query", sql, "--db", pg_super.url, "--format", "json"])
    assert r.exit_code == 0 and "Traceback" not in r.output, r.output
    row = json.loads(r.output)[0]
    assert row["d"] == "2020-01-02" and row["u"].endswith("0001") and json.loads(row["b"]) == ["\\x6162"]


def test_an_unreachable_server_is_one_error_line_not_a_traceback():
    r = CliRunner().invoke(main, ["query", "SELECT 1", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/none"])
    assert r.exit_code == 2 and "cannot connect to the database" in r.output and "Traceback" not in r.output


@pytest.mark.postgres
def test_a_reader_with_server_file_rights_is_refused(pg_super, monkeypatch):
    name = f"rp_reader_{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(readonly, "READER", name)
    monkeypatch.setattr(readonly, "READER_FUNCTION", f"{name}_read")
    migrate(pg_super.url)  # creates this role and its function, as for the real one
    admin = sa.create_engine(pg_super.url, isolation_level="AUTOCOMMIT")
    try:
        assert run(pg_super.url, "SELECT current_user")[1] == [(name,)]
        with admin.connect() as c:
            c.exec_driver_sql(f"GRANT pg_read_server_files TO {name}")
        with pytest.raises(UsageError, match="may read or write server files"):
            run(pg_super.url, "SELECT 1")
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f"DROP OWNED BY {name}")
            c.exec_driver_sql(f"DROP ROLE {name}")
        admin.dispose()


@pytest.mark.parametrize("setting", ["role", "session_authorization"])
@pytest.mark.parametrize("setup", [pytest.param("pg_super", marks=pytest.mark.postgres),
                                   pytest.param("pg_owner", marks=pytest.mark.postgres)])
def test_switching_back_to_the_login_role_is_refused_by_the_server(request, setup, setting):
    """SET ROLE alone would let set_config switch back (the session user may); the function's context forbids it."""
    s = request.getfixturevalue(setup)
    with pytest.raises(UsageError, match="within security-definer function"):
        run(s.url, f"SELECT set_config('{setting}', '{s.login}', false)")
