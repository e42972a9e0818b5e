"""Golden reader output for the seed corpus, and format libraries imported only by readers.

Golden files are rewritten only when REPORT_PARSER_UPDATE_GOLDEN=1 is set (never under CI):
    REPORT_PARSER_UPDATE_GOLDEN=1 pytest tests/readers/test_readers_golden.py
"""
from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import pytest

from report_parser.readers import read

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
SEED = ["qianwei-2017.txt", "qianwei-2017.docx", "qianwei-2017.pdf"]
UPDATE = os.environ.get("REPORT_PARSER_UPDATE_GOLDEN") == "1"


def _rounded(value):
    """Floats (PDF coordinates) rounded so golden files do not churn on the last digit."""
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def reader_output(path: Path) -> dict:
    """The Document as JSON-ready data, with the machine-specific path reduced to the file name."""
    d = read(path).to_dict()
    d["path"] = path.name
    return _rounded(d)


@pytest.mark.parametrize("name", SEED)
def test_reader_output_matches_the_golden_file(corpus, name):
    path = corpus / "seed" / name
    if not path.exists():
        pytest.skip(f"{path} is absent (run scripts/make_seed_corpus.py)")
    got = reader_output(path)
    golden = GOLDEN / f"{name}.json"
    if UPDATE:
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got == expected


def test_golden_update_flag_is_off_under_ci():
    if os.environ.get("CI", "").lower() in ("true", "1"):
        assert not UPDATE, "REPORT_PARSER_UPDATE_GOLDEN must not be set in CI: golden files would rewrite themselves"


@pytest.mark.parametrize("name", SEED)
def test_seed_formats_agree_on_the_text_of_each_part(corpus, name):
    path = corpus / "seed" / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    lines = read(path).text.split("\n")
    for heading in ("一、概述", "二、主动公开政府信息情况", "三、政府信息依申请公开办理情况",
                    "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、存在的主要问题及改进措施",
                    "六、需要说明的其他事项与附表"):
        assert heading in lines


# ---- architecture rule: format libraries only inside readers/ (and synth/, which writes documents) ----

# Libraries that read report formats (pdfminer is pdfplumber's engine). Writers of outputs (openpyxl for
# Excel export) are not format readers and may live where the export is.
FORMAT_LIBRARIES = {"pdfplumber", "pdfminer", "docx", "lxml", "pypdf", "pypdfium2"}
ALLOWED = ("readers", "synth")
SOURCES = sorted((ROOT / "src" / "report_parser").rglob("*.py"))


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT / "src")) for p in SOURCES])
def test_format_libraries_are_imported_only_by_readers(path):
    rel = path.relative_to(ROOT / "src" / "report_parser").parts
    if rel[0] in ALLOWED:
        return
    assert not (_imported(path) & FORMAT_LIBRARIES), f"{path.name} imports a format library outside readers/"
