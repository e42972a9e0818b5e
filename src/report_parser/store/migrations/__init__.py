"""Alembic migrations of the report-parser database, shipped in the package (`report-parser migrate`)."""
