"""The schema cannot drift: DDL files match the code, migrations build the same schema, upgrades keep data."""
from __future__ import annotations

import subprocess
import sys

import pytest
import sqlalchemy as sa

from conftest_pg import *  # noqa: F401,F403
from conftest_pg import ROOT, new_pg_database
from report_parser.store import schema
from report_parser.store.db import Store, _writer, alembic_config, current_revision, head_revision, make_engine, migrate


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_the_checked_in_ddl_matches_the_code(dialect):
    path = ROOT / "schemas" / f"{dialect}.sql"
    assert path.read_text(encoding="utf-8") == schema.ddl(dialect), (
        f"regenerate with: python -m report_parser.store.schema {dialect} > schemas/{dialect}.sql")


def describe(url: str) -> dict:
    """Tables → (columns with type and nullability, primary key, foreign keys, index names), and the views."""
    engine = make_engine(url)
    insp = sa.inspect(engine)
    out = {}
    for t in sorted(insp.get_table_names()):
        if t == "alembic_version":
            continue
        cols = tuple((c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t))
        fks = tuple(sorted((tuple(f["constrained_columns"]), f["referred_table"], f["options"].get("ondelete"))
                           for f in insp.get_foreign_keys(t)))
        idx = tuple(sorted(i["name"] for i in insp.get_indexes(t)))
        out[t] = (cols, tuple(insp.get_pk_constraint(t)["constrained_columns"]), fks, idx)
    out["views"] = tuple(sorted(insp.get_view_names()))
    engine.dispose()
    return out


def test_migrating_an_empty_database_step_by_step_builds_the_same_schema_as_the_code(db_url, tmp_path):
    fresh = db_url
    engine = make_engine(fresh)
    with _writer(engine) as conn:
        from alembic import command

        command.upgrade(alembic_config(conn), "0001")
    engine.dispose()
    migrate(fresh)
    other, drop = (f"sqlite:///{tmp_path / 'direct.db'}", None) if db_url.startswith("sqlite") \
        else new_pg_database(db_url)
    try:
        Store(other).close()  # a fresh database gets create_all + stamp head
        assert describe(fresh) == describe(other)
    finally:
        if drop:
            drop()


def test_an_older_database_is_upgraded_in_place_and_keeps_its_data(db_url):
    from alembic import command

    engine = make_engine(db_url)
    with _writer(engine) as conn:
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(sa.text("INSERT INTO reports (id, sha256, status, parser_version, ingested_at, ocr_pages) "
                             "VALUES ('abcd', 'abcd' || 'ef', 'ok', '0.0.1', '2024-01-01T00:00:00Z', 0)"))
        conn.execute(sa.text("INSERT INTO metrics (report_id, metric, value) VALUES ('abcd', 's3.total.new', '7')"))
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("table_quality")
    with pytest.raises(Exception, match="DB_OUTDATED|report-parser migrate"):
        Store(db_url)
    assert migrate(db_url) == ("0001", head_revision())
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert sa.inspect(conn).has_table("table_quality")
        assert conn.execute(sa.text("SELECT value FROM report_metrics WHERE report_id = 'abcd'")).scalar() == "7"
    engine.dispose()
    s = Store(db_url)
    assert s.counts()["reports"] == 1
    s.close()


def test_the_migrate_command_creates_then_reports_the_revision(tmp_path):
    db = tmp_path / "m.db"
    run = [sys.executable, "-m", "report_parser", "migrate", "--db", str(db)]
    first = subprocess.run(run, capture_output=True, text=True)
    second = subprocess.run(run, capture_output=True, text=True)
    assert first.returncode == 0 and "empty → " + head_revision() in first.stdout
    assert second.returncode == 0 and "already at revision" in second.stdout


def test_a_bad_database_url_is_a_usage_error_naming_it(tmp_path):
    out = subprocess.run([sys.executable, "-m", "report_parser", "migrate", "--db", str(tmp_path / "no" / "x.db")],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert "does not exist" in out.stderr and "Traceback" not in out.stderr
