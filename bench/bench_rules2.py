"""False positives of the rule-pack-2 rules on material with no injected defect.

Sets: the bundled corpus (corpus/seed, and corpus/synth, whose manifest lists the defects injected in it: its
outline_shift and outline_subtopic documents are found by C07 and C08), a fresh clean `synth` corpus, the real dev excerpts
(../shared/real/dev), the tuning items of dev2 (numbers not a multiple of 3: the others are held out and never
read here) and the real PDFs (../shared/real/pdf). Each set is audited as one batch (so cross-year rules pair a
body's years) and every `fail` of the listed rules is printed with its message, to be read by hand.

    PYTHONPATH=src python bench/bench_rules2.py [--rules C06,M04] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ("C06", "C07", "C08", "P05", "P06", "M04")


def _excerpts(folder: Path, tmp: Path, skip_held: bool) -> list[str]:
    """The excerpts of a dev-shaped folder written as .txt files (held-out items of dev2 are skipped unread)."""
    out = []
    for f in sorted(folder.glob("*.json")):
        if skip_held and f.stem.isdigit() and int(f.stem) % 3 == 0:
            continue  # held out: never opened
        d = json.loads(f.read_text(encoding="utf-8"))
        if isinstance(d.get("text"), str):
            p = tmp / f"{folder.name}-{f.stem}.txt"
            p.write_text(d["text"], encoding="utf-8")
            out.append(str(p))
    return out


def sets(shared: Path, tmp: Path) -> dict[str, list[str]]:
    """The named sets of input files."""
    from report_parser import synth

    fresh = tmp / "synth-clean"
    synth.generate(fresh, orgs=12, years="2016-2024", formats="txt,docx,html", seed=11, defects=0.0)
    out = {"corpus/seed": [str(p) for p in sorted((ROOT / "corpus" / "seed").iterdir())],
           "corpus/synth": [str(p) for p in sorted((ROOT / "corpus" / "synth" / "docs").iterdir())],
           "synth (fresh, clean, seed 11)": [str(p) for p in sorted((fresh / "docs").iterdir())]}
    real = shared / "real"
    if real.is_dir():
        out["real/dev"] = _excerpts(real / "dev", tmp, skip_held=False)
        out["real/dev2 (tuning items)"] = _excerpts(real / "dev2", tmp, skip_held=True)
        out["real/pdf"] = [str(p) for p in sorted((real / "pdf").glob("*.pdf"))]
    return out


def audit_set(paths: list[str], rules: tuple[str, ...]) -> tuple[int, list[dict]]:
    """Parse and audit one set as a batch; the number of reports and the failures of the rules."""
    from report_parser.audit import audit_reports
    from report_parser.audit.sources import from_files

    loaded = from_files(paths)
    found = audit_reports(loaded.reports, loaded.texts)
    path_of = {r.source.get("sha256"): r.source.get("path") for r in loaded.reports}
    hits = [dict(x, path=path_of.get(x["report"])) for x in found if x["rule_id"] in rules and x["status"] == "fail"]
    return len(loaded.reports), hits


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", default=",".join(RULES))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args(argv)
    rules = tuple(r.strip().upper() for r in a.rules.split(",") if r.strip())
    total = Counter()
    with tempfile.TemporaryDirectory(prefix="rp-rules2-") as tmp:
        for name, paths in sets(Path(a.shared), Path(tmp)).items():
            t0 = time.perf_counter()
            n, hits = audit_set(paths, rules)
            counts = Counter(x["rule_id"] for x in hits)
            total.update(counts)
            print(f"## {name}: {n} reports, {len(hits)} findings of {','.join(rules)} "
                  f"({time.perf_counter() - t0:.1f} s) {dict(sorted(counts.items()))}")
            for x in hits:
                print(f"  {x['rule_id']} {Path(x['path'] or '?').name}: {x['message_en'][:160]}")
    print(f"total: {dict(sorted(total.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
