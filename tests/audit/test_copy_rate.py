"""X05, the copy rate: share of a report's text repeated from the same body's previous year, numbers and dates removed."""
from __future__ import annotations

import pytest

from report_parser.audit import audit_reports
from report_parser.audit.catalogue import catalogue
from report_parser.audit.sources import from_files
from report_parser.synth import generate

from test_audit_cross import OTHER_PROSE, pair


def said(year: int, n: int, i: int) -> str:
    """One sentence of a made-up report, with a date and a count that change from year to year."""
    return f"{year}年{i + 1}月，围绕{'春夏秋冬'[i % 4]}{'甲乙丙'[i % 3]}主题开展工作{n + i}次，并形成了完整的制度安排。"


def texts(repeated: int, table: bool = False) -> dict[str, str]:
    """Last year's 12 sentences, and this year's: `repeated` of them reworded with new figures, the rest new."""
    prev = [said(2022, 3, i) for i in range(12)]
    cur = [said(2023, 40, i) for i in range(repeated)] + OTHER_PROSE[:12 - repeated]
    if table:  # template rows repeat every year by design and are no copy
        cur += ["项目 | 本年新增 | 累计"] * 40
    return {"sha-甲镇人民政府-2022": "\n".join(prev), "sha-甲镇人民政府-2023": "\n".join(cur)}


def x05(reports, txt):
    return [x for x in audit_reports(reports, txt) if x["rule_id"] == "X05"]


def test_a_report_filled_in_over_last_years_fails_with_its_passages():
    got = x05(pair(), texts(8))
    assert len(got) == 1 and got[0]["status"] == "fail" and got[0]["year"] == 2023
    v = got[0]["values"]
    assert 0.5 < v["share"] < 0.8 and v["repeated_chars"] < v["chars"]
    assert v["passages"] and "主题开展工作" in v["passages"][0] and "2023年" in v["passages"][0]  # as printed
    assert "与2022年报告相同" in got[0]["message_zh"]


@pytest.mark.parametrize("repeated", [0, 4])
def test_a_report_repeating_less_than_half_passes(repeated):
    assert x05(pair(), texts(repeated)) == []


def test_table_rows_do_not_count():
    assert x05(pair(), texts(4, table=True)) == []


def test_the_threshold_is_the_catalogues(monkeypatch):
    monkeypatch.setitem(catalogue()["rules"]["X05"]["params"], "threshold", 0.8)
    assert x05(pair(), texts(8)) == []


def test_without_text_it_is_silent():
    assert x05(pair(), {}) == []


def test_a_verbatim_copy_is_x03s_alone():
    """Sentences copied with last year's figures: X03 reports the whole text, X05 adds nothing."""
    prev = [said(2022, 3, i) for i in range(12)]
    txt = {"sha-甲镇人民政府-2022": "\n".join(prev), "sha-甲镇人民政府-2023": "\n".join(prev[:10] + OTHER_PROSE[:2])}
    got = {x["rule_id"] for x in audit_reports(pair(), txt) if x["status"] == "fail"}
    assert "X03" in got and "X05" not in got


@pytest.fixture(scope="module")
def synth_findings(tmp_path_factory):
    """(manifest, findings by document) of generated corpora: one clean, one with a defect in every document."""
    out = {}
    for name, rate in (("clean", 0.0), ("defects", 1.0)):
        root = tmp_path_factory.mktemp(name)
        manifest = generate(root, orgs=8, years="2016-2024", formats="txt", seed=5, defects=rate)
        loaded = from_files([str(root / m["path"]) for m in manifest])
        path_of = {r.source["sha256"]: r.source["path"] for r in loaded.reports}
        rel = {str(root / m["path"]): m for m in manifest}
        found: dict[str, set] = {}
        for x in audit_reports(loaded.reports, loaded.texts):
            if x["status"] == "fail":
                found.setdefault(rel[path_of[x["report"]]]["path"], set()).add(x["rule_id"])
        out[name] = (manifest, found)
    return out


def test_clean_generated_years_stay_under_the_threshold(synth_findings):
    manifest, found = synth_findings["clean"]
    assert len(manifest) == 72 and not [p for p, rules in found.items() if "X05" in rules]


def test_the_copied_report_defect_is_found_and_nothing_else_is(synth_findings):
    manifest, found = synth_findings["defects"]
    defect = {(m["org"], m["year"]): m["defects"] for m in manifest}
    want = {m["path"] for m in manifest if m["defects"] == "copied_report"
            # last year's document printed its own wording, not a copy of the year before
            and defect.get((m["org"], m["year"] - 1)) != "copied_report"}
    got = {p for p, rules in found.items() if "X05" in rules}
    assert want and got == want
