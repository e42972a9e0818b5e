"""Random template tables that obey the cross-checks, as grids with merges, and their flattened-text forms."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from report_parser.extract import skeleton


@dataclass
class Grid:
    """A printed table: n_rows × n_cols with merged anchors (r, c, rowspan, colspan, text)."""

    n_cols: int
    cells: list[tuple[int, int, int, int, str]] = field(default_factory=list)
    n_rows: int = 0

    def add_row(self, *spans: tuple[int, int, str], rowspan: dict[int, int] | None = None) -> None:
        """Append one row; spans are (col, colspan, text); rowspan maps a col to its row span."""
        for c, cs, text in spans:
            self.cells.append((self.n_rows, c, (rowspan or {}).get(c, 1), cs, text))
        self.n_rows += 1

    def matrix(self) -> list[list[tuple[str, bool]]]:
        """(text, covered) per position; covered positions are copies of a merged anchor."""
        m = [[("", False)] * self.n_cols for _ in range(self.n_rows)]
        for r, c, rs, cs, text in self.cells:
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    m[rr][cc] = (text, (rr, cc) != (r, c))
        return m


def printed_rows(template: str) -> list:
    """The s3 rows the official template prints (no group subtotals; gb2019 prints （六） as one row)."""
    return [r for r in skeleton.skeletons()[template]["s3"].rows
            if not r.key.endswith(".total") or (template == "gb2019" and r.key == "other_handling.total")]


def _num(rng: random.Random, hi: int = 30) -> int:
    return rng.choice([0, 0, rng.randint(0, hi), rng.randint(0, 9)])


def values(template: str, rng: random.Random, digits: int | None = None) -> dict[str, str]:
    """Printed values for every printed cell key, obeying domain §4 (digits=1 keeps numbers single-digit)."""
    sk = skeleton.skeletons()[template]
    hi = 9 if digits == 1 else 300
    out: dict[str, str] = {}
    for tkey, t in sk.items():
        if tkey.startswith("s2"):
            for r in t.rows:
                for c in t.cols:
                    v = str(rng.randint(0, hi))
                    if c.key == "items_delta" and digits != 1:
                        v = rng.choice(["+", "-", ""]) + v if v != "0" else v
                    if c.key == "fee_amount_wan" and digits != 1:
                        v = f"{rng.randint(0, 999)}.{rng.randint(0, 9999):04d}"
                    out[t.cell_key(r.key, c.key)] = v
    s3 = sk["s3"]
    results = [r.key for r in printed_rows(template)
               if r.key not in ("new_received", "carry_over", "result_total", "carry_forward")]
    cols = [c.key for c in s3.cols if c.key != "total"]
    lim = 1 if digits == 1 else 30
    for c in cols:
        res = {k: _num(rng, lim) for k in results}
        if digits == 1:  # keep every sum a single digit: at most three results of 1
            res = {k: 0 for k in results} | {k: 1 for k in rng.sample(results, rng.randint(0, 3))}
        total = sum(res.values())
        fwd = rng.randint(0, 1) if digits == 1 else _num(rng, lim)
        over = rng.randint(0, min(total + fwd, lim))
        col = {**res, "result_total": total, "carry_forward": fwd, "carry_over": over,
               "new_received": total + fwd - over}
        for k, v in col.items():
            out[f"s3.{k}.{c}"] = str(v)
    for k in ["new_received", "carry_over", *results, "result_total", "carry_forward"]:
        out[f"s3.{k}.total"] = str(sum(int(out[f"s3.{k}.{c}"]) for c in cols))
    if digits == 1:  # single digits everywhere: only natural persons apply, so totals stay small
        for k in list(out):
            if k.startswith("s3.") and not k.endswith((".natural_person", ".total")):
                out[k] = "0"
        for k in ["new_received", "carry_over", *results, "result_total", "carry_forward"]:
            out[f"s3.{k}.total"] = out[f"s3.{k}.natural_person"]
    for g in ("review", "litigation_direct", "litigation_after_review"):
        parts = [rng.randint(0, 2) if digits == 1 else _num(rng, 20) for _ in range(4)]
        for c, v in zip(("upheld", "corrected", "other_result", "pending", "total"), parts + [sum(parts)]):
            out[f"s4.{g}.{c}"] = str(v)
    return out


def expected(template: str, vals: dict[str, str]) -> dict[str, str]:
    """Exact values the parser must return (printed sign `+` dropped, numbers as printed otherwise)."""
    return {k: v.lstrip("+") for k, v in vals.items()}


def grids(template: str, vals: dict[str, str]) -> list[Grid]:
    """The three printed tables (s2, s3, s4) with the template's merged cells."""
    sk = skeleton.skeletons()[template]
    s2 = Grid(4)
    for tkey, t in sk.items():
        if not tkey.startswith("s2"):
            continue
        s2.add_row((0, 4, t.anchors[0]))
        cols = t.cols
        width = [1] * (len(cols) - 1) + [4 - len(cols)]
        spans, c = [(0, 1, "信息内容")], 1
        for col, w in zip(cols, width):
            spans.append((c, w, col.labels[0]))
            c += w
        s2.add_row(*spans)
        for r in t.rows:
            spans, c = [(0, 1, r.labels[0])], 1
            for col, w in zip(cols, width):
                spans.append((c, w, vals[t.cell_key(r.key, col.key)]))
                c += w
            s2.add_row(*spans)
    s3t = sk["s3"]
    s3 = Grid(10)
    s3.add_row((0, 3, s3t.anchors[0]), (3, 7, "申请人情况"), rowspan={0: 3})
    s3.add_row((3, 1, "自然人"), (4, 5, "法人或其他组织"), (9, 1, "总计"), rowspan={3: 2, 9: 2})
    s3.add_row(*[(4 + i, 1, lab) for i, lab in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])])
    cols = [c.key for c in s3t.cols]

    def vcells(key: str) -> list[tuple[int, int, str]]:
        return [(3 + i, 1, vals[f"s3.{key}.{c}"]) for i, c in enumerate(cols)]

    rows = printed_rows(template)
    result_rows = [r for r in rows if r.key not in ("new_received", "carry_over", "carry_forward")]
    seen_groups: set[str] = set()
    for r in rows:
        if r.key in ("new_received", "carry_over", "carry_forward"):
            s3.add_row((0, 3, r.labels[0]), *vcells(r.key))
            continue
        first = r is result_rows[0]
        lead = [(0, 1, "三、本年度办理结果")] if first else []
        span = {0: len(result_rows)} if first else {}
        group = r.key.split(".")[0] if "." in r.key else None
        if group and group in s3t.groups and r.key != "other_handling.total":
            if group not in seen_groups:
                seen_groups.add(group)
                n = sum(1 for x in rows if x.key.startswith(group + ".") and x.key != "other_handling.total")
                s3.add_row(*lead, (1, 1, s3t.groups[group][0]), (2, 1, r.labels[0]), *vcells(r.key),
                           rowspan={**span, 1: n})
            else:
                s3.add_row((2, 1, r.labels[0]), *vcells(r.key))
        else:
            s3.add_row(*lead, (1, 2, r.labels[0]), *vcells(r.key), rowspan=span)
    s4 = Grid(15)
    s4.add_row((0, 5, "行政复议"), (5, 10, "行政诉讼"))
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    s4.add_row(*[(i, 1, h) for i, h in enumerate(heads)], (5, 5, "未经复议直接起诉"), (10, 5, "复议后起诉"),
               rowspan={i: 2 for i in range(5)})
    s4.add_row(*[(5 + i, 1, h) for i, h in enumerate(heads * 2)])
    s4.add_row(*[(i, 1, vals[f"s4.{g}.{c}"]) for i, (g, c) in enumerate(
        (g, c) for g in ("review", "litigation_direct", "litigation_after_review")
        for c in ("upheld", "corrected", "other_result", "pending", "total"))])
    return [s2, s3, s4]


def flatten(grid: Grid, style: str) -> str:
    """A grid as a web page copied to text, in one of the styles seen in real reports."""
    m = grid.matrix()
    rows = [[t if not cov else "" for t, cov in row] for row in m]
    anchors = [[t for t in row if t] for row in rows]
    if style == "pipe":  # pipe rows with ragged `| ||||` ends
        return "\n".join(" | ".join(r) + " | |||" for r in rows)
    if style == "markdown":
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join([lines[0], "|" + "---|" * grid.n_cols] + lines[1:])
    if style == "lines":  # one cell per line
        return "\n".join(c for r in anchors for c in r)
    if style == "blank":  # one cell per blank-separated line
        return "\n\n".join(c for r in anchors for c in r)
    if style == "bar_lines":  # one cell per line ending ` |`, rows separated by lines holding only `|`
        return "\n".join("\n".join(c + " |" for c in r) + "\n||" for r in anchors)
    if style == "tab":  # a web table copied to a text editor: tab-separated cells, merged copies empty
        return "\n".join("\t".join(r) for r in rows)
    if style == "glued":  # no separators at all (`规章000`)
        return "\n".join("".join(r) for r in anchors)
    raise ValueError(style)


STYLES = ("pipe", "markdown", "lines", "blank", "bar_lines", "glued", "tab")


def report_text(template: str, vals: dict[str, str], style: str) -> str:
    """A short report whose three tables are flattened in one style."""
    s2, s3, s4 = grids(template, vals)
    return "\n".join([
        "某某镇2022年政府信息公开工作年度报告",
        "一、总体情况",
        "本镇全年主动公开政府信息120条，认真做好依申请公开工作。",
        "二、主动公开政府信息情况",
        flatten(s2, style),
        "三、收到和处理政府信息公开申请情况",
        flatten(s3, style),
        "四、政府信息公开行政复议、行政诉讼情况",
        flatten(s4, style),
        "五、存在的主要问题及改进情况",
        "一是公开内容不够全面，二是更新不够及时。下一步将加强培训。",
    ])


def derived_sums(template: str, vals: dict[str, str]) -> dict[str, str]:
    """The group subtotals the parser must derive."""
    out = {}
    for dkey, parts in skeleton.skeletons()[template]["s3"].derived.items():
        for c in [c.key for c in skeleton.skeletons()[template]["s3"].cols]:
            out[f"s3.{dkey}.{c}"] = str(sum(Decimal(vals[f"s3.{p}.{c}"]) for p in parts))
    return out


def write_docx(path, template: str, vals: dict[str, str], repeat_header: bool = False) -> None:
    """A .docx report whose three tables carry the template's merged cells (python-docx).

    repeat_header: the s3 header rows repeat at the top of every page (Word's 标题行重复).
    """
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("某某镇2022年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    d.add_paragraph("本镇全年主动公开政府信息120条，认真做好依申请公开工作。")
    titles = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    for title, g in zip(titles, grids(template, vals)):
        d.add_paragraph(title)
        t = d.add_table(rows=g.n_rows, cols=g.n_cols)
        t.style = "Table Grid"
        # Table.cell() rebuilds the whole grid on every call; merges never overlap, so the cells taken
        # once before merging stay valid.
        grid = t._cells
        for r, c, rs, cs, text in g.cells:
            cell = grid[r * g.n_cols + c]
            if rs > 1 or cs > 1:
                cell = cell.merge(grid[(r + rs - 1) * g.n_cols + c + cs - 1])
            cell.text = text
        if repeat_header and title.startswith("三"):
            for row in t.rows[:3]:
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(flag)
    d.add_paragraph("五、存在的主要问题及改进情况")
    d.add_paragraph("一是公开内容不够全面，二是更新不够及时。")
    d.save(str(path))


def write_pdf_unruled(path, template: str, vals: dict[str, str], hrules: bool = False, wrap: str | None = None,
                      broken: str | None = None) -> None:
    """A PDF (reportlab, built-in CID font) whose tables have no rules (or only horizontal ones).

    wrap: labels over 16 characters wrap onto a second line; "first" prints the numbers on the first
    line, "last" on the second. broken: an s3 row key whose label wraps that way across a page break
    (first half at the foot of a page, the rest at the top of the next, under the running header).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 60

    broken_label = {r.key: r.labels[0] for r in printed_rows(template)}.get(broken or "")
    page = [1]

    def page_break() -> None:
        nonlocal y
        if broken:  # a running header and a page number on every page, as word processors print them
            c.setFont("STSong-Light", 9)
            c.drawString(width / 2 - 90, height - 40, "某某镇人民政府政府信息公开工作年度报告")
            c.drawString(width / 2 - 10, 30, f"- {page[0]} -")
        c.showPage()
        page[0] += 1
        y = height - 60

    def line(parts: list[tuple[float, str]], size: float = 7) -> None:
        nonlocal y
        if y < 60:
            page_break()
        c.setFont("STSong-Light", size)
        for x, text in parts:
            c.drawString(x, y, text)
        if hrules and len(parts) > 1:  # partly ruled: a line under each table row, no column rules
            c.line(36, y - size * 0.6, width - 36, y - size * 0.6)
        y -= size * 2

    line([(60, "某某镇2022年政府信息公开工作年度报告")], 14)
    line([(60, "本镇全年主动公开政府信息120条，认真做好依申请公开工作。")], 10)
    titles = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    for title, g, nlab in zip(titles, grids(template, vals), (1, 3, 0)):
        line([(60, title)], 10)
        label_w = 290 if nlab == 3 else (150 if nlab else 0)
        col_w = (width - 100 - label_w) / (g.n_cols - nlab)
        for row in g.matrix():
            label = "".join(t for t, cov in row[:nlab] if not cov)
            cells = [(40 + label_w + k * col_w, t) for k, (t, cov) in enumerate(row[nlab:]) if t and not cov]
            size = 6 if nlab == 3 else 7
            if broken and nlab == 3 and broken_label and label.endswith(broken_label):
                half = len(label) // 2
                line([(40, label[:half])] + (cells if wrap != "last" else []), size)
                page_break()
                line([(40, label[half:])] + (cells if wrap == "last" else []), size)
                continue
            if wrap and len(label) > 16 and cells and cells[0][1][:1].isdigit():
                first, second = [(40, label[:16])], [(40, label[16:])]
                line(first + cells if wrap == "first" else first, size)
                line(second if wrap == "first" else second + cells, size)
                continue
            line(([(40, label)] if label else []) + cells, size)
    line([(60, "五、存在的主要问题及改进情况")], 10)
    page_break()
    c.save()


def html_report(template: str, vals: dict[str, str]) -> str:
    """An HTML page whose tables use rowspan/colspan like the template's merged cells."""
    parts = ["<html><head><meta charset='utf-8'><title>年度报告</title></head><body>",
             "<p>某某镇2022年政府信息公开工作年度报告</p>", "<p>一、总体情况</p>"]
    titles = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    for title, g in zip(titles, grids(template, vals)):
        parts.append(f"<p>{title}</p><table border='1'>")
        for r in range(g.n_rows):
            cells = sorted((c, rs, cs, text) for rr, c, rs, cs, text in g.cells if rr == r)
            parts.append("<tr>" + "".join(f"<td rowspan='{rs}' colspan='{cs}'>{text}</td>" for c, rs, cs, text in cells)
                         + "</tr>")
        parts.append("</table>")
    parts.append("<p>五、存在的主要问题及改进情况</p></body></html>")
    return "\n".join(parts)


def write_pdf_ruled(path, template: str, vals: dict[str, str], broken: str | None = None,
                    numbers: str = "first") -> None:
    """A PDF (reportlab) whose tables are ruled grids with merged cells, one table per page.

    broken: an s3 row key whose row breaks across a page as LibreOffice breaks it: every label cell of
    the row (group label, sub-row label) prints its first half at the foot of one page and the rest in
    the same column at the top of the next page's table fragment; the numbers sit on the "first" or
    the "second" fragment. Each page has a running header and a page number.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    size, lead = 7, 9
    state = {"page": 1, "y": height - 70}

    def new_page() -> None:
        c.setFont("STSong-Light", 9)
        c.drawString(width / 2 - 90, height - 40, "某某镇人民政府政府信息公开工作年度报告")
        c.drawString(width / 2 - 10, 30, f"- {state['page']} -")
        c.showPage()
        state["page"] += 1
        state["y"] = height - 70

    def text_line(text: str, sz: float = 10) -> None:
        c.setFont("STSong-Light", sz)
        c.drawString(40, state["y"], text)
        state["y"] -= sz * 2

    def wrap(text: str, w: float) -> list[str]:
        n = max(1, int((w - 4) // size))
        return [text[k:k + n] for k in range(0, len(text), n)] or [""]

    def draw(frag: list[list[tuple[int, str | None]]], widths: list[float]) -> None:
        xs = [30.0]
        for w in widths:
            xs.append(xs[-1] + w)
        heights = []
        for row in frag:  # a row is as high as its tallest single-row cell
            lines = 1
            for col, (aid, text) in enumerate(row):
                if text and (col == 0 or row[col - 1][0] != aid):
                    span = sum(widths[k] for k in range(col, len(row)) if row[k][0] == aid)
                    lines = max(lines, len(wrap(text, span)))
            heights.append(lines * lead + 4)
        tops = [state["y"]]
        for h in heights:
            tops.append(tops[-1] - h)
        c.setFont("STSong-Light", size)
        for r, row in enumerate(frag):
            for col, (aid, text) in enumerate(row):
                x0, x1, y0, y1 = xs[col], xs[col + 1], tops[r], tops[r + 1]
                if r == 0 or frag[r - 1][col][0] != aid:
                    c.line(x0, y0, x1, y0)
                if r == len(frag) - 1:
                    c.line(x0, y1, x1, y1)
                if col == 0 or row[col - 1][0] != aid:
                    c.line(x0, y0, x0, y1)
                if col == len(row) - 1:
                    c.line(x1, y0, x1, y1)
                if text and (col == 0 or row[col - 1][0] != aid):
                    span = sum(widths[k] for k in range(col, len(row)) if row[k][0] == aid)
                    for n, piece in enumerate(wrap(text, span)):
                        c.drawString(x0 + 2, y0 - lead * (n + 1), piece)
        state["y"] = tops[-1] - 20

    s2, s3, s4 = grids(template, vals)
    label = {r.key: r.labels[0] for r in printed_rows(template)}.get(broken or "")
    titles = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    widths = {4: [200.0, 110.0, 110.0, 110.0], 10: [40.0, 48.0, 154.0] + [42.0] * 7, 15: [35.0] * 15}
    text_line("某某镇2022年政府信息公开工作年度报告", 14)
    text_line("一、总体情况")
    text_line("本镇全年主动公开政府信息120条，认真做好依申请公开工作。")
    for title, g in zip(titles, (s2, s3, s4)):
        if title.startswith("三"):
            new_page()
        text_line(title)
        aid = {}
        for n, (r, col, rs, cs, _text) in enumerate(g.cells):
            for rr in range(r, r + rs):
                for cc in range(col, col + cs):
                    aid[rr, cc] = n
        rows = [[(aid[r, col], t if not cov else None) for col, (t, cov) in enumerate(row)]
                for r, row in enumerate(g.matrix())]
        frag: list[list[tuple[int, str | None]]] = []
        for row in rows:
            if label and g is s3 and any(t == label for _, t in row):
                # Columns 0-2 hold labels (split in two), the rest numbers (on one side only).
                first = [(a, t and (t[:len(t) // 2] if k < 3 else t if numbers == "first" else None))
                         for k, (a, t) in enumerate(row)]
                second = [(a, t and (t[len(t) // 2:] if k < 3 else t if numbers == "second" else None))
                          for k, (a, t) in enumerate(row)]
                draw(frag + [first], widths[g.n_cols])
                new_page()
                frag = [second]
                continue
            frag.append(row)
        draw(frag, widths[g.n_cols])
    text_line("五、存在的主要问题及改进情况")
    text_line("一是公开内容不够全面，二是更新不够及时。")
    new_page()
    c.save()
