"""Build corpus/seed/qianwei-2017.{txt,docx,pdf} and corpus/gold/qianwei-2017.*.json from the seed text.

The .docx uses real Word structure: the Title style for the title, Heading 1 for the 一、 parts with
their numbers produced by Word auto-numbering (not typed), Heading 2 for the （一） sub-parts, and one
explicit page break. LibreOffice (headless, private profile) turns the .docx into the .pdf. Gold values
come from ../shared/seeds/README.md; heading pages of the .pdf are read back with poppler's pdftotext,
which is independent of this project's PDF reader.

Usage: python scripts/make_seed_corpus.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "qianwei-2017"
SECTION_KEYS = [  # (part numeral, key) as the seed README lists them
    ("一", "overview"), ("二", "active"), ("三", "requests"), ("四", "review_litigation"),
    ("五", "problems"), ("六", "other")]
PART = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
SUB = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
PAGE_BREAK_BEFORE = "四"  # one explicit break, so the .docx reader's page counting is exercised
GOLD = {
    "org": "前卫镇人民政府",
    "region": {"province": "云南省", "city": "玉溪市", "county": "江川区", "town": "前卫镇"},
    "level": "township",
    "year": 2017,
    "era": "pre2019",
    "figures": {"active.items": 438, "response.policy_interpretations": 2, "response.opinion_incidents": 4,
                "requests.received": 0, "review.total": 0, "litigation.total": 0},
    "missing_sections": ["fees"],
}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(doc) -> str:
    """Add a Word list "一、二、三、" (chineseCounting, lvlText %1、) and return its numId."""
    from docx.oxml import parse_xml

    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90"><w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>')
    num = parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    # abstractNum elements must precede num elements in numbering.xml
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return "90"


def _number(paragraph, num_id: str) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def make_docx(lines: list[str], out: Path) -> None:
    """Write the seed as a .docx with real heading styles and Word auto-numbered parts."""
    import docx
    from docx.enum.text import WD_BREAK

    doc = docx.Document()
    doc.core_properties.title = lines[0]
    num_id = _numbering(doc)
    doc.add_paragraph(lines[0], style="Title")
    for line in lines[1:]:
        line = line.replace("[bookmark: _GoBack]", "")  # a leftover of the seed's conversion, not text
        m = PART.match(line)
        if m:
            if m.group(1) == PAGE_BREAK_BEFORE:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            p = doc.add_paragraph(m.group(2), style="Heading 1")  # "一、" comes from the numbering
            _number(p, num_id)
        elif SUB.match(line):
            head, sep, rest = line.partition("。")
            doc.add_paragraph(head + sep, style="Heading 2")
            if rest.strip():
                doc.add_paragraph(rest.strip())
        else:
            doc.add_paragraph(line)
    doc.save(out)


def make_pdf(docx_path: Path, outdir: Path) -> Path:
    """Convert the .docx to PDF with LibreOffice headless and a throwaway user profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed: install the Debian package libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as prof:
        subprocess.run([soffice, f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(outdir), str(docx_path)], check=True, capture_output=True, timeout=180)
    return outdir / (docx_path.stem + ".pdf")


def pdf_heading_pages(pdf: Path, headings: list[str]) -> dict[str, int]:
    """1-based page of each heading in the PDF, found with pdftotext (poppler), page by page."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    pages = out.decode("utf-8").split("\f")
    found: dict[str, int] = {}
    for h in headings:
        for i, text in enumerate(pages, start=1):
            if re.sub(r"\s+", "", h) in re.sub(r"\s+", "", text):
                found[h] = i
                break
    return found


def gold(file: str, sections: list[dict]) -> dict:
    """A gold record in the format of ../shared/real/pdf/*.gold.json."""
    return {"file": file, **{k: GOLD[k] for k in ("org", "region", "level", "year", "era")},
            "sections": sections, "figures": GOLD["figures"], "missing_sections": GOLD["missing_sections"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    src = args.shared / "seeds" / f"{NAME}.txt"
    seed_dir, gold_dir = ROOT / "corpus" / "seed", ROOT / "corpus" / "gold"
    seed_dir.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    text = src.read_text(encoding="utf-8")
    (seed_dir / f"{NAME}.txt").write_text(text, encoding="utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    parts = {m.group(1): m.group(0) for m in map(PART.match, lines) if m}
    headings = [(key, parts[num]) for num, key in SECTION_KEYS]

    docx_path = seed_dir / f"{NAME}.docx"
    make_docx(lines, docx_path)
    pdf_path = make_pdf(docx_path, seed_dir)

    pdf_pages = pdf_heading_pages(pdf_path, [h for _, h in headings])
    keys = [k for k, _ in headings]
    after_break = keys.index(dict((n, k) for n, k in SECTION_KEYS)[PAGE_BREAK_BEFORE])
    pages = {
        "txt": {k: None for k in keys},
        "docx": {k: 1 if i < after_break else 2 for i, k in enumerate(keys)},
        "pdf": {k: pdf_pages.get(h) for k, h in headings},
    }
    for fmt, pg in pages.items():
        sections = [{"key": k, "heading": h, "page": pg[k]} for k, h in headings]
        path = gold_dir / f"{NAME}.{fmt}.json"
        path.write_text(json.dumps(gold(f"{NAME}.{fmt}", sections), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"wrote corpus/seed/{NAME}.txt .docx .pdf")


if __name__ == "__main__":
    main()
