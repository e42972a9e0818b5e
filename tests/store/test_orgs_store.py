"""The registry in the database: org_id at ingest, spellings linked, ambiguous names listed, the alias file."""
from __future__ import annotations

import copy
import hashlib
import json

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from conftest_query import *  # noqa: F401,F403
from report_parser.cli import main
from report_parser.store.db import make_engine

# (name, region, year) of reports, the region as a parse gives it (the places the report names); bodies marked with
# the same letter must share one org_id.
REPORTS = [
    ("A", "前卫镇", {"county": "江川区"}, 2017),
    ("A", "前卫镇人民政府", {"county": "江川区", "town": "前卫镇"}, 2018),
    ("A", "江川区前卫镇人民政府", {"county": "江川区", "town": "前卫镇"}, 2019),
    ("A", "前卫镇人民政府", {"town": "前卫镇"}, 2020),  # names no county: linked by the registry to those that do
    ("B", "淮安市洪泽区人民政府", {"city": "淮安市", "county": "洪泽区"}, 2020),
    ("B", "洪泽区人民政府", {"county": "洪泽区"}, 2021),
    ("C", "甲县太平镇人民政府", {"county": "甲县", "town": "太平镇"}, 2020),
    ("D", "乙县太平镇人民政府", {"county": "乙县", "town": "太平镇"}, 2020),
    ("?", "太平镇人民政府", {"town": "太平镇"}, 2021),  # which 太平镇? two exist: ambiguous, never merged
    ("-", "办公室", {}, 2021),  # no place at all: unresolved
]


def _record(template: dict, name: str, region: dict, year: int) -> dict:
    t = copy.deepcopy(template)
    t.update(org=name, region=region, year=year)
    t["source"]["sha256"] = hashlib.sha256(f"{name}{year}".encode()).hexdigest()
    return t


@pytest.fixture()
def names_db(tmp_path, truth_records):
    template = next(iter(truth_records.values()))
    url = f"sqlite:///{tmp_path / 'orgs.db'}"
    save_truth(url, [(f"/x/{i}", _record(template, n, r, y)) for i, (_, n, r, y) in enumerate(REPORTS)])  # noqa: F405
    return url


def _ids(url: str) -> dict[str, str | None]:
    engine = make_engine(url)
    with engine.connect() as conn:
        out = dict(conn.execute(sa.text("select org, org_id from reports")).all())
    engine.dispose()
    return out


def test_spellings_of_one_body_share_an_org_id_and_different_bodies_do_not(names_db):
    ids = _ids(names_db)
    groups: dict[str, set] = {}
    for mark, name, _, _ in REPORTS:
        groups.setdefault(mark, set()).add(ids[name])
    engine = make_engine(names_db)
    with engine.connect() as conn:  # the same name with and without a region resolved alike
        assert conn.execute(sa.text("select count(distinct org_id) from reports where org = '前卫镇人民政府'")).scalar() == 1
    engine.dispose()
    for mark in "ABCD":
        assert len(groups[mark]) == 1 and None not in groups[mark], mark
    assert len({next(iter(groups[m])) for m in "ABCD"}) == 4
    assert groups["?"] == {None} and groups["-"] == {None}


def test_orgs_lists_the_unresolved_and_ambiguous(names_db):
    r = CliRunner().invoke(main, ["orgs", "--db", names_db, "--status", "problems", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = {x["name"]: x for x in json.loads(r.output)}
    assert set(rows) == {"太平镇人民政府", "办公室"}
    assert rows["太平镇人民政府"]["status"] == "ambiguous"
    assert rows["太平镇人民政府"]["candidates"] == "乙县/太平镇; 甲县/太平镇"
    assert rows["办公室"]["status"] == "unresolved"


def test_orgs_merged_lists_each_body_with_its_names_and_the_names_never_merged(names_db):
    r = CliRunner().invoke(main, ["orgs", "--db", names_db, "--merged"])
    assert r.exit_code == 0, r.output
    block = r.output.split("江川区/前卫镇")[1].split("\norg_")[0]
    assert "江川区前卫镇人民政府" in block and "前卫镇  [2017" in block  # A's names, under one body
    assert "places named by other reports of the body: 江川区" in r.output
    assert "not merged (ambiguous): 太平镇人民政府 [2021, 1] — could be 乙县/太平镇 or 甲县/太平镇" in r.output
    assert "not merged (unresolved): 办公室" in r.output


@pytest.mark.parametrize("how", ["option", "env"])
def test_the_alias_file_links_what_the_rules_cannot(names_db, tmp_path, monkeypatch, how):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("aliases:\n  太平镇人民政府: 甲县/太平镇\n", encoding="utf-8")
    args = ["orgs", "--db", names_db, "--format", "json"]
    if how == "option":
        args += ["--aliases", str(aliases)]
    else:
        monkeypatch.setenv("REPORT_PARSER_ALIASES", str(aliases))
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    ids = _ids(names_db)
    assert ids["太平镇人民政府"] == ids["甲县太平镇人民政府"] != ids["乙县太平镇人民政府"]


@pytest.mark.parametrize("content", [None, "aliases: [not, a, mapping", "- just\n- a list\n"],
                         ids=["missing", "broken-yaml", "wrong-shape"])
def test_a_bad_alias_file_exits_2_without_traceback(names_db, tmp_path, content):
    path = tmp_path / "aliases.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    r = CliRunner().invoke(main, ["orgs", "--db", names_db, "--aliases", str(path)])
    assert r.exit_code == 2 and "Traceback" not in r.output and "aliases.yaml" in r.output


def test_ingest_gives_every_report_of_the_generated_corpus_its_body_id(parsed_db, truth_records):
    ids_by_org: dict[str, set] = {}
    engine = make_engine(parsed_db)
    with engine.connect() as conn:
        for org, org_id in conn.execute(sa.text("select org, org_id from reports")):
            ids_by_org.setdefault(org, set()).add(org_id)
    engine.dispose()
    assert set(ids_by_org) == {t["org"] for t in truth_records.values()}
    assert all(len(v) == 1 and None not in v for v in ids_by_org.values())
    assert len({next(iter(v)) for v in ids_by_org.values()}) == len(ids_by_org)


@pytest.mark.parametrize("kw,marks", [
    pytest.param({"county": "江川区"}, "A", id="county"),
    pytest.param({"region": "江川区"}, "A", id="region-any-level"),
    pytest.param({"city": "淮安市"}, "B", id="city-named-in-one-year"),
    pytest.param({"county": "甲县"}, "C", id="same-town-name-other-county-excluded"),
])
def test_place_filters_follow_the_body_across_years(names_db, kw, marks):
    """A report that leaves out its county is still found by --county through its body's other reports."""
    from report_parser.research.compare import Filters, compare

    engine = make_engine(names_db)
    result = compare(engine, ["requests.received"], Filters(**kw))
    engine.dispose()
    want = {(n, y) for m, n, _, y in REPORTS if m in marks}
    assert {(v.org, v.year) for v in result.long()} == want


def test_assign_retakes_stale_sqlite_statistics(tmp_path):
    """Statistics taken before the org_ids existed would make compare scan every report for the same-body filter."""
    from report_parser.store import schema as S
    from report_parser.store.db import Store, now_iso
    from report_parser.store.orgs import assign

    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    rows = [{"id": f"{i:016d}", "sha256": f"{i:064d}", "org": f"县{i % 4}县镇{i % 4}镇人民政府",
             "region_county": f"县{i % 4}县", "year": 2015 + i // 4, "status": "ok", "parser_version": "t",
             "ingested_at": now_iso(), "ocr_pages": 0} for i in range(40)]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(S.reports), rows)
        conn.exec_driver_sql("ANALYZE")
    assign(store.engine)
    with store.engine.connect() as conn:
        stat = conn.exec_driver_sql("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_reports_org_id_year'").scalar()
    store.close()
    assert stat.split()[:2] == ["40", "10"]  # 4 bodies × 10 years, no longer "one org_id matches all 40"
