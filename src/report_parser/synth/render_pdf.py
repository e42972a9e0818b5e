"""Render .docx files to PDF with LibreOffice headless, many files per soffice call (batched).

Conversion runs in the background while the generator writes the other formats: a batch starts as
soon as it is full, at most `workers` soffice processes at a time, each with a private profile.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError

BATCH = 20  # files per soffice process: its start-up (1–3 s) is paid once per batch


def soffice() -> str:
    """Path of the LibreOffice binary, or InputError when it is not installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise InputError("NO_LIBREOFFICE", "synth: PDF output needs LibreOffice (soffice), which is not installed")
    return exe


class Converter:
    """Queue .docx files; convert them to PDFs in outdir in background soffice batches."""

    def __init__(self, outdir: Path, workers: int = 2, batch: int = BATCH, timeout: int = 1800):
        self.exe = soffice()
        self.outdir, self.workers, self.batch, self.timeout = outdir, max(1, workers), batch, timeout
        self.tmp = tempfile.TemporaryDirectory(prefix="rp-synth-lo-")
        self.pending: list[Path] = []
        self.running: list[tuple[subprocess.Popen, list[Path]]] = []
        self.done: list[Path] = []
        self.failed: list[str] = []
        self.started = 0

    def add(self, docx: Path) -> None:
        """Queue one file; start a batch when enough are queued."""
        self.pending.append(docx)
        if len(self.pending) >= self.batch:
            self._start(self.pending)
            self.pending = []

    def _start(self, files: list[Path]) -> None:
        while len(self.running) >= self.workers:
            self._reap(self.running.pop(0))
        # A private profile per process: two soffice processes sharing one profile lock each other out.
        profile = Path(self.tmp.name) / f"profile{self.started}"
        self.started += 1
        self.outdir.mkdir(parents=True, exist_ok=True)
        cmd = [self.exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "pdf", "--outdir", str(self.outdir), *map(str, files)]
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, "HOME": self.tmp.name})
        self.running.append((p, files))

    def _reap(self, job: tuple[subprocess.Popen, list[Path]]) -> None:
        p, files = job
        try:
            rc = p.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            rc = "timeout"
        if rc != 0:
            self.failed.append(f"soffice {rc} on a batch starting {files[0].name}")
        self.done.extend(files)

    def finish(self) -> list[Path]:
        """Convert what is still queued (split over the workers), wait for all, return the PDFs."""
        rest, self.pending = self.pending, []
        if rest:
            n = -(-len(rest) // self.workers)
            for i in range(0, len(rest), n):
                self._start(rest[i:i + n])
        while self.running:
            self._reap(self.running.pop(0))
        self.tmp.cleanup()
        out = [self.outdir / (f.stem + ".pdf") for f in self.done]
        missing = [o.name for o in out if not o.exists()]
        if missing or self.failed:
            raise InputError("PDF_CONVERSION_FAILED", f"synth: LibreOffice did not produce {len(missing)} PDF(s) "
                             f"({', '.join(missing[:3])}); {'; '.join(self.failed[:3])}")
        return out


def convert(docx_files: list[Path], outdir: Path, workers: int = 2) -> list[Path]:
    """Convert .docx files to PDFs in outdir (batched soffice processes); raise InputError on failure."""
    conv = Converter(outdir, workers=workers)
    for f in docx_files:
        conv.add(f)
    return conv.finish()


def scan(pdf: Path, out: Path, dpi: int = 150) -> Path:
    """An image-only PDF of pdf's pages rendered at dpi in greyscale, as a scanner gives a printed report."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    finally:
        doc.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out
