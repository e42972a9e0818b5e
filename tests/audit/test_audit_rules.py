"""Every audit rule on hand-built Report objects: one case per row, clean twins must stay silent."""
from __future__ import annotations

import pytest

from report_parser.audit import audit_report, audit_reports
from report_parser.record import Cell, Figure, Report, Section, TableQuality

PARTS_GB = ["overview", "active", "requests", "review_litigation", "problems", "other"]
PARTS_PRE = ["overview", "active", "requests", "fees", "review_litigation", "problems", "other"]
COLS = ["natural_person", "commercial_enterprise", "research_institute", "public_interest_org",
        "legal_service_org", "other_org"]
RESULT_ROWS = ["result_open", "result_partial", "not_open.state_secret", "not_open.law_prohibited",
               "not_open.security_stability", "not_open.third_party", "not_open.internal_affairs",
               "not_open.process_info", "not_open.enforcement_file", "not_open.admin_query", "unable.not_held",
               "unable.needs_creation", "unable.unclear_after_fix", "not_processed.petition",
               "not_processed.duplicate", "not_processed.publication", "not_processed.mass_repeat",
               "not_processed.confirm_reissue", "other_handling.no_correction", "other_handling.fee_unpaid",
               "other_handling.other"]


def s3_cells(new=(5, 1), carry_over=(1, 0), open_=(3, 1), not_held=(2, 0), carry_forward=(1, 0)) -> dict:
    """A consistent gb2021 s3 table: values for (natural_person, commercial_enterprise), others 0."""
    rows = {r: (0, 0) for r in RESULT_ROWS}
    rows.update(result_open=open_, **{"unable.not_held": not_held})
    result_total = tuple(sum(v[i] for v in rows.values()) for i in range(2))
    rows.update(new_received=new, carry_over=carry_over, result_total=result_total, carry_forward=carry_forward)
    out = {}
    for r, (a, b) in rows.items():
        vals = [a, b, 0, 0, 0, 0]
        for c, v in zip(COLS, vals):
            out[f"s3.{r}.{c}"] = str(v)
        out[f"s3.{r}.total"] = str(sum(vals))
    return out


def s4_cells(review=(1, 1, 0, 0, 2), direct=(0, 0, 0, 0, 0), after=(0, 0, 0, 0, 0)) -> dict:
    cols = ["upheld", "corrected", "other_result", "pending", "total"]
    out = {}
    for g, vals in (("review", review), ("litigation_direct", direct), ("litigation_after_review", after)):
        out.update({f"s4.{g}.{c}": str(v) for c, v in zip(cols, vals)})
    return out


def s2_cells(in_force=5, issued=3, repealed=0) -> dict:
    out = {"s2.art20_1.regulation.issued": "0", "s2.art20_1.regulation.repealed": "0",
           "s2.art20_1.regulation.in_force": "0", "s2.art20_1.normative_doc.issued": str(issued),
           "s2.art20_1.normative_doc.repealed": str(repealed), "s2.art20_1.normative_doc.in_force": str(in_force),
           "s2.art20_5.admin_license.decisions": "10", "s2.art20_6.admin_penalty.decisions": "4",
           "s2.art20_6.admin_coercion.decisions": "1", "s2.art20_8.admin_fee.fee_amount_wan": "0.12"}
    return out


def report(era="gb2021", year=None, org="甲镇人民政府", parts=None, cells=None, figures=(), title=None,
           degraded=(), published=None, sha=None) -> Report:
    year = year or (2017 if era == "pre2019" else 2023)
    parts = PARTS_GB if parts is None and era != "pre2019" else (parts or PARTS_PRE)
    cells = dict(cells if cells is not None else ({**s2_cells(), **s3_cells(), **s4_cells()} if era != "pre2019" else {}))
    r = Report(source={"path": "x", "sha256": sha or f"sha-{org}-{year}", "format": "txt", "pages": 1},
               title=title if title is not None else f"{org}{year}年政府信息公开工作年度报告", org=org, year=year,
               era=era, published=published)
    r.sections = [Section(k, f"{i + 1}、{k}", 1, 100 * i, 100 * i + 90) for i, k in enumerate(parts)]
    r.cells = [Cell(k, v, v or "", page=2) for k, v in cells.items()]
    tables = sorted({k.split(".")[0] if not k.startswith("s2.") else ".".join(k.split(".")[:2]) for k in cells})
    r.tables = [TableQuality(t, era, "degraded" if t in degraded else "matched") for t in tables]
    r.figures = list(figures)
    return r


def fig(metric, value, unit="件", kind="annual", parent=None, text="", qualifier=None, section="overview"):
    return Figure(metric, str(value), f"{value}{unit}", unit=unit, kind=kind, parent=parent, text=text,
                  qualifier=qualifier, section=section, page=1)


SEED_TEXT = "全年主动公开政府信息438条。其中，最新公开信息专栏公开346条（含财政预决算、政府工作报告等），重点领域11条，公文7条，通知公告8条，政策解读2条。"
BREAKDOWN = [fig("active.items", 438, "条", text=SEED_TEXT)] + [
    fig(None, v, "条", kind="breakdown", parent=0, text=SEED_TEXT) for v in (346, 11, 7, 8, 2)]
HEDGED = "主动公开信息438条，其中主要包括：政务动态346条，公文7条等。"
BREAKDOWN_HEDGED = [fig("active.items", 438, "条", text=HEDGED)] + [
    fig(None, v, "条", kind="breakdown", parent=0, text=HEDGED) for v in (346, 7)]
BREAKDOWN_OK = [fig("active.items", 374, "条", text=SEED_TEXT)] + BREAKDOWN[1:]


def breakdown(sentence, total, parts, unit="条", part_units=None, qualifier=None):
    """A total and its 其中 children, all read from one sentence (as the figure stage links them)."""
    figs = [fig("active.items", total, unit, text=sentence, qualifier=qualifier)]
    if qualifier:
        figs[0].raw = f"{total}{qualifier}{unit}"
    for k, v in enumerate(parts):
        figs.append(fig(None, v, (part_units or [unit] * len(parts))[k], kind="breakdown", parent=0, text=sentence))
    return report(era="pre2019", parts=PARTS_PRE, figures=figs)


def _bad_s3_balance():
    c = {**s2_cells(), **s3_cells(), **s4_cells()}
    c["s3.carry_forward.natural_person"], c["s3.carry_forward.total"] = "3", "3"
    return c


def _bad_s3_row_total():
    c = {**s2_cells(), **s3_cells(), **s4_cells()}
    c["s3.result_open.total"] = "9"
    return c


def _bad_result_total():
    c = {**s2_cells(), **s3_cells(), **s4_cells()}
    c["s3.unable.not_held.natural_person"] = "1"
    c["s3.unable.not_held.total"] = "1"
    return c


def _missing_rows():
    c = {**s2_cells(), **s3_cells(), **s4_cells()}
    return {k: v for k, v in c.items() if not k.startswith("s3.not_open.admin_query.")}


# (id, report, rule that must fail, expected value fragment in the English message)
FAILING = [
    ("C01 pre2019 without fees", report(era="pre2019", parts=["overview", "active", "requests", "review_litigation",
                                                             "problems", "other"]), "C01", "fees"),
    ("C01 gb2021 without problems", report(parts=["overview", "active", "requests", "review_litigation", "other"]),
     "C01", "problems"),
    ("C02 gb2021 parts swapped", report(parts=["overview", "requests", "active", "review_litigation", "problems",
                                               "other"]), "C02", "expected overview active"),
    ("C04 gb2021 without s4", report(cells={**s2_cells(), **s3_cells()}), "C04", "s4"),
    ("C05 s3 lacks a row", report(cells=_missing_rows()), "C05", "not_open.admin_query"),
    ("A01 seed breakdown 374 vs 438", report(era="pre2019", parts=PARTS_PRE, figures=BREAKDOWN), "A01", "374"),
    ("A02 s3 balance broken", report(cells=_bad_s3_balance()), "A02", "carried forward 3"),
    ("A03 s3 row total off", report(cells=_bad_s3_row_total()), "A03", "total 9"),
    ("A04 result total off", report(cells=_bad_result_total()), "A04", "sum of result rows 4"),
    ("A05 s4 total 0 vs 11", report(cells={**s2_cells(), **s3_cells(), **s4_cells(review=(10, 1, 0, 0, 0))}),
     "A05", "total 0"),
    ("P01 prose 17 vs table 6", report(figures=[fig("requests.received", 17)]), "P01", "17"),
    ("P02 answered 9 vs table 7", report(figures=[fig("requests.answered", 9)]), "P02", "9"),
    ("P03 reviews 3 vs table 2", report(figures=[fig("review.total", 3)]), "P03", "3"),
    ("P04 lawsuits 1 vs table 0", report(figures=[fig("litigation.total", 1)]), "P04", "1"),
    ("M01 title 2016, report 2017", report(title="甲镇2016年政府信息公开工作年度报告", year=2017), "M01", "2016"),
    ("M01 published a year early", report(published="2022-06-01"), "M01", "2022-06-01"),
    ("M02 gb2021 in 2019", report(year=2019), "M02", "2019"),
    ("M03 title org vs org", report(title="乙镇2023年政府信息公开工作年度报告"), "M03", "甲镇"),
    ("A01 breakdown larger than an approximate total", breakdown("公开信息1230多条，其中甲类1000条、乙类306条。",
                                                                1230, [1000, 306], qualifier="多"), "A01", "1306"),
]


@pytest.mark.parametrize("r, rule_id, fragment", [c[1:] for c in FAILING], ids=[c[0] for c in FAILING])
def test_rule_fails_on_its_defect(r, rule_id, fragment):
    hits = [x for x in audit_report(r) if x["rule_id"] == rule_id and x["status"] == "fail"]
    assert hits, audit_report(r)
    assert any(fragment in x["message_en"] for x in hits), [x["message_en"] for x in hits]
    assert all(x["message_zh"] and x["report"] == r.source["sha256"] for x in hits)


MIXED = {**s2_cells(), **s4_cells(), **{k: v for k, v in s3_cells().items() if not k.startswith("s3.other_handling.")},
         **{f"s3.other_handling.total.{c}": "0" for c in COLS + ["total"]}}
CLEAN = [
    ("gb2021 complete", report()),
    ("pre2019 complete", report(era="pre2019", parts=PARTS_PRE)),
    ("pre2019 fees only stated as a figure", report(era="pre2019", parts=PARTS_GB,
                                                    figures=[fig("fees.collected_yuan", 0, "元")])),
    ("breakdown that adds up", report(era="pre2019", parts=PARTS_PRE, figures=BREAKDOWN_OK)),
    ("hedged breakdown (主要…等) smaller than total", report(era="pre2019", parts=PARTS_PRE, figures=BREAKDOWN_HEDGED)),
    ("prose agrees with table", report(figures=[fig("requests.received", 6), fig("review.total", 2),
                                                fig("litigation.total", 0), fig("requests.answered", 6)])),
    ("approximate prose below table", report(figures=[fig("requests.received", 5, qualifier="余")])),
    ("mixed layout: single 其他处理 row in gb2021", report(cells=MIXED)),
    ("gb2019 report of 2022 is only info", report(era="gb2019", year=2022, cells={
        **MIXED, "s2.art20_9.central_procurement.procurement_items": "1"})),
    ("published in the next year", report(published="2024-01-20")),
    ("breakdown in two partitions (new+carried = answered+forward)",
     breakdown("共受理申请20件，其中新收18件，上年结转2件，办结17件，结转下年3件。", 20, [18, 2, 17, 3], "件")),
    ("breakdown mixing 条 and 件", breakdown("公开信息30条，其中文件10件，公告20条。", 30, [10, 20],
                                          part_units=["件", "条"])),
    ("a change before 其中 is not an unread part", breakdown("公开信息42条，较上年增加22条，其中甲类17条、乙类25条。", 42,
                                                               [17, 25])),
    ("number after the clause's ； is not a part", breakdown("公开信息100条，其中甲类60条、乙类40条；收到留言8条。",
                                                          100, [60, 40, 8])),
    ("approximate total within its range", breakdown("公开信息1230多条，其中甲类1000条、乙类236条。", 1230, [1000, 236],
                                                                      qualifier="多")),
    ("traditional title, simplified record", report(title="內蒙古自治區2012年政府信息公開工作年度報告",
                                                    org="内蒙古自治区", era="pre2019", parts=PARTS_PRE, year=2012)),
    ("same org with region prefix in title", report(title="某省某市某县甲镇人民政府2023年政府信息公开工作年度报告")),
]


@pytest.mark.parametrize("r", [c[1] for c in CLEAN], ids=[c[0] for c in CLEAN])
def test_clean_report_has_no_failure_above_info(r):
    bad = [x for x in audit_report(r) if x["status"] == "fail" and x["severity"] != "info"]
    assert bad == []


NOT_ASSESSABLE = [
    ("A02 with a blank cell", report(cells={**s2_cells(), **s4_cells(),
                                            **{**s3_cells(), "s3.carry_over.total": None}}), "A02"),
    ("A05 on a degraded s4", report(degraded=("s4",)), "A05"),
    ("P01 on a degraded s3", report(degraded=("s3",), figures=[fig("requests.received", 17)]), "P01"),
    ("A01 with approximate parts", report(era="pre2019", parts=PARTS_PRE, figures=[
        fig("active.items", 438, "条", text=SEED_TEXT),
        fig(None, 300, "条", kind="breakdown", parent=0, text=SEED_TEXT, qualifier="余"),
        fig(None, 8, "条", kind="breakdown", parent=0, text=SEED_TEXT)]), "A01"),
    ("A01 with a number not read as a figure",
     breakdown("制作信息50条，其中主动公开20条，部分公开5条，依申请公开30。", 50, [20, 5]), "A01"),
    ("C01 with only a preamble segmented", report(parts=["preamble"]), "C01"),
    ("C01 with no segmented parts", report(parts=["x"]).__class__(source={"sha256": "s"}, era="gb2021"), "C01"),
]


@pytest.mark.parametrize("r, rule_id", [c[1:] for c in NOT_ASSESSABLE], ids=[c[0] for c in NOT_ASSESSABLE])
def test_rule_says_not_assessable_when_data_is_missing(r, rule_id):
    got = [x for x in audit_report(r) if x["rule_id"] == rule_id]
    assert got and all(x["status"] == "not_assessable" for x in got), got


def test_audit_never_changes_the_report():
    r = report(cells=_bad_s3_balance(), figures=BREAKDOWN)
    before = r.to_dict()
    audit_report(r)
    audit_reports([r])
    assert r.to_dict() == before


def test_finding_locates_cells_and_values():
    x = next(x for x in audit_report(report(cells=_bad_s3_balance())) if x["rule_id"] == "A02")
    assert x["keys"][0] == "s3.new_received.natural_person" and x["page"] == 2
    assert x["values"]["s3.carry_forward.natural_person"] == "3"
    assert x["section"] == "requests" and x["severity"] == "error"


BODIES = [
    ("problems has only its heading", {"problems": ""}, ["problems"]),
    ("other says 无。 (nothing to report is a statement)", {"other": "无。"}, []),
    ("every part has text", {}, []),
]


def with_text(r, bodies: dict[str, str], default: str = "本部分有正文内容若干。"):
    """The report and a text whose parts carry the given bodies (the others the default line)."""
    text, pos = "", 0
    for s in r.sections:
        chunk = s.heading + "\n" + bodies.get(s.key, default) + "\n"
        s.start, s.end = pos, pos + len(chunk)
        text += chunk
        pos += len(chunk)
    return r, text


@pytest.mark.parametrize("bodies, expected", [c[1:] for c in BODIES], ids=[c[0] for c in BODIES])
def test_empty_part_found_from_text(bodies, expected):
    r, text = with_text(report(), bodies)
    got = [x["section"] for x in audit_report(r, text=text) if x["rule_id"] == "C03"]
    assert got == expected


def _catalogue_ids():
    from report_parser.audit.catalogue import catalogue

    return list(catalogue()["rules"])


@pytest.mark.parametrize("rule_id", _catalogue_ids())
def test_every_rule_is_documented_with_its_severity(rule_id):
    from report_parser.audit.catalogue import rule

    from conftest import ROOT

    doc = (ROOT / "docs" / "audit-rules.md").read_text(encoding="utf-8")
    head = next((line for line in doc.splitlines() if line.startswith(f"### {rule_id} ")), None)
    assert head is not None and f"({rule(rule_id)['severity']}" in head


BODY_ORGS = [
    ("a town calling itself 我局", "甲镇人民政府", "我镇高度重视。我局认真落实各项要求。", ["我局"]),
    ("another town's full name left in", "甲镇人民政府", "我镇高度重视。乙丙镇人民政府办公室负责具体工作。", ["乙丙镇"]),
    ("a town speaking of its district", "甲镇人民政府", "我镇按照我区统一部署开展工作。", []),
    ("prose before 县人民政府 is not a name", "丁县人民政府", "我县结合县人民政府工作要求推进公开。", []),
    ("its own name with the region prefix", "甲镇人民政府", "某某区甲镇人民政府发布本报告。", []),
]


@pytest.mark.parametrize("org, text, expected", [c[1:] for c in BODY_ORGS], ids=[c[0] for c in BODY_ORGS])
def test_org_named_in_the_body(org, text, expected):
    r = report(org=org)
    got = [x["values"]["body_org"] for x in audit_report(r, text=text) if x["rule_id"] == "M03"]
    assert got == expected


def test_no_template_table_at_all_is_one_finding():
    got = [x for x in audit_report(report(cells={})) if x["rule_id"] == "C04"]
    assert len(got) == 1 and len(got[0]["keys"]) == 6


def _text_for(r, preamble):
    """A text whose sections match the report's spans, after a preamble."""
    text = preamble + "\n"
    for sec in r.sections:
        chunk = sec.heading + "\n本部分有正文内容若干。\n"
        sec.start, sec.end = len(text), len(text) + len(chunk)
        text += chunk
    return text


PERIOD = "本报告统计期限自{y}年1月1日起至{y}年12月31日止，特此说明。"
WRONG_TITLE_YEAR = [
    # (id, era, title year, statistics year, cells, rules expected to fail, rules expected not assessable)
    ("gb2021 report titled a year early", "gb2021", 2020, 2021, None, ["M01"], []),
    ("pre2019 report titled 2019, no tables", "gb2019", 2019, 2018, {}, ["M01"], ["C04"]),
]


@pytest.mark.parametrize("era, title_year, period, cells, fails, na", [c[1:] for c in WRONG_TITLE_YEAR],
                         ids=[c[0] for c in WRONG_TITLE_YEAR])
def test_wrong_title_year_is_one_finding_not_three(era, title_year, period, cells, fails, na):
    r = report(era=era, year=title_year, cells=cells)
    found = audit_report(r, text=_text_for(r, PERIOD.format(y=period)))
    assert sorted({x["rule_id"] for x in found if x["status"] == "fail" and x["severity"] != "info"}) == fails
    assert sorted({x["rule_id"] for x in found if x["status"] == "not_assessable"}) == na


def test_title_with_guanyu_names_no_other_organ():
    r = report(org="丙县人民政府", title="关于2018年政府信息公开工作的年度报告", era="pre2019", parts=PARTS_PRE, year=2018)
    assert [x for x in audit_report(r) if x["rule_id"] == "M03"] == []


def _separate_sentence(first, values, parts, parent):
    """Totals stated in one sentence, then a 其中 sentence of its own linked to one of them."""
    figs = [fig(f"m{i}", v, "件", text=first) for i, v in enumerate(values)]
    figs += [fig(None, v, "件", kind="breakdown", parent=parent, text="其中，甲类若干，乙类若干。") for v in parts]
    return report(era="pre2019", parts=PARTS_PRE, figures=figs)


SEPARATE = [
    ("linked to the nearest total, adds up to another", [11, 0, 8, 3], [4, 1, 3], 3, None),
    ("several totals, matches none", [11, 0, 10, 2], [4, 2], 3, "not_assessable"),
    ("one total before, does not add up", [438], [346, 11], 0, "fail"),
]


@pytest.mark.parametrize("values, parts, parent, status", [c[1:] for c in SEPARATE], ids=[c[0] for c in SEPARATE])
def test_breakdown_in_a_sentence_of_its_own(values, parts, parent, status):
    got = [x["status"] for x in audit_report(_separate_sentence("新收甲件，结转乙件，办结丙件，结转丁件。", values, parts,
                                                                 parent)) if x["rule_id"] == "A01"]
    assert got == ([status] if status else [])


def test_a_sentence_caught_as_title_names_no_organ():
    r = report(title="办法》要求,在2016年政府信息公开工作中", era="pre2019", parts=PARTS_PRE, year=2016)
    assert [x for x in audit_report(r) if x["rule_id"] == "M03"] == []


# Asides next to a total (含…, 另有…, 不含…, （…顺延/结转…）) say something about it and do not break it down.
ASIDES = [
    ("含 and 另有 in a parenthesis", "答复25件(含上年度结转申请2件,另有3件顺延到下年度答复)", 25, [2, 3]),
    ("full-width parenthesis", "本年度答复申请25件（含上年度结转申请2件，另有3件顺延到下年度答复）。", 25, [2, 3]),
    ("不含 after a 其中 part", "本年共受理申请28件，其中新收26件，不含上年结转的4件。", 28, [26, 4]),
    ("顺延 after the number in a parenthesis", "办结申请20件（2件由上年结转，3件顺延至下年度办理）。", 20, [2, 3]),
    ("结转 in a parenthesis after a part", "公开信息30条，其中甲类12条（另有结转4条）、乙类18条。", 30, [12, 4, 18]),
]


@pytest.mark.parametrize("sentence,total,parts", [a[1:] for a in ASIDES], ids=[a[0] for a in ASIDES])
def test_asides_are_not_parts_of_a_breakdown(sentence, total, parts):
    r = breakdown(sentence, total, parts, "条" if "条" in sentence else "件")
    assert [x for x in audit_report(r) if x["rule_id"] == "A01" and x["status"] == "fail"] == []


@pytest.mark.parametrize("sentence,total,parts", [
    pytest.param("共受理申请20件，其中新收16件，上年结转2件。", 20, [16, 2], id="结转-as-a-part-outside-parentheses"),
    pytest.param("答复25件（其中公开10件、结转3件）。", 25, [10, 3], id="parenthesis-opening-with-其中"),
    pytest.param("公开信息30条，其中甲类12条（另有结转4条）、乙类15条。", 30, [12, 4, 15], id="aside-left-out-of-the-sum"),
])
def test_real_parts_next_to_aside_words_still_count(sentence, total, parts):
    r = breakdown(sentence, total, parts, "条" if "条" in sentence else "件")
    fails = [x for x in audit_report(r) if x["rule_id"] == "A01" and x["status"] == "fail"]
    assert len(fails) == 1
    assert "4条" not in fails[0]["message_zh"]  # the aside is never shown as a part


def test_aside_sentence_parsed_from_a_document(tmp_path):
    """The issue's sentence end to end: the figure stage links the asides to 答复25件, A01 stays silent."""
    from report_parser.pipeline import parse_file

    p = tmp_path / "r.txt"
    p.write_text("2020年甲县人民政府政府信息公开工作年度报告\n一、总体情况\n"
                 "本年度收到申请30件，答复25件(含上年度结转申请2件, 另有3件顺延到下年度答复)。\n", encoding="utf-8")
    r = parse_file(p)
    assert [x["message_zh"] for x in r.findings if x["rule_id"] == "A01" and x["status"] == "fail"] == []
