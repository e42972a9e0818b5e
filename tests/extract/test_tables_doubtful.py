"""OCR'd cells that break the template's identities are marked doubtful and kept as read."""
from __future__ import annotations

import pytest

from report_parser import model
from report_parser.extract import tables

HEAD = [["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        ["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果",
         "尚未审结", "总计"]]


def _doc(values: list[str], ocr: bool) -> model.Document:
    rows = HEAD + [values]
    covered = [[v == "" for v in r] for r in rows]
    doc = model.Document(path="/x/scan.pdf", sha256="0", format="pdf")
    doc.blocks = [
        model.Block(kind=model.HEADING, text="五、政府信息公开行政复议、行政诉讼情况", raw="", level=1,
                    prov=model.Provenance(page=1, ocr=ocr)),
        model.Block(kind=model.TABLE, text="", raw="", rows=rows, rows_raw=rows, covered=covered,
                    row_pages=[1] * len(rows), prov=model.Provenance(page=1, index=1, ocr=ocr))]
    return doc.finalise()


@pytest.mark.parametrize("ocr", [True, False])
def test_a_broken_row_sum_marks_the_ocrd_cells_and_keeps_the_values(ocr):
    # 复议 2 + 1 + 0 + 0 printed with 总计 8 (a misread 3); the two litigation groups add up.
    values = ["2", "1", "0", "0", "8", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]
    res = tables.extract(_doc(values, ocr))
    by = {c.key: c for c in res.cells}
    assert by["s4.review.total"].value == "8"  # kept as read, never repaired
    review = [c for k, c in by.items() if k.startswith("s4.review.")]
    assert len(review) == 5
    assert all(c.doubtful for c in review) == ocr
    assert not any(c.doubtful for k, c in by.items() if not k.startswith("s4.review."))
    assert any(code == "OCR_DOUBTFUL_CELLS" for code, _, _ in res.issues) == ocr


def test_identities_that_hold_leave_no_doubt():
    values = ["2", "1", "0", "0", "3", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]
    res = tables.extract(_doc(values, True))
    assert res.cells and not any(c.doubtful for c in res.cells)
    assert all(c.ocr for c in res.cells)
