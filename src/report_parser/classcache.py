"""Dataclasses whose generated methods are compiled once and kept between processes: a fresh process execs the
kept code instead of compiling the same source text again."""
from __future__ import annotations

import dataclasses
import threading
from typing import Any

from . import lazyre

# `dataclasses` writes each class's __init__, __repr__ and __eq__ as source text and compiles it with exec(): ~0.1 ms
# a method on the project machine, ~0.55 ms a class, ~15 ms for the 26 classes a fresh `parse` of one file defines.
# The text depends only on the class's fields and options, so its code object is kept in the program cache beside
# the regex programs (`lazyre.memo`: keyed by the text, in a file named after the exact Python build) and exec'd
# from there: the same code compile() gives for that text, run the same way. `dataclasses` calls exec by its
# global name (CPython 3.11, the project's Python), so the class is made while the module's global `exec` is this
# module's; a Python whose dataclasses stop doing so compiles as before, and an exec call with other arguments
# (a closure) passes through untouched.
_lock = threading.RLock()  # (re-entrant: a class made while another is being made keeps the right exec)
_MISSING = object()


def _compile(text: str) -> Any:
    """The code exec(text) runs inside `dataclasses` (no __future__ flags inherited from this module)."""
    return compile(text, "<string>", "exec", dont_inherit=True)


def _exec(source: Any, globals: dict | None = None, locals: dict | None = None, /, **kw: Any) -> None:  # noqa: A002
    """exec() for `dataclasses`, taking the code of a source text from the program cache."""
    if isinstance(source, str) and not kw:
        source = lazyre.memo("dataclass-code", source, _compile)
    exec(source, globals, locals, **kw)


def dataclass(cls: type | None = None, /, **options: Any) -> Any:
    """dataclasses.dataclass(cls, **options), its generated methods' code kept between processes."""
    def wrap(c: type) -> type:
        with _lock:
            # (another thread making a dataclass meanwhile gets the same code through _exec: the same class)
            before = dataclasses.__dict__.get("exec", _MISSING)
            dataclasses.exec = _exec
            try:
                return dataclasses.dataclass(c, **options)
            finally:
                if before is _MISSING:
                    del dataclasses.exec
                else:
                    dataclasses.exec = before

    return wrap if cls is None else wrap(cls)

