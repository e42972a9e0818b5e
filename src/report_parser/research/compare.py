"""Compare: pivot metrics and table cells × organisation × year, with the value's source for --explain."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import sqlalchemy as sa

from ..store import schema as S
from ..errors import UsageError
from .keys import ERAS, check

REGION_LEVELS = ("province", "city", "county", "town")
# A cell key has a template prefix (or legacy. for pre2019 statistics tables); everything else is a metric key.
CELL_PREFIXES = ("s2.", "s3.", "s4.", "legacy.")
LEVELS = ("township", "county", "city", "province", "department", "other")
# Filters by name, as the CLI options and the Python API's keywords spell them (make_filters).
FILTER_NAMES = ("region", "province", "city", "county", "town", "level", "era", "years", "year_from", "year_to",
                "name", "org_id")
# Equality (or, for a list, membership) on reports columns: the API's extra keywords.
COLUMN_FILTERS = ("org", "year", "status", "format", "region_province", "region_city", "region_county",
                  "region_town")


class BadFilterError(UsageError, ValueError):
    """A filter value that cannot match (a misspelt level, a year range backwards): CLI exit 2, API ValueError."""


@dataclass
class Filters:
    """The report filters shared by the CLI, the Python API and the bench."""

    region: str | None = None  # any level: province, city, county or town equals this
    province: str | None = None
    city: str | None = None
    county: str | None = None
    town: str | None = None
    level: str | None = None
    era: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    name: str | None = None  # organisation name: a glob (*镇*) or, without wildcards, a substring
    org_id: str | None = None
    columns: dict[str, Any] = field(default_factory=dict)  # reports column → value or list (COLUMN_FILTERS)

    def _place_match(self, t: Any) -> Any:
        conds = []
        if self.region:
            conds.append(sa.or_(*(t.c[f"region_{lvl}"] == self.region for lvl in REGION_LEVELS)))
        conds += [t.c[f"region_{lvl}"] == getattr(self, lvl) for lvl in REGION_LEVELS if getattr(self, lvl)]
        return sa.and_(*conds)

    def _place(self, t: Any) -> Any:
        """Reports that name the place, and the other reports of the same bodies (by org_id).

        A town's report often leaves out its county; the registry has linked it to the reports that name it, so
        the body's every year is in the county."""
        r, r2 = S.reports, _same_body()
        bodies = sa.select(r.c.org_id).where(self._place_match(r), r.c.org_id.is_not(None))
        # One id list (a UNION of two index searches) lets the planner start from the few matching reports
        # instead of scanning every metric row and testing an OR on each.
        ids = sa.union(sa.select(r.c.id).where(self._place_match(r)),
                       sa.select(r2.c.id).where(r2.c.org_id.in_(bodies)))
        col = t.c.report_id if "report_id" in t.c else t.c.id
        return col.in_(ids)

    def apply(self, q: Any, t: Any = S.reports) -> Any:
        """Add these filters to a select that has the reports table (or a view with its columns) as t."""
        narrow = self.region or any(getattr(self, lvl) for lvl in REGION_LEVELS)
        # With a place filter, the place index (a skip-scan over province, city, county) is far more selective
        # than the year index, but SQLite's planner picks the year range: year + 0 hides the year index from it
        # (measured on 100k reports: 0.24 s → 0.001 s for one county).
        year = t.c.year + 0 if narrow else t.c.year
        if narrow:
            q = q.where(self._place(t))
        for col in ("level", "era", "org_id"):
            v = getattr(self, col)
            if v:
                q = q.where(t.c[col] == v)
        for col, v in self.columns.items():
            q = q.where(t.c[col].in_(list(v)) if isinstance(v, (list, tuple, set)) else t.c[col] == v)
        if self.year_from is not None:
            q = q.where(year >= self.year_from)
        if self.year_to is not None:
            q = q.where(year <= self.year_to)
        if self.name:
            if any(ch in self.name for ch in "*?"):
                like = self.name.replace("%", r"\%").replace("_", r"\_").replace("*", "%").replace("?", "_")
                q = q.where(t.c.org.like(like, escape="\\"))
            else:
                q = q.where(t.c.org.contains(self.name, autoescape=True))
        return q


@lru_cache(maxsize=1)
def _same_body() -> Any:
    """The reports table under the alias same_body (made once: an alias copies its ~25 columns, ~0.3 ms a query)."""
    return S.reports.alias("same_body")


def make_filters(**options: Any) -> Filters:
    """Filters from the CLI's options or the API's keywords (None = not given); the one place both go through.

    An unknown name is a TypeError; a bad level, era or year range a BadFilterError naming the closest value. A list
    of levels, eras or org_ids (API) selects any of them."""
    unknown = sorted(set(options) - set(FILTER_NAMES) - set(COLUMN_FILTERS))
    if unknown:
        raise TypeError(f"unknown filter {unknown[0]!r}; use one of {', '.join(FILTER_NAMES + COLUMN_FILTERS)}")
    given = {k: v for k, v in options.items() if v is not None}
    for name, allowed in (("level", LEVELS), ("era", ERAS)):
        for v in _listed(given.get(name)):
            if v not in allowed:
                raise BadFilterError(_closest(f"--{name}", v, allowed))
    years = given.pop("years", None)
    if years is not None:
        lo, hi = (parse_years(years) if isinstance(years, str) else (years, years) if isinstance(years, int)
                  else (min(years), max(years)))
        given.setdefault("year_from", lo)
        given.setdefault("year_to", hi)
    columns = {k: given.pop(k) for k in COLUMN_FILTERS if k in given}
    # A list of levels, eras or org_ids selects any of them: membership, as for the column filters.
    columns.update({k: given.pop(k) for k in ("level", "era", "org_id")
                    if isinstance(given.get(k), (list, tuple, set))})
    return Filters(**given, columns=columns)


def _listed(v: Any) -> list[Any]:
    return [] if v is None else list(v) if isinstance(v, (list, tuple, set)) else [v]


def _closest(option: str, value: str, allowed: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(str(value), list(allowed), n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]}?" if close else ""
    return f"{option} {value!r} is not one of {', '.join(allowed)}{hint}"


def parse_years(text: str | None) -> tuple[int | None, int | None]:
    """"2015-2024" → (2015, 2024); "2020" → (2020, 2020); "2019-" → (2019, None); None → (None, None)."""
    if not text:
        return None, None
    lo, sep, hi = text.replace("–", "-").partition("-")
    try:
        a = int(lo) if lo.strip() else None
        b = int(hi) if hi.strip() else (a if not sep else None)
    except ValueError:
        raise BadFilterError(f"--years {text!r}: expected YEAR or FROM-TO, e.g. 2015-2024") from None
    if a is not None and b is not None and a > b:
        raise BadFilterError(f"--years {text!r}: the first year is after the second")
    return a, b


@dataclass(slots=True)
class Value:
    """One stored value of one item for one report, with where it came from."""

    report_id: str
    org_key: str
    org: str | None
    year: int | None
    item: str
    value: str | None  # exact decimal as text; None = printed blank or "/" (raw tells which)
    raw: str | None = None
    kind: str | None = None  # cell | figure | derived
    ref: str | None = None
    page: int | None = None
    text: str | None = None  # the sentence (figure) or the row/column label (cell)
    corrected: str | None = None  # a reviewer's corrected value (use="reviewed"); value stays as reported
    used: str = "reported"  # which of the two the pivot shows: reported | reviewed
    review: str | None = None  # corrected, or stale (the reported value changed since: not applied)

    def to_dict(self) -> dict[str, Any]:
        """The value and its source as a plain dict."""
        return {f: getattr(self, f) for f in self.__slots__}

    def shown(self) -> str:
        """The value as a table shows it: the number, or the blank/"/" as printed (never 0)."""
        if self.used == "reviewed":
            return self.corrected
        if self.value is not None:
            return self.value
        return self.raw if self.raw and self.raw.strip() else "(空)"


@dataclass
class Comparison:
    """Values keyed (org_key, item, year); orgs maps org_key to a label; years sorted."""

    items: list[str]
    values: dict[tuple[str, str, int], list[Value]] = field(default_factory=dict)
    orgs: dict[str, str] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    _label_year: dict[str, int] = field(default_factory=dict, repr=False)

    def cell(self, org_key: str, item: str, year: int) -> str | None:
        """The shown value of one pivot cell; None when missing; differing values of duplicates joined by " | "."""
        vs = self.values.get((org_key, item, year))
        if not vs:
            return None
        if len(vs) == 1:
            return vs[0].shown()
        shown = sorted({v.shown() for v in vs})
        return " | ".join(shown)

    def rows(self) -> list[dict[str, Any]]:
        """The pivot as dict rows: org_id/organisation/item then one column per year (None = missing)."""
        out = []
        for ok in sorted(self.orgs, key=lambda k: (self.orgs[k], k)):
            for item in self.items:
                row: dict[str, Any] = {"org_id": ok, "organisation": self.orgs[ok], "item": item}
                for y in self.years:
                    row[str(y)] = self.cell(ok, item, y)
                out.append(row)
        return out

    def long(self) -> list[Value]:
        """Every value in (organisation, item, year) order."""
        return [v for k in sorted(self.values, key=lambda k: (self.orgs[k[0]], k[0], self.items.index(k[1]), k[2]))
                for v in self.values[k]]


def compare(engine: sa.Engine, items: Iterable[str], filters: Filters | None = None,
            explain: bool = False, use: str = "reported") -> Comparison:
    """Pivot metric keys and cell keys × organisation × year over the stored reports that pass the filters.

    explain=True also fetches each value's sentence (figure) or printed labels (cell) into Value.text.
    use="reviewed" shows a reviewer's current correction instead of the reported value (both kept on Value)."""
    from ..audit.review import check_use

    check_use(use)
    items = list(dict.fromkeys([items] if isinstance(items, str) else items))
    if not items:
        raise UsageError("name at least one metric (requests.received) or cell key (s3.new_received.total)")
    check(items, what="metric or cell key")  # a typo is an error naming the closest keys, not an empty pivot
    filters = filters or Filters()
    metric_keys = [i for i in items if not i.startswith(CELL_PREFIXES)]
    cell_keys = [i for i in items if i.startswith(CELL_PREFIXES)]
    r = S.reports
    head = (r.c.id, r.c.org_id, r.c.org, r.c.year)
    out = Comparison(items)
    with engine.connect() as conn:
        if metric_keys:
            m = S.metrics
            # The source JSON is only read when asked: decoding it was most of the time of a 100k-report pivot.
            src_col = m.c.source if explain else sa.null().label("source")
            q = (sa.select(*head, m.c.metric, m.c.value, m.c.source_kind, m.c.source_ref, m.c.source_page, src_col)
                 .join(r, r.c.id == m.c.report_id).where(m.c.metric.in_(metric_keys)))
            rows = conn.execute(filters.apply(q)).all()
            _fill(out, ((org_id, org, year, metric,
                         Value(rid, "", org, year, metric, value, None, kind, ref, page,
                               (src if isinstance(src, dict) else _json(src) or {}).get("text") if explain else None))
                        for rid, org_id, org, year, metric, value, kind, ref, page, src in rows
                        if value is not None))  # a metric the report does not state is missing, not blank
        if cell_keys:
            c = S.cells
            label_col = c.c.label if explain else sa.null().label("label")
            q = (sa.select(*head, c.c.key, c.c.value, c.c.raw, c.c.page, label_col, c.c.derived)
                 .join(r, r.c.id == c.c.report_id).where(c.c.key.in_(cell_keys)))
            rows = conn.execute(filters.apply(q)).all()
            _fill(out, ((org_id, org, year, key,
                         Value(rid, "", org, year, key, value, raw, "derived" if derived else "cell", key, page,
                               " / ".join((label if isinstance(label, list) else _json(label)) or [])
                               if explain else None))
                        for rid, org_id, org, year, key, value, raw, page, label, derived in rows))
        if use == "reviewed":
            _apply_reviews(conn, out)
    years = {k[2] for k in out.values}
    if filters.year_from is not None and filters.year_to is not None:
        # An asked-for range shows every year, so a year nobody reported is visibly missing, not left out.
        years |= set(range(filters.year_from, filters.year_to + 1))
    out.years = sorted(years)
    return out


def _apply_reviews(conn, out: Comparison) -> None:
    """Put current corrections on the values they correct; a stale one is marked and not applied."""
    from ..audit.review import corrections

    found = corrections(conn, {v.report_id for vs in out.values.values() for v in vs})
    if not found:
        return
    for vs in out.values.values():
        for v in vs:
            r = found.get((v.report_id, v.item))
            if r is None:
                continue
            v.corrected, v.review = r.row["corrected_value"], "stale" if r.stale else "corrected"
            if not r.stale:
                v.used = "reviewed"


def _fill(out: Comparison, entries: Iterable[tuple]) -> None:
    """Put (org_id, org, year, item, Value) entries into the pivot; one tight loop (100k values in the bench)."""
    values, orgs, latest = out.values, out.orgs, out._label_year
    for org_id, org, year, item, v in entries:
        if year is None:
            continue  # a report whose year is unknown has no column to go in
        # Reports the registry could not place keep their own name as key: listed apart, never merged.
        key = org_id or f"?{org or v.report_id}"
        v.org_key = key
        cell = values.get((key, item, year))
        if cell is None:
            values[(key, item, year)] = [v]
        else:
            cell.append(v)
        # The label of a body is its name in its latest report (names get longer prefixes over the years).
        if year > latest.get(key, 0):
            label = org or v.report_id
            orgs[key] = label if org_id else f"{label} (?)"
            latest[key] = year


def _json(v: Any) -> Any:
    if v is None or isinstance(v, (dict, list)):
        return v
    try:
        return json.loads(v)
    except (TypeError, ValueError):
        return None

