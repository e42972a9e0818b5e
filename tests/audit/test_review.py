"""Reviews: verdicts and corrections survive re-ingest (--force, a new parser version), a changed value makes its
review stale (never dropped), the CSV round-trip refuses bad rows by line, and compare/export --use reviewed."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import ROOT
from conftest_pg import *  # noqa: F401,F403
from report_parser.audit import review
from report_parser.cli import main
from report_parser.ingest import ingest
from report_parser.store.db import Store

SEED = ROOT / "corpus" / "seed" / "qianwei-2017.txt"


def _seeded(url, tmp_path):
    """The seed report (two failed checks: C01 fees, A01 breakdown) ingested into a fresh database."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    assert ingest([folder], db=url, workers=1).exit_code == 0
    return url, folder / SEED.name


@pytest.fixture
def db(db_url, tmp_path):
    """The seeded database on SQLite and on PostgreSQL."""
    return _seeded(db_url, tmp_path)


@pytest.fixture
def sdb(tmp_path):
    """The seeded database on SQLite only (Datasette reads SQLite; the other checks need not run twice)."""
    return _seeded(f"sqlite:///{tmp_path / 'r.db'}", tmp_path)


def cli(*args):
    res = CliRunner().invoke(main, list(args))
    return res


def _ids(url) -> dict[str, str]:
    """Open finding ids by rule."""
    with Store(url) as s:
        return {x["rule_id"]: x["finding_id"] for x in review.open_findings(s.engine)}


def _reviews(url) -> dict[str, review.Review]:
    with Store(url) as s, s.engine.connect() as conn:
        return {r.row["target"]: r for r in review.load_reviews(conn)}


def _report_id(url) -> str:
    with Store(url) as s:
        return s.report_ids()[0]


def test_reviews_survive_force_and_a_new_parser_version_and_a_changed_value_is_stale(db, monkeypatch):
    url, path = db
    ids = _ids(url)
    assert set(ids) == {"C01", "A01"}
    rid = _report_id(url)
    assert cli("review", "confirm", ids["C01"], "--by", "张三", "--note", "收费部分确实缺失", "--db", url).exit_code == 0
    assert cli("review", "dismiss", ids["A01"], "--reason", "分项未称完整", "--by", "李四", "--db", url).exit_code == 0
    res = cli("review", "correct", "active.items", "--report", rid, "--value", "374", "--reason", "附表为374",
              "--by", "李四", "--db", url)
    assert res.exit_code == 0 and "438 → 374" in res.output
    assert cli("review", "correct", "review.total", "--report", rid[:8], "--value", "1", "--reason", "另有1件",
               "--by", "李四", "--db", url).exit_code == 0
    assert review.open_findings(Store(url).engine) == []
    before = _reviews(url)
    assert len(before) == 4 and not any(r.stale for r in before.values())

    # --force: every row of the report is rewritten; the reviews and their targets are all still there.
    again = ingest([path.parent], db=url, workers=1, force=True)
    assert again.counts["reparsed"] == 1
    after = _reviews(url)
    assert after.keys() == before.keys() and not any(r.stale for r in after.values())
    assert _ids(url) == {}  # both findings fire again, with the same ids, and are reviewed

    # A new parser version reads review.total differently: that review turns stale, the others stay current.
    import report_parser.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PARSER_VERSION", "99.0.0")
    rep = pipeline.parse_file(path)
    assert rep.parser_version == "99.0.0"
    rep.metrics["review.total"] = "2"
    with Store(url) as s:
        assert s.save(rep, str(path)) == "reparsed"
        assert s.load_report(rid).parser_version == "99.0.0"
    bumped = _reviews(url)
    assert bumped.keys() == before.keys()
    stale = {k: r.stale for k, r in bumped.items() if r.stale}
    assert list(stale) == ["review.total"] and "'2'" in stale["review.total"] and "'0'" in stale["review.total"]
    listed = cli("review", "list", "--reviewed", "--db", url).output
    assert "STALE" in listed and listed.count("[current]") == 3

    # The audit shows every finding's id and review, in text and JSON.
    text = cli("audit", "--db", url, "--no-store").output
    assert f"id: {ids['C01']}" in text and "review: confirmed by 张三" in text and "review: dismissed by 李四" in text
    data = json.loads(cli("audit", "--db", url, "--no-store", "--format", "json").stdout)
    got = {x["finding_id"]: x["review"] for x in data["findings"] if x["status"] == "fail"}
    assert got[ids["A01"]]["verdict"] == "dismissed" and got[ids["A01"]]["status"] == "current"


def test_a_finding_that_no_longer_fires_keeps_its_review_as_stale(sdb):
    url, path = sdb
    ids = _ids(url)
    review.decide(Store(url).engine, ids["C01"], "confirmed", "张三")
    with Store(url) as s:
        rep = s.load_report(_report_id(url))
        rep.findings = [f for f in rep.findings if f["rule_id"] != "C01"]
        s.save(rep, str(path), force=True)
    r = _reviews(url)[ids["C01"]]
    assert r.stale == "the finding no longer fires" and r.row["verdict"] == "confirmed"


def _read_csv(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel and WPS need to read UTF-8 Chinese
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _write_csv(path, rows) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=review.CSV_COLUMNS)
        w.writeheader()
        w.writerows(rows)


def test_csv_round_trip_refuses_bad_rows_by_line_and_imports_nothing_then_everything(db, tmp_path):
    url, _ = db
    out = tmp_path / "open.csv"
    res = cli("review", "export", str(out), "--db", url)
    assert res.exit_code == 0
    rows = _read_csv(out)
    assert {r["rule_id"] for r in rows} == {"C01", "A01"} and all(r["verdict"] == "" for r in rows)
    assert any("缺少" in r["message_zh"] for r in rows)
    by_rule = {r["rule_id"]: r for r in rows}
    good = {**by_rule["C01"], "verdict": "confirmed", "by": "王五"}
    bad_verdict = {**by_rule["A01"], "verdict": "maybe"}
    no_key = {**by_rule["A01"], "verdict": "corrected", "reason": "附表", "by": "王五"}
    unknown = {**by_rule["A01"], "finding_id": "000000000000-A01-deadbeef", "verdict": "dismissed", "reason": "x"}
    _write_csv(out, [good, bad_verdict, no_key, unknown])
    res = cli("review", "import", str(out), "--db", url, "--by", "王五")
    assert res.exit_code == 2
    assert "line 3: verdict 'maybe'" in res.output and "line 4: verdict corrected needs the key" in res.output
    assert "line 5: finding '000000000000-A01-deadbeef' is not stored" in res.output
    assert "line 2" not in res.output and "nothing imported" in res.output
    assert _reviews(url) == {}

    fixed = {**no_key, "key": "active.items", "value": "374"}
    _write_csv(out, [good, fixed])
    res = cli("review", "import", str(out), "--db", url)
    assert res.exit_code == 0, res.output
    got = _reviews(url)
    assert {r.row["verdict"] for r in got.values()} == {"confirmed", "corrected"} and len(got) == 3
    assert got["active.items"].row["reported_value"] == "438" and got["active.items"].row["corrected_value"] == "374"
    assert _ids(url) == {}


def test_a_sheet_saved_again_as_gb18030_with_chinese_verdicts_imports(sdb, tmp_path):
    """Excel/WPS "CSV" on Chinese Windows writes GB18030; reviewers may write 确认/驳回/更正."""
    url, _ = sdb
    out = tmp_path / "open.csv"
    assert cli("review", "export", str(out), "--db", url).exit_code == 0
    rows = {r["rule_id"]: r for r in _read_csv(out)}
    filled = [{**rows["C01"], "verdict": "确认", "by": "王五"},
              {**rows["A01"], "verdict": "驳回", "by": "王五", "reason": "分项未称完整"}]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=review.CSV_COLUMNS, lineterminator="\r\n")
    w.writeheader()
    w.writerows(filled)
    out.write_bytes(buf.getvalue().encode("gb18030"))
    res = cli("review", "import", str(out), "--db", url)
    assert res.exit_code == 0, res.output
    assert sorted(r.row["verdict"] for r in _reviews(url).values()) == ["confirmed", "dismissed"]
    assert {r.row["reason"] for r in _reviews(url).values()} == {None, "分项未称完整"}


def test_correct_can_also_close_the_finding_it_answers(sdb):
    url, _ = sdb
    ids = _ids(url)
    res = cli("review", "correct", "active.items", "--report", _report_id(url), "--value", "374", "--reason", "附表",
              "--finding", ids["A01"], "--by", "李四", "--db", url)
    assert res.exit_code == 0, res.output
    got = _reviews(url)
    assert got[ids["A01"]].row["verdict"] == "corrected" and got["active.items"].row["corrected_value"] == "374"
    assert list(_ids(url)) == ["C01"]


def test_compare_and_export_use_the_reported_value_unless_asked_for_the_reviewed_one(sdb, tmp_path):
    url, _ = sdb
    rid = _report_id(url)
    review.correct(Store(url).engine, "active.items", rid, "374", "附表", "李四")
    plain = cli("compare", "active.items", "--db", url).output
    assert "438" in plain and "374" not in plain
    reviewed = cli("compare", "active.items", "--db", url, "--use", "reviewed").output
    assert "374" in reviewed and "uses 374 (reported 438)" in reviewed

    from report_parser.research.api import open_store

    with open_store(url) as s:
        assert s.compare("active.items")["2017"].tolist() == ["438"]
        assert s.compare("active.items", use="reviewed")["2017"].tolist() == ["374"]
        long = s.compare("active.items", long=True, use="reviewed").iloc[0]
        assert (long.value, long.corrected, long.used, long.review) == ("438", "374", "reviewed", "corrected")
        assert s.reviews().status.tolist() == ["current"]
        with pytest.raises(Exception, match="reported, reviewed"):
            s.compare("active.items", use="corrected")

    res = cli("export", str(tmp_path / "ex"), "--db", url, "--table", "metrics", "--key", "active.items",
              "--use", "reviewed")
    assert res.exit_code == 0, res.output
    row = next(csv.DictReader(open(tmp_path / "ex" / "metrics.csv", encoding="utf-8")))
    assert (row["value"], row["corrected_value"], row["review"], row["used"], row["value_used"]) == \
        ("438", "374", "corrected", "reviewed", "374")
    assert cli("export", str(tmp_path / "ex2"), "--db", url, "--table", "metrics").exit_code == 0
    assert "corrected_value" not in (tmp_path / "ex2" / "metrics.csv").read_text(encoding="utf-8")


def test_list_and_export_select_open_findings_by_rule_organisation_and_year(sdb, tmp_path):
    url, _ = sdb
    ids = _ids(url)
    out = cli("review", "list", "--rule", "a01", "--db", url).stdout
    assert ids["A01"] in out and ids["C01"] not in out
    assert cli("review", "list", "--org", "乙镇", "--db", url).stdout == ""
    assert ids["C01"] in cli("review", "list", "--org", "前卫", "--year", "2017", "--db", url).stdout
    assert cli("review", "export", str(tmp_path / "c.csv"), "--rule", "C01", "--db", url).exit_code == 0
    assert [r["rule_id"] for r in _read_csv(tmp_path / "c.csv")] == ["C01"]


def test_one_liners_refuse_what_they_cannot_record(sdb):
    url, _ = sdb
    ids = _ids(url)
    assert "no stored finding" in cli("review", "confirm", "nope", "--db", url).output
    res = cli("review", "correct", "s9.nothing", "--report", _report_id(url), "--value", "1", "--reason", "x",
              "--db", url)
    assert res.exit_code == 2 and "no such cell, metric or field" in res.output
    assert cli("review", "dismiss", ids["A01"], "--db", url).exit_code == 2  # --reason is required


def test_datasette_serves_the_described_reviews_table_and_the_corrected_values_query(sdb, tmp_path):
    import asyncio

    import yaml
    from datasette.app import Datasette

    url, _ = sdb
    review.correct(Store(url).engine, "active.items", _report_id(url), "374", "附表", "李四")
    meta_path = tmp_path / "metadata.yaml"
    assert cli("datasette-metadata", "--db", url, "--no-search", "-o", str(meta_path)).exit_code == 0
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    cols = meta["databases"]["r"]["tables"]["reviews"]["columns"]
    assert {"verdict", "corrected_value", "reported_value", "target", "reviewed_by"} <= set(cols)

    async def get(path):
        return await Datasette([url[len("sqlite:///"):]], metadata=meta).client.get(path)

    rows = asyncio.run(get("/r/reviews.json?_shape=objects")).json()["rows"]
    assert [(r["target"], r["reported_value"], r["corrected_value"]) for r in rows] == [("active.items", "438", "374")]
    q = asyncio.run(get("/r/corrected_values.json?_shape=objects")).json()["rows"]
    assert q[0]["corrected_value"] == "374" and q[0]["reviewed_by"] == "李四"


def _rewrite_findings(url, path, change) -> None:
    """Store the report again with its findings passed through change (what another parser version would give)."""
    with Store(url) as s:
        rep = s.load_report(_report_id(url))
        rep.findings = [change(dict(f)) for f in rep.findings]
        s.save(rep, str(path), force=True)


def _shift(f):
    """A01 as it reads when the parser finds one more figure earlier in the text: every position + 1."""
    if f["rule_id"] != "A01":
        return f
    import re

    bump = lambda k: re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + 1}]", k)  # noqa: E731
    return {**f, "keys": [bump(k) for k in f["keys"]], "values": {bump(k): v for k, v in f["values"].items()}}


def test_a_finding_whose_figure_positions_shift_keeps_its_review_and_one_whose_values_change_is_stale(sdb):
    url, path = sdb
    ids = _ids(url)
    review.decide(Store(url).engine, ids["A01"], "dismissed", "李四", "分项未称完整")
    _rewrite_findings(url, path, _shift)
    assert not _reviews(url)[ids["A01"]].stale
    _rewrite_findings(url, path, lambda f: {**f, "values": {k: "1" for k in f["values"]}} if f["rule_id"] == "A01"
                      else f)
    assert _reviews(url)[ids["A01"]].stale == "the finding's values changed"
    assert [x["rule_id"] for x in review.open_findings(Store(url).engine)] == ["C01", "A01"]
