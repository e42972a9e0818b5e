"""`report-parser doctor`: versions, optional tools found, database reachable."""
from __future__ import annotations

import importlib.metadata as md
import os
import shutil
import subprocess
import sys

import click

PACKAGES = ["python-docx", "pdfplumber", "jieba", "SQLAlchemy", "alembic", "cn2an", "charset-normalizer",
            "opencc-python-reimplemented", "psycopg", "dask", "distributed", "pandas", "pyarrow", "openpyxl",
            "datasette", "matplotlib"]


def _tool(cmd: list[str]) -> str:
    exe = shutil.which(cmd[0])
    if not exe:
        return "not found"
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"found at {exe}, but failed: {e}"


def checks(db: str | None) -> list[tuple[str, str, bool]]:
    """(name, detail, ok) for every dependency, optional tool and the database."""
    from .. import __version__

    rows = [("report-parser", __version__, True)]
    for p in PACKAGES:
        try:
            rows.append((p, md.version(p), True))
        except md.PackageNotFoundError:
            rows.append((p, "not installed", False))
    lo = _tool(["soffice", "--version"])
    rows.append(("LibreOffice (.doc/.wps; Debian libreoffice-writer-nogui)", lo, lo != "not found"))
    tess = _tool(["tesseract", "--version"])
    has_chi = "chi_sim" in subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout \
        if tess != "not found" else False
    rows.append(("tesseract (OCR; Debian tesseract-ocr)", tess, tess != "not found"))
    rows.append(("tesseract chi_sim (Debian tesseract-ocr-chi-sim)", "yes" if has_chi else "missing", has_chi))
    rows += ocr_checks()
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout if shutil.which("fc-list") else ""
    rows.append(("CJK font (Debian fonts-noto-cjk)", "found" if fonts.strip() else "missing", bool(fonts.strip())))
    rows.append(database_check(db))
    return rows


def ocr_checks() -> list[tuple[str, str, bool]]:
    """(name, detail, ok) for the OCR engines: RapidOCR's packages and bundled models, and which reads what."""
    from ..readers import ocr_engines

    rows = []
    for p in ("rapidocr", "onnxruntime", "opencv-python-headless"):
        try:
            rows.append((f"{p} (OCR extra)", md.version(p), True))
        except md.PackageNotFoundError:
            rows.append((f"{p} (OCR extra)", "not installed (pip install 'report-parser[ocr]')", False))
    models = ocr_engines.rapid_model_dir()
    names = ", ".join(ocr_engines.RAPID_MODELS.values())
    rows.append(("RapidOCR models (bundled in the rapidocr wheel)",
                 f"{names} in {models}" if models else f"missing: {names}", models is not None))
    installed = ocr_engines.installed()
    if installed:
        grid, prose = ocr_engines.choose(installed, True)
        detail = f"ruled tables: {ocr_engines.engine(grid).version()}; prose: {ocr_engines.engine(prose).version()}"
    else:
        detail = "none installed: scanned pages get NO_TEXT_LAYER"
    rows.append(("OCR engines in use", detail, bool(installed)))
    return rows


def database_check(db: str | None) -> tuple[str, str, bool]:
    """(name, detail, ok) for the database: --db as every other command reads it (a path or a URL)."""
    from ..store.db import resolve_url

    url = resolve_url(db)
    path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else None
    if path and not os.path.exists(path):
        # Connecting would create an empty file as a side effect; say what will happen instead. A database
        # the user named explicitly is expected to exist, so its absence fails the check.
        if db or os.environ.get("REPORT_PARSER_DB"):
            return ("database", f"{url}: no such file", False)
        return ("database", f"{url} (does not exist yet; ingest creates it)", True)
    try:
        from sqlalchemy import create_engine, inspect

        engine = create_engine(url)
        # Listing the tables reads the file's header, so a file that is not a database fails here.
        tables = inspect(engine).get_table_names()
        engine.dispose()
    except Exception as e:  # any driver error means "not reachable"; say why
        return ("database", f"{url}: {type(e).__name__}: {e}".splitlines()[0], False)
    note = "" if "reports" in tables else " (reachable, no report tables yet)"
    return ("database", url + note, True)


@click.command("doctor")
@click.option("--db", default=None, help="Database path or SQLAlchemy URL (default: $REPORT_PARSER_DB or reports.db); exit 1 when unreachable.")
def doctor_cmd(db):
    """Show versions, optional tools and whether the database is reachable."""
    failed = False
    for name, detail, ok in checks(db):
        click.echo(f"{'ok ' if ok else '-- '} {name:<58} {detail}")
        failed |= name == "database" and not ok
    # Optional tools may be missing on a working install; an unreachable database means nothing else will work.
    sys.exit(1 if failed else 0)
