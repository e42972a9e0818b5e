"""`report-parser audit --gate`: a draft checked before publication, on generated reports with known defects."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from report_parser.cli import main
from report_parser.synth import generate

# Seeds and documents picked once from the generator's defect draw (`synth/defects.py`, rate 1.0, txt).
DEFECTS = {
    ("s3_imbalance", "A02"): (0, "o0001-2020"),   # error
    ("missing_part", "C01"): (1, "o0002-2020"),   # error
    ("s4_total", "A05"): (2, "o0001-2020"),       # warning only
}


def gate(*args):
    return CliRunner().invoke(main, ["audit", "--gate", *args])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Docs of a clean corpus and of three defective ones, by (seed or 'clean', stem)."""
    out = {}
    root = tmp_path_factory.mktemp("gate")
    clean = generate(root / "clean", orgs=2, years="2020-2021", formats="txt", seed=0, defects=0.0)
    out.update({("clean", m["path"][5:-4]): str(root / "clean" / m["path"]) for m in clean})
    for seed in sorted({s for s, _ in DEFECTS.values()}):
        for m in generate(root / f"s{seed}", orgs=2, years="2020-2021", formats="txt", seed=seed, defects=1.0):
            out[(seed, m["path"][5:-4])] = (str(root / f"s{seed}" / m["path"]), m["defects"])
    return out


def test_clean_generated_reports_pass(corpus):
    paths = [p for (k, _), p in corpus.items() if k == "clean"]
    res = gate(*paths)
    assert res.exit_code == 0, res.output + res.stderr
    assert "gate: passed" in res.stderr and "0 failed checks" in res.stdout


@pytest.mark.parametrize("defect, rule", [k for k in DEFECTS if k[1] != "A05"])
def test_an_error_level_defect_fails_the_gate_naming_the_rule(corpus, defect, rule):
    path, injected = corpus[DEFECTS[(defect, rule)]]
    assert injected == defect  # the generator still draws the defect this test was written for
    res = gate(path)
    assert res.exit_code == 1, res.output + res.stderr
    assert f"E {rule}" in res.stdout and f"failed check(s) at error level ({rule})" in res.stderr


def test_a_warning_is_listed_but_fails_only_with_fail_on_warning(corpus):
    path, injected = corpus[DEFECTS[("s4_total", "A05")]]
    assert injected == "s4_total"
    res = gate(path)
    assert res.exit_code == 0 and "W A05" in res.stdout and "gate: passed" in res.stderr
    strict = gate(path, "--fail-on", "warning")
    assert strict.exit_code == 1 and "(A05)" in strict.stderr


def test_the_gate_judges_each_draft_alone(corpus):
    """Cross-year rules need last year's published report, not a draft: a broken carry-over (X01) is no failure."""
    pair = [corpus[(0, "o0001-2020")][0], corpus[(0, "o0001-2021")][0]]
    assert corpus[(0, "o0001-2021")][1] == "broken_carry_over"
    got = json.loads(gate(*pair, "--format", "json").stdout)
    assert {x["rule_id"] for x in got["findings"]} == {"A02"}  # the 2020 defect only, no X01, no V01


def test_the_gate_shows_failed_checks_only(corpus):
    path = corpus[DEFECTS[("s3_imbalance", "A02")]][0]
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


def test_cross_batch_options_are_refused(corpus):
    path = corpus[DEFECTS[("s3_imbalance", "A02")]][0]
    assert gate(path, "--coverage").exit_code == 2
