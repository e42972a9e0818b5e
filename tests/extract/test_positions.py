"""Must-show (issue 20): the text inside every stored box is the value's raw text.

Any reader that fills Block.glyphs / Block.cell_boxes (pdfplumber today, pypdfium2 or OCR later) is held to it:
for every printed cell and every figure of both real PDFs and of generated PDFs, the characters whose centre lies
in the stored box(es), read with pdfplumber, are the raw text (whitespace and NFKC forms aside).
"""
from __future__ import annotations

import shutil

import pytest

from boxcheck import box_mismatches
from report_parser.extract import positions
from report_parser.extract.positions import align, line_boxes
from report_parser.pipeline import parse_file

HAS_SOFFICE = shutil.which("soffice") is not None


def test_align_maps_normalised_text_onto_glyphs():
    glyphs = [(ch, 1, float(i), 0.0, i + 1.0, 10.0) for i, ch in enumerate("公开１３６条")]
    m = align("公开136条", glyphs)
    assert m == [0, 1, 2, 3, 4, 5]


def test_a_value_wrapped_over_two_lines_gets_one_box_per_line():
    glyphs = [("7", 1, 500.0, 100.0, 506.0, 112.0), ("条", 1, 90.0, 116.0, 102.0, 128.0)]
    assert line_boxes(glyphs) == [(1, 500.0, 100.0, 506.0, 112.0), (1, 90.0, 116.0, 102.0, 128.0)]


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf"])
def test_every_cell_and_figure_box_of_the_real_pdfs_holds_its_raw_text(shared, name):
    path = shared / "real" / "pdf" / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    r = parse_file(path, {"strict": True})
    assert len(r.cells) > 100  # both reports print the gb2021 tables
    checked, bad = box_mismatches(path, r, pdfium=True)
    assert not bad, "\n".join(bad[:20])
    assert checked >= len([c for c in r.cells if not c.derived]) + len(r.figures)


def test_every_cell_and_figure_box_of_generated_pdfs_holds_its_raw_text(tmp_path):
    if not HAS_SOFFICE:
        pytest.skip("LibreOffice is not installed (generated PDFs need LibreOffice)")
    from report_parser.synth import generate

    # pre2019 (statistics table), gb2019 and gb2021 years, with defects drawn in.
    generate(tmp_path, orgs=4, years="2016,2018,2020,2022,2024", formats=("pdf",), seed=5, defects=0.3)
    pdfs = sorted((tmp_path / "docs").glob("*.pdf"))
    assert len(pdfs) == 20
    total, problems = 0, []
    for n, p in enumerate(pdfs):
        r = parse_file(p, {"strict": True})
        assert all(c.box_source == "pdf" for c in r.cells if c.box)
        checked, bad = box_mismatches(p, r, pdfium=n % 5 == 0)
        total += checked
        problems += bad
    assert not problems, "\n".join(problems[:20])
    assert total > 2000


def test_raw_spaces_are_the_breaks_normalisation_took_away(tmp_path):
    from report_parser import readers

    path = tmp_path / "flat.txt"
    path.write_text("首页 > 年报 > 管委会 岚江开发区管理委员会2016年报告 一、概述 我区推进公开。", encoding="utf-8")
    doc = readers.read(path)
    text = doc.text
    got = positions.raw_spaces(doc, 0, len(text))
    # the spaces before 岚江, 一、 and 我区 sat between two CJK characters: gone from the text, kept as breaks
    assert [text[k:k + 2] for k in got] == ["岚江", "一、", "我区"]
    assert "管委会岚江" in text and "概述我区" in text
    # a window that holds neither break finds none
    assert positions.raw_spaces(doc, 0, text.index("管委会")) == []


def test_a_pdf_paragraphs_line_wraps_are_no_raw_spaces():
    # a PDF paragraph keeps its printed lines in raw, apart by line breaks: where a line wrapped is no space the
    # author typed (taken for one, it cut …条例》和市府办… after the word that ended a line); the typed space stays one
    from report_parser.model import PARAGRAPH, Block, Document, Provenance

    raw = "一、总体情况 根据《政府信息公开条例》\n和市政府有关文件精神,本镇积极公开。"
    text = "一、总体情况根据《政府信息公开条例》和市政府有关文件精神,本镇积极公开。"
    for fmt, expected in (("pdf", ["根据"]), ("txt", ["根据", "和市"])):
        doc = Document(f"t.{fmt}", "0" * 64, fmt, None, [Block(PARAGRAPH, text, raw, Provenance(index=0))]).finalise()
        assert [doc.text[k:k + 2] for k in positions.raw_spaces(doc, 0, len(doc.text))] == expected, fmt
