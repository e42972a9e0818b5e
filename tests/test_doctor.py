"""`report-parser doctor`: --db reads a path like every other command, and a failed database check exits 1."""
from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from report_parser.cli import main


def _doctor(*args):
    return CliRunner().invoke(main, ["doctor", *args])


def _db_line(output: str) -> str:
    return next(line for line in output.splitlines() if " database " in f" {line} ")


def test_a_plain_path_is_read_as_sqlite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sqlite3.connect(tmp_path / "reports.db").execute("create table reports (id text)").connection.commit()
    r = _doctor("--db", "reports.db")
    assert r.exit_code == 0, r.output
    line = _db_line(r.output)
    assert line.startswith("ok ") and f"sqlite:///{tmp_path}/reports.db" in line


def test_a_file_that_is_not_a_database_fails_with_exit_1(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database " * 100, encoding="utf-8")
    r = _doctor("--db", str(bad))
    assert r.exit_code == 1
    assert _db_line(r.output).startswith("-- ")


def test_a_named_database_that_does_not_exist_fails(tmp_path):
    r = _doctor("--db", str(tmp_path / "missing.db"))
    assert r.exit_code == 1 and "no such file" in _db_line(r.output)
    assert not (tmp_path / "missing.db").exists()  # the check never creates the file


def test_the_default_database_may_not_exist_yet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPORT_PARSER_DB", raising=False)
    r = _doctor()
    assert r.exit_code == 0 and "ingest creates it" in _db_line(r.output)


def test_an_unreachable_url_exits_1():
    r = _doctor("--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert r.exit_code == 1 and _db_line(r.output).startswith("-- ")


def test_doctor_reports_the_ocr_engines_and_models():
    from report_parser.readers import ocr_engines

    r = _doctor()
    assert "RapidOCR models" in r.output and "OCR engines in use" in r.output
    line = next(x for x in r.output.splitlines() if "OCR engines in use" in x)
    if ocr_engines.installed():
        assert line.startswith("ok ") and "ruled tables:" in line
