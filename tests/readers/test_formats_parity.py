"""The seed report as .doc, .rtf, HTML page and image-only PDF parses like the .docx it was made from."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from make_hostile import libreoffice_save_as, report_docx, report_html
from report_parser.readers.normalize import to_simplified
from report_parser.pipeline import parse_file
from report_parser.readers import legacy, ocr

SEED = Path(__file__).resolve().parents[2] / "corpus" / "seed"
META = ("org", "year", "era", "level", "region")


def _seed_paragraphs() -> list[str]:
    text = (SEED / "qianwei-2017.txt").read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("[bookmark")]


@pytest.fixture(scope="session")
def seed_docx() -> Path:
    p = SEED / "qianwei-2017.docx"
    if not p.exists():
        pytest.skip("corpus/seed/qianwei-2017.docx is absent (run the seed corpus script)")
    return p


@pytest.fixture(scope="session")
def baseline(seed_docx):
    return parse_file(seed_docx, {"strict": True})


@pytest.fixture(scope="session")
def legacy_copies(seed_docx, tmp_path_factory) -> dict[str, Path]:
    """The seed .docx saved by LibreOffice as .doc and .rtf (one soffice run for both)."""
    soffice = legacy.find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("legacy")
    libreoffice_save_as(soffice, seed_docx, ["doc:MS Word 97", "rtf"], out)
    return {"doc": out / "qianwei-2017.doc", "rtf": out / "qianwei-2017.rtf"}


@pytest.fixture(scope="session")
def scanned_pdf(tmp_path_factory) -> Path:
    """The seed PDF rendered to 200-dpi greyscale images and wrapped into an image-only PDF."""
    import pypdfium2 as pdfium

    src = SEED / "qianwei-2017.pdf"
    if not src.exists():
        pytest.skip("corpus/seed/qianwei-2017.pdf is absent")
    pdf = pdfium.PdfDocument(str(src))
    images = [pdf[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    pdf.close()
    out = tmp_path_factory.mktemp("scan") / "qianwei-2017-scan.pdf"
    images[0].save(out, save_all=True, append_images=images[1:], resolution=200)
    return out


@pytest.fixture(scope="session")
def seed_html(tmp_path_factory) -> Path:
    """The seed text as a GBK page in the style of a county portal (breadcrumb, 索引号 block, footer)."""
    out = tmp_path_factory.mktemp("html") / "qianwei-2017.html"
    out.write_bytes(report_html(_seed_paragraphs(), charset="gbk"))
    return out


def _sections(r, strip_numbering=False):
    out = [(s.key, s.heading) for s in r.sections if s.key != "preamble"]
    if strip_numbering:
        out = [(k, re.sub(r"^[一二三四五六七八九十]+\W?", "", h)) for k, h in out]
    return out


def _assert_same(baseline, other, skip_metrics=(), strip_numbering=False):
    for k in META:
        assert getattr(other, k) == getattr(baseline, k), k
    assert _sections(other, strip_numbering) == _sections(baseline, strip_numbering)
    want = {k: v for k, v in baseline.metrics.items() if k not in skip_metrics}
    got = {k: v for k, v in other.metrics.items() if k not in skip_metrics}
    assert got == want


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["doc", "rtf"])
def test_legacy_copy_parses_like_the_docx(baseline, legacy_copies, fmt):
    r = parse_file(legacy_copies[fmt], {"strict": True})
    assert r.status == "ok", r.issues
    assert r.source["format"] == fmt
    # Accepted difference (rtf only): LibreOffice's RTF export writes the "、" of Word's automatic
    # 一、二、 numbering as a symbol-font code point, which comes back as "?"; the titles must still match.
    _assert_same(baseline, r, strip_numbering=fmt == "rtf")


def test_html_page_parses_like_the_docx(baseline, seed_html):
    r = parse_file(seed_html, {"strict": True})
    assert r.status == "ok", r.issues
    assert r.source["format"] == "html"
    _assert_same(baseline, r)


@pytest.mark.tesseract
def test_image_only_pdf_parses_like_the_docx_through_ocr(baseline, scanned_pdf):
    if not ocr.available():
        pytest.skip("tesseract with chi_sim is not installed")
    r = parse_file(scanned_pdf, {"strict": True})
    assert r.ocr_pages == r.source["pages"] > 0  # every page went through OCR
    assert r.status in ("ok", "partial"), r.issues
    for k in META:
        assert getattr(r, k) == getattr(baseline, k), k
    # Accepted differences, from OCR errors measured on 150-300 dpi scans (bench/ocr_accuracy.py):
    # - a part heading may be lost when tesseract misreads its number (四、 read as "\\" or "`"), so its
    #   text joins the paragraph above: the parts found must be the .docx's parts, in order, at most one lost;
    # - a figure may be lost when a word next to it is misread (舆情 read as 与情): every metric OCR
    #   resolves must equal the .docx value (never a wrong number), at most one may be missing.
    # - a heading found despite a misread numeral keeps the text tesseract read ("\\、因政府…"): compare keys.
    want = [k for k, _ in _sections(baseline)]
    got = [k for k, _ in _sections(r)]
    assert [x for x in want if x in got] == got and len(got) >= len(want) - 1, (got, want)
    resolved = {k: v for k, v in baseline.metrics.items() if v is not None}
    ocr_resolved = {k: v for k, v in r.metrics.items() if v is not None}
    assert all(resolved.get(k) == v for k, v in ocr_resolved.items()), (ocr_resolved, resolved)
    assert len(ocr_resolved) >= len(resolved) - 1
    assert r.figures and all(f.ocr for f in r.figures)  # every OCR figure is flagged as such


@pytest.fixture(scope="session")
def traditional_twins(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """The seed text as simplified and traditional (OpenCC s2t) twins, in .docx, HTML and .txt."""
    from opencc import OpenCC

    simp = _seed_paragraphs()
    trad = [OpenCC("s2t").convert(p) for p in simp]
    d = tmp_path_factory.mktemp("traditional")
    out = {}
    for fmt, make in (("docx", report_docx), ("html", report_html),
                      ("txt", lambda ps: "\n".join(ps).encode("utf-8"))):
        pair = []
        for tag, paras in (("simplified", simp), ("traditional", trad)):
            p = d / f"seed-{tag}.{fmt}"
            p.write_bytes(make(paras))
            pair.append(p)
        out[fmt] = (pair[0], pair[1])
    return out


@pytest.mark.parametrize("fmt", ["docx", "html", "txt"])
def test_traditional_twin_parses_like_the_simplified_one(traditional_twins, fmt):
    simp_path, trad_path = traditional_twins[fmt]
    simp = parse_file(simp_path, {"strict": True})
    trad = parse_file(trad_path, {"strict": True})
    assert trad.status == simp.status
    # The org is kept as printed (traditional characters, like the raw text); it must name the same organ.
    assert to_simplified(trad.org or "") == simp.org
    trad.org = simp.org
    _assert_same(simp, trad)
    assert [f.value for f in trad.figures] == [f.value for f in simp.figures]


@pytest.mark.parametrize("fmt", ["docx", "html", "txt"])
def test_traditional_conversion_is_recorded_and_raw_text_kept(traditional_twins, fmt):
    from report_parser.readers import read

    doc = read(traditional_twins[fmt][1])
    assert doc.meta.get("converted") == "t2s"
    body = [b for b in doc.blocks if b.kind != "table"]
    assert body and all(b.prov.traditional for b in body)
    assert any("開" in b.raw for b in body) and "開" not in doc.text  # raw traditional, text simplified
    twin = read(traditional_twins[fmt][0])
    assert twin.meta.get("converted") is None and not any(b.prov.traditional for b in twin.blocks)
