"""Database fixtures for the store and ingest tests: a fresh SQLite file or a fresh PostgreSQL database.

Import into a test module with `from conftest_pg import *`. PostgreSQL comes from REPORT_PARSER_TEST_PG
(CI sets it with .ci/start-postgres.sh); when unset, the fixture starts a throw-away server with that
script and stops it at the end of the session, and skips the PostgreSQL cases if none can be started.
"""
from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
START_PG = ROOT / ".ci" / "start-postgres.sh"

__all__ = ["pg_server", "db_url", "sqlite_url", "pg_url", "new_pg_database", "ENGINES"]

ENGINES = [pytest.param("sqlite", id="sqlite"), pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_server():
    """The URL of a PostgreSQL server's test database (started here if the environment has none), or skip."""
    url = os.environ.get("REPORT_PARSER_TEST_PG")
    if url:
        yield url
        return
    env = dict(os.environ, REPORT_PARSER_PG_PORT=os.environ.get("REPORT_PARSER_PG_PORT", "55433"))
    try:
        out = subprocess.run(["bash", str(START_PG)], capture_output=True, text=True, env=env, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        pytest.skip(f"no PostgreSQL server: {e}")
    if out.returncode != 0:
        pytest.skip(f"no PostgreSQL server could be started: {out.stderr.strip()[-300:]}")
    exported = dict(line[len("export "):].split("=", 1) for line in out.stdout.splitlines()
                    if line.startswith("export "))
    yield exported["REPORT_PARSER_TEST_PG"]
    if "REPORT_PARSER_PG_DIR" in exported:
        subprocess.run(["bash", str(START_PG), "stop"], env=dict(env, **exported), capture_output=True)


def new_pg_database(server_url: str) -> tuple[str, callable]:
    """Create a fresh database on the server; returns (its URL, a function that drops it)."""
    import sqlalchemy as sa

    name = f"rp_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {name}")
    url = server_url.rsplit("/", 1)[0] + "/" + name

    def drop() -> None:
        with admin.connect() as c:
            c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()

    return url, drop


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A fresh SQLite database file."""
    return f"sqlite:///{tmp_path / 'reports.db'}"


@pytest.fixture
def pg_url(pg_server):
    """A fresh PostgreSQL database, dropped after the test."""
    url, drop = new_pg_database(pg_server)
    yield url
    drop()


@pytest.fixture(params=ENGINES)
def db_url(request, tmp_path):
    """A fresh database on each engine: the same test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'reports.db'}"
    else:
        yield request.getfixturevalue("pg_url")


# Columns that legitimately differ between two ingests of the same files (times, run ids).
VOLATILE = {"ingested_at", "run_id", "first_seen", "last_seen"}


def dump_rows(url: str) -> dict[str, list[tuple]]:
    """Every stored row except runs and volatile columns, sorted: two databases with the same content compare equal."""
    import sqlalchemy as sa

    from report_parser.store import schema
    from report_parser.store.db import make_engine

    engine = make_engine(url)
    out = {}
    with engine.connect() as conn:
        for t in schema.metadata.sorted_tables:
            if t.name == "runs":
                continue
            cols = [c for c in t.c if c.name not in VOLATILE and not (t.name == "issues" and c.name == "id")]
            rows = conn.execute(sa.select(*cols)).all()
            out[t.name] = sorted((tuple(repr(v) for v in r) for r in rows))
    engine.dispose()
    return out


__all__ += ["dump_rows"]
