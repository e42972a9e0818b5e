"""Evaluation: score the parser against gold annotations (dev excerpts, whole documents, synth truth)."""
from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterable

from . import data

# What the dev gold labels (../shared/real/dev/README.md, "Label definitions"): it lists every
# unambiguous value of THESE keys, so a predicted value of one of them that the gold lacks is a false
# positive; a key outside the labelled vocabulary (requests.completed, s3 columns the README leaves
# unlabelled) says nothing about the parser and is not counted.
DEV_LABELLED = {
    "metrics": [r"active\.items", r"active\.items_cumulative", r"requests\.received", r"review\.total",
                r"litigation\.total", r"response\.policy_interpretations", r"response\.opinion_incidents",
                r"fees\.collected_yuan"],
    "cells": [r"s2\..+", r"s3\.(new_received|carry_over|result_open|result_partial)\.(natural_person|total)"],
}
META_FIELDS = ("org", "year", "era", "level", "region")  # region: the gold's keys must all agree
DEV_FORMATS = ("txt", "docx")  # also "flat": the text joined into one line, "wrap": hard-wrapped, "spaced": numbers
# set apart from their words (stress variants)
FORMATS = ("txt", "docx", "flat", "wrap", "wrapdocx", "spaced", "pdf", "scan")  # every format an excerpt can be
# parsed in ("wrapdocx": the hard-wrapped text as a Word file, a paragraph per line; "pdf": the excerpt set as a
# government report in Word and printed to PDF by LibreOffice; "scan": that PDF rasterised at SCAN_DPI into an
# image-only PDF, read by OCR)
SCAN_DPI = 150
WRAP_WIDTH = 33  # characters a line of the "wrap" variant holds
CEILINGS = {"failed"}  # counts where lower is better: the baseline gives a maximum


@dataclass
class GoldItem:
    """One annotated document: where its text comes from and what a correct parse finds."""

    id: str
    set: str
    text: str | None = None  # dev excerpts: the text itself
    file: Path | None = None  # whole documents: the file next to the gold
    meta: dict[str, Any] = field(default_factory=dict)  # org/year/era/level when annotated
    sections: list[tuple[str, int | None]] | None = None
    figures: dict[str, Any] | None = None
    cells: dict[str, Any] | None = None
    # Whole-document gold lists figures as stated in the prose: a prose figure the resolver outranked by
    # a printed table cell (hongze-2024: prose 17, table 95) still counts as found.
    prose_figures: bool = False
    # Keys whose every value the gold lists (regexes), per kind: a predicted value of such a key that
    # the gold lacks is a false positive. Dev gold: DEV_LABELLED; whole-document gold lists a selection
    # of prose figures (none strict) but every printed cell (all strict).
    strict: dict[str, list[str]] = field(default_factory=lambda: {"metrics": [], "cells": [r".+"]})


@dataclass
class Tally:
    """Counts for one set (a gold folder read in one format)."""

    name: str
    items: int = 0
    failed: int = 0
    meta: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in META_FIELDS})
    body: list[int] = field(default_factory=lambda: [0, 0])  # org names the same body (see same_body)
    sections: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, fp, fn
    pages: list[int] = field(default_factory=lambda: [0, 0])  # correct, annotated
    metrics: list[int] = field(default_factory=lambda: [0, 0, 0])
    cells: list[int] = field(default_factory=lambda: [0, 0, 0])
    by_metric: dict[str, list[int]] = field(default_factory=dict)  # metric → tp, fp, fn (what `metrics` sums)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def miss(self, item: str, fld: str, expected: Any, got: Any) -> None:
        """Record one disagreement with the gold."""
        self.misses.append({"item": item, "field": fld, "expected": expected, "got": got})

    def scores(self) -> dict[str, Any]:
        """Accuracy, precision, recall and F1 per field (None where nothing was annotated)."""
        out: dict[str, Any] = {"items": self.items, "failed": self.failed}
        for f, (ok, n) in self.meta.items():
            out[f] = _ratio(ok, n)
        out["org_body"] = _ratio(*self.body)
        tp, fp, fn = self.sections
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        out["sections_p"], out["sections_r"] = p, r
        out["sections_f1"] = None if p is None or r is None else (0.0 if p + r == 0 else 2 * p * r / (p + r))
        out["section_pages"] = _ratio(*self.pages)
        for name in ("metrics", "cells"):
            tp, fp, fn = getattr(self, name)
            out[f"{name}_p"], out[f"{name}_r"] = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
            out[f"{name}_n"] = tp + fn
        return out


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


# ---------------------------------------------------------------- reading gold

def load_gold(paths: Iterable[str | Path], problems: list[str] | None = None) -> list[GoldItem]:
    """Gold items from files or folders of .json / .jsonl gold (dev, whole-document or record shape).

    Files that cannot be read as JSON are skipped with a sentence appended to problems.
    """
    items: list[GoldItem] = []
    for p in map(_gold_folder, map(Path, paths)):
        files = sorted(list(p.glob("*.json")) + list(p.glob("*.jsonl"))) if p.is_dir() else [p]
        set_name = p.name if p.is_dir() else p.parent.name
        for f in files:
            items += _items_from_file(f, set_name, problems if problems is not None else [])
    return items


def _gold_folder(p: Path) -> Path:
    """The folder holding the gold: a synth output folder keeps its truth in truth/, so that is read instead."""
    # `synth OUT` then `eval OUT` is the first thing a user tries; OUT itself holds only docs/ and manifest.csv.
    if p.is_dir() and not any(p.glob("*.json*")) and (p / "truth").is_dir():
        return p / "truth"
    return p


def _items_from_file(f: Path, set_name: str, problems: list[str]) -> list[GoldItem]:
    try:
        raw = f.read_text(encoding="utf-8")
        docs = [json.loads(line) for line in raw.splitlines() if line.strip()] if f.suffix == ".jsonl" \
            else [json.loads(raw)]
    except (OSError, UnicodeDecodeError, ValueError) as e:
        problems.append(f"{f}: not readable as gold JSON ({type(e).__name__}: {e})")
        return []
    out = []
    for i, d in enumerate(docs):
        item = gold_item(d, f, set_name, i if len(docs) > 1 else None)
        if item is not None:
            out.append(item)
    return out


def gold_item(d: Any, where: Path, set_name: str, index: int | None = None) -> GoldItem | None:
    """A GoldItem from one gold dict of any of the three shapes, or None when it is not gold."""
    if not isinstance(d, dict):
        return None
    ident = where.stem if index is None else f"{where.stem}#{index}"
    if isinstance(d.get("text"), str) and isinstance(d.get("gold"), dict):  # dev excerpt
        g = d["gold"]
        item = GoldItem(ident, held_set(set_name, where.stem), text=d["text"], strict=labelled(set_name))
        _fill(item, g)
        return item
    src = d.get("file") or _source_path(d.get("source"))
    if not src:
        return None
    item = GoldItem(ident, set_name, file=_locate(str(src), where))
    _fill(item, d)
    item.prose_figures = isinstance(d.get("figures"), dict)
    return item


def _source_path(source: Any) -> str | None:
    """The document path of a gold `source`: a record's {"path": ...} or a hand-written plain string."""
    if isinstance(source, dict):
        return source.get("path")
    return source if isinstance(source, str) else None


def _aliases() -> dict[str, Any]:
    return data.load("gold_keys.yaml")


def labelled(set_name: str) -> dict[str, list[str]]:
    """The keys a dev-shaped gold folder labels in full (DEV_LABELLED, narrowed per folder in gold_keys.yaml)."""
    narrower = (_aliases().get("labelled") or {}).get(set_name)
    return {**DEV_LABELLED, **narrower} if narrower else DEV_LABELLED


def held_set(set_name: str, stem: str) -> str:
    """The set an item is scored in: `<folder>-held` for the held-out part of a folder, else the folder."""
    rule = (_aliases().get("held_out") or {}).get(set_name)
    if rule and stem.isdigit() and int(stem) % int(rule["every"]) == 0:
        return f"{set_name}-held"
    return set_name


def is_held(set_name: str) -> bool:
    """True for a held-out set (its misses are not shown while rules are being written)."""
    return set_name.split(".")[0].endswith("-held")


def canonical_key(key: str, kind: str) -> str:
    """The project's key for a gold key spelt another annotator's way (data/gold_keys.yaml)."""
    a = _aliases()
    if kind == "metrics":
        return a["metrics"].get(key, key)
    parts = a["cell_parts"]
    return ".".join(parts.get(p, p) for p in key.split("."))


def _fill(item: GoldItem, g: dict[str, Any]) -> None:
    values = _aliases().get("values") or {}
    for f in META_FIELDS:
        if f in g:
            v = g[f]
            item.meta[f] = values.get(f, {}).get(v, v) if isinstance(v, str) else v
    if "sections" in g and g["sections"] is not None:
        names = _aliases().get("sections") or {}
        item.sections = [(names.get(s, s), None) if isinstance(s, str) else (s.get("key"), s.get("page"))
                         for s in g["sections"]]
    for name in ("figures", "metrics"):  # dev/whole-document gold: figures{}; records: metrics{}
        if isinstance(g.get(name), dict):
            item.figures = {canonical_key(k, "metrics"): v for k, v in g[name].items()
                            if v is not None or name == "figures"}
            break
    cells = g.get("table_cells", g.get("cells"))
    if isinstance(cells, dict):
        item.cells = {canonical_key(k, "cells"): v for k, v in cells.items()}
    elif isinstance(cells, list):
        item.cells = {c["key"]: c.get("value") for c in cells if isinstance(c, dict) and "key" in c
                      and not c.get("derived")}
    if item.cells is not None and not any(k.startswith("legacy.") for k in item.cells) \
            and item.strict.get("cells") == [r".+"]:
        # Gold written before the pre2019 statistics tables were read (corpus/synth's truth prints a 附表
        # but lists only template cells) does not label the legacy.* family: its cells are not counted.
        item.strict = {**item.strict, "cells": [r"(?!legacy\.).+"]}


def _locate(src: str, where: Path) -> Path:
    p = Path(src)
    if p.is_absolute():
        return p
    # Relative to the gold file's folder or one of its parents (synth writes OUT/truth/x.json with
    # source.path "docs/x.txt"), or to the working directory.
    bases = [where.parent, *list(where.parent.parents)[:2], Path.cwd()]
    siblings = sorted(d / p.name for d in where.parent.parent.iterdir() if d.is_dir()) if where.parent.parent.is_dir() \
        else []
    # corpus/gold/x.json names "x.txt", which lives in a sibling folder (corpus/seed/x.txt)
    for cand in [b / p for b in bases] + [where.parent / p.name] + siblings:
        if cand.exists():
            return cand
    return where.parent / p


# ---------------------------------------------------------------- running

_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'),
}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PART_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def write_docx(text: str, path: Path, typeset: bool = False) -> Path:
    """Write text as a minimal Word file, one paragraph per line (the dev excerpts' .docx rendering); typeset: set
    like a government report (A4, 16 pt serif CJK body justified with a two-character first-line indent, short
    numbered headings flush left in a sans face), the form the "pdf" variant prints."""
    # Written as WordprocessingML with zipfile, like synth/render_docx.py: format libraries stay in
    # readers/ and synth/, and the reader under test sees a plain Word body.
    import zipfile
    from xml.sax.saxutils import escape

    def para(line: str) -> str:
        run = f'<w:t xml:space="preserve">{escape(_XML_INVALID.sub("", line))}</w:t>'
        if not typeset:
            return f"<w:p><w:r>{run}</w:r></w:p>"
        heading = len(line) < 40 and _PART_NUMBER.match(line)
        face = "Noto Sans CJK SC" if heading else "Noto Serif CJK SC"
        indent = "" if heading else '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
        return (f'<w:p><w:pPr><w:jc w:val="both"/>{indent}</w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" '
                f'w:hAnsi="Times New Roman" w:eastAsia="{face}"/><w:sz w:val="32"/></w:rPr>{run}</w:r></w:p>')

    paras = "".join(para(line) if line else "<w:p/>" for line in text.split("\n"))
    section = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
               'w:left="1588"/></w:sectPr>') if typeset else "<w:sectPr/>"
    body = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>'
            f"{paras}{section}</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in _DOCX_PARTS.items():
            z.writestr(name, xml)
        z.writestr("word/document.xml", body)
    return path


def evaluate(paths: Iterable[str | Path], formats: Iterable[str] = DEV_FORMATS,
             options: dict[str, Any] | None = None, problems: list[str] | None = None) -> dict[str, Tally]:
    """Parse every gold item and score it; one Tally per set and format (e.g. "dev.txt", "pdf.pdf")."""
    from .pipeline import parse_file

    tallies: dict[str, Tally] = {}
    formats = tuple(formats)
    with tempfile.TemporaryDirectory(prefix="rp-eval-") as tmp:
        items = list(load_gold(paths, problems))
        printed = _print_pdfs(items, Path(tmp)) if "pdf" in formats or "scan" in formats else {}
        for item in items:
            for fmt, path in _inputs(item, formats, Path(tmp), printed):
                name = f"{item.set}.{fmt}"
                t = tallies.setdefault(name, Tally(name))
                report = parse_file(path, options)
                # (the pdf and scan variants print a crawler's pipe rows as prose lines that wrap at the margin,
                # which no real table does: their cells are not scored; ruled tables are measured on real and synth
                # PDFs)
                score_item(t, replace(item, cells=None) if fmt in ("pdf", "scan") and item.text is not None else item,
                           report)
    return tallies


def agreement(paths: Iterable[str | Path], second: str | Path,
              problems: list[str] | None = None) -> dict[str, Tally]:
    """Score a second labeller's gold (items matched by id) against the gold of paths, the way the parser is
    scored: how far two careful labellers agree is the ceiling any parser can be measured to."""
    others = {it.id: it for it in load_gold([second], problems)}
    tallies: dict[str, Tally] = {}
    for item in load_gold(paths, problems):
        other = others.get(item.id)
        if other is None:
            continue
        name = f"{item.set}.labels"
        score_item(tallies.setdefault(name, Tally(name)), item, _labels_as_report(other))
    return tallies


def _labels_as_report(item: GoldItem) -> SimpleNamespace:
    """A gold item's labels in the shape score_item reads a parsed Report in."""
    return SimpleNamespace(
        status="ok", issues=[], **{f: item.meta.get(f) for f in META_FIELDS},
        sections=[SimpleNamespace(key=k, page=p, heading=k) for k, p in (item.sections or [])],
        metrics=dict(item.figures or {}), figures=[],
        cells=[SimpleNamespace(key=k, value=v, derived=False) for k, v in (item.cells or {}).items()])


def _print_pdfs(items: list[GoldItem], tmp: Path) -> dict[tuple[str, str], Path]:
    """The "pdf" variant of every excerpt: its typeset Word form printed by LibreOffice, in batches (the start-up of
    soffice is paid once a batch); keyed by (set, id)."""
    from .synth.render_pdf import convert

    src, out = tmp / "pdf-src", tmp / "pdf"
    src.mkdir()
    docs = {(it.set, it.id): write_docx(it.text, src / f"{it.set}-{it.id}.docx", typeset=True)
            for it in items if it.text is not None}
    convert(list(docs.values()), out)
    return {k: out / f"{p.stem}.pdf" for k, p in docs.items()}


def _inputs(item: GoldItem, formats: tuple[str, ...], tmp: Path, printed: dict[tuple[str, str], Path] | None = None):
    if item.text is not None:
        for fmt in formats:
            p = tmp / f"{item.set}-{item.id}.{fmt}"
            if fmt == "txt":
                p.write_text(item.text, encoding="utf-8")
            elif fmt == "flat":
                # A stress variant: the page flattened to one line, as scrapers that drop <p> tags give it.
                p = p.with_suffix(".txt")
                p.write_text(one_line(item.text), encoding="utf-8")
            elif fmt == "wrap":
                # A stress variant: every line hard-wrapped at a fixed width, as text copied out of a PDF viewer
                # or a fixed-width archive gives it (cuts fall inside names, numbers and addresses). Table rows
                # (pipes, tabs) stay whole: the variant measures prose, tables have their own stress forms.
                p = p.with_suffix(".txt")
                p.write_text(hard_wrapped(item.text), encoding="utf-8")
            elif fmt == "wrapdocx":
                # The same as a Word file, one paragraph per printed line, as a PDF-to-Word converter gives it
                p = p.with_suffix(".docx")
                write_docx(hard_wrapped(item.text), p)
            elif fmt == "spaced":
                # A stress variant: a space between every digit and the CJK character beside it (2019 年 3 月 1 日,
                # 共 192 条), as text copied out of a PDF or a page with one <span> per number gives it.
                p = p.with_suffix(".txt")
                p.write_text(spaced_numbers(item.text), encoding="utf-8")
            elif fmt == "docx":
                write_docx(item.text, p)
            elif fmt == "pdf" and printed and (item.set, item.id) in printed:
                # A stress variant: the excerpt typeset as a government report and printed to PDF (justified lines
                # that end wherever the margin falls, first-line indents, headings in another face)
                p = printed[(item.set, item.id)]
            elif fmt == "scan" and printed and (item.set, item.id) in printed:
                # The same PDF as a scanner gives it: its pages as greyscale pictures, no text layer
                from .synth.render_pdf import scan  # (format libraries stay in readers/ and synth/)

                p = scan(printed[(item.set, item.id)], p.with_suffix(".pdf"), SCAN_DPI)
            else:
                continue
            yield fmt, p
    elif item.file is not None:
        suffix = item.file.suffix.lstrip(".").lower() or "file"
        yield suffix, item.file
        if suffix == "txt" and "flat" in formats:
            # A whole document saved as text (synth truth, whole-document gold) in the same stress form: its
            # tables, one row a line, lose their row ends.
            p = tmp / f"{item.set}-{item.id}.flat.txt"
            p.write_text(one_line(item.file.read_text(encoding="utf-8")), encoding="utf-8")
            yield "flat", p


def same_body(expected: str | None, got: str | None) -> bool:
    """Whether two org names lead to the same body in the registry's terms (store/orgs.py): the same kind
    (a government or an office/department), the same core name and the same own place, whatever higher places
    or government suffix either spells out (秦淮区 / 秦淮区人民政府, 东坡区崇礼镇人民政府 / 崇礼镇人民政府)."""
    if expected is None or got is None:
        return expected == got
    from .store.orgs import parse_name

    a, b = parse_name(expected), parse_name(got)
    own = lambda o: o.chain[-1][1] if o.chain else None  # noqa: E731
    return (a.government, a.core, own(a)) == (b.government, b.core, own(b))


def one_line(text: str) -> str:
    """A text joined into one line (the "flat" variant), its lines stripped and blank ones dropped."""
    return " ".join(ln.strip() for ln in text.split("\n") if ln.strip())


def spaced_numbers(text: str) -> str:
    """text with a space between every digit and the CJK character beside it (the "spaced" variant)."""
    return _DIGIT_CJK.sub(" ", text)


_DIGIT_CJK = re.compile(r"(?<=[\u4e00-\u9fff])(?=\d)|(?<=\d)(?=[\u4e00-\u9fff])")


def hard_wrapped(text: str) -> str:
    """text with every prose line cut every WRAP_WIDTH characters (the "wrap" variant)."""
    return "\n".join(_hard_wrap(ln) for ln in text.split("\n"))


def _hard_wrap(line: str) -> str:
    """A prose line cut every WRAP_WIDTH characters (the "wrap" variant); a table row (pipes, tabs) stays whole."""
    if "|" in line or "\t" in line:
        return line
    return "\n".join(line[i:i + WRAP_WIDTH] for i in range(0, len(line), WRAP_WIDTH))


def score_item(t: Tally, item: GoldItem, report) -> None:
    """Add one parsed Report's agreement with its gold to a Tally."""
    t.items += 1
    if report.status == "failed":
        t.failed += 1
        t.miss(item.id, "status", "ok", "; ".join(f"{i.code}: {i.message}" for i in report.issues))
    for f, expected in item.meta.items():
        got = getattr(report, f, None)
        if f == "region":  # scored per part (province, city, county, town) the gold names
            for k, v in (expected or {}).items():
                t.meta[f][1] += 1
                if (got or {}).get(k) == v:
                    t.meta[f][0] += 1
                else:
                    t.miss(item.id, f"region.{k}", v, (got or {}).get(k))
            continue
        t.meta[f][1] += 1
        if got == expected:
            t.meta[f][0] += 1
        else:
            t.miss(item.id, f, expected, got)
        if f == "org":
            t.body[1] += 1
            t.body[0] += same_body(expected, got)
    if item.sections is not None:
        _score_sections(t, item, report)
    if item.figures is not None:
        got = {k: v for k, v in (report.metrics or {}).items() if v is not None}
        if item.prose_figures:
            for f in report.figures:
                if f.metric in item.figures and same_value(item.figures[f.metric], f.value):
                    got[f.metric] = f.value
        _score_values(t, "metrics", item, got)
    if item.cells is not None:
        _score_values(t, "cells", item, {c.key: c.value for c in report.cells if not c.derived})


def _standard() -> set[str]:
    return set(data.load("sections.yaml")["standard"])


def _score_sections(t: Tally, item: GoldItem, report) -> None:
    std = _standard()
    gold = {k for k, _ in item.sections if k in std}
    got = {s.key: s for s in reversed(report.sections) if s.key in std}
    tp = gold & set(got)
    t.sections[0] += len(tp)
    t.sections[1] += len(set(got) - gold)
    t.sections[2] += len(gold - set(got))
    for k in sorted(gold - set(got)):
        t.miss(item.id, "sections", k, None)
    for k in sorted(set(got) - gold):
        t.miss(item.id, "sections", None, f"{k} ({got[k].heading})")
    for k, page in item.sections:
        if page is None or k not in std:
            continue
        t.pages[1] += 1
        if k in got and got[k].page == page:
            t.pages[0] += 1
        else:
            t.miss(item.id, f"page:{k}", page, got[k].page if k in got else None)


def same_value(expected: Any, got: Any) -> bool:
    """Exact comparison of a gold value with a parsed one: Decimals, None for blank."""
    if expected is None or got is None:
        return expected is None and got is None
    try:
        return Decimal(str(expected)) == Decimal(str(got))
    except (InvalidOperation, ValueError):
        return str(expected) == str(got)


def _score_values(t: Tally, kind: str, item: GoldItem, got: dict[str, Any]) -> None:
    counts = getattr(t, kind)
    gold = item.figures if kind == "metrics" else item.cells

    def count(k: str, slot: int) -> None:
        counts[slot] += 1
        if kind == "metrics":
            t.by_metric.setdefault(k, [0, 0, 0])[slot] += 1

    for k, expected in gold.items():
        if k in got and same_value(expected, got[k]):
            count(k, 0)
            continue
        count(k, 2)
        if k in got:
            count(k, 1)
        t.miss(item.id, f"{kind}:{k}", expected, got.get(k))
    strict = [re.compile(p) for p in item.strict.get(kind, [])]
    for k, v in got.items():
        if k not in gold and v is not None and any(p.fullmatch(k) for p in strict):
            count(k, 1)
            t.miss(item.id, f"{kind}:{k}", None, v)


# ---------------------------------------------------------------- floors

def load_baseline(path: str | Path) -> dict[str, dict[str, float]]:
    """Floors per set from a baseline YAML ({sets: {name: {field: floor}}})."""
    import yaml

    d = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return d.get("sets", {})


def broken_floors(tallies: dict[str, Tally], floors: dict[str, dict[str, float]]) -> list[str]:
    """Sentences naming every floor the scores fall below (sets not evaluated are skipped)."""
    out = []
    for name, fl in floors.items():
        if name not in tallies:
            continue
        scores = tallies[name].scores()
        for fld, floor in fl.items():
            v = scores.get(fld)
            if v is None:
                out.append(f"{name}: {fld} was not measured (floor {floor})")
            elif fld in CEILINGS:
                if v > floor:
                    out.append(f"{name}: {fld} = {v} is above its ceiling {floor}")
            elif v + 1e-9 < floor:
                out.append(f"{name}: {fld} = {v:.3f} is below its floor {floor}")
    return out


def summary_rows(tallies: dict[str, Tally]) -> list[tuple[str, dict[str, Any]]]:
    """(set, scores) rows sorted by set name."""
    return [(n, tallies[n].scores()) for n in sorted(tallies)]
