"""compare over a database of 100,000 generated reports on SQLite: how long does a pivot take?

Rows are generated straight into the schema (not parsed documents): 10 years × N/10 organisations in a
province › city › county › town tree, each report with the 11 core metrics and 8 table cells.

    python bench/bench_compare.py --reports 100000 --db /tmp/bench-compare.db [--json bench/compare.json]

The database is built once and reused when it already holds the asked number of reports.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

METRICS = ["active.items", "active.items_cumulative", "requests.received", "requests.completed",
           "requests.carry_over", "requests.carry_forward", "review.total", "litigation.total",
           "response.policy_interpretations", "response.opinion_incidents", "fees.collected_yuan"]
CELLS = ["s3.new_received.total", "s3.carry_over.total", "s3.result_total.total", "s3.carry_forward.total",
         "s3.not_open.third_party.total", "s3.not_open.state_secret.total", "s4.review.total",
         "s4.litigation_direct.total"]
YEARS = list(range(2015, 2025))


def build(url: str, n_reports: int, seed: int = 1) -> None:
    """Fill an empty database with n_reports generated reports (metrics and cells)."""
    import sqlalchemy as sa

    from report_parser.store import schema as S
    from report_parser.store.orgs import assign
    from report_parser.store.db import Store, now_iso

    rnd = random.Random(seed)
    store = Store(url)
    n_orgs = n_reports // len(YEARS)
    ts = now_iso()
    reports, metrics, cells = [], [], []
    for o in range(n_orgs):
        prov, city, county, town = o // 2000, o // 400, o // 20, o
        names = {"province": f"省{prov:02d}省", "city": f"市{city:03d}市", "county": f"县{county:04d}县",
                 "town": f"镇{town:05d}镇"}
        for y in YEARS:
            rid = f"{o:08d}{y:04d}{0:04d}"[:16]
            era = "pre2019" if y < 2019 else "gb2019" if y < 2021 else "gb2021"
            reports.append({"id": rid, "sha256": rid * 4, "format": "txt", "title": f"{y}年报告",
                            "org": f"{names['county']}{names['town']}人民政府", "region_province": names["province"],
                            "region_city": names["city"], "region_county": names["county"],
                            "region_town": names["town"], "level": "township", "year": y, "era": era,
                            "status": "ok", "parser_version": "bench", "ingested_at": ts, "ocr_pages": 0,
                            "missing_sections": []})
            for m in METRICS:
                if rnd.random() < 0.9:  # some metrics are not stated: compare must show them missing
                    v = str(rnd.randint(0, 500))
                    metrics.append({"report_id": rid, "metric": m, "value": v, "value_float": float(v),
                                    "source_kind": "figure", "source_ref": "1", "source_page": 1,
                                    "source": {"kind": "figure", "ref": 1, "text": f"{m} {v}"}})
            if era != "pre2019":
                for i, k in enumerate(CELLS):
                    v = str(rnd.randint(0, 50))
                    cells.append({"id": f"{rid}:c{i}", "report_id": rid, "position": i, "key": k, "value": v,
                                  "value_float": float(v), "raw": v, "page": 3, "label": [k],
                                  "table_name": k[:2], "template": era, "unit": None, "derived": False,
                                  "ocr": False})
    with store.engine.begin() as conn:
        for table, rows in ((S.reports, reports), (S.metrics, metrics), (S.cells, cells)):
            for i in range(0, len(rows), 20000):
                conn.execute(sa.insert(table), rows[i:i + 20000])
        conn.exec_driver_sql("ANALYZE")
    assign(store.engine)
    store.close()


def captured_sql(engine, run) -> list[tuple[str, tuple]]:
    """The SQL statements and parameters that run() sends to the database."""
    from sqlalchemy import event

    seen: list[tuple[str, tuple]] = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):  # not the BEGIN the store issues
            seen.append((statement, tuple(parameters)))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    return seen


def raw_sql_seconds(db: str, sql: list[tuple[str, tuple]], repeat: int) -> float:
    """The floor: the same statements through the sqlite3 module with every row fetched, min of repeat runs."""
    import sqlite3

    conn = sqlite3.connect(db)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for stmt, params in sql:
            conn.execute(stmt, params).fetchall()
        times.append(time.perf_counter() - t)
    conn.close()
    return min(times)


def query_plan(db: str, stmt: str, params: tuple) -> list[str]:
    """SQLite's EXPLAIN QUERY PLAN of one statement, one step a string."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + stmt, params)]
    finally:
        conn.close()


QUERIES = [
    ("one county, 10 years, 1 metric", ["requests.received"], {"county": "县0042县", "years": "2015-2024"}),
    ("one city, 3 metrics + 2 cells", ["requests.received", "review.total", "active.items",
                                       "s3.not_open.third_party.total", "s4.review.total"], {"city": "市017市"}),
    ("one province, 1 metric, 2019-2024", ["requests.received"], {"province": "省03省", "years": "2019-2024"}),
    ("name pattern, 1 cell", ["s3.not_open.third_party.total"], {"name": "*镇0012*"}),
    ("all 100k reports, 1 metric", ["requests.received"], {}),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--db", default="/tmp/bench-compare.db")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()

    import sqlalchemy as sa

    from report_parser.research.compare import Filters, compare, parse_years
    from report_parser.store.db import Store, resolve_url

    url = resolve_url(args.db)
    have = 0
    if Path(args.db).exists():
        with Store(url) as s, s.engine.connect() as conn:
            have = conn.execute(sa.text("select count(*) from reports")).scalar()
    if have != args.reports:
        Path(args.db).unlink(missing_ok=True)
        t = time.perf_counter()
        build(url, args.reports)
        print(f"built {args.reports} reports in {time.perf_counter() - t:.1f} s")
    results = []
    with Store(url) as store:
        for label, items, kw in QUERIES:
            kw = dict(kw)
            lo, hi = parse_years(kw.pop("years", None))
            f = Filters(year_from=lo, year_to=hi, **kw)
            sql = captured_sql(store.engine, lambda: compare(store.engine, items, f))
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                res = compare(store.engine, items, f)
                rows = res.rows()
                times.append(time.perf_counter() - t)
            raw = raw_sql_seconds(args.db, sql, args.repeat)
            values = sum(len(v) for v in res.values.values())
            ratio = min(times) / raw
            results.append({"query": label, "values": values, "pivot_rows": len(rows),
                            "median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4),
                            "max_s": round(max(times), 4), "raw_sql_min_s": round(raw, 4),
                            "ratio_to_raw_sql": round(ratio, 2)})
            print(f"{label:40s} {values:7d} values {len(rows):6d} rows  median {statistics.median(times):.4f} s"
                  f"  min {min(times):.4f} s  raw SQL min {raw:.4f} s  = {ratio:.2f}× raw")
            for stmt, params in sql:
                print("    plan:", " | ".join(query_plan(args.db, stmt, params)))
    if args.json:
        Path(args.json).write_text(json.dumps({"reports": args.reports, "results": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
