"""Tables on one pdfplumber page, as Table blocks of the common Document."""
from __future__ import annotations


from .. import model
from .. import lazyre

# A cell that reads as a number or a null marker: what makes a line of words a table row.
_NUMERIC = lazyre.compile(r"^[+\-－]?\d[\d,，]*(?:\.\d+)?(?:万元|元|%)?$|^[-/—–－／无]{1,2}$")
# Words further apart than this many character heights sit in different columns, not in one phrase
# (justified Chinese prose spreads characters by about one height at most).
GAP = 1.6


def _cell_text(v: str | None) -> str:
    # pdfplumber joins wrapped lines with "\n"; the grid matcher joins them again, so keep raw here.
    return "" if v is None else str(v)


def _normalise(v: str) -> str:
    # Normalised cell text: line breaks and spaces inside CJK labels are typesetting, not content.
    return "".join(v.split())


def _prose_row(r: list) -> bool:
    # Some WPS/Word PDFs draw a frame round the whole page body, so the table finder returns prose lines
    # as one-cell rows spanning the frame. Those rows are prose the PDF reader must keep, unless they
    # are a table caption (第二十条第（N）项) whose table starts on the next rows or page.
    filled = [v for v in r if v not in (None, "")]
    if not filled:
        return True
    if len(filled) > 1 or r[0] in (None, ""):
        return False
    if any(v is not None for v in r[1:]):
        return False  # other cells exist (empty but not merged): a label row of a real grid
    return "第二十条" not in "".join(str(filled[0]).split())


def page_tables(page, page_no: int) -> list[model.Block]:
    """Table blocks (rows, raw rows, covered cells, bbox) found on one pdfplumber page."""
    blocks = ruled_tables(page, page_no)
    boxes = [b.prov.bbox for b in blocks]
    blocks += word_tables(page, page_no, boxes, start_index=len(blocks))
    blocks.sort(key=lambda b: b.prov.bbox[1])
    return blocks


def ruled_tables(page, page_no: int) -> list[model.Block]:
    """Tables drawn with rules, through pdfplumber's table finder."""
    blocks: list[model.Block] = []
    for t in page.find_tables():
        grid, boxes = t.extract(), [row.bbox for row in t.rows]
        frames = _frames([list(row.cells) for row in t.rows])
        # Prose rows split the grid: what lies between them are the real tables.
        start = 0
        for k in range(len(grid) + 1):
            if k == len(grid) or _prose_row(grid[k]):
                if k > start and max(len(r) for r in grid[start:k]) >= 2:
                    blocks.append(_ruled_block(grid[start:k], boxes[start:k], page_no, len(blocks),
                                               frames[start:k]))
                start = k + 1
    return blocks


def _frames(cells: list[list[tuple | None]]) -> list[list[tuple | None]]:
    """Each grid position's cell frame; a position a merged cell covers gets the frame of its anchor.

    pdfplumber gives the merged cell's box at its top-left and None at the positions it covers. The covered
    position's centre is found from the frames of its column (x) and of its row (y); the anchor is the frame
    that holds that centre.
    """
    frames = [b for row in cells for b in row if b is not None]

    def centre(boxes: list[tuple], lo: int, hi: int) -> float | None:
        return (min(b[lo] for b in boxes) + min(b[hi] for b in boxes)) / 2 if boxes else None

    width = max((len(r) for r in cells), default=0)
    xs = [centre([r[c] for r in cells if c < len(r) and r[c] is not None], 0, 2) for c in range(width)]
    ys = [centre([b for b in r if b is not None], 1, 3) for r in cells]
    out = [list(r) for r in cells]
    for r, row in enumerate(out):
        for c, box in enumerate(row):
            if box is None and xs[c] is not None and ys[r] is not None:
                x, y = xs[c], ys[r]
                row[c] = next((b for b in frames if b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)
    return out


def _ruled_block(grid: list[list], boxes: list[tuple], page_no: int, i: int,
                 frames: list[list[tuple | None]] | None = None) -> model.Block:
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    width = max(len(r) for r in grid)
    rows_raw: list[list[str]] = []
    covered: list[list[bool]] = []
    for r in grid:
        r = list(r) + [None] * (width - len(r))
        # pdfplumber gives the merged cell's value at its top-left and None in the cells it covers.
        rows_raw.append([_cell_text(v) for v in r])
        covered.append([v is None for v in r])
    return model.Block(
        kind=model.TABLE, text="", raw="\n".join(" | ".join(r) for r in rows_raw),
        prov=model.Provenance(page=page_no, index=i, bbox=tuple(float(x) for x in bbox)),
        rows=[[_normalise(v) for v in r] for r in rows_raw], rows_raw=rows_raw, covered=covered,
        row_pages=[page_no] * len(rows_raw),
        cell_boxes=[[_box(page_no, f[c]) if f and c < len(f) else None for c in range(width)]
                    for f in (frames or [[]] * len(rows_raw))],
    )


def _box(page_no: int, bbox: tuple | None) -> tuple[int, float, float, float, float] | None:
    return None if bbox is None else (page_no, *(round(float(x), 2) for x in bbox))


def _lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= max(2.0, 0.3 * (w["bottom"] - w["top"])):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(ln, key=lambda w: w["x0"]) for ln in lines]


def _cells(line: list[dict], gap: float = GAP) -> list[list[dict]]:
    # Words closer than `gap` heights belong to one cell (a label the finder split at a space).
    cells = [[line[0]]]
    for w in line[1:]:
        prev = cells[-1][-1]
        if w["x0"] - prev["x1"] > gap * (w["bottom"] - w["top"]):
            cells.append([w])
        else:
            cells[-1].append(w)
    return cells


def _tabular(line: list[dict]) -> bool:
    cells = _cells(line)
    return len(cells) >= 2 and any(_NUMERIC.match("".join(w["text"] for w in c)) for c in cells[1:])


def _all_numbers(line: list[dict]) -> bool:
    cells = _cells(line)
    return len(cells) >= 4 and all(_NUMERIC.match("".join(w["text"] for w in c)) for c in cells[1:])


def _wrapped_label(line: list[dict], label_end: float) -> bool:
    text = "".join(w["text"] for w in line)
    return len(_cells(line)) == 1 and max(w["x1"] for w in line) < label_end and "。" not in text


def _header_line(line: list[dict]) -> bool:
    text = "".join(w["text"] for w in line)
    return len(_cells(line, GAP / 3)) >= 2 and not _tabular(line) and "。" not in text and len(text) <= 80


def word_tables(page, page_no: int, boxes: list, start_index: int = 0) -> list[model.Block]:
    """Unruled or partly ruled tables, from word positions: runs of lines holding aligned numbers."""
    words = [w for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
             if not any(b[0] - 1 <= w["x0"] and w["x1"] <= b[2] + 1 and b[1] - 1 <= w["top"] and w["bottom"] <= b[3] + 1
                        for b in boxes)]
    lines = _lines(words)
    blocks: list[model.Block] = []
    i = 0
    while i < len(lines):
        if not _tabular(lines[i]):
            i += 1
            continue
        j = i
        cells0 = _cells(lines[i])
        label_end = min(w["x0"] for w in cells0[1]) if len(cells0) > 1 else 0.0
        while j < len(lines):
            if _tabular(lines[j]):
                j += 1
            elif j + 1 < len(lines) and _tabular(lines[j + 1]) and _wrapped_label(lines[j], label_end):
                j += 1  # a label wrapped onto a line of its own, between two table rows
            else:
                break
        # Header lines above the numbers: several cells (headers sit closer together than numbers),
        # no sentence, directly above the first row.
        h = i
        while h > 0 and i - h < 4 and _header_line(lines[h - 1]):
            h -= 1
        if j - i >= 2 or (h < i and j - i >= 1) or (j - i == 1 and i <= 1 and _all_numbers(lines[i])):
            # (the last: a table's last row carried over to the next page, alone under the running header)
            blocks.append(_grid_block(lines[h:j], lines[i:j], page_no, start_index + len(blocks)))
        i = j
    return blocks


def _grid_block(lines: list[list[dict]], value_lines: list[list[dict]], page_no: int, index: int) -> model.Block:
    # Columns are the x-extents of the value cells (numbers are aligned); the label column is what
    # lies left of the first value column. Header words join the column they overlap most.
    spans: list[list[float]] = []
    for ln in value_lines:
        for c in _cells(ln)[1:]:
            x0, x1 = min(w["x0"] for w in c), max(w["x1"] for w in c)
            for s in spans:
                if x0 <= s[1] and x1 >= s[0]:
                    s[0], s[1] = min(s[0], x0), max(s[1], x1)
                    break
            else:
                spans.append([x0, x1])
    spans.sort()
    first = spans[0][0] if spans else float("inf")
    rows: list[list[str]] = []
    cell_boxes: list[list[tuple | None]] = []
    for ln in lines:
        row = [""] * (len(spans) + 1)
        row_boxes: list[tuple | None] = [None] * (len(spans) + 1)
        for c in _cells(ln, GAP if _tabular(ln) else GAP / 3):
            x0, x1 = min(w["x0"] for w in c), max(w["x1"] for w in c)
            text = " ".join(w["text"] for w in c)
            if x1 <= first:
                k = 0
            else:
                overlap = [min(x1, s[1]) - max(x0, s[0]) for s in spans]
                mid = (x0 + x1) / 2
                k = 1 + max(range(len(spans)), key=lambda n: (overlap[n], -abs(mid - (spans[n][0] + spans[n][1]) / 2)))
            row[k] = (row[k] + " " + text).strip()
            old = row_boxes[k]
            row_boxes[k] = (x0, min(w["top"] for w in c), x1, max(w["bottom"] for w in c)) if old is None else (
                min(old[0], x0), min(old[1], min(w["top"] for w in c)), max(old[2], x1),
                max(old[3], max(w["bottom"] for w in c)))
        rows.append(row)
        cell_boxes.append([_box(page_no, b) for b in row_boxes])
    allw = [w for ln in lines for w in ln]
    bbox = (min(w["x0"] for w in allw), min(w["top"] for w in allw), max(w["x1"] for w in allw),
            max(w["bottom"] for w in allw))
    return model.Block(
        kind=model.TABLE, text="", raw="\n".join(" | ".join(r) for r in rows),
        prov=model.Provenance(page=page_no, index=index, bbox=bbox),
        rows=[[_normalise(v) for v in r] for r in rows], rows_raw=rows,
        covered=[[False] * len(r) for r in rows], row_pages=[page_no] * len(rows), cell_boxes=cell_boxes,
    )
