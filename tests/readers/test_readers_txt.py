"""The .txt reader: encodings, newline styles, one block per line with its line number."""
from __future__ import annotations

import codecs

import pytest

from report_parser.errors import InputError
from report_parser.readers import read
from report_parser.readers.txt import decode

REPORT = "示范县2019年政府信息公开工作年度报告\n\n一、总体情况\n2019年，本县主动公开政府信息１２５６条。\n" \
         "二、主动公开政府信息情况\n| 规章 | 0 | 0 | 0 |\n"
TRADITIONAL = "示範縣2019年政府資訊公開工作年度報告\n一、總體情況\n本縣認真貫徹落實《條例》，主動公開政府資訊。\n"

ENCODINGS = [
    ("utf-8", REPORT.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
    ("utf-16 with BOM", REPORT.encode("utf-16"), "utf-16"),
    ("utf-16-be with BOM", codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16"),
    ("gbk", REPORT.encode("gbk"), "gb18030"),
    ("gb18030", REPORT.encode("gb18030"), "gb18030"),
    ("big5 traditional", TRADITIONAL.encode("big5"), "big5"),
]


@pytest.mark.parametrize("data,encoding", [c[1:] for c in ENCODINGS], ids=[c[0] for c in ENCODINGS])
def test_encoding_is_detected(data, encoding):
    text, enc = decode(data, "x.txt")
    assert enc == encoding
    assert "年度报告" in text or "年度報告" in text


def test_utf16_without_bom_is_detected():
    data = ("Annual report 2019\r\n一、总体情况\r\n" * 30).encode("utf-16-le")
    text, enc = decode(data, "x.txt")
    assert enc.replace("_", "-").lower() == "utf-16-le"
    assert text.startswith("Annual report 2019")


UNDECODABLE = [
    ("invalid multibyte pairs", b"\x81\x20" * 200),
    ("shift-jis japanese", "日本語のテキストです政府情報公開年次報告".encode("shift_jis") * 10),
    ("latin-1 german", "Grüße aus München, schöne Stadt. ".encode("latin-1") * 10),
]


@pytest.mark.parametrize("data", [c[1] for c in UNDECODABLE], ids=[c[0] for c in UNDECODABLE])
def test_unknown_encoding_is_refused_with_a_code(tmp_path, data):
    p = tmp_path / "odd.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.code == "UNKNOWN_ENCODING"
    assert "odd.txt" in e.value.message


def test_a_few_damaged_bytes_are_replaced_with_a_warning(tmp_path):
    data = bytearray((REPORT * 20).encode("utf-8"))
    data[40] = 0xFF  # one byte of transmission damage in a long UTF-8 file
    p = tmp_path / "damaged.txt"
    p.write_bytes(bytes(data))
    d = read(p)
    assert d.meta["encoding"] == "utf-8+replace"
    assert [i["code"] for i in d.issues] == ["READER_WARNING"]
    assert "\ufffd" in d.text


def test_oversized_text_is_refused_before_decoding(tmp_path, monkeypatch):
    from report_parser.readers import txt

    monkeypatch.setattr(txt, "MAX_TEXT_BYTES", 1000)
    p = tmp_path / "dump.txt"
    p.write_text(REPORT * 50, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.code == "TOO_LARGE"


NEWLINES = [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")]


@pytest.mark.parametrize("nl", [c[1] for c in NEWLINES], ids=[c[0] for c in NEWLINES])
def test_newline_styles_give_the_same_blocks(tmp_path, nl):
    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.replace("\n", nl).encode("utf-8"))
    d = read(p)
    assert [b.raw for b in d.blocks] == [ln for ln in REPORT.split("\n") if ln.strip()]


def test_one_block_per_non_blank_line_with_its_line_number(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    d = read(p)
    assert [b.prov.index for b in d.blocks] == [1, 3, 4, 5, 6]
    assert d.blocks[2].text == "2019年,本县主动公开政府信息1256条。"
    assert d.blocks[4].text == "| 规章 | 0 | 0 | 0 |"  # flattened table lines are neither merged nor split
    assert all(b.page is None for b in d.blocks)
    assert d.pages is None


def test_form_feeds_count_pages(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("第一页\n\f第二页\n正文\n\f第三页\n", encoding="utf-8")
    d = read(p)
    assert [(b.text, b.page) for b in d.blocks] == [("第一页", 1), ("第二页", 2), ("正文", 2), ("第三页", 3)]
    assert d.pages == 3


def test_traditional_text_is_converted_with_raw_kept(tmp_path):
    p = tmp_path / "t.txt"
    p.write_bytes(TRADITIONAL.encode("big5"))
    d = read(p)
    assert d.blocks[1].text == "一、总体情况"
    assert d.blocks[1].raw == "一、總體情況"
    assert d.blocks[1].prov.traditional
    assert d.meta["converted"] == "t2s"


def test_document_text_holds_every_line(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    d = read(p)
    assert d.text.split("\n") == [b.text for b in d.blocks]
    b = d.blocks[2]
    assert d.text[b.start:b.end] == b.text
