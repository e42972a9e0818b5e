"""Legacy Word/WPS/RTF reader: LibreOffice headless converts to .docx in a temp folder, then the docx reader reads it."""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from ..errors import InputError
from . import files
from ..model import Document

# Seconds one conversion may take before it is killed; a hostile or password-protected file can make
# LibreOffice wait forever, and a batch must go on. Below ingest's 120-s per-file limit on purpose:
# soffice runs in its own session, so a worker killed by ingest would leave it running; killed here,
# the whole process group goes and the file gets a coded CONVERSION_TIMEOUT.
DEFAULT_TIMEOUT = 90
_LOCK = threading.Lock()  # one profile per process: LibreOffice refuses two instances on one profile
_PROFILE: str | None = None


def find_soffice() -> str | None:
    """Path of the LibreOffice binary (REPORT_PARSER_SOFFICE overrides the PATH search)."""
    env = os.environ.get("REPORT_PARSER_SOFFICE")
    if env:
        return env if Path(env).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for cand in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                 "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if Path(cand).exists():
            return cand
    return None


def _profile() -> str:
    """A private LibreOffice profile for this process, reused across conversions (the first start is slow)."""
    global _PROFILE
    if _PROFILE is None:
        _PROFILE = tempfile.mkdtemp(prefix="report-parser-lo-")
        atexit.register(shutil.rmtree, _PROFILE, True)
    return _PROFILE


# LibreOffice's output filter per target: .docx for reading legacy files, .pdf for rendering Word files' pages.
FILTERS = {"docx": "docx:MS Word 2007 XML", "pdf": "pdf:writer_pdf_Export"}


def convert(path: Path, data: bytes, fmt: str, outdir: Path, timeout: float, target: str = "docx") -> Path:
    """Convert document bytes (of format fmt) to target (docx, pdf) in outdir with LibreOffice headless; return the path."""
    soffice = find_soffice()
    if soffice is None:
        raise InputError("LIBREOFFICE_MISSING",
                         f"{path.name}: {'reading' if target == 'docx' else 'rendering'} .{fmt} files needs "
                         "LibreOffice; install the Debian package "
                         f"libreoffice-writer-nogui (or set REPORT_PARSER_SOFFICE to the soffice binary)")
    # The input is copied under a plain name: archive names with spaces, leading dashes or shell
    # metacharacters never reach LibreOffice's own command-line parsing.
    src = outdir / f"input.{fmt}"
    src.write_bytes(data)
    cmd = [soffice, f"-env:UserInstallation=file://{_profile()}", "--headless", "--invisible", "--norestore",
           "--nologo", "--nodefault", "--nolockcheck", "--convert-to", FILTERS[target],
           "--outdir", str(outdir), str(src)]
    with _LOCK:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                start_new_session=True, env={**os.environ, "HOME": _profile()})
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice forks oosplash + soffice.bin: kill the group
            proc.communicate()
            raise InputError("CONVERSION_TIMEOUT",
                             f"{path.name}: LibreOffice did not finish converting the .{fmt} file within "
                             f"{timeout:g} s") from None
    result = outdir / f"input.{target}"
    if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
        detail = (err or out or b"").decode("utf-8", "replace").strip().splitlines()
        raise InputError("CONVERSION_FAILED",
                         f"{path.name}: LibreOffice could not convert the .{fmt} file to .{target}"
                         + (f" ({detail[-1][:200]})" if detail else " (corrupt or unsupported file)"))
    return result


def read(path: Path, data: bytes, options: dict) -> Document:
    """Read a .doc/.wps/.rtf file by converting it to .docx; provenance records the conversion."""
    from .sniff import sniff
    from . import docx as docx_reader

    fmt = sniff(data, path.name)
    if fmt not in ("doc", "wps", "rtf"):
        fmt = path.suffix.lower().lstrip(".") or "doc"
    timeout = float(options.get("convert_timeout") or DEFAULT_TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="report-parser-conv-") as tmp:
        out = convert(path, data, fmt, Path(tmp), timeout)
        converted = out.read_bytes()
        try:
            doc = docx_reader.read(out, converted, options)
        except InputError as e:
            raise InputError(e.code, e.message.replace(out.name, f"{path.name} (converted to .docx)"), e.page) \
                from None
    doc.path = str(path)
    doc.sha256 = files.digest(data)
    doc.format = fmt
    doc.meta["converted_from"] = fmt
    doc.meta["converter"] = "LibreOffice"
    for b in doc.blocks:
        b.prov.converted_from = fmt
    return doc
