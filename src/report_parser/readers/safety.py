"""Checks that run before a format library touches hostile bytes: zip bombs, corrupt zips, XML entities."""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError
from .. import lazyre

# A real annual report's document.xml is a few hundred KB; 200 MB of XML in one file is an attack or
# an archive we cannot hold in memory anyway. Ratios above 200:1 only happen with repeated filler.
MAX_MEMBER_BYTES = 200 * 1024 * 1024
# XML parts become lxml trees of ~10× their size: 32 MB of document.xml (thousands of pages) is the most a
# report can plausibly need and keeps one parse well under the 500 MB per-file memory ceiling.
MAX_XML_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024
MAX_RATIO = 200
MIN_RATIO_CHECK = 10 * 1024 * 1024  # small members may compress extremely well (empty styles); ignore them
MAX_MEMBERS = 5000


def open_zip(path: Path, data: bytes, required: str = "word/document.xml",
             kind: str = "a Word document") -> zipfile.ZipFile:
    """Open a document zip (OOXML, OFD) after checking it is whole, not a bomb, and holds the required member."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except zipfile.BadZipFile as e:
        if data.startswith(b"PK\x03\x04") and b"PK\x05\x06" not in data[-65557:]:
            raise InputError("TRUNCATED", f"{path.name}: the file is cut short (its zip directory is missing)") from e
        raise InputError("CORRUPT_ZIP", f"{path.name}: the zip container is corrupt ({e})") from e
    except (ValueError, OSError, EOFError, NotImplementedError) as e:
        raise InputError("CORRUPT_ZIP", f"{path.name}: the zip container is corrupt ({e})") from e
    if len(infos) > MAX_MEMBERS:
        raise InputError("ZIP_BOMB", f"{path.name}: the zip holds {len(infos)} members, far more than a document")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        limit = MAX_XML_BYTES if info.filename.endswith((".xml", ".rels")) else MAX_MEMBER_BYTES
        if info.file_size > limit or (info.file_size > MIN_RATIO_CHECK and ratio > MAX_RATIO):
            raise InputError("ZIP_BOMB", f"{path.name}: member {info.filename} would expand to "
                             f"{info.file_size:,} bytes ({ratio:.0f}:1), refused as a zip bomb")
    if total > MAX_TOTAL_BYTES:
        raise InputError("ZIP_BOMB", f"{path.name}: the members would expand to {total:,} bytes, refused as a zip bomb")
    if required not in zf.namelist() and (required != "word/document.xml" or main_part(zf) is None):
        raise InputError("NOT_A_DOCUMENT", f"{path.name}: the zip has no {required}, so it is not {kind}")
    return zf


_OFFICE_DOCUMENT = lazyre.compile(rb'<Relationship\b[^>]*?Type="[^"]*/officeDocument"[^>]*>')
_TARGET = lazyre.compile(rb'Target="/?([^"]+)"')


def main_part(zf: zipfile.ZipFile) -> str | None:
    """The main document part named by _rels/.rels when it is not word/document.xml (Office 365 writes
    word/document2.xml), provided it exists and is WordprocessingML."""
    names = set(zf.namelist())
    if "_rels/.rels" not in names:
        return None
    info = zf.getinfo("_rels/.rels")
    if info.file_size > 1024 * 1024:
        return None
    try:
        rels = zf.read("_rels/.rels")
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        return None
    for rel in _OFFICE_DOCUMENT.findall(rels):
        m = _TARGET.search(rel)
        target = m.group(1).decode("utf-8", "replace") if m else ""
        if target in names and target.startswith("word/"):
            return target
    return None


_PROLOG_ROOT = lazyre.compile(rb"<[A-Za-z_]")


def check_xml(path: Path, name: str, data: bytes) -> None:
    """Refuse XML with a DTD: OOXML and OFD never have one, so it can only carry entity expansion or XXE."""
    m = _PROLOG_ROOT.search(data)
    prolog = data[: m.start()] if m else data
    if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
        raise InputError("XML_ENTITIES", f"{path.name}: {name} declares a DTD or entities (entity expansion or "
                         "external entity attack); refused without expanding it")


# Word writes a prolog of one line. Comments may pad it, but a megabyte without a root element is not
# a Word part; scanning further would only let a crafted file make us read forever.
MAX_PROLOG_BYTES = 1024 * 1024


def _prolog(path: Path, zf: zipfile.ZipFile, name: str) -> bytes:
    """The bytes of an XML member up to its root element (a DTD can only sit there)."""
    buf = bytearray()
    try:
        with zf.open(name) as f:
            while True:
                chunk = f.read(8192)
                if not chunk:
                    return bytes(buf)
                start = max(0, len(buf) - 1)  # a tag may straddle two chunks
                buf += chunk
                if _PROLOG_ROOT.search(buf, start):
                    return bytes(buf)
                if len(buf) > MAX_PROLOG_BYTES:
                    raise InputError("CORRUPT_XML", f"{path.name}: {name} has no root element in its first "
                                     f"{MAX_PROLOG_BYTES:,} bytes, so it is not a document part")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as e:
        raise InputError("CORRUPT_ZIP", f"{path.name}: member {name} cannot be decompressed ({e})") from e


def check_ooxml(path: Path, data: bytes) -> zipfile.ZipFile:
    """All pre-parse checks of a .docx: zip sound, no bomb, document.xml present, no DTD in any XML part."""
    return check_zip_xml(path, data)


def check_zip_xml(path: Path, data: bytes, required: str = "word/document.xml",
                  kind: str = "a Word document") -> zipfile.ZipFile:
    """The pre-parse checks of an XML-in-zip document (.docx, .ofd): zip sound, no bomb, required member
    present, no DTD in any XML part."""
    zf = open_zip(path, data, required, kind)
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels")):
            check_xml(path, info.filename, _prolog(path, zf, info.filename))
    return zf
