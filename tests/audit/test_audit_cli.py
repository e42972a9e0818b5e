"""`report-parser audit`: files and database sources, formats, filters, exit codes, stored findings."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from report_parser.cli import main

from test_audit_rules import report, s2_cells, s3_cells, s4_cells


def _records(tmp_path):
    bad = report(year=2023, cells={**s2_cells(), **s3_cells(), **s4_cells(review=(10, 1, 0, 0, 0))})
    prev = report(year=2022, cells={**s2_cells(in_force=2), **s3_cells(), **s4_cells()})
    bad.region = {"province": "甲省", "county": "丙县"}
    other = report(org="乙镇人民政府", year=2023, parts=["overview", "active", "requests", "review_litigation",
                                                       "problems", "other"])
    paths = []
    for r in (bad, prev, other):
        p = tmp_path / f"{r.org}-{r.year}.json"
        p.write_text(json.dumps(r.to_dict(), ensure_ascii=False), encoding="utf-8")
        paths.append(str(p))
    return paths, (bad, prev, other)


def run(*args):
    return CliRunner().invoke(main, ["audit", *args])


EXIT_CODES = [
    ("no fail-on exits 0", [], 0),
    ("fail-on warning sees the s4 total", ["--fail-on", "warning"], 1),
    ("fail-on error ignores warnings", ["--fail-on", "error"], 0),
    ("unknown rule is a usage error", ["--rule", "Z99"], 2),
]


@pytest.mark.parametrize("args, code", [c[1:] for c in EXIT_CODES], ids=[c[0] for c in EXIT_CODES])
def test_exit_codes(tmp_path, args, code):
    paths, _ = _records(tmp_path)
    res = run("--files", *paths, *args)
    assert res.exit_code == code, res.output


def test_paths_without_files_flag_is_a_usage_error(tmp_path):
    paths, _ = _records(tmp_path)
    assert run(*paths).exit_code == 2


def test_text_output_groups_by_report_and_summarises(tmp_path):
    paths, (bad, _, _) = _records(tmp_path)
    out = run("--files", *paths).output
    assert bad.source["sha256"][:12] in out and "A05" in out and "行政复议：总计0" in out
    assert "reports audited" in out and "s4 group total differs" in out


FILTERS = [
    ("by rule id", ["--rule", "A05"], {"A05"}),
    ("by family", ["--rule", "arithmetic"], {"A05"}),
    ("by severity", ["--severity", "error"], set()),
    ("by year", ["--year", "2022"], set()),
    ("by org", ["--org", "乙镇", "--rule", "C01"], set()),
    ("by region", ["--region", "丙县"], {"A05"}),
    ("failures only, by rule", ["--fail-only", "--rule", "A05"], {"A05"}),
]


@pytest.mark.parametrize("args, rules", [c[1:] for c in FILTERS], ids=[c[0] for c in FILTERS])
def test_filters(tmp_path, args, rules):
    paths, _ = _records(tmp_path)
    res = run("--files", *paths, "--format", "json", *args)
    got = json.loads(res.stdout)
    assert {x["rule_id"] for x in got["findings"] if x["status"] == "fail"} == rules


def test_csv_output_has_one_row_per_finding(tmp_path):
    paths, _ = _records(tmp_path)
    res = run("--files", *paths, "--format", "csv", "--rule", "A05")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["rule_id"] for r in rows] == ["A05"]
    assert rows[0]["keys"].endswith("s4.review.total") and json.loads(rows[0]["values"])["sum"] == "11"


def test_database_audit_stores_and_replaces_findings(tmp_path):
    import sqlalchemy as sa

    from report_parser.store import schema as S
    from report_parser.store.db import Store

    db = str(tmp_path / "r.db")
    _, reps = _records(tmp_path)
    with Store(db) as store:
        for r in reps:
            r.parser_version = "t"
            store.save(r, path=r.source["sha256"])
    for _ in range(2):  # a re-audit replaces, never duplicates
        res = run("--db", db, "--format", "json")
        assert res.exit_code == 0, res.output
    with Store(db) as store, store.engine.connect() as conn:
        rows = conn.execute(sa.select(S.findings.c.report_id, S.findings.c.rule_id, S.findings.c.payload)).all()
    assert sorted(r.rule_id for r in rows if r.rule_id == "A05") == ["A05"]
    assert len(rows) == len(json.loads(res.stdout)["findings"])


def test_missing_database_is_a_usage_error_and_creates_nothing(tmp_path):
    db = tmp_path / "none.db"
    res = run("--db", str(db))
    assert res.exit_code == 2 and "--files" in res.output and not db.exists()


def _town_report(year: int, body: list[str]) -> str:
    parts = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    lines = [f"丁县戊镇人民政府{year}年政府信息公开工作年度报告"]
    for title, text in zip(parts, body):
        lines += [title, text]
    return "\n".join(lines) + "\n"


def test_database_audit_finds_copied_text_without_the_files(tmp_path):
    # The store keeps each part's text, so X03 compares whole parts even when the files are gone.
    from report_parser.ingest import ingest

    body = [f"本年度，我镇围绕第{i}项重点工作，认真梳理公开目录，逐条核对栏目内容，确保信息准确及时，"
            f"群众反映的第{i}类问题均已按期答复，相关台账已按规定归档。" for i in range(1, 7)]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "2022.txt").write_text(_town_report(2022, body), encoding="utf-8")
    (folder / "2023.txt").write_text(_town_report(2023, body), encoding="utf-8")
    db = str(tmp_path / "r.db")
    assert ingest([folder], db=f"sqlite:///{db}", workers=1).exit_code == 0
    for p in folder.iterdir():
        p.unlink()
    res = run("--db", db, "--rule", "X03", "--format", "json", "--no-store")
    assert res.exit_code == 0, res.output
    found = [f for f in json.loads(res.stdout)["findings"] if f["rule_id"] == "X03"]
    assert [f["status"] for f in found] == ["fail"]


def test_text_output_lists_reports_by_organisation_and_year_with_a_named_coverage_grid(tmp_path):
    """Reports in reading order (organisation, year), not by hash; the grid shows names, not org ids."""
    bad = {**s2_cells(), **s3_cells(), **s4_cells(review=(10, 1, 0, 0, 0))}  # an A05 finding in every report
    reps = [report(org=org, year=y, sha=f"{h}-{org}-{y}", cells=bad) for org, y, h in
            [("乙镇人民政府", 2021, "0"), ("甲镇人民政府", 2022, "1"), ("甲镇人民政府", 2020, "f"),
             ("乙镇人民政府", 2019, "9")]]
    paths = []
    for r in reps:
        p = tmp_path / f"{r.source['sha256']}.json"
        p.write_text(json.dumps(r.to_dict(), ensure_ascii=False), encoding="utf-8")
        paths.append(str(p))
    out = run("--files", *paths, "--coverage").output
    heads = [line.split("[")[-1].rstrip("]") for line in out.splitlines() if line.endswith("]") and "[" in line]
    assert heads == ["9-乙镇人民政府-2019"[:12], "0-乙镇人民政府-2021"[:12], "f-甲镇人民政府-2020"[:12],
                     "1-甲镇人民政府-2022"[:12]]
    grid = out.split("coverage: organisation × year")[1].splitlines()[1:]
    assert grid[0].split() == ["19", "20", "21", "22"]
    assert [g.split()[0] for g in grid[1:3]] == ["乙镇人民政府", "甲镇人民政府"]
