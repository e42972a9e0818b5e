"""The PDF reader on PDFs drawn with reportlab (CID font STSong-Light), LibreOffice, and the real PDFs."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from report_parser.errors import InputError
from report_parser.model import FOOTER, HEADER, HEADING, PARAGRAPH, TABLE, Block, Provenance
from report_parser.readers import read

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
LEFT, RIGHT, SIZE = 72.0, WIDTH - 72.0, 12.0
PER_LINE = int((RIGHT - LEFT) // SIZE)


def _wrap(text: str, indent: bool = True) -> list[tuple[float, str]]:
    """Lay a paragraph out like a Chinese document: two-character first-line indent, full lines."""
    out, first = [], True
    while text:
        room = PER_LINE - (2 if first and indent else 0)
        out.append((LEFT + (2 * SIZE if first and indent else 0), text[:room]))
        text, first = text[room:], False
    return out


class Page:
    """Lines to draw on one page, top to bottom."""

    def __init__(self):
        self.items: list[tuple[float, float, str, float]] = []  # x, top, text, size
        self.y = 90.0

    def para(self, text: str, indent: bool = True, size: float = SIZE) -> "Page":
        for x, line in _wrap(text, indent):
            self.items.append((x, self.y, line, size))
            self.y += size * 1.6
        return self

    def line(self, text: str, x: float = LEFT, top: float | None = None, size: float = SIZE) -> "Page":
        self.items.append((x, self.y if top is None else top, text, size))
        if top is None:
            self.y += size * 1.6
        return self

    def spaced(self, text: str, gap: float) -> "Page":
        """Characters drawn one by one with extra space between them (justified text)."""
        x = LEFT
        for ch in text:
            self.items.append((x, self.y, ch, SIZE))
            x += pdfmetrics.stringWidth(ch, FONT, SIZE) + gap
        self.y += SIZE * 1.6
        return self


def make_pdf(path, pages: list[Page], encrypt=None, title: str | None = None, blank: tuple[int, ...] = ()):
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    if title:
        c.setTitle(title)
    for i, page in enumerate(pages):
        if i in blank:
            c.rect(100, 100, 300, 300, fill=1)  # an image-like page: drawing only, no text layer
        for x, top, text, size in page.items:
            c.setFont(FONT, size)
            c.drawString(x, HEIGHT - top - size * 0.88, text)
        c.showPage()
    c.save()
    return path


BODY = "本县坚持以公开为常态、不公开为例外,全面推进决策、执行、管理、服务、结果公开,主动公开政府信息1256条,其中政策解读38条。"


def _report_pages(n: int, footer: str | None = None, header: str | None = None) -> list[Page]:
    pages = []
    for k in range(1, n + 1):
        p = Page()
        if header:
            p.line(header, x=200, top=40, size=9)
        p.line(f"{'一二三四五六七八九十'[k - 1]}、第{k}部分标题", indent=False) if False else None
        p.line(f"{'一二三四五六七八九十'[k - 1]}、第{k}部分标题")
        p.para(BODY)
        p.para(BODY)
        if footer:
            p.line(footer.format(n=k, N=n), x=280, top=HEIGHT - 50, size=10)
        pages.append(p)
    return pages


FOOTERS = [
    ("dash spaced", "- {n} -"),
    ("dash tight", "-{n}-"),
    ("em dash", "— {n} —"),
    ("page of pages", "第{n}页 共{N}页"),
    ("page only", "第 {n} 页"),
    ("slash", "{n}/{N}"),
    ("bare number", "{n}"),
]


@pytest.mark.parametrize("footer", [c[1] for c in FOOTERS], ids=[c[0] for c in FOOTERS])
def test_page_numbers_become_footer_blocks_not_text(tmp_path, footer):
    d = read(make_pdf(tmp_path / "f.pdf", _report_pages(3, footer=footer)))
    footers = [b for b in d.blocks if b.kind == FOOTER]
    assert [b.page for b in footers] == [1, 2, 3]
    assert [b.text.replace(" ", "") for b in footers] == [footer.format(n=k, N=3).replace(" ", "") for k in (1, 2, 3)]
    for line in d.text.split("\n"):
        assert not re.fullmatch(r"[-—\s\d/第页共]+", line), line


def test_paragraph_continuing_on_the_next_page_is_one_block_before_the_footer(tmp_path):
    first = "本县坚持以公开为常态、不公开为例外全面推进决策执行管理服务结果公开" * 3  # fills whole lines
    first = first[: PER_LINE * 2 - 2]
    rest = "主动公开政府信息1256条。"
    p1 = Page().line("一、总体情况").para(first).line("- 1 -", x=280, top=HEIGHT - 50, size=10)
    p2 = Page().para(rest, indent=False).line("- 2 -", x=280, top=HEIGHT - 50, size=10)
    d = read(make_pdf(tmp_path / "cont.pdf", [p1, p2]))
    assert [(b.kind, b.page) for b in d.blocks] == [(PARAGRAPH, 1), (PARAGRAPH, 1), (FOOTER, 1), (FOOTER, 2)]
    assert d.blocks[1].text == first + rest


def test_repeated_running_header_is_removed_and_kept_as_header_blocks(tmp_path):
    d = read(make_pdf(tmp_path / "h.pdf", _report_pages(3, header="示范县人民政府办公室文件 2020年第12期")))
    headers = [b for b in d.blocks if b.kind == HEADER]
    assert [b.page for b in headers] == [1, 2, 3]
    assert "示范县人民政府办公室文件" not in d.text
    assert headers[0].prov.bbox is not None


def test_title_repeated_as_a_small_running_header_stays_the_title_on_page_one(tmp_path):
    title = "示范县2020年政府信息公开工作年度报告"
    pages = _report_pages(3)
    pages[0].items.insert(0, (150.0, 40.0, title, 20.0))  # page 1: the title, large, at the very top
    for p in pages[1:]:
        p.line(title, x=200, top=40, size=9)  # pages 2-3: the same words as a small running header
    d = read(make_pdf(tmp_path / "t.pdf", pages))
    assert (d.blocks[0].kind, d.blocks[0].text) == (HEADING, title)
    assert [b.page for b in d.blocks if b.kind == HEADER] == [2, 3]


def test_a_line_in_the_body_is_not_taken_for_a_header(tmp_path):
    d = read(make_pdf(tmp_path / "b.pdf", _report_pages(1)))
    assert not [b for b in d.blocks if b.kind in (HEADER, FOOTER)]


def test_wrapped_lines_are_rejoined_into_one_paragraph(tmp_path):
    d = read(make_pdf(tmp_path / "p.pdf", _report_pages(1)))
    paras = [b for b in d.blocks if b.kind == PARAGRAPH]
    assert [b.text for b in paras] == ["一、第1部分标题", BODY, BODY]
    assert "\n" in paras[1].raw  # raw keeps the visual lines


def test_a_number_wrapped_to_the_next_line_does_not_end_the_paragraph(tmp_path):
    head = ("截至年底我局政府信息公开专栏累计发布政府信息共计" * 2)[: PER_LINE - 2 - 3]
    p = Page().para(BODY)  # full lines set the right margin
    p.line(head, x=LEFT + 2 * SIZE)  # three characters short: the number below did not fit on this line
    p.line("3,280条。").para("二是加强解读。")
    d = read(make_pdf(tmp_path / "wrap.pdf", [p]))
    assert [b.text for b in d.blocks] == [BODY, head + "3,280条。", "二是加强解读。"]


def test_a_character_kept_with_its_closing_mark_does_not_end_the_paragraph(tmp_path):
    # 禁则: 。 may not open a line, so the character before it moved down too and left the line short.
    head = ("全年共发布政策解读材料和各类图解文件" * 3)[: PER_LINE - 2 - 4]  # the line stops ~2.7 characters short
    p = Page().para(BODY)
    p.line(head + "2", x=LEFT + 2 * SIZE)
    p.line("篇。及时回应社会关切5次。").para("二是加强解读。")
    d = read(make_pdf(tmp_path / "kinsoku.pdf", [p]))
    assert [b.text for b in d.blocks] == [BODY, head + "2篇。及时回应社会关切5次。", "二是加强解读。"]


def test_a_short_line_followed_by_a_new_sentence_ends_the_paragraph(tmp_path):
    p = Page().para(BODY).line("主动公开的信息均及时在门户网站发布", x=LEFT + 2 * SIZE)
    p.line("2018年,我局主动公开政府信息109条。", x=LEFT)
    d = read(make_pdf(tmp_path / "short.pdf", [p]))
    assert [b.text for b in d.blocks] == [BODY, "主动公开的信息均及时在门户网站发布", "2018年,我局主动公开政府信息109条。"]


def test_a_page_of_mostly_short_lines_still_finds_the_right_margin(tmp_path):
    # A list printed one short item a line (as a one-cell-per-line table prints) outnumbers the full lines: the
    # heading above a flush-left "none" is short all the same, and the two stay apart.
    p = Page().para(BODY, indent=False)
    for k in range(24):
        p.line(f"第{k + 1}项")
    p.line("三、收到和处理政府信息公开申请情况").line("无。").line("四、政府信息公开行政复议、行政诉讼情况").line("无。")
    d = read(make_pdf(tmp_path / "short-lines.pdf", [p]))
    texts = [b.text for b in d.blocks]
    assert texts[-4:] == ["三、收到和处理政府信息公开申请情况", "无。", "四、政府信息公开行政复议、行政诉讼情况", "无。"]


# all characters a full em wide, so that the test's layout fills its lines to the margin
_LONG = "本镇坚持以公开为常态、不公开为例外、全面推进决策执行管理服务结果公开" * 4 + "。"


def _full_line_ending(stop: str) -> str:
    return ("本镇坚持以公开为常态、不公开为例外,全面推进公开" * 3)[: PER_LINE - 3] + stop


@pytest.mark.parametrize("stop", ["。", "；"])
def test_a_full_line_that_ends_a_sentence_goes_on_when_paragraphs_open_indented(tmp_path, stop):
    # the sentence only happened to stop at the margin: the next line is flush left, so the paragraph goes on
    long = _LONG  # paragraphs of several lines: most lines start at the left margin, each first line indented
    p = Page().para(long).para(long)
    p.line(_full_line_ending(stop), x=LEFT + 2 * SIZE).line("全年收到申请3件。").para(long)
    d = read(make_pdf(tmp_path / "indented.pdf", [p]))
    stop = {"；": ";"}.get(stop, stop)  # (normalised)
    assert [b.text for b in d.blocks] == [long, long, _full_line_ending(stop) + "全年收到申请3件。", long]


def test_a_full_line_that_ends_a_sentence_ends_the_paragraph_when_paragraphs_open_flush(tmp_path):
    # no first-line indents anywhere: a stop at the margin is the only sign a paragraph ended
    long = _LONG
    p = Page().para(long, indent=False).para(long, indent=False)
    p.line(_full_line_ending("。")).line("全年收到申请3件。").para(long, indent=False)
    d = read(make_pdf(tmp_path / "flush.pdf", [p]))
    assert [b.text for b in d.blocks] == [long, long, _full_line_ending("。"), "全年收到申请3件。", long]


def test_heading_numerals_start_a_paragraph_even_without_indent(tmp_path):
    p = Page().para("主动公开情况如下", indent=True).line("(一)主动公开政府信息的数量").para(BODY, indent=False)
    d = read(make_pdf(tmp_path / "n.pdf", [p]))
    assert [b.text for b in d.blocks][:2] == ["主动公开情况如下", "(一)主动公开政府信息的数量"]


def test_justified_spaces_are_removed_but_latin_words_keep_theirs(tmp_path):
    p = Page().spaced("洪泽湖大道90号，邮编：223100，电话", gap=6).spaced("主动公开信息1136条。", gap=5)
    p.line("E-mail hzzwgk at 126 dot com")
    d = read(make_pdf(tmp_path / "j.pdf", [p]))
    texts = [b.text for b in d.blocks]
    assert "洪泽湖大道90号,邮编:223100,电话" in texts[0]
    assert "主动公开信息1136条。" in d.text
    assert "E-mail hzzwgk at 126 dot com" in d.text


def test_overprinted_bold_characters_are_read_once(tmp_path):
    p = Page().line("一、总体情况")
    p.items.append((LEFT + 0.3, p.items[0][1] + 0.2, "一、总体情况", SIZE))  # faux bold: the same glyphs again
    p.para(BODY)
    d = read(make_pdf(tmp_path / "bold.pdf", [p]))
    assert d.blocks[0].text == "一、总体情况"
    assert BODY in d.text


def test_larger_title_lines_form_one_title_heading(tmp_path):
    p = Page().line("示范县人民政府", x=220, size=20).line("2020年政府信息公开工作年度报告", x=130, size=20)
    p.para(BODY)
    d = read(make_pdf(tmp_path / "t.pdf", [p], title="示范县人民政府2020年政府信息公开工作年度报告"))
    assert (d.blocks[0].kind, d.blocks[0].level) == (HEADING, 0)
    assert d.blocks[0].text == "示范县人民政府2020年政府信息公开工作年度报告"
    assert d.meta["title"] == "示范县人民政府2020年政府信息公开工作年度报告"


def _line(text: str, font: str, latin_font: str = "TimesNewRomanPSMT"):
    from report_parser.readers.pdf import _columns, _Line

    chars = [{"text": ch, "x0": 72.0 + 12 * i, "x1": 84.0 + 12 * i, "top": 100.0, "bottom": 112.0, "size": 12.0,
              "fontname": latin_font if ch.isascii() else font} for i, ch in enumerate(text)]
    return _Line(_columns(chars))


TYPEFACE_CASES = [
    ("part title in 黑体", "一、总体情况", "XEKKFX+黑体", 1),
    ("sub-part title in 楷体", "(一)主动公开情况", "KAITI+楷体", 2),
    ("part title in the body font", "一、总体情况", "FZFSK+仿宋", None),
    ("other-font line without a numeral", "特此报告", "XEKKFX+黑体", None),
    ("long numbered sentence in another font", "一、" + "本机关主动公开政府信息" * 3, "XEKKFX+黑体", None),
    ("digits in a Latin font do not count", "2023年", "FZFSK+仿宋", None),
]


@pytest.mark.parametrize("text,font,level", [c[1:] for c in TYPEFACE_CASES], ids=[c[0] for c in TYPEFACE_CASES])
def test_numbered_title_in_another_typeface_is_a_heading(text, font, level):
    from report_parser.readers.pdf import _typeface_heading

    assert _typeface_heading(_line(text, font), "FZFSK+仿宋") == level


def test_owner_password_only_pdf_is_read(tmp_path, corpus):
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import UserAccessPermissions

    src = corpus / "seed" / "qianwei-2017.pdf"  # LibreOffice fonts carry ToUnicode maps, as Word/WPS PDFs do
    writer = PdfWriter(clone_from=PdfReader(src))
    # Print only: copying and text extraction are "forbidden", which a reader may ignore for research use.
    writer.encrypt(user_password="", owner_password="owner-secret", permissions_flag=UserAccessPermissions.PRINT)
    out = tmp_path / "owner.pdf"
    with open(out, "wb") as f:
        writer.write(f)
    d = read(out)
    assert "一、概述" in d.text.split("\n")


def _fake_ocr(monkeypatch, text: str | None) -> None:
    """Replace the OCR of a page image: lines of text (boxes 12 pt per character), or OCR_UNAVAILABLE for None."""
    from report_parser.readers import ocr_page
    from report_parser.readers.ocr_engines import OcrBox

    def fake(image, dpi, page_no, label, preferred=None, index=0, grids=None):
        if text is None:
            raise InputError("OCR_UNAVAILABLE", "tesseract is not installed")
        # (a line written with leading spaces starts that many characters in: an indented line)
        lines = [OcrBox(t.lstrip(), 72.0 + 12 * (len(t) - len(t.lstrip())), 100.0 + 20 * i, 72.0 + 12 * len(t),
                        112.0 + 20 * i) for i, t in enumerate(x for x in text.splitlines() if x)]
        return ocr_page.OcrPage(lines=lines, engines={"prose": "fake 1.0"})

    monkeypatch.setattr(ocr_page, "read_image", fake)


def test_page_in_fonts_without_unicode_map_is_treated_as_no_text(tmp_path, monkeypatch):
    _fake_ocr(monkeypatch, None)
    # reportlab's encrypted predefined-CMap fonts come back from pdfminer as "(cid:N)" glyph ids.
    enc = StandardEncryption("", ownerPassword="owner-secret")
    d = read(make_pdf(tmp_path / "o.pdf", _report_pages(1), encrypt=enc))
    assert "(cid:" not in d.text
    assert [i["code"] for i in d.issues] == ["NO_TEXT_LAYER"]
    assert "Unicode map" in d.issues[0]["message"]


def test_user_password_pdf_is_refused_as_encrypted(tmp_path):
    enc = StandardEncryption("user-secret", ownerPassword="owner-secret")
    path = make_pdf(tmp_path / "u.pdf", _report_pages(1), encrypt=enc)
    with pytest.raises(InputError) as e:
        read(path)
    assert e.value.code == "ENCRYPTED"
    assert "u.pdf" in e.value.message


BROKEN = [
    ("garbage after header", b"%PDF-1.4\n" + bytes(range(256)) * 20, ("CORRUPT_PDF", "TRUNCATED")),
    ("header only", b"%PDF-1.7\n", ("CORRUPT_PDF", "TRUNCATED")),
]


@pytest.mark.parametrize("data,codes", [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_unreadable_pdf_gives_a_code(tmp_path, data, codes):
    p = tmp_path / "bad.pdf"
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.code in codes


def test_truncated_pdf_gives_a_code_not_a_traceback(tmp_path):
    good = make_pdf(tmp_path / "g.pdf", _report_pages(3)).read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(good[: len(good) // 3])
    try:
        d = read(p)  # pdfminer may recover some pages; that is a success
        assert d.format == "pdf"
    except InputError as e:
        assert e.code in ("TRUNCATED", "CORRUPT_PDF")


def test_max_pages_bounds_the_read_and_says_so(tmp_path):
    path = make_pdf(tmp_path / "long.pdf", _report_pages(10))
    d = read(path, {"max_pages": 3})
    assert d.pages == 10
    assert max(b.page for b in d.blocks) == 3
    issue = [i for i in d.issues if i["code"] == "PAGES_TRUNCATED"]
    assert issue and "3 of 10" in issue[0]["message"]


def test_page_without_text_reports_no_text_layer_when_ocr_is_unavailable(tmp_path, monkeypatch):
    _fake_ocr(monkeypatch, None)
    d = read(make_pdf(tmp_path / "scan.pdf", _report_pages(2), blank=(1,)) if False else
             make_pdf(tmp_path / "scan.pdf", [_report_pages(1)[0], Page()], blank=(1,)))
    issues = [i for i in d.issues if i["code"] == "NO_TEXT_LAYER"]
    assert [i["page"] for i in issues] == [2]
    assert "tesseract-ocr-chi-sim" in issues[0]["message"]


def test_scanned_page_with_a_stamped_page_number_still_goes_to_ocr(tmp_path, monkeypatch):
    from reportlab.lib.utils import ImageReader

    _fake_ocr(monkeypatch, "一、总体情况\n本年度主动公开政府信息88条。\n")
    path = tmp_path / "stamped.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    gray = bytes([200]) * (60 * 85)
    from PIL import Image

    img = Image.frombytes("L", (60, 85), gray)
    c.drawImage(ImageReader(img), 0, 0, width=WIDTH, height=HEIGHT)  # the scanned page
    c.setFont(FONT, 10)
    c.drawString(280, 30, "- 1 -")  # the publisher's stamped page number: the only text layer
    c.showPage()
    c.save()
    d = read(path)
    assert [b.text for b in d.blocks if b.prov.ocr] == ["一、总体情况", "本年度主动公开政府信息88条。"]
    assert d.meta["ocr_pages"] == 1


def test_ocr_text_is_flagged_in_provenance_and_counted(tmp_path, monkeypatch):
    _fake_ocr(monkeypatch, "三、依申请公开情况\n本年度收到申请12件。\n")
    d = read(make_pdf(tmp_path / "scan.pdf", [_report_pages(1)[0], Page()], blank=(1,)))
    ocr_blocks = [b for b in d.blocks if b.prov.ocr]
    assert [b.text for b in ocr_blocks] == ["三、依申请公开情况", "本年度收到申请12件。"]
    assert all(b.page == 2 for b in ocr_blocks)
    assert d.meta["ocr_pages"] == 1 and d.meta["ocr_engines"] == {"prose": "fake 1.0"}
    assert all(b.prov.ocr_engine == "fake 1.0" and b.prov.bbox for b in ocr_blocks)
    assert not any(b.prov.ocr for b in d.blocks if b.page == 1)


def test_ocr_lines_much_shorter_than_a_full_line_end_a_paragraph(tmp_path, monkeypatch):
    full = "根据《中华人民共和国政府信息公开条例》要求,现公布本县政府信息公开"
    text = f"示范县2020年政府信息\n公开工作年度报告\n{full}\n{full}\n工作年度报告。\n"
    _fake_ocr(monkeypatch, text)
    d = read(make_pdf(tmp_path / "scan.pdf", [Page()], blank=(0,)))
    assert [b.text for b in d.blocks] == ["示范县2020年政府信息", "公开工作年度报告", full + full + "工作年度报告。"]


def test_an_indented_ocr_line_starts_a_paragraph(tmp_path, monkeypatch):
    # a full-width title line run on into the indented first line of the intro under it, before
    full = "根据《中华人民共和国政府信息公开条例》要求,现公布本县政府信息公开"
    title = "示范县交通运输局关于2020年度政府信息公开工作情况的年度报告"  # nearly a full line
    text = f" {title}\n  {full}\n{full}\n工作年度报告。\n  2020年,本局主动公开政府信息25条。\n"
    _fake_ocr(monkeypatch, text)
    d = read(make_pdf(tmp_path / "scan.pdf", [Page()], blank=(0,)))
    assert [b.text for b in d.blocks] == [title, full + full + "工作年度报告。", "2020年,本局主动公开政府信息25条。"]


def test_text_inside_table_boxes_is_left_to_the_table_block(tmp_path, monkeypatch):
    from report_parser.readers import pdf_tables

    p = Page().line("二、主动公开政府信息情况")
    table_top = p.y
    p.line("规章 0 0 0").line("规范性文件 5 0 5")
    p.para(BODY)

    def fake_tables(page, page_no):
        box = (LEFT - 2, table_top - 2, RIGHT, table_top + 2 * SIZE * 1.6 - 4)
        rows = [["规章", "0", "0", "0"], ["规范性文件", "5", "0", "5"]]
        return [Block(kind=TABLE, text="", raw="", rows=rows, rows_raw=rows, covered=[[False] * 4] * 2,
                      row_pages=[page_no] * 2, prov=Provenance(page=page_no, bbox=box))]

    monkeypatch.setattr(pdf_tables, "page_tables", fake_tables)
    # The faked finder stands for a table the page draws; this page draws none, so the pdfium text path
    # would rightly never ask it: the table path is the one under test.
    monkeypatch.setenv("REPORT_PARSER_PDF_TEXT", "pdfplumber")
    d = read(make_pdf(tmp_path / "tab.pdf", [p]))
    assert [b.kind for b in d.blocks] == [PARAGRAPH, TABLE, PARAGRAPH]
    assert "规范性文件 5 0 5" not in [b.text for b in d.blocks if b.kind == PARAGRAPH]
    assert "规范性文件 | 5 | 0 | 5" in d.text


# ---- LibreOffice: a Word-style PDF of a document built in code ----

@pytest.mark.libreoffice
def test_libreoffice_pdf_of_a_docx_keeps_headings_and_pages(tmp_path):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    import docx
    from docx.enum.text import WD_BREAK

    doc = docx.Document()
    doc.add_paragraph("示范乡人民政府2018年政府信息公开工作年度报告", style="Title")
    doc.add_paragraph("一、概述", style="Heading 1")
    doc.add_paragraph(BODY * 3)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("二、主动公开政府信息情况", style="Heading 1")
    doc.add_paragraph(BODY)
    src = tmp_path / "lo.docx"
    doc.save(src)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    d = read(tmp_path / "lo.pdf")
    found = {b.text: b.page for b in d.blocks if b.kind in (HEADING, PARAGRAPH)}
    assert found.get("一、概述") == 1
    assert found.get("二、主动公开政府信息情况") == 2
    assert BODY * 3 in d.text


# ---- the real PDFs in ../shared (skipped when absent) ----

REAL = ["hongze-2023", "hongze-2024"]
PART_HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                 "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


@pytest.fixture(scope="module")
def real_docs(shared):
    docs = {}
    for name in REAL:
        path = shared / "real" / "pdf" / f"{name}.pdf"
        if not path.exists():
            pytest.skip(f"{path} is absent")
        docs[name] = read(path)
    return docs


@pytest.mark.parametrize("name", REAL)
def test_real_pdf_page_numbers_are_footers(real_docs, name):
    d = real_docs[name]
    assert [b.page for b in d.blocks if b.kind == FOOTER] == list(range(1, d.pages + 1))  # one `- N -` per page
    assert not any(re.fullmatch(r"\s*-\s*\d+\s*-\s*", line) for line in d.text.split("\n"))


@pytest.mark.parametrize("name", REAL)
def test_real_pdf_justified_postcode_line_is_joined(real_docs, name):
    assert "号,邮编:223100,电话:" in real_docs[name].text


@pytest.mark.parametrize("name", REAL)
@pytest.mark.parametrize("heading", PART_HEADINGS)
def test_real_pdf_has_each_part_heading_on_its_own_line(real_docs, name, heading):
    assert heading in real_docs[name].text.split("\n")


@pytest.mark.parametrize("name", REAL)
def test_real_pdf_part_titles_are_level_one_headings(real_docs, name):
    levels = {b.text: b.level for b in real_docs[name].blocks if b.kind == HEADING}
    assert [levels.get(h) for h in PART_HEADINGS] == [1] * 6


@pytest.mark.parametrize("name", REAL)
def test_real_pdf_heading_pages_match_the_gold(real_docs, shared, name):
    import json

    gold = json.loads((shared / "real" / "pdf" / f"{name}.gold.json").read_text(encoding="utf-8"))
    d = real_docs[name]
    pages = {b.text: b.page for b in d.blocks if b.kind in (HEADING, PARAGRAPH)}
    for s in gold["sections"]:
        heading = s["heading"].replace("，", ",")
        assert pages.get(heading) == s["page"], s


@pytest.mark.parametrize("name", REAL)
def test_real_pdf_tables_are_table_blocks(real_docs, name):
    tables = [b for b in real_docs[name].blocks if b.kind == TABLE]
    assert len(tables) >= 4
    assert all(b.prov.bbox for b in tables)
