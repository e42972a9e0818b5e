"""Glued digit runs (`1203` printed for three cells) read by the template's arithmetic: a split is kept only when unique."""
from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from itertools import product

from ..classcache import dataclass

# Splits tried per run, and combinations of ambiguous rows tried per table: past these the run stays
# unread (flagged), never cut short into a "unique" answer.
MAX_NODES = 200_000
MAX_COMBOS = 20_000


@dataclass
class Run:
    """One glued run of a row: the digits as printed and every split of it that satisfies the row's identities."""

    digits: str
    alts: list[list[str]] = field(default_factory=list)
    exhausted: bool = False  # too many splits to try: unread
    chosen: list[str] | None = None  # the one split left after the column identities

    @property
    def read(self) -> bool:
        """True when exactly one split remains."""
        return self.chosen is not None


def splits(digits: str, cols: list[str], row_sums: dict[str, list[str]]) -> list[list[str]] | None:
    """Every split of `digits` into one number per column that satisfies `row_sums` (None: too many to try)."""
    # A printed count has no leading zero (`03` is never a cell), so a split is a composition of the run
    # into pieces that are `0` or start with 1–9. A total whose parts are all placed before it is forced.
    n, out, nodes = len(cols), [], [0]
    pos = {c: k for k, c in enumerate(cols)}
    forced = {pos[t]: [pos[p] for p in parts] for t, parts in row_sums.items()
              if t in pos and all(p in pos and pos[p] < pos[t] for p in parts)}
    vals: list[str] = []

    def walk(p: int) -> bool:
        nodes[0] += 1
        if nodes[0] > MAX_NODES:
            return False
        k = len(vals)
        if k == n:
            if p == len(digits) and _row_ok(vals, pos, row_sums):
                out.append(list(vals))
            return True
        left = n - k - 1  # cells still to place after this one, one digit each at least
        if k in forced:
            s = str(sum(int(vals[j]) for j in forced[k]))
            if digits.startswith(s, p) and len(digits) - p - len(s) >= left:
                vals.append(s)
                ok = walk(p + len(s))
                vals.pop()
                return ok
            return True
        for q in range(p + 1, len(digits) - left + 1):
            if q - p > 1 and digits[p] == "0":
                break
            vals.append(digits[p:q])
            ok = walk(q)
            vals.pop()
            if not ok:
                return False
        return True

    if n == 0 or len(digits) < n or not digits.isdigit():
        return []
    return out if walk(0) else None


def _row_ok(vals: list[str], pos: dict[str, int], row_sums: dict[str, list[str]]) -> bool:
    for t, parts in row_sums.items():
        if t in pos and all(p in pos for p in parts):
            if int(vals[pos[t]]) != sum(int(vals[pos[p]]) for p in parts):
                return False
    return True


def settle(runs: dict[str, Run], rows: dict[str, list[str | None]], cols: list[str],
           col_sums: list[list[list[str]]], derived: dict[str, list[str]]) -> None:
    """Choose each ambiguous run's split when exactly one combination satisfies the column identities."""
    # `rows` holds the values of every row read (a run's row as None placeholders); an identity whose
    # rows are not all read, or hold a blank, cannot tell splits apart and is not used.
    for r in runs.values():
        if len(r.alts) == 1 and not r.exhausted:
            r.chosen = r.alts[0]
    open_ = [k for k, r in runs.items() if len(r.alts) > 1 and not r.exhausted]
    if not open_:
        return
    combos = 1
    for k in open_:
        combos *= len(runs[k].alts)
    if combos > MAX_COMBOS:
        return
    fixed = {k: v for k, v in rows.items() if k not in open_}
    for k, r in runs.items():
        if r.chosen is not None:
            fixed[k] = r.chosen
    good = []
    for combo in product(*(runs[k].alts for k in open_)):
        trial = {**fixed, **dict(zip(open_, combo))}
        if _columns_ok(trial, cols, col_sums, derived):
            good.append(combo)
            if len(good) > 1:
                return
    if len(good) == 1:
        for k, vals in zip(open_, good[0]):
            runs[k].chosen = list(vals)


def _columns_ok(rows: dict[str, list[str | None]], cols: list[str], col_sums: list[list[list[str]]],
                derived: dict[str, list[str]]) -> bool:
    checked = False
    for c in range(len(cols)):
        for lhs, rhs in col_sums:
            a, b = _side(rows, lhs, c, derived), _side(rows, rhs, c, derived)
            if a is None or b is None:
                continue
            checked = True
            if a != b:
                return False
    return checked


def _side(rows: dict[str, list[str | None]], keys: list[str], c: int, derived: dict[str, list[str]]) -> Decimal | None:
    total = Decimal(0)
    for k in keys:
        if k in rows:
            vals = [rows[k]]
        elif k in derived and all(p in rows for p in derived[k]):
            vals = [rows[p] for p in derived[k]]  # a group subtotal the template does not print
        else:
            return None
        for v in vals:
            if c >= len(v) or v[c] is None:
                return None
            total += Decimal(v[c])
    return total
