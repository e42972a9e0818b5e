"""Small paths a researcher takes (issue 22): --explain without an organisation, the ingest summary's database,
set-up progress, and dependencies that the code really uses."""
from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

from click.testing import CliRunner

from conftest_query import *  # noqa: F401,F403
from report_parser.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_explain_labels_a_report_without_an_organisation(truth_records, tmp_path):
    """--explain printed "None 2020" for a report whose organisation was not found."""
    from report_parser.record import Report
    from report_parser.store.db import Store
    from report_parser.synth.truth import record_fields

    t = next(t for t in truth_records.values() if t["metrics"].get("requests.received") is not None)
    fields = record_fields(t)
    fields["org"] = None
    url = f"sqlite:///{tmp_path / 'noorg.db'}"
    with Store(url) as store:
        store.save(Report.from_dict(fields), "noorg.txt")
    r = CliRunner().invoke(main, ["compare", "requests.received", "--db", url, "--explain"])
    assert r.exit_code == 0, r.output
    line = next(x for x in r.output.splitlines() if "requests.received =" in x)
    assert not line.startswith("None") and line.startswith(t["source"]["sha256"][:16]) and "(?)" in line


def test_the_ingest_summary_names_the_database(tmp_path):
    db = tmp_path / "where.db"
    r = CliRunner().invoke(main, ["ingest", str(ROOT / "corpus" / "seed" / "qianwei-2017.txt"), "--db", str(db),
                                  "--quiet", "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0] == f"database: {db}"


def test_the_summary_hides_a_server_password():
    from report_parser.commands.ingest import _shown_url

    shown = _shown_url("postgresql+psycopg://alice:s3cret@db.example.org:5432/reports")
    assert shown == "postgresql+psycopg://alice:***@db.example.org:5432/reports"


def _stub(folder: Path, name: str, body: str) -> None:
    p = folder / name
    p.write_text("#!/usr/bin/env bash\n" + body + "\n", encoding="utf-8")
    p.chmod(0o755)


def test_setup_says_what_it_is_doing_before_each_slow_step(tmp_path):
    """scripts/setup.sh was silent for minutes while apt ran; each step now prints a line first."""
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "setup.sh").write_text((ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8"))
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    # A machine with nothing installed, run as root; apt, dpkg and python are stand-ins that log their calls.
    _stub(bin_, "id", 'echo 0')
    _stub(bin_, "dpkg", 'exit 1')
    apt_output = "Need to get 1 MB of archives.\\nGet:1 x\\nSetting up qpdf\\n"
    _stub(bin_, "apt-get", f'echo "apt-get $*" >> {tmp_path}/calls; [ "$1" = install ] && printf "{apt_output}"; exit 0')
    venv_python = ('mkdir -p .venv/bin; printf "#!/usr/bin/env bash\\necho \\"pip \\$*\\" >> '
                   f'{tmp_path}/calls\\n" > .venv/bin/python; chmod +x .venv/bin/python')
    _stub(bin_, "python3", f'case "$*" in -V) echo "Python 3.12.0";; "-m venv .venv") {venv_python};; esac; exit 0')
    env = {**os.environ, "PATH": f"{bin_}{os.pathsep}{os.environ['PATH']}", "PYTHON": str(bin_ / "python3")}
    res = subprocess.run(["bash", str(tmp_path / "scripts" / "setup.sh")], env=env, capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 0, res.stderr
    steps = [line for line in res.stderr.splitlines() if re.match(r"\[setup \d\d:\d\d:\d\d\] ", line)]
    said = "\n".join(steps)
    for words in ("apt-get update", "apt-get install: libreoffice-writer-nogui", "creating .venv", "pip install",
                  "done"):
        assert words in said, (words, res.stderr)
    assert "  Setting up qpdf" in res.stderr and "Get:1" not in res.stderr  # apt's progress, not its every line
    assert "pip install" in (tmp_path / "calls").read_text()


def test_cn2an_is_the_numeral_tests_oracle_not_a_runtime_dependency():
    """numbers.py parses Chinese numerals itself (cn2an costs ~127 ms to import, raises on 近百); cn2an checks it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[<>=\[ ]", d)[0].lower() for d in project["dependencies"]]
    assert "cn2an" not in names
    assert any(d.startswith("cn2an") for d in project["optional-dependencies"]["test"])
    for p in (ROOT / "src" / "report_parser").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+cn2an", p.read_text(encoding="utf-8"), re.M), p
    arch = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    row = next(line for line in arch.splitlines() if line.startswith("| cn2an"))
    assert "test" in row and "numbers.py" in row
