"""X05: the share of a report's prose repeated from the same body's previous-year report (numbers and dates removed)."""
from __future__ import annotations


from .catalogue import finding, params
from .facts import Facts
from .. import lazyre

# Removed before comparing: a copy with this year's figures and dates filled in is still a copy.
_DROP = lazyre.compile(r"\s+|[0-9０-９]+(?:[.．][0-9０-９]+)?|[〇零一二三四五六七八九十]+(?=[年月日])")
_SENTENCE = lazyre.compile(r"[，。；]")


def prose_lines(f: Facts) -> list[str]:
    """Lines of running text: table rows, headings and cell labels (no ，。；) repeat by design and are left out."""
    return [line for line in f.prose.split("\n") if _SENTENCE.search(line)]


def normalised(lines: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The prose without spaces, numbers and dates, and for each kept character its (line, offset)."""
    chars, where = [], []
    for n, line in enumerate(lines):
        pos = 0
        for m in _DROP.finditer(line):
            for i in range(pos, m.start()):
                chars.append(line[i])
                where.append((n, i))
            pos = m.end()
        for i in range(pos, len(line)):
            chars.append(line[i])
            where.append((n, i))
    return "".join(chars), where


def shingles(s: str, k: int) -> set[str]:
    """All k-character substrings of s."""
    return {s[i:i + k] for i in range(len(s) - k + 1)}


def covered(s: str, theirs: set[str], k: int) -> list[bool]:
    """For each character of s, whether it lies in a k-shingle also found in theirs."""
    mark = [False] * len(s)
    for i in range(len(s) - k + 1):
        if s[i:i + k] in theirs:
            mark[i:i + k] = [True] * k
    return mark


def passages(mark: list[bool], where: list[tuple[int, int]], lines: list[str], most: int, width: int) -> list[str]:
    """The longest repeated passages, as printed (numbers and dates included), cut to width characters."""
    runs, start = [], None
    for i, m in enumerate(mark + [False]):
        if m and start is None:
            start = i
        elif not m and start is not None:
            runs.append((start, i - 1))
            start = None
    out = []
    for a, b in sorted(runs, key=lambda r: r[0] - r[1])[:most]:
        (la, ia), (lb, ib) = where[a], where[b]
        text = lines[la][ia:ib + 1] if la == lb else lines[la][ia:] + "…" + lines[lb][:ib + 1]
        out.append(text if len(text) <= width else text[:width] + "…")
    return out


def check(prev: Facts, cur: Facts) -> list:
    """X05: more than the threshold share of this year's prose repeats last year's report of the same body."""
    if prev.text is None or cur.text is None:
        return []  # figure sentences alone are no measure of a report's wording
    p = params("X05")
    k = p["shingle_chars"]
    lines = prose_lines(cur)
    mine, where = normalised(lines)
    if len(mine) < p["min_chars"]:
        return []
    mark = covered(mine, shingles(normalised(prose_lines(prev))[0], k), k)
    share = sum(mark) / len(mine)
    if share <= p["threshold"]:
        return []
    found = passages(mark, where, lines, p["passages"], p["passage_chars"])
    return [finding("X05", cur.report, keys=["text:all", "previous:text"],
                    values={"share": round(share, 3), "repeated_chars": sum(mark), "chars": len(mine),
                            "previous_report": prev.report.source.get("sha256"), "passages": found},
                    share=f"{share:.0%}", prev_year=prev.report.year, repeated=sum(mark), total=len(mine),
                    example=found[0] if found else "")]
