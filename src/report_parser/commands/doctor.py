"""`report-parser doctor`: versions, optional tools found, database reachable."""
from __future__ import annotations

import importlib.metadata as md
import os
import shutil
import subprocess

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
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout if shutil.which("fc-list") else ""
    rows.append(("CJK font (Debian fonts-noto-cjk)", "found" if fonts.strip() else "missing", bool(fonts.strip())))
    url = db or os.environ.get("REPORT_PARSER_DB") or "sqlite:///reports.db"
    if url.startswith("sqlite:///") and not os.path.exists(url[len("sqlite:///"):]):
        # Connecting would create an empty file as a side effect; say what will happen instead.
        rows.append(("database", f"{url} (does not exist yet; ingest creates it)", True))
        return rows
    try:
        from sqlalchemy import create_engine, text

        with create_engine(url).connect() as c:
            c.execute(text("select 1"))
        rows.append(("database", url, True))
    except Exception as e:  # any driver error means "not reachable"; say why
        rows.append(("database", f"{url}: {type(e).__name__}: {e}".splitlines()[0], False))
    return rows


@click.command("doctor")
@click.option("--db", default=None, help="SQLAlchemy URL (default: $REPORT_PARSER_DB or sqlite:///reports.db).")
def doctor_cmd(db):
    """Show versions, optional tools and whether the database is reachable."""
    for name, detail, ok in checks(db):
        click.echo(f"{'ok ' if ok else '-- '} {name:<58} {detail}")
