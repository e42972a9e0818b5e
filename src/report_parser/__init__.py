"""report-parser: Chinese government information-disclosure annual reports → a queryable database."""
from __future__ import annotations

__version__ = "0.1.0"

# The public API is imported lazily so that `report-parser --help` stays fast (no pdfplumber,
# jieba or SQLAlchemy at start-up).
__all__ = ["__version__", "parse", "parse_file", "ingest", "open_store"]

# `ingest` is both a submodule and the API function. Importing the submodule sets the package attribute
# to the module, so it is imported here, once, and the name rebound to the function: later imports of
# report_parser.ingest (the CLI, the audit) find it in sys.modules and leave the attribute alone.
# The module itself imports only the standard library at load time. To reach the module (its settings),
# use importlib.import_module("report_parser.ingest"): `import report_parser.ingest as m` gives the function.
from .ingest import ingest  # noqa: E402


def __getattr__(name: str):
    if name in ("parse", "parse_file"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "open_store":
        from .research.api import open_store

        return open_store
    raise AttributeError(name)
