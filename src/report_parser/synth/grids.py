"""Step 3b: the template tables (s2/s3/s4) as printed grids with merged cells, plus their cell truth."""
from __future__ import annotations

import random
from decimal import Decimal

from ..data import load
from .numbers import dec_str
from .spec import TCell, Table
from .values import COLS, S4_COLS, S4_GROUPS

# s3 rows whose zeros some reports leave blank; totals, new/carried rows always print a number,
# so the balance and the metrics stay readable (real reports blank detail rows far more than totals).
BLANKABLE_S3 = ("not_open.", "unable.", "not_processed.", "other_handling.")


def _label(text: str, quirks: list[str]) -> str:
    t = load("synth/templates.yaml")
    if "split_labels" in quirks:
        text = t["split_labels"].get(text, text)
    if "halfwidth_parens" in quirks:
        text = text.replace("（", "(").replace("）", ")").replace("：", ":")
    return text


def _cell(key: str, v: Decimal | int, r: random.Random, quirks: list[str], cells: list[dict],
          blankable: bool = False) -> TCell:
    """Print one value the way real tables do and record its truth (value None when blank or /)."""
    unit = None
    if blankable and v == 0 and "zero_blank" in quirks:
        raw, value = "", None
    elif blankable and v == 0 and "zero_slash" in quirks:
        raw, value = "/", None
    elif key.endswith(".items_delta") and v > 0 and "plus_sign" in quirks:
        raw, value = f"+{v}", dec_str(v)
    elif key.endswith(".procurement_amount") and v and "unit_in_cell" in quirks:
        raw, value, unit = f"{v}元", dec_str(v), "元"
    elif key.endswith(".fee_amount_wan") and "two_decimals" in quirks:
        raw, value = f"{Decimal(v):.2f}", dec_str(v)
    else:
        raw = value = dec_str(v)
    c = {"key": key, "value": value, "raw": raw}
    if unit:
        c["unit"] = unit
    cells.append(c)
    return TCell(raw)


def s2_tables(era: str, s2: dict, r: random.Random, quirks: list[str], level: str, cells: list[dict],
              year: int) -> list[Table]:
    """One grid per 第二十条 block: caption row, header row, data rows."""
    t = load("synth/templates.yaml")
    notes = {k: v.format(prev=year - 1, year=year) for k, v in t["label_notes"].items()} \
        if era == "gb2019" and "label_notes" in quirks else {}

    def lab(text: str) -> str:
        # Provincial notes follow the official label, so a parser must match on the label's prefix.
        return _label(text, quirks) + notes.get(text, "")

    out = []
    for blk in t["s2"][era]:
        ncols = 1 + len(blk["cols"])
        rows: list[list[TCell | None]] = [[TCell(_label(blk["caption"], quirks), colspan=ncols, header=True)]
                                          + [None] * (ncols - 1)]
        rows.append([TCell(t["s2_header"], header=True)]
                    + [TCell(lab(c), header=True) for _, c in blk["cols"]])
        for rkey, rlab in blk["rows"]:
            row: list[TCell | None] = [TCell(lab(rlab))]
            for ckey, _ in blk["cols"]:
                key = f"{blk['block']}.{rkey}.{ckey}"
                # Towns cannot make 规章: some print "/" across that row (not applicable, not zero).
                if rkey == "regulation" and level == "township" and "regulation_na" in quirks:
                    cells.append({"key": f"s2.{key}", "value": None, "raw": "/"})
                    row.append(TCell("/"))
                    continue
                row.append(_cell(f"s2.{key}", s2[key], r, quirks, cells, blankable=True))
            rows.append(row)
        extra = t["extra_rows"].get(blk["block"])
        if extra and era == "gb2019" and "extra_row" in quirks:
            rows.append([TCell(extra)] + [TCell(str(r.randint(0, 30))) for _ in blk["cols"]])
        out.append(Table(f"s2.{blk['block']}", rows))
    if "s2_single_table" in quirks:
        return [_single(out)]
    return out


def _single(tables: list[Table]) -> Table:
    """All 第二十条 blocks in one 4-column grid, as the official template prints them: a block with
    fewer value columns lets its last value cell span the rest."""
    width = max(t.ncols for t in tables)
    rows: list[list[TCell | None]] = []
    for t in tables:
        for row in t.rows:
            cells = [c for c in row if c is not None]
            if len(cells) == 1:  # the caption row
                cells[0].colspan = width
                rows.append([cells[0]] + [None] * (width - 1))
                continue
            last = cells[-1]
            last.colspan = width - len(cells) + 1
            rows.append(cells + [None] * (last.colspan - 1))
    return Table("s2", rows)


def s3_table(era: str, s3: dict, r: random.Random, quirks: list[str], cells: list[dict]) -> Table:
    """The s3 grid: 3 label columns (merged as in the template) + 7 applicant columns."""
    t = load("synth/templates.yaml")["s3"]
    col_labels = dict(t["cols"])
    rows: list[list[TCell | None]] = []
    rows.append([TCell(_label(t["note"], quirks), rowspan=3, colspan=3, header=True), None, None,
                 TCell(t["applicant"], colspan=7, header=True)] + [None] * 6)
    rows.append([None, None, None, TCell(col_labels["natural_person"], rowspan=2, header=True),
                 TCell(t["org_group"], colspan=5, header=True), None, None, None, None,
                 TCell(col_labels["total"], rowspan=2, header=True)])
    rows.append([None] * 4 + [TCell(_label(col_labels[c], quirks), header=True) for c in COLS[1:6]] + [None])

    def values(key: str) -> list[TCell | None]:
        blank = key.startswith(BLANKABLE_S3) and key != "other_handling.total"
        out = []
        for c in COLS:
            if c == "total" and key != "result_total" and "total_col_blank" in quirks:
                # Some 2019 reports fill the 总计 column only on the （七）总计 row.
                cells.append({"key": f"s3.{key}.total", "value": None, "raw": ""})
                out.append(TCell(""))
            else:
                out.append(_cell(f"s3.{key}.{c}", s3[key][c], r, quirks, cells, blankable=blank and c != "total"))
        return out

    for key, lab in t["head_rows"]:
        rows.append([TCell(_label(lab, quirks), colspan=3), None, None] + values(key))
    res = t["result_rows"][era]
    group_sizes: dict[str, int] = {}
    for _, g, _ in res:
        if g:
            group_sizes[g] = group_sizes.get(g, 0) + 1
    seen: set[str] = set()
    for i, (key, g, lab) in enumerate(res):
        first = TCell(t["results_label"], rowspan=len(res), vertical=True) if i == 0 else None
        if g is None:
            rows.append([first, TCell(_label(lab, quirks), colspan=2), None] + values(key))
        else:
            gcell = None
            if g not in seen:
                seen.add(g)
                gcell = TCell(_label(g, quirks), rowspan=group_sizes[g])
            rows.append([first, gcell, TCell(_label(lab, quirks))] + values(key))
    for key, lab in t["tail_rows"]:
        rows.append([TCell(_label(lab, quirks), colspan=3), None, None] + values(key))
    return Table("s3", rows)


def s4_table(s4: dict, quirks: list[str], r: random.Random, cells: list[dict]) -> Table:
    """The s4 grid: 行政复议 (5) | 行政诉讼 (10) split into 未经复议直接起诉 / 复议后起诉."""
    t = load("synth/templates.yaml")["s4"]
    groups, cols = dict(t["groups"]), dict(t["cols"])
    rows: list[list[TCell | None]] = [
        [TCell(t["review"], rowspan=2, colspan=5, header=True)] + [None] * 4
        + [TCell(t["litigation"], colspan=10, header=True)] + [None] * 9,
        [None] * 5 + [TCell(groups["litigation_direct"], colspan=5, header=True)] + [None] * 4
        + [TCell(groups["litigation_after_review"], colspan=5, header=True)] + [None] * 4,
        [TCell(cols[c], header=True) for _ in S4_GROUPS for c in S4_COLS],
        [_cell(f"s4.{g}.{c}", s4[g][c], r, quirks, cells) for g in S4_GROUPS for c in S4_COLS],
    ]
    return Table("s4", rows)


def appendix_table(year_metrics: dict, cumulative: int, cells: list[dict] | None = None) -> Table:
    """The pre2019 附表 statistics table (restates prose figures); its legacy.* truth cells go to `cells`."""
    t = load("synth/templates.yaml")["appendix"]
    rows: list[list[TCell | None]] = [[TCell(h, header=True) for h in t["header"]]]
    for metric, name, unit, key in t["rows"]:
        v = year_metrics[metric]
        cum = dec_str(cumulative) if metric == "active.items" else "—"
        rows.append([TCell(name), TCell(unit), TCell(dec_str(v)), TCell(cum)])
        if cells is not None:
            cells.append({"key": key, "value": dec_str(v), "raw": dec_str(v)})
            cells.append({"key": f"{key}_cumulative", "value": None if cum == "—" else cum, "raw": cum})
    return Table("appendix", rows)
