"""Storage: the SQLAlchemy schema, writes and reads, read-only SQL, full-text search and migrations."""
