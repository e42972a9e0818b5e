"""`report-parser audit --gate`: a draft checked before publication, on generated reports with known defects."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from report_parser.cli import main
from report_parser.synth import generate


def gate(*args):
    return CliRunner().invoke(main, ["audit", "--gate", *args])


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean generated corpus: 3 bodies × 2 years, plain text."""
    root = tmp_path_factory.mktemp("clean")
    return [str(root / m["path"]) for m in generate(root, orgs=3, years="2020-2021", formats="txt", seed=0)]


@pytest.fixture(scope="module")
def defective(tmp_path_factory):
    """Generated documents by injected defect type: [(path, last year's path), ...] (rate 1.0, a few seeds)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for seed in range(10):
        root = tmp_path_factory.mktemp(f"s{seed}")
        for m in generate(root, orgs=4, years="2020-2021", formats="txt", seed=seed, defects=1.0):
            prev = str(root / m["path"].replace(str(m["year"]), str(m["year"] - 1)))
            out.setdefault(m["defects"], []).append((str(root / m["path"]), prev))
    return out


def test_clean_generated_reports_pass(clean):
    res = gate(*clean)
    assert res.exit_code == 0, res.output + res.stderr
    assert "gate: passed" in res.stderr and "0 failed checks" in res.stdout


@pytest.mark.parametrize("defect, rule", [("s3_imbalance", "A02"), ("missing_part", "C01")])
def test_an_error_level_defect_fails_the_gate_naming_the_rule(defective, defect, rule):
    path, _ = defective[defect][0]
    res = gate(path)
    assert res.exit_code == 1, res.output + res.stderr
    assert f"E {rule}" in res.stdout and f"failed check(s) at error level ({rule})" in res.stderr


def test_a_warning_is_listed_but_fails_only_with_fail_on_warning(defective):
    path, _ = defective["s4_total"][0]
    res = gate(path)
    assert res.exit_code == 0 and "W A05" in res.stdout and "gate: passed" in res.stderr
    strict = gate(path, "--fail-on", "warning")
    assert strict.exit_code == 1 and "(A05)" in strict.stderr


def test_the_gate_judges_each_draft_alone(defective):
    """Cross-year rules need last year's published report, not a draft: a broken carry-over (X01) is no failure."""
    path, prev = defective["broken_carry_over"][0]
    got = json.loads(gate(prev, path, "--format", "json").stdout)
    assert not {x["rule_id"] for x in got["findings"]} & {"X01", "X02", "X03", "X04", "X05", "V01"}
    full = json.loads(CliRunner().invoke(main, ["audit", "--files", prev, path, "--format", "json"]).stdout)
    assert "X01" in {x["rule_id"] for x in full["findings"] if x["status"] == "fail"}  # the pair does break


def test_the_gate_shows_failed_checks_only(defective):
    path, _ = defective["s3_imbalance"][0]
    got = json.loads(gate(path, "--format", "json").stdout)
    assert got["findings"] and all(x["status"] == "fail" and x["severity"] != "info" for x in got["findings"])


def test_a_missing_file_is_a_usage_error_with_a_sentence(tmp_path):
    res = gate(str(tmp_path / "draft-2024.docx"))
    assert res.exit_code == 2 and "draft-2024.docx: no such file or folder" in res.stderr


def test_no_file_is_a_usage_error():
    res = gate()
    assert res.exit_code == 2 and "--gate needs at least one file" in res.stderr


def test_a_file_whose_required_parts_are_unknown_fails_the_gate(tmp_path):
    """Without a year or a template table C01 cannot say what is missing: silence is no pass."""
    note = tmp_path / "note.txt"
    note.write_text("会议通知\n请各单位于周五前报送材料。\n", encoding="utf-8")
    res = gate(str(note))
    assert res.exit_code == 1 and "gate: could not check" in res.stderr and "gate: FAILED" in res.stderr


def test_cross_batch_options_are_refused(clean):
    path = clean[0]
    assert gate(path, "--coverage").exit_code == 2
