"""Must-show (issue 20): `show` boxes the value on its page, the dossier opens in a real browser, Word goes through
its rendering, and Datasette links every positioned row to its crop."""
from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from report_parser.cli import main
from report_parser.research import evidence

HAS_SOFFICE = shutil.which("soffice") is not None
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Generated gb2021 reports as PDF and .docx, with defects so that some findings fail."""
    if not HAS_SOFFICE:
        pytest.skip("LibreOffice is not installed (generated PDFs need LibreOffice)")
    from report_parser.synth import generate

    out = tmp_path_factory.mktemp("evidence")
    generate(out, orgs=3, years="2022,2023", formats=("pdf",), seed=11, defects=1.0)
    generate(out / "word", orgs=1, years="2023", formats=("docx",), seed=11)
    return out


def _pdf(generated: Path) -> Path:
    return sorted((generated / "docs").glob("*.pdf"))[0]


def _unmarked(pdf: Path, page: int):
    from report_parser.readers.render import render_page

    return render_page(pdf, page, evidence.SCALE)


def _check_picture(pdf: Path, png: Path, it: evidence.Item) -> None:
    """The pixels inside the value's box differ from the unmarked page, pixels far from it do not, and the box
    encloses the value's characters."""
    import pdfplumber
    from PIL import Image, ImageChops

    from report_parser.extract.positions import squash

    page = int(it.box[0])
    plain = _unmarked(pdf, page)
    drawn = Image.open(png).convert("RGB")
    band = drawn.height - plain.height  # the notes band above the page
    assert band >= 0 and drawn.width == plain.width
    s = evidence.SCALE
    x0, y0, x1, y1 = (int(it.box[1] * s) + 1, int(it.box[2] * s) + 1, int(it.box[3] * s) - 1, int(it.box[4] * s) - 1)
    inside = ImageChops.difference(drawn.crop((x0, y0 + band, x1, y1 + band)), plain.crop((x0, y0, x1, y1)))
    changed = int((np.asarray(inside).max(axis=2) > 8).sum())
    assert changed > 0.5 * (x1 - x0) * (y1 - y0), "the inside of the box is not marked"
    # A region of the page away from the box (and its label) is untouched.
    far_y = 0 if it.box[2] > plain.height / s / 2 else plain.height - 60
    far = ImageChops.difference(drawn.crop((0, far_y + band, 200, far_y + band + 40)), plain.crop((0, far_y, 200, far_y + 40)))
    assert far.getbbox() is None
    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page - 1]
        chars = [c for c in p.chars if it.box[1] - 0.5 <= (c["x0"] + c["x1"]) / 2 <= it.box[3] + 0.5
                 and it.box[2] - 0.5 <= (c["top"] + c["bottom"]) / 2 <= it.box[4] + 0.5]
        assert chars and all(it.box[1] - 1 <= c["x0"] and c["x1"] <= it.box[3] + 1 and it.box[2] - 1 <= c["top"]
                             and c["bottom"] <= it.box[4] + 1 for c in chars)
    assert squash("".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))) == squash(it.raw)


def test_show_boxes_a_cell_and_a_figure_of_a_real_pdf(shared, tmp_path):
    pdf = shared / "real" / "pdf" / "hongze-2023.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is absent")
    r = CliRunner().invoke(main, ["show", str(pdf), "s3.new_received.total", "active.items", "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    pngs = [Path(x) for x in r.output.split()]
    assert len(pngs) == 2 and all(p.exists() for p in pngs)
    src = evidence.open_source(str(pdf))
    cell = evidence.find(src.report, "s3.new_received.total")[0]
    fig = evidence.find(src.report, "active.items")[0]
    _check_picture(pdf, next(p for p in pngs if "s3.new_received" in p.name), cell)
    _check_picture(pdf, next(p for p in pngs if "active.items" in p.name), fig)


def test_show_boxes_a_value_of_a_generated_pdf(generated, tmp_path):
    pdf = _pdf(generated)
    written = evidence.show(evidence.open_source(str(pdf)), ["s3.new_received.total"], tmp_path)
    it = evidence.find(evidence.open_source(str(pdf)).report, "s3.new_received.total")[0]
    assert it.box_source == "pdf"
    _check_picture(pdf, written[0], it)


def test_show_findings_draws_every_value_of_a_failed_finding(generated, tmp_path):
    for pdf in sorted((generated / "docs").glob("*.pdf")):
        src = evidence.open_source(str(pdf))
        failed = [f for f in src.report.findings if f.get("status") == "fail"
                  and evidence.finding_items(src.report, f)]
        if failed:
            break
    else:
        pytest.fail("no generated report with a failed finding on printed values")
    written = evidence.show(src, [], tmp_path, findings=True)
    assert written and all(p.suffix == ".png" for p in written)
    from PIL import Image

    its = evidence.finding_items(src.report, failed[0])
    pages = {int(b[0]) for it in its for b in it.boxes}
    first = [p for p in written if "finding1-" in p.name]
    assert len(first) == len(pages)
    # The notes band (rule, arithmetic, one line per value) sits above the page.
    assert Image.open(first[0]).height > _unmarked(pdf, min(pages)).height


def test_show_on_text_marks_the_value_in_an_html_snippet(corpus, tmp_path):
    r = CliRunner().invoke(main, ["show", str(corpus / "seed" / "qianwei-2017.txt"), "active.items", "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    page = Path(r.output.split()[0]).read_text(encoding="utf-8")
    assert "<mark>438条</mark>" in page


def test_show_names_the_closest_key_for_a_misspelt_one(corpus, tmp_path):
    r = CliRunner().invoke(main, ["show", str(corpus / "seed" / "qianwei-2017.txt"), "active.itmes", "-o", str(tmp_path)])
    assert r.exit_code == 2 and "did you mean active.items" in r.output


def test_word_boxes_come_from_its_libreoffice_rendering(generated, tmp_path, monkeypatch):
    from boxcheck import box_mismatches

    monkeypatch.setenv("REPORT_PARSER_CACHE", str(tmp_path / "cache"))
    docx = sorted((generated / "word" / "docs").glob("*.docx"))[0]
    src = evidence.open_source(str(docx))
    assert src.pdf is not None and src.pdf.parent == tmp_path / "cache" / "rendered"
    printed = [c for c in src.report.cells if not c.derived]
    assert len(printed) > 100 and all(c.box_source == "libreoffice-pdf" for c in printed)
    checked, bad = box_mismatches(src.pdf, src.report)
    assert not bad, "\n".join(bad[:20])
    # Cached per file: the second call renders nothing.
    mtime = src.pdf.stat().st_mtime_ns
    assert evidence.open_source(str(docx)).pdf.stat().st_mtime_ns == mtime


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.srcs, self.title = set(), [], [], ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def _check_dossier(html_path: Path, title: str, tmp_path: Path) -> None:
    """Links resolve; headless Chromium renders a non-blank page whose DOM holds the title."""
    page = html_path.read_text(encoding="utf-8")
    links = _Links()
    links.feed(page)
    assert links.title == title
    assert links.hrefs and all(h.startswith("#") and h[1:] in links.ids for h in links.hrefs)
    assert links.srcs and all(s.startswith("data:image/png;base64,") for s in links.srcs)
    md = html_path.with_suffix(".md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#][^)]*)\)", md):
        assert (html_path.parent / target).is_file(), target
    anchors = set(re.findall(r'<a id="([^"]+)">', md))
    assert all(t in anchors for t in re.findall(r"\]\(#([^)]+)\)", md))
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/setup.sh installs it)")
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'chromium'}"]
    dom = subprocess.run([*base, "--dump-dom", html_path.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert f"<h1>{title}</h1>" in dom
    shot = tmp_path / "shot.png"
    subprocess.run([*base, f"--screenshot={shot}", "--window-size=1200,1600", html_path.as_uri()],
                   capture_output=True, timeout=120)
    from PIL import Image

    img = np.asarray(Image.open(shot).convert("L"))
    assert (img < 128).sum() > 0.005 * img.size, "the screenshot is blank"
    # The title is drawn in CJK glyphs at the top: its band holds dark pixels.
    assert (img[:120] < 128).sum() > 500


def test_the_dossier_of_a_real_report_opens_in_a_browser(shared, tmp_path):
    pdf = shared / "real" / "pdf" / "hongze-2024.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is absent")
    out = tmp_path / "hz.html"
    r = CliRunner().invoke(main, ["dossier", str(pdf), "-o", str(out)])
    assert r.exit_code == 0, r.output
    src = evidence.open_source(str(pdf))
    page = out.read_text(encoding="utf-8")
    printed = [c for c in src.report.cells if not c.derived]
    assert page.count("<img ") >= len(printed) + len(src.report.figures)  # a crop per value (and per finding value)
    _check_dossier(out, src.report.title, tmp_path)


def test_dossiers_of_a_folder_one_per_report(generated, tmp_path):
    out = tmp_path / "dossiers"
    r = CliRunner().invoke(main, ["dossier", str(generated / "docs"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    htmls = sorted(out.glob("*.html"))
    assert len(htmls) == len(list((generated / "docs").glob("*.pdf")))
    src = evidence.open_source(str(_pdf(generated)))
    _check_dossier(out / f"{_pdf(generated).stem}.html", src.report.title, tmp_path)
    page = (out / f"{_pdf(generated).stem}.html").read_text(encoding="utf-8")
    assert "审核 review: not reviewed" in page or "No failed check" in page


def test_the_dossier_shows_a_stored_review(generated, tmp_path):
    from report_parser.audit import review
    from report_parser.ingest import ingest
    from report_parser.store.db import Store

    db = f"sqlite:///{tmp_path / 'r.db'}"
    ingest([str(generated / "docs")], db=db, workers=1)
    store = Store(db)
    with store.engine.connect() as conn:
        fid = review.stored_findings(conn)[0]["finding_id"]
    review.decide(store.engine, fid, "dismissed", "tester", "a known template quirk")
    store.close()
    rid = fid.split("-")[0]
    out = tmp_path / "d.html"
    r = CliRunner().invoke(main, ["dossier", rid, "-o", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    assert "dismissed by tester (current) — a known template quirk" in out.read_text(encoding="utf-8")


def test_datasette_links_each_positioned_row_to_its_crop(generated, tmp_path):
    from datasette.app import Datasette

    from report_parser.ingest import ingest

    db_path = tmp_path / "reports.db"
    ingest([str(_pdf(generated))], db=f"sqlite:///{db_path}", workers=1)

    async def go():
        ds = Datasette([str(db_path)])
        table = await ds.client.get("/reports/cells?key=s3.new_received.total")
        link = re.search(r'href="(/-/report-parser/crop/[^"]+\.png)"', table.text)
        assert link, table.text[:2000]
        crop = await ds.client.get(link.group(1).replace("&amp;", "&"))
        missing = await ds.client.get("/-/report-parser/crop/reports/cells/nope.png")
        return crop, missing

    crop, missing = asyncio.run(go())
    assert crop.status_code == 200 and crop.headers["content-type"] == "image/png"
    assert crop.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert missing.status_code == 404


def test_a_schema_1_0_record_loads_without_positions():
    from report_parser.record import Report

    old = {"schema_version": "1.0", "source": {"path": "a.txt", "sha256": None, "format": "txt", "pages": None},
           "cells": [{"key": "s3.x", "value": "1", "raw": "1", "page": 1}],
           "figures": [{"metric": None, "value": "1", "raw": "1条", "span": [0, 2]}]}
    r = Report.from_dict(old)
    assert r.cells[0].box is None and r.cells[0].span is None and r.figures[0].box is None
    assert json.loads(json.dumps(r.to_dict()))["schema_version"] == "1.1"


def test_word_positions_at_parse_time_and_a_clear_issue_without_libreoffice(generated, tmp_path, monkeypatch):
    from report_parser.pipeline import parse_file

    monkeypatch.setenv("REPORT_PARSER_CACHE", str(tmp_path / "cache"))
    docx = sorted((generated / "word" / "docs").glob("*.docx"))[0]
    r = parse_file(docx, {"word_positions": True, "strict": True})
    printed = [c for c in r.cells if not c.derived]
    assert printed and all(c.box_source == "libreoffice-pdf" and c.box for c in printed)
    assert parse_file(docx).cells[0].box is None  # off by default: a conversion costs seconds
    monkeypatch.setenv("REPORT_PARSER_CACHE", str(tmp_path / "empty"))
    monkeypatch.setenv("REPORT_PARSER_SOFFICE", str(tmp_path / "no-soffice"))
    r = parse_file(docx, {"word_positions": True})
    assert r.status == "ok" and r.cells and all(c.box is None for c in r.cells)
    issue = next(i for i in r.issues if i.code == "POSITIONS_UNAVAILABLE")
    assert docx.name in issue.message and "LibreOffice" in issue.message


def test_the_dossier_of_a_text_report_marks_values_in_their_text(corpus, tmp_path):
    out = tmp_path / "q.html"
    r = CliRunner().invoke(main, ["dossier", str(corpus / "seed" / "qianwei-2017.txt"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    links = _Links()
    links.feed(page)
    assert links.hrefs and all(h.startswith("#") and h[1:] in links.ids for h in links.hrefs)
    assert not links.srcs and "<mark>438条</mark>" in page  # no pages: snippets instead of crops
    assert "# 前卫镇" in out.with_suffix(".md").read_text(encoding="utf-8")


def test_a_folder_dossier_needs_a_folder_and_a_bad_file_does_not_stop_the_rest(corpus, tmp_path):
    bad = tmp_path / "in" / "broken.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "in" / "q.txt").write_bytes((corpus / "seed" / "qianwei-2017.txt").read_bytes())
    r = CliRunner().invoke(main, ["dossier", str(tmp_path / "in"), "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "need a folder" in r.output
    r = CliRunner().invoke(main, ["dossier", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert r.exit_code == 1 and "broken.pdf" in r.output
    assert (tmp_path / "out" / "q.html").is_file()


def test_show_without_rendering_a_word_file_marks_the_value_in_its_text(generated, tmp_path):
    docx = sorted((generated / "word" / "docs").glob("*.docx"))[0]
    r = CliRunner().invoke(main, ["show", str(docx), "s3.new_received.total", "--no-render", "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    page = Path(r.output.split()[0]).read_text(encoding="utf-8")
    assert "<mark>" in page and "--no-render" in page
