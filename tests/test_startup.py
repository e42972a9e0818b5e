"""Start-up stays light (docs/architecture.md rule 6): what a fresh process imports, never how long it takes."""
from __future__ import annotations

import subprocess
import sys

HEAVY = {"sqlalchemy", "pandas", "jieba", "pdfplumber", "pypdf", "pypdfium2", "docx", "lxml", "yaml", "rich",
         "dask", "distributed", "numpy"}


def _imported(code: str) -> set[str]:
    """Top-level modules and report_parser modules a fresh interpreter holds after running code."""
    code += ("\nimport sys\nprint('MODULES', ' '.join(sorted(m for m in sys.modules "
             "if '.' not in m or m.startswith('report_parser'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split("MODULES", 1)[1].split())


def test_help_imports_click_and_the_cli_only():
    mods = _imported("from report_parser.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert not mods & HEAVY
    assert {m for m in mods if m.startswith("report_parser")} == {"report_parser", "report_parser.cli"}


def test_the_package_api_is_imported_when_first_used():
    mods = _imported("import report_parser")
    assert {m for m in mods if m.startswith("report_parser")} == {"report_parser"}


def test_parsing_a_text_file_loads_no_storage_research_or_format_library(corpus):
    path = corpus / "seed" / "qianwei-2017.txt"
    mods = _imported(f"from report_parser.pipeline import parse_file\nparse_file({str(path)!r}, {{}})")
    assert not mods & (HEAVY - {"yaml"})
    assert not any(m.startswith(("report_parser.store", "report_parser.research")) for m in mods)


def test_the_cli_spares_a_short_process_the_collector():
    # Start-up (docs/architecture.md rule 6): no collection while a one-file command imports and loads what it keeps,
    # and none over the kept objects at exit (the handler registered before the CLI's runs after it: frozen by then).
    code = ("import atexit, gc\natexit.register(lambda: print('FROZEN', gc.get_freeze_count() > 0))\n"
            "import report_parser.cli\nprint('THRESHOLD', gc.get_threshold()[0])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["THRESHOLD", "50000", "FROZEN", "True"]
