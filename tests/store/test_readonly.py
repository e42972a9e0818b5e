"""`report-parser query` runs on a connection that cannot write (SQLite here; PostgreSQL in test_query_pg)."""
from __future__ import annotations

import sqlite3

import pytest

from report_parser.errors import UsageError
from report_parser.store.readonly import run


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


def _wal_db(tmp_path):
    path = tmp_path / "w.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")  # what store.make_engine sets on every database it writes
    con.execute("create table reports (id integer primary key, org text)")
    con.execute("insert into reports (org) values ('前卫镇人民政府')")
    con.commit()
    con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.db"]
    return path


def test_a_wal_database_nobody_writes_is_read_without_side_files(tmp_path):
    path = _wal_db(tmp_path)
    before = path.read_bytes()
    assert run(f"sqlite:///{path}", "select org from reports")[1] == [("前卫镇人民政府",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.db"] and path.read_bytes() == before


def test_a_wal_database_being_written_is_read_through_the_writers_files(tmp_path):
    path = _wal_db(tmp_path)
    writer = sqlite3.connect(path)
    writer.execute("insert into reports (org) values ('江川区人民政府')")
    writer.commit()  # committed to the -wal only: an immutable open would not see it
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "w.db-wal" in files
    assert run(f"sqlite:///{path}", "select count(*) from reports")[1] == [(2,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == files
    writer.close()


def test_a_rollback_journal_database_is_read_without_side_files(db):
    run(f"sqlite:///{db}", "select * from reports")
    assert sorted(p.name for p in db.parent.iterdir()) == ["r.db"]


def test_a_writer_starting_during_an_immutable_read_makes_the_query_fail_not_lie(tmp_path, monkeypatch):
    import report_parser.store.readonly as ro

    path = _wal_db(tmp_path)
    states = iter([(1, 1, False), (2, 2, True)])  # before and after the query: a writer came and checkpointed
    monkeypatch.setattr(ro, "_file_state", lambda p: next(states))
    with pytest.raises(UsageError, match="changed while the query ran"):
        run(f"sqlite:///{path}", "select * from reports")


def test_query_only_cannot_be_switched_off_but_can_be_read(db):
    assert run(f"sqlite:///{db}", "pragma query_only")[1] == [(1,)]
    for sql in ("pragma query_only = off", "pragma query_only = 0", "pragma main.query_only = false"):
        with pytest.raises(UsageError):
            run(f"sqlite:///{db}", sql)


def test_a_path_with_uri_characters_opens_that_file(tmp_path):
    odd = tmp_path / "a#b c"  # unquoted in a file: URI, # would end the path
    odd.mkdir()
    con = sqlite3.connect(odd / "r.db")
    con.execute("create table t (x)")
    con.commit()
    con.close()
    assert run(f"sqlite:///{odd / 'r.db'}", "select count(*) from t")[1] == [(0,)]
