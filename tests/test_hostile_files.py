"""Issue 15: special files, oversized files and names that are not UTF-8 in an ingested folder; orphaned workers."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from make_hostile import GBK_EMPTY_NAME, GBK_NAME, RAW_NAME, REPORT_PARAS, SPECIAL, report_docx
from report_parser.readers import files, fsnames
from report_parser.errors import InputError

pytest.importorskip("sqlalchemy")

MAX_MEMORY_MB = 1024  # the worker ceiling the ingest runs with (its default)
TREE_MARGIN_MB = 200  # the whole process tree may peak at most this far above one worker's ceiling

# name -> expected code (None: stored as a report)
EXPECTED = {
    "fifo.pdf": "NOT_A_REGULAR_FILE",
    "dev-zero.pdf": "NOT_A_REGULAR_FILE",
    "sparse.pdf": "TOO_LARGE",
    GBK_NAME: None,
    GBK_EMPTY_NAME: "EMPTY_FILE",
    RAW_NAME: None,
}


@pytest.fixture()
def special_dir(tmp_path) -> Path:
    """A FIFO, a symlink to /dev/zero, a 64 MB sparse file (limit 8 MB) and three names that are not UTF-8."""
    d = tmp_path / "archive"
    d.mkdir()
    SPECIAL["fifo.pdf"](d / "fifo.pdf")
    SPECIAL["dev-zero.pdf"](d / "dev-zero.pdf")
    with open(d / "sparse.pdf", "wb") as f:
        f.truncate(64 * 1024 * 1024)
    (d / GBK_NAME).write_text("\n".join(REPORT_PARAS), encoding="utf-8")
    (d / GBK_EMPTY_NAME).write_bytes(b"")
    (d / RAW_NAME).write_bytes(report_docx())
    return d


# Run a command and print the peak RSS of its whole process tree: RUSAGE_CHILDREN's ru_maxrss is the
# largest resident set of any waited-for descendant (the ingest process and every worker it joined).
_TREE_PEAK = r"""
import json, resource, subprocess, sys
out = subprocess.run(sys.argv[1:], capture_output=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rc": out.returncode, "stdout": out.stdout.decode("utf-8", "replace"),
                  "stderr": out.stderr.decode("utf-8", "replace"), "peak_mb": peak}))
"""


def _run_tree(args: list[str], cwd: Path, timeout: float = 300) -> dict:
    out = subprocess.run([sys.executable, "-c", _TREE_PEAK, *args], capture_output=True, text=True, cwd=cwd,
                         timeout=timeout)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_ingest_of_special_files_and_odd_names_completes_with_a_code_each(special_dir, tmp_path):
    db = tmp_path / "x.db"
    res = _run_tree([sys.executable, "-m", "report_parser", "ingest", str(special_dir), "--db", str(db),
                     "--json", "-j", "2", "--max-memory", str(MAX_MEMORY_MB), "--max-file-size", "8"], tmp_path)
    assert res["rc"] == 1, res["stderr"]  # some files failed
    assert "Traceback" not in res["stderr"]
    assert res["peak_mb"] < MAX_MEMORY_MB + TREE_MARGIN_MB, res["peak_mb"]
    summary = json.loads(res["stdout"])
    failed = {Path(f["path"]).name: f["code"] for f in summary["failures"]}
    # The summary shows each name readably: GBK names decoded, undecodable bytes as \xNN.
    assert failed == {fsnames.readable(n): c for n, c in EXPECTED.items() if c}
    assert "空白.pdf" in failed
    con = sqlite3.connect(db)
    stored = dict(con.execute("select p.path, r.status from report_paths p join reports r on r.id = p.report_id"))
    assert {Path(p).name: s for p, s in stored.items()} == {
        fsnames.key(GBK_NAME): "ok", fsnames.key(GBK_EMPTY_NAME): "failed", fsnames.key(RAW_NAME): "ok"}
    for p in stored:  # the stored key gives back the exact file name
        assert os.path.exists(fsnames.from_key(p))
    unread = dict(con.execute("select path, code from issues where report_id is null"))
    assert {Path(p).name: c for p, c in unread.items()} == {
        "fifo.pdf": "NOT_A_REGULAR_FILE", "dev-zero.pdf": "NOT_A_REGULAR_FILE", "sparse.pdf": "TOO_LARGE"}
    assert con.execute("select status from runs").fetchone()[0] == "done"


def test_parse_of_the_same_files_neither_hangs_nor_grows(special_dir, tmp_path):
    names = sorted(os.listdir(special_dir))
    res = _run_tree([sys.executable, "-m", "report_parser", "parse", "--json", "--max-file-size", "8",
                     *[str(special_dir / n) for n in names]], tmp_path, timeout=120)
    assert res["rc"] == 1 and "Traceback" not in res["stderr"], res["stderr"]
    assert res["peak_mb"] < 500, res["peak_mb"]
    codes = {}
    for line in res["stdout"].splitlines():
        rec = json.loads(line)
        failed = [i["code"] for i in rec["issues"]] if rec["status"] == "failed" else []
        codes[Path(rec["source"]["path"]).name] = failed[0] if failed else None
    assert codes == {fsnames.key(n): c for n, c in EXPECTED.items()}


def test_a_regular_file_is_opened_and_special_ones_are_refused_unread(tmp_path):
    SPECIAL["fifo.pdf"](tmp_path / "fifo")
    SPECIAL["dangling-link.pdf"](tmp_path / "dangling")
    SPECIAL["link-loop.docx"](tmp_path / "loop")
    (tmp_path / "real.txt").write_bytes(b"x" * 100)
    os.symlink("real.txt", tmp_path / "link.txt")  # a link to a regular file is followed
    assert files.read_bytes(tmp_path / "link.txt") == b"x" * 100
    for name, code in (("fifo", "NOT_A_REGULAR_FILE"), ("dangling", "BROKEN_LINK"), ("loop", "BROKEN_LINK")):
        with pytest.raises(InputError) as e:
            files.read_bytes(tmp_path / name)
        assert e.value.code == code and name in e.value.message
    with pytest.raises(InputError) as e:
        files.sha256(tmp_path / "real.txt", limit=50)
    assert e.value.code == "TOO_LARGE"


@pytest.mark.parametrize("name", [GBK_NAME, GBK_EMPTY_NAME, RAW_NAME, "普通 名字.txt", "a\\xzz.txt"])
def test_a_name_key_is_storable_and_gives_back_the_name(name):
    k = fsnames.key(name)
    k.encode("utf-8")  # storable in SQLite/PostgreSQL and printable
    assert fsnames.from_key(k) == name
    assert fsnames.readable(name).encode("utf-8")


def test_readable_names_decode_gbk_and_escape_the_rest():
    assert fsnames.readable(GBK_NAME) == "报告-gbk.txt"
    assert fsnames.readable(RAW_NAME) == "r\\xe9sum\\xe9 \\xff\\xfe.docx"


def test_workers_of_a_killed_ingest_exit_without_a_traceback(tmp_path):
    """kill -9 of the ingest process: its workers see the parent gone and end quietly."""
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"slow{i}.txt").write_text("\n".join(REPORT_PARAS) + f"\n{i}", encoding="utf-8")
    env = {**os.environ, "REPORT_PARSER_TEST_HOOK": "sleep:slow:3"}
    err = tmp_path / "stderr"
    with open(err, "wb") as e:
        p = subprocess.Popen([sys.executable, "-m", "report_parser", "ingest", str(d), "--db", str(tmp_path / "x.db"),
                              "-j", "2", "-q"], stdout=subprocess.DEVNULL, stderr=e, env=env)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline:  # wait until both workers run
        time.sleep(0.2)
        workers = {int(x) for x in subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True,
                                                   text=True).stdout.split()}
    time.sleep(2)  # both are parsing a slow file
    p.send_signal(signal.SIGKILL)
    p.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers)
    assert "Traceback" not in err.read_text(errors="replace")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("size", [0, 3, 4096, (1 << 20) - 1, 1 << 20, (1 << 20) + 7])
def test_a_digest_is_hashlib_s_sha256_whichever_module_takes_it(size, monkeypatch):
    import hashlib

    data = os.urandom(size)
    expected = hashlib.sha256(data).hexdigest()
    assert files.digest(data) == expected  # hashlib loaded: OpenSSL's
    monkeypatch.delitem(sys.modules, "hashlib")  # a fresh process's state: the built-in module below 1 MB
    assert files.digest(data) == expected
    assert files._builtin_sha256() is not None  # CPython has one; were it missing, hashlib would take it
