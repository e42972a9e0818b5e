"""Evidence: every value of a report drawn on its page (show), crops for the dossier, snippets for web and text."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..record import BOX_RENDERED, Report

# Pixels per PDF point of a rendered page (2 = 144 dpi: small digits stay legible in a crop).
SCALE = 2.0
# Points of page shown around a value in its crop.
MARGIN = 36.0
BOX_COLOUR = (220, 20, 60)
LABEL_BG = (255, 240, 130)
HIGHLIGHT = (255, 214, 0)


@dataclass
class Item:
    """One value of a report as evidence: a cell or a figure, where it is printed and what it says."""

    kind: str  # cell | figure
    index: int  # position in report.cells or report.figures
    key: str  # the cell key, the figure's metric, or figure[i] for a figure without one
    value: str | None
    raw: str
    page: int | None
    box: list[float] | None
    box_more: list[list[float]] | None
    box_source: str | None
    span: tuple[int, int] | None
    context: str  # the label path of a cell, the sentence of a figure

    @property
    def anchor(self) -> str:
        """The id of the item in a dossier (c12, f3)."""
        return f"{self.kind[0]}{self.index}"

    @property
    def boxes(self) -> list[list[float]]:
        """Every box of the value (more than one when it wraps onto the next line)."""
        return [self.box, *(self.box_more or [])] if self.box else []

    def label(self) -> str:
        """`key = value (raw)` as drawn beside the box."""
        shown = "空" if self.value is None else self.value
        raw = f" ({self.raw})" if self.raw and self.raw != self.value else ""
        return f"{self.key} = {shown}{raw}"


def items(report: Report) -> list[Item]:
    """Every printed cell and every figure of a report as evidence items (derived subtotals are printed nowhere)."""
    out = [Item("cell", i, c.key, c.value, c.raw, c.page, c.box, c.box_more, c.box_source, c.span,
                " / ".join(c.label)) for i, c in enumerate(report.cells) if not c.derived]
    out += [Item("figure", i, f.metric or f"figure[{i}]", f.value, f.raw, f.page, f.box, f.box_more, f.box_source,
                 tuple(f.span) if f.span and f.span[1] > f.span[0] else None, f.text)
            for i, f in enumerate(report.figures)]
    return out


def find(report: Report, key: str) -> list[Item]:
    """The items a key names in a report: cells with that key, figures of that metric, the source of a resolved
    metric, or figure[i]; an unknown key is an error naming the closest keys the report has."""
    import difflib
    import re

    every = items(report)
    m = re.fullmatch(r"figure\[(\d+)\](?::.*)?", key)
    if m:
        found = [it for it in every if it.kind == "figure" and it.index == int(m.group(1))]
    else:
        found = [it for it in every if it.key == key]
        # A metric key: its figures in prose and the cell the resolved value came from (a table cell outranks
        # prose), so a disagreement between them shows on the picture.
        src = (report.metric_sources or {}).get(key) or {}
        if src.get("kind") == "cell":
            found += [it for it in every if it.kind == "cell" and it.key == src.get("ref") and it not in found]
    if not found:
        close = difflib.get_close_matches(key, sorted({it.key for it in every}), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise UsageError(f"{report.source.get('path')}: no cell or figure {key!r} in this report{hint}")
    return found


def finding_items(report: Report, finding: dict[str, Any]) -> list[Item]:
    """The values a finding compares (its keys), each once; keys the report does not print are left out."""
    out: list[Item] = []
    for k in finding.get("keys") or []:
        try:
            out += [it for it in find(report, str(k)) if it not in out]
        except UsageError:
            continue  # a key the rule names but the report lacks (a missing cell is what it is about)
    return out


@dataclass
class Source:
    """A report with what is needed to draw it: the file, the PDF its pages come from, or its text."""

    report: Report
    path: Path | None  # the original file (None when a stored report's file is gone)
    pdf: Path | None = None  # the PDF drawn on: the file itself, or LibreOffice's rendering of a Word file
    text: str | None = None  # Document.text of a file without pages (HTML, text), for snippets
    notes: list[str] = field(default_factory=list)  # why positions are missing, said once


def open_source(target: str, db: str | None = None, render_word: bool = True) -> Source:
    """A report from a file (parsed now) or from the database (by id or 8+ hex digits of its sha256)."""
    from ..pipeline import parse_file

    p = Path(target)
    if p.is_file():
        report = parse_file(p)
        if report.status in ("failed", "skipped"):
            why = "; ".join(i.message for i in report.issues) or report.status
            raise UsageError(f"{p}: nothing to show ({report.status}: {why})")
        path = p
    else:
        report = _stored(target, db)
        path = Path(report.source.get("path") or "")
        path = path if report.source.get("path") and path.is_file() else None
    src = Source(report, path)
    fmt = report.source.get("format") or ""
    if path is None:
        src.notes.append(f"the file {report.source.get('path')} is not on this machine: no page to draw")
    elif fmt == "pdf":
        src.pdf = path
    else:
        from ..readers import read

        # The text beside the pages: snippets for values without a box (a page-less file, a rendering that failed).
        src.text = read(path).text
        if fmt in _word_formats():
            if render_word:
                _render_word(src, fmt)
            else:
                src.notes.append("Word pages not rendered (--no-render)")
    return src


def _word_formats() -> tuple[str, ...]:
    from ..readers.render import WORD_FORMATS

    return WORD_FORMATS


def _stored(ref: str, db: str | None) -> Report:
    """A stored report by id or sha256 prefix."""
    from ..audit.review import report_of
    from ..store.db import Store, resolve_url

    url = resolve_url(db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        raise UsageError(f"{ref}: neither a file nor a report id (no database {url[len('sqlite:///'):]})")
    store = Store(url, create=False)
    try:
        with store.engine.connect() as conn:
            try:
                rid = report_of(conn, ref)["id"]
            except UsageError as e:
                raise UsageError(f"{ref}: no such file, and {str(e).replace('--report ' + repr(ref) + ': ', '')}") \
                    from None
        report = store.load_report(rid)
    finally:
        store.close()
    assert report is not None
    report.source["id"] = rid
    return report


def _render_word(src: Source, fmt: str) -> None:
    """Boxes of a Word/WPS report from LibreOffice's PDF rendering of it (cached per file), matched key by key."""
    from ..data import cache_dir
    from ..errors import InputError
    from ..extract import positions
    from ..pipeline import parse_file
    from ..readers.render import rendered_pdf

    try:
        src.pdf = rendered_pdf(src.path, fmt, cache_dir())
    except InputError as e:
        src.notes.append(e.message)
        return
    if not any(c.box_source == BOX_RENDERED for c in src.report.cells):  # ingested with --word-positions: done
        positions.attach_rendered(src.report, parse_file(src.pdf))


# ---- drawing ---------------------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _font(size: int):
    from PIL import ImageFont

    from .plotfont import cjk_font_file

    found = cjk_font_file()
    if found is None:
        return None
    return ImageFont.truetype(found[0], size, index=found[1])


def _text(draw, xy, text: str, size: int, fill=(0, 0, 0), bg=LABEL_BG) -> tuple[int, int]:
    """Write text with a background at xy; without a CJK font, Chinese characters are dropped rather than tofu."""
    font = _font(size)
    if font is None:
        from PIL import ImageFont

        font = ImageFont.load_default()
        text = "".join(ch if ord(ch) < 0x2E80 else "?" for ch in text)
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=font)
    draw.rectangle((x0 - 3, y0 - 2, x1 + 3, y1 + 2), fill=bg)
    draw.text(xy, text, fill=fill, font=font)
    return x1 - x0, y1 - y0


@lru_cache(maxsize=4)
def _page_image(pdf: str, page: int, scale: float):
    """The rendered page, shared by every crop and picture of it (callers copy before drawing on it)."""
    st = Path(pdf).stat()
    return _rendered(pdf, st.st_mtime_ns, st.st_size, page, scale)


@lru_cache(maxsize=8)
def _rendered(pdf: str, mtime_ns: int, size: int, page: int, scale: float):
    # A dossier crops every cell and figure of a report: without this each crop opened and rendered its whole page
    # again. Keyed by the file's mtime and size too, so a long-running Datasette never serves a replaced file's page.
    from ..readers.render import render_page

    return render_page(Path(pdf), page, scale)


def page_picture(pdf: Path, page: int, marks: list[Item], notes: list[str] = (), scale: float = SCALE):
    """Page `page` of the PDF with each item's box drawn and labelled `key = value`, under a band with the notes.

    One value is labelled beside its box; several (a finding's) are numbered on the page and listed in the band,
    since labels of neighbouring cells would cover each other.
    """
    from PIL import Image, ImageDraw

    page_img = _page_image(str(pdf), page, scale)
    size = max(12, int(7 * scale))
    on_page = [it for it in marks if any(int(b[0]) == page for b in it.boxes)]
    numbered = len(on_page) > 1
    lines = [n for n in notes if n]
    if numbered:
        lines += [f"{n}. {it.label()}" for n, it in enumerate(on_page, 1)]
    band = (size + 12) * len(lines) + (8 if lines else 0)
    img = Image.new("RGB", (page_img.width, page_img.height + band), "white")
    img.paste(page_img, (0, band))
    draw = ImageDraw.Draw(img)
    y = 6
    for line in lines:
        _text(draw, (8, y), line, size, bg=(255, 255, 255))
        y += size + 12
    for it in on_page:
        _highlight(img, [b for b in it.boxes if int(b[0]) == page], scale, band)
    draw = ImageDraw.Draw(img)
    for n, it in enumerate(on_page, 1):
        mine = [b for b in it.boxes if int(b[0]) == page]
        for b in mine:
            x0, y0, x1, y1 = (b[1] * scale, b[2] * scale + band, b[3] * scale, b[4] * scale + band)
            draw.rectangle((x0 - 2, y0 - 2, x1 + 2, y1 + 2), outline=BOX_COLOUR, width=max(2, int(scale)))
        x0, y0, y1 = mine[0][1] * scale, mine[0][2] * scale + band, mine[0][4] * scale + band
        tag = str(n) if numbered else it.label()
        above = y0 - size - 8
        _text(draw, (x0, above if above > band else y1 + 6), tag, size)
    return img


def _highlight(img, boxes: list[list[float]], scale: float, dy: float) -> None:
    """Tint the inside of each box as a highlighter would (the value stays readable under it)."""
    from PIL import Image

    for b in boxes:
        x0, y0, x1, y1 = (int(b[1] * scale), int(b[2] * scale + dy), int(b[3] * scale) + 1, int(b[4] * scale + dy) + 1)
        if x1 <= x0 or y1 <= y0:
            continue
        region = img.crop((x0, y0, x1, y1))
        img.paste(Image.blend(region, Image.new("RGB", region.size, HIGHLIGHT), 0.35), (x0, y0))


def crop(pdf: Path, it: Item, scale: float = SCALE):
    """The value's box and MARGIN points around it, boxed, from its page (None when it has no box)."""
    if not it.box:
        return None
    from PIL import ImageDraw

    page = int(it.box[0])
    img = _page_image(str(pdf), page, scale).copy()
    on = [b for b in it.boxes if int(b[0]) == page]
    x0 = max(0, min(b[1] for b in on) - MARGIN) * scale
    y0 = max(0, min(b[2] for b in on) - MARGIN / 2) * scale
    x1 = min(img.width, (max(b[3] for b in on) + MARGIN) * scale)
    y1 = min(img.height, (max(b[4] for b in on) + MARGIN / 2) * scale)
    _highlight(img, on, scale, 0)
    draw = ImageDraw.Draw(img)
    for b in on:
        draw.rectangle(tuple(v * scale for v in (b[1] - 2, b[2] - 2, b[3] + 2, b[4] + 2)), outline=BOX_COLOUR,
                       width=max(2, int(scale)))
    return img.crop((int(x0), int(y0), int(x1), int(y1)))


def stored_crop(path: str, fmt: str | None, box: list[float], box_more: list[list[float]] | None,
                box_source: str | None) -> bytes:
    """PNG crop of a stored box from the report's file (a Word file through its cached LibreOffice rendering)."""
    import io

    from ..data import cache_dir
    from ..readers.render import rendered_pdf

    pdf = Path(path)
    if box_source == BOX_RENDERED:
        pdf = rendered_pdf(pdf, fmt or "docx", cache_dir())
    it = Item("cell", 0, "", None, "", int(box[0]), box, box_more, box_source, None, "")
    buf = io.BytesIO()
    crop(pdf, it).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def snippet(src: Source, it: Item, context: int = 80) -> str:
    """HTML of the text around a value of a page-less file (web page, text), the value marked; the sentence else."""
    if src.text is not None and it.span:
        a, b = it.span
        lo = max(src.text.rfind("\n", 0, a) + 1, a - context)
        hi = src.text.find("\n", b)
        hi = min(hi if hi >= 0 else len(src.text), b + context)
        return (html.escape(src.text[lo:a]) + f"<mark>{html.escape(src.text[a:b])}</mark>"
                + html.escape(src.text[b:hi]))
    ctx = it.context or ""
    at = ctx.find(it.raw) if it.raw else -1
    if it.kind == "figure" and at >= 0:
        return (html.escape(ctx[:at]) + f"<mark>{html.escape(it.raw)}</mark>"
                + html.escape(ctx[at + len(it.raw):]))
    return f"{html.escape(ctx)}: <mark>{html.escape(it.raw or '(空)')}</mark>"


def rule_text(rule_id: str) -> str:
    """The catalogue's title of a rule, Chinese and English."""
    from ..audit.catalogue import rule

    try:
        r = rule(rule_id)
    except KeyError:
        return rule_id
    return f"{rule_id} {r.get('title_zh', '')} ({r.get('title_en', '')})"


def finding_notes(f: dict[str, Any]) -> list[str]:
    """What `show --findings` writes on the picture: the rule and the finding's arithmetic, in both languages."""
    return [rule_text(f.get("rule_id") or "?"), f.get("message_zh") or "", f.get("message_en") or ""]


def show(src: Source, keys: list[str], out: Path, findings: bool = False) -> list[Path]:
    """Pictures (PDF pages, PNG) or an HTML snippet page (web, text) of the values keys name; with findings, one
    picture per finding page with every value it involves, the rule and the arithmetic. Returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(src.report.source.get("path") or "report").stem
    groups: list[tuple[str, list[Item], list[str]]] = []
    extra: list[Path] = []
    if findings:
        for n, f in enumerate(x for x in src.report.findings if x.get("status") == "fail"):
            if keys and not set(keys) & set(map(str, f.get("keys") or [])) and f.get("rule_id") not in keys:
                continue
            its = finding_items(src.report, f)
            notes = finding_notes(f)
            if src.pdf is not None and not any(it.box for it in its):
                # A finding about the document's structure (a part missing, numbering skipped) boxes no value: its
                # page is drawn with the rule and the message, or it is named in a note when it has no page.
                page = f.get("page")
                if isinstance(page, int):
                    path = out / f"{stem}-finding{n + 1}-{f.get('rule_id')}-p{page}.png"
                    page_picture(src.pdf, page, [], notes + ["(no printed value to box)"]).save(path, optimize=True)
                    extra.append(path)
                else:
                    src.notes.append(f"finding {n + 1} ({rule_text(f.get('rule_id') or '?')}): no page and no value "
                                     f"to draw — {f.get('message_en') or f.get('message_zh')}")
                continue
            groups.append((f"{stem}-finding{n + 1}-{f.get('rule_id')}", its, notes))
        if not groups and not extra and not src.notes:
            raise UsageError(f"{src.report.source.get('path')}: no failed finding"
                             + (f" involves {', '.join(keys)}" if keys else ""))
    else:
        if not keys:
            raise UsageError("name at least one key (or use --findings)")
        groups = [(f"{stem}-{k.replace('/', '_')}", find(src.report, k), []) for k in keys]
    written: list[Path] = extra
    for name, its, notes in groups:
        if src.pdf is not None:
            written += _show_pages(src, name, its, notes, out)
        else:
            written.append(_show_html(src, name, its, notes, out))
    return written


def _show_pages(src: Source, name: str, its: list[Item], notes: list[str], out: Path) -> list[Path]:
    pages = sorted({int(b[0]) for it in its for b in it.boxes})
    lost = [it for it in its if not it.box]
    if not pages:
        raise UsageError(f"{src.report.source.get('path')}: no position is known for "
                         f"{', '.join(sorted({it.key for it in its})) or 'these values'}" + (f" ({'; '.join(src.notes)})" if src.notes else ""))
    written = []
    extra = [f"no position: {', '.join(it.key for it in lost)}"] if lost else []
    for page in pages:
        path = out / f"{name}-p{page}.png"
        page_picture(src.pdf, page, its, notes + extra).save(path, optimize=True)
        written.append(path)
    return written


def _show_html(src: Source, name: str, its: list[Item], notes: list[str], out: Path) -> Path:
    rows = "".join(f"<tr><th>{html.escape(it.label())}</th><td>{snippet(src, it)}</td></tr>" for it in its)
    head = "".join(f"<p>{html.escape(n)}</p>" for n in notes + src.notes if n)
    path = out / f"{name}.html"
    path.write_text(f"<!doctype html><html lang=zh><meta charset=utf-8><title>{html.escape(name)}</title>"
                    f"<style>{_CSS}</style><body>{head}<table>{rows}</table></body></html>\n", encoding="utf-8")
    return path


_CSS = ("body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC','Source Han Sans SC',sans-serif;margin:2em;"
        "max-width:60em}mark{background:#ffe066;outline:2px solid #dc143c}th{text-align:left;vertical-align:top;"
        "padding-right:1em}td,th{border-bottom:1px solid #ddd;padding:.3em}table{border-collapse:collapse}"
        "img{max-width:100%;border:1px solid #ccc}@media print{a{color:inherit;text-decoration:none}}")
