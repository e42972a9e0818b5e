"""The evaluation gate: scores on the real material and the bundled gold stay above their floors."""
from __future__ import annotations

import shutil

import pytest

from conftest import CORPUS, SHARED, ROOT
from report_parser import evaluate

BASELINE = ROOT / "tests" / "eval_baseline.yaml"
FLOORS = evaluate.load_baseline(BASELINE)
# set-name prefix -> gold folder
SOURCES = {"dev": SHARED / "real" / "dev", "dev2": SHARED / "real" / "dev2", "dev2-held": SHARED / "real" / "dev2",
           "pdf": SHARED / "real" / "pdf", "gold": CORPUS / "gold", "truth": CORPUS / "synth" / "truth"}


@pytest.fixture(scope="module")
def tallies():
    """Evaluate every gold folder that is present, once for all floors."""
    present = sorted({p for p in SOURCES.values() if p.is_dir() and any(p.glob("*.json"))})
    if not present:
        pytest.skip("no gold folders present")
    # (the pdf variant prints each excerpt with LibreOffice: without it those floors are skipped, a failure in CI)
    pdf = ("pdf",) if shutil.which("soffice") or shutil.which("libreoffice") else ()
    return evaluate.evaluate(present, formats=("txt", "docx", "flat", "wrap", "wrapdocx", "spaced") + pdf)


ROWS = [(s, f, v) for s, fields in FLOORS.items() for f, v in fields.items()]


@pytest.mark.parametrize("set_name, field, floor", ROWS, ids=[f"{s}-{f}" for s, f, _ in ROWS])
def test_score_holds_its_floor(tallies, set_name, field, floor):
    folder = SOURCES[set_name.split(".")[0]]
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    if set_name.endswith(".pdf") and set_name != "pdf.pdf" and not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("the pdf variant needs LibreOffice, which is not installed")
    assert set_name in tallies, f"{set_name} was not evaluated (gold in {folder})"
    broken = evaluate.broken_floors(tallies, {set_name: {field: floor}})
    misses = [m for m in tallies[set_name].misses if field.split("_")[0] in m["field"] or field == m["field"]][:10]
    assert not broken, f"{broken}; first misses: {misses}"


def test_every_floor_names_a_known_set_and_field():
    known = set(evaluate.Tally("x").scores())
    for set_name, fields in FLOORS.items():
        assert set_name.split(".")[0] in SOURCES, set_name
        assert set(fields) <= known, set(fields) - known
