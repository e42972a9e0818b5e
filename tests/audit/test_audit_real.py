"""The must-show findings on real material (../shared): the seed and the two 洪泽区 PDFs. Skips when absent."""
from __future__ import annotations

import pytest

from report_parser.audit import audit_reports
from report_parser.audit.sources import from_files


@pytest.fixture(scope="module")
def seed_findings(shared):
    loaded = from_files([str(shared / "seeds" / "qianwei-2017.txt")])
    return audit_reports(loaded.reports, loaded.texts)


@pytest.fixture(scope="module")
def hongze(shared):
    paths = [shared / "real" / "pdf" / f"hongze-{y}.pdf" for y in (2023, 2024)]
    if not all(p.exists() for p in paths):
        pytest.skip("hongze PDFs absent")
    loaded = from_files([str(p) for p in paths])
    by_year = {r.year: r for r in loaded.reports}
    return by_year, audit_reports(loaded.reports, loaded.texts)


def _fails(findings, rule_id, year=None):
    return [x for x in findings if x["rule_id"] == rule_id and x["status"] == "fail"
            and (year is None or x["year"] == year)]


def test_seed_breakdown_374_vs_438(seed_findings):
    hits = _fails(seed_findings, "A01")
    assert len(hits) == 1 and "438" in hits[0]["message_zh"] and "374" in hits[0]["message_zh"]
    assert hits[0]["values"]["sum"] == "374"


def test_seed_missing_fees_part(seed_findings):
    assert [x["section"] for x in _fails(seed_findings, "C01")] == ["fees"]


def test_seed_has_no_other_failure(seed_findings):
    assert sorted(x["rule_id"] for x in seed_findings if x["status"] == "fail") == ["A01", "C01"]


def test_hongze_2023_reconsideration_total_0_vs_11(hongze):
    _, findings = hongze
    review = [x for x in _fails(findings, "A05", 2023) if "s4.review.total" in x["keys"]]
    assert len(review) == 1
    assert review[0]["values"]["s4.review.total"] == "0" and review[0]["values"]["sum"] == "11"


def test_hongze_2024_prose_17_vs_table_95(hongze):
    _, findings = hongze
    hits = _fails(findings, "P01", 2024)
    assert len(hits) == 1 and hits[0]["values"]["s3.new_received.total"] == "95"
    assert "17" in hits[0]["message_zh"]


@pytest.mark.parametrize("year", [2023, 2024])
def test_hongze_s3_balance_passes(hongze, year):
    reports, findings = hongze
    assert sum(1 for c in reports[year].cells if c.key.startswith(("s3.new_received.", "s3.carry_forward."))) == 14
    assert [x for x in findings if x["rule_id"] == "A02" and x["year"] == year] == []


def test_hongze_2024_carry_over_matches_2023_in_all_7_columns(hongze):
    reports, findings = hongze
    cols = {c.key.rsplit(".", 1)[1] for c in reports[2024].cells if c.key.startswith("s3.carry_over.")}
    prev = {c.key.rsplit(".", 1)[1] for c in reports[2023].cells if c.key.startswith("s3.carry_forward.")}
    assert len(cols & prev) == 7  # the check had all seven columns to compare
    assert [x for x in findings if x["rule_id"] == "X01"] == []
    assert [x for x in findings if x["rule_id"] == "A06"] == []


def test_hongze_years_are_paired_so_a_broken_carry_over_would_show(hongze):
    import copy

    reports, _ = hongze
    changed = copy.deepcopy(reports[2024])
    cell = next(c for c in changed.cells if c.key == "s3.carry_over.total")
    cell.value = "7"
    hits = _fails(audit_reports([reports[2023], changed]), "X01", 2024)
    assert [x["keys"][0] for x in hits] == ["s3.carry_over.total"]


SEED_FORMATS = ["txt", "docx", "pdf"]


@pytest.mark.parametrize("fmt", SEED_FORMATS)
def test_bundled_seed_in_every_format_gets_both_findings(corpus, fmt):
    path = corpus / "seed" / f"qianwei-2017.{fmt}"
    if not path.exists():
        pytest.skip(f"{path.name} not generated")
    loaded = from_files([str(path)])
    got = sorted(x["rule_id"] for x in audit_reports(loaded.reports, loaded.texts) if x["status"] == "fail")
    assert got == ["A01", "C01"]


def test_hongze_2024_repeats_more_than_half_of_2023(hongze):
    """X05 on the one real pair: 2024 repeats 53 % of 2023's running text once numbers and dates are removed."""
    _, findings = hongze
    hits = _fails(findings, "X05")
    assert [x["year"] for x in hits] == [2024]
    assert 0.5 < hits[0]["values"]["share"] < 0.6 and len(hits[0]["values"]["passages"]) == 3
