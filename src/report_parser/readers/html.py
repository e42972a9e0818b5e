"""HTML reader: a report page saved from a government site → Document (site chrome dropped, tables as grids)."""
from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import data as _data
from ..errors import InputError
from . import files
from ..model import HEADING, PARAGRAPH, TABLE, Block, Document, Provenance
from .normalize import join_lines, normalise_blocks
from .normalize import normalize as normalise_text
from .. import lazyre

# Tags that end a line of text: their content is a paragraph of its own.
_BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd section article aside main center blockquote pre address figure figcaption "
    "tr td th tbody thead tfoot caption table h1 h2 h3 h4 h5 h6 hr body html".split())
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_WS = lazyre.compile(r"[ \t\r\n\f\v]+")
_BLANKS = lazyre.compile(r"\s+")  # (Unicode: also U+3000 and no-break spaces)
_NL = lazyre.compile(r"[\r\n]+")
_SPACES = lazyre.compile(r"\s")
_CJK_RE = lazyre.compile("[\u4e00-\u9fff]")
# Charset names that pages declare for Chinese text; GB18030 decodes all of them (it is their superset).
_GB_ALIASES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "ms936", "euc-cn", "x-euc-cn",
               "hz-gb-2312", "gb18030", "csgb2312"}
_META_CHARSET = lazyre.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""", re.I)
_XML_ENCODING = lazyre.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:\-]{2,40})""", re.I)

# Limits that keep a hostile page bounded: libxml2 itself stops at depth 256; a table grid is capped so a
# rowspan/colspan of 65534 cannot allocate millions of cells.
MAX_COLS = 256
MAX_ROWSPAN_CELLS = 200_000
LAYOUT_CELL_CHARS = 300  # a cell this long holds page flow, not a statistic: the table is layout


@lru_cache(maxsize=1)
def _conf() -> dict[str, Any]:
    c = dict(_data.load("html.yaml"))
    c["chrome_lines_re"] = [lazyre.compile(p) for p in c["chrome_lines"]]
    labels = "|".join("[ \u3000\u00a0]*".join(map(re.escape, label))
                      for label in sorted(c["meta_labels"], key=len, reverse=True))
    c["meta_label_re"] = lazyre.compile("(" + labels + r")\s*[:：\t]\s*")
    c["meta_start_re"] = lazyre.compile("^(" + labels + r")\s*[:：]")
    c["meta_title_row_re"] = lazyre.compile(c["meta_title_row"])
    c["publisher_labels"] = _data.load("metadata.yaml")["publisher_labels"]
    return c


def decode(data: bytes) -> tuple[str, str]:
    """Decode page bytes: BOM first, then a declared charset that actually decodes, then detection."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                     (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace"), enc
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m:
        declared = m.group(1).decode("ascii").lower()
        enc = "gb18030" if declared in _GB_ALIASES else declared
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass  # pages lie about their charset (a GBK file declaring utf-8): fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        enc = "gb18030" if best.encoding.lower() in _GB_ALIASES else best.encoding
        return data.decode(enc, errors="replace"), enc
    # Chinese government pages that are neither UTF-8 nor detectable are almost always GBK.
    return data.decode("gb18030", errors="replace"), "gb18030"


def _classid(el) -> str:
    return (str(el.get("class") or "") + " " + str(el.get("id") or "")).lower()


def _is_chrome(el, conf) -> bool:
    ci = _classid(el)
    if not ci.strip():
        return False
    if any(k in ci for k in conf["keep_class_id"]):
        return False
    # Whole-word-ish match on class/id tokens so "foot" drops "foot_wrap" but "zoom" is never chrome.
    return any(frag in ci for frag in conf["chrome_class_id"])


def _text(el) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip()


class _Stats:
    """Text sizes of every element (non-space chars, CJK chars, chars inside links, link count), computed
    bottom-up in one pass. Why: asking each element for its subtree text is quadratic in nesting depth;
    a 250-deep, 5 MB page took 220 s that way."""

    def __init__(self, root):
        self.of: dict[Any, tuple[int, int, int, int]] = {}
        for el in reversed(list(root.iter())):  # pre-order reversed: children come before parents
            if not isinstance(el.tag, str):
                continue
            chars, cjk = _sizes(el.text)
            link_chars, links = 0, 0
            for child in el:
                c = self.of.get(child, (0, 0, 0, 0))
                tc, tk = _sizes(child.tail)
                chars, cjk = chars + c[0] + tc, cjk + c[1] + tk
                link_chars, links = link_chars + c[2], links + c[3]
            if el.tag == "a":
                link_chars, links = chars, links + 1
            self.of[el] = (chars, cjk, link_chars, links)

    def chars(self, el) -> int:
        """Non-space characters of the element's text."""
        return self.of.get(el, (0, 0, 0, 0))[0]

    def cjk(self, el) -> int:
        """CJK ideographs of the element's text."""
        return self.of.get(el, (0, 0, 0, 0))[1]

    def link_dense(self, el) -> bool:
        """A block that is mostly links (a menu, a list of related articles) is navigation, not report text."""
        chars, _, link_chars, links = self.of.get(el, (0, 0, 0, 0))
        return links >= 3 and chars > 0 and link_chars / chars > 0.7


def _sizes(s: str | None) -> tuple[int, int]:
    if not s:
        return 0, 0
    return len(s) - len(_SPACES.findall(s)), len(_CJK_RE.findall(s))


def _parse_meta_pairs(text: str, conf) -> dict[str, str]:
    """The label: value pairs of a metadata block's text (_meta_text: cells set apart by tabs, rows by line breaks)."""
    out: dict[str, str] = {}
    marks = list(conf["meta_label_re"].finditer(text))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        # a value ends with its row: the row after it may hold no label at all (the report's title)
        value = text[m.end():end].lstrip(" \t\n|｜").split("\n", 1)[0]
        value = _WS.sub(" ", value).strip(" \t|｜;；")
        key = _BLANKS.sub("", m.group(1))  # 索 引 号 is 索引号
        if value and key not in out:
            out[key] = value
    # a row holding no label but a report's title (the grid prints the title in a row of its own)
    for row in text.split("\n"):
        if conf["meta_label_re"].search(row):
            continue
        row = _WS.sub(" ", row).strip(" \t|｜")
        if conf["meta_title_row_re"].search(row) and not any(out.get(k) for k in conf["title_labels"]):
            out["标题"] = row
    return out


def _meta_text(el) -> str:
    # Cells and spans are separated by tabs so "索引号 | xxx" pairs without a colon still split.
    parts = []
    for node in el.iter():
        if node.tag == "tr":
            parts.append("\n")
        elif node.tag in ("td", "th", "span", "li", "dt", "dd", "p", "div", "br"):
            parts.append("\t")
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _is_meta_block(el, conf, stats: _Stats) -> bool:
    if stats.chars(el) > 600:  # cheap bound first: only small elements are read
        return False
    text = _text(el)
    if not text or len(text) > 600:
        return False
    labels = {_BLANKS.sub("", m.group(1)) for m in conf["meta_label_re"].finditer(_meta_text(el))}
    # Each pair of a metadata block is short; a wrapper holding a short article and its
    # "来源：… 发布时间：…" line has far more text per label and is not itself metadata.
    if len(labels) >= 2 and len(text) / len(labels) < 60:
        return True
    # A lone "发布日期：2018-03-20" line above the body.
    return len(text) < 60 and bool(conf["meta_start_re"].match(text))


def _strip_chrome(root, conf, page_meta: dict[str, str]) -> None:
    """Remove site chrome in place, keeping the metadata block's pairs in page_meta."""
    drop = set(conf["drop_tags"])
    stats = _Stats(root)
    doomed = []
    stack = [root]
    while stack:  # iterative walk: no recursion on deep pages
        el = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if el is not root and (not tag or tag.lower() in drop or _is_chrome(el, conf)):
            doomed.append(el)
            continue
        if tag in ("table", "div", "ul", "dl", "p", "span", "section") and _is_meta_block(el, conf, stats):
            for k, v in _parse_meta_pairs(_meta_text(el), conf).items():
                page_meta.setdefault(k, v)
            doomed.append(el)
            continue
        if tag in ("ul", "ol", "div", "td", "dl", "section", "aside", "p") and stats.link_dense(el):
            doomed.append(el)
            continue
        stack.extend(el)
    for el in doomed:
        _drop(el)


def _drop(el) -> None:
    """Remove an element but keep its tail text (which belongs to the parent's flow)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _content_root(body, conf):
    """The CMS's article container when one holds most of the page's text, else the body."""
    stats = _Stats(body)  # after chrome removal
    total = stats.cjk(body)
    if not total:
        return body
    tagged = [(el, _classid(el)) for el in body.iter()
              if isinstance(el.tag, str) and (el.get("class") or el.get("id"))]
    for frag in conf["content_class_id"]:
        cands = [el for el, ci in tagged if frag in ci]
        if not cands:
            continue
        best = max(cands, key=stats.cjk)
        if stats.cjk(best) >= 0.5 * total:
            return best
    return body


def _title_outside(root, body):
    """A page title (h1 / .title) printed above the article container, if the container excludes it."""
    if root is body:
        return None
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "h1" or (el.tag in ("div", "p", "h2", "span") and lazyre.compile(r"(^|[\s_-])(title|bt)([\s_-]|$)").search(_classid(el))):
            if el is root or any(a is root for a in el.iterancestors()):
                return None
            t = _text(el)
            if t:
                return t
    return None


def _is_layout_table(table) -> bool:
    if table.find(".//table") is not None:
        return True
    cells = [c for c in table.iter("td", "th")]
    if len(cells) <= 1:
        return True
    return any(len(_text(c)) > LAYOUT_CELL_CHARS for c in cells)


def _own_rows(table):
    rows = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if isinstance(r.tag, str) and r.tag == "tr")
    return rows


def _span(el, name: str, default: int = 1) -> int:
    m = lazyre.compile(r"\s*(\d+)").match(str(el.get(name) or ""))
    return int(m.group(1)) if m else default


def _cell_raw(cell) -> str:
    parts = []
    for node in cell.iter():
        if node.tag == "br":
            parts.append("\n")
        elif node.tag in ("p", "div") and node is not cell:
            parts.append("\n")
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        if node is not cell and node.tail:
            parts.append(node.tail)
    lines = [_WS.sub(" ", s).strip() for s in "".join(parts).split("\n")]
    return "\n".join(x for x in lines if x)


def table_grid(table) -> tuple[list[list[str]], list[list[bool]], bool]:
    """(raw grid, covered mask, truncated) of an HTML table with rowspan/colspan resolved."""
    trs = _own_rows(table)
    n = len(trs)
    grid: dict[tuple[int, int], tuple[str, bool]] = {}
    width = 0
    truncated = False
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            cs = max(1, min(_span(cell, "colspan"), MAX_COLS))
            rs = _span(cell, "rowspan")
            rs = n - r if rs == 0 else max(1, min(rs, n - r))  # rowspan=0 means "to the end of the table"
            raw = _cell_raw(cell)
            for dr in range(rs):
                for dc in range(cs):
                    if c + dc >= MAX_COLS or len(grid) >= MAX_ROWSPAN_CELLS:
                        truncated = True
                        continue
                    grid.setdefault((r + dr, c + dc), (raw, dr > 0 or dc > 0))
            width = max(width, min(c + cs, MAX_COLS))
            c += cs
    rows = [[grid.get((r, c), ("", False))[0] for c in range(width)] for r in range(n)]
    covered = [[grid.get((r, c), ("", False))[1] for c in range(width)] for r in range(n)]
    return rows, covered, truncated


class _Flow:
    """Collects the page's blocks in reading order (raw text only; normalised in one pass at the end)."""

    def __init__(self, conf):
        self.conf = conf
        self.items: list[dict[str, Any]] = []
        self.buf: list[str] = []

    def add(self, s: str | None) -> None:
        if s:
            self.buf.append(s)

    def flush(self) -> None:
        # A line break in the page source is layout of the HTML file, not text: join like wrapped lines
        # (no space at a CJK boundary), so "信息\n  265条" reads 信息265条.
        raw = join_lines([_WS.sub(" ", s) for s in _NL.split("".join(self.buf))]).strip(" \u00a0\u3000\t")
        self.buf = []
        if not raw:
            return
        if len(raw) < 100 and any(p.match(raw) for p in self.conf["chrome_lines_re"]):
            return
        self.items.append({"kind": PARAGRAPH, "raw": raw})

    def heading(self, raw: str, level: int) -> None:
        self.flush()
        if raw:
            self.items.append({"kind": HEADING, "raw": raw, "level": level})

    def image(self, src: str | None) -> None:
        self.flush()
        if src:
            self.items.append({"kind": "image", "src": src})

    def table(self, el) -> None:
        self.flush()
        cap = el.find("caption")
        if cap is not None and _text(cap):
            self.items.append({"kind": PARAGRAPH, "raw": _text(cap)})
        rows, covered, truncated = table_grid(el)
        if any(any(x for x in row) for row in rows):
            self.items.append({"kind": TABLE, "rows_raw": rows, "covered": covered, "truncated": truncated})


def _walk(root, flow: _Flow) -> None:
    """Turn the content tree into blocks, iteratively (an explicit stack, never recursion)."""
    stack: list[tuple[bool, Any]] = [(True, root)]
    while stack:
        opening, el = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not opening:
            if tag in _BLOCK_TAGS:
                flow.flush()
            flow.add(el.tail)
            continue
        if tag == "br":
            flow.flush()
            flow.add(el.tail)
            continue
        if tag in _HEADINGS:
            flow.heading(_text(el), _HEADINGS[tag])
            flow.add(el.tail)
            continue
        if tag == "table" and not _is_layout_table(el):
            flow.table(el)
            flow.add(el.tail)
            continue
        if tag == "caption":
            continue
        if tag == "img":
            flow.image(el.get("src"))
            flow.add(el.tail)
            continue
        if tag in _BLOCK_TAGS:
            flow.flush()
        if tag:
            flow.add(el.text)
        stack.append((False, el))
        stack.extend((True, child) for child in reversed(el))
    flow.flush()


def _html_meta(tree, conf) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in tree.iter("meta"):
        name = str(m.get("name") or "")
        key = conf["meta_tags"].get(name)
        content = _WS.sub(" ", str(m.get("content") or "")).strip()
        if key and content:
            out[key] = content
    return out


# A page whose own text is shorter than this is a report published as pictures: its images are read as
# pages even without a ruled table in them. On other pages only images holding a ruled table are read, so a
# photo or banner in the article body adds no OCR noise.
IMAGE_PAGE_CHARS = 200


def _image_blocks(path: Path, items: list[dict], options: dict, resources: dict | None,
                  issues: list[dict], engines: dict[str, str]) -> dict[int, list[Block]]:
    """OCR'd blocks of the page's local images, by item index (tables and, on picture pages, text lines)."""
    from . import html_images

    images = [(i, it) for i, it in enumerate(items) if it["kind"] == "image"]
    if not images or not options.get("ocr", True):
        return {}
    own = sum(len(it.get("raw") or "") + sum(len(c) for r in it.get("rows_raw") or [] for c in r) for it in items)
    out: dict[int, list[Block]] = {}
    for i, it in images:
        data = html_images.image_bytes(it["src"], path, resources)
        img = html_images.decode(data) if data else None
        if img is None:
            continue
        from .ocr_grid import find_grids
        from .ocr_page import _has_cv2, read_image

        grids = find_grids(img, html_images.OCR_DPI) if _has_cv2() else []
        if not grids and own >= IMAGE_PAGE_CHARS:
            continue
        label = f"{path.name} image {it['src'][:60]}"
        try:
            got = read_image(img, html_images.OCR_DPI, None, label, options.get("ocr_engine"), grids=grids)
        except InputError as e:
            issues.append({"code": "READER_WARNING", "page": None,
                           "message": f"{path.name}: an image in the report body was not read ({e.message})"})
            continue
        for kind, version in got.engines.items():
            engines.setdefault(kind, version)
        blocks = []
        for b in got.lines:
            blocks.append(Block(kind=PARAGRAPH, text=b.text, raw=b.text,
                                prov=Provenance(ocr=True, ocr_engine=got.engines.get("prose"))))
        for t in got.tables:
            t.row_pages = [None] * len(t.rows or [])
        # Lines and tables in their order in the image.
        order = [(b.top, 0, blk) for b, blk in zip(got.lines, blocks)] + [(t.prov.bbox[1], 1, t) for t in got.tables]
        out[i] = [blk for _, _, blk in sorted(order, key=lambda x: (x[0], x[1]))]
    return out


def read(path: Path, data: bytes, options: dict, resources: dict[str, bytes] | None = None) -> Document:
    """Read an HTML page into a Document; the 索引号/发布机构 block goes to meta["page_meta"].

    Images in the report body are OCR'd when their bytes are local (resources: an MHTML archive's parts).
    """
    import lxml.etree
    import lxml.html

    conf = _conf()
    text, encoding = decode(data)
    # The HTML parser never loads a DTD, never fetches (no_network) and does not expand custom entities.
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, encoding=None)
    try:
        tree = lxml.html.document_fromstring(text.replace("\x00", ""), parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise InputError("HTML_EMPTY", f"{path.name}: the page has no readable HTML content ({e})") from e
    for err in parser.error_log:
        if err.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in err.message:
            raise InputError("TOO_DEEP", f"{path.name}: the page nests elements deeper than the HTML parser's "
                                         f"limit of 256, so its text cannot be read reliably")
    page_meta = _html_meta(tree, conf)
    title_el = tree.find(".//title")
    html_title = _text(title_el) if title_el is not None else ""
    body = tree.find(".//body")
    if body is None:
        body = tree
    _strip_chrome(body, conf, page_meta)
    root = _content_root(body, conf)
    flow = _Flow(conf)
    title = _title_outside(root, body)
    if title:
        flow.heading(title, 1)
    _walk(root, flow)

    blocks: list[Block] = []
    issues: list[dict[str, Any]] = []
    engines: dict[str, str] = {}
    pictures = _image_blocks(path, flow.items, options, resources, issues, engines)
    for i, it in enumerate(flow.items):
        prov = Provenance(page=None, index=i)
        if it["kind"] == "image":
            for b in pictures.get(i, []):
                b.prov.index = i
                blocks.append(b)
            continue
        if it["kind"] == TABLE:
            rows_raw = it["rows_raw"]
            blocks.append(Block(kind=TABLE, text="", raw="\n".join(" | ".join(r) for r in rows_raw), prov=prov,
                                rows=[list(r) for r in rows_raw], rows_raw=rows_raw, covered=it["covered"],
                                row_pages=[None] * len(rows_raw)))
            if it["truncated"]:
                issues.append({"code": "READER_WARNING", "page": None,
                               "message": f"{path.name}: table {i} spans more than {MAX_COLS} columns or "
                                          f"{MAX_ROWSPAN_CELLS} cells; the grid was cut at that size"})
        else:
            blocks.append(Block(kind=it["kind"], text=it["raw"], raw=it["raw"], prov=prov, level=it.get("level")))
    doc = Document(path=str(path), sha256=files.digest(data), format="html", pages=None,
                   issues=issues)
    normalise_blocks(doc, blocks)  # NFKC, CJK joins and the document-wide t2s decision (meta["converted"])
    doc.blocks = [b for b in doc.blocks if b.kind == TABLE or b.text]
    if pictures:
        doc.meta["ocr_images"] = sum(1 for v in pictures.values() if v)
        doc.meta["ocr_engines"] = engines
    if not doc.blocks:
        raise InputError("HTML_EMPTY", f"{path.name}: the page holds no text once site navigation is removed")
    doc.meta.update({"encoding": encoding, "page_meta": page_meta, "html_title": html_title})
    # The page title for the metadata stage: the CMS's ArticleTitle, else <title> without the site name
    # that sites append ("…年度报告_某某县人民政府").
    conf = _conf()
    title = next((page_meta[k] for k in conf["title_labels"] if page_meta.get(k)), None) \
        or lazyre.compile(r"\s*[_|｜]\s*|\s+-\s+").split(html_title)[0]
    if title:
        doc.meta["title"] = normalise_text(title)
    publisher = next((page_meta[k] for k in conf["publisher_labels"] if page_meta.get(k)), None)
    if publisher:
        doc.meta["publisher"] = publisher
    for k in ("发布日期", "发文日期", "发布时间", "成文日期"):
        if page_meta.get(k):
            doc.meta["published"] = page_meta[k]
            break
    return doc
