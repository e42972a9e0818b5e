"""Render .docx files to PDF with LibreOffice headless, many files per soffice call (batched)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError

BATCH = 60  # files per soffice process: start-up (~1 s) is paid once per batch


def soffice() -> str:
    """Path of the LibreOffice binary, or InputError when it is not installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise InputError("NO_LIBREOFFICE", "synth: PDF output needs LibreOffice (soffice), which is not installed")
    return exe


def convert(docx_files: list[Path], outdir: Path, workers: int = 2, timeout: int = 900) -> list[Path]:
    """Convert .docx files to PDFs in outdir with `workers` soffice processes, each on its own profile."""
    if not docx_files:
        return []
    exe = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    batches = [docx_files[i:i + BATCH] for i in range(0, len(docx_files), BATCH)]
    with tempfile.TemporaryDirectory(prefix="rp-synth-lo-") as tmp:
        running: list[tuple[subprocess.Popen, list[Path]]] = []
        queue = list(enumerate(batches))
        failed: list[str] = []
        while queue or running:
            while queue and len(running) < workers:
                i, batch = queue.pop(0)
                # A private profile per worker: two soffice processes sharing one profile lock each other out.
                profile = Path(tmp) / f"profile{len(running)}-{i}"
                cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                       "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, batch)]
                p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env={**os.environ, "HOME": tmp})
                running.append((p, batch))
            p, batch = running.pop(0)
            if p.wait(timeout=timeout) != 0:
                failed.append(f"exit {p.returncode} on a batch starting {batch[0].name}")
        out = [outdir / (f.stem + ".pdf") for f in docx_files]
        missing = [o.name for o in out if not o.exists()]
        if missing or failed:
            raise InputError("PDF_CONVERSION_FAILED",
                             f"synth: LibreOffice did not produce {len(missing)} PDF(s) ({', '.join(missing[:3])}) {'; '.join(failed)}")
        return out
