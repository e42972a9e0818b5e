"""Real material in ../shared (skipped when absent): the 洪泽区 PDFs and the dev excerpts' table cells."""
from __future__ import annotations

import json

import pytest

from conftest import SHARED
from report_parser import readers
from report_parser.extract import tables

YEARS = ("2023", "2024")
# Template-era items only (pre-2019 items carry no table_cells).
DEV = sorted(p.stem for p in (SHARED / "real" / "dev").glob("*.json")
             if "table_cells" in json.loads(p.read_text(encoding="utf-8"))["gold"]) if SHARED.is_dir() else []


@pytest.mark.parametrize("year", YEARS)
def test_hongze_pdf_every_printed_cell_exact(shared, year):
    pdf = shared / "real" / "pdf" / f"hongze-{year}.pdf"
    gold = json.loads((shared / "real" / "pdf" / f"hongze-{year}.gold.json").read_text(encoding="utf-8"))["table_cells"]
    res = tables.extract(readers.read(pdf), [])
    got = {c.key: c.value for c in res.cells if not c.derived}
    assert {k: got.get(k) for k in gold} == {k: str(v) for k, v in gold.items()}
    assert sorted(set(got) - set(gold)) == []
    assert res.era == "gb2021"
    assert [q.status for q in res.quality] == ["matched"] * len(res.quality)


@pytest.mark.parametrize("year", YEARS)
def test_hongze_single_other_handling_row_is_printed_not_derived(shared, year):
    res = tables.extract(readers.read(shared / "real" / "pdf" / f"hongze-{year}.pdf"), [])
    oh = [c for c in res.cells if c.key.startswith("s3.other_handling.total.")]
    assert len(oh) == 7 and not any(c.derived for c in oh)
    assert all(c.page is not None for c in res.cells)


def _dev(shared, item):
    return json.loads((shared / "real" / "dev" / f"{item}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("item", DEV)
def test_dev_excerpt_cells_are_exact(shared, tmp_path, item):
    d = _dev(shared, item)
    p = tmp_path / f"{item}.txt"
    p.write_text(d["text"], encoding="utf-8")
    res = tables.extract(readers.read(p), [])
    got = {c.key: c.value for c in res.cells if not c.derived}
    gold = {k: str(v) for k, v in d["gold"]["table_cells"].items()}
    assert {k: got[k] for k in gold if k in got} == {k: v for k, v in gold.items() if k in got}  # precision
    assert sorted(k for k in gold if k not in got) == []  # recall
    if gold:
        assert res.era == d["gold"]["era"]


@pytest.mark.parametrize("mode", ("-raw", "-layout"))
@pytest.mark.parametrize("year", YEARS)
def test_hongze_tables_flattened_by_pdftotext_come_back_exact(shared, tmp_path, year, mode):
    """The same tables as text (vertical header one character per line, labels split, group labels floating)."""
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    out = tmp_path / f"hongze-{year}.txt"
    subprocess.run(["pdftotext", mode, str(shared / "real" / "pdf" / f"hongze-{year}.pdf"), str(out)], check=True)
    gold = json.loads((shared / "real" / "pdf" / f"hongze-{year}.gold.json").read_text(encoding="utf-8"))["table_cells"]
    got = {c.key: c.value for c in tables.extract(readers.read(out), []).cells if not c.derived}
    assert {k: got.get(k) for k in gold} == {k: str(v) for k, v in gold.items()}
