"""sniff(): the format comes from the bytes, never from the file name."""
from __future__ import annotations

import io
import zipfile

import pytest

from report_parser.readers.sniff import HEAD_BYTES, OLE2_MAGIC, sniff, sniff_file


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _ole2(*streams: str) -> bytes:
    # A compound-file header followed by directory entries' UTF-16LE names is all sniff looks at.
    return OLE2_MAGIC + b"\x00" * 504 + b"".join(s.encode("utf-16-le") + b"\x00\x00" for s in streams)


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
REPORT = "一、概述\n2017年，我镇主动公开政府信息438条。\n"

CASES = [
    ("pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "report.pdf", "pdf"),
    ("pdf after junk", b"\xef\xbb\xbf\r\n%PDF-1.4\n", "x.bin", "pdf"),
    ("docx", DOCX, "report.docx", "docx"),
    ("docx misnamed pdf", DOCX, "report.pdf", "docx"),
    ("truncated docx keeps its member name", DOCX[: len(DOCX) // 2 + 40], "t.docx", "docx"),
    ("docx whose main part is document2.xml", _zip({"[Content_Types].xml": b"<Types/>",
                                                     "word/document2.xml": b"<w:document/>"}), "a.docx", "docx"),
    ("xlsx", _zip({"xl/workbook.xml": b"<workbook/>"}), "a.xlsx", "xlsx"),
    ("plain zip", _zip({"a.txt": b"hello"}), "a.zip", "zip"),
    ("legacy doc", _ole2("Root Entry", "WordDocument", "1Table"), "a.doc", "doc"),
    ("wps by stream name", _ole2("Root Entry", "WordDocument", "WpsCustomData"), "a.doc", "wps"),
    ("wps by name", _ole2("Root Entry", "WordDocument"), "a.wps", "wps"),
    ("legacy xls", _ole2("Root Entry", "Workbook"), "a.xls", "xlsx"),
    ("rtf", b"{\\rtf1\\ansi hello}", "a.rtf", "rtf"),
    ("html", b"<!DOCTYPE html><html><body>hi</body></html>", "a.txt", "html"),
    ("html fragment", b"\n  <div class='x'><p>\xe4\xb8\x80</p></div>", "a", "html"),
    ("utf-16 html", "<html><body>一</body></html>".encode("utf-16"), "a.htm", "html"),
    ("utf-8 text", REPORT.encode("utf-8"), "a.pdf", "txt"),
    ("gbk text", REPORT.encode("gbk"), "a.txt", "txt"),
    ("utf-16 text with BOM", REPORT.encode("utf-16"), "a.txt", "txt"),
    ("utf-16-le text without BOM", ("Report 2017\r\n" * 20).encode("utf-16-le"), "a.txt", "txt"),
    ("empty", b"", "a.pdf", "empty"),
    ("whitespace only", b" \r\n\t\n", "a.txt", "empty"),
    ("random bytes", bytes(range(256)) * 8, "a.docx", "binary"),
]


@pytest.mark.parametrize("data,name,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sniff_detects_the_format_from_bytes(data, name, expected):
    assert sniff(data, name) == expected


@pytest.mark.parametrize("data,name,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sniff_file_reads_a_head_and_agrees_with_sniff(data, name, expected):
    assert sniff_file(io.BytesIO(data), name) == expected


@pytest.mark.parametrize("data,expected", [
    pytest.param(_ole2("Root Entry") + b"\x00" * (3 * HEAD_BYTES) + _ole2("WordDocument")[8:], "doc",
                 id="ole2-directory-past-the-head"),
    pytest.param(b" " * HEAD_BYTES + b"\n" * 1000, "empty", id="blanks-past-the-head"),
    pytest.param(b" " * HEAD_BYTES + REPORT.encode("utf-8"), "txt", id="text-after-64k-of-blanks"),
    pytest.param(_zip({"word/document.xml": b"<w:document/>", "pad.bin": bytes(range(256)) * 2000}), "docx",
                 id="zip-directory-past-the-head"),
])
def test_sniff_file_streams_what_lies_past_the_head(data, expected):
    assert sniff_file(io.BytesIO(data), "a.bin") == expected
