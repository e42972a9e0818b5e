"""Time and peak memory of every hostile-corpus case, each parsed in a fresh process.

Usage: python bench/hostile.py [--pages 2000] [--only bomb.docx pages-2000.pdf] [--no-ingest]

Prints a Markdown table: case, expected code, status and codes obtained, wall time, peak RSS (MB), then
one row for the whole corpus through `report-parser ingest -j 2` with the peak RSS of its whole
process tree (the ingest process and every worker). The corpus comes from tests/make_hostile.py;
timings are for the notes, never asserted in tests.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

_CHILD = r"""
import json, re, resource, sys, time
t = time.monotonic()
from report_parser.pipeline import parse_file


def peak_mb():
    # VmHWM belongs to this process's own address space; ru_maxrss on Linux keeps the parent's
    # high-water mark across fork/exec and would report the test runner's memory instead.
    try:
        with open("/proc/self/status") as f:
            return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


r = parse_file(sys.argv[1], json.loads(sys.argv[2]))  # special files included: nothing may hang
print(json.dumps({"status": r.status, "codes": [i.code for i in r.issues], "seconds": time.monotonic() - t,
                  "peak_mb": peak_mb()}))
"""


def main() -> None:
    """Build the corpus in a temp folder and measure each case."""
    from make_hostile import CASES, build

    from report_parser.readers.fsnames import readable

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--only", nargs="*", default=None, help="case names to measure (default: all)")
    ap.add_argument("--no-ingest", action="store_true", help="skip the whole-corpus ingest row")
    args = ap.parse_args()
    extra = [("pages-2000.pdf", {"max_pages": 2000}, "all 2,000 pages read")]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        build(Path(tmp), args.pages)
        print(f"corpus built in {time.monotonic() - t0:.1f} s\n")
        print("| case | expected | got | wall s (incl. start-up) | parse s | peak RSS MB |")
        print("|---|---|---|---:|---:|---:|")
        runs = [(c.name, c.options or {}, c.code or c.status) for c in CASES] + extra
        for name, options, expected in runs:
            if args.only and name not in args.only:
                continue
            t = time.monotonic()
            out = subprocess.run([sys.executable, "-c", _CHILD, str(Path(tmp) / name), json.dumps(options)],
                                 capture_output=True, text=True, timeout=600)
            wall = time.monotonic() - t
            if out.returncode:
                print(f"| {name} | {expected} | CRASH: {out.stderr.strip().splitlines()[-1][:80]} | {wall:.2f} | | |")
                continue
            r = json.loads(out.stdout)
            label = readable(name).replace("|", "\\|") + (f" {json.dumps(options)}" if options else "")
            print(f"| {label} | {expected} | {r['status']} {','.join(r['codes'])} | {wall:.2f} | "
                  f"{r['seconds']:.2f} | {r['peak_mb']:.0f} |")
        if not args.no_ingest:
            _ingest_row(Path(tmp))


# The ingest row runs in a small wrapper so that RUSAGE_CHILDREN holds only the ingest's process tree:
# ru_maxrss of children is the largest resident set of any waited-for descendant.
_TREE = r"""
import json, resource, subprocess, sys
out = subprocess.run(sys.argv[1:], capture_output=True)
print(json.dumps({"rc": out.returncode, "summary": out.stdout.decode("utf-8", "replace"),
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _ingest_row(corpus: Path) -> None:
    """The whole corpus through `report-parser ingest -j 2` (default limits): exit code, time, tree peak."""
    db = corpus.parent / "bench-hostile.db"
    t = time.monotonic()
    out = subprocess.run([sys.executable, "-c", _TREE, sys.executable, "-m", "report_parser", "ingest", str(corpus),
                          "--db", str(db), "-j", "2", "--json", "-q"], capture_output=True, text=True, timeout=1800)
    wall = time.monotonic() - t
    r = json.loads(out.stdout)
    s = json.loads(r["summary"])
    codes = ",".join(f"{c}×{n}" for c, n in sorted(s["failed_by_code"].items()))
    print(f"| whole corpus, `ingest -j 2` (exit {r['rc']}) | all | {s['counts']['ok']} ok, "
          f"{s['counts']['partial']} partial, {s['counts']['duplicate']} duplicate, failed {codes} | {wall:.2f} | "
          f"{s['seconds']:.2f} | {r['peak_mb']:.0f} (process tree) |")


if __name__ == "__main__":
    main()
