"""File names that are not valid UTF-8 (archives copied from Windows/GBK file systems).

Python gives such a name as a str with lone surrogates (U+DC80-U+DCFF, one per undecodable byte),
which neither SQLite, PostgreSQL nor a UTF-8 terminal accepts. Two text forms are derived from it:

- the *key* (stored as the path, shown in JSON): each undecodable byte written as ``\\xNN``, so the
  name is ASCII-safe, distinct from every other name and turned back into the exact bytes by
  ``from_key`` (the one ambiguity: a valid name that literally contains ``\\x`` and two hex digits);
- the *readable* form (messages, the summary): each word (a run without spaces or slashes) that holds
  undecodable bytes is decoded as GB18030 when its bytes are valid GB18030, else escaped as in the key.
  Whole words, not just the undecodable bytes: GBK bytes sometimes form a valid UTF-8 pair (空白 is
  BF D5 B0 D7, and D5 B0 is UTF-8 for 'հ'), so only the word's bytes together say what it was.
"""
from __future__ import annotations

import re
from .. import lazyre

_SURROGATES = lazyre.compile("[\udc80-\udcff]+")
_ESCAPE = lazyre.compile(r"\\x([89a-f][0-9a-f])")


def _raw(run: str) -> bytes:
    return bytes(ord(c) - 0xDC00 for c in run)


def _escaped(run: str) -> str:
    return "".join(f"\\x{b:02x}" for b in _raw(run))


_WORD = lazyre.compile(r"[^\s/]*[\udc80-\udcff][^\s/]*")


def _gb18030(match: re.Match) -> str:
    word = match.group()
    try:
        return word.encode("utf-8", "surrogateescape").decode("gb18030")
    except UnicodeDecodeError:
        return key(word)


def key(name: str) -> str:
    """The storable, lossless text form of a path or message: undecodable bytes as \\xNN."""
    return _SURROGATES.sub(lambda m: _escaped(m.group()), name)


def readable(text: str) -> str:
    """A path or message for people: undecodable bytes decoded as GB18030 when valid, else \\xNN."""
    return _WORD.sub(_gb18030, text)


def from_key(stored: str) -> str:
    """The path to open for a stored key (the \\xNN escapes back to the original bytes)."""
    return _ESCAPE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), stored)


def display(stored: str) -> str:
    """The readable form of a stored key."""
    return readable(from_key(stored))


def has_raw_bytes(name: str) -> bool:
    """True when the name holds bytes that are not valid UTF-8."""
    return bool(_SURROGATES.search(name))


def clean_report(report) -> None:
    """Make a Report storable and printable: source path as its key, messages readable."""
    report.source["path"] = key(report.source.get("path") or "") or report.source.get("path")
    for issue in report.issues:
        issue.message = readable(issue.message)
