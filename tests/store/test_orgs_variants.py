"""One body written several ways across years gets one org_id (with the evidence kept), and the audit's coverage
and cross-year rules see one body: no false "no report for this year"."""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from report_parser.cli import main
from report_parser.store.orgs import Registry, clean_name, title_org


def _resolve(*items):
    res = Registry().resolve(items)
    return {k[0]: v for k, v in res.items()}


@pytest.mark.parametrize("names", [
    pytest.param(["洪泽区人民政府办公室", "洪泽区政府办公室"], id="office-suffix-variants"),
    pytest.param(["洪泽经济开发区管委会", "洪泽经济开发区管理委员会", "洪泽经济开发区"], id="zone-管委会"),
    pytest.param(["2016年度洪泽区人民政府", "洪泽区人民政府", "淮安市洪泽区政府"], id="title-words-and-政府"),
    pytest.param(["《洪泽区人民政府", "关于洪泽区人民政府"], id="quotes-and-关于"),
])
def test_variants_of_one_name_share_an_org_id(names):
    r = _resolve(*[(n, None) for n in names])
    assert {v.status for v in r.values()} == {"resolved"}
    assert len({v.org_id for v in r.values()}) == 1


def test_cleaning_keeps_its_evidence():
    clean, evidence = clean_name("2016年度洪泽区政府办公室")
    assert clean == "洪泽区人民政府办公室"
    assert any("title words dropped" in e for e in evidence) and "政府办公室 read as 人民政府办公室" in evidence


@pytest.mark.parametrize("title,area", [
    ("洪泽区2020年政府信息公开工作年度报告", "洪泽区"),
    ("淮安市洪泽区人民政府2020年度政府信息公开工作年度报告", "淮安市洪泽区人民政府"),
    ("洪泽区人民政府办公室2020年政府信息公开工作年度报告", "洪泽区人民政府办公室"),
    ("2020年洪泽区政府信息公开工作年度报告", "洪泽区"),
    ("政府信息公开工作年度报告", None),
])
def test_the_body_a_title_names(title, area):
    assert title_org(title) == area


def test_the_publishing_office_of_an_area_titled_report_is_the_government():
    r = _resolve(("洪泽区人民政府", None), ("洪泽区人民政府办公室", None, "洪泽区2020年政府信息公开工作年度报告"))
    gov, office = r["洪泽区人民政府"], r["洪泽区人民政府办公室"]
    assert office.org_id == gov.org_id and office.level == "county"
    assert any("published by its office" in e for e in office.evidence)


@pytest.mark.parametrize("title", [
    "洪泽区人民政府办公室2020年政府信息公开工作年度报告",  # the office's own report
    "金湖县2020年政府信息公开工作年度报告",  # another area: not this office's government
    None,
])
def test_an_office_stays_itself_unless_the_title_names_its_area(title):
    r = _resolve(("洪泽区人民政府", None), ("洪泽区人民政府办公室", None, title))
    assert r["洪泽区人民政府办公室"].org_id != r["洪泽区人民政府"].org_id


# ---------------------------------------------------------------- a generated corpus, one body written three ways

WAYS = {2016: "full", 2017: "full", 2018: "office", 2019: "office", 2020: "short", 2021: "short"}


def _write(out, synth_docs) -> None:
    """Six years of one county government: its full name, then its office publishing (the title names the area),
    then 洪泽区政府."""
    out.mkdir()
    with open(synth_docs.parent / "manifest.csv", encoding="utf-8") as f:
        org = next(csv.DictReader(f))["org"]  # the generated body's name, replaced by this year's way
    for year, way in WAYS.items():
        text = (synth_docs / f"o0001-{year}.txt").read_text(encoding="utf-8")
        body = text.split("年度报告", 1)[1]  # everything after the title
        if way == "full":
            head, name = f"江苏省淮安市洪泽区人民政府{year}年政府信息公开工作年度报告", "江苏省淮安市洪泽区人民政府"
        elif way == "office":
            head, name = f"洪泽区{year}年政府信息公开工作年度报告", "洪泽区人民政府办公室"
        else:
            head, name = f"洪泽区政府{year}年政府信息公开工作年度报告", "洪泽区政府"
        body = body.replace(org, name)
        if way == "office":
            body = body.rstrip("\n") + f"\n\n洪泽区人民政府办公室\n{year + 1}年1月20日\n"
        (out / f"hz-{year}.txt").write_text(head + body, encoding="utf-8")


@pytest.fixture(scope="module")
def three_ways(tmp_path_factory):
    from report_parser.synth import generate

    root = tmp_path_factory.mktemp("three-ways")
    generate(root / "synth", orgs=1, years="2016-2021", formats="txt", seed=5)
    _write(root / "docs", root / "synth" / "docs")
    db = root / "r.db"
    r = CliRunner().invoke(main, ["ingest", str(root / "docs"), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    return root, db


def test_one_body_written_three_ways_gets_one_org_id(three_ways):
    _, db = three_ways
    r = CliRunner().invoke(main, ["orgs", "--db", str(db), "--format", "json"])
    rows = json.loads(r.stdout)
    assert {x["name"] for x in rows} == {"江苏省淮安市洪泽区人民政府", "洪泽区人民政府办公室", "洪泽区政府"}
    assert len({x["org_id"] for x in rows}) == 1 and {x["status"] for x in rows} == {"resolved"}


def test_orgs_merged_says_which_names_and_why(three_ways):
    _, db = three_ways
    r = CliRunner().invoke(main, ["orgs", "--db", str(db), "--merged"])
    assert r.exit_code == 0, r.output
    assert "1 bodies with merged names, 0 names left unmerged" in r.output
    assert "published by its office 洪泽区人民政府办公室; the title names 洪泽区" in r.output
    assert "政府: the government of 洪泽区" in r.output


@pytest.mark.parametrize("mode", ["db", "files"])
def test_no_false_missing_year(three_ways, mode):
    root, db = three_ways
    args = ["--db", str(db), "--no-store"] if mode == "db" else ["--files", str(root / "docs")]
    r = CliRunner().invoke(main, ["audit", *args, "--rule", "V01", "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["findings"] == []
    assert len(out["coverage"]) == 1 and sorted(next(iter(out["coverage"].values()))) == list(range(2016, 2022))


def test_ambiguous_names_are_listed_not_merged(tmp_path):
    r = _resolve(("甲县太平镇人民政府", None), ("乙县太平镇人民政府", None), ("太平镇政府", None))
    assert r["太平镇政府"].status == "ambiguous" and r["太平镇政府"].org_id is None
