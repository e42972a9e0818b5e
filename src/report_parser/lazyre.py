"""Regular expressions compiled on first use, and kept compiled between processes: a fresh process pays only for
the patterns its input needs, and not even for those once the cache holds them."""
from __future__ import annotations

import atexit
import os
import re
import sys
from typing import Any, Callable

# A character class with CJK ranges costs 1–2.5 ms to compile, one with a full-width character ~0.35 ms: `re`'s
# pure-Python compiler marks every code point of every range in a 65,536-entry map and then compresses it. The
# ~190 patterns a first parse compiles cost ~70 ms of a ~110 ms first parse. The result is a short list of ints,
# the same on every run, so it is kept (marshal) in the user's cache beside the parsed data files and turned back
# into a pattern by `_sre.compile`, the constructor `re` itself ends with.
#
# That constructor and `re._parser`/`re._compiler` are CPython internals. They have kept their form since 3.7,
# and the cache file's name holds the exact Python build and `_sre.MAGIC` (the engine's code version), so
# another interpreter never reads a program written by this one; `_sre.compile` validates the code it gets, and
# anything unexpected (another implementation, a changed signature, an invalid program) falls back to
# `re.compile`, whose result is the same pattern.
_MAX_ENTRIES = 4000  # patterns built from the data files only; a pattern per document would grow the file
_programs: dict[tuple[Any, Any], tuple] | None = None  # (source, flags) → program; (source, kind) → (memo,)
_new: dict[tuple[Any, Any], tuple] = {}
_patterns: dict[tuple[Any, int], re.Pattern] = {}  # this process's patterns: a call site may compile on every call


def _cache_file():
    """The cache file of compiled programs for this Python build, package version and engine; None when off."""
    from . import __version__
    from .data import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    try:
        import _sre

        magic = _sre.MAGIC
    except (ImportError, AttributeError):
        return None
    build = "".join(c if c.isalnum() or c in "._-" else "_" for c in f"{sys.implementation.cache_tag}-"
                    f"{sys.version.split()[0]}-{sys.hexversion:x}")
    # One file per copy of the package (the checksum of its folder): the checkouts of an editable install shared one
    # file, which grew with every branch's patterns (~1,000 programs, 1.8 MB) and was read whole by every process.
    import zlib

    where = f"{zlib.crc32(os.path.dirname(os.path.abspath(__file__)).encode()):08x}"
    # ("packed": programs kept as the bytes of their code words, see _pack; a file of lists is not read)
    return folder / f"regex-{__version__}-{build}-{magic}-{where}-packed.marshal"


def _superseded(path) -> str:
    """The glob of the cache files path replaces: the same build, engine and copy of the package, another version."""
    # Another Python build keeps its own file in the same folder (two interpreters may share a checkout), so only
    # the package version is a wildcard: a file of an older release of this copy is never read again.
    name = path.name
    version_end = name.index("-", len("regex-"))
    return "regex-*" + name[version_end:]


def _load() -> dict:
    """The programs kept by earlier processes (empty when there are none or the cache is off)."""
    global _programs
    if _programs is None:
        _programs = {}
        path = _cache_file()
        if path is not None:
            from .data import _read_cached

            try:
                kept = _read_cached(path)
            except LookupError:
                kept = None
            if isinstance(kept, dict):
                _programs = kept
        atexit.register(save)
    return _programs


def save() -> None:
    """Write the programs compiled by this process into the cache file (merged with what is there), atomically."""
    if not _new:
        return
    path = _cache_file()
    if path is None:
        return
    from .data import _read_cached, _write_cached

    try:
        kept = _read_cached(path)
    except LookupError:
        kept = {}
    if not isinstance(kept, dict) or len(kept) + len(_new) > _MAX_ENTRIES:
        kept = {}  # patterns of older checkouts pile up under an editable install: start again
    kept.update(_new)
    _write_cached(path, kept)
    _new.clear()
    from .data import prune_superseded

    prune_superseded(path, _superseded(path))


def _from_program(source: Any, program: tuple) -> re.Pattern:
    """The pattern object for a kept program."""
    import _sre

    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(source, flags, _unpack(code), groups, groupindex, indexgroup)


# A program's code is a list of machine words; kept as a list of ints, the cache file of a long-used checkout (~1,000
# programs, ~2 MB: CJK classes are long bitmaps) took ~6 ms to unmarshal in every fresh process, most of them
# never used by it. As the bytes of an array of the words it loads in ~1 ms, and a program is turned back into
# its list (one C call) only when a pattern is built from it.
def _code_type() -> str | None:
    """The array type code whose items are the engine's code words, or None (then programs stay lists)."""
    global _CODE_TYPE
    if _CODE_TYPE is False:
        try:
            import _sre
            from array import array

            _CODE_TYPE = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)
        except (ImportError, AttributeError):
            _CODE_TYPE = None
    return _CODE_TYPE


_CODE_TYPE: str | None | bool = False  # not looked up yet


def _pack(code: list[int]) -> bytes | list[int]:
    """A program's code words as kept in the cache file: their bytes when an array type fits them, else the list."""
    kind = _code_type()
    if kind is None:
        return code
    from array import array

    try:
        return array(kind, code).tobytes()
    except OverflowError:  # (a word an array of that type cannot hold: keep the list)
        return code


def _unpack(code: bytes | list[int]) -> list[int]:
    """The list of code words _sre.compile takes, from a kept program's code (bytes from _pack, or a list)."""
    if isinstance(code, bytes):
        from array import array

        return array(_code_type() or "I", code).tolist()
    return code


def _compile_program(source: Any, flags: int) -> tuple[re.Pattern, tuple]:
    """Compile source as re.compile does, returning the pattern and the program that rebuilds it."""
    from re import _compiler, _parser

    p = _parser.parse(source, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # the opcodes are int subclasses (named constants), which marshal does not hold
    program = (int(flags | p.state.flags), _pack([int(c) for c in code]), p.state.groups - 1, groupindex,
               tuple(indexgroup))
    return _from_program(source, program), program


def compile(source: Any, flags: int = 0) -> re.Pattern:  # noqa: A001 - the name re uses
    """re.compile(source, flags), from the compiled-program cache when it holds this pattern (the same object for
    the same pattern within a process, as re's own cache gives)."""
    key = (source, int(flags))
    try:
        return _patterns[key]
    except KeyError:
        pass
    if key[1] & re.DEBUG:
        return re.compile(source, flags)
    pattern = None
    program = _load().get(key)
    if program is not None:
        try:
            pattern = _from_program(source, program)
        except Exception:  # a program this engine rejects: compile afresh (and replace it)
            pass
    if pattern is None:
        try:
            pattern, program = _compile_program(source, key[1])
            _programs[key] = program
            if len(_new) < _MAX_ENTRIES:
                _new[key] = program
        except re.error:
            raise
        except Exception:  # not CPython's engine, or its internals changed: the plain way, uncached
            pattern = re.compile(source, flags)
    if len(_patterns) < _MAX_ENTRIES:
        _patterns[key] = pattern
    return pattern


def memo(kind: str, source: str, build: Callable[[str], Any]) -> Any:
    """build(source) for a pure function of a pattern's text (kind names it), kept in the cache file beside the
    programs; the value must be one marshal holds."""
    key = (source, kind)
    hit = _load().get(key)
    if hit is not None:
        return hit[0]
    value = build(source)
    _programs[key] = _new[key] = (value,)
    return value


class LazyPattern:
    """A re.Pattern stand-in that compiles on first attribute use (search, sub, …) and delegates from then on.

    Many patterns serve only some inputs (PDF line joins, rare rule clauses)."""

    # The matching methods get a slot each, filled with the compiled pattern's bound method on first use: later
    # calls find it there and skip __getattr__ (a rule's veto, context and post patterns are searched once per
    # number of a long report, ~0.1 ms of __getattr__ calls). The pattern never changes, so neither do they.
    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
    __slots__ = ("_source", "_flags", "_compiled", *_METHODS)

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags, self._compiled = source, flags, None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.compiled(), name)
        if name in LazyPattern._METHODS:
            setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r})"


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled when first used; use compile for patterns every run needs at once."""
    return LazyPattern(source, flags)
