"""Regular expressions compiled on first use: a fresh process pays only for the patterns its input needs."""
from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """A re.Pattern stand-in that compiles on first attribute use (search, sub, …) and delegates from then on.

    A character class holding CJK ranges or full-width characters costs 0.3–2.5 ms to compile (re builds a
    65,536-entry map for it); many patterns serve only some inputs (PDF line joins, rare rule clauses)."""

    __slots__ = ("_source", "_flags", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags, self._compiled = source, flags, None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r})"


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled when first used; use re.compile for patterns every run needs at once."""
    return LazyPattern(source, flags)
