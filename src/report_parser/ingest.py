"""Bulk ingestion: find files, parse them in worker processes (or on Dask), store each report in one transaction."""
from __future__ import annotations

import glob
import os
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .readers import fsnames
from .readers.files import MAX_FILE_SIZE, max_size, open_regular, sha256_of
from .errors import InputError, UsageError

# Test-only fault injection, read by worker processes only (see docs/notes/store-ingest.md):
# "sleep:NAME:SECONDS", "kill:NAME" (the worker SIGKILLs itself) or "alloc:NAME:MB", several joined
# by ";", applied to files whose name contains NAME. It lets the tests prove that timeouts, dead
# workers and the memory ceiling are handled without shipping hanging or huge fixture files.
TEST_HOOK_ENV = "REPORT_PARSER_TEST_HOOK"

# A worker is replaced after this many files so that any slow leak in a library cannot grow
# without bound over a 100,000-file archive (multiprocessing's maxtasksperchild, by hand).
MAX_TASKS_PER_WORKER = 250

# Files and folders never worth reading: our own database files and version-control/OS clutter.
_SKIP_SUFFIXES = (".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".sqlite3")
_DATA_SUFFIXES = (".json", ".jsonl", ".csv", ".tsv", ".md", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".py",
                  ".log", ".ipynb", ".xml", ".svg")

# Summary rows, in display order.
OUTCOMES = ("new", "changed", "reparsed", "unchanged", "duplicate", "ok", "partial", "failed", "skipped", "ignored")
# Reports that need a look, counted apart in the summary: the issue codes that put a report in each group.
ATTENTION = {"unread_table": ("TABLE_UNREAD", "TABLE_PARTIAL"), "no_org": ("ORG_UNKNOWN",)}


@dataclass
class Task:
    """One file to parse: its path, content hash and size."""

    path: str
    sha256: str
    size: int
    force: bool = False


@dataclass
class IngestResult:
    """What an ingest run did: counts by outcome and by issue code, failures, timing."""

    run_id: str
    db: str
    files_seen: int = 0
    counts: Counter = field(default_factory=Counter)
    issue_counts: Counter = field(default_factory=Counter)
    attention: Counter = field(default_factory=Counter)  # reports per ATTENTION group
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, message)
    seconds: float = 0.0
    seconds_after_start: float | None = None  # from the first worker ready to the end (no start-up cost)
    worker_peak_rss_mb: float | None = None

    @property
    def exit_code(self) -> int:
        """0 when every file was read, 1 when some failed."""
        return 1 if self.counts["failed"] else 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {"run_id": self.run_id, "db": self.db, "files_seen": self.files_seen,
                "counts": {k: self.counts[k] for k in OUTCOMES}, "failed_by_code": dict(self.failed_by_code()),
                "issue_counts": dict(self.issue_counts),
                "attention": {k: self.attention[k] for k in ATTENTION}, "seconds": round(self.seconds, 3),
                "seconds_after_start": round(self.seconds_after_start, 3) if self.seconds_after_start else None,
                "worker_peak_rss_mb": self.worker_peak_rss_mb,
                "failures": [{"path": p, "code": c, "message": m} for p, c, m in self.failures]}

    def failed_by_code(self) -> Counter:
        """Failed files per reason."""
        return Counter(code for _, code, _ in self.failures)


# ---- discovery ----------------------------------------------------------------------------------

def discover(paths: Iterable[str | os.PathLike], exclude: Iterable[str] = ()) -> list[str]:
    """Files under the given paths (folders recursed, globs expanded, hidden names skipped), absolute, in order."""
    excluded = {os.path.abspath(e) for e in exclude}
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        a = os.path.abspath(p)
        if a in seen or a in excluded or a.endswith(_SKIP_SUFFIXES):
            return
        seen.add(a)
        out.append(a)

    for raw in paths:
        raw = os.fspath(raw)
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            raise UsageError(f"{raw}: no file matches this pattern")
        for m in matches:
            if os.path.isdir(m):
                for root, dirs, files in os.walk(m):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for f in sorted(files):
                        if not f.startswith("."):
                            add(os.path.join(root, f))
            elif os.path.lexists(m):
                add(m)  # a FIFO, device or broken link given by name is recorded with its code, not refused
            else:
                raise UsageError(f"{m}: no such file or folder")
    return out


# ---- workers ------------------------------------------------------------------------------------

def _apply_test_hook(path: str) -> None:
    spec = os.environ.get(TEST_HOOK_ENV)
    if not spec:
        return
    name = os.path.basename(path)
    for part in spec.split(";"):
        bits = part.split(":")
        if len(bits) < 2 or bits[1] not in name:
            continue
        if bits[0] == "sleep":
            time.sleep(float(bits[2]))
        elif bits[0] == "kill":
            import signal

            os.kill(os.getpid(), signal.SIGKILL)
        elif bits[0] == "alloc":
            _ = bytearray(int(bits[2]) * 1024 * 1024)


def parse_one(path: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Parse one file into its record dict (runs in a worker process or on a Dask worker)."""
    from .pipeline import parse_file

    try:
        _apply_test_hook(path)
        return parse_file(path, options).to_dict()
    except MemoryError:
        return failed_record(path, None, "TOO_LARGE",
                             f"{os.path.basename(path)}: parsing needed more memory than the per-file ceiling")


def failed_record(path: str, sha256: str | None, code: str, message: str) -> dict[str, Any]:
    """The record dict of a file that failed outside the parser (timeout, dead worker)."""
    from .pipeline import PARSER_VERSION
    from .record import FAILED, Report

    r = Report(source={"path": path, "sha256": sha256, "format": None, "pages": None}, status=FAILED,
               parser_version=PARSER_VERSION)
    r.add_issue(code, message)
    return r.to_dict()


def _exit_with_parent(parent_pid: int | None) -> None:
    """Make this worker end quietly when the ingest process dies (kill -9 leaves no one to read its results).

    Linux's PR_SET_PDEATHSIG sends SIGTERM when the parent goes; the handler raises SystemExit, so
    finally blocks still run (a LibreOffice conversion kills its soffice) and nothing prints a traceback.
    """
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: a broken pipe on the next send ends the worker instead
        pass
    if parent_pid is not None and os.getppid() != parent_pid:
        sys.exit(0)  # the parent died before the signal was armed


def _send(conn, msg) -> None:
    """Send to the parent; a closed pipe means the parent is gone, so the worker ends without a traceback."""
    try:
        conn.send(msg)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        sys.exit(0)


def _worker_main(conn, max_memory_mb: int | None, options: dict[str, Any], parent_pid: int | None = None,
                 store_to: tuple[str, str] | None = None) -> None:
    """Worker process loop: receive (task id, Task), send back (task id, record dict, peak RSS in MB).

    With store_to = (database URL, run id) the worker stores each report itself, in its own transaction, and
    sends back only what the run's summary needs (see _stored_summary)."""
    import resource

    _exit_with_parent(parent_pid)
    if max_memory_mb:
        # Address-space ceiling: a huge or malicious file raises MemoryError in this worker (recorded
        # as TOO_LARGE) instead of pushing the machine into swap or the OOM killer.
        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        # OCR loads numpy, OpenCV and onnxruntime, whose idle per-thread reservations alone would take a
        # third of the default ceiling.
        from .readers.ocr_engines import limit_native_memory

        limit_native_memory()
    _warm_up()
    store = None
    if store_to is not None:
        from .store.db import Store

        store = Store(store_to[0], create=False)  # the parent created or migrated the schema
    current = [0]
    from .readers import ocr

    ocr.on_page(lambda: _send(conn, ("ocr", current[0])))  # the parent extends this file's time limit
    _send(conn, ("ready",))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, ConnectionResetError, KeyboardInterrupt):
            return
        if msg is None:
            return
        tid, task = msg
        path = task.path
        current[0] = tid
        rec = parse_one(path, options)
        if store is not None:
            rec = _store_in_worker(store, task, rec, store_to[1])
        rss = _peak_rss_mb()
        try:
            _send(conn, (tid, rec, rss))
        except MemoryError:
            _send(conn, (tid, failed_record(path, None, "TOO_LARGE", f"{os.path.basename(path)}: the parsed "
                                          "record is larger than the per-file memory ceiling"), rss))


# Keys of the small dict a storing worker sends back instead of the record: the outcome of Store.save, or the
# error that stops the run (a database that cannot be written).
STORED, STORE_FAILED = "_stored", "_store_failed"


def _store_in_worker(store, task: Task, rec: dict[str, Any], run_id: str) -> dict[str, Any]:
    """Store a parsed record from the worker; the summary the parent counts, with the outcome under STORED."""
    from sqlalchemy import exc as sa_exc

    try:
        report, outcome = store_record(store, task, rec, run_id)
    except sa_exc.OperationalError as e:
        return {STORE_FAILED: f"{os.path.basename(task.path)}: the database could not be written ({e.orig})"}
    return {**_stored_summary(report), STORED: outcome}


def _stored_summary(report) -> dict[str, Any]:
    """What the parent needs of a stored report: source, status, issues, parser version (no figures or cells)."""
    return {"source": dict(report.source), "status": report.status, "parser_version": report.parser_version,
            "issues": [{"code": i.code, "message": i.message, "page": i.page} for i in report.issues]}


def store_record(store, task: Task, rec: dict[str, Any], run_id: str):
    """Store one parsed record of a task, in one transaction; returns (the Report as stored, the outcome).

    A record this version cannot read becomes INTERNAL_ERROR and one that cannot be stored STORE_ERROR (that
    file fails, the batch goes on); a database that cannot be reached or written raises OperationalError."""
    from sqlalchemy import exc as sa_exc

    from .record import Report

    name = os.path.basename(task.path)
    try:
        report = Report.from_dict(rec)
    except (TypeError, KeyError, ValueError) as e:  # a record this version cannot read: that file fails
        report = Report.from_dict(failed_record(task.path, task.sha256, "INTERNAL_ERROR",
                                                f"{name}: the worker's record is unreadable ({e})"))
    report.source["sha256"] = report.source.get("sha256") or task.sha256
    report.source["path"] = task.path
    fsnames.clean_report(report)  # a name that is not UTF-8 is stored as its lossless key
    path_key = report.source["path"]
    try:
        outcome = store.save(report, path_key, run_id, force=task.force, size=task.size)
    except (sa_exc.DataError, sa_exc.StatementError, TypeError, ValueError) as e:
        # Something in this one record cannot be stored (rolled back): record the file as failed
        # and go on. Connection and disk errors (OperationalError) still stop the run.
        if isinstance(e, sa_exc.OperationalError):
            raise
        report = Report.from_dict(failed_record(task.path, task.sha256, "STORE_ERROR",
                                                f"{name}: the record could not be stored ({type(e).__name__})"))
        outcome = store.save(report, path_key, run_id, force=True, size=task.size)
    return report, outcome


def _peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    VmHWM belongs to the process's own address space; ru_maxrss would also count the parent's memory
    at fork time (Linux carries the high-water mark across exec), overstating a spawned worker.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm_up() -> None:
    """Import the pipeline and every reader before taking work, so a file's time limit measures its parse only."""
    import importlib

    from . import pipeline, readers  # noqa: F401

    for stage in ("classify", "metadata", "segment", "tables", "figures", "resolve"):
        importlib.import_module(f".extract.{stage}", __package__)
    for mod in sorted(set(readers.READERS.values())):
        try:
            importlib.import_module(f".readers.{mod}", __package__)
        except ImportError:  # an optional reader's library is missing: that reader reports it per file
            pass
    # One tiny made-up text through the whole pipeline loads what the stages load lazily on first use
    # (jieba's dictionary, YAML data, compiled patterns) — otherwise the first real file pays for it.
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        probe = os.path.join(tmp, "warm-up.txt")
        with open(probe, "w", encoding="utf-8") as f:
            f.write("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度收到政府信息公开申请3件。\n")
        pipeline.parse_file(probe)


@dataclass
class _Worker:
    proc: Any
    conn: Any
    inflight: deque = field(default_factory=deque)  # (task id, Task), the first one being parsed
    deadline: float = 0.0  # for the first in-flight task
    ocr_pages: int = 0  # pages of the first in-flight task OCR'd so far, each extending its deadline
    done: int = 0
    ready: bool = False


# Seconds added to a file's time limit for each page it sends through OCR: tesseract reads a scanned
# page in 2.5-6 s here (docs/notes/formats-hostile.md), so a fixed limit would fail every long scan.
OCR_PAGE_SECONDS = 30.0

# Files sent ahead to each worker: its next file is already queued when it finishes one, instead of waiting
# for the parent to read the result and send another.
PREFETCH = 2


class LocalPool:
    """Worker processes with a per-file deadline: a stuck or dead worker is killed, recorded and replaced."""

    def __init__(self, workers: int, timeout: float | None, max_memory_mb: int | None, options: dict[str, Any],
                 ocr_page_seconds: float = 0, store_to: tuple[str, str] | None = None):
        import multiprocessing as mp

        # spawn, not fork: the parent runs a progress-bar thread and holds DB connections, neither of
        # which may be duplicated into a child.
        self.ctx = mp.get_context("spawn")
        self.n = max(1, workers)
        self.timeout = timeout
        self.ocr_page_seconds = ocr_page_seconds
        self.max_memory_mb = max_memory_mb
        self.options = options
        self.peak_rss_mb = 0.0
        self.first_ready: float | None = None  # monotonic time the first worker was ready
        self.queue: deque[Task] = deque()
        self.store_to = store_to  # (database URL, run id): workers store the reports themselves

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_worker_main, args=(child, self.max_memory_mb, self.options, os.getpid(),
                                                         self.store_to), daemon=True)
        p.start()
        child.close()
        return _Worker(p, parent)

    @staticmethod
    def _stop(w: _Worker, kill: bool = False) -> None:
        if kill:
            w.proc.kill()
        else:
            try:
                w.conn.send(None)
            except OSError:
                w.proc.kill()
        w.proc.join(5)
        if w.proc.is_alive():
            w.proc.kill()
            w.proc.join()
        w.conn.close()

    def _deadline(self) -> float:
        return time.monotonic() + (self.timeout or 1e9)

    def run(self, tasks: Iterator[Task], on_result: Callable[[Task, dict[str, Any]], None]) -> None:
        """Parse every task, calling on_result(task, record dict) in the parent as each finishes."""
        from multiprocessing.connection import wait

        queue = self.queue
        source = iter(tasks)
        exhausted = False
        pool: list[_Worker] = []
        tid = 0
        try:
            while True:
                # Top up the queue lazily: hashing in the parent overlaps parsing in the workers.
                while not exhausted and len(queue) < (PREFETCH + 1) * self.n:
                    try:
                        queue.append(next(source))
                    except StopIteration:
                        exhausted = True
                while queue and len(pool) < self.n:
                    pool.append(self._spawn())
                for w in list(pool):
                    while (w.ready and queue and len(w.inflight) < PREFETCH
                           and w.done + len(w.inflight) < MAX_TASKS_PER_WORKER):
                        tid += 1
                        task = queue.popleft()
                        try:
                            w.conn.send((tid, task))
                        except OSError:
                            # The worker died since the last check (e.g. killed mid-file): the file was
                            # never sent, so it goes back to the queue; the dead worker is handled below.
                            queue.appendleft(task)
                            if not w.inflight:
                                pool.remove(w)
                                self._stop(w, kill=True)
                            break
                        if not w.inflight:
                            w.deadline = self._deadline()
                        w.inflight.append((tid, task))
                busy = [w for w in pool if w.inflight]
                starting = [w for w in pool if not w.ready]
                if not busy and not starting:
                    if exhausted and not queue:
                        return
                    continue
                wait_for = min((w.deadline for w in busy), default=time.monotonic() + 60) - time.monotonic()
                wait([x for w in busy + starting for x in (w.conn, w.proc.sentinel)], timeout=max(0.0, wait_for))
                for w in starting:
                    self._check_ready(w, pool)
                for w in busy:
                    self._check(w, pool, on_result)
        finally:
            for w in pool:
                self._stop(w, kill=bool(w.inflight))

    def _check_ready(self, w: _Worker, pool: list[_Worker]) -> None:
        if w.conn.poll():
            try:
                w.ready = w.conn.recv() == ("ready",)
            except (EOFError, OSError):
                pass
            if w.ready and self.first_ready is None:
                self.first_ready = time.monotonic()
        if not w.ready and not w.proc.is_alive():
            # A worker that cannot even start (e.g. the memory ceiling is below the interpreter's
            # needs) would be replaced forever: stop the run with a clear reason instead.
            pool.remove(w)
            self._stop(w, kill=True)
            raise InputError("WORKER_START_FAILED", f"a worker process could not start (exit code "
                                                    f"{w.proc.exitcode}); is --max-memory too low?")

    def _check(self, w: _Worker, pool: list[_Worker], on_result) -> None:
        while w.inflight and w.conn.poll():
            try:
                msg = w.conn.recv()
            except (EOFError, OSError):
                break
            head_tid, task = w.inflight[0]
            if msg[0] == "ocr":  # a scanned page is about to be OCR'd: it gets its own allowance
                if msg[1] == head_tid and self.timeout:
                    w.ocr_pages += 1
                    w.deadline += self.ocr_page_seconds
                continue
            got_tid, rec, rss = msg
            if got_tid != head_tid:
                continue
            w.inflight.popleft()
            w.deadline = self._deadline()  # the worker starts the next in-flight file now
            w.ocr_pages = 0
            self.peak_rss_mb = max(self.peak_rss_mb, rss)
            w.done += 1
            on_result(task, rec)
        if not w.inflight:
            if w.done >= MAX_TASKS_PER_WORKER:
                pool.remove(w)
                self._stop(w)
            return
        task = w.inflight[0][1]
        name = os.path.basename(task.path)
        if not w.proc.is_alive():
            code = w.proc.exitcode
            why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            self._retire(w, pool)
            # SIGKILL from outside is usually the kernel's OOM killer acting on a huge file.
            on_result(task, failed_record(task.path, task.sha256, "WORKER_DIED",
                                          f"{name}: the worker process died while parsing it ({why})"))
        elif time.monotonic() >= w.deadline:
            self._retire(w, pool)
            on_result(task, failed_record(task.path, task.sha256, "TIMEOUT",
                                          f"{name}: parsing took longer than "
                                          f"{_limit_text(self.timeout, w.ocr_pages, self.ocr_page_seconds)}"))

    def _retire(self, w: _Worker, pool: list[_Worker]) -> None:
        """Kill a stuck or dead worker; the files sent ahead to it go back to the front of the queue."""
        pool.remove(w)
        self._stop(w, kill=True)
        self.queue.extendleft(t for _, t in reversed(list(w.inflight)[1:]))


def _limit_text(timeout: float, ocr_pages: int, ocr_page_seconds: float) -> str:
    """The time limit a file ran into, in words."""
    if ocr_pages and ocr_page_seconds:
        return (f"the {timeout:g} s limit plus {ocr_page_seconds:g} s for each of its {ocr_pages} OCR'd "
                f"page{'s' if ocr_pages > 1 else ''}")
    return f"the {timeout:g} s limit"


# Dask runs several tasks per worker process in threads: OCR'd pages are counted per parsing thread.
_DASK_OCR_PAGES: dict[int, int] = {}


def _count_dask_ocr_page() -> None:
    import threading

    ident = threading.get_ident()
    if ident in _DASK_OCR_PAGES:
        _DASK_OCR_PAGES[ident] += 1


def _parse_with_deadline(path: str, options: dict[str, Any], timeout: float | None,
                         ocr_page_seconds: float = 0) -> dict[str, Any]:
    """Dask task: parse one file, giving up after its time limit (the thread is left to finish)."""
    if not timeout:
        return parse_one(path, options)
    import threading

    from .readers import ocr

    ocr.on_page(_count_dask_ocr_page)
    box: dict[str, Any] = {}

    def run() -> None:
        _DASK_OCR_PAGES[threading.get_ident()] = 0
        try:
            box["rec"] = parse_one(path, options)
        finally:
            box["ocr_pages"] = _DASK_OCR_PAGES.pop(threading.get_ident(), 0)

    t = threading.Thread(target=run, daemon=True)
    start = time.monotonic()
    t.start()
    while True:
        pages = _DASK_OCR_PAGES.get(t.ident or 0, box.get("ocr_pages", 0))
        left = start + timeout + pages * ocr_page_seconds - time.monotonic()
        if left <= 0 or not t.is_alive():
            break
        t.join(min(left, 1.0))
    if "rec" in box:
        return box["rec"]
    return failed_record(path, None, "TIMEOUT", f"{os.path.basename(path)}: parsing took longer than "
                                                f"{_limit_text(timeout, pages, ocr_page_seconds)}")


def _run_dask(dask: Any, tasks: Iterator[Task], options: dict[str, Any], timeout: float | None,
              on_result: Callable[[Task, dict[str, Any]], None], ocr_page_seconds: float = 0) -> None:
    """Parse tasks on a Dask cluster (address or Client); records come back to this process, which writes."""
    from distributed import Client, as_completed

    client = dask if isinstance(dask, Client) else Client(dask)
    try:
        futures = {}
        for t in tasks:
            f = client.submit(_parse_with_deadline, t.path, options, timeout, ocr_page_seconds, pure=False)
            futures[f] = t
        for f in as_completed(list(futures)):
            t = futures.pop(f)
            try:
                rec = f.result()
            except Exception as e:  # KilledWorker, a worker lost with the file: recorded, batch goes on
                rec = failed_record(t.path, t.sha256, "WORKER_DIED",
                                    f"{os.path.basename(t.path)}: the Dask task failed ({type(e).__name__}: {e})")
            on_result(t, rec)
    finally:
        if client is not dask:
            client.close()


# ---- the run ------------------------------------------------------------------------------------

def _sniffer():
    try:
        from .readers import READERS
        from .readers.sniff import sniff_file
    except ImportError:  # sniffing is an optimisation; without it every file goes to a worker
        return None
    # A file named like a document goes to a worker even when its bytes are not one (zero bytes, random
    # bytes): the archive expected a report there, so its failure is stored with a code, not skipped.
    doc_suffixes = (".pdf", ".docx", ".doc", ".wps", ".rtf", ".html", ".htm", ".shtml", ".txt")

    def accept(f, name: str) -> bool:
        lower = name.lower()
        if lower.endswith(doc_suffixes):
            return True
        fmt = sniff_file(f, name)
        # Any text sniffs as "txt"; a text file named as data or notes (gold JSON, a manifest CSV, a
        # README) sits beside reports in archives and is not one, so it is ignored, not parsed into rows.
        if fmt == "txt" and lower.endswith(_DATA_SUFFIXES):
            return False
        return fmt in READERS

    return accept


def ingest(paths: Iterable[str | os.PathLike], db: str | None = None, workers: int | None = None,
           timeout: float | None = 120, force: bool = False, dask: Any = None, max_memory: int | None = 1024,
           retry_failed: bool = False, quiet: bool = True, options: dict[str, Any] | None = None,
           ocr_page_seconds: float = OCR_PAGE_SECONDS,
           max_file_size: int | None = MAX_FILE_SIZE // (1024 * 1024)) -> IngestResult:
    """Parse files and folders into the database; idempotent, resumable, one transaction per report."""
    from .pipeline import PARSER_VERSION
    from .record import FAILED, PARTIAL, SKIPPED, Issue, Report

    from .store.db import Store, resolve_url

    t0 = time.monotonic()
    options = dict(options or {})
    options.setdefault("max_file_size", (max_file_size or 0) * 1024 * 1024)  # MB → bytes; 0: no limit
    workers = workers or os.cpu_count() or 1
    url = resolve_url(db)
    exclude = [url[len("sqlite:///"):]] if url.startswith("sqlite:///") else []
    files = discover(paths, exclude=exclude)  # before opening the store: a mistyped path creates no database
    store = Store(url)
    settings = {"workers": workers, "timeout": timeout, "ocr_page_seconds": ocr_page_seconds,
                "max_memory_mb": max_memory, "force": force,
                "retry_failed": retry_failed, "dask": str(dask) if dask is not None else None,
                "options": options, "paths": [fsnames.key(os.fspath(p)) for p in paths]}
    run_id = store.start_run(settings, PARSER_VERSION)
    res = IngestResult(run_id=run_id, db=store.url, files_seen=len(files))
    known_sha, known_path = store.known()
    waiting: dict[str, list[str]] = {}  # sha -> other paths with the same content seen in this run
    sniff = _sniffer()
    limit = max_size(options)
    progress = _Progress(len(files), quiet)

    def fail(path: str, code: str, message: str) -> None:
        res.counts["failed"] += 1
        res.issue_counts[code] += 1
        res.failures.append((fsnames.readable(path), code, fsnames.readable(message)))

    def tasks() -> Iterator[Task]:
        for path in files:
            try:
                # Checked, sniffed from its head and hashed in chunks: the parent never holds a whole
                # file, and a FIFO, device or oversized file is refused here before anything is read.
                seen = _sniff_and_hash(path, sniff, limit)
            except (InputError, OSError) as e:
                code, msg = (e.code, e.message) if isinstance(e, InputError) else (
                    "UNREADABLE", f"{path}: cannot open the file ({e.strerror or e})")
                store.record_issues(fsnames.key(path), [Issue(code, fsnames.readable(msg))], run_id)
                fail(path, code, msg)
                progress.advance()
                continue
            if seen is None:
                res.counts["ignored"] += 1  # not a document format: never stored, re-sniffed cheaply next time
                progress.advance()
                continue
            sha, size = seen
            path_key = fsnames.key(path)
            state = known_sha.get(sha)
            fresh = state is not None and state[0] == PARSER_VERSION and not (retry_failed and state[1] == FAILED)
            if fresh and not force:
                if known_path.get(path_key) != sha:
                    store.link_path(path_key, sha, run_id)
                    res.counts["duplicate"] += 1
                else:
                    res.counts["unchanged"] += 1
                progress.advance()
                continue
            if sha in waiting:
                waiting[sha].append(path)  # same content twice in this run: parse once, link after
                continue
            waiting[sha] = []
            yield Task(path, sha, size, force=force or retry_failed)

    def on_result(task: Task, rec: dict[str, Any]) -> None:
        if STORE_FAILED in rec:
            raise InputError("DB_WRITE_FAILED", rec[STORE_FAILED])
        if STORED in rec:  # a worker stored it: rec is the summary of what it stored
            outcome = rec.pop(STORED)
            report = Report.from_dict(rec)
        else:  # a failure recorded here (timeout, dead worker) or a record from Dask: stored by this process
            report, outcome = store_record(store, task, rec, run_id)
        res.counts[outcome] += 1
        res.counts[report.status if report.status in (PARTIAL, FAILED, SKIPPED) else "ok"] += 1
        codes = {i.code for i in report.issues}
        for code in sorted(codes):
            res.issue_counts[code] += 1
        for group, group_codes in ATTENTION.items():
            res.attention[group] += bool(codes.intersection(group_codes))
        if report.status == FAILED:
            last = report.issues[-1] if report.issues else Issue("UNKNOWN", f"{task.path}: failed")
            res.failures.append((fsnames.readable(task.path), last.code, last.message))
        progress.advance()
        for other in waiting.pop(task.sha256, []):
            store.link_path(fsnames.key(other), task.sha256, run_id)
            res.counts["duplicate"] += 1
            progress.advance()
        known_sha[report.source["sha256"]] = (report.parser_version, report.status)

    status = "interrupted"
    try:
        with progress:
            if dask is not None:
                _run_dask(dask, tasks(), options, timeout, on_result, ocr_page_seconds)
            else:
                # The workers store their own reports: writing a report (~5 ms of CPU, mostly SQLite's) would
                # otherwise be a third process competing with the workers for the cores, and one that every
                # added worker waits on (docs/notes/store-ingest.md, "Scaling").
                pool = LocalPool(workers, timeout, max_memory, options, ocr_page_seconds, store_to=(store.url, run_id))
                pool.run(tasks(), on_result)
                res.worker_peak_rss_mb = round(pool.peak_rss_mb, 1) if pool.peak_rss_mb else None
                if pool.first_ready is not None:
                    res.seconds_after_start = time.monotonic() - pool.first_ready
        from .store.orgs import assign  # the registry links the same body across years and spellings (org_id)
        assign(store.engine)
        from .store.fts import refresh  # a search index built by datasette-metadata follows the new reports

        refresh(store.engine)
        status = "done"
    finally:
        res.seconds = time.monotonic() - t0
        counts = {k: res.counts[k] for k in OUTCOMES}
        counts["failed_by_code"] = dict(res.failed_by_code())
        counts["attention"] = {k: res.attention[k] for k in ATTENTION}
        if res.worker_peak_rss_mb:
            counts["worker_peak_rss_mb"] = res.worker_peak_rss_mb
        store.finish_run(run_id, status, len(files), counts, dict(res.issue_counts), res.seconds)
        store.close()
    return res


def _sniff_and_hash(path: str, sniff, limit: int | None) -> tuple[str, int] | None:
    """(sha256, size) of a regular file within the limit, or None when its bytes are no document format."""
    with open_regular(path, limit) as f:
        size = os.fstat(f.fileno()).st_size
        if sniff is not None and not _safe_sniff(sniff, f, path):
            return None
        return sha256_of(f), size


def _safe_sniff(sniff, f, path: str) -> bool:
    try:
        return sniff(f, os.path.basename(path))
    except Exception:  # a sniffer bug must not drop a file: let the worker read and record it
        return True


class _Progress:
    """A rich progress bar on stderr (files, rate, ETA), silent when quiet or stderr is not a terminal."""

    def __init__(self, total: int, quiet: bool):
        import sys

        self.total = total
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)

            self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=False)
            self.task = self.bar.add_task("ingest", total=total, rate="")
            self.t0 = time.monotonic()
            self.n = 0

    def __enter__(self):
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()

    def advance(self) -> None:
        """One more file done."""
        if self.bar is None:
            return
        self.n += 1
        rate = self.n / max(1e-6, time.monotonic() - self.t0)
        self.bar.update(self.task, advance=1, rate=f"{rate:.1f} files/s")
