"""Run the stages on one file: read → metadata → segment → tables → figures → resolve → record."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from . import __version__
from .readers import files, fsnames
from .errors import InputError
from .record import FAILED, OK, PARTIAL, SKIPPED, Report

PARSER_VERSION = __version__

# Failures for which the file is not hashed: reading it again is what must not happen.
_UNHASHABLE = {"NOT_A_REGULAR_FILE", "BROKEN_LINK", "TOO_LARGE", "UNREADABLE"}


def _failed(path: Path, code: str, message: str, fmt: str | None = None) -> Report:
    try:
        # In chunks and only for a regular file: the file may be the huge or endless one that failed.
        sha = files.sha256(path, None) if code not in _UNHASHABLE else None
    except (OSError, InputError):
        sha = None
    r = Report(source={"path": str(path), "sha256": sha, "format": fmt, "pages": None}, status=FAILED,
               parser_version=PARSER_VERSION)
    r.add_issue(code, message)
    return r


def parse_document(doc, options: dict[str, Any] | None = None) -> Report:
    """Parse an already-read Document into a Report."""
    from . import audit
    from .extract import classify, figures, metadata, positions, resolve, segment, stats_tables, tables

    options = options or {}
    report = Report(
        source={"path": doc.path, "sha256": doc.sha256, "format": doc.format, "pages": doc.pages},
        parser_version=PARSER_VERSION,
        ocr_pages=int(doc.meta.get("ocr_pages", 0)),
        ocr_engines=dict(doc.meta.get("ocr_engines") or {}),
    )
    for i in doc.issues:
        report.add_issue(i["code"], i["message"], i.get("page"))
    verdict = classify.classify(doc)
    if verdict is not None and not options.get("force_report"):
        report.status = SKIPPED
        report.add_issue(verdict[0], verdict[1])
        return report
    meta = metadata.extract(doc)
    for k in ("title", "org", "region", "level", "year", "era", "published"):
        setattr(report, k, meta.get(k))
    for code, msg in meta.get("issues", []):
        report.add_issue(code, msg)
    report.sections, report.missing_sections = segment.segment(doc, report.era)
    table_result = tables.extract(doc, report.sections)
    report.cells = table_result.cells
    report.tables = table_result.quality
    if table_result.era and table_result.era != report.era:
        # The table decides the era (domain reference §1): a 2022 report in the 2019 format is gb2019.
        report.era = table_result.era
        report.sections, report.missing_sections = segment.segment(doc, report.era)
    # pre2019 statistics tables (统计表/附表) → legacy.* cells; never inside a template table.
    legacy = stats_tables.extract(doc, report.era, skip=table_result.text_spans, toks=table_result.toks)
    report.cells += legacy.cells
    report.tables += legacy.quality
    for code, msg, page in table_result.issues + legacy.issues:
        report.add_issue(code, msg, page)  # a table present but not (fully) read is never silent
    report.figures = figures.extract(doc, report.sections, exclude=table_result.text_spans + legacy.text_spans,
                                     year=report.year, level=report.level)
    positions.locate(doc, report.cells, report.figures)
    resolve.resolve(report)
    for sec in report.sections:
        sec.text = doc.text[sec.start:sec.end]
    report.findings = audit.audit_report(report, text=doc.text)
    if report.status == OK and any(i.code in PARTIAL_CODES for i in report.issues):
        report.status = PARTIAL
    return report


# Issue codes that make an otherwise readable file "partial" (something was not read).
# CORRUPT_PDF on a readable file is one damaged page (the whole-file case is a failure, not partial).
PARTIAL_CODES = {"NO_TEXT_LAYER", "PAGES_TRUNCATED", "TABLE_DEGRADED", "TABLE_UNREAD", "TABLE_PARTIAL",
                 "OCR_UNAVAILABLE", "READER_WARNING", "CORRUPT_PDF"}


def parse_file(path: str | Path, options: dict[str, Any] | None = None) -> Report:
    """Read and parse one file; bad input becomes a failed Report, never an exception."""
    report = _parse_file(path, options or {})
    fsnames.clean_report(report)  # a file name that is not UTF-8 must not make the record unstorable
    return report


def _parse_file(path: str | Path, options: dict[str, Any]) -> Report:
    from . import readers

    p = Path(path)
    try:
        doc = readers.read(p, options)
        report = parse_document(doc, options)
        if options.get("word_positions") and report.status in (OK, PARTIAL):
            _word_positions(p, report, options)
        return report
    except InputError as e:
        return _failed(p, e.code, e.message)
    except MemoryError:
        return _failed(p, "TOO_LARGE", f"{p.name}: the file needs more memory than the per-file ceiling")
    except RecursionError:
        return _failed(p, "TOO_DEEP", f"{p.name}: the file is nested too deeply to read")
    except Exception as e:  # a real bug: raise in strict mode (tests), record otherwise
        if options.get("strict"):
            raise
        import traceback  # a parser bug only

        tb = traceback.extract_tb(e.__traceback__)[-1]
        return _failed(p, "INTERNAL_ERROR",
                       f"{p.name}: parser bug {type(e).__name__}: {e} (at {Path(tb.filename).name}:{tb.lineno})")


def _word_positions(path: Path, report: Report, options: dict[str, Any]) -> None:
    """Boxes of a Word/WPS report from LibreOffice's PDF rendering of it (cached per sha256; ingest --word-positions)."""
    from .data import cache_dir
    from .extract import positions
    from .readers import read
    from .readers.render import WORD_FORMATS, rendered_pdf

    fmt = report.source.get("format")
    if fmt not in WORD_FORMATS:
        return
    try:
        pdf = rendered_pdf(path, fmt, cache_dir(), float(options.get("convert_timeout") or 90))
        positions.attach_rendered(report, parse_document(read(pdf, options), options))
    except InputError as e:
        # The record stands without positions; why is said, never silent.
        report.add_issue("POSITIONS_UNAVAILABLE", f"{path.name}: no page positions ({e.message})")


def parse(paths: Iterable[str | Path], options: dict[str, Any] | None = None) -> Iterator[Report]:
    """Parse many files one after another."""
    for p in paths:
        yield parse_file(p, options)
