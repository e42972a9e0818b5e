"""Bulk ingestion: discovery, idempotence, replacement, failures that don't stop a batch, kills, races, engines, Dask."""
from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest_pg import *  # noqa: F401,F403
from conftest_pg import dump_rows
from report_parser.errors import UsageError
from report_parser.ingest import TEST_HOOK_ENV, discover, ingest
from report_parser.pipeline import parse_file
from report_parser.store.db import Store, report_id

SECTIONS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")


def report_text(i: int) -> str:
    """A small synthetic plain-text report, different for every i (no real report text in the repo)."""
    year = 2019 + i % 5
    body = [f"测试县第{i}镇人民政府{year}年政府信息公开工作年度报告", ""]
    for n, title in enumerate(SECTIONS):
        body += [title, f"本年度第{n}部分：主动公开政府信息{100 + i * 7 + n}条，收到政府信息公开申请{i + n}件。", ""]
    return "\n".join(body)


def make_corpus(folder: Path, n: int = 6, seed_dir: Path | None = None) -> list[Path]:
    """n text reports (one in a subfolder), a hidden file, plus the bundled seed .docx/.pdf when present."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / ("sub" if i == n - 1 else "") / f"r{i:02d}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(report_text(i), encoding="utf-8")
        out.append(p)
    (folder / ".hidden.txt").write_text(report_text(99), encoding="utf-8")
    if seed_dir is not None:
        for ext in ("docx", "pdf"):
            src = seed_dir / f"qianwei-2017.{ext}"
            if src.exists():
                out.append(Path(shutil.copy(src, folder / src.name)))
    return sorted(out)


@pytest.fixture
def docs(tmp_path, corpus):
    return make_corpus(tmp_path / "docs", seed_dir=corpus / "seed")


def cli(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "report_parser", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, **kw)


def assert_consistent(url: str) -> None:
    """No half-written report: every stored report equals a fresh parse of its file, every report has a path."""
    s = Store(url)
    try:
        counts = s.counts()
        assert counts["reports"] > 0
        for rid in s.report_ids():
            stored = s.load_report(rid)
            assert stored.source["path"] is not None, f"report {rid} has no path"
            if stored.status == "failed":
                continue
            fresh = parse_file(stored.source["path"]).to_dict()
            assert stored.to_dict() == fresh, f"report {rid} differs from a fresh parse"
    finally:
        s.close()
    if url.startswith("sqlite"):
        con = sqlite3.connect(url[len("sqlite:///"):])
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.close()


# ---- discovery --------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern,expected", [
    pytest.param("{d}", ["a.txt", "b.pdf", "sub/c.docx"], id="folder-recursed-hidden-skipped"),
    pytest.param("{d}/*.txt", ["a.txt"], id="glob"),
    pytest.param("{d}/**/*.docx", ["sub/c.docx"], id="recursive-glob"),
    pytest.param("{d}/a.txt", ["a.txt"], id="single-file"),
])
def test_discover_finds_files(tmp_path, pattern, expected):
    d = tmp_path / "d"
    for rel in ("a.txt", "b.pdf", "sub/c.docx", ".hidden", ".git/x.txt", "reports.db", "reports.db-wal"):
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_text("x")
    got = [os.path.relpath(p, d) for p in discover([pattern.format(d=d)])]
    assert got == expected


@pytest.mark.parametrize("pattern", ["{d}/missing.txt", "{d}/*.none"], ids=["missing-file", "empty-glob"])
def test_discover_refuses_paths_that_match_nothing(tmp_path, pattern):
    with pytest.raises(UsageError):
        discover([pattern.format(d=tmp_path)])


# ---- idempotence and replacement ----------------------------------------------------------------

def test_ingesting_twice_writes_nothing_new(docs, sqlite_url):
    first = ingest([docs[0].parent], db=sqlite_url, workers=2)
    rows = dump_rows(sqlite_url)
    second = ingest([docs[0].parent], db=sqlite_url, workers=2)
    assert first.counts["new"] == len(docs) and first.exit_code == 0
    assert second.counts["unchanged"] == len(docs) and second.counts["new"] == 0
    assert dump_rows(sqlite_url) == rows
    assert_consistent(sqlite_url)


def test_force_reparses_every_file_and_keeps_the_same_rows(docs, sqlite_url):
    ingest([docs[0].parent], db=sqlite_url, workers=2)
    rows = dump_rows(sqlite_url)
    again = ingest([docs[0].parent], db=sqlite_url, workers=2, force=True)
    assert again.counts["reparsed"] == len(docs)
    assert dump_rows(sqlite_url) == rows


def test_a_changed_file_replaces_its_report(docs, sqlite_url):
    ingest([docs[0].parent], db=sqlite_url, workers=1)
    target = next(p for p in docs if p.name == "r01.txt")
    old_id = report_id(parse_file(target).source["sha256"])
    target.write_text(report_text(1).replace("测试县", "改名县"), encoding="utf-8")
    res = ingest([docs[0].parent], db=sqlite_url, workers=1)
    assert (res.counts["changed"], res.counts["unchanged"]) == (1, len(docs) - 1)
    s = Store(sqlite_url)
    assert old_id not in s.report_ids() and s.counts()["reports"] == len(docs)
    s.close()
    assert_consistent(sqlite_url)


def test_the_same_content_under_two_paths_is_one_report(docs, sqlite_url, tmp_path):
    copy = tmp_path / "docs" / "copy-of-r00.txt"
    shutil.copy(docs[0], copy)
    res = ingest([docs[0].parent], db=sqlite_url, workers=2)
    s = Store(sqlite_url)
    counts = s.counts()
    s.close()
    assert (counts["reports"], counts["report_paths"]) == (len(docs), len(docs) + 1)
    assert res.counts["duplicate"] == 1
    again = ingest([docs[0].parent], db=sqlite_url, workers=2)
    assert again.counts["unchanged"] == len(docs) + 1


def test_the_bundled_corpus_ingests_and_a_second_run_finds_it_unchanged(corpus, tmp_path):
    if not any((corpus / "seed").glob("*")):
        pytest.skip("the bundled corpus is empty")
    db = str(tmp_path / "reports.db")
    # The whole corpus folder, as the README's main job runs it: gold JSON, the manifest and READMEs sit
    # beside the reports and must be ignored, not parsed into reports.
    first = cli("ingest", str(corpus), "--db", db, "--json", "-q")
    second = cli("ingest", str(corpus), "--db", db, "--json", "-q")
    a, b = json.loads(first.stdout), json.loads(second.stdout)
    assert first.returncode == 0, first.stderr
    documents = a["files_seen"] - a["counts"]["ignored"]
    assert a["counts"]["new"] + a["counts"]["duplicate"] == documents > 0
    assert a["counts"]["failed"] == a["counts"]["skipped"] == 0
    assert b["counts"]["unchanged"] + b["counts"]["duplicate"] == documents
    assert b["counts"]["new"] == 0 and b["counts"]["ignored"] == a["counts"]["ignored"]
    con = sqlite3.connect(db)
    stored = [p for (p,) in con.execute("select path from report_paths")]
    assert not [p for p in stored if p.endswith((".json", ".csv", ".md"))]


def test_data_files_beside_reports_are_ignored_but_a_misnamed_report_is_read(tmp_path, sqlite_url):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "gold.json").write_text('{"org": "前卫镇人民政府", "year": 2017}', encoding="utf-8")
    (folder / "manifest.csv").write_text("path,org\na.txt,前卫镇\n", encoding="utf-8")
    (folder / "report.txt").write_text(report_text(1), encoding="utf-8")
    (folder / "report-no-suffix").write_text(report_text(2), encoding="utf-8")
    res = ingest([str(folder)], db=sqlite_url, workers=1)
    assert res.counts["ignored"] == 2
    assert res.counts["new"] == 2


# ---- failures that do not stop the batch -------------------------------------------------------

@pytest.mark.parametrize("hook,code,kw", [
    pytest.param("sleep:r02:60", "TIMEOUT", {"timeout": 3}, id="timeout"),
    pytest.param("kill:r02", "WORKER_DIED", {}, id="worker-killed-mid-file"),
    pytest.param("alloc:r02:4096", "TOO_LARGE", {"max_memory": 1024}, id="memory-ceiling"),
])
def test_a_bad_file_is_recorded_as_failed_and_the_batch_goes_on(tmp_path, sqlite_url, monkeypatch, hook, code, kw):
    # Text files only: their parse is far below the short test time limit even in a cold worker.
    docs = make_corpus(tmp_path / "docs")
    monkeypatch.setenv(TEST_HOOK_ENV, hook)
    res = ingest([docs[0].parent], db=sqlite_url, workers=2, **kw)
    assert [(Path(p).name, c) for p, c, _ in res.failures] == [("r02.txt", code)]
    assert res.exit_code == 1
    assert res.counts["new"] == len(docs) and res.counts["ok"] == len(docs) - 1
    s = Store(sqlite_url)
    failed = [r for r in s.iter_reports(status="failed")]
    s.close()
    assert [i.code for r in failed for i in r.issues] == [code]
    assert_consistent(sqlite_url)


def test_retry_failed_reparses_a_file_that_failed(docs, sqlite_url, monkeypatch):
    monkeypatch.setenv(TEST_HOOK_ENV, "kill:r02")
    ingest([docs[0].parent], db=sqlite_url, workers=2)
    monkeypatch.delenv(TEST_HOOK_ENV)
    assert ingest([docs[0].parent], db=sqlite_url, workers=2).counts["failed"] == 0
    res = ingest([docs[0].parent], db=sqlite_url, workers=2, retry_failed=True)
    assert res.counts["reparsed"] == 1 and res.exit_code == 0
    s = Store(sqlite_url)
    assert s.report_ids(status="failed") == []
    s.close()


def test_the_cli_exit_codes_summarise_the_batch(docs, tmp_path):
    db = str(tmp_path / "x.db")
    ok = cli("ingest", str(docs[0].parent), "--db", db, "-q")
    (docs[0].parent / "broken.docx").write_bytes(b"PK\x03\x04" + b"\0" * 40 + b"word/document.xml")
    some_failed = cli("ingest", str(docs[0].parent), "--db", db, "-q")
    usage = cli("ingest", str(tmp_path / "nowhere"), "--db", db)
    assert (ok.returncode, some_failed.returncode, usage.returncode) == (0, 1, 2)
    assert "nowhere" in usage.stderr and "Traceback" not in usage.stderr
    assert "failed:" in some_failed.stdout and "unchanged" in some_failed.stdout
    assert ok.stderr == ""  # no progress bar when stderr is not a terminal


# ---- kills and races ----------------------------------------------------------------------------

def _wait_for_reports(db: Path, n: int, proc: subprocess.Popen, limit: float = 120) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else "ingest ended early"
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
            got = con.execute("SELECT count(*) FROM reports").fetchone()[0]
            con.close()
            if got >= n:
                return
        except sqlite3.OperationalError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"fewer than {n} reports after {limit} s")


def test_kill_9_mid_run_leaves_a_consistent_database_and_a_rerun_finishes(tmp_path, corpus):
    docs = make_corpus(tmp_path / "docs", n=12)
    db = tmp_path / "reports.db"
    env = {**os.environ, TEST_HOOK_ENV: "sleep:r06:120"}
    proc = subprocess.Popen([sys.executable, "-m", "report_parser", "ingest", str(tmp_path / "docs"), "--db", str(db),
                             "-j", "1", "-q"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        _wait_for_reports(db, 4, proc)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its worker, mid-run
        proc.communicate()
    url = f"sqlite:///{db}"
    s = Store(url)
    stored = s.counts()["reports"]
    s.close()
    assert 4 <= stored < len(docs)
    assert_consistent(url)
    rerun = cli("ingest", str(tmp_path / "docs"), "--db", str(db), "-q", "--json")
    summary = json.loads(rerun.stdout)
    assert rerun.returncode == 0
    assert (summary["counts"]["unchanged"], summary["counts"]["new"]) == (stored, len(docs) - stored)
    assert_consistent(url)
    con = sqlite3.connect(db)
    runs = con.execute("SELECT status, finished_at IS NULL FROM runs ORDER BY started_at, id").fetchall()
    con.close()
    assert runs == [("interrupted", 1), ("done", 0)]  # the killed run is closed by the next one


@pytest.mark.parametrize("engine", ENGINES)  # noqa: F405
def test_two_ingests_racing_on_one_database_lose_and_duplicate_nothing(tmp_path, engine, request):
    docs = make_corpus(tmp_path / "docs", n=16)
    shutil.copy(docs[3], tmp_path / "docs" / "dup.txt")
    url = f"sqlite:///{tmp_path / 'reports.db'}" if engine == "sqlite" else request.getfixturevalue("pg_url")
    Store(url).close()
    run = [sys.executable, "-m", "report_parser", "ingest", str(tmp_path / "docs"), "--db", url, "-j", "2", "-q"]
    procs = [subprocess.Popen(run, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    s = Store(url)
    counts = s.counts()
    s.close()
    assert (counts["reports"], counts["report_paths"]) == (len(docs), len(docs) + 1)
    assert_consistent(url)


def test_a_run_still_going_is_not_marked_interrupted(tmp_path, corpus):
    url = f"sqlite:///{tmp_path / 'reports.db'}"
    s = Store(url)
    alive = s.start_run({}, "test")  # this process: alive
    s.close()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_pid = int(gone.stdout)  # a process that has ended: dead here, but the run is another machine's
    with sqlite3.connect(tmp_path / "reports.db") as con:
        con.execute("INSERT INTO runs (id, started_at, run_by, pid, parser_version, status) "
                    "VALUES ('other', '2026-01-01', 'someone@elsewhere', ?, 'test', 'running')", (dead_pid,))
    ingest([corpus / "seed"], db=url, workers=1)
    with sqlite3.connect(tmp_path / "reports.db") as con:
        status = dict(con.execute("SELECT id, status FROM runs"))
    assert status[alive] == "running" and status["other"] == "running"


# ---- engines and Dask ---------------------------------------------------------------------------

@pytest.mark.postgres
def test_sqlite_and_postgresql_hold_the_same_rows(docs, sqlite_url, pg_url):
    ingest([docs[0].parent], db=sqlite_url, workers=2)
    ingest([docs[0].parent], db=pg_url, workers=2)
    assert dump_rows(sqlite_url) == dump_rows(pg_url)


@pytest.mark.postgres
def test_a_dask_local_cluster_gives_the_same_rows_as_local_workers(docs, pg_url, pg_server):
    distributed = pytest.importorskip("distributed")
    local_url, drop = new_pg_database(pg_server)  # noqa: F405
    try:
        ingest([docs[0].parent], db=local_url, workers=2)
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, distributed.Client(cluster) as client:
            res = ingest([docs[0].parent], db=pg_url, dask=client)
        assert res.counts["new"] == len(docs) and res.exit_code == 0
        assert dump_rows(pg_url) == dump_rows(local_url)
    finally:
        drop()


def test_workers_are_recycled_without_losing_files(tmp_path, sqlite_url, monkeypatch):
    import importlib

    ingest_mod = importlib.import_module("report_parser.ingest")  # the module: `import … as` gives the function

    docs = make_corpus(tmp_path / "docs", n=7)
    monkeypatch.setattr(ingest_mod, "MAX_TASKS_PER_WORKER", 2)
    res = ingest([tmp_path / "docs"], db=sqlite_url, workers=1)
    assert (res.counts["new"], res.counts["failed"]) == (len(docs), 0)
    assert_consistent(sqlite_url)


def test_the_python_api_ingest_stays_the_function_after_its_module_is_imported(tmp_path, corpus):
    import importlib

    import report_parser as rp

    importlib.import_module("report_parser.ingest")  # what the CLI and the audit do
    url = f"sqlite:///{tmp_path / 'reports.db'}"
    first = rp.ingest([corpus / "seed" / "qianwei-2017.txt"], db=url, workers=1)
    second = rp.ingest([corpus / "seed" / "qianwei-2017.txt"], db=url, workers=1)  # a notebook's second call
    assert (first.counts["new"], second.counts["unchanged"]) == (1, 1)


# ---- reports that need a look -------------------------------------------------------------------

S3_CAPTION = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def test_the_summary_counts_reports_with_an_unread_table_and_without_an_organisation(tmp_path, sqlite_url):
    folder = tmp_path / "look"
    folder.mkdir()
    texts = {
        # the s3 table is there, but its one row dropped the blank cells: nothing can be aligned
        "unread.txt": report_text(1).replace("三、收到和处理政府信息公开申请情况\n",
                                             f"三、收到和处理政府信息公开申请情况\n{S3_CAPTION}\n申请人情况\n"
                                             "一、本年新收政府信息公开申请数量\n3\n3\n"),
        # a glued run with two splits (11 / 0 … or 1 / 10 …): read in part
        "partial.txt": report_text(2).replace("三、收到和处理政府信息公开申请情况\n",
                                              f"三、收到和处理政府信息公开申请情况\n{S3_CAPTION}\n申请人情况\n"
                                              "一、本年新收政府信息公开申请数量110000011\n"
                                              "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"),
        # no body named anywhere (我镇 only)
        "no_org.txt": report_text(3).replace("测试县第3镇人民政府", "我镇"),
        "fine.txt": report_text(4),
    }
    for name, text in texts.items():
        if name != "no_org.txt":  # a body the parser names
            text = "青溪县白沙镇人民政府2022年政府信息公开工作年度报告" + text[text.index("\n"):]
        (folder / name).write_text(text, encoding="utf-8")
    res = ingest([folder], db=sqlite_url, workers=1)
    assert res.attention == {"unread_table": 2, "no_org": 1}
    assert res.to_dict()["attention"] == {"unread_table": 2, "no_org": 1}
    s = Store(sqlite_url)
    try:
        with s.engine.connect() as con:
            import sqlalchemy as sa

            rows = con.execute(sa.text("SELECT p.path, i.code, i.message FROM issues i JOIN report_paths p "
                                       "ON p.report_id = i.report_id WHERE i.code LIKE 'TABLE_%' OR "
                                       "i.code = 'ORG_UNKNOWN'")).all()
    finally:
        s.close()
    got = {(Path(p).name, c) for p, c, _ in rows}
    assert cli("query", "SELECT count(DISTINCT report_id) AS n FROM issues WHERE code IN ('TABLE_UNREAD', "
               "'TABLE_PARTIAL')", "--db", sqlite_url, "--format", "csv").stdout.split() == ["n", "2"]
    assert got == {("unread.txt", "TABLE_UNREAD"), ("partial.txt", "TABLE_PARTIAL"), ("no_org.txt", "ORG_UNKNOWN")}
    msg = next(m for p, c, m in rows if c == "TABLE_PARTIAL")
    assert "table s3" in msg and "cells" in msg and "110000011" not in msg and "2 splits" in msg


def test_the_cli_summary_names_the_reports_that_need_a_look(tmp_path):
    folder = tmp_path / "look"
    folder.mkdir()
    (folder / "no_org.txt").write_text(report_text(3).replace("测试县第3镇人民政府", "我镇"), encoding="utf-8")
    out = cli("ingest", str(folder), "--db", str(tmp_path / "x.db"), "-q")
    assert "reports with an unread table" in out.stdout and "reports without an organisation" in out.stdout
    line = next(x for x in out.stdout.splitlines() if "without an organisation" in x)
    assert line.rstrip(" │|").split()[-1] == "1"


# ---- workers store their own reports (issue 18) ----------------------------------------------------

def test_a_worker_stores_the_report_and_sends_back_only_a_summary(tmp_path, corpus):
    ing = importlib.import_module("report_parser.ingest")  # the module (the package exports the function)

    path = str(corpus / "seed" / "qianwei-2017.txt")
    rec = ing.parse_one(path)
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    task = ing.Task(path, rec["source"]["sha256"], os.path.getsize(path))
    out = ing._store_in_worker(store, task, dict(rec), "run-1")
    assert out[ing.STORED] == "new" and out["status"] == rec["status"]
    assert "figures" not in out and "cells" not in out  # the record itself stays in the worker
    stored = store.load_report(report_id(task.sha256))
    assert len(stored.figures) == len(rec["figures"]) > 0
    assert ing._store_in_worker(store, task, dict(rec), "run-1")[ing.STORED] == "unchanged"


def test_a_worker_that_cannot_write_stops_the_run_with_a_reason(tmp_path, monkeypatch):
    from sqlalchemy import exc

    ing = importlib.import_module("report_parser.ingest")  # the module (the package exports the function)

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")

    def broken(*a, **k):
        raise exc.OperationalError("INSERT INTO reports", {}, Exception("disk I/O error"))

    monkeypatch.setattr(store, "save", broken)
    rec = ing.failed_record("/x/a.txt", "0" * 64, "UNREADABLE", "a.txt: unreadable")
    out = ing._store_in_worker(store, ing.Task("/x/a.txt", "0" * 64, 1), rec, "run-1")
    assert "disk I/O error" in out[ing.STORE_FAILED] and "a.txt" in out[ing.STORE_FAILED]
