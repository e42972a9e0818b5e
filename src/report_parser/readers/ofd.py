"""Read OFD (GB/T 33190, the national fixed-layout format): text with page and position from each page's
content XML, ruled tables from its path objects, scanned page images through OCR.

The package is checked like a .docx before any XML is parsed (safety.check_zip_xml: zip bomb, corrupt zip,
DTD/entities), parts are parsed with the .docx reader's safe parser, and every BaseLoc is resolved inside
the package (one that climbs out of it is refused). Characters are placed from TextCode X/Y and DeltaX, so
the PDF reader's line, paragraph, heading and running-header logic reads them as it reads a PDF page.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from ..errors import InputError
from . import files
from ..model import TABLE, Block, Document, Provenance
from . import pdf as pdf_reader
from .normalize import normalise_blocks
from .ocr_grid import cluster

NS = "{http://www.ofdspec.org/2016}"
PT = 72 / 25.4  # OFD units are millimetres; blocks carry PDF points like the PDF reader's
MAX_PAGES = 500
MAX_OBJECTS = 100_000  # per page, as the PDF reader's per-page bound
TOL = 0.6  # mm: rule ends and cell edges this close are the same line


class _Pkg:
    """The checked zip: parts by name, parsed with the safe parser, BaseLocs resolved inside the package."""

    def __init__(self, path: Path, zf: zipfile.ZipFile):
        self.path, self.zf = path, zf
        self.names = set(zf.namelist())

    def resolve(self, base_dir: str, loc: str) -> str:
        """A part name from a BaseLoc relative to base_dir (or to the root when it starts with /)."""
        loc = (loc or "").strip().replace("\\", "/")
        joined = posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc))
        if joined.startswith("..") or joined.startswith("/") or re.match(r"^[A-Za-z]:", loc):
            raise InputError("NOT_A_DOCUMENT", f"{self.path.name}: the OFD refers to {loc!r}, outside its package "
                             "(path traversal); refused")
        return joined

    def read(self, name: str) -> bytes:
        """Member bytes; a missing member is NOT_A_DOCUMENT, damaged data CORRUPT_ZIP."""
        from .opc import read_member

        if name not in self.names:
            raise InputError("NOT_A_DOCUMENT", f"{self.path.name}: the OFD part {name} is missing")
        return read_member(self.path, self.zf, name)

    def xml(self, name: str):
        """A part parsed with the .docx reader's safe parser (no DTD, entities or network); malformed is CORRUPT_XML."""
        from .opc import parse_xml

        return parse_xml(self.path, self.read(name), f"the OFD part {name}")


def _floats(s: str | None) -> list[float]:
    out = []
    for t in (s or "").split():
        try:
            out.append(float(t))
        except ValueError:
            return []
    return out


def _deltas(s: str | None) -> list[float]:
    """DeltaX/DeltaY: numbers, with `g N v` meaning N copies of v (the standard's compressed form)."""
    toks = (s or "").split()
    out: list[float] = []
    i = 0
    while i < len(toks) and len(out) < 100_000:
        if toks[i] == "g" and i + 2 < len(toks):
            try:
                out += [float(toks[i + 2])] * min(int(toks[i + 1]), 100_000)
            except ValueError:
                return out
            i += 3
            continue
        try:
            out.append(float(toks[i]))
        except ValueError:
            return out
        i += 1
    return out


def _walk(layer):
    """Drawing objects of a layer in drawing order, PageBlocks flattened."""
    stack = [iter(layer)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        if not isinstance(el.tag, str):
            continue
        name = el.tag[len(NS):] if el.tag.startswith(NS) else el.tag
        if name == "PageBlock":
            stack.append(iter(el))
        elif name in ("TextObject", "PathObject", "ImageObject"):
            yield name, el


def _chars(el, fonts: dict[str, str]) -> list[dict]:
    """pdfplumber-like character dicts (points, top-down) of one TextObject."""
    box = _floats(el.get("Boundary"))
    if len(box) != 4:
        return []
    size = _floats(el.get("Size"))
    size = size[0] if size else 3.5
    font = fonts.get(el.get("Font", ""), el.get("Font"))
    out = []
    x = y = 0.0
    for code in el.iter(NS + "TextCode"):
        text = code.text or ""
        if code.get("X") is not None:
            x = (_floats(code.get("X")) or [x])[0]
        if code.get("Y") is not None:
            y = (_floats(code.get("Y")) or [y])[0]
        dx = _deltas(code.get("DeltaX"))
        dy = _deltas(code.get("DeltaY"))
        for i, ch in enumerate(text):
            width = dx[i] if i < len(dx) else (size if ord(ch) > 0x2E7F else size / 2)
            cx, cy = box[0] + x, box[1] + y
            out.append({"text": ch, "x0": cx * PT, "x1": (cx + min(width, size)) * PT, "top": (cy - size * 0.88) * PT,
                        "bottom": (cy + size * 0.12) * PT, "size": size * PT, "fontname": font})
            x += width
            y += dy[i] if i < len(dy) else 0.0
    return out


_CMD = re.compile(r"[A-Za-z]|[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?")


def _segments(el) -> list[tuple[float, float, float, float]]:
    """Axis-parallel line segments (x0, y0, x1, y1 in mm, page coordinates) a PathObject strokes."""
    box = _floats(el.get("Boundary"))
    if len(box) != 4 or (el.get("Stroke") or "true").lower() == "false":
        return []
    data = el.find(NS + "AbbreviatedData")
    toks = _CMD.findall(data.text or "") if data is not None else []
    segs, cur, start = [], None, None
    i = 0
    while i < len(toks) and len(segs) < 10_000:
        op = toks[i]
        i += 1
        if op in ("M", "S", "L"):
            try:
                p = (float(toks[i]), float(toks[i + 1]))
            except (ValueError, IndexError):
                break
            i += 2
            if op == "L" and cur is not None:
                segs.append((*cur, *p))
            else:
                start = p
            cur = p
        elif op == "C" and cur is not None and start is not None:
            segs.append((*cur, *start))
            cur = start
        elif op in ("Q", "B", "A"):
            n = {"Q": 4, "B": 6, "A": 7}[op]
            try:
                cur = (float(toks[i + n - 2]), float(toks[i + n - 1]))
            except (ValueError, IndexError):
                break
            i += n
    out = []
    for x0, y0, x1, y1 in segs:
        if abs(y1 - y0) <= TOL / 3 or abs(x1 - x0) <= TOL / 3:
            out.append((box[0] + min(x0, x1), box[1] + min(y0, y1), box[0] + max(x0, x1), box[1] + max(y0, y1)))
    return out


def _groups(segs: list[tuple]) -> list[list[tuple]]:
    """Segments that touch each other, as groups (one per ruled table)."""
    parent = list(range(len(segs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    order = sorted(range(len(segs)), key=lambda k: segs[k][1])
    for n, a in enumerate(order):
        ax0, ay0, ax1, ay1 = segs[a]
        for b in order[n + 1:]:
            bx0, by0, bx1, by1 = segs[b]
            if by0 > ay1 + TOL:
                break
            if bx0 <= ax1 + TOL and ax0 <= bx1 + TOL:
                parent[find(a)] = find(b)
    groups: dict[int, list[tuple]] = {}
    for k in range(len(segs)):
        groups.setdefault(find(k), []).append(segs[k])
    return list(groups.values())


class _Grid:
    """A ruled table from its segments: rows and columns between rules, merged where a rule is absent."""

    def __init__(self, segs: list[tuple]):
        hs = [s for s in segs if s[3] - s[1] <= TOL / 3 and s[2] - s[0] > TOL]
        vs = [s for s in segs if s[2] - s[0] <= TOL / 3 and s[3] - s[1] > TOL]
        self.ys, self.xs = cluster([s[1] for s in hs], TOL), cluster([s[0] for s in vs], TOL)
        self.hs, self.vs = hs, vs
        self.ok = len(self.ys) >= 2 and len(self.xs) >= 2
        self.bbox = (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]) if self.ok else None

    def _v_at(self, x: float, y: float) -> bool:
        return any(abs(s[0] - x) <= TOL and s[1] - TOL <= y <= s[3] + TOL for s in self.vs)

    def _h_at(self, y: float, x: float) -> bool:
        return any(abs(s[1] - y) <= TOL and s[0] - TOL <= x <= s[2] + TOL for s in self.hs)

    def regions(self) -> list[tuple[int, int, int, int]]:
        """Merged cells as (r0, r1, c0, c1), ends exclusive, in reading order."""
        nr, nc = len(self.ys) - 1, len(self.xs) - 1
        parent = list(range(nr * nc))

        def find(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for r in range(nr):
            ym = (self.ys[r] + self.ys[r + 1]) / 2
            for c in range(nc):
                xm = (self.xs[c] + self.xs[c + 1]) / 2
                if c + 1 < nc and not self._v_at(self.xs[c + 1], ym):
                    parent[find(r * nc + c)] = find(r * nc + c + 1)
                if r + 1 < nr and not self._h_at(self.ys[r + 1], xm):
                    parent[find(r * nc + c)] = find((r + 1) * nc + c)
        spans: dict[int, list[int]] = {}
        for k in range(nr * nc):
            r, c = divmod(k, nc)
            s = spans.setdefault(find(k), [r, r + 1, c, c + 1])
            s[0], s[1], s[2], s[3] = min(s[0], r), max(s[1], r + 1), min(s[2], c), max(s[3], c + 1)
        return sorted((tuple(s) for s in spans.values()), key=lambda s: (s[0], s[2]))


def _table_block(grid: _Grid, chars: list[dict], page_no: int) -> tuple[Block, list[dict]]:
    """The Table block of a grid and the characters it did not take."""
    regions = grid.regions()
    nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
    cells: dict[int, list[dict]] = {k: [] for k in range(len(regions))}
    rest = []
    for ch in chars:
        x, y = (ch["x0"] + ch["x1"]) / 2 / PT, (ch["top"] + ch["bottom"]) / 2 / PT
        hit = None
        if grid.bbox[0] <= x <= grid.bbox[2] and grid.bbox[1] <= y <= grid.bbox[3]:
            for k, (r0, r1, c0, c1) in enumerate(regions):
                if grid.xs[c0] <= x <= grid.xs[c1] and grid.ys[r0] <= y <= grid.ys[r1]:
                    hit = k
                    break
        if hit is None:
            rest.append(ch)
        else:
            cells[hit].append(ch)
    rows_raw = [[""] * nc for _ in range(nr)]
    covered = [[True] * nc for _ in range(nr)]
    boxes: list[list[tuple | None]] = [[None] * nc for _ in range(nr)]
    for k, (r0, r1, c0, c1) in enumerate(regions):
        rows_raw[r0][c0] = "\n".join(ln.text for ln in pdf_reader._lines(cells[k])) if cells[k] else ""
        covered[r0][c0] = False
        boxes[r0][c0] = (page_no, *(round(v * PT, 2) for v in (grid.xs[c0], grid.ys[r0], grid.xs[c1], grid.ys[r1])))
    bbox = tuple(round(v * PT, 2) for v in grid.bbox)
    block = Block(kind=TABLE, text="", raw="\n".join(" | ".join(r) for r in rows_raw),
                  prov=Provenance(page=page_no, bbox=bbox), rows=[["".join(v.split()) for v in r] for r in rows_raw],
                  rows_raw=rows_raw, covered=covered, row_pages=[page_no] * nr, cell_boxes=boxes)
    return block, rest


def _image(pkg: _Pkg, media: dict[str, str], el):
    """(PIL greyscale image, box in mm) of an ImageObject whose file is in the package, or None."""
    from PIL import Image

    from .ocr import MAX_SIDE

    box = _floats(el.get("Boundary"))
    name = media.get(el.get("ResourceID", ""))
    if len(box) != 4 or not name or box[2] <= 0 or box[3] <= 0:
        return None
    try:
        img = Image.open(io.BytesIO(pkg.read(name)))
        if img.size[0] * img.size[1] > MAX_SIDE * MAX_SIDE:
            return None  # a decompression-bomb image is not a page scan we can hold
        img.load()
    except InputError:
        raise
    except Exception:  # an undecodable image holds no text we can read: the page is reported as such
        return None
    return img.convert("L"), box


def _resources(pkg: _Pkg, doc_dir: str, root) -> tuple[dict[str, str], dict[str, str]]:
    """(multimedia id -> part name, font id -> font name) from the document's resource parts."""
    fonts: dict[str, str] = {}
    media: dict[str, str] = {}
    common = root.find(NS + "CommonData")
    for tag in ("PublicRes", "DocumentRes"):
        for el in (common.findall(NS + tag) if common is not None else []):
            name = pkg.resolve(doc_dir, el.text or "")
            res = pkg.xml(name)
            base = pkg.resolve(posixpath.dirname(name), res.get("BaseLoc") or "")
            for f in res.iter(NS + "Font"):
                fonts[f.get("ID", "")] = f.get("FontName") or f.get("FamilyName") or ""
            for m in res.iter(NS + "MultiMedia"):
                f = m.find(NS + "MediaFile")
                if f is not None and f.text:
                    media[m.get("ID", "")] = pkg.resolve(base, f.text.strip())
    return media, fonts


def read(path: Path, data: bytes, options: dict) -> Document:
    """Read an OFD package into a Document: per page text lines, ruled tables, OCR for scanned pages."""
    from .safety import check_zip_xml

    zf = check_zip_xml(path, data, required="OFD.xml", kind="an OFD document")
    pkg = _Pkg(path, zf)
    ofd = pkg.xml("OFD.xml")
    body = ofd.find(NS + "DocBody")
    root_el = body.find(NS + "DocRoot") if body is not None else None
    if root_el is None or not (root_el.text or "").strip():
        raise InputError("NOT_A_DOCUMENT", f"{path.name}: OFD.xml names no document (DocBody/DocRoot)")
    doc_name = pkg.resolve("", root_el.text)
    doc_dir = posixpath.dirname(doc_name)
    root = pkg.xml(doc_name)
    doc = Document(path=str(path), sha256=files.digest(data), format="ofd")
    info = body.find(NS + "DocInfo")
    title = info.findtext(NS + "Title") if info is not None else None
    if title and title.strip():
        doc.meta["title"] = title.strip()
    media, fonts = _resources(pkg, doc_dir, root)
    box = _floats(root.findtext(f"{NS}CommonData/{NS}PageArea/{NS}PhysicalBox"))
    width, height = (box[2], box[3]) if len(box) == 4 else (210.0, 297.0)
    max_pages = max(1, int(options.get("max_pages") or MAX_PAGES))
    page_els = root.findall(f"{NS}Pages/{NS}Page")
    pages: list[pdf_reader._PageText] = []
    ocr_pages = 0
    engines: dict[str, str] = {}
    for page_no, pel in enumerate(page_els[:max_pages], 1):
        content = pkg.xml(pkg.resolve(doc_dir, pel.get("BaseLoc") or ""))
        pbox = _floats(content.findtext(f"{NS}Area/{NS}PhysicalBox"))
        pw, ph = (pbox[2], pbox[3]) if len(pbox) == 4 else (width, height)
        chars, segs, images = [], [], []
        count = 0
        for layer in content.iter(NS + "Layer"):
            for kind, el in _walk(layer):
                count += 1
                if count > MAX_OBJECTS:
                    break
                if kind == "TextObject":
                    chars += _chars(el, fonts)
                elif kind == "PathObject":
                    segs += _segments(el)
                else:
                    images.append(el)
        if count > MAX_OBJECTS:
            doc.issues.append({"code": "PAGES_TRUNCATED", "page": page_no, "message": f"{path.name}: page {page_no} "
                               f"was not read: it draws more than {MAX_OBJECTS:,} objects"})
            continue
        tables = []
        for group in _groups(segs):
            grid = _Grid(group)
            if grid.ok and len(grid.ys) >= 2 and len(grid.xs) >= 3:
                block, chars = _table_block(grid, chars, page_no)
                tables.append(block)
        tables.sort(key=lambda b: b.prov.bbox[1])
        lines = pdf_reader._lines(chars)
        for ln in lines:
            ln.page = page_no  # the glyphs' page: figures' boxes name it
        pt = pdf_reader._PageText(page_no, ph * PT, pw * PT, lines, tables)
        if len(chars) < pdf_reader.SCAN_MAX_CHARS and not tables and images:
            scanned = _ocr_images(pkg, media, images, page_no, pw, ph, path, options, engines, doc)
            if scanned is not None:
                pt, ocr_pages = scanned, ocr_pages + 1
        pages.append(pt)
    doc.pages = len(page_els)
    if len(page_els) > max_pages:
        doc.issues.append({"code": "PAGES_TRUNCATED", "page": max_pages + 1, "message": f"{path.name}: only the "
                           f"first {max_pages} of {len(page_els)} pages were read (raise --max-pages to read more)"})
    if ocr_pages:
        doc.meta["ocr_pages"] = ocr_pages
        doc.meta["ocr_engines"] = engines
    blocks = pdf_reader._paragraphs(pages, pdf_reader._running_lines(pages))
    normalise_blocks(doc, blocks)
    return doc


def _ocr_images(pkg: _Pkg, media: dict[str, str], images: list, page_no: int, pw: float, ph: float,
                path: Path, options: dict, engines: dict, doc: Document):
    """The _PageText of a page that is a scanned image (the largest image, over half the page), or None."""
    best = None
    for el in images:
        got = _image(pkg, media, el)
        if got is not None and (best is None or got[1][2] * got[1][3] > best[1][2] * best[1][3]):
            best = got
    if best is None or best[1][2] * best[1][3] < 0.5 * pw * ph:
        return None
    img, box = best
    what = "only a scanned image"
    try:
        if not options.get("ocr", True):
            raise InputError("OCR_DISABLED", "OCR was turned off for this run")
        dpi = img.size[0] / (box[2] / 25.4)
        return pdf_reader.ocr_text(img, dpi, page_no, ph * PT, pw * PT, f"{path.name} page {page_no}", options,
                                   engines, offset=(box[0] * PT, box[1] * PT))
    except InputError as e:
        doc.issues.append(pdf_reader._unread_page_issue(path, page_no, what, e))
        return None
