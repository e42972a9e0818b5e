"""Cell values and label variants, one case per row."""
from __future__ import annotations

import pytest

from report_parser.extract import cellvalue, skeleton, tables
from report_parser import model

VALUES = [
    # raw, value, unit (column unit None), numeric-or-null
    ("0", "0", None, True),
    ("12", "12", None, True),
    ("", None, None, True),
    ("-", None, None, True),
    ("/", None, None, True),
    ("—", None, None, True),
    ("——", None, None, True),
    ("无", None, None, True),
    ("+1036", "1036", None, True),
    ("-8", "-8", None, True),
    ("160.5964万元", "160.5964", "万元", True),
    ("251000元", "251000", "元", True),
    ("1,234", "1234", None, True),
    ("１２", "12", None, True),
    ("1 136", "1136", None, True),
    ("0.12", "0.12", None, True),
    ("见附件", None, None, False),
    ("12件", "12", None, True),
    ("增10", "10", None, True),
    ("减3", "-3", None, True),
    ("减少12", "-12", None, True),
    ("31批次", "31", None, True),
    ("16368(件)", "16368", None, True),
    ("211.509万", "211.509", "万元", True),
    ("12)", None, None, False),
    ("减", None, None, False),
]


@pytest.mark.parametrize("raw,value,unit,ok", VALUES, ids=[repr(v[0]) for v in VALUES])
def test_cell_value_is_exact_and_null_markers_are_never_zero(raw, value, unit, ok):
    assert cellvalue.parse(raw) == (value, unit, ok)


def test_column_unit_applies_when_the_cell_has_none():
    assert cellvalue.parse("7730.28", "万元") == ("7730.28", "万元", True)


LABELS = [
    ("商业 企业", "s3", "col", "commercial_enterprise"),
    ("商业\n企业", "s3", "col", "commercial_enterprise"),
    ("本年新\n制作数量", "s2.art20_1", "col", "new_made"),
    ("2.其他法律行政止公开", "s3", "row", "not_open.law_prohibited"),
    ("3.危及\"三安全一稳定\"", "s3", "row", "not_open.security_stability"),
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "s3", "row", "result_partial"),
    ("（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）", "s3", "row", "result_partial"),
    ("规章(设区的市及以上人民政府应提供相关数据)", "s2.art20_1", "row", "regulation"),
    ("本年(2023)制发件数", "s2.art20_1", "col", "issued"),
    ("处理决定数量 (指2019年办件量)", "s2.art20_5", "col", "decisions"),
    ("本年收费金额(单位:万元)", "s2.art20_8", "col", "fee_amount_wan"),
    ("三\n、\n本\n年\n度\n办\n理\n结\n果", "s3", "header", "三、本年度办理结果"),
    ("4.无正当理由大量反复 申请", "s3", "row", "not_processed.mass_repeat"),
    ("5.要求行政机关确认或重 新出具\n已获取信息", "s3", "row", "not_processed.confirm_reissue"),
    ("第二十条第(九)项", "s2.art20_9", "anchor", "第二十条第（九）项"),
    ("总 计", "s4", "col", "review.total"),
    ("第二十条第一项", "s2.art20_1", "anchor", "第二十条第（一）项"),
    ("本年新收政府信息公开申请数量", "s3", "row", "new_received"),
    ("本年制发数量", "s2.art20_1", "col", "issued"),
    ("现行有效数量", "s2.art20_1", "col", "in_force"),
    ("结转下年度继续办理", "s3", "row", "carry_forward"),
    ("(七)总计", "s3", "row", "result_total"),
    ("其他对外管理服务事项(指行政许可以外的事项)", "s2.art20_5", "row", "other_admin_service"),
    # a definition after a colon, however long (invented wording)
    ("规章:指设区的市以上人民政府依照法定权限和程序制定、在本行政区域内施行的规定和办法,名称一般称规定或者办法,"
     "不得称条例,其效力低于法律和行政法规。", "s2.art20_1", "row", "regulation"),
    ("行政处罚：依法给予违法的公民、法人或者其他组织的惩戒", "s2.art20_6", "row", "admin_penalty"),
]


@pytest.mark.parametrize("printed,table,kind,key", LABELS, ids=[v[0].replace("\n", "⏎") for v in LABELS])
def test_label_variants_match_their_skeleton_entry(printed, table, kind, key):
    found = skeleton.index().lookup_tolerant(skeleton.norm(printed))
    assert (table, kind, key) in {(e.table, e.kind, e.key) for e in found}


def test_a_header_cut_in_half_matches_both_columns_it_could_be():
    found = skeleton.index().lookup_tolerant(skeleton.norm("本年新"))
    assert {e.key for e in found if e.table == "s2.art20_1"} == {"new_made", "new_published"}


@pytest.mark.parametrize("printed", ["其他", "行政", "公开", "2.重复", "信息"])
def test_short_fragments_do_not_match_row_labels_fuzzily(printed):
    found = skeleton.index().lookup_tolerant(skeleton.norm(printed))
    assert not [e for e in found if e.kind == "row"]


def _doc(rows: list[list[str]]) -> model.Document:
    b = model.Block(kind=model.TABLE, text="", raw="", rows=rows, rows_raw=rows,
                    covered=[[False] * len(r) for r in rows], row_pages=[3] * len(rows),
                    prov=model.Provenance(page=3))
    return model.Document(path="t", sha256="0", format="docx", blocks=[b]).finalise()


GRID_NULLS = [("", None), ("-", None), ("/", None), ("—", None), ("无", None), ("0", "0"), ("7", "7")]


@pytest.mark.parametrize("raw,value", GRID_NULLS, ids=[repr(v[0]) for v in GRID_NULLS])
def test_grid_null_markers_keep_their_raw_text(raw, value):
    doc = _doc([["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", raw, "1", "2"], ["行政规范性文件", "0", "0", "0"]])
    res = tables.extract(doc, [])
    cell = next(c for c in res.cells if c.key == "s2.art20_1.regulation.issued")
    assert (cell.value, cell.raw, cell.page, cell.template) == (value, raw, 3, "gb2021")
    assert cell.label == ["规章", "本年制发件数"]
    assert res.quality[0].status == "matched"


def test_non_numeric_cell_degrades_the_table_but_keeps_every_cell():
    doc = _doc([["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", "见附件", "1", "2"], ["行政规范性文件", "0", "0", "0"]])
    res = tables.extract(doc, [])
    q = res.quality[0]
    assert (q.status, q.non_numeric) == ("degraded", ["s2.art20_1.regulation.issued"])
    assert len(res.cells) == 6


def test_missing_row_is_reported():
    doc = _doc([["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", "0", "1", "2"]])
    q = tables.extract(doc, []).quality[0]
    assert (q.status, q.rows_missing) == ("degraded", ["normative_doc"])


def test_fee_column_unit_comes_from_its_label():
    doc = _doc([["第二十条第（八）项", ""], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "7545"]])
    cell = tables.extract(doc, []).cells[0]
    assert (cell.key, cell.value, cell.unit) == ("s2.art20_8.admin_fee.fee_amount_wan", "7545", "万元")


STREAMS = [
    # flattened text where empty cells were dropped: the row cannot be aligned, so nothing is guessed
    ("one_value_for_three_columns", "第二十条第(一)项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n行政规范性文件\n第二十条第(五)项", []),
    ("labels_only", "第二十条第(一)项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n行政规范性文件", []),
]


@pytest.mark.parametrize("text,keys", [s[1:] for s in STREAMS], ids=[s[0] for s in STREAMS])
def test_flattened_rows_that_cannot_be_aligned_are_left_out(text, keys):
    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text.split("\n") if line.strip()]
    doc = model.Document(path="t", sha256="0", format="txt", blocks=blocks).finalise()
    assert sorted(c.key for c in tables.extract(doc, []).cells) == keys


A21 = "第二十条第(一)项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 1 2\n行政规范性文件 3 0 8\n"
A19 = "第二十条第(一)项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 0 1 2\n行政规范性文件 3 0 8\n"
# OCR'd or copied tables whose digit run is glued to its label (no separator): (id, text, cells of the
# glued rows, tables left degraded).
GLUED = [
    ("one_column_is_one_number", A21 + "第二十条第(五)项\n信息内容 本年处理决定数量\n行政许可550",
     {"s2.art20_5.admin_license.decisions": "550"}, []),
    ("header_lost_other_s2_tables_tell_gb2021", A21 + "第二十条第(五)项\n行政许可550\n第二十条第(六)项\n行政处罚12\n行政强制 3",
     {"s2.art20_5.admin_license.decisions": "550", "s2.art20_6.admin_penalty.decisions": "12",
      "s2.art20_6.admin_coercion.decisions": "3"}, []),
    ("fee_column", A21 + "第二十条第(八)项\n行政事业性收费7545", {"s2.art20_8.admin_fee.fee_amount_wan": "7545"}, []),
    ("three_columns_three_digits_split", A19 + "第二十条第(五)项\n行政许可305\n其他对外管理服务事项000",
     {"s2.art20_5.admin_license.prev_items": "3", "s2.art20_5.admin_license.items_delta": "0",
      "s2.art20_5.admin_license.decisions": "5", "s2.art20_5.other_admin_service.prev_items": "0",
      "s2.art20_5.other_admin_service.items_delta": "0", "s2.art20_5.other_admin_service.decisions": "0"}, []),
    # 3050 splits as 3 / 0 / 50 or 30 / 5 / 0 and no identity ties the s2 columns: the cells stay null
    ("three_columns_four_digits_two_splits_null", A19 + "第二十条第(五)项\n行政许可3050\n其他对外管理服务事项000",
     {"s2.art20_5.admin_license.prev_items": None, "s2.art20_5.admin_license.items_delta": None,
      "s2.art20_5.admin_license.decisions": None, "s2.art20_5.other_admin_service.prev_items": "0", "s2.art20_5.other_admin_service.items_delta": "0",
      "s2.art20_5.other_admin_service.decisions": "0"}, ["s2.art20_5"]),
    ("nothing_tells_the_template_left_out", "第二十条第(五)项\n行政许可550", {}, ["s2.art20_5"]),
    ("same_width_in_both_templates_needs_no_evidence", "申请人情况\n一、本年新收政府信息公开申请数量1000001",
     {f"s3.new_received.{c}": v for c, v in zip(("natural_person", "commercial_enterprise", "research_institute",
                                                 "public_interest_org", "legal_service_org", "other_org", "total"),
                                                "1000001")}, ["s3"]),
]


@pytest.mark.parametrize("text,cells,degraded", [g[1:] for g in GLUED], ids=[g[0] for g in GLUED])
def test_a_digit_run_glued_to_its_label_is_split_only_when_unambiguous(text, cells, degraded):
    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text.split("\n") if line.strip()]
    result = tables.extract(model.Document(path="t", sha256="0", format="txt", blocks=blocks).finalise(), [])
    assert {c.key: c.value for c in result.cells if ".art20_1." not in c.key and not c.derived} == cells
    assert [q.table for q in result.quality if q.status != "matched"] == degraded


def test_bar_lines_after_cells_ended_by_a_bar_are_empty_cells():
    text = ("第二十条第(一)项 |\n信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n规章 |\n|\n|\n|\n"
            "行政规范性文件 |\n|\n|\n5 |\n第二十条第(五)项 |")
    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text.split("\n")]
    doc = model.Document(path="t", sha256="0", format="txt", blocks=blocks).finalise()
    got = {c.key.removeprefix("s2.art20_1."): (c.value, c.raw) for c in tables.extract(doc, []).cells}
    assert got == {"regulation.issued": (None, ""), "regulation.repealed": (None, ""),
                   "regulation.in_force": (None, ""),
                   "normative_doc.issued": (None, ""), "normative_doc.repealed": (None, ""),
                   "normative_doc.in_force": ("5", "5")}


def test_bar_lines_between_bare_cells_separate_them():
    text = "第二十条第(五)项\n|\n信息内容\n|\n本年处理决定数量\n|\n行政许可\n|\n11"
    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text.split("\n")]
    doc = model.Document(path="t", sha256="0", format="txt", blocks=blocks).finalise()
    got = {c.key: c.value for c in tables.extract(doc, []).cells}
    assert got == {"s2.art20_5.admin_license.decisions": "11"}


def _s3_doc(extra_rows: list[list[str]]) -> model.Document:
    head = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "", "", "", "", "", ""],
            ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]
    return _doc(head + extra_rows)


def test_a_printed_group_subtotal_is_read_not_derived():
    z = ["0"] * 7
    rows = [["（三）不予公开", "2", "0", "0", "0", "0", "0", "2"]] + [
        [f"{n}.{lab}", *(["1"] if n <= 2 else ["0"]), *z[1:6], "1" if n <= 2 else "0"]
        for n, lab in enumerate(["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
                                 "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"], 1)]
    cells = {c.key: c for c in tables.extract(_s3_doc(rows), []).cells}
    total = cells["s3.not_open.total.total"]
    assert (total.value, total.derived, total.raw) == ("2", False, "2")


def test_an_extra_provincial_row_is_skipped_and_the_rest_kept():
    doc = _doc([["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", "0", "1", "2"], ["其他主动公开文件", "9", "9", "9"], ["行政规范性文件", "3", "0", "8"]])
    res = tables.extract(doc, [])
    assert {c.key: c.value for c in res.cells} == {
        "s2.art20_1.regulation.issued": "0", "s2.art20_1.regulation.repealed": "1",
        "s2.art20_1.regulation.in_force": "2",
        "s2.art20_1.normative_doc.issued": "3", "s2.art20_1.normative_doc.repealed": "0",
        "s2.art20_1.normative_doc.in_force": "8"}
    assert res.quality[0].status == "matched"


def test_a_pipe_row_of_blank_cells_gives_null_cells():
    text = "第二十条第（一）项 | | | |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 |  |  |  |\n行政规范性文件 | 1 | 0 | 4 |"
    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text.split("\n")]
    doc = model.Document(path="t", sha256="0", format="txt", blocks=blocks).finalise()
    got = {c.key.removeprefix("s2.art20_1."): c.value for c in tables.extract(doc, []).cells}
    assert got == {"regulation.issued": None, "regulation.repealed": None, "regulation.in_force": None,
                   "normative_doc.issued": "1", "normative_doc.repealed": "0", "normative_doc.in_force": "4"}


from decimal import Decimal  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=9999),
       st.sampled_from(["", "+", "-"]), st.booleans(), st.sampled_from(["", "元", "万元"]), st.booleans())
def test_printed_numbers_parse_back_exact(whole, frac, sign, commas, unit, fullwidth):
    digits = f"{whole:,}" if commas else str(whole)
    raw = f"{sign}{digits}" + (f".{frac}" if frac else "") + unit
    if fullwidth:
        raw = raw.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789+-.,"})
    value, got_unit, ok = cellvalue.parse(raw)
    want = Decimal(f"{whole}.{frac}" if frac else str(whole)) * (-1 if sign == "-" else 1)
    assert ok and Decimal(value) == want and got_unit == (unit or None)
    assert not (sign == "+" and value.startswith("+"))


@pytest.mark.parametrize("delta", ["减", "持平", "+(0) -(0)", "增", "未增未减", "不增不减"])
def test_a_printed_change_instead_of_a_number_keeps_the_row(delta):
    text = ("第二十条第(五)项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n行政许可\n120\n" + delta + "\n86\n"
            "其他对外管理服务事项\n7\n0\n0")
    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text.split("\n") if line.strip()]
    doc = model.Document(path="t", sha256="0", format="txt", blocks=blocks).finalise()
    cells = {c.key: c for c in tables.extract(doc, []).cells}
    assert cells["s2.art20_5.admin_license.prev_items"].value == "120"
    assert cells["s2.art20_5.admin_license.decisions"].value == "86"
    change = cells["s2.art20_5.admin_license.items_delta"]
    assert (change.value, change.raw) == (None, delta)  # never 0: the printed text is kept


def test_a_change_marker_never_opens_a_row():
    assert not cellvalue.is_value("减") and cellvalue.is_change_marker("减")
    assert not cellvalue.is_change_marker("行政许可")


# Pages flattened onto one line (a scraper that dropped every line break), written for these tests.
_FLAT_INTRO = ("本报告由本局办公室编制,所列数据的统计期限自1月1日起至12月31日止。一、总体情况 本局坚持公开为常态、"
               "不公开为例外,健全工作机制,规范发布流程,全年政府信息公开工作运行平稳,公开质量稳步提升,群众满意度进一步提高。")


def _flat_cells(tmp_path, line: str) -> dict[str, str]:
    from report_parser.pipeline import parse_file

    p = tmp_path / "flat.txt"
    p.write_text(line, encoding="utf-8")
    return {c.key: c.value for c in parse_file(p).cells if not c.derived}


def test_a_flattened_table_cell_glued_to_the_next_heading_is_read(tmp_path):
    # "政府集中采购 3 5120元三、收到…": no space was printed between the table's last cell and the next part
    line = (_FLAT_INTRO + "二、主动公开政府信息情况 第二十条第(一)项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 "
            "规章 0 0 0 规范性文件 2 2 15 第二十条第(五)项 信息内容 上一年项目数量 本年增/减 处理决定数量 "
            "行政许可 12 1 340 其他对外管理服务事项 0 0 0 第二十条第(六)项 信息内容 上一年项目数量 本年增/减 处理决定数量 "
            "行政处罚 5 0 27 行政强制 1 0 3 第二十条第(八)项 信息内容 上一年项目数量 本年增/减 行政事业性收费 0 0 "
            "第二十条第(九)项 信息内容 采购项目数量 采购总金额 政府集中采购 3 5120元三、收到和处理政府信息公开申请情况 "
            "本年度未收到申请。")
    cells = _flat_cells(tmp_path, line)
    assert cells["s2.art20_9.central_procurement.procurement_items"] == "3"
    assert cells["s2.art20_9.central_procurement.procurement_amount"] == "5120"
    assert cells["s2.art20_5.admin_license.decisions"] == "340"


def test_flattened_headers_printed_short_or_with_a_backslash(tmp_path):
    # 现行有效件 (its 数 lost in print) and 本年增\减 glued to the labels around them
    line21 = (_FLAT_INTRO + "二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件规章 0 1 4 "
              "行政规范性文件 3 0 12 第二十条第(五)项信息内容本年处理决定数量行政许可 25 第二十条第(六)项信息内容"
              "本年处理决定数量行政处罚 8 行政强制 0 第二十条第(八)项信息内容本年收费金额(单位:万元)行政事业性收费 0 "
              "三、收到和处理政府信息公开申请情况 本年度未收到申请。")
    cells = _flat_cells(tmp_path, line21)
    assert [cells.get(f"s2.art20_1.regulation.{c}") for c in ("issued", "repealed", "in_force")] == ["0", "1", "4"]
    line19 = (_FLAT_INTRO + "二、主动公开政府信息情况第二十条第(一)项信息内容本年新制作数量本年新公开数量对外公开总数量规章 0 0 0 "
              "规范性文件 1 1 9 第二十条第(五)项信息内容上一年项目数量本年增\\减处理决定数量行政许可 6 2 71 "
              "其他对外管理服务事项 0 0 0 第二十条第(六)项信息内容上一年项目数量本年增\\减处理决定数量行政处罚 4 0 19 "
              "行政强制 0 0 0 三、收到和处理政府信息公开申请情况 本年度未收到申请。")
    cells = _flat_cells(tmp_path, line19)
    assert [cells.get(f"s2.art20_5.admin_license.{c}") for c in ("prev_items", "items_delta", "decisions")] \
        == ["6", "2", "71"]


def test_a_short_flattened_page_with_a_table_caption_is_read_as_a_table(tmp_path):
    # under 300 characters: the caption among the numbers says it is a flattened table, not prose
    line = ("本局2022年政府信息公开工作年度报告。一、总体情况 本局全年运行平稳。二、主动公开政府信息情况 第二十条第(一)项 信息内容 本年制发件数 本年废止件数 "
            "现行有效件数 规章 0 0 2 行政规范性文件 4 1 17 第二十条第(五)项 信息内容 本年处理决定数量 行政许可 9")
    assert len(line) < 300
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s2.art20_1.normative_doc.{c}") for c in ("issued", "repealed", "in_force")] == ["4", "1", "17"]


def test_a_lone_cell_of_zeros_under_a_row_of_three_columns_is_split():
    # `000` on its own line: no printed count opens with 0, so three cells ran together; split only where unique
    text = ("第二十条第(一)项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n000\n规范性文件\n000\n"
            "第二十条第(五)项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n行政许可\n3\n0\n12")
    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text.split("\n") if line.strip()]
    doc = model.Document(path="t", sha256="0", format="txt", blocks=blocks).finalise()
    cells = {c.key: c for c in tables.extract(doc, []).cells}
    row = [cells[f"s2.art20_1.regulation.{c}"] for c in ("new_made", "new_published", "total_published")]
    assert [c.value for c in row] == ["0", "0", "0"]
    assert cells["s2.art20_5.admin_license.decisions"].value == "12"
    # a run that opens with 0 but has more than one split (0|1|10, 0|11|0 … ) stays unread
    text2 = text.replace("规章\n000", "规章\n0110")
    blocks = [model.Block(kind=model.PARAGRAPH, text=line, raw=line) for line in text2.split("\n") if line.strip()]
    doc = model.Document(path="t", sha256="0", format="txt", blocks=blocks).finalise()
    cells = {c.key: c for c in tables.extract(doc, []).cells}
    assert cells.get("s2.art20_1.regulation.new_made") is None or cells["s2.art20_1.regulation.new_made"].value is None


def test_a_lone_pipe_between_two_values_of_a_flattened_page_is_a_blank_cell(tmp_path):
    # one cell per line, each ended by ` |`, then joined into one line: `12 | | 340 |` held a blank line of its own
    # (本年增/减 left blank); next to a label a lone pipe may end a row or stand for a merged cell, and is dropped
    line = (_FLAT_INTRO + "二、主动公开政府信息情况 第二十条第(五)项 | |||| 信息内容 | 上一年项目数量 | 本年增/减 | "
            "处理决定数量 | | 行政许可 | 12 | | 340 | | 其他对外管理服务事项 | 3 | | 0 | | 第二十条第(六)项 | |||| "
            "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | | 行政处罚 | 5 | | 27 | | 行政强制 | 1 | | 3 | "
            "三、收到和处理政府信息公开申请情况 本年度未收到申请。")
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s2.art20_5.admin_license.{c}") for c in ("prev_items", "items_delta", "decisions")] \
        == ["12", None, "340"]
    assert [cells.get(f"s2.art20_6.admin_coercion.{c}") for c in ("prev_items", "decisions")] == ["1", "3"]


@pytest.mark.parametrize("rows, regulation", [
    # `| 规章 | 0 | 0 | |` rows joined by a space: the last pipe before a row's label is that row's start, the one
    # before it the row's blank last cell
    ("| 规章 | 0 | 0 | | | 行政规范性文件 | 2 | 0 | | | 第二十条第(五)项 | ||| | 信息内容 | 本年处理决定数量 | || | "
     "行政许可 | 14 | || 三、收到和处理政府信息公开申请情况 本年度未收到申请。", ["0", "0", None]),
    # rows written without their leading pipe (`… 0 | 行政规范性文件 |`): a lone pipe before a label may be a blank or
    # nothing, so a row ending blank is left out, never shifted
    ("规章 | 0 | 0 | | 行政规范性文件 | 2 | 0 | 5 | 第二十条第(五)项 | 信息内容 | 本年处理决定数量 | 行政许可 | 14 | "
     "三、收到和处理政府信息公开申请情况 本年度未收到申请。", [None, None, None]),
    # …unless another row shows the style: `7 | 行政规范性文件 | 2` (one pipe between a value and the next row's label,
    # a value after it) says every row opens without a pipe and ends with its last cell's, so `0 | | 第二十条…` held a
    # blank last cell of its own (a heading after the table, `| 14 | 三、…`, shows nothing)
    ("规章 | 1 | 0 | 7 | 行政规范性文件 | 2 | 0 | | 第二十条第(五)项 | 信息内容 | 本年处理决定数量 | 行政许可 | 14 | "
     "三、收到和处理政府信息公开申请情况 本年度未收到申请。", ["1", "0", "7"]),
])
def test_flattened_pipe_rows_that_kept_their_leading_pipe(tmp_path, rows, regulation):
    line = ("本局2022年政府信息公开工作年度报告。" + _FLAT_INTRO + "二、主动公开政府信息情况 | 第二十条第(一)项 | ||| | 信息内容 | "
            "本年制发件数 | 本年废止件数 | 现行有效件数 | | " + rows)
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s2.art20_1.regulation.{c}") for c in ("issued", "repealed", "in_force")] == regulation
    assert cells.get("s2.art20_5.admin_license.decisions") == "14"
    if regulation == ["1", "0", "7"]:
        # the blank last cell read as blank, and its row with it
        assert [cells.get(f"s2.art20_1.normative_doc.{c}", "unread") for c in ("issued", "repealed", "in_force")] \
            == ["2", "0", None]


# A page whose rows printed their digits run into the label (`行政许可38`, one digit per column in 三's rows), each
# row a line of its own, then joined into one line with a space where each line ended.
_GLUED_ROWS_PAGE = (
    "本局2022年政府信息公开工作年度报告 " + _FLAT_INTRO + " 二、主动公开政府信息情况 第二十条第(一)项 "
    "信息内容本年制发件数本年废止件数现行有效件数 规章000 行政规范性文件214 第二十条第(五)项 信息内容本年处理决定数量 "
    "行政许可38 第二十条第(六)项 信息内容本年处理决定数量 行政处罚9 行政强制0 三、收到和处理政府信息公开申请情况 "
    "申请人情况 自然人法人或其他组织总计 商业企业科研机构社会公益组织法律服务机构其他 "
    "一、本年新收政府信息公开申请数量3100004 二、上年结转政府信息公开申请数量0100001 "
    "三、本年度办理结果(一)予以公开2100003 (二)部分公开(区分处理的,只计这一情形,不计其他情形)1000001 "
    "(三)不予公开1.属于国家秘密0000000 2.其他法律行政法规禁止公开0000000 "
    "（四）无法提供1.本机关不掌握相关政府信息0000000 2.没有现成信息需要另行制作0100001 "
    "四、政府信息公开行政复议、行政诉讼情况 本年度未发生行政复议和行政诉讼。")


def test_a_flattened_page_of_rows_glued_to_their_labels_is_read_as_a_table(tmp_path):
    # few bare numbers, but many pieces that end with a digit run after a row's label: a flattened table all the same
    cells = _flat_cells(tmp_path, _GLUED_ROWS_PAGE)
    assert [cells.get(f"s2.art20_1.normative_doc.{c}") for c in ("issued", "repealed", "in_force")] == ["2", "1", "4"]
    assert cells.get("s2.art20_5.admin_license.decisions") == "38"
    assert cells.get("s2.art20_6.admin_penalty.decisions") == "9"
    assert [cells.get(f"s3.new_received.{c}") for c in ("natural_person", "commercial_enterprise", "total")] \
        == ["3", "1", "4"]


def test_glued_rows_run_together_by_normalisation_are_cut_where_the_file_had_a_space(tmp_path):
    # `…0000000 (四)无法提供1.…0100001`: the normaliser drops the space between a digit and a full-width bracket, so two
    # printed rows reach the table stage as one piece; the file's space says where the first row ended
    cells = _flat_cells(tmp_path, _GLUED_ROWS_PAGE)
    assert cells.get("s3.not_open.law_prohibited.total") == "0"
    assert cells.get("s3.unable.not_held.total") == "0"
    assert [cells.get(f"s3.unable.needs_creation.{c}") for c in ("natural_person", "commercial_enterprise", "total")] \
        == ["0", "1", "1"]
    assert cells.get("s3.result_partial.total") == "1"


def test_a_flattened_table_whose_caption_lost_its_item_number_is_read(tmp_path):
    # "第二十条第 信息内容 本年制发件数…": the caption's (一) was lost and the page holds fewer than 12 bare numbers;
    # the section-二 column headers alone say the numbers are a table's
    line = ("本局2022年政府信息公开工作年度报告。" + _FLAT_INTRO + "二、主动公开政府信息情况 第二十条第 信息内容 本年制发件数 本年废止件数 现行有效件数 "
            "规章 0 0 0 行政规范性文件 2 0 5 第二十条第 信息内容 本年处理决定数量 行政许可 14 三、收到和处理政府信息公开申请情况 "
            "本年度未收到申请。")
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s2.art20_1.normative_doc.{c}") for c in ("issued", "repealed", "in_force")] == ["2", "0", "5"]


def test_flattened_gb2019_headers_printed_with_du(tmp_path):
    # 本年度新制作数量 / 本年度新公开数量: the header cells with 度, on a page flattened to one line
    line = ("本局2019年政府信息公开工作年度报告。" + _FLAT_INTRO + "二、主动公开政府信息情况 第二十条第(一)项 信息内容 "
            "本年度新制作数量 本年度新公开数量 对外公开总数量 规章 0 0 0 规范性文件 3 3 11 第二十条第(五)项 信息内容 "
            "上一年项目数量 本年增/减 处理决定数量 行政许可 2 0 7 三、收到和处理政府信息公开申请情况 本年度未收到申请。")
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s2.art20_1.{r}.{c}") for r in ("regulation", "normative_doc")
            for c in ("new_made", "new_published", "total_published")] == ["0", "0", "0", "3", "3", "11"]


# Part 三 and 四 printed one cell per space, then the page joined into one line.
_SPACED_S3_S4_PAGE = (
    "本局2022年政府信息公开工作年度报告 " + _FLAT_INTRO + " 三、收到和处理政府信息公开申请情况 申请人情况 自然人 "
    "法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 一、本年新收政府信息公开申请数量 5 1 0 0 0 0 6 "
    "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0 三、本年度办理结果 （一）予以公开 3 1 0 0 0 0 4 "
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2 0 0 0 0 0 2 "
    "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 "
    "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 "
    "1 0 0 0 1 0 0 0 1 1 0 0 0 0 0 五、存在的主要问题及改进情况 信息发布的及时性还需提高。")


def test_a_row_value_glued_to_the_next_rows_label_is_cut_where_the_file_had_a_space(tmp_path):
    # `4（二）部分公开…`: the normaliser drops the space between a digit and a full-width bracket, gluing a row's last
    # value to the next row's label; the file's space says where the value ends
    cells = _flat_cells(tmp_path, _SPACED_S3_S4_PAGE)
    assert cells.get("s3.result_open.total") == "4"
    assert [cells.get(f"s3.result_partial.{c}") for c in ("natural_person", "total")] == ["2", "2"]


def test_part_fours_first_header_cell_glued_to_its_heading_opens_the_table(tmp_path):
    # `四、…行政诉讼情况 行政复议` joined by the normaliser: the heading's words are no label, the anchor after the
    # file's space is the header's first cell
    cells = _flat_cells(tmp_path, _SPACED_S3_S4_PAGE)
    assert [cells.get(f"s4.review.{c}") for c in ("upheld", "total")] == ["1", "1"]
    assert [cells.get(f"s4.litigation_direct.{c}") for c in ("pending", "total")] == ["1", "1"]
    assert cells.get("s4.litigation_after_review.total") == "0"


# Part 三 printed with a pipe after every cell and none before a row (blank cells printed `| |`), flattened.
_TRAILING_PIPES_S3_PAGE = (
    "本局2020年政府信息公开工作年度报告 " + _FLAT_INTRO + " 三、收到和处理政府信息公开申请情况 申请人情况 | 自然人 | "
    "法人或其他组织 | 总计 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | "
    "一、本年新收政府信息公开申请数量 | | 3 | 1 | 0 | 0 | 0 | 0 |  | 二、上年结转政府信息公开申请数量 | | 1 | 0 | 0 | 0 | 0 | 0 | 1 | "
    "三、本年度办理结果 | （一）予以公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3 | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | "
    "1 | 0 | 0 | 0 | 0 | 0 | 1 | （三）不予公开 | 1.属于国家秘密 | | | | | | 0 |  | （七）总计 | | 4 | 1 | 0 | 0 | 0 | 0 | 5 | "
    "四、结转下年度继续办理 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 五、存在的主要问题及改进情况 信息发布的及时性还需提高。")


def test_blank_cells_of_rows_that_end_with_their_pipe_are_read_in_place(tmp_path):
    # `3 | （二）部分公开… | 1` shows the style (one pipe between a row's value and the next row's label): every lone pipe
    # closes a blank cell, so blank values stay blank in their column (`1.属于国家秘密 | | | | | | 0 |  |`, its 总计
    # blank: `| （七）` loses its space to the normaliser and is still a blank), and a blank right after a label, more
    # cells than the row has, is the label's merged column (`（七）总计 | | 4 … | 5 |`: the filled last cell says so)
    cells = _flat_cells(tmp_path, _TRAILING_PIPES_S3_PAGE)
    # `一、本年新收… | | 3 | … | 0 |  | 二、…`: eight cells for seven columns, blank at both ends: the label's merged
    # column and a blank 总计, or a blank first value and the next row's merged column — never guessed
    assert [cells.get(f"s3.new_received.{c}", "unread") for c in ("natural_person", "commercial_enterprise", "total")] \
        == ["unread"] * 3
    assert [cells.get(f"s3.not_open.state_secret.{c}", "unread") for c in ("natural_person", "other_org", "total")] \
        == [None, "0", None]
    assert [cells.get(f"s3.result_total.{c}") for c in ("natural_person", "total")] == ["4", "5"]
    assert cells.get("s3.carry_over.total") == "1"


def test_blank_values_after_a_label_on_a_page_whose_rows_open_with_a_pipe(tmp_path):
    # `| 规章 |  |  | 2 | | 行政规范性文件 | …`: rows that open with a pipe; the heading after the table (`| 14 |
    # 三、收到…`, one pipe: it opens no row) says nothing against that style. A blank between a label and a value is
    # then a blank value or the label's merged column, and the row's count of cells decides: three columns, three
    # cells, in place
    line = ("本局2022年政府信息公开工作年度报告。" + _FLAT_INTRO + "二、主动公开政府信息情况 | 第二十条第(一)项 | | | | "
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | | 规章 |  |  | 2 | | 行政规范性文件 | 1 | 0 | 5 | "
            "| 第二十条第(五)项 | | | 信息内容 | 本年处理决定数量 | | 行政许可 | 14 | 三、收到和处理政府信息公开申请情况 "
            "本年度未收到申请。")
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s2.art20_1.regulation.{c}", "unread") for c in ("issued", "repealed", "in_force")] \
        == [None, None, "2"]
    assert [cells.get(f"s2.art20_1.normative_doc.{c}") for c in ("issued", "repealed", "in_force")] == ["1", "0", "5"]
    assert cells.get("s2.art20_5.admin_license.decisions") == "14"


def test_a_blank_before_a_heading_after_the_table_is_no_row_start(tmp_path):
    # `| 四、结转… |  |  | 0 | … | 0 |  | 五、存在的…`: the heading after the table opens no row, so the pipe before it
    # may close a blank 总计 as well as open a row; with the label's two merged columns the row has nine cells or ten
    # for seven columns, and which blanks were values is unknown: left unread, never shifted one column
    line = ("本局2022年政府信息公开工作年度报告。" + _FLAT_INTRO + "三、收到和处理政府信息公开申请情况 | 申请人情况 | | "
            "自然人 | 法人或其他组织 | 总计 | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | "
            "| 一、本年新收政府信息公开申请数量 |  |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 | "
            "| 二、上年结转政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 | "
            "| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 |  | 五、存在的主要问题及改进情况 信息发布的及时性还需提高。")
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s3.new_received.{c}") for c in ("natural_person", "total")] == ["2", "2"]
    assert [cells.get(f"s3.carry_forward.{c}", "unread") for c in ("natural_person", "total")] == ["unread", "unread"]


def test_a_row_printed_as_pipes_side_by_side_is_a_row_of_blanks(tmp_path):
    # `行政许可 | |||| 其他对外管理服务事项`: a row whose cells were all left blank, its pipes printed side by side (a
    # table exported with a ragged fifth column). Flattened, every placing of its four blanks in three columns reads the
    # same blanks: the row is read blank, not left unread. After a caption or a header word (`第二十条第(五)项 | ||||`,
    # `本年增/减 | ||`) the pipes are merged header cells, and after a value (`0 | ||`) maybe a separator line: no cells.
    line = ("本局2020年政府信息公开工作年度报告。" + _FLAT_INTRO + "二、主动公开政府信息情况 第二十条第(一)项 | |||| "
            "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 | | 规章 | 0 | 0 | 0 | | 规范性文件 | 2 | 2 | 9 | | "
            "第二十条第(五)项 | |||| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | | 行政许可 | |||| "
            "其他对外管理服务事项 | |||| 第二十条第(八)项 | |||| 信息内容 | 上一年项目数量 | 本年增/减 | || "
            "行政事业性收费 | 3 | 0 | || 三、收到和处理政府信息公开申请情况 本年度未收到申请。")
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s2.art20_1.normative_doc.{c}") for c in ("new_made", "new_published", "total_published")] \
        == ["2", "2", "9"]
    assert [cells.get(f"s2.art20_5.admin_license.{c}", "unread") for c in ("prev_items", "items_delta", "decisions")] \
        == [None, None, None]
    assert [cells.get(f"s2.art20_5.other_admin_service.{c}", "unread") for c in ("prev_items", "decisions")] \
        == [None, None]
    assert [cells.get(f"s2.art20_8.admin_fee.{c}") for c in ("prev_items", "items_delta")] == ["3", "0"]


def test_a_row_of_blanks_is_read_only_when_every_placing_agrees():
    # a free stream's row with more blanks than columns: all blank, every placing reads the same (three blanks);
    # one value among them (`|| 3 ||`) could sit in any column: unread
    from report_parser.extract.flattext import Tok
    from report_parser.extract.gridmatch import Matcher

    blank = [Tok("", 0, 0, None) for _ in range(4)]
    assert [t.text for t in Matcher._fit(blank, 3, grid=False)] == ["", "", ""]
    mixed = blank[:2] + [Tok("3", 0, 1, None)] + blank[2:]
    assert Matcher._fit(mixed, 3, grid=False) is None


def test_a_row_of_blanks_between_two_labels_on_a_page_whose_rows_open_with_a_pipe(tmp_path):
    # `| 1.属于国家秘密 |  |  | … |  | | 2.其他… |`: rows that open with a pipe; a row left blank has only lone pipes between
    # its label and the next (its blanks, the next row's opening pipe): read as a row of blanks, not left unread. After
    # a header word (`申请人情况 |  |  | 自然人`) the pipes are merged header cells: no row
    blank = " |  |  |  |  |  |  |  | "
    line = ("本局2022年政府信息公开工作年度报告。" + _FLAT_INTRO + "三、收到和处理政府信息公开申请情况 | 申请人情况 |  |  | "
            "| 自然人 | 法人或其他组织 | 总计 | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | "
            "| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | "
            "| 二、上年结转政府信息公开申请数量 |" + blank + "| 三、本年度办理结果 | （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | "
            "| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 五、存在的主要问题及改进情况 信息发布的及时性还需提高。")
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s3.carry_over.{c}", "unread") for c in ("natural_person", "other_org", "total")] \
        == [None, None, None]
    assert [cells.get(f"s3.result_open.{c}") for c in ("natural_person", "total")] == ["2", "2"]
    assert [cells.get(f"s3.new_received.{c}") for c in ("natural_person", "total")] == ["2", "2"]


def test_a_row_of_blanks_from_one_cell_per_line_flattened(tmp_path):
    # `规章 |` then three lines of `|` (blank cells), flattened: `规章 | | | | 规范性文件 | 2 | 0 | 83 |` — whatever the rows'
    # style, pipes between two labels with no value beside them are the first row's blanks
    line = ("本局2020年政府信息公开工作年度报告。" + _FLAT_INTRO + "二、主动公开政府信息情况 第二十条第(一)项 | ||| 信息内容 | "
            "本年新制作数量 | 本年新公开数量 | 对外公开总数量 | 规章 | | | | 规范性文件 | 2 | 0 | 83 | 第二十条第(五)项 | ||| "
            "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | 行政许可 | 71 | -11 | 0 | 三、收到和处理政府信息公开申请情况 "
            "本年度未收到申请。")
    cells = _flat_cells(tmp_path, line)
    assert [cells.get(f"s2.art20_1.regulation.{c}", "unread") for c in ("new_made", "new_published", "total_published")] \
        == [None, None, None]
    assert [cells.get(f"s2.art20_1.normative_doc.{c}") for c in ("new_made", "new_published", "total_published")] \
        == ["2", "0", "83"]
    assert [cells.get(f"s2.art20_5.admin_license.{c}") for c in ("prev_items", "items_delta", "decisions")] \
        == ["71", "-11", "0"]
