"""The rule every stored box is held to: the characters inside it, read with pdfplumber, are the value's raw text."""
from __future__ import annotations

from report_parser.extract.positions import squash
from report_parser.record import Report


def text_in_box(page, box) -> str:
    """The characters of a pdfplumber page whose centre lies inside box (page, x0, top, x1, bottom)."""
    _, x0, top, x1, bottom = box
    eps = 0.5
    return page.filter(lambda o: o.get("object_type") == "char"
                       and x0 - eps <= (o["x0"] + o["x1"]) / 2 <= x1 + eps
                       and top - eps <= (o["top"] + o["bottom"]) / 2 <= bottom + eps).extract_text()


def box_mismatches(pdf_path, report: Report, pdfium: bool = False) -> tuple[int, list[str]]:
    """(values checked, readable mismatches): printed cells and figures whose boxes do not hold their raw text.

    With pdfium, the text pypdfium2 finds inside the box is held to it as well: a second PDF engine, so a box is
    right about the page, not about one library's reading of it.
    """
    import pdfplumber

    bad, checked = [], 0
    with pdfplumber.open(pdf_path) as pdf:
        for kind, items in (("cell", report.cells), ("figure", report.figures)):
            for it in items:
                if getattr(it, "derived", False):
                    continue  # a subtotal we computed: printed nowhere
                name = f"{pdf_path.name} {kind} {getattr(it, 'key', None) or it.metric} {it.raw!r}"
                if it.box is None:
                    bad.append(f"{name}: no box")
                    continue
                got = "".join(text_in_box(pdf.pages[int(b[0]) - 1], b) for b in [it.box, *(it.box_more or [])])
                checked += 1
                if squash(got) != squash(it.raw):
                    bad.append(f"{name}: box {it.box} holds {got!r}")
                elif pdfium:
                    from report_parser.readers.render import text_in_box as pdfium_text

                    got = "".join(pdfium_text(pdf_path, b) for b in [it.box, *(it.box_more or [])])
                    if squash(got) != squash(it.raw):
                        bad.append(f"{name}: pypdfium2 finds {got!r} in box {it.box}")
    return checked, bad
