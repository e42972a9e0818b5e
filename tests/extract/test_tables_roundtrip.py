"""Generated round trips: random tables obeying the cross-checks come back exact from text, .docx and PDF."""
from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from report_parser import readers
from report_parser.evaluate import one_line
from report_parser.extract import tables
from test_tables_gen import STYLES, derived_sums, expected, report_text, values, write_docx

TEMPLATES = ("gb2019", "gb2021")
SEEDS = (0, 1, 2)


def _check(doc, template: str, vals: dict[str, str]) -> None:
    result = tables.extract(doc, [])
    got = {c.key: c.value for c in result.cells if not c.derived}
    want = expected(template, vals)
    assert {k: got.get(k) for k in want} == want
    assert sorted(set(got) - set(want)) == []
    assert result.era == template
    assert [q.table for q in result.quality if q.status != "matched"] == []
    assert {c.template for c in result.cells} == {template}


def _read_text(tmp_path: Path, text: str):
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    return readers.read(p)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed{s}")
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("template", TEMPLATES)
def test_tables_flattened_into_text_come_back_exact(tmp_path, template, style, seed):
    vals = values(template, random.Random(seed), digits=1 if style == "glued" else None)
    _check(_read_text(tmp_path, report_text(template, vals, style)), template, vals)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed{s}")
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("template", TEMPLATES)
def test_the_same_reports_joined_into_one_line_come_back_exact(tmp_path, template, style, seed):
    # the whole page on one line, as a scraper that dropped every <p> and <tr> gives it: the normaliser then joins the
    # CJK words across the spaces that were line breaks (headers to the prose before them, a heading to a table's
    # first header cell, a glued row to the header row before it), and the file's spaces say where they were
    vals = values(template, random.Random(seed), digits=1 if style == "glued" else None)
    text = one_line(report_text(template, vals, style))
    _check(_read_text(tmp_path, text), template, vals)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed{s}")
@pytest.mark.parametrize("template", TEMPLATES)
def test_docx_tables_with_merged_cells_come_back_exact(tmp_path, template, seed):
    vals = values(template, random.Random(seed))
    write_docx(tmp_path / "r.docx", template, vals)
    _check(readers.read(tmp_path / "r.docx"), template, vals)


@pytest.mark.parametrize("template", TEMPLATES)
def test_group_subtotals_are_derived_and_marked(tmp_path, template):
    vals = values(template, random.Random(7))
    write_docx(tmp_path / "r.docx", template, vals)
    cells = tables.extract(readers.read(tmp_path / "r.docx"), []).cells
    derived = {c.key: c.value for c in cells if c.derived}
    assert derived == derived_sums(template, vals)
    assert all(c.raw == "" for c in cells if c.derived)


# (template, seed, s3 header rows repeated on every page)
PDF_CASES = [(t, s, False) for t in TEMPLATES for s in (0, 1)] + [(t, 5, True) for t in TEMPLATES]


@pytest.fixture(scope="module")
def lo_pdfs(tmp_path_factory):
    """All round-trip .docx files converted to PDF in one LibreOffice call."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    d = tmp_path_factory.mktemp("lo")
    docs = []
    for t, s, rep in PDF_CASES:
        write_docx(d / f"{t}-{s}.docx", t, values(t, random.Random(s)), repeat_header=rep)
        docs.append(str(d / f"{t}-{s}.docx"))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{d / 'profile'}", "--convert-to", "pdf",
                    "--outdir", str(d), *docs], check=True, capture_output=True, timeout=300)
    return d


@pytest.mark.libreoffice
@pytest.mark.parametrize("template,seed,repeat", PDF_CASES,
                         ids=[f"{t}-seed{s}" + ("-repeated-header" if r else "") for t, s, r in PDF_CASES])
def test_pdf_tables_from_libreoffice_come_back_exact(lo_pdfs, template, seed, repeat):
    vals = values(template, random.Random(seed))
    _check(readers.read(lo_pdfs / f"{template}-{seed}.pdf"), template, vals)


@pytest.mark.parametrize("hrules", (False, True), ids=("unruled", "horizontal-rules-only"))
@pytest.mark.parametrize("seed", (0, 1), ids=lambda s: f"seed{s}")
@pytest.mark.parametrize("template", TEMPLATES)
def test_unruled_pdf_tables_come_back_exact_from_word_positions(tmp_path, template, seed, hrules):
    from test_tables_gen import write_pdf_unruled

    vals = values(template, random.Random(seed))
    write_pdf_unruled(tmp_path / "r.pdf", template, vals, hrules)
    _check(readers.read(tmp_path / "r.pdf"), template, vals)


@pytest.mark.parametrize("wrap", ("first", "last"), ids=("numbers-on-first-line", "numbers-on-last-line"))
@pytest.mark.parametrize("template", TEMPLATES)
def test_unruled_pdf_labels_wrapped_over_two_lines(tmp_path, template, wrap):
    from test_tables_gen import write_pdf_unruled

    vals = values(template, random.Random(5))
    write_pdf_unruled(tmp_path / "r.pdf", template, vals, wrap=wrap)
    _check(readers.read(tmp_path / "r.pdf"), template, vals)


# (template, s3 row broken across the page): a group's first sub-row (the group label breaks too), a
# middle sub-row (the group cell continues empty), rows spanning the label columns.
BROKEN_ROWS = [("gb2021", "other_handling.no_correction"), ("gb2021", "not_open.third_party"),
               ("gb2021", "carry_over"), ("gb2019", "not_processed.petition"), ("gb2019", "result_partial"),
               ("gb2019", "not_open.state_secret"), ("gb2021", "result_open"), ("gb2021", "carry_forward")]


@pytest.mark.parametrize("numbers", ("first", "second"), ids=("numbers-before-the-break", "numbers-after-the-break"))
@pytest.mark.parametrize("ruled", (True, False), ids=("ruled", "unruled"))
@pytest.mark.parametrize("template,row", BROKEN_ROWS, ids=[f"{t}-{r}" for t, r in BROKEN_ROWS])
def test_pdf_row_label_broken_across_a_page_keeps_its_cells(tmp_path, template, row, ruled, numbers):
    from test_tables_gen import write_pdf_ruled, write_pdf_unruled

    vals = values(template, random.Random(11))
    if ruled:
        write_pdf_ruled(tmp_path / "r.pdf", template, vals, broken=row, numbers=numbers)
    else:
        write_pdf_unruled(tmp_path / "r.pdf", template, vals, broken=row, wrap="first" if numbers == "first" else "last")
    doc = readers.read(tmp_path / "r.pdf")
    # The s3 table is really cut by the page break: its caption and the s4 table lie on different pages.
    pages = {b.prov.page for b in doc.blocks if "收到和处理政府信息公开申请" in b.text or (b.rows and b.rows[0][0] == "行政复议")}
    assert len(pages) == 2
    _check(doc, template, vals)


def test_prose_with_spaced_numbers_is_not_taken_for_a_table(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "p.pdf"))
    c.setFont("STSong-Light", 11)
    for k, text in enumerate(["全年在政府网站发布各类信息 1136 条，公开政府常务会议 7 期，", "解读信息发布 7 条，受理申请 17 件。",
                              "地址：洪泽湖大道 90 号，邮编：223100，电话：0517-87290606。"]):
        c.drawString(60, 760 - 18 * k, text)
    c.save()
    doc = readers.read(tmp_path / "p.pdf")
    assert [b.kind for b in doc.blocks if b.kind == "table"] == []


@pytest.mark.parametrize("seed", (0, 1), ids=lambda s: f"seed{s}")
@pytest.mark.parametrize("template", TEMPLATES)
def test_html_tables_with_rowspan_and_colspan_come_back_exact(tmp_path, template, seed):
    from test_tables_gen import html_report

    vals = values(template, random.Random(seed))
    (tmp_path / "r.html").write_text(html_report(template, vals), encoding="utf-8")
    _check(readers.read(tmp_path / "r.html"), template, vals)


def test_mixed_template_single_other_handling_row_in_a_gb2021_report(tmp_path):
    """gb2021 s2 tables with a gb2019-style s3 (（六）其他处理 as one row), as in the real 洪泽区 PDFs."""
    from test_tables_gen import flatten, grids

    v21, v19 = values("gb2021", random.Random(3)), values("gb2019", random.Random(3))
    text = "\n".join(["二、主动公开政府信息情况", flatten(grids("gb2021", v21)[0], "pipe"),
                      "三、收到和处理政府信息公开申请情况", flatten(grids("gb2019", v19)[1], "pipe")])
    res = tables.extract(_read_text(tmp_path, text), [])
    s3 = {c.key: c for c in res.cells if c.table == "s3"}
    assert res.era == "gb2021"
    assert {c.template for c in s3.values()} == {"gb2021"}
    assert s3["s3.other_handling.total.total"].value == v19["s3.other_handling.total.total"]
    assert not s3["s3.other_handling.total.total"].derived
    assert [q.status for q in res.quality if q.table == "s3"] == ["matched"]


def test_group_label_floating_between_its_sub_rows(tmp_path):
    from test_tables_gen import flatten, grids

    vals = values("gb2021", random.Random(4))
    lines = flatten(grids("gb2021", vals)[1], "lines").split("\n")
    # Move （三）不予公开 from before sub-row 1 to between sub-rows 4 and 5, as pdftotext -layout prints it.
    g = lines.index("（三）不予公开")
    lines.pop(g)
    at = lines.index("5.属于三类内部事务信息")
    lines.insert(at, "（三）不予公开")
    res = tables.extract(_read_text(tmp_path, "\n".join(lines)), [])
    got = {c.key: c.value for c in res.cells if not c.derived}
    want = {k: v for k, v in expected("gb2021", vals).items() if k.startswith("s3.")}
    assert got == want


def _with_markers(template: str, seed: int) -> dict[str, str]:
    """Values where some s2 cells print a null marker (s2 has no cross-check to break)."""
    rng = random.Random(seed)
    vals = values(template, rng)
    for k in sorted(vals):
        if k.startswith("s2.") and rng.random() < 0.4:
            vals[k] = rng.choice(["-", "/", "—", "无"])
    return vals


@pytest.mark.parametrize("source", ["pipe", "markdown", "lines", "blank", "bar_lines", "tab", "docx", "html"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_null_markers_come_back_as_null_with_their_raw_text(tmp_path, template, source):
    from test_tables_gen import html_report

    vals = _with_markers(template, 11)
    if source == "docx":
        write_docx(tmp_path / "r.docx", template, vals)
        doc = readers.read(tmp_path / "r.docx")
    elif source == "html":
        (tmp_path / "r.html").write_text(html_report(template, vals), encoding="utf-8")
        doc = readers.read(tmp_path / "r.html")
    else:
        doc = _read_text(tmp_path, report_text(template, vals, source))
    cells = {c.key: c for c in tables.extract(doc, []).cells if not c.derived}
    markers = {k: v for k, v in vals.items() if v in ("-", "/", "—", "无")}
    assert markers
    assert {k: (cells[k].value, cells[k].raw) for k in markers} == {k: (None, v) for k, v in markers.items()}
    assert {k: cells[k].value for k in vals if k not in markers} == {
        k: v for k, v in expected(template, vals).items() if k not in markers}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed{s}")
@pytest.mark.parametrize("style", ["tab", "markdown"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_blank_edge_cells_stay_blank_and_never_shift_their_neighbours(tmp_path, template, style, seed):
    # A web table copied to a text editor prints a blank cell as nothing between two separators, first and
    # last cells included. Tabs and markdown rows delimit every cell, so blanks come back in place.
    rng = random.Random(100 + seed)
    vals = values(template, rng)
    blanks = sorted(rng.sample([k for k in sorted(vals) if k.startswith(("s2.", "s4."))], 8))
    for k in blanks:
        vals[k] = ""
    cells = {c.key: c for c in tables.extract(_read_text(tmp_path, report_text(template, vals, style)), []).cells
             if not c.derived}
    assert {k: (cells[k].value, cells[k].raw) for k in blanks} == {k: (None, "") for k in blanks}
    assert {k: cells[k].value for k in vals if k not in blanks} == {
        k: v for k, v in expected(template, vals).items() if k not in blanks}


@pytest.mark.parametrize("seed", range(6), ids=lambda s: f"seed{s}")
@pytest.mark.parametrize("template", TEMPLATES)
def test_a_blank_first_value_of_an_s2_pipe_row_keeps_its_column(tmp_path, template, seed):
    # `行政处罚 |  | 24 | 104 | |||`: s2 tables have one label column, so the blank after the label is a
    # printed value and the stray blanks are the ragged end (s3 labels merged over columns differ: below).
    rng = random.Random(200 + seed)
    vals = values(template, rng)
    blanks = sorted(rng.sample([k for k in sorted(vals) if k.startswith("s2.")], 5))
    for k in blanks:
        vals[k] = ""
    cells = {c.key: c for c in tables.extract(_read_text(tmp_path, report_text(template, vals, "pipe")), []).cells
             if not c.derived}
    assert {k: (cells[k].value, cells[k].raw) for k in blanks} == {k: (None, "") for k in blanks}
    assert {k: cells[k].value for k in vals if k not in blanks} == {
        k: v for k, v in expected(template, vals).items() if k not in blanks}


def test_a_value_only_row_with_blanks_at_both_edges_is_left_unread_not_shifted(tmp_path):
    # ` |  | 1 | 15 | … | 6 | |||`: the opening pipe may delimit the row or follow a blank first cell, and
    # the ragged end may or may not hold a blank last cell. The s4 row cannot be placed: it is left unread.
    rng = random.Random(7)
    vals = values("gb2021", rng)
    for k in ("s4.review.upheld", "s4.review.corrected"):
        vals[k] = ""
    res = tables.extract(_read_text(tmp_path, report_text("gb2021", vals, "pipe")), [])
    s4 = {c.key: c.value for c in res.cells if c.key.startswith("s4.") and not c.derived}
    assert s4 == {} and [q.status for q in res.quality if q.table == "s4"] == ["degraded"]


def test_traditional_character_tables_match_through_the_normalised_grid(tmp_path):
    from opencc import OpenCC

    from test_tables_gen import html_report

    vals = values("gb2021", random.Random(1))
    (tmp_path / "t.html").write_text(OpenCC("s2t").convert(html_report("gb2021", vals)), encoding="utf-8")
    _check(readers.read(tmp_path / "t.html"), "gb2021", vals)
