"""Rule pack 2 on hand-built reports: each rule fails on its own invented case, clean twins stay silent."""
from __future__ import annotations

import pytest

from report_parser.audit import audit_report
from report_parser.audit.metadata_rules import deadline

from test_audit_rules import report, with_text


def _fails(r, rule_id, text=None):
    return [x for x in audit_report(r, text=text) if x["rule_id"] == rule_id and x["status"] == "fail"]


DEADLINES = [
    (2017, "county", "2018-03-31"),
    (2018, "department", "2019-03-31"),  # the 2019 revision applies from the reports on 2019
    (2019, "department", "2020-01-31"),
    (2023, "department", "2024-01-31"),
    (2023, "township", "2024-03-31"),
    (2023, None, "2024-03-31"),
    (2005, "county", None),
]


@pytest.mark.parametrize("year, level, due", DEADLINES)
def test_deadline_by_year_and_level(year, level, due):
    assert deadline(year, level) == due


def _dept(year, published, era="gb2021"):
    r = report(org="某县教育局", year=year, era=era, published=published)
    r.level = "department"
    return r


LATE = [
    ("department, 2023 report in February", _dept(2023, "2024-02-03"), "2024-01-31"),
    ("county, 2017 report in April", report(era="pre2019", year=2017, published="2018-04-10"), "2018-03-31"),
    ("town, 2022 report in May", report(year=2022, published="2023-05-06"), "2023-03-31"),
]


@pytest.mark.parametrize("r, due", [c[1:] for c in LATE], ids=[c[0] for c in LATE])
def test_late_publication_fails(r, due):
    hits = _fails(r, "M04")
    assert len(hits) == 1 and due in hits[0]["message_en"] and hits[0]["values"]["deadline"] == due


ON_TIME = [
    ("department on the last day", _dept(2023, "2024-01-31")),
    ("2018 department report in March (old deadline)", _dept(2018, "2019-03-20", era="pre2019")),
    ("town in March", report(year=2022, published="2023-03-31")),
    ("no publication date", report(year=2022)),
    ("published two years later is M01's, not M04's", _dept(2021, "2023-06-01")),
    ("December release of the same year", _dept(2021, "2021-12-30")),
]


@pytest.mark.parametrize("r", [c[1] for c in ON_TIME], ids=[c[0] for c in ON_TIME])
def test_timely_or_unknown_publication_is_silent(r):
    assert _fails(r, "M04") == []


# ---------------------------------------------------------------- P05, P06: the prose denies the table

def forward(n: int):
    """A consistent gb2021 report whose s3 carries n requests of natural persons forward."""
    from test_audit_rules import s2_cells, s3_cells, s4_cells

    return report(cells={**s2_cells(), **s3_cells(new=(5 + n, 1), carry_forward=(n, 0)), **s4_cells()})


CLAIMS = [
    ("均已办结 in the overview", "overview", "本年度共受理群众提出的公开申请7件，均已办结。", 2, True),
    ("全部按时办结 in the requests part", "requests", "对收到的信息公开申请，我镇已全部按时办结，未出现超期。", 1, True),
    ("no carry-forward: the claim is true", "overview", "本年度共受理群众提出的公开申请5件，均已办结。", 0, False),
    ("carried-over ones only", "overview", "上年度结转的3件申请均已办结。", 2, False),
    ("all but some", "requests", "除2件申请正在办理外，其余均已办结。", 2, False),
    ("proposals, not requests", "overview", "人大代表建议和政协提案申请事项均已办结。", 2, False),
    ("an aim", "overview", "我们将确保每一件申请都全部按时办结。", 2, False),
    ("in the other part", "other", "对本年度收到的公开申请均已办结。", 2, False),
]


@pytest.mark.parametrize("section, sentence, carried, fails", [c[1:] for c in CLAIMS], ids=[c[0] for c in CLAIMS])
def test_all_completed_against_carry_forward(section, sentence, carried, fails):
    r, text = with_text(forward(carried), {section: sentence})
    hits = _fails(r, "P05", text)
    assert bool(hits) == fails, hits
    if fails:
        assert hits[0]["values"]["s3.carry_forward.total"] == str(carried) and hits[0]["section"] == section


def test_all_completed_with_a_blank_carry_forward_is_not_assessable():
    r = forward(1)
    r.cells = [c for c in r.cells if c.key != "s3.carry_forward.total"] + [
        type(r.cells[0])("s3.carry_forward.total", None, "", page=2)]
    r, text = with_text(r, {"overview": "收到的政府信息公开申请均已办结。"})
    got = [x for x in audit_report(r, text=text) if x["rule_id"] == "P05"]
    assert [x["status"] for x in got] == ["not_assessable"]


def test_all_completed_without_text_reads_the_figure_sentences():
    from test_audit_rules import fig

    sentence = "全年收到申请7件，均已办结。"
    r = forward(2)
    r.figures = [fig("requests.received", 7, text=sentence)]
    assert [x["rule_id"] for x in audit_report(r) if x["rule_id"] == "P05"] == ["P05"]


def _legacy(fee: str | None, figures):
    from report_parser.record import Cell, TableQuality

    r = report(era="pre2019", year=2016, figures=figures)
    r.cells = [Cell("legacy.fees_yuan", fee, fee or "", page=3)]
    r.tables = [TableQuality("legacy", "pre2019", "matched")]
    return r


def _zero_fee():
    from test_audit_rules import fig

    z = fig("fees.collected_yuan", 0, "元", section="fees", text="本年度依申请提供信息均免费，未收取任何费用。")
    z.negation, z.raw = True, "未收取任何费用"
    return z


ZEROS = [
    ("no fees in prose, 120 in the statistics table", "120", [_zero_fee()], True),
    ("no fees in prose, 0 in the table", "0", [_zero_fee()], False),
    ("no fees in prose, blank cell", None, [_zero_fee()], False),
    ("fees stated and printed", "120", [], False),
]


@pytest.mark.parametrize("cell, figures, fails", [c[1:] for c in ZEROS], ids=[c[0] for c in ZEROS])
def test_zero_in_prose_against_a_cell(cell, figures, fails):
    hits = _fails(_legacy(cell, figures), "P06")
    assert bool(hits) == fails
    if fails:
        assert "未收取任何费用" in hits[0]["message_zh"] and "120" in hits[0]["message_en"]


def test_a_zero_of_requests_is_left_to_p01():
    """未收到申请 against a non-zero s3 is P01's finding, not a second one from P06."""
    from test_audit_rules import fig

    z = fig("requests.received", 0, text="本年度未收到政府信息公开申请。")
    z.negation = True
    got = [x["rule_id"] for x in audit_report(report(figures=[z])) if x["status"] == "fail"]
    assert "P01" in got and "P06" not in got


# ---------------------------------------------------------------- C06, C07: part numbering

GB = ["overview", "active", "requests", "review_litigation", "problems", "other"]
TITLES = {"overview": "总体情况", "active": "主动公开政府信息情况", "requests": "收到和处理政府信息公开申请情况",
          "review_litigation": "政府信息公开行政复议、行政诉讼情况", "problems": "存在的主要问题及改进情况",
          "other": "其他需要报告的事项"}


def outlined(numbers: list[str], keys=GB, extra: dict[int, str] | None = None, era="gb2021"):
    """A report whose parts carry the given printed numbers ("" = none); extra: unsegmented headings by position."""
    from report_parser.record import Section

    r = report(era=era, parts=list(keys))
    text, secs = "", []
    for i, (k, n) in enumerate(zip(keys, numbers)):
        if extra and i in extra:
            text += extra[i] + "\n我们认真总结了经验做法。\n"
        heading = n + TITLES.get(k, k)
        start = len(text)
        text += heading + "\n本部分写明了有关情况，内容较多。\n"
        secs.append(Section(k, heading, 1, start, len(text)))
    r.sections = secs
    return r, text


OUTLINES = [
    ("skips 三", outlined(["一、", "二、", "四、", "五、", "六、", "七、"]), "C06", "skips 三"),
    ("repeats 二", outlined(["一、", "二、", "二、", "三、", "四、", "五、"]), "C06", "restarts"),
    ("第N部分 skipping 二", outlined(["第一部分 ", "第三部分 ", "第四部分 ", "第五部分 ", "第六部分 ", "第七部分 "]),
     "C06", "skips 二"),
    ("block shifted: 总体情况 unnumbered, 二–六 as 一–五", outlined(["", "一、", "二、", "三、", "四、", "五、"]),
     "C07", "parts 二–六 are numbered 一–五"),
    ("all six numbered from 二", outlined(["二、", "三、", "四、", "五、", "六、", "七、"], extra={0: "一、工作回顾"}),
     "C07", "parts 一–六 are numbered 二–七"),
    ("one part off its ordinal", outlined(["一、", "二、", "", "三、", "四、", "五、"]), "C07", "numbered 三, the template's 四"),
]


@pytest.mark.parametrize("case, rule_id, fragment", [c[1:] for c in OUTLINES], ids=[c[0] for c in OUTLINES])
def test_outline_defect_is_found(case, rule_id, fragment):
    r, text = case
    hits = _fails(r, rule_id, text)
    assert hits and any(fragment in x["message_en"] for x in hits), audit_report(r, text=text)
    other = {"C06": "C07", "C07": "C06"}[rule_id]
    assert _fails(r, other, text) == []  # one defect, one finding


OUTLINES_CLEAN = [
    ("template numbering", outlined(["一、", "二、", "三、", "四、", "五、", "六、"])),
    ("an unknown part 五 between 四 and 六 is numbered", outlined(
        ["一、", "二、", "三、", "四、", "六、", "七、"], extra={4: "五、下一步工作打算"}, era="pre2019")),
    ("a flattened page: the unknown part follows a sentence end", outlined(
        ["一、", "二、", "三、", "四、", "六、", "七、"], extra={4: "以上是工作情况。 五、其他工作安排"}, era="pre2019")),
    ("pre2019 numbering in its own order", outlined(["一、", "二、", "三、", "四、", "五、"],
                                                    keys=["overview", "active", "requests", "fees", "other"],
                                                    era="pre2019")),
    ("a missing part renumbers the rest (C01's)", outlined(["一、", "二、", "三、", "四、", "五、"],
                                                         keys=["overview", "active", "requests", "problems", "other"])),
    ("parts unnumbered", outlined(["", "", "", "", "", ""])),
]


@pytest.mark.parametrize("case", [c[1] for c in OUTLINES_CLEAN], ids=[c[0] for c in OUTLINES_CLEAN])
def test_sound_outline_is_silent(case):
    r, text = case
    assert _fails(r, "C06", text) == [] and _fails(r, "C07", text) == []


def test_a_skip_without_the_text_is_not_assessable():
    r, _ = outlined(["一、", "二、", "四、", "五、", "六、", "七、"])
    got = [x for x in audit_report(r) if x["rule_id"] in ("C06", "C07")]
    assert [(x["rule_id"], x["status"]) for x in got] == [("C06", "not_assessable")]


# ---------------------------------------------------------------- C08: a sub-topic numbered as a part

PROMOTED = [
    ("政府信息管理 as 二 between 总体情况 and the rest", outlined(
        ["一、", "三、", "四、", "五、", "六、", "七、"], extra={1: "二、政府信息管理"}), "二、政府信息管理"),
    ("监督保障情况 as 二, in 第N部分 style", outlined(
        ["第一部分 ", "第三部分 ", "第四部分 ", "第五部分 ", "第六部分 ", "第七部分 "], extra={1: "第二部分 监督保障情况"}),
     "第二部分 监督保障情况"),
    ("平台建设方面 as 二, gb2019", outlined(
        ["一、", "三、", "四、", "五、", "六、", "七、"], extra={1: "二、平台建设方面"}, era="gb2019"), "二、平台建设方面"),
]


@pytest.mark.parametrize("case, heading", [c[1:] for c in PROMOTED], ids=[c[0] for c in PROMOTED])
def test_a_promoted_subtopic_is_one_finding(case, heading):
    r, text = case
    hits = _fails(r, "C08", text)
    assert [x["values"]["heading"] for x in hits] == [heading]
    assert hits[0]["values"]["number"] == 2
    assert _fails(r, "C07", text) == [] and _fails(r, "C06", text) == []  # the shift is C08's


SUBTOPICS_CLEAN = [
    ("as the template prints them: （三）政府信息管理", outlined(
        ["一、", "二、", "三、", "四、", "五、", "六、"], extra={1: "（三）政府信息管理"})),
    ("pre2019: 依申请公开 is a part of its own", outlined(
        ["一、", "二、", "三、", "四、", "五、"], keys=["overview", "active", "requests", "fees", "other"], era="pre2019",
        extra={2: "三、依申请公开政府信息情况"})),
    ("2019 on, a part titled the pre2019 way: 三、依申请公开情况", outlined(
        ["一、", "二、", "三、", "四、", "五、", "六、"], extra={2: "三、依申请公开情况"})),
    ("a part whose title only starts like a sub-topic", outlined(
        ["一、", "二、", "三、", "四、", "五、", "六、"], extra={5: "（一）监督保障机制更加健全"})),
]


@pytest.mark.parametrize("case", [c[1] for c in SUBTOPICS_CLEAN], ids=[c[0] for c in SUBTOPICS_CLEAN])
def test_subtopics_in_their_place_are_silent(case):
    r, text = case
    assert _fails(r, "C08", text) == []


# ---------------------------------------------------------------- split-digit hint (A03, A05)

def _row(values: dict[str, str]):
    from test_audit_rules import s2_cells, s3_cells, s4_cells

    return report(cells={**s2_cells(), **s3_cells(), **s4_cells(), **values})


HINTS = [
    # result_open printed 12 for natural persons; read as 1 | 2 in two columns the row sums to 3
    ("s3 row: 1 | 2 read for 12", _row({"s3.result_open.natural_person": "1", "s3.result_open.commercial_enterprise": "2",
                                        "s3.result_open.total": "12"}), "A03", "12",
     ["s3.result_open.natural_person", "s3.result_open.commercial_enterprise"]),
    ("s4 group: 总计 15 from 1 | 5", _row({"s4.review.upheld": "1", "s4.review.corrected": "5", "s4.review.other_result": "0",
                                        "s4.review.pending": "0", "s4.review.total": "15"}), "A05", "15",
     ["s4.review.upheld", "s4.review.corrected"]),
]


@pytest.mark.parametrize("r, rule_id, merged, keys", [c[1:] for c in HINTS], ids=[c[0] for c in HINTS])
def test_split_digit_hint_on_a_broken_identity(r, rule_id, merged, keys):
    before = r.to_dict()
    hit = next(x for x in _fails(r, rule_id) if "hint" in x["values"])
    hint = hit["values"]["hint"]
    assert hint["merged"] == merged and hint["keys"] == keys and merged in hint["zh"]
    assert r.to_dict() == before  # a hint, never a repair


NO_HINTS = [
    ("the merge would not add up", _row({"s3.result_open.natural_person": "1", "s3.result_open.commercial_enterprise": "2",
                                         "s3.result_open.total": "14"})),
    ("a two-digit cell is no split", _row({"s3.result_open.natural_person": "10", "s3.result_open.commercial_enterprise": "2",
                                           "s3.result_open.total": "102"})),
]


@pytest.mark.parametrize("r", [c[1] for c in NO_HINTS], ids=[c[0] for c in NO_HINTS])
def test_no_hint_when_a_merge_does_not_explain_the_break(r):
    assert all("hint" not in x["values"] for x in audit_report(r))


def test_the_text_output_shows_the_hint(tmp_path):
    import json

    from click.testing import CliRunner

    from report_parser.cli import main

    r = HINTS[0][1]
    p = tmp_path / "r.json"
    p.write_text(json.dumps(r.to_dict(), ensure_ascii=False), encoding="utf-8")
    res = CliRunner().invoke(main, ["audit", "--files", str(p), "--rule", "A03"])
    assert "提示" in res.output and "12" in res.output
