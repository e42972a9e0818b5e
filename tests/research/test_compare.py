"""`compare` pivots metric × organisation × year and every value it prints equals the generator's truth."""
from __future__ import annotations

import csv
import fnmatch
import io
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from conftest_query import *  # noqa: F401,F403
from report_parser.cli import main
from report_parser.research.compare import Filters, compare, parse_years
from report_parser.errors import UsageError
from report_parser.store.db import Store

METRICS = ["active.items", "active.items_cumulative", "requests.received", "requests.completed",
           "requests.carry_over", "requests.carry_forward", "review.total", "litigation.total",
           "response.policy_interpretations", "response.opinion_incidents", "fees.collected_yuan"]
CELLS = ["s3.new_received.total", "s3.new_received.natural_person", "s3.not_open.third_party.total",
         "s3.unable.not_held.total", "s3.result_total.total", "s3.carry_forward.total", "s4.review.total",
         "s4.litigation_direct.total", "s2.art20_1.regulation.new_made", "s2.art20_5.admin_license.decisions",
         "s3.not_open.total.total", "s3.not_processed.total.natural_person"]  # the last two are derived subtotals


def _rid(t: dict) -> str:
    return t["source"]["sha256"][:16]


def _shown(value, raw) -> str:
    """What compare prints for a stored value: the number, or the blank/"/" as printed."""
    if value is not None:
        return value
    return raw if raw and raw.strip() else "(空)"


def _truth_values(t: dict) -> dict[str, str]:
    """item → shown value of one truth record (metrics stated, cells printed)."""
    out = {m: v for m, v in t["metrics"].items() if v is not None}
    out.update({c["key"]: _shown(c["value"], c.get("raw")) for c in t["cells"]})
    return out


def _subtotal(t: dict, key: str) -> str | None:
    """A derived group subtotal (s3.<group>.total.<col>) from the truth cells of that group, per the contract."""
    _, group, _, col = key.split(".")
    parts = [c for c in t["cells"] if c["key"].startswith(f"s3.{group}.") and c["key"].endswith(f".{col}")
             and c["key"].split(".")[2] != "total"]
    if not parts:
        return None
    return str(sum((Decimal(c["value"]) for c in parts if c["value"] is not None), Decimal(0)))


def test_compare_returns_exactly_the_truth_of_a_truth_database(truth_db, truth_records):
    """Saved truth in, compare out: the same values, nothing extra, nothing missing, nothing turned into 0."""
    with Store(truth_db) as store:
        result = compare(store.engine, METRICS + CELLS)
    got = {(v.report_id, v.item): v.shown() for v in result.long()}
    want = {(_rid(t), k): v for t in truth_records.values() for k, v in _truth_values(t).items()
            if k in METRICS + CELLS}
    assert got == want
    assert len(want) > 500  # the corpus is big enough to mean something


def test_every_value_compare_prints_from_parsed_documents_equals_the_truth(parsed_db, truth_records):
    """The real pipeline's database: every printed pivot cell is the generator's number for that report."""
    by_rid = {_rid(t): t for t in truth_records.values()}
    with Store(parsed_db) as store:
        result = compare(store.engine, METRICS + CELLS)
    checked = 0
    for v in result.long():
        t = by_rid[v.report_id]
        if v.kind == "derived":
            assert v.value == _subtotal(t, v.item), (t["source"]["path"], v.item)
        else:
            assert v.shown() == _truth_values(t).get(v.item), (t["source"]["path"], v.item, v.kind, v.ref)
        # The pivot cell shows that same value in the column of the report's year.
        assert result.cell(v.org_key, v.item, v.year) == v.shown()
        checked += 1
    truth_total = sum(1 for t in truth_records.values() for k in _truth_values(t) if k in METRICS + CELLS)
    # Nearly everything stated is found (a coverage floor, not an exactness exemption: exactness is above).
    assert checked >= 0.95 * truth_total


def _county(t):
    return t["region"].get("county")


FILTER_CASES = [
    ("county", {"county": "溪平区"}, lambda t: _county(t) == "溪平区"),
    ("region-any-level", {"region": "栖江县"}, lambda t: "栖江县" in t["region"].values()),
    ("level-township", {"level": "township"}, lambda t: t["level"] == "township"),
    ("era-gb2019", {"era": "gb2019"}, lambda t: t["era"] == "gb2019"),
    ("years-range", {"years": "2018-2019"}, lambda t: 2018 <= t["year"] <= 2019),
    ("years-open-end", {"years": "2020-"}, lambda t: t["year"] >= 2020),
    ("name-glob", {"name": "*街道*"}, lambda t: fnmatch.fnmatchcase(t["org"], "*街道*")),
    ("name-substring", {"name": "人民政府"}, lambda t: "人民政府" in t["org"]),
    ("combined", {"level": "township", "years": "2016-2018", "name": "*镇*"},
     lambda t: t["level"] == "township" and t["year"] <= 2018 and "镇" in t["org"]),
]


@pytest.mark.parametrize("kwargs,keep", [pytest.param(k, f, id=i) for i, k, f in FILTER_CASES])
def test_filters_select_exactly_the_matching_reports(truth_db, truth_records, kwargs, keep):
    kw = dict(kwargs)
    lo, hi = parse_years(kw.pop("years", None))
    with Store(truth_db) as store:
        result = compare(store.engine, ["requests.received"], Filters(year_from=lo, year_to=hi, **kw))
    got = {v.report_id for v in result.long()}
    want = {_rid(t) for t in truth_records.values() if keep(t) and "requests.received" in t["metrics"]}
    assert want and got == want


def test_one_body_is_one_row_across_its_years(truth_db, truth_records):
    with Store(truth_db) as store:
        result = compare(store.engine, ["requests.received"])
    orgs = {t["org"] for t in truth_records.values()}
    assert len(result.orgs) == len(orgs)
    assert result.years == sorted({t["year"] for t in truth_records.values()})


def test_missing_stays_missing_not_zero(truth_db, truth_records):
    """pre2019 reports have no s3 table: their cells are missing (— / empty), while a printed 0 stays 0."""
    runner = CliRunner()
    out = runner.invoke(main, ["compare", "s3.new_received.total", "--db", truth_db, "--format", "csv",
                               "--years", "2015-2021"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert rows and all(r["2015"] == "" for r in rows)  # a year in the range that nobody reported
    pre = {t["year"] for t in truth_records.values() if t["era"] == "pre2019"}
    assert pre and all(r[str(y)] == "" for r in rows for y in pre)
    zeros = [r for r in rows for y in range(2019, 2022) if r[str(y)] == "0"]
    assert zeros  # real zeros are printed as 0
    table = runner.invoke(main, ["compare", "s3.new_received.total", "--db", truth_db, "--years", "2016-2021"])
    assert "—" in table.output


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_output_formats_hold_the_same_pivot(truth_db, tmp_path, fmt):
    out_file = tmp_path / f"pivot.{fmt}"
    r = CliRunner().invoke(main, ["compare", "review.total", "s4.review.total", "--db", truth_db, "--format", fmt,
                                  "-o", str(out_file)])
    assert r.exit_code == 0, r.output
    with Store(truth_db) as store:
        want = compare(store.engine, ["review.total", "s4.review.total"]).rows()
    if fmt == "json":
        got = json.loads(out_file.read_text(encoding="utf-8"))
    elif fmt == "csv":
        got = [{k: (v if v != "" else None) for k, v in r.items()}
               for r in csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8")))]
    else:
        import openpyxl

        ws = openpyxl.load_workbook(out_file).active
        vals = list(ws.values)
        got = [dict(zip(vals[0], (None if x is None else str(x) for x in row))) for row in vals[1:]]
    assert got == want


def test_explain_names_the_sentence_or_cell_of_each_value(parsed_db):
    """--explain: a figure's sentence is the stored sentence of that figure; a cell's key is the item or its source."""
    import sqlalchemy as sa

    with Store(parsed_db) as store:
        result = compare(store.engine, ["review.total", "requests.received", "s4.review.total"], explain=True)
        with store.engine.connect() as conn:
            sentences = {(r.report_id, r.position): r.text for r in conn.execute(
                sa.text("select report_id, position, text from figures"))}
    kinds = set()
    for v in result.long():
        kinds.add(v.kind)
        if v.kind == "figure":
            assert v.text and v.text == sentences[(v.report_id, int(v.ref))]
        else:
            assert v.kind == "cell" and v.ref.startswith(("s", "legacy."))  # template or pre2019 附表 cell
    assert kinds == {"figure", "cell"}
    r = CliRunner().invoke(main, ["compare", "review.total", "--db", parsed_db, "--explain", "--years", "2016"])
    assert r.exit_code == 0 and "←" in r.output and "figure" in r.output


@pytest.mark.parametrize("args", [
    pytest.param(["requests.received", "--years", "2020-2018"], id="reversed-years"),
    pytest.param(["requests.received", "--years", "twenty"], id="bad-years"),
    pytest.param(["--years", "2018"], id="no-items"),
    pytest.param(["requests.received", "--format", "xlsx"], id="xlsx-without-output"),
])
def test_bad_options_exit_2_without_traceback(truth_db, args):
    r = CliRunner().invoke(main, ["compare", *args, "--db", truth_db])
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_a_missing_database_is_not_created(tmp_path):
    r = CliRunner().invoke(main, ["compare", "requests.received", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and not (tmp_path / "none.db").exists()


def test_parse_years_rejects_nonsense():
    with pytest.raises(UsageError):
        parse_years("2020-2019")


def test_json_explain_lists_a_source_for_every_pivot_value(parsed_db):
    r = CliRunner().invoke(main, ["compare", "requests.received", "s3.new_received.total", "--db", parsed_db,
                                  "--format", "json", "--explain"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    shown = {(p["org_id"], p["item"], y): v for p in doc["pivot"] for y, v in p.items() if y.isdigit() and v}
    sources = {(s["org_key"], s["item"], str(s["year"])): s for s in doc["sources"]}
    assert shown and set(shown) == set(sources)
    assert all(s["kind"] in ("figure", "cell") and (s["text"] or s["kind"] == "cell") for s in sources.values())
