"""Glued digit runs (cells printed with no separator) are split only when one split satisfies the template's identities."""
from __future__ import annotations

from pathlib import Path

import pytest

from report_parser import model
from report_parser.evaluate import one_line
from report_parser.extract import skeleton, splitrun, tables

S3_COLS = [c.key for c in skeleton.skeletons()["gb2021"]["s3"].cols]
S3_SUMS = skeleton.skeletons()["gb2021"]["s3"].row_sums
S3_HEAD = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况"


def _extract(text: str) -> tables.TableResult:
    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text.split("\n") if line.strip()]
    return tables.extract(model.Document(path="t", sha256="0", format="txt", blocks=blocks).finalise(), [])


def _glued(label: str, vals: list[int]) -> str:
    return label + "".join(map(str, vals))


@pytest.mark.parametrize("run,cols,sums,want", [
    ("1203", ["a", "b", "c"], {}, [["1", "20", "3"], ["12", "0", "3"]]),  # the issue's example: two splits
    ("000", ["a", "b", "c"], {}, [["0", "0", "0"]]),  # n digits for n columns: one split
    ("1000001", S3_COLS, S3_SUMS, [["1", "0", "0", "0", "0", "0", "1"]]),
    ("200000020", S3_COLS, S3_SUMS, [["20", "0", "0", "0", "0", "0", "20"]]),  # 2|00… has a leading zero
    ("110000011", S3_COLS, S3_SUMS, [["1", "10", "0", "0", "0", "0", "11"], ["11", "0", "0", "0", "0", "0", "11"]]),
    ("1000002", S3_COLS, S3_SUMS, []),  # no split sums: not a row of this table
    ("12", ["a", "b", "c"], {}, []),  # fewer digits than cells
])
def test_splits_lists_every_split_that_satisfies_the_row(run, cols, sums, want):
    assert sorted(splitrun.splits(run, cols, sums)) == sorted(want)


def test_too_many_splits_to_try_is_unknown_not_an_answer(monkeypatch):
    monkeypatch.setattr(splitrun, "MAX_NODES", 50)
    assert splitrun.splits("1" * 30, ["a"] * 10, {}) is None


def test_a_unique_split_is_read_and_marked():
    # 20 / 0… / 20: the only split whose total column is the sum of the six applicant columns
    res = _extract(S3_HEAD + "\n" + _glued("一、本年新收政府信息公开申请数量", [20, 0, 0, 0, 0, 0, 20]))
    got = {c.key: (c.value, c.raw, c.derived_by) for c in res.cells if c.key.startswith("s3.new_received.")}
    assert got["s3.new_received.natural_person"] == ("20", "20", "constraint")
    assert got["s3.new_received.total"] == ("20", "20", "constraint")
    assert {v for v, _, _ in got.values()} == {"20", "0"}
    q = next(q for q in res.quality if q.table == "s3")
    assert q.runs == [{"row": "new_received", "run": "200000020", "splits": 1, "read": True}]


def test_an_ambiguous_split_stays_null_and_flags_the_table():
    # 110000011: 11 / 0 … / 11 or 1 / 10 / 0 … / 11, and no other row of the table tells which
    res = _extract(S3_HEAD + "\n" + _glued("一、本年新收政府信息公开申请数量", [11, 0, 0, 0, 0, 0, 11]))
    cells = [c for c in res.cells if c.key.startswith("s3.new_received.")]
    assert len(cells) == 7 and all(c.value is None and c.raw == "110000011" and c.derived_by is None for c in cells)
    q = next(q for q in res.quality if q.table == "s3")
    assert q.status == "degraded"
    assert q.runs == [{"row": "new_received", "run": "110000011", "splits": 2, "read": False}]


def _s3_rows(received: list[int], glue: set[str]) -> str:
    # new_received + carry_over = result_total + carry_forward, per column (the caption's identity)
    zero = [0] * 7
    rows = [("一、本年新收政府信息公开申请数量", "new_received", received), ("二、上年结转政府信息公开申请数量", "carry_over", zero),
            ("（一）予以公开", "result_open", received), ("（七）总计", "result_total", received),
            ("四、结转下年度继续办理", "carry_forward", zero)]
    return "\n".join(_glued(lab, v) if key in glue else lab + " " + " ".join(map(str, v)) for lab, key, v in rows)


def test_the_column_identities_settle_a_run_the_row_alone_does_not():
    vals = [11, 0, 0, 0, 0, 0, 11]
    res = _extract(S3_HEAD + "\n" + _s3_rows(vals, {"new_received"}))
    got = {c.key: (c.value, c.derived_by) for c in res.cells if c.key.startswith("s3.new_received.")}
    assert got["s3.new_received.natural_person"] == ("11", "constraint")
    assert got["s3.new_received.commercial_enterprise"] == ("0", "constraint")
    q = next(q for q in res.quality if q.table == "s3")
    assert q.runs == [{"row": "new_received", "run": "110000011", "splits": 2, "read": True}]


def test_two_ambiguous_rows_that_fit_each_other_both_ways_stay_null():
    # new_received and result_total glued alike: 11/0 and 1/10 balance the columns either way
    vals = [11, 0, 0, 0, 0, 0, 11]
    text = S3_HEAD + "\n" + _s3_rows(vals, {"new_received", "result_total"}).replace("（一）予以公开 11 0 0 0 0 0 11\n", "")
    res = _extract(text)
    assert all(c.value is None for c in res.cells if c.key.startswith(("s3.new_received.", "s3.result_total.")))
    assert next(q for q in res.quality if q.table == "s3").status == "degraded"


def test_the_s4_row_splits_by_its_three_group_totals():
    vals = [10, 2, 0, 1, 13, 0, 0, 0, 0, 0, 1, 1, 0, 0, 2]
    res = _extract("行政复议\n行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n" + "".join(map(str, vals)))
    got = {c.key: c.value for c in res.cells if c.key.startswith("s4.")}
    assert got["s4.review.upheld"] == "10" and got["s4.review.total"] == "13"
    assert got["s4.litigation_after_review.total"] == "2"
    assert all(c.derived_by == "constraint" for c in res.cells if c.key.startswith("s4."))


def test_a_glued_table_is_not_read_as_prose_figures():
    # `本年新收政府信息公开申请数量120000012` must not give a 120000012 applications figure
    text = ("某县2022年政府信息公开工作年度报告\n一、总体情况\n全年收到申请12件。\n三、收到和处理政府信息公开申请情况\n"
            + S3_HEAD + "\n" + _glued("一、本年新收政府信息公开申请数量", [12, 0, 0, 0, 0, 0, 12]))
    from report_parser import pipeline

    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text.split("\n")]
    rep = pipeline.parse_document(model.Document(path="t.txt", sha256="0", format="txt", blocks=blocks).finalise())
    assert all(f.value != "120000012" for f in rep.figures)
    assert rep.metrics.get("requests.received") == "12"


# ---- the synthetic corpus in the spaced and glued txt styles --------------------------------------

def test_synth_glues_a_row_only_when_its_digits_split_back_one_way():
    from report_parser.synth import render_txt

    assert render_txt._unique("s3", ["20", "0", "0", "0", "0", "0", "20"])
    assert not render_txt._unique("s3", ["11", "0", "0", "0", "0", "0", "11"])  # 1 / 10 / … / 11 fits too
    assert render_txt._unique("s2.art20_1", ["0", "1", "2"])
    assert not render_txt._unique("s2.art20_1", ["1", "20", "3"])  # 12 / 0 / 3 also


@pytest.fixture(scope="module")
def flat_corpus(tmp_path_factory):
    import json

    from report_parser import synth

    out = tmp_path_factory.mktemp("flat")
    synth.generate(out, 8, range(2015, 2025), ["txt"], 3, 0.0)
    return out, [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "truth").glob("*.json"))]


def test_spaced_and_glued_synth_reports_give_every_truth_cell(flat_corpus):
    from report_parser import pipeline

    out, docs = flat_corpus
    docs = [d for d in docs if d["layout"]["txt_style"] in ("spaced", "glued")]
    assert {d["layout"]["txt_style"] for d in docs} == {"spaced", "glued"}
    marked = 0
    for d in docs:
        rep = pipeline.parse_file(out / d["source"]["path"])
        got = {c.key: c.value for c in rep.cells if not c.derived}
        assert got == {c["key"]: c["value"] for c in d["cells"]}, d["source"]["path"]
        marked += sum(c.derived_by == "constraint" for c in rep.cells)
        assert not any(i.code.startswith("TABLE_") for i in rep.issues), d["source"]["path"]
    assert marked > 0  # the glued ones were read by splitting their runs


def test_a_null_marker_glued_to_its_label_by_the_normaliser_is_the_first_cell():
    # `3.危及“三安全一稳定” / / … 0` loses the space after `”` in normalisation: `…稳定”/ / / / / / 0`
    res = _extract(S3_HEAD + "\n3.危及“三安全一稳定” / / / / / / 0\n规章（设区的市级填写） / / /")
    got = {c.key: (c.value, c.raw) for c in res.cells if ".security_stability." in c.key}
    assert got["s3.not_open.security_stability.natural_person"] == (None, "/")
    assert got["s3.not_open.security_stability.total"] == ("0", "0")
    assert len(got) == 7


@pytest.mark.parametrize("line", ["规章（设区的市级填写） 1000", "规章（设区的市级填写） 120"])
def test_a_run_printed_after_a_space_is_one_cell_even_when_the_normaliser_drops_the_space(line):
    # `规章（…） 1000`: one cell (its blank neighbours dropped), normalised to `规章(…)1000`; splitting it
    # (10 / 0 / 0, the one split without a leading zero) would invent two cells
    res = _extract("第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n" + line + "\n行政规范性文件 1 2 3")
    assert not any(".regulation." in c.key for c in res.cells)
    assert next(q for q in res.quality if q.table == "s2.art20_1").rows_missing == ["regulation"]


def test_the_same_run_glued_in_print_is_split():
    res = _extract("第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章（设区的市级填写）1000\n行政规范性文件 1 2 3")
    got = {c.key: (c.value, c.derived_by) for c in res.cells if ".regulation." in c.key}
    assert got == {"s2.art20_1.regulation.issued": ("10", "constraint"),
                   "s2.art20_1.regulation.repealed": ("0", "constraint"),
                   "s2.art20_1.regulation.in_force": ("0", "constraint")}


def test_a_report_flattened_onto_one_line_gives_only_true_cells(flat_corpus, tmp_path):
    # Every style joined into one line (a scraper that dropped every line break): rows that kept all
    # their cells are read, rows that lost a blank cell are left out, and no value is ever wrong.
    from decimal import Decimal

    from report_parser import pipeline

    out, docs = flat_corpus
    right = total = legacy = 0
    for d in docs:
        text = (out / d["source"]["path"]).read_text(encoding="utf-8")
        p = tmp_path / Path(d["source"]["path"]).name
        p.write_text(one_line(text), encoding="utf-8")
        truth = {c["key"]: c["value"] for c in d["cells"]}
        for c in pipeline.parse_file(p).cells:
            if c.derived:
                continue
            assert c.key in truth, (p.name, c.key)
            exp = truth[c.key]
            assert (c.value is None and exp is None) or Decimal(c.value) == Decimal(exp), (p.name, c.key, c.value, exp)
            right += 1
            legacy += c.key.startswith("legacy.")
        total += len(truth)
    assert right > total / 2 and legacy > 0  # the pre2019 附表 too


_PROSE58 = "本机关认真贯彻落实条例要求，全年主动公开政府信息58条，收到申请3件，均已按时答复。" * 6


def _one_line_page(tmp_path, table: str):
    """The record of a page flattened to one line: prose, part 二's heading, `table`, part 三 cut short."""
    from report_parser import pipeline

    p = tmp_path / "one_line.txt"
    p.write_text(_PROSE58 + " 二、主动公开政府信息情况 " + table + " 三、收到和处理政府信息公开申请情况 该部分略", encoding="utf-8")
    return pipeline.parse_file(p)


def test_a_one_line_page_with_prose_glued_to_the_caption_reads_its_table_and_keeps_the_prose(tmp_path):
    # the normaliser drops the spaces between CJK words, gluing the heading to the caption and the
    # header cells to the first row label; only six numbers, but a caption says it is a table
    rep = _one_line_page(tmp_path, "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 0 0 "
                                   "行政规范性文件 4 1 12")
    got = {c.key: c.value for c in rep.cells}
    assert got["s2.art20_1.normative_doc.in_force"] == "12" and got["s2.art20_1.regulation.issued"] == "0"
    assert len(got) == 6
    assert rep.metrics.get("active.items") == "58"  # the prose before the table is still prose


def test_a_long_prose_stretch_ending_in_label_words_is_not_read_as_one_label(tmp_path):
    # prose that happens to hold 规章/行政许可/其他/总计, run into the caption: a tolerant look-up of the
    # whole stretch would take it for a label and lose the table behind it
    prose = "本机关认真贯彻落实条例要求全年主动公开政府信息，收到申请，均已按时答复规章行政许可其他总计。" * 60
    line = ("青溪县白沙镇人民政府2022年政府信息公开工作年度报告 一、总体情况 " + prose + " 第二十条第（一）项 信息内容 "
            "本年制发件数 本年废止件数 现行有效件数 规章 0 0 0 行政规范性文件 4 1 12 " + prose)
    p = tmp_path / "one_line.txt"
    p.write_text(line, encoding="utf-8")
    from report_parser import pipeline

    got = {c.key: c.value for c in pipeline.parse_file(p).cells}
    assert got == {f"s2.art20_1.{r}.{c}": v for (r, c), v in zip(
        [(r, c) for r in ("regulation", "normative_doc") for c in ("issued", "repealed", "in_force")],
        ["0", "0", "0", "4", "1", "12"])}


def test_a_one_line_pages_header_in_its_own_words_still_lets_the_first_row_be_read(tmp_path):
    # a header cell the template does not word so (本年增减数 for 本年增/减) glued by the normaliser to the known
    # labels around it and to the first row's label: the file's spaces say where each cell ended
    rep = _one_line_page(tmp_path, "第二十条第（五）项 信息内容 上一年项目数量 本年增减数 处理决定数量 行政许可 7 0 31 "
                                   "其他对外管理服务事项 2 1 5")
    got = {c.key: c.value for c in rep.cells}
    assert got["s2.art20_5.admin_license.prev_items"] == "7" and got["s2.art20_5.admin_license.decisions"] == "31"
    assert got["s2.art20_5.other_admin_service.decisions"] == "5"
