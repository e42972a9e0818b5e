"""The audit runs inside every parse: odd records (garbage values, bad parents, missing fields) never raise."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_parser.audit import audit_report, audit_reports
from report_parser.audit.catalogue import bounds
from report_parser.record import Cell, Figure, Report, Section, TableQuality

KEYS = ["s3.new_received.total", "s3.carry_over.total", "s3.result_total.total", "s3.carry_forward.total",
        "s3.result_open.natural_person", "s3.other_handling.total.total", "s4.review.total", "s4.review.upheld",
        "s2.art20_1.normative_doc.in_force", "s2.art20_1.normative_doc.issued", "x", "s3", "s3.a.b.c.d"]
VALUES = st.one_of(st.none(), st.sampled_from(["0", "1", "-3", "1.5", "1e400", "NaN", "abc", "", "/", "１２"]),
                   st.text(max_size=5))
cells = st.builds(Cell, key=st.sampled_from(KEYS), value=VALUES, raw=st.text(max_size=4),
                  page=st.one_of(st.none(), st.integers(0, 9)), derived=st.booleans())
figures = st.builds(Figure, metric=st.sampled_from([None, "requests.received", "review.total", "active.items"]),
                    value=VALUES, raw=st.text(max_size=6), unit=st.sampled_from([None, "条", "件", "元"]),
                    qualifier=st.sampled_from([None, "余", "近", "约", "?"]), text=st.text(max_size=30),
                    kind=st.sampled_from(["annual", "breakdown", "share", "weird"]),
                    parent=st.one_of(st.none(), st.integers(-2, 8)))
sections = st.builds(Section, key=st.sampled_from(["overview", "active", "requests", "fees", "other", "zzz"]),
                     heading=st.text(max_size=8), page=st.none(), start=st.integers(-5, 50), end=st.integers(-5, 50),
                     level=st.integers(0, 3))
reports = st.builds(
    Report, source=st.fixed_dictionaries({"sha256": st.text(min_size=1, max_size=4), "path": st.just("p")}),
    title=st.one_of(st.none(), st.text(max_size=20)), org=st.one_of(st.none(), st.text(max_size=8)),
    year=st.one_of(st.none(), st.integers(1990, 2030)), era=st.sampled_from([None, "pre2019", "gb2019", "gb2021", "x"]),
    published=st.one_of(st.none(), st.sampled_from(["2020-01-31", "bad", "2020"])),
    sections=st.lists(sections, max_size=6), figures=st.lists(figures, max_size=8), cells=st.lists(cells, max_size=15),
    tables=st.lists(st.builds(TableQuality, table=st.sampled_from(["s3", "s4", "s2.art20_1"]), template=st.none(),
                              status=st.sampled_from(["matched", "degraded"])), max_size=3))


# The finding contract (issue 6): every finding has this shape, JSON-ready.
FINDING_SCHEMA = {
    "type": "object",
    "required": ["rule_id", "severity", "status", "message_zh", "message_en", "report", "org", "year", "section",
                 "page", "keys", "values"],
    "additionalProperties": False,
    "properties": {
        "rule_id": {"type": "string", "pattern": "^[A-Z][0-9]{2}$"},
        "severity": {"enum": ["error", "warning", "info"]},
        "status": {"enum": ["fail", "not_assessable"]},
        "message_zh": {"type": "string", "minLength": 1}, "message_en": {"type": "string", "minLength": 1},
        "report": {"type": ["string", "null"]}, "org": {"type": ["string", "null"]},
        "year": {"type": ["integer", "null"]}, "section": {"type": ["string", "null"]},
        "page": {"type": ["integer", "null"]},
        "keys": {"type": "array", "items": {"type": "string"}}, "values": {"type": "object"},
    },
}


@settings(max_examples=150, deadline=None)
@given(reports, st.one_of(st.none(), st.text(max_size=60)))
def test_audit_report_never_raises_and_keeps_the_finding_shape(r, text):
    import json

    import jsonschema

    for x in audit_report(r, text=text):
        jsonschema.validate(x, FINDING_SCHEMA)
        json.dumps(x, ensure_ascii=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(reports, max_size=5))
def test_audit_reports_never_raises(batch):
    audit_reports(batch)


@pytest.mark.parametrize("value,qualifier,low,high", [
    ("1230", "多", "1230", "1240"), ("1000", "余", "1000", "2000"), ("20", "余", "20", "30"),
    ("20.5", "余", "20.5", "21.5"), ("0", "余", "0", "1"), ("100", "近", "90", "100"), ("100", "约", "90", "110"),
    ("7", None, "7", "7"),
    ("1e400", "余", "1e400", "2e400"),  # found by hypothesis: dividing it overflowed the decimal context
])
def test_a_qualified_figure_allows_the_range_of_its_idiom(value, qualifier, low, high):
    assert bounds(Decimal(value), qualifier) == (Decimal(low), Decimal(high))
