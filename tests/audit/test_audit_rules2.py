"""Rule pack 2 on hand-built reports: each rule fails on its own invented case, clean twins stay silent."""
from __future__ import annotations

import pytest

from report_parser.audit import audit_report
from report_parser.audit.metadata_rules import deadline

from test_audit_rules import report


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
