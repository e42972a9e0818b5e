"""The record: JSON Schema validity and a lossless dict round trip."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from report_parser.pipeline import parse_file
from report_parser.record import Cell, Figure, Issue, Report, Section

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
CORPUS_FILES = sorted(p for p in (ROOT / "corpus").rglob("*") if p.suffix in {".txt", ".docx", ".pdf", ".html", ".doc"})


def _sample() -> Report:
    r = Report(source={"path": "x.txt", "sha256": "0" * 64, "format": "txt", "pages": None}, org="甲镇人民政府",
               year=2020, era="gb2019", level="township", region={"county": "乙县", "town": "甲镇"})
    r.sections.append(Section("overview", "一、总体情况", None, 10, 50))
    r.figures.append(Figure("active.items", "120", "120条", unit="条", section="active", text="主动公开信息120条。",
                            span=(60, 64)))
    r.cells.append(Cell("s3.new_received.total", None, "/", page=None, label=["一、本年新收政府信息公开申请数量", "总计"]))
    r.metrics = {"active.items": "120", "requests.received": None}
    r.issues.append(Issue("TABLE_DEGRADED", "x.txt: s3 lacks the carry_forward row"))
    return r


def test_a_record_survives_the_dict_round_trip():
    d = _sample().to_dict()
    assert Report.from_dict(json.loads(json.dumps(d, ensure_ascii=False))).to_dict() == d


def test_a_hand_built_record_matches_the_schema():
    jsonschema.validate(_sample().to_dict(), SCHEMA)


def test_a_failed_record_matches_the_schema(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    rec = parse_file(bad).to_dict()
    assert rec["status"] == "failed" and rec["issues"][0]["code"]
    jsonschema.validate(rec, SCHEMA)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[str(p.relative_to(ROOT / "corpus")) for p in CORPUS_FILES])
def test_every_bundled_corpus_file_gives_a_schema_valid_record(path):
    rec = parse_file(path, {"strict": True}).to_dict()
    jsonschema.validate(rec, SCHEMA)
    assert rec["status"] in ("ok", "partial")
