"""Readers: the only modules that import format libraries. Each turns bytes into a Document."""
from __future__ import annotations

import importlib
from pathlib import Path

from . import files
from ..errors import InputError
from ..model import Document
from .sniff import sniff

# format (as sniffed) -> module in this package exposing read(path, data, options) -> Document.
# A new format is a new module and one line here; ingest and parse need no change.
READERS = {
    "docx": "docx",
    "ofd": "ofd",
    "pdf": "pdf",
    "txt": "txt",
    "html": "html",
    "mht": "mht",
    "doc": "legacy",
    "wps": "legacy",
    "rtf": "legacy",
}


def read(path: str | Path, options: dict | None = None) -> Document:
    """Read a file of any supported format into a normalised Document, or raise InputError."""
    p = Path(path)
    try:
        # Regular files within --max-file-size only: a FIFO, a device or a huge sparse file is refused unread.
        data = files.read_bytes(p, files.max_size(options))
    except OSError as e:
        raise InputError("UNREADABLE", f"{p}: cannot open the file ({e.strerror or e})") from e
    fmt = sniff(data, p.name)
    if fmt == "empty":
        raise InputError("EMPTY_FILE", f"{p.name}: the file is empty (no bytes, or only whitespace)")
    if fmt == "zip":
        from .safety import open_zip

        open_zip(p, data)  # raises CORRUPT_ZIP / TRUNCATED / ZIP_BOMB, or NOT_A_DOCUMENT for a sound zip
    if fmt in ("binary", "zip"):
        raise InputError("NOT_A_DOCUMENT", f"{p.name}: the bytes are not a document in any format this tool "
                         "knows (not PDF, Word, HTML or text)")
    mod = READERS.get(fmt)
    if mod is None:
        raise InputError("UNSUPPORTED_FORMAT", f"{p.name}: {fmt} files are not report formats this tool reads")
    reader = importlib.import_module(f".{mod}", __name__)
    doc = reader.read(p, data, options or {})
    doc.sha256 = doc.sha256 or files.digest(data)
    return doc.finalise()


def stored_text(path_key: str | None, sha256: str | None) -> str | None:
    """The Document text of a stored report's file, or None when the file is gone, unreadable or has changed."""
    from .fsnames import from_key

    path = from_key(path_key or "")  # a name that is not UTF-8 is stored as its \xNN key
    if not path or not Path(path).is_file():
        return None
    try:
        doc = read(path)
    except InputError:
        return None
    return doc.text if doc.sha256 == sha256 else None
