"""The key catalogue: every metric and cell key with its Chinese label, section, era and unit; unknown keys → errors
naming the closest valid keys."""
from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Iterable

from .. import data
from ..errors import UsageError

ERAS = ("pre2019", "gb2019", "gb2021")
KINDS = ("metric", "figure", "cell")
_WHERE = {"metric": "a resolved metric (compare, store.metrics)",
          "figure": "stated in prose only (the figures table, store.figures(metric=...))",
          "cell": "a table cell (compare, store.cells(keys=...))"}


class UnknownKeyError(UsageError, ValueError):
    """A metric or cell key that no report can hold (a typo): the CLI exits 2, the API raises a ValueError."""


@dataclass(frozen=True)
class Key:
    """One key: metric (resolved), figure (prose only) or cell (a template or statistics-table cell)."""

    key: str
    kind: str
    label: str
    section: str
    eras: tuple[str, ...]
    unit: str | None
    derived: bool = False  # a group subtotal, computed from its rows when the table does not print it

    def to_dict(self) -> dict:
        """The key as a JSON-ready dict (eras as a list)."""
        return {**asdict(self), "eras": list(self.eras)}


@lru_cache(maxsize=None)
def catalogue() -> dict[str, Key]:
    """Every key, sorted: metric keys, then template cells (s2/s3/s4), then pre2019 statistics cells (legacy.*)."""
    spec = data.load("keys.yaml")
    out = _metric_keys(spec)
    out.update(_template_cells(spec))
    out.update(_legacy_cells(spec))
    return dict(sorted(out.items(), key=lambda kv: (kv[0].startswith(("s2.", "s3.", "s4.", "legacy.")),
                                                     kv[0].startswith("legacy."), kv[0])))


def _metric_keys(spec: dict) -> dict[str, Key]:
    """The metric dictionary's keys (metrics.yaml): core ones are resolved metrics, the rest prose-only figures.

    Labels come from keys.yaml; a key the dictionary gained without one is still valid, with an empty label."""
    d = data.load("metrics.yaml")
    names = set(d["core"]) | set(d.get("cells", {})) | set(d.get("legacy_cells", {}))
    for r in d["rules"]:
        names |= {r["metric"], *r.get("also", []), *(r.get("relabel_parent") or {}).values()}
        names |= {r["cumulative"]} if r.get("cumulative") else set()
    names |= {m for n in d["negations"] for m in n["metrics"]}
    labels = spec["metrics"]
    return {k: Key(k, "metric" if k in d["core"] else "figure", labels.get(k, {}).get("label", ""),
                   labels.get(k, {}).get("section", k.split(".")[0]), ERAS, labels.get(k, {}).get("unit"))
            for k in names}


def _template_cells(spec: dict) -> dict[str, Key]:
    from ..extract.skeleton import skeletons

    eras: dict[str, list[str]] = {}
    derived: set[str] = set()
    found: dict[str, Key] = {}
    for template, tables in sorted(skeletons().items()):
        for t in tables.values():
            for key, label, unit, is_derived in _table_cells(t, spec):
                eras.setdefault(key, []).append(template)
                derived |= {key} if is_derived else set()
                found.setdefault(key, Key(key, "cell", label, spec["sections"][t.key[:2]], (), unit))
    return {k.key: Key(k.key, k.kind, k.label, k.section, tuple(sorted(eras[k.key])), k.unit, k.key in derived)
            for k in found.values()}


def _table_cells(t, spec: dict) -> Iterable[tuple[str, str, str | None, bool]]:
    """(key, label, unit, derived) of every cell of one skeleton table."""
    units = spec["cell_units"]
    if t.single_row:  # s4: group.col columns under the group headings
        for c in t.cols:
            group = c.key.split(".")[0]
            yield t.cell_key(None, c.key), f"{spec['s4_groups'].get(group, group)} / {c.labels[0]}", "件", False
        return
    printed = {r.key: r.labels[0] for r in t.rows}
    for rkey in [*printed, *(k for k in t.derived if k not in printed)]:
        group = t.groups.get(rkey.split(".")[0], [""])[0] if "." in rkey else ""
        label = printed.get(rkey, group)
        if rkey in t.derived:  # a group subtotal: computed from its rows when the table does not print it
            label = f"{group}（小计）"
        elif group and not label.startswith(group):
            label = f"{group} {label}"
        for c in t.cols:
            unit = c.unit or units.get(c.key, "件")
            yield t.cell_key(rkey, c.key), f"{label} / {c.labels[0]}", unit, rkey in t.derived


def _legacy_cells(spec: dict) -> dict[str, Key]:
    out = {}
    section = spec["sections"]["legacy"]
    for key, row in data.load("legacy_stats.yaml")["rows"].items():
        out[key] = Key(key, "cell", row["labels"][0], section, ("pre2019",), row.get("unit"))
        # A 历年累计 column gives the same key with _cumulative on its last segment (stats_tables).
        out[key + "_cumulative"] = Key(key + "_cumulative", "cell", row["labels"][0] + "（历年累计）", section,
                                       ("pre2019",), row.get("unit"))
    return out


def select(prefix: str | None = None, era: str | None = None, kind: str | None = None) -> list[Key]:
    """The catalogue's keys starting with prefix, of one era and kind; an unknown prefix is an UnknownKeyError."""
    if era is not None and era not in ERAS:
        raise UsageError(f"unknown era {era!r}; use one of {', '.join(ERAS)}")
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    keys = [k for k in catalogue().values() if not prefix or k.key.startswith(prefix)]
    if prefix and not keys:
        raise UnknownKeyError(_message(prefix, "key prefix", list(catalogue())))
    return [k for k in keys if (era is None or era in k.eras) and (kind is None or k.kind == kind)]


def check(keys: str | Iterable[str], kinds: Iterable[str] = ("metric", "cell"), what: str = "key") -> list[str]:
    """The keys as a list when each is in the catalogue with one of these kinds; else an UnknownKeyError."""
    keys = [keys] if isinstance(keys, str) else list(keys)
    cat, kinds = catalogue(), tuple(kinds)
    if all(k in cat and cat[k].kind in kinds for k in keys):
        return keys  # (the list of valid keys is only for the message: ~0.1 ms of a one-county compare)
    valid = [k.key for k in cat.values() if k.kind in kinds]
    known = set(valid)
    for k in keys:
        if k not in known:
            raise UnknownKeyError(_message(k, what, valid, catalogue().get(k)))
    return keys


def check_prefix(prefix: str, kinds: Iterable[str] = ("cell",)) -> str:
    """The prefix when some key of these kinds starts with it; else an UnknownKeyError."""
    valid = [k.key for k in catalogue().values() if k.kind in tuple(kinds)]
    if not any(v.startswith(prefix) for v in valid):
        raise UnknownKeyError(_message(prefix, "key prefix", valid))
    return prefix


def _message(key: str, what: str, valid: list[str], other: Key | None = None) -> str:
    if other is not None:  # a real key of another kind: a prose-only figure asked of the metrics table
        return f"{key!r} is a {other.kind} key, not a {what}: {_WHERE[other.kind]}"
    close = difflib.get_close_matches(key, valid, n=3, cutoff=0.6)
    if not close:  # a misspelt first segment defeats the whole-key match: compare segment by segment
        close = difflib.get_close_matches(key, [v for v in valid if v.count(".") == key.count(".")], n=3, cutoff=0.4)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"unknown {what} {key!r}{hint} (`report-parser keys` lists them all)"
