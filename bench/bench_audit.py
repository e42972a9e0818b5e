"""Audit precision/recall per rule on a generated corpus with injected defects (synth truth lists them).

Run:  python bench/bench_audit.py --orgs 20 --years 2016-2024 --formats txt,docx,html --defects 0.3 --seed 1
It generates the corpus into a temporary folder (or --out), parses every file with the pipeline,
audits the batch (single-report, cross-year and coverage rules) and compares the failed checks of
each document with the defects its truth records. A finding counts when its status is "fail" and
its severity is error or warning (info findings are context, not defects). Also audits the truth
records themselves (--mode truth), which tests the rules apart from the parser.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

# synth defect type -> the rule that must find it
DEFECT_RULE = {
    "missing_part": "C01",
    "breakdown_sum": "A01",
    "s3_imbalance": "A02",
    "s4_total": "A05",
    "prose_table_mismatch": "P01",
    "broken_carry_over": "X01",
    "copied_text": "X03",
    "copied_report": "X05",
    "wrong_title_year": "M01",
    "late_publication": "M04",
    "all_completed_claim": "P05",
    "prose_zero_fees": "P06",
    "outline_skip": "C06",
    "outline_shift": "C07",
    "outline_subtopic": "C08",
}
PROSE_RULES = {"requests.received": "P01", "requests.answered": "P02", "review.total": "P03", "litigation.total": "P04"}


def expected_rules(defects: list[dict]) -> set[str]:
    """Rules a document's recorded defects should trigger."""
    out = set()
    for d in defects:
        rule = DEFECT_RULE.get(d["type"])
        if d["type"] == "prose_table_mismatch":
            rule = PROSE_RULES.get(d.get("details", {}).get("metric"), rule)
        if rule:
            out.add(rule)
    return out


def load_truth(out: Path) -> dict[str, dict]:
    """Truth dicts by document path relative to the corpus folder (docs/o0001-2019.txt)."""
    return {json.loads(p.read_text(encoding="utf-8"))["source"]["path"]: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((out / "truth").glob("*.json"))}


def score(findings: list[dict], doc_of: dict[str, str], truth: dict[str, dict]) -> dict:
    """Per-rule TP/FP/FN at document level, plus clean documents with any finding."""
    found: dict[str, set[str]] = defaultdict(set)
    na: Counter = Counter()
    for x in findings:
        doc = doc_of.get(x["report"] or "")
        if doc is None:
            continue
        if x["status"] == "fail" and x["severity"] != "info":
            found[doc].add(x["rule_id"])
        elif x["status"] == "not_assessable":
            na[x["rule_id"]] += 1
    per: dict[str, Counter] = defaultdict(Counter)
    clean_hits, fp_examples, unobservable = [], [], []
    for doc, t in truth.items():
        want, got = expected_rules(t["defects"]), found.get(doc, set())
        if "X03" in want and not _copy_observable(doc, t, truth):
            want.discard("X03")
            unobservable.append(doc)
        if "X05" in want and "copied_report" in _previous_defects(t, truth):
            want.discard("X05")  # last year's document is itself in the wording of the year before
            unobservable.append(doc)
        for r in want | got:
            key = "tp" if r in want and r in got else ("fn" if r in want else "fp")
            per[r][key] += 1
            if key == "fp" and len(fp_examples) < 15:
                fp_examples.append((doc, r))
        if not t["defects"] and got:
            clean_hits.append((doc, sorted(got)))
    return {"per_rule": per, "not_assessable": na, "clean_with_findings": clean_hits, "fp_examples": fp_examples,
            "unobservable": unobservable,
            "docs": len(truth), "clean_docs": sum(1 for t in truth.values() if not t["defects"])}


def _previous_defects(t: dict, truth: dict[str, dict]) -> set[str]:
    """Defect types of the same body's document of the year before."""
    code, year = t["generator"]["org_code"], t["year"]
    return {d["type"] for u in truth.values() if u["generator"]["org_code"] == code and u["year"] == year - 1
            for d in u["defects"]}


def _copy_observable(doc: str, t: dict, truth: dict[str, dict]) -> bool:
    """Whether a copied_text defect can be seen: the previous year's document must print the copied part.
    The generator copies the text it *would* have printed, so when last year's part was itself removed
    (missing_part) or replaced (copied_text, copied_report), there is nothing in the corpus to compare with."""
    code, year = t["generator"]["org_code"], t["year"]
    prev = [p for p, u in truth.items() if u["generator"]["org_code"] == code and u["year"] == year - 1]
    copied = {k for d in t["defects"] if d["type"] == "copied_text" for k in d["keys"]}
    for p in prev:
        for d in truth[p]["defects"]:
            # copied_report prints every part in the wording of the year before, not the one copied here
            if d["type"] == "copied_report" or d["type"] in ("missing_part", "copied_text") and copied & set(d["keys"]):
                return False
    return bool(prev)


def audit_parsed(out: Path, truth: dict[str, dict]):
    """Parse every generated file and audit the batch; returns (findings, sha->doc, seconds to parse, to audit)."""
    from report_parser.audit import audit_reports
    from report_parser.audit.sources import from_files

    t0 = time.perf_counter()
    loaded = from_files([str(out / doc) for doc in truth])
    t1 = time.perf_counter()
    findings = audit_reports(loaded.reports, loaded.texts)
    t2 = time.perf_counter()
    doc_of = {r.source["sha256"]: str(Path(r.source["path"]).relative_to(out)) for r in loaded.reports}
    return findings, doc_of, t1 - t0, t2 - t1, loaded.failed


def audit_db(out: Path, truth: dict[str, dict], reread: bool = False):
    """Ingest the corpus into a fresh SQLite database and audit from the store (no full text there:
    similarity falls back to figure sentences and headings)."""
    from report_parser.audit import audit_reports
    from report_parser.audit.sources import from_store
    from report_parser.ingest import ingest
    from report_parser.store.db import Store

    db = str(out / "bench-audit.db")
    t0 = time.perf_counter()
    ingest([str(out / "docs")], db=db, workers=2, quiet=True)
    t1 = time.perf_counter()
    with Store(db) as store:
        loaded = from_store(store, reread=reread)
    findings = audit_reports(loaded.reports, loaded.texts)
    t2 = time.perf_counter()
    doc_of = {}
    for r in loaded.reports:
        p = r.source.get("path") or ""
        doc_of[r.source["sha256"]] = p[p.index("docs/"):] if "docs/" in p else p
    return findings, doc_of, t1 - t0, t2 - t1


def audit_truth(truth: dict[str, dict]):
    """Audit the truth records themselves (no text: similarity uses figure sentences and headings)."""
    from report_parser.audit import audit_reports
    from report_parser.record import Report
    from report_parser.synth.truth import record_fields

    reports = []
    for doc, t in truth.items():
        d = record_fields(t)
        d["figures"] = [{"span": [0, 0], **f} for f in d["figures"]]  # truth figures carry no span
        r = Report.from_dict(d)
        r.source["sha256"] = "truth:" + doc
        reports.append(r)
    t0 = time.perf_counter()
    findings = audit_reports(reports)
    return findings, {"truth:" + d: d for d in truth}, time.perf_counter() - t0


def table(name: str, s: dict) -> str:
    """The per-rule table as Markdown."""
    lines = [f"### {name}: {s['docs']} documents, {s['clean_docs']} clean",
             "", "| rule | defects | found (TP) | missed (FN) | false alarms (FP) | precision | recall |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in sorted(s["per_rule"]):
        c = s["per_rule"][r]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
        rec = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
        lines.append(f"| {r} | {c['tp'] + c['fn']} | {c['tp']} | {c['fn']} | {c['fp']} | {p:.2f} | {rec:.2f} |")
    lines.append(f"\nclean documents with a warning/error finding: {len(s['clean_with_findings'])}")
    if s["unobservable"]:
        lines.append(f"copied_text/copied_report defects left out of X03/X05 recall because last year's document does not print the "
                     f"copied part (truth inconsistency): {', '.join(s['unobservable'])}")
    for doc, rules in s["clean_with_findings"][:10]:
        lines.append(f"  {doc}: {', '.join(rules)}")
    if s["fp_examples"]:
        lines.append("false-alarm examples: " + "; ".join(f"{d} {r}" for d, r in s["fp_examples"]))
    if s["not_assessable"]:
        lines.append("not assessable: " + ", ".join(f"{r} {n}" for r, n in sorted(s["not_assessable"].items())))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orgs", type=int, default=20)
    ap.add_argument("--years", default="2016-2024")
    ap.add_argument("--formats", default="txt,docx,html")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--defects", type=float, default=0.3)
    ap.add_argument("--out", default=None, help="corpus folder (default: a temporary one, removed after)")
    ap.add_argument("--mode", choices=["parsed", "truth", "db", "both", "all"], default="both",
                    help="both = truth + parsed; all = truth + parsed + db")
    ap.add_argument("--json", default=None, help="also write the scores as JSON here")
    a = ap.parse_args(argv)

    from report_parser.synth import generate

    with tempfile.TemporaryDirectory(prefix="rp-bench-audit-") as tmp:
        out = Path(a.out or tmp)
        t0 = time.perf_counter()
        generate(out, orgs=a.orgs, years=a.years, formats=a.formats, seed=a.seed, defects=a.defects)
        print(f"generated {a.orgs} orgs × {a.years} ({a.formats}, defects {a.defects}, seed {a.seed}) "
              f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        truth = load_truth(out)
        results = {}
        if a.mode in ("truth", "both", "all"):
            findings, doc_of, secs = audit_truth(truth)
            results["truth records"] = score(findings, doc_of, truth)
            print(f"audited truth records in {secs:.2f} s", file=sys.stderr)
        if a.mode in ("parsed", "both", "all"):
            findings, doc_of, parse_s, audit_s, failed = audit_parsed(out, truth)
            results["parsed documents"] = score(findings, doc_of, truth)
            print(f"parsed in {parse_s:.1f} s, audited in {audit_s:.2f} s; {len(failed)} unreadable", file=sys.stderr)
        if a.mode in ("db", "all"):
            for reread in (False, True):
                findings, doc_of, ingest_s, audit_s = audit_db(out, truth, reread)
                name = "database" + (" + --reread (files read again for text)" if reread else " (text rebuilt from sections.text)")
                results[name] = score(findings, doc_of, truth)
                print(f"{name}: ingest {ingest_s:.1f} s, load and audit {audit_s:.2f} s", file=sys.stderr)
    for name, s in results.items():
        print(table(name, s) + "\n")
    if a.json:
        Path(a.json).write_text(json.dumps({k: {**v, "per_rule": {r: dict(c) for r, c in v["per_rule"].items()},
                                                "not_assessable": dict(v["not_assessable"])}
                                            for k, v in results.items()}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
