"""Both notebooks run top to bottom with nbclient on the generated demo corpus, and draw Chinese text."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
OUTPUT = NOTEBOOKS / "output"


@pytest.fixture(scope="module")
def fresh_output():
    """notebooks/output without a demo database, so the first notebook builds it from a generated corpus."""
    for name in ("reports.db", "reports.db-wal", "reports.db-shm"):
        (OUTPUT / name).unlink(missing_ok=True)
    shutil.rmtree(OUTPUT / "corpus", ignore_errors=True)
    return time.time()


def _run(name: str, monkeypatch) -> list[dict]:
    import jupytext
    from nbclient import NotebookClient

    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core warns about the old path layout otherwise
    monkeypatch.delenv("REPORT_PARSER_DB", raising=False)
    monkeypatch.delenv("REPORT_PARSER_NB_OUTPUT", raising=False)
    nb = jupytext.read(NOTEBOOKS / name)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _text(outputs: list[dict]) -> str:
    return "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")


def _not_blank(png: Path) -> None:
    import matplotlib.image as mpimg
    import numpy as np

    img = mpimg.imread(png)
    assert img.shape[0] > 100 and img.shape[1] > 100
    flat = img[..., :3].reshape(-1, 3)
    assert float(flat.std()) > 0.05  # not one flat colour
    assert len(np.unique((flat * 255).astype(int), axis=0)) > 20  # lines, bars, text: many colours


@pytest.mark.parametrize("name,figures", [
    ("compare_towns.py", ["trend_received.png", "heatmap_items.png", "refusal_reasons.png"]),
    ("data_quality.py", ["coverage.png", "findings.png"]),
])
def test_notebook_runs_top_to_bottom_and_saves_figures(fresh_output, monkeypatch, name, figures):
    outputs = _run(name, monkeypatch)
    text = _text(outputs)
    assert "reports:" in text
    if "font: None" in text or "no CJK font" in text:
        pytest.skip("no CJK font installed (fonts-noto-cjk): figures fall back to English labels")
    # matplotlib warns "Glyph … missing from font" when it would draw tofu: no such warning may appear.
    assert "missing from" not in text and "Glyph" not in text
    for fig in figures:
        png = OUTPUT / fig
        assert png.exists() and png.stat().st_mtime >= fresh_output - 1, fig
        _not_blank(png)


def test_notebooks_are_stored_without_outputs():
    """Percent-format .py files paired by jupytext: no outputs can be committed by accident."""
    for p in NOTEBOOKS.glob("*.py"):
        head = p.read_text(encoding="utf-8")[:400]
        assert "format_name: percent" in head, p.name
    assert not list(NOTEBOOKS.glob("*.ipynb"))
