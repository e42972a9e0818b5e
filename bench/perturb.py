"""Robustness of the extractors to how a page was saved: the same report, re-typeset, should parse the same.

Each excerpt of the real dev sets (../shared/real/dev and the tuning items of ../shared/real/dev2; held-out items,
numbers that are multiples of 3, are never opened) is parsed as written and again after one change that keeps
its meaning: lines hard-wrapped at a fixed width (characters or display columns), a space on each side of every
number, portal breadcrumbs above the title, a crawler's `标题：` prefix, the title split over two lines, a site
footer below, counts written in Chinese numerals, the page in traditional script. An item counts as changed when its organisation, year, level or any metric differs. No gold is
needed: the unchanged parse is the reference.

    PYTHONPATH=src python bench/perturb.py [--shared ../shared] [--show]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from report_parser.pipeline import parse_file  # noqa: E402

_TITLE = re.compile(r"^(.{2,40}?)((?:19|20)\d\d年度?政府信息公开(?:工作)?年度?报告)\s*$")
_TABLE_LINE = re.compile(r"[|\t]")


def _wrap_chars(line: str, n: int) -> list[str]:
    return [line[i:i + n] for i in range(0, len(line), n)] or [""]


def _wrap_columns(line: str, cols: int) -> list[str]:
    out, cur, w = [], "", 0
    for c in line:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > cols and c not in "，。、；：！？）」”":
            out.append(cur)
            cur, w = "", 0
        cur += c
        w += cw
    return out + [cur]


def _wrapped(text: str, wrap) -> str:
    return "\n".join(x for ln in text.split("\n") for x in (wrap(ln) if not _TABLE_LINE.search(ln) else [ln]))


def _title_edit(text: str, edit) -> str | None:
    lines = text.split("\n")
    for i, line in enumerate(lines[:6]):
        m = _TITLE.match(line.strip())
        if m:
            lines[i] = edit(m)
            return "\n".join(lines)
    return None  # no title line to change: the variant is not tried


VARIANTS = {
    "wrap-28-chars": lambda t: _wrapped(t, lambda ln: _wrap_chars(ln, 28)),
    "wrap-40-chars": lambda t: _wrapped(t, lambda ln: _wrap_chars(ln, 40)),
    "wrap-70-columns": lambda t: _wrapped(t, lambda ln: _wrap_columns(ln, 70)),
    "spaced-numbers": lambda t: re.sub(r"(?<=[\u4e00-\u9fff])(\d+)(?=[\u4e00-\u9fff])", r" \1 ", t),
    "breadcrumbs": lambda t: "首页 > 政务公开 > 政府信息公开年报\n当前位置：首页 > 信息公开 > 年度报告\n" + t,
    "title-prefix": lambda t: _title_edit(t, lambda m: "标题：" + m.group(0).strip()),
    "title-split": lambda t: _title_edit(t, lambda m: m.group(1) + "\n" + m.group(2)),
    "site-footer": lambda t: t + "\n\n打印本页 关闭窗口\n主办单位：某市人民政府办公室 承办：某市大数据中心\n网站标识码：0000000000",
    # counts of 1–99 written in Chinese numerals (三件, 十二条), as many township reports do
    "chinese-numerals": lambda t: re.sub(r"(?<![\d.,])([1-9]\d?)(?=件|条|起|次|个|份|人次)", lambda m: _an2cn(m.group(1)), t),
    # the same page in traditional script: the org is then printed (and kept) in traditional characters
    "traditional": lambda t: _s2t(t),
}


def _an2cn(digits: str) -> str:
    import cn2an  # the test extra's numeral oracle; numbers.py parses numerals itself

    return cn2an.an2cn(digits)


def _s2t(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def excerpts(shared: Path, folders: tuple[str, ...] = ("dev", "dev2")):
    """(name, text) of the real excerpts in the given folders of shared/real; dev2's held-out items never opened."""
    for name in folders:
        folder = shared / "real" / name
        for f in sorted(folder.glob("*.json")):
            if name == "dev2" and f.stem.isdigit() and int(f.stem) % 3 == 0:
                continue  # held out: never opened
            yield f"{name}/{f.stem}", json.loads(f.read_text(encoding="utf-8"))["text"]


def _key(path: Path):
    from report_parser.readers.normalize import to_simplified

    r = parse_file(path)
    # An org printed in traditional script is kept so; compared in simplified form across the variants.
    org = to_simplified(r.org) if r.org else None
    return org, r.year, r.level, {k: v for k, v in (r.metrics or {}).items() if v is not None}


def count_changes(items, show: bool = False) -> tuple[int, dict[str, int], dict[str, int]]:
    """(excerpts read, variants tried, parses changed) per variant, over (name, text) items."""
    tried = dict.fromkeys(VARIANTS, 0)
    changed = dict.fromkeys(VARIANTS, 0)
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "x.txt"
        for name, text in items:
            n += 1
            p.write_text(text, encoding="utf-8")
            base = _key(p)
            for v, fn in VARIANTS.items():
                alt = fn(text)
                if alt is None:
                    continue
                tried[v] += 1
                p.write_text(alt, encoding="utf-8")
                got = _key(p)
                if got != base:
                    changed[v] += 1
                    if show:
                        diff = {k: (base[3].get(k), got[3].get(k)) for k in base[3].keys() | got[3].keys()
                                if base[3].get(k) != got[3].get(k)}
                        print(f"{v:<16} {name}: {base[:3]} -> {got[:3]} {diff}")
    return n, tried, changed


def main() -> int:
    """Parse every excerpt as written and in each variant; print how many items each variant changes."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--show", action="store_true", help="print each changed item and what changed")
    args = ap.parse_args(sys.argv[1:])
    n, tried, changed = count_changes(excerpts(Path(args.shared)), args.show)
    if not n:
        print(f"no excerpts under {args.shared}/real", file=sys.stderr)
        return 1
    print(f"{n} excerpts (dev + dev2 tuning items)")
    print(f"{'variant':<16} {'tried':>5} {'changed':>7}")
    for v in VARIANTS:
        print(f"{v:<16} {tried[v]:>5} {changed[v]:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
