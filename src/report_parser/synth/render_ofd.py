"""Render a DocSpec as an OFD file (GB/T 33190): OFD.xml, Document.xml, Pages/Page_N/Content.xml.

The XML is written here directly (no library): text as TextObject with one TextCode per line and DeltaX
advances, tables as PathObject rectangles round each cell (merged cells are one rectangle), A4 pages in
millimetres, as OFD exporters of government systems write them.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from .spec import DocSpec, Table

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 28.0, 26.0, 37.0, 35.0
WIDTH = PAGE_W - LEFT - RIGHT
BODY, HEAD, TITLE, CELL = 4.2, 4.9, 7.7, 3.2  # font sizes in mm (12, 14, 22, 9 pt)
SONG, HEI = 2, 3  # font resource ids


def _advance(ch: str, size: float) -> float:
    """Width of one character: CJK and full-width characters are square, ASCII half as wide."""
    return size * 0.5 if ord(ch) < 0x2E80 and ch not in "“”‘’" else size


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") or "0"


@dataclass(eq=False)  # pages are told apart by identity
class _Page:
    objects: list[str] = field(default_factory=list)


class OfdWriter:
    """A minimal OFD package: pages of text lines, rectangles and lines, written as a zip."""

    def __init__(self, title: str = ""):
        self.title = title
        self.pages: list[_Page] = []
        self._id = 10
        self.images: dict[int, tuple[str, bytes]] = {}

    def _next(self) -> int:
        self._id += 1
        return self._id

    def page(self) -> _Page:
        """Start a new page and return it."""
        p = _Page()
        self.pages.append(p)
        return p

    def text(self, page: _Page, x: float, y: float, text: str, size: float = BODY, font: int = SONG) -> float:
        """Draw one line of text with its baseline at (x, y) mm; returns its width."""
        if not text:
            return 0.0
        adv = [_advance(c, size) for c in text]
        width = sum(adv)
        delta = " ".join(_num(a) for a in adv[:-1])
        page.objects.append(
            f'<ofd:TextObject ID="{self._next()}" Boundary="{_num(x)} {_num(y - size)} {_num(width + 1)} '
            f'{_num(size * 1.3)}" Font="{font}" Size="{_num(size)}"><ofd:TextCode X="0" Y="{_num(size)}"'
            + (f' DeltaX="{delta}"' if delta else "") + f">{escape(text)}</ofd:TextCode></ofd:TextObject>")
        return width

    def rect(self, page: _Page, x: float, y: float, w: float, h: float, width: float = 0.25) -> None:
        """Stroke a rectangle (a table cell) with its top-left corner at (x, y) mm."""
        page.objects.append(
            f'<ofd:PathObject ID="{self._next()}" Boundary="{_num(x)} {_num(y)} {_num(w)} {_num(h)}" '
            f'LineWidth="{_num(width)}"><ofd:AbbreviatedData>M 0 0 L {_num(w)} 0 L {_num(w)} {_num(h)} '
            f"L 0 {_num(h)} C</ofd:AbbreviatedData></ofd:PathObject>")

    def image(self, page: _Page, x: float, y: float, w: float, h: float, data: bytes, ext: str = "png") -> None:
        """Place an image file (PNG/JPEG bytes) in the box (x, y, w, h) mm."""
        rid = self._next()
        self.images[rid] = (f"image_{rid}.{ext}", data)
        page.objects.append(f'<ofd:ImageObject ID="{self._next()}" Boundary="{_num(x)} {_num(y)} {_num(w)} '
                            f'{_num(h)}" CTM="{_num(w)} 0 0 {_num(h)} 0 0" ResourceID="{rid}"/>')

    def parts(self) -> dict[str, bytes]:
        """Every member of the package: name -> bytes."""
        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
        out: dict[str, bytes] = {}
        out["OFD.xml"] = (head + f'<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
                          f"<ofd:DocInfo><ofd:DocID>0</ofd:DocID><ofd:Title>{escape(self.title)}</ofd:Title>"
                          "<ofd:Creator>report-parser synth</ofd:Creator></ofd:DocInfo>"
                          "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>").encode()
        pages = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(self.pages)))
        out["Doc_0/Document.xml"] = (
            head + f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{self._id}</ofd:MaxUnitID>'
            f"<ofd:PageArea><ofd:PhysicalBox>0 0 {_num(PAGE_W)} {_num(PAGE_H)}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
            f"</ofd:CommonData><ofd:Pages>{pages}</ofd:Pages></ofd:Document>").encode()
        out["Doc_0/PublicRes.xml"] = (
            head + f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
            f'<ofd:Font ID="{SONG}" FontName="宋体" FamilyName="宋体"/>'
            f'<ofd:Font ID="{HEI}" FontName="黑体" FamilyName="黑体"/></ofd:Fonts></ofd:Res>').encode()
        media = "".join(f'<ofd:MultiMedia ID="{rid}" Type="Image"><ofd:MediaFile>{escape(name)}</ofd:MediaFile>'
                        "</ofd:MultiMedia>" for rid, (name, _) in sorted(self.images.items()))
        out["Doc_0/DocumentRes.xml"] = (head + f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:MultiMedias>{media}'
                                        "</ofd:MultiMedias></ofd:Res>").encode()
        for rid, (name, data) in sorted(self.images.items()):
            out[f"Doc_0/Res/{name}"] = data
        for i, p in enumerate(self.pages):
            out[f"Doc_0/Pages/Page_{i}/Content.xml"] = (
                head + f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{self._next()}">'
                + "".join(p.objects) + "</ofd:Layer></ofd:Content></ofd:Page>").encode()
        return out

    def save(self, path: Path) -> None:
        """Write the package (fixed member dates, so the same document gives the same bytes)."""
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in self.parts().items():
                zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                            compress_type=zipfile.ZIP_DEFLATED)


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Lines of text that fit width mm; an ASCII run (a number like 3,280) is never split."""
    lines, cur, used = [], "", indent
    i = 0
    while i < len(text):
        j = i + 1
        if text[i].isascii() and not text[i].isspace():
            while j < len(text) and text[j].isascii() and not text[j].isspace():
                j += 1
        token = text[i:j]
        w = sum(_advance(c, size) for c in token)
        if cur and used + w > width:
            lines.append(cur)
            cur, used = "", 0.0
        cur += token
        used += w
        i = j
    if cur:
        lines.append(cur)
    return lines or [""]


class _Layout:
    def __init__(self, w: OfdWriter):
        self.w = w
        self.page = w.page()
        self.y = TOP

    def need(self, h: float) -> None:
        if self.y + h > PAGE_H - BOTTOM:
            self.page = self.w.page()
            self.y = TOP

    def lines(self, text: str, size: float, font: int, indent_chars: int = 0, align: str = "left") -> None:
        pitch = size * 1.6
        for k, line in enumerate(wrap(text, WIDTH, size, indent_chars * size)):
            self.need(pitch)
            lw = sum(_advance(c, size) for c in line)
            x = LEFT + (indent_chars * size if k == 0 else 0)
            if align == "center":
                x = LEFT + (WIDTH - lw) / 2
            elif align == "right":
                x = LEFT + WIDTH - lw
            self.w.text(self.page, x, self.y + size, line, size, font)
            self.y += pitch

    def table(self, t: Table) -> None:
        n = t.ncols
        # Column widths from the longest unmerged text of each column, at least 12 mm, scaled to the body.
        want = [12.0] * n
        for row in t.rows:
            for c, cell in enumerate(row):
                if cell is not None and cell.colspan == 1 and not cell.vertical:
                    want[c] = max(want[c], min(60.0, len(cell.text) * CELL + 3))
        scale = WIDTH / sum(want)
        xs = [LEFT]
        for v in want:
            xs.append(xs[-1] + v * scale)
        pitch = CELL * 1.3
        heights = [7.0] * len(t.rows)
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row):
                if cell is None or cell.rowspan > 1:
                    continue
                cw = xs[c + cell.colspan] - xs[c] - 2
                heights[r] = max(heights[r], len(wrap(cell.text, cw, CELL)) * pitch + 2.4)
        for r, row in enumerate(t.rows):  # a merged cell taller than its rows stretches its last row
            for c, cell in enumerate(row):
                if cell is None or cell.rowspan == 1:
                    continue
                cw = xs[c + cell.colspan] - xs[c] - 2
                need = (len(cell.text) * CELL * 1.15 if cell.vertical else len(wrap(cell.text, cw, CELL)) * pitch) + 2.4
                have = sum(heights[r:r + cell.rowspan])
                if need > have:
                    heights[r + cell.rowspan - 1] += need - have
        # Rows onto pages: a table that fits on a fresh page starts on one; a longer one breaks between rows,
        # a merged cell crossing the break is drawn on both pages with its text on the first only.
        if sum(heights) <= PAGE_H - TOP - BOTTOM:
            self.need(sum(heights))
        place: list[tuple[object, float]] = []
        for r in range(len(t.rows)):
            self.need(heights[r])
            place.append((self.page, self.y))
            self.y += heights[r]
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                span = range(r, r + cell.rowspan)
                x0, x1 = xs[c], xs[c + cell.colspan]
                first = True
                for page in dict.fromkeys(place[k][0] for k in span):
                    ks = [k for k in span if place[k][0] is page]
                    y0 = place[ks[0]][1]
                    h = place[ks[-1]][1] + heights[ks[-1]] - y0
                    self.w.rect(page, x0, y0, x1 - x0, h)
                    if first:
                        self._cell_text(page, cell, x0, y0, x1 - x0, h)
                    first = False
        self.y += 3

    def _cell_text(self, page, cell, x: float, y: float, w: float, h: float) -> None:
        if cell.vertical:
            chars = [ch for ch in cell.text if not ch.isspace()]
            top = y + (h - len(chars) * CELL * 1.15) / 2
            for k, ch in enumerate(chars):
                self.w.text(page, x + (w - CELL) / 2, top + (k + 1) * CELL * 1.15 - 0.3, ch, CELL, SONG)
            return
        pitch = CELL * 1.3
        lines = [ln for part in cell.text.split("\n") for ln in wrap(part, w - 2, CELL)]
        top = y + (h - len(lines) * pitch) / 2
        for k, line in enumerate(lines):
            lw = sum(_advance(ch, CELL) for ch in line)
            self.w.text(page, x + max(1.0, (w - lw) / 2), top + (k + 1) * pitch - 0.5, line, CELL, SONG)


def render(spec: DocSpec, path: Path) -> None:
    """Write spec as an OFD file at path."""
    w = OfdWriter(spec.title)
    lay = _Layout(w)
    for b in spec.blocks:
        if b.kind == "title":
            lay.lines(b.text, TITLE, HEI, align="center")
            lay.y += 4
        elif b.kind == "heading":
            lay.lines(b.text, HEAD, HEI)
        elif b.kind == "subheading":
            lay.lines(b.text, BODY, HEI, indent_chars=2)
        elif b.kind == "table":
            lay.table(b.table)
        elif b.kind == "signature":
            lay.lines(b.text, BODY, SONG, align="right")
        else:
            lay.lines(b.text, BODY, SONG, indent_chars=2)
    for n, page in enumerate(w.pages, 1):  # the page number in the footer band, as printed reports have
        label = f"- {n} -"
        w.text(page, (PAGE_W - len(label) * BODY * 0.5) / 2, PAGE_H - 20, label, BODY, SONG)
    w.save(path)
