"""`report-parser query` runs on a connection that cannot write (SQLite here; PostgreSQL in test_query_pg)."""
from __future__ import annotations

import sqlite3

import pytest

from report_parser.errors import UsageError
from report_parser.readonly import run


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "r.db"
    con = sqlite3.connect(path)
    con.execute("create table reports (id integer primary key, org text)")
    con.execute("insert into reports (org) values ('前卫镇人民政府')")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("sql", [
    "DELETE FROM reports",
    "UPDATE reports SET org = 'x'",
    "DROP TABLE reports",
    "INSERT INTO reports (org) VALUES ('y')",
    "CREATE TABLE t (x)",
    "ATTACH DATABASE 'other.db' AS o",
    "PRAGMA journal_mode = DELETE",
    "select 1; delete from reports",
    "WITH x AS (SELECT 1) DELETE FROM reports",
    "REPLACE INTO reports (id, org) VALUES (1, 'z')",
    "VACUUM",
], ids=lambda s: s.split()[0].lower() + "-" + str(abs(hash(s)) % 1000))
def test_writes_are_refused_and_nothing_changes(db, sql):
    with pytest.raises(UsageError):
        run(f"sqlite:///{db}", sql)
    con = sqlite3.connect(db)
    assert con.execute("select count(*), min(org) from reports").fetchone() == (1, "前卫镇人民政府")
    con.close()
    assert not (db.parent / "other.db").exists()


def test_a_select_returns_columns_and_rows(db):
    cols, rows = run(f"sqlite:///{db}", "select id, org from reports")
    assert cols == ["id", "org"] and rows == [(1, "前卫镇人民政府")]


def test_a_missing_database_is_a_usage_error_not_a_new_file(tmp_path):
    with pytest.raises(UsageError):
        run(f"sqlite:///{tmp_path / 'none.db'}", "select 1")
    assert not (tmp_path / "none.db").exists()
