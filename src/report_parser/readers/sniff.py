"""Detect a file's format from its bytes (archives are full of misnamed files), never from its extension."""
from __future__ import annotations

import io
import re

from .. import lazyre

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Bytes a file of "nothing" may hold: whitespace, NULs and BOM bytes.
_BLANK = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"

# Tags that only markup starts with; a plain-text report never opens with them.
_HTML_RE = lazyre.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|title|div|table|p|span|script|style|!--)[\s>/]",
                         re.I)


def _utf16_name(name: str) -> bytes:
    return name.encode("utf-16-le")


def _sniff_zip(data: bytes) -> str:
    import zipfile  # only zip files need it (~3 ms of a fresh process's start)

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        # A truncated or corrupt docx loses its central directory but keeps the local file headers,
        # so the member name is still in the bytes: report it as docx and let the reader say why it fails.
        if b"word/document.xml" in data or b"[Content_Types].xml" in data and b"word/" in data:
            return "docx"
        if b"OFD.xml" in data[:65536]:
            return "ofd"
        return "zip"
    return _sniff_zip_names(names)


def _sniff_zip_names(names: list[str]) -> str:
    # Office 365 sometimes names the main part word/document2.xml; the reader follows _rels/.rels.
    if "word/document.xml" in names or any(n.startswith("word/document") and n.endswith(".xml") for n in names):
        return "docx"
    if "OFD.xml" in names:
        return "ofd"  # GB/T 33190: a zip whose entry point is OFD.xml
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _sniff_ole2(data: bytes, name: str) -> str:
    # Directory entries store stream names in UTF-16LE; a substring search is enough to tell Word
    # from spreadsheets without parsing the compound file.
    if _utf16_name("WordDocument") in data:
        # Kingsoft WPS writes Word-compatible streams plus its own (WpsCustomData...), and a
        # WPS-specific "WpsContent" in its older native format.
        wps = _utf16_name("Wps") in data or _utf16_name("WPS") in data or name.lower().endswith(".wps")
        return "wps" if wps else "doc"
    if _utf16_name("WpsContent") in data or _utf16_name("Wps") in data:
        return "wps"
    if _utf16_name("Workbook") in data or _utf16_name("Book") in data:
        return "xlsx"  # legacy .xls: reported in the spreadsheet family, which is not a report format
    return "binary"


def _looks_textual(data: bytes) -> bool:
    """True when the bytes look like text in some encoding (few NULs and control characters)."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if head.count(b"\x00") > len(head) // 8:
        # UTF-16 without BOM: NULs sit on every other byte for ASCII/CJK-punctuation-heavy text.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        return max(even, odd) > len(head) // 6 and min(even, odd) < len(head) // 50
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls <= max(2, len(head) // 200)


def _text_head(data: bytes) -> bytes:
    """The first KB of the data as ASCII-compatible bytes (UTF-16 recoded) for tag searches."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:200].count(b"\x00") > 50:
        enc = "utf-16-be" if head.startswith(b"\xfe\xff") or (head[:1] == b"\x00") else "utf-16-le"
        return head.decode(enc, errors="ignore").encode("utf-8", errors="ignore")
    return head


def sniff(data: bytes, name: str = "") -> str:
    """Format of a file from its bytes: docx, ofd, pdf, txt, html, mht, doc, wps, rtf, xlsx, zip, empty or binary."""
    if not data.strip(_BLANK):
        return "empty"
    # Some generators put junk (a BOM, an HTTP header) before %PDF-; readers accept it within 1 KB.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(ZIP_MAGICS):
        return _sniff_zip(data)
    if data.startswith(OLE2_MAGIC):
        return _sniff_ole2(data, name)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if not _looks_textual(data):
        return "binary"
    head = _text_head(data)
    # MHTML ("single file web page"; Chinese sites often publish it named .doc): MIME headers first.
    if b"mime-version:" in head[:2048].lower() and b"multipart/related" in head.lower():
        return "mht"
    if _HTML_RE.search(head):
        return "html"
    return "txt"


# Enough of a file to tell its format: PDF junk allowance (1 KB), text statistics (64 KB), tags (4 KB).
HEAD_BYTES = 65536


def _ole2_names(f, name: str) -> str:
    """_sniff_ole2 over the whole file in chunks: directory entries may sit anywhere in a compound file."""
    needles = [_utf16_name(n) for n in ("WordDocument", "WpsContent", "Wps", "WPS", "Workbook", "Book")]
    found = bytearray()
    tail = b""
    f.seek(0)
    for chunk in iter(lambda: f.read(1024 * 1024), b""):
        window = tail + chunk
        found += b"".join(n for n in needles if n in window and n not in found)
        tail = window[-32:]  # a name may straddle two chunks
    return _sniff_ole2(OLE2_MAGIC + bytes(found), name)


def _blank_file(f) -> bool:
    """True when every byte of the file is whitespace, a NUL or a BOM byte (read in chunks)."""
    f.seek(0)
    return all(not chunk.strip(_BLANK) for chunk in iter(lambda: f.read(1024 * 1024), b""))


def sniff_file(f, name: str = "") -> str:
    """sniff() of an open binary file without reading it whole (zip directory and OLE2 names streamed)."""
    data = f.read(HEAD_BYTES)
    if not data.strip(_BLANK) and (len(data) < HEAD_BYTES or _blank_file(f)):
        return "empty"
    if data.startswith(ZIP_MAGICS):
        import zipfile

        f.seek(0)
        try:
            names = zipfile.ZipFile(f).namelist()  # reads the central directory only
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
            return _sniff_zip(data)  # the head's local headers still name the members
        return _sniff_zip_names(names)
    if data.startswith(OLE2_MAGIC):
        return _ole2_names(f, name)
    if not data.strip(_BLANK):
        return "txt"  # 64 KB of blanks and then more: text is the only format that can start so
    return sniff(data, name)
