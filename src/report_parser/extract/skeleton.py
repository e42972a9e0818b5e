"""Template table skeletons (data/skeletons/*.yaml) and the label index used to match grids to them."""
from __future__ import annotations

import unicodedata
from dataclasses import field
from functools import lru_cache

from ..classcache import dataclass
from .. import data
from .. import lazyre

TEMPLATES = ("gb2021", "gb2019")

# Quotes differ between sites (“三安全一稳定” / "三安全一稳定" / 「」) and carry no meaning in a label.
_DROP = lazyre.compile(r"[\s\u3000“”\"'‘’「」『』|]+")
_PARENS = lazyre.compile(r"\([^()]*\)")
# Row numbering (一、 (三) 1. 1、) printed before a label.
_NUMBERING = lazyre.compile(r"^(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+[、.]|\d+[.、])")
_UNIT = lazyre.compile(r"(万元|亿元|元)")


def norm(text: str) -> str:
    """A label as compared: NFKC (full-width brackets and colons unified), no whitespace, no quotes."""
    # Cells and lines repeat (0, 总计, headers on every page): cache short texts only, so a batch
    # never keeps whole documents alive in the cache.
    return _norm_short(text) if len(text or "") <= 200 else _norm(text)


@lru_cache(maxsize=1 << 16)
def _norm_short(text: str) -> str:
    return _norm(text)


def _norm(text: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", text or ""))


def strip_parens(label: str) -> str:
    """A normalised label without parenthesised notes (`本年(2023)制发件数`, `规范性文件(指…)`)."""
    if "(" not in label:
        return label  # nothing to strip (most lines looked up; a note needs its "(")
    prev = None
    while prev != label:  # nested notes: strip innermost first
        prev, label = label, _PARENS.sub("", label)
    return label


def strip_numbering(label: str) -> str:
    """A normalised label without its row numbering (`1.`, `(三)`, `一、`)."""
    return _NUMBERING.sub("", label)


def label_unit(label: str) -> str | None:
    """The money unit a column label states (`本年收费金额（单位：万元）` → 万元)."""
    m = _UNIT.search(label or "")
    return m.group(1) if m else None


@dataclass
class Col:
    key: str
    labels: list[str]
    unit: str | None = None


@dataclass
class Row:
    key: str
    labels: list[str]
    optional: bool = False


@dataclass
class Table:
    """One template table: anchors open it, header labels describe it, rows and columns key its cells."""

    key: str  # s2.art20_1 / s3 / s4
    template: str
    anchors: list[str]
    header: list[str]
    cols: list[Col]
    rows: list[Row]
    groups: dict[str, list[str]] = field(default_factory=dict)
    derived: dict[str, list[str]] = field(default_factory=dict)
    single_row: bool = False
    required_rows: list[str] = field(default_factory=list)
    row_sums: dict[str, list[str]] = field(default_factory=dict)  # within a row: column = sum of columns
    col_sums: list[list[list[str]]] = field(default_factory=list)  # per column: sum of rows = sum of rows

    def cell_key(self, row: str | None, col: str) -> str:
        """The cell key of a row and column (`s3.not_open.third_party.total`, `s4.review.total`)."""
        return f"{self.key}.{row}.{col}" if row else f"{self.key}.{col}"


@dataclass(frozen=True)
class Label:
    """One entry of the label index: what a printed label means in which table and template."""

    table: str
    template: str
    kind: str  # anchor | header | col | row | group
    key: str
    official: str


def _labels(spec) -> tuple[list[str], dict]:
    if isinstance(spec, dict):
        return list(spec["labels"]), spec
    return list(spec), {}


def _table(key: str, template: str, spec: dict, raw: dict) -> Table:
    if "extends" in spec:
        base = dict(raw[spec["extends"]]["tables"][key])
        drop_rows = set(spec.get("drop_rows", []))
        base["rows"] = {k: v for k, v in (base.get("rows") or {}).items() if k not in drop_rows}
        drop_derived = set(spec.get("drop_derived", []))
        base["derived"] = {k: v for k, v in base.get("derived", {}).items() if k not in drop_derived}
        base["required_rows"] = spec.get("required_rows", [])
        spec = base
    ident = spec.get("identities") or {}
    cols = []
    for ck, cv in spec["cols"].items():
        labels, extra = _labels(cv)
        cols.append(Col(ck, labels, extra.get("unit")))
    rows = []
    for rk, rv in (spec.get("rows") or {}).items():
        labels, extra = _labels(rv)
        rows.append(Row(rk, labels, bool(extra.get("optional")) and rk not in spec.get("required_rows", [])))
    return Table(key, template, list(spec.get("anchors", [])), list(spec.get("header", [])), cols, rows,
                 dict(spec.get("groups") or {}), dict(spec.get("derived") or {}), bool(spec.get("single_row")),
                 list(spec.get("required_rows", [])), dict(ident.get("row") or {}), list(ident.get("column") or []))


@lru_cache(maxsize=None)
def skeletons() -> dict[str, dict[str, Table]]:
    """Every template's tables, by template then table key."""
    raw = {t: data.load(f"skeletons/{t}.yaml") for t in TEMPLATES}
    return {t: {k: _table(k, t, spec, raw) for k, spec in raw[t]["tables"].items()} for t in TEMPLATES}


@lru_cache(maxsize=None)
def detect_labels() -> dict[str, str]:
    """Normalised column label → the only template that prints it."""
    return {norm(lab): t for t in TEMPLATES for lab in data.load(f"skeletons/{t}.yaml").get("detect", [])}


class LabelIndex:
    """Normalised label → meanings, with exact, note-stripped, prefix and fuzzy look-ups."""

    def __init__(self) -> None:
        self.exact: dict[str, list[Label]] = {}
        self.loose: dict[str, list[Label]] = {}  # without notes and numbering
        for template, tables in skeletons().items():
            for t in tables.values():
                entries = [("anchor", t.anchors[0], a) for a in t.anchors] + [("header", h, h) for h in t.header]
                entries += [("col", c.key, lab) for c in t.cols for lab in c.labels]
                entries += [("row", r.key, lab) for r in t.rows for lab in r.labels]
                entries += [("group", g, lab) for g, labs in t.groups.items() for lab in labs]
                for kind, key, lab in entries:
                    e = Label(t.key, template, kind, key, lab)
                    n = norm(lab)
                    _add(self.exact, n, e)
                    loose = strip_numbering(strip_parens(n))
                    if loose and kind in ("row", "group", "col"):
                        _add(self.loose, loose, e)
        self.max_len = max(len(k) for k in self.exact)
        # the first two characters of every label of two or more: a text opening with none of them opens no label
        self.heads = frozenset(k[:2] for k in self.exact if len(k) >= 2)
        self._tolerant: dict[str, list[Label]] = {}  # lookup_tolerant's answers (see there)

    def lookup(self, text: str) -> list[Label]:
        """Meanings of one normalised label: exact first, then without notes or numbering."""
        if text in self.exact:
            return self.exact[text]
        loose = strip_numbering(strip_parens(text))
        if loose in self.loose:
            return self.loose[loose]
        return []

    def lookup_tolerant(self, text: str) -> list[Label]:
        """Meanings of a label with a provincial note appended, cut short, or misprinted."""
        found = self.lookup(text)
        if found or len(text) < 2:
            return found
        # A definition after a colon (规章:地方行政规章指…, however long): the official label before it.
        k = min((i for i in (text.find(":"), text.find("：")) if i > 0), default=-1)
        if 2 <= k <= self.max_len and text[:k] in self.exact and self.exact[text[:k]][0].kind in ("row", "group"):
            return self.exact[text[:k]]
        if len(text) > 80:
            return found
        # The fuzzy search below compares with every label; the same unmatched cells (notes, totals, blank
        # headers) recur in every report of a template, so answers are kept (a bounded number).
        cached = self._tolerant.get(text)
        if cached is None:
            cached = self._tolerant_search(text)
            if len(self._tolerant) >= TOLERANT_CACHE:
                self._tolerant.clear()
            self._tolerant[text] = cached
        return cached

    def _tolerant_search(self, text: str) -> list[Label]:
        # A note after the official label: 规章(设区的市…), 处理决定数量(指2019年办件量).
        for n in range(min(len(text) - 1, self.max_len), 1, -1):
            if text[n] == "(" and text.endswith(")") and text[:n] in self.exact:
                return self.exact[text[:n]]
        loose = strip_numbering(strip_parens(text))
        # A header cell cut in half by the web page (`本年新` for 本年新制作数量 and 本年新公开数量).
        if len(loose) >= 3:
            cut = [e for k, es in self.loose.items() if k.startswith(loose) and k != loose
                   for e in es if e.kind == "col"]
            if cut:
                return cut
        # Misprints such as 其他法律行政止公开: a close fuzzy match on labels of five characters or more.
        if len(loose) >= 5 and not loose[-1].isdigit():  # `行政许可6` is a glued row, not a misprint
            from difflib import SequenceMatcher  # imported here: most documents never get this far

            best, score = [], 0.0
            for k, es in self.loose.items():
                if abs(len(k) - len(loose)) > 4:
                    continue
                r = SequenceMatcher(None, loose, k).ratio()
                if r > score:
                    best, score = es, r
            if score >= 0.8:
                num = _NUMBERING.match(text)
                # The printed numbering must agree when both carry one (1. vs 2. rows differ by one char).
                return [e for e in best if not num or norm(e.official).startswith(num.group(0))] or []
        return []


# Texts whose tolerant look-up is remembered (short labels: a few hundred KB at most).
TOLERANT_CACHE = 4096


def _add(index: dict[str, list[Label]], key: str, e: Label) -> None:
    lst = index.setdefault(key, [])
    if e not in lst:
        lst.append(e)


@lru_cache(maxsize=None)
def index() -> LabelIndex:
    """The label index over both templates (built once)."""
    return LabelIndex()
