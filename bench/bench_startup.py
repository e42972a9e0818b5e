"""Start-up of the CLI in a fresh process, as a difference to and ratio of `python -c pass` (issue 18).

    python bench/bench_startup.py [--runs 20] [--file corpus/seed/qianwei-2017.txt]

Hyperfine-like: each command runs N times, interleaved so that machine load falls on all alike; min and median
wall times are printed with the difference to the bare interpreter, the figure the targets are set in.
The children write and use .pyc files (in a temporary PYTHONPYCACHEPREFIX, so the tree stays clean) as an
installed package does, even where PYTHONDONTWRITEBYTECODE is set; --no-pyc measures without them.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def commands(file: str, src: str, before: str | None) -> dict[str, tuple[list[str], str]]:
    """The commands timed, by label, with the source tree each runs: the bare interpreter first (the baseline)."""
    py = sys.executable
    out = {"python -c pass": ([py, "-c", "pass"], src)}
    for tag, tree in (("", src), (" (before)", before)):
        if tree:
            out[f"--help{tag}"] = ([py, "-m", "report_parser", "--help"], tree)
            out[f"parse {Path(file).name}{tag}"] = ([py, "-m", "report_parser", "parse", file], tree)
    return out


def time_once(cmd: list[str], src: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of cmd with src on PYTHONPATH, output discarded."""
    env = dict(os.environ, PYTHONPATH=src)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = 0  # reaped by wait4
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--file", default=str(ROOT / "corpus/seed/qianwei-2017.txt"))
    ap.add_argument("--src", default=os.environ.get("PYTHONPATH") or str(ROOT / "src"),
                    help="the report_parser source tree to time (default: this checkout's src)")
    ap.add_argument("--before", help="another source tree timed in the same run, e.g. a `git archive` of a commit")
    ap.add_argument("--no-pyc", action="store_true", help="compile every module from source in every run")
    args = ap.parse_args()
    if args.no_pyc:
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        # Without cached bytecode each run compiles ~35 modules from source (~0.1 s), which no installed copy does.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="bench-startup-pyc-")
    cmds = commands(args.file, args.src, args.before)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    cpus: dict[str, list[float]] = {k: [] for k in cmds}
    for cmd, src in cmds.values():
        time_once(cmd, src)  # warm the page cache and the .pyc files
    for _ in range(args.runs):
        for label, (cmd, src) in cmds.items():
            wall, cpu = time_once(cmd, src)
            times[label].append(wall)
            cpus[label].append(cpu)
    base, cpu_base = min(times["python -c pass"]), min(cpus["python -c pass"])
    print(f"bytecode: {'compiled every run' if args.no_pyc else 'cached'}; load average {os.getloadavg()[0]:.2f}")
    # CPU time (user + system) moves less than wall time when other jobs share the cores: a second view.
    print(f"{'command':34s} {'min':>8s} {'median':>8s} {'min - pass':>11s} {'min / pass':>10s} "
          f"{'CPU min':>8s} {'CPU - pass':>11s}   ({args.runs} runs)")
    for label, ts in times.items():
        lo, cpu = min(ts), min(cpus[label])
        print(f"{label:34s} {lo * 1000:6.1f}ms {statistics.median(ts) * 1000:6.1f}ms "
              f"{(lo - base) * 1000:+9.1f}ms {lo / base:9.1f}× {cpu * 1000:6.1f}ms {(cpu - cpu_base) * 1000:+9.1f}ms")


if __name__ == "__main__":
    main()
