"""The pypdfium2 text path (pdf_text=pdfium) gives the same record as the pdfplumber path on every PDF at hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from boxcheck import box_mismatches
from report_parser.pipeline import parse_file
from report_parser.readers import pdf

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real" / "pdf"


def _pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf")) if folder.is_dir() else []


def _record(report) -> dict:
    """What must not change between the engines: sections, figures, cells, provenance pages, metadata, issues."""
    d = report.to_dict()
    return {
        "sections": [(s["key"], s["heading"], s["page"]) for s in d["sections"]],
        "figures": [(f["metric"], f["value"], f["raw"], f["page"], f["section"]) for f in d["figures"]],
        "cells": [(c["key"], c["value"], c["raw"], c["page"]) for c in d["cells"]],
        "meta": (d["org"], d["year"], d["era"], d["level"], d["status"]),
        "issues": sorted(i["code"] for i in d["issues"]),
    }


def _check(path: Path, monkeypatch=None) -> int:
    """Assert the two engines agree on path; return how many pages the pdfium path read itself."""
    read = []
    if monkeypatch is not None:
        real = pdf._pdfium_page

        def spy(*args):
            pt = real(*args)
            read.append(pt is not None)
            return pt
        monkeypatch.setattr(pdf, "_pdfium_page", spy)
    old = parse_file(path, {"pdf_text": "pdfplumber"})
    new = parse_file(path, {"pdf_text": "pdfium"})
    a, b = _record(old), _record(new)
    for part in a:
        assert a[part] == b[part], f"{path.name}: {part} differ between pdfplumber and pdfium"
    _, bad = box_mismatches(path, new)
    assert not bad, bad[:5]
    return sum(read)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    from report_parser.synth.render_pdf import soffice
    try:
        soffice()
    except Exception as e:
        pytest.skip(f"LibreOffice is needed to generate PDFs ({e})")
    from report_parser.synth import generate

    out = tmp_path_factory.mktemp("pdf-parity")
    generate(out, orgs=5, years="2018-2019", formats="pdf", seed=18)
    return sorted((out / "docs").glob("*.pdf")) + [_prose_pdf(out)]


def _prose_pdf(out: Path) -> Path:
    """A long prose-only PDF (the seed report's paragraphs five times over), the pdfium path's own case."""
    import docx

    from report_parser.synth import render_pdf

    text = (ROOT / "corpus" / "seed" / "qianwei-2017.txt").read_text(encoding="utf-8")
    d = docx.Document()
    for _ in range(5):
        for line in text.splitlines():
            if line.strip() and not line.startswith("[bookmark"):
                d.add_paragraph(line.strip())
    d.save(out / "prose.docx")
    return render_pdf.convert([out / "prose.docx"], out)[0]


@pytest.mark.parametrize("path", _pdfs(ROOT / "corpus" / "seed") + _pdfs(ROOT / "corpus" / "synth" / "docs"),
                         ids=lambda p: p.name)
def test_corpus_pdf_parity(path, monkeypatch):
    _check(path, monkeypatch)


@pytest.mark.parametrize("name", [p.name for p in _pdfs(REAL)] or ["(absent)"])
def test_real_pdf_parity(name):
    if not (REAL / name).exists():
        pytest.skip("../shared/real/pdf is absent")
    _check(REAL / name)


def test_generated_pdf_parity(generated, monkeypatch):
    assert len(generated) >= 10
    pages = sum(_check(path, monkeypatch) for path in generated)
    assert pages >= 10, "the pdfium path read too few pages for the comparison to mean anything"


def test_unknown_engine_is_named():
    from report_parser.readers.pdf_chars import engine

    assert engine({"pdf_text": "pdfplumber"}) == "pdfplumber"
    with pytest.raises(ValueError, match="pdfium, pdfplumber"):
        engine({"pdf_text": "pdfminer"})
