"""A fresh Datasette answers its first Chinese search: jieba's dictionary loads at start-up, not inside a query."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap

from report_parser.store import fts
from report_parser.research.export import datasette_metadata

# Run in a new interpreter: jieba must not be loaded yet, as on a server that has just started.
FIRST_REQUEST = textwrap.dedent("""
    import asyncio, json, sys
    from datasette.app import Datasette

    assert "jieba" not in sys.modules
    db, meta = sys.argv[1], json.loads(sys.argv[2])

    async def go():
        ds = Datasette([db], metadata=meta)  # default settings: sql_time_limit_ms 1000
        return await ds.client.get("/reports/search_text.json?q=政策解读工作&_shape=objects")

    r = asyncio.run(go())
    print(json.dumps({"status": r.status_code, "body": r.text}))
""")


def _index(path, parts: int = 400) -> None:
    """A database holding only the search index: enough parts mentioning 政策解读 that the query runs past the
    1000 SQLite steps after which Datasette first checks its time limit (a tiny index never trips it)."""
    conn = sqlite3.connect(path)
    for stmt in fts._DDL:
        conn.execute(stmt)
    text = "本年度开展政策解读工作12次。"
    seg = fts.segment(text)
    conn.executemany(f"INSERT INTO {fts.TABLE} (section_id, report_id, org, year, key, heading, text, text_seg) "
                     "VALUES (?, ?, '清河镇人民政府', 2020, 'response', '四、政策解读', ?, ?)",
                     [(f"s{i}", f"r{i}", text, seg) for i in range(parts)])
    conn.execute(f"INSERT INTO {fts.FTS}({fts.FTS}) VALUES ('rebuild')")
    conn.commit()
    conn.close()


def test_first_search_on_a_fresh_server_answers_200(tmp_path):
    db = tmp_path / "reports.db"
    _index(db)
    meta = json.dumps(datasette_metadata("reports"), ensure_ascii=False)
    # A new temp folder has no jieba.cache: the dictionary is built from scratch, as on a new machine or container.
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    out = subprocess.run([sys.executable, "-c", FIRST_REQUEST, str(db), meta], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout.strip().splitlines()[-1])
    assert r["status"] == 200, r["body"]
    assert {x["key"] for x in json.loads(r["body"])["rows"]} == {"response"}
