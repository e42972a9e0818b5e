"""Alembic environment: runs on the connection handed over by report_parser.store.db.migrate."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from report_parser.store.schema import metadata

config = context.config
target_metadata = metadata


def run_migrations_online() -> None:
    """Run migrations on config.attributes["connection"], or on a new engine for sqlalchemy.url."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as conn:
            _run(conn)
        engine.dispose()
    else:
        _run(connection)


def _run(connection) -> None:
    # Batch mode lets later revisions ALTER tables on SQLite (which rebuilds the table).
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("report-parser migrations run online only: use `report-parser migrate --db URL`")
run_migrations_online()
