"""report-parser: Chinese government information-disclosure annual reports → a queryable database."""
from __future__ import annotations

import sys
import types

__version__ = "0.1.0"

# The public API is imported lazily so that `report-parser --help` stays fast (no pdfplumber,
# jieba or SQLAlchemy at start-up, and not the ingest module: ~30 ms of readers and dataclasses).
__all__ = ["__version__", "parse", "parse_file", "ingest", "open_store"]


class _Package(types.ModuleType):
    """This package's module type: importing the submodule `ingest` leaves the API function of that name alone."""

    def __setattr__(self, name: str, value: object) -> None:
        # The import system binds a loaded submodule to its parent's attribute; for `ingest` the attribute is the
        # function (report_parser.ingest(...)), so the binding is skipped. The module stays in sys.modules: reach it
        # (its settings) with importlib.import_module("report_parser.ingest"); `import … as m` gives the function.
        if name == "ingest" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str):
    if name in ("parse", "parse_file"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "ingest":
        import importlib

        fn = importlib.import_module(".ingest", __name__).ingest
        globals()["ingest"] = fn  # found directly from now on
        return fn
    if name == "open_store":
        from .research.api import open_store

        return open_store
    raise AttributeError(name)
