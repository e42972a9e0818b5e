"""report-parser: Chinese government information-disclosure annual reports → a queryable database."""
from __future__ import annotations

__version__ = "0.1.0"

# The public API is imported lazily so that `report-parser --help` stays fast (no pdfplumber,
# jieba or SQLAlchemy at start-up).
__all__ = ["__version__", "parse", "parse_file", "ingest", "open_store"]


def __getattr__(name: str):
    if name in ("parse", "parse_file"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "ingest":
        from .ingest import ingest

        return ingest
    if name == "open_store":
        from .api import open_store

        return open_store
    raise AttributeError(name)
