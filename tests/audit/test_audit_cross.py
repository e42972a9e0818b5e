"""Cross-report rules (carry-over, in_force, jumps, repeated text, same text elsewhere) and coverage."""
from __future__ import annotations

import pytest

from report_parser.audit import audit_reports
from report_parser.audit.coverage import matrix
from report_parser.audit.orgkey import org_key

from test_audit_rules import report, s2_cells, s3_cells, s4_cells

# Twelve distinct sentences (numbers are masked by the rule, so they differ by words, not digits).
PROSE = [f"今年围绕{'春夏秋冬'[i % 4]}{'甲乙丙'[i % 3]}主题开展工作，并形成了完整的制度安排。" for i in range(12)]
OTHER_PROSE = [f"本单位持续推进{'子丑寅卯'[i % 4]}{'东南西'[i % 3]}类事项的公开，做好回应工作。" for i in range(12)]


def pair(prev_cells=None, cur_cells=None, prev_metrics=None, cur_metrics=None):
    prev = report(year=2022, cells=prev_cells or {**s2_cells(in_force=2), **s3_cells(), **s4_cells()})
    cur = report(year=2023, cells=cur_cells or {**s2_cells(), **s3_cells(carry_over=(1, 0)), **s4_cells()})
    prev.metrics, cur.metrics = prev_metrics or {}, cur_metrics or {}
    return [prev, cur]


def _co(v):
    cells = {**s2_cells(), **s3_cells(new=(5 - v + 1, 1), carry_over=(v, 0)), **s4_cells()}
    return cells


FAILING = [
    ("X01 carry-over 4 vs carry-forward 1", pair(cur_cells=_co(4)), {}, "X01", "carried over into 2023 4"),
    ("A06 in_force 5 vs 1+3-0", pair(prev_cells={**s2_cells(in_force=1), **s3_cells(), **s4_cells()}), {}, "A06",
     "= 4"),
    ("X02 received 30 → 900", pair(prev_metrics={"requests.received": "30"}, cur_metrics={"requests.received": "900"}),
     {}, "X02", "30.0x"),
    ("X03 copied previous year", pair(), {"sha-甲镇人民政府-2022": "\n".join(PROSE),
                                           "sha-甲镇人民政府-2023": "\n".join(PROSE[:10] + OTHER_PROSE[:2])}, "X03", "83%"),
]


@pytest.mark.parametrize("reports, texts, rule_id, fragment", [c[1:] for c in FAILING], ids=[c[0] for c in FAILING])
def test_cross_rule_fails_on_its_defect(reports, texts, rule_id, fragment):
    hits = [x for x in audit_reports(reports, texts) if x["rule_id"] == rule_id and x["status"] == "fail"]
    assert hits and any(fragment in x["message_en"] for x in hits), [x["message_en"] for x in hits]
    assert all(x["report"] == reports[1].source["sha256"] and x["year"] == 2023 for x in hits)


CLEAN = [
    ("consistent consecutive years", pair(), {}),
    ("modest growth", pair(prev_metrics={"requests.received": "30"}, cur_metrics={"requests.received": "95"}), {}),
    ("zero to many is not a ratio", pair(prev_metrics={"requests.received": "0"}, cur_metrics={"requests.received": "900"}),
     {}),
    ("new text each year", pair(), {"sha-甲镇人民政府-2022": "\n".join(PROSE), "sha-甲镇人民政府-2023": "\n".join(OTHER_PROSE)}),
]


@pytest.mark.parametrize("reports, texts", [c[1:] for c in CLEAN], ids=[c[0] for c in CLEAN])
def test_clean_pair_has_no_cross_finding(reports, texts):
    got = [x for x in audit_reports(reports, texts) if x["rule_id"][0] in "XV" or x["rule_id"] == "A06"]
    assert got == []


def test_same_text_across_organisations_in_a_year():
    a, b = report(org="甲镇人民政府"), report(org="乙镇人民政府")
    texts = {a.source["sha256"]: "\n".join(PROSE), b.source["sha256"]: "\n".join(PROSE)}
    hits = [x for x in audit_reports([a, b], texts) if x["rule_id"] == "X04"]
    assert sorted(x["org"] for x in hits) == ["乙镇人民政府", "甲镇人民政府"]
    assert all(x["values"]["shared_sentences"] == 12 and x["values"]["example"] for x in hits)


def test_boilerplate_shared_by_many_organisations_is_not_copying():
    reps = [report(org=f"{n}镇人民政府") for n in "甲乙丙丁戊己庚辛壬癸"]
    own = {r.source["sha256"]: "\n".join(PROSE[:8] + [f"{r.org}在本年度独立开展了第{i}类特色工作，并取得进展。" for i in range(8)])
           for r in reps}
    assert [x for x in audit_reports(reps, own) if x["rule_id"] == "X04"] == []


def test_coverage_reports_missing_years_only_inside_the_range():
    reps = [report(year=y) for y in (2019, 2020, 2023)] + [report(org="乙镇人民政府", year=2021)]
    gaps = [(x["org"], x["year"]) for x in audit_reports(reps) if x["rule_id"] == "V01"]
    assert gaps == [("甲镇人民政府", 2021), ("甲镇人民政府", 2022)]
    assert sorted(matrix(reps)["甲镇"]) == [2019, 2020, 2023]


ORG_KEYS = [
    ("淮安市洪泽区人民政府", "洪泽区"), ("洪泽区人民政府", "洪泽区"), ("云南省玉溪市江川区前卫镇人民政府", "前卫镇"),
    ("洪泽区教育局", "洪泽区教育局"), ("淮安市洪泽区市场监督管理局", "洪泽区市场监督管理局"), ("某某街道办事处", "某某街道"),
]


@pytest.mark.parametrize("name, key", ORG_KEYS, ids=[n for n, _ in ORG_KEYS])
def test_org_key_strips_region_and_suffix(name, key):
    assert org_key(name) == key


def test_two_different_reports_for_one_year_make_the_pair_not_assessable():
    prev = report(year=2022)
    real = report(year=2023, sha="real")
    mistitled = report(year=2023, sha="mistitled", cells={**s2_cells(), **s3_cells(carry_over=(4, 0), new=(2, 1)),
                                                          **s4_cells()})
    got = [x for x in audit_reports([prev, real, mistitled]) if x["rule_id"] == "X01"]
    assert got and all(x["status"] == "not_assessable" and "2023" in x["message_en"] for x in got)


def test_two_copies_of_one_report_still_pair():
    prev = report(year=2022)
    docx, pdf = report(year=2023, sha="docx", cells=_co(4)), report(year=2023, sha="pdf", cells=_co(4))
    got = [x for x in audit_reports([prev, docx, pdf]) if x["rule_id"] == "X01" and x["status"] == "fail"]
    assert sorted({x["report"] for x in got}) == ["docx", "pdf"]


def test_reports_without_an_organisation_are_no_body():
    """A report whose organisation was not read is not a body: no coverage row, no missing years, no pairs."""
    reps = [report(year=y) for y in (2019, 2021)] + [report(org="", year=2020), report(org="  ", year=2023)]
    reps[2].org = None
    found = audit_reports(reps)
    assert [(x["org"], x["year"]) for x in found if x["rule_id"] == "V01"] == [("甲镇人民政府", 2020)]
    from report_parser.audit.orgkey import batch_keys

    assert sorted(k for k in batch_keys(reps).values() if k) == ["甲镇", "甲镇"]


def test_variants_of_one_body_are_one_coverage_row():
    """Files mode (no stored org_id): the batch's names go through the registry, so the 2020 report its office
    published (the title names 洪泽区) fills the gap between 淮安市洪泽区人民政府 of 2019 and 洪泽区政府 of 2021."""
    reps = [report(org="淮安市洪泽区人民政府", year=2019),
            report(org="洪泽区人民政府办公室", year=2020, title="洪泽区2020年政府信息公开工作年度报告"),
            report(org="洪泽区政府", year=2021)]
    assert [x for x in audit_reports(reps) if x["rule_id"] == "V01"] == []


def _column(line: str, k: int) -> int:
    """The terminal column of line[k] (CJK characters take two)."""
    from report_parser.audit.coverage import width

    return width(line[:k])


def test_coverage_grid_puts_each_year_over_its_marks_and_shows_names():
    from report_parser.audit.coverage import grid

    m = {"org_aaaaaaaaaaaa": {2016: ["x"], 2018: ["y"]}, "org_bbbbbbbbbbbb": {2017: ["z"], 2018: ["w"]}}
    label = {"org_aaaaaaaaaaaa": "淮安市洪泽区人民政府", "org_bbbbbbbbbbbb": "甲镇"}
    head, *rows = grid(m, label)
    assert [r.split()[0] for r in rows] == ["淮安市洪泽区人民政府", "甲镇"]  # names, in name order
    assert "org_" not in "".join(rows)
    year_ends = [_column(head, head.index(str(y)[2:]) + 1) for y in (2016, 2017, 2018)]
    for row in rows:
        marks = [_column(row, k) for k, c in enumerate(row) if c in "●·"]
        assert marks == year_ends  # each mark sits under the last digit of its year
