"""A generated demo database for the notebooks: synth corpus → ingest → audit, built once and reused."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Several counties × towns × departments over 2015–2024 (all three template eras), with some injected defects
# so the data-quality notebook has findings to show. Office formats only: no LibreOffice needed.
DEMO = {"orgs": 16, "years": "2015-2024", "formats": "txt,html,docx", "seed": 7, "defects": 0.25}


def database(folder: str | os.PathLike | None = None) -> str:
    """$REPORT_PARSER_DB when set; else FOLDER/reports.db, generated, ingested and audited when absent."""
    if os.environ.get("REPORT_PARSER_DB"):
        return os.environ["REPORT_PARSER_DB"]
    folder = Path(folder or "output")
    db = folder / "reports.db"
    if db.exists():
        return str(db.resolve())
    from ..synth import generate

    folder.mkdir(parents=True, exist_ok=True)
    generate(folder / "corpus", **DEMO)
    # Through the CLI in a child process: ingest's worker pool spawns processes, which re-import the caller's
    # __main__ — a notebook run as a script would run itself again in every worker.
    cli = [sys.executable, "-m", "report_parser"]
    done = subprocess.run([*cli, "ingest", str(folder / "corpus" / "docs"), "--db", str(db), "--quiet"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):  # 1 = some files failed: they are in the database as failed reports
        raise RuntimeError(f"demo ingest failed: {done.stderr.strip()[-500:]}")
    # The audit stores its findings in the database.
    done = subprocess.run([*cli, "audit", "--db", str(db), "--format", "json"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:  # the notebooks still run, with no findings to show: say why
        import warnings

        warnings.warn(f"demo audit failed, no findings stored: {done.stderr.strip()[-300:]}", stacklevel=2)
    return str(db.resolve())
