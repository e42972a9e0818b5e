"""`report-parser query`: read-only on SQLite and PostgreSQL — the connection refuses writes, not a keyword list."""
from __future__ import annotations

import csv
import io
import json

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from conftest_pg import *  # noqa: F401,F403
from conftest_query import *  # noqa: F401,F403
from report_parser.cli import main
from report_parser.errors import UsageError
from report_parser.store.readonly import connect, run
from report_parser.store.db import make_engine

WRITES = [
    ("delete", "DELETE FROM reports"),
    ("update", "UPDATE reports SET org = 'x'"),
    ("drop", "DROP TABLE metrics"),
    ("drop-view", "DROP VIEW report_metrics"),
    ("insert", "INSERT INTO runs (id, started_at, parser_version, status) VALUES ('x', 'now', 'v', 'done')"),
    ("create", "CREATE TABLE t (x integer)"),
    ("create-temp", "CREATE TEMP TABLE t (x integer)"),
    ("create-index", "CREATE INDEX ix_x ON reports (title)"),
    ("alter", "ALTER TABLE reports ADD COLUMN x integer"),
    ("attach", "ATTACH DATABASE 'other.db' AS o"),
    ("second-statement", "SELECT 1; DELETE FROM reports"),
    ("cte-delete", "WITH x AS (DELETE FROM reports RETURNING id) SELECT * FROM x"),
    ("returning", "DELETE FROM metrics RETURNING metric"),
    ("pragma-write", "PRAGMA user_version = 7"),
    ("truncate", "TRUNCATE reports CASCADE"),
    ("set-read-write", "SET TRANSACTION READ WRITE"),
    ("vacuum", "VACUUM"),
]


@pytest.fixture(params=ENGINES)  # noqa: F405
def small_db(request, tmp_path, truth_records):
    """A database of a few truth reports on each engine."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'reports.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    save_truth(url, list(truth_records.items())[:6])  # noqa: F405
    return url


def _snapshot(url: str) -> tuple:
    engine = make_engine(url)
    with engine.connect() as conn:
        tables = sorted(sa.inspect(conn).get_table_names())
        counts = tuple(conn.execute(sa.text(f"select count(*) from {t}")).scalar() for t in tables)
        orgs = tuple(conn.execute(sa.text("select org from reports order by id")).scalars())
    engine.dispose()
    return tables, counts, orgs


@pytest.mark.parametrize("sql", [pytest.param(s, id=i) for i, s in WRITES])
def test_writes_are_refused_and_nothing_changes(small_db, sql, tmp_path):
    before = _snapshot(small_db)
    with pytest.raises(UsageError):
        run(small_db, sql)
    assert _snapshot(small_db) == before
    assert not (tmp_path / "other.db").exists()


def test_the_connection_itself_cannot_write(small_db):
    """Bypassing run()'s one-statement check: the raw read-only connection still refuses a DELETE."""
    with connect(small_db) as conn:
        with pytest.raises(sa.exc.DBAPIError):
            conn.exec_driver_sql("DELETE FROM reports")  # PostgreSQL: autocommit session, READ ONLY by default
    assert _snapshot(small_db)[1][0] > 0


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_cli_prints_rows(small_db, fmt):
    sql = "select org, year from reports order by year, org"
    r = CliRunner().invoke(main, ["query", sql, "--db", small_db, "--format", fmt])
    assert r.exit_code == 0, r.output
    cols, rows = run(small_db, sql)
    if fmt == "csv":
        assert [tuple(x.values()) for x in csv.DictReader(io.StringIO(r.output))] == [(o, str(y)) for o, y in rows]
    elif fmt == "json":
        assert json.loads(r.output) == [dict(zip(cols, x)) for x in rows]
    else:
        assert all(o in r.output for o, _ in rows)


def test_cli_refusal_exits_2_without_traceback(small_db):
    r = CliRunner().invoke(main, ["query", "DROP TABLE reports", "--db", small_db])
    assert r.exit_code == 2 and "Traceback" not in r.output and "refused" in r.output


def test_limit_caps_rows(small_db):
    assert len(run(small_db, "select * from cells", limit=3)[1]) == 3
