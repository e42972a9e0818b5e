"""Exception families: bad input (recorded, never a crash) vs real bugs (which raise)."""
from __future__ import annotations


class ReportParserError(Exception):
    """Base of the project's own errors."""


class InputError(ReportParserError):
    """A file that cannot be read as a report; carries an issue code and a sentence naming the reason."""

    def __init__(self, code: str, message: str, page: int | None = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.page = page


class UsageError(ReportParserError):
    """A wrong call from the user (bad option, unknown metric); the CLI exits 2."""
