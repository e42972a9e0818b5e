"""The store on SQLite and PostgreSQL: exact round trips, idempotent saves, replacement, cascades, the view, the API."""
from __future__ import annotations

import hashlib
import threading

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest_pg import *  # noqa: F401,F403  (db_url, pg_url, sqlite_url, pg_server fixtures)
from report_parser.research import api
from report_parser.store import schema
from report_parser.record import Cell, Figure, Report, Section, TableQuality
from report_parser.store.db import CHANGED, NEW, REPARSED, UNCHANGED, Store, report_id


def sha_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def make_report(tag: str = "a", parser_version: str = "0.1.0", year: int = 2023) -> Report:
    """A report using every field of the record, with values that round to something else as floats."""
    r = Report(source={"path": f"/data/{tag}.docx", "sha256": sha_of(tag), "format": "docx", "pages": 3},
               title=f"测试县{tag}政府信息公开工作年度报告", org=f"测试县{tag}人民政府",
               region={"province": "测试省", "city": "测试市", "county": "测试县"}, level="county", year=year,
               era="gb2021", published="2024-01-20", parser_version=parser_version, ocr_pages=1)
    r.sections = [Section("s1", "一、总体情况", 1, 0, 120, text="一、总体情况\n本年度…"),
                  Section("s3", "三、收到和处理政府信息公开申请情况", 2, 121, 400, 1)]
    r.missing_sections = ["s6"]
    r.figures = [
        Figure(metric="active.items", value="4380000", raw="438万条", unit="条", scale="万", qualifier=None,
               section="s1", text="主动公开信息438万条。", page=1, span=(10, 15),
               box=[1, 90.12, 100.5, 130.0, 112.25], box_source="pdf", box_more=[[1, 90.0, 116.0, 102.0, 128.0]]),
        Figure(metric=None, value="0.1000000000000000055511151231257827", raw="0.1000000000000000055511151231257827",
               qualifier="约", section="s1", text="约…", page=1, span=(20, 56), kind="share", parent=0),
        Figure(metric="requests.received", value="0", raw="未收到", text="本年度未收到政府信息公开申请。", page=2,
               span=(130, 144), negation=True, ocr=True),
    ]
    r.cells = [
        Cell("s3.new_received.total", "12345678901234567890.5", "12345678901234567890.5", 2, ["本年新收政府信息公开申请数量"],
             "s3", "gb2021"),
        Cell("s3.new_received.natural_person", "0", "0", 2, ["自然人"], "s3", "gb2021",
             box=[2, 300.0, 200.25, 330.5, 215.0], box_source="libreoffice-pdf", span=(200, 201)),
        Cell("s3.new_received.commercial_enterprise", None, "/", 2, ["法人或其他组织", "商业企业"], "s3", "gb2021"),
        Cell("s3.new_received.research_institute", None, "", 2, ["法人或其他组织", "科研机构"], "s3", "gb2021"),
        Cell("s3.legal.total.new", "7", "", 2, ["法人或其他组织", "小计"], "s3", "gb2021", unit="件", derived=True),
        Cell("s3.carry_over.total", "20", "20", 2, ["二、上年结转政府信息公开申请数量", "总计"], "s3", "gb2021",
             derived_by="constraint"),
    ]
    r.tables = [TableQuality("s3", "gb2021", "degraded", 2, rows_missing=["s3.other"], non_numeric=["s3.x.y"],
                             runs=[{"row": "carry_over", "run": "200000020", "splits": 1, "read": True},
                                   {"row": "new_received", "run": "110000011", "splits": 2, "read": False}])]
    r.metrics = {"requests.received": "12345678901234567890.5", "active.items": "4380000", "review.total": None}
    r.metric_sources = {"requests.received": {"kind": "cell", "ref": "s3.new_received.total", "page": 2},
                        "active.items": {"kind": "figure", "ref": 0, "page": 1}}
    r.findings = [{"rule_id": "S3_SUM", "severity": "error", "message_zh": "合计不等", "message_en": "total differs",
                   "section": "s3", "page": 2, "keys": ["s3.new_received.total"], "values": ["1", "2"], "status": "open"}]
    r.add_issue("TABLE_DEGRADED", "a.docx: the s3 table lost a row", 2)
    r.status = "partial"
    return r


@pytest.fixture
def store(db_url):
    s = api.open_store(db_url)
    yield s
    s.close()


def test_a_report_round_trips_exactly_through_the_database(store):
    rep = make_report()
    assert store.save(rep, rep.source["path"]) == NEW
    back = store.load_report(report_id(rep.source["sha256"]))
    assert back.to_dict() == rep.to_dict()


def test_exact_values_are_text_and_floats_are_beside_them(store):
    rep = make_report()
    store.save(rep, rep.source["path"])
    with store.engine.connect() as c:
        rows = dict(c.execute(sa.select(schema.cells.c.key, schema.cells.c.value)).all())
        flt = dict(c.execute(sa.select(schema.cells.c.key, schema.cells.c.value_float)).all())
    assert rows["s3.new_received.total"] == "12345678901234567890.5"
    assert flt["s3.new_received.total"] == pytest.approx(1.2345678901234567e19)
    assert (rows["s3.new_received.natural_person"], rows["s3.new_received.commercial_enterprise"]) == ("0", None)
    assert flt["s3.new_received.commercial_enterprise"] is None


def test_zero_blank_and_slash_stay_distinct(store):
    rep = make_report()
    store.save(rep, rep.source["path"])
    df = store.cells(keys=["s3.new_received.natural_person", "s3.new_received.commercial_enterprise", "s3.new_received.research_institute"])
    got = {k: (v, raw) for k, v, raw in zip(df["key"], df["value"], df["raw"])}
    assert got["s3.new_received.natural_person"] == ("0", "0")
    assert got["s3.new_received.commercial_enterprise"][1] == "/"
    assert got["s3.new_received.research_institute"][1] == ""
    # pandas shows SQL NULL as NaN in an object column: still distinct from the text "0".
    assert pd.isna(got["s3.new_received.commercial_enterprise"][0]) and pd.isna(got["s3.new_received.research_institute"][0])


def test_saving_the_same_content_twice_is_a_no_op(store):
    rep = make_report()
    store.save(rep, rep.source["path"])
    before = store.counts()
    assert store.save(rep, rep.source["path"]) == UNCHANGED
    assert store.counts() == before


@pytest.mark.parametrize("why", ["force", "new_parser_version"])
def test_a_reparse_replaces_the_rows_of_the_same_content(store, why):
    rep = make_report()
    store.save(rep, rep.source["path"])
    again = make_report(parser_version="0.2.0" if why == "new_parser_version" else "0.1.0")
    again.cells = again.cells[:2]
    assert store.save(again, rep.source["path"], force=why == "force") == REPARSED
    assert store.counts()["cells"] == 2
    assert store.load_report(report_id(rep.source["sha256"])).to_dict() == again.to_dict()


def test_a_changed_file_replaces_its_old_report(store):
    old = make_report("v1")
    store.save(old, "/data/x.docx")
    new = make_report("v2")
    assert store.save(new, "/data/x.docx") == CHANGED
    assert store.report_ids() == [report_id(new.source["sha256"])]
    assert store.counts()["report_paths"] == 1


def test_the_same_content_under_two_paths_is_one_report_with_both_paths(store):
    rep = make_report()
    store.save(rep, "/data/a.docx")
    store.link_path("/data/copy/a.docx", rep.source["sha256"])
    df = store.reports()
    assert len(df) == 1
    assert df.loc[0, "paths"] == "/data/a.docx; /data/copy/a.docx"


def test_a_changed_file_keeps_the_old_content_while_another_path_still_has_it(store):
    rep = make_report("v1")
    store.save(rep, "/data/a.docx")
    store.link_path("/data/b.docx", rep.source["sha256"])
    store.save(make_report("v2"), "/data/a.docx")
    assert sorted(store.report_ids()) == sorted([report_id(sha_of("v1")), report_id(sha_of("v2"))])


def test_deleting_a_report_cascades_to_every_child_table(store):
    rep = make_report()
    store.save(rep, "/data/a.docx")
    with store.engine.begin() as c:
        c.execute(sa.delete(schema.reports))
    counts = store.counts()
    assert {k: v for k, v in counts.items() if k != "runs"} == {k: 0 for k in counts if k != "runs"}


def test_the_report_metrics_view_has_one_row_per_report_and_metric(store):
    for tag, year in (("a", 2022), ("b", 2023)):
        store.save(make_report(tag, year=year), f"/data/{tag}.docx")
    df = store.metrics()
    assert len(df) == 6
    row = df[(df.metric == "requests.received") & (df.year == 2023)].iloc[0]
    assert (row.org, row.region_county, row.value, row.source_kind) == ("测试县b人民政府", "测试县",
                                                                        "12345678901234567890.5", "cell")
    assert store.metrics("review.total")["value"].isna().all()


@pytest.mark.parametrize("filters,expected", [
    pytest.param({"year": 2022}, ["a"], id="year"),
    pytest.param({"year": [2022, 2023]}, ["a", "b"], id="year-list"),
    pytest.param({"org": "测试县b人民政府"}, ["b"], id="org"),
])
def test_api_filters_select_reports(store, filters, expected):
    for tag, year in (("a", 2022), ("b", 2023)):
        store.save(make_report(tag, year=year), f"/data/{tag}.docx")
    df = store.metrics("requests.received", **filters)
    assert sorted(df["org"].str[3]) == expected


def test_an_unknown_api_filter_is_refused(store):
    with pytest.raises(TypeError, match="unknown filter"):
        store.metrics(colour="red")


def test_findings_and_iter_reports_read_back(store):
    store.save(make_report("a"), "/data/a.docx")
    f = store.findings(rule_id="S3_SUM")
    assert list(f["severity"]) == ["error"]
    assert [r.org for r in store.iter_reports(year=2023)] == ["测试县a人民政府"]


def test_concurrent_saves_of_the_same_content_store_it_once(db_url):
    rep = make_report()
    errors: list[BaseException] = []
    outcomes: list[str] = []

    def worker(i: int) -> None:
        s = Store(db_url)
        try:
            outcomes.append(s.save(make_report(), f"/data/copy{i}.docx"))
        except BaseException as e:  # collected and asserted below
            errors.append(e)
        finally:
            s.close()

    Store(db_url).close()  # create the schema before the race
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(outcomes).count(NEW) == 1
    s = Store(db_url)
    assert s.counts()["reports"] == 1 and s.counts()["report_paths"] == 6
    assert s.counts()["cells"] == len(rep.cells)
    s.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False).map(str),
                                 st.sampled_from(["0", "-0", "/", "1E+3", "00012"])), min_size=1, max_size=8),
       # Readers decode text, so raw text holds no NUL or lone surrogate (those are cleaned, tested below).
       raws=st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=12))
def test_any_cell_values_round_trip_as_text(sqlite_url, values, raws):
    s = Store(sqlite_url)
    rep = make_report()
    rep.cells = [Cell(f"s3.k{i}", v, raws, None) for i, v in enumerate(values)]
    rep.metrics = {f"s3.k{i}": v for i, v in enumerate(values)}
    rep.metric_sources = {}
    try:
        s.save(rep, "/data/a.docx", force=True)
        assert s.load_report(report_id(rep.source["sha256"])).to_dict() == rep.to_dict()
    finally:
        s.close()


def test_lone_surrogates_are_stored_written_out_not_refused(store):
    rep = make_report()
    rep.cells = [Cell("s3.k0", None, "a\udcb1b\ud800", None)]
    store.save(rep, "/data/a.docx", force=True)
    assert store.load_report(report_id(rep.source["sha256"])).cells[0].raw == "a\\xb1b\\ud800"


def test_nul_characters_from_a_broken_file_do_not_stop_the_save(store):
    rep = make_report()
    rep.title = "标题\x00尾"
    store.save(rep, "/data/a.docx")
    assert store.load_report(report_id(rep.source["sha256"])).title == "标题尾"


def test_positions_are_columns_a_query_can_reach(store):
    rep = make_report()
    store.save(rep, rep.source["path"])
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT box_page, box_x0, box_top, box_x1, box_bottom, box_source, span_start "
                                   "FROM cells WHERE key = 's3.new_received.natural_person'")).one()
        fig = conn.execute(sa.text("SELECT box_page, box_source FROM figures WHERE position = 0")).one()
    assert tuple(row) == (2, 300.0, 200.25, 330.5, 215.0, "libreoffice-pdf", 200)
    assert tuple(fig) == (1, "pdf")
