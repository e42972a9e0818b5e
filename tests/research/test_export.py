"""`report-parser export`: every table, every format, column names as in the database, values exact."""
from __future__ import annotations

import csv
import json

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from conftest_query import *  # noqa: F401,F403
from report_parser.cli import main
from report_parser.research.export import REPORT_COLUMNS, TABLES
from report_parser.store.db import make_engine


def _db_table(url: str, table: str) -> tuple[list[str], list[tuple]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        res = conn.execute(sa.text(f"select * from {table}"))
        cols, rows = list(res.keys()), res.all()
    engine.dispose()
    return cols, rows


def _read(path, fmt) -> tuple[list[str], list[dict]]:
    if fmt == "csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            r = csv.DictReader(f)
            return list(r.fieldnames), list(r)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return (list(rows[0]) if rows else []), rows
    if fmt == "parquet":
        import pyarrow.parquet as pq

        t = pq.read_table(path)
        return t.column_names, t.to_pylist()
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("table", TABLES)
def test_each_table_exports_with_db_column_names_and_every_row(truth_db, tmp_path, fmt, table):
    r = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--db", truth_db, "--format", fmt,
                                  "--table", table])
    assert r.exit_code == 0, r.output
    ext = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}[fmt]
    cols, rows = _read(tmp_path / "out" / f"{table}.{ext}", fmt)
    db_cols, db_rows = _db_table(truth_db, table)
    if table != "reports":  # each row says whose value it is and for which year: org, org_id, year after report_id
        at = db_cols.index("report_id") + 1
        db_cols = db_cols[:at] + list(REPORT_COLUMNS) + db_cols[at:]
    assert len(rows) == len(db_rows)
    if rows or fmt != "jsonl":  # JSON Lines carries its column names in its rows only
        assert cols == db_cols


def test_exported_metrics_name_the_organisation_and_year(truth_db, truth_records, tmp_path):
    r = CliRunner().invoke(main, ["export", "-o", str(tmp_path / "out"), "--db", truth_db, "--table", "metrics"])
    assert r.exit_code == 0, r.output
    _, rows = _read(tmp_path / "out" / "metrics.csv", "csv")
    by_id = {t["source"]["sha256"][:16]: t for t in truth_records.values()}
    assert rows and all(row["org"] == by_id[row["report_id"]]["org"]
                        and int(row["year"]) == by_id[row["report_id"]]["year"] for row in rows)
    assert all(row["org_id"] for row in rows)


def test_export_takes_the_folder_as_argument_or_option_not_both(truth_db, tmp_path):
    both = CliRunner().invoke(main, ["export", str(tmp_path / "a"), "-o", str(tmp_path / "b"), "--db", truth_db])
    none = CliRunner().invoke(main, ["export", "--db", truth_db])
    assert both.exit_code == 2 and none.exit_code == 2 and "export -o OUT" in none.output


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_zero_blank_and_slash_stay_distinct(truth_db, tmp_path, fmt):
    """A cell printed 0, blank or "/" exports as "0", empty/None with raw "" and None with raw "/"."""
    CliRunner().invoke(main, ["export", str(tmp_path), "--db", truth_db, "--format", fmt, "--table", "cells"])
    _, rows = _read(tmp_path / f"cells.{'jsonl' if fmt == 'jsonl' else fmt}", fmt)
    none = "" if fmt == "csv" else None
    kinds = {("zero" if r["value"] == "0" else "slash" if r["value"] == none and r["raw"] == "/"
              else "blank" if r["value"] == none else "number") for r in rows}
    assert {"zero", "slash", "number"} <= kinds
    assert all(r["value"] != "0" for r in rows if r["raw"] == "/")


def test_bom_only_when_asked(truth_db, tmp_path):
    for bom in (False, True):
        out = tmp_path / str(bom)
        CliRunner().invoke(main, ["export", str(out), "--db", truth_db, "--table", "reports"] + (["--bom"] if bom else []))
        assert (out / "reports.csv").read_bytes().startswith(b"\xef\xbb\xbf") is bom


def test_one_workbook_has_a_sheet_per_table(truth_db, tmp_path):
    import openpyxl

    r = CliRunner().invoke(main, ["export", str(tmp_path / "all"), "--db", truth_db, "--workbook"])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(tmp_path / "all.xlsx", read_only=True)
    assert wb.sheetnames == list(TABLES)
    for t in TABLES:
        header = [h for h in next(wb[t].iter_rows(max_row=1, values_only=True))
                  if t == "reports" or h not in REPORT_COLUMNS]
        assert header == _db_table(truth_db, t)[0]


def test_filters_limit_the_export_to_matching_reports(truth_db, truth_records, tmp_path):
    r = CliRunner().invoke(main, ["export", str(tmp_path), "--db", truth_db, "--format", "jsonl", "--era", "gb2021",
                                  "--table", "reports", "--table", "metrics"])
    assert r.exit_code == 0, r.output
    reports = _read(tmp_path / "reports.jsonl", "jsonl")[1]
    assert {x["era"] for x in reports} == {"gb2021"}
    assert len(reports) == sum(1 for t in truth_records.values() if t["era"] == "gb2021")
    ids = {x["id"] for x in reports}
    assert {x["report_id"] for x in _read(tmp_path / "metrics.jsonl", "jsonl")[1]} == ids


def test_bad_table_exits_2(truth_db, tmp_path):
    r = CliRunner().invoke(main, ["export", str(tmp_path), "--db", truth_db, "--table", "secrets"])
    assert r.exit_code == 2


def test_key_limits_the_keyed_tables_and_an_unknown_key_exits_2(truth_db, tmp_path):
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["export", str(out), "--db", truth_db, "--key", "requests.received",
                                  "--key", "s3.new_received.total"])
    assert r.exit_code == 0, r.output
    assert {row["metric"] for row in _read(out / "metrics.csv", "csv")[1]} == {"requests.received"}
    assert {row["key"] for row in _read(out / "cells.csv", "csv")[1]} == {"s3.new_received.total"}
    assert len(_read(out / "reports.csv", "csv")[1]) == len(_db_table(truth_db, "reports")[1])  # not keyed
    bad = CliRunner().invoke(main, ["export", str(tmp_path / "bad"), "--db", truth_db,
                                    "--key", "s3.new_recieved.total"])
    assert bad.exit_code == 2 and "did you mean s3.new_received.total" in bad.output
    assert not (tmp_path / "bad").exists()
