"""The README is tested documentation: every shell and Python block runs, top to bottom, on a database built from the
bundled corpus, and its output is checked where the README shows it.

Conventions in README.md (HTML comments, invisible on GitHub):
- a ```text block right after a ```bash or ```python block is that block's output (stdout and stderr, as a terminal
  shows them); `...` in a line stands for any text, a line that is only `...` for any number of lines; runs of
  spaces and of table rules (━ ─) match runs of any length, so a column that widens does not matter;
- `<!-- readme-test: skip — why -->` before a block: not run (set-up as root, servers, PostgreSQL, clusters);
- `<!-- readme-test: drop "TEXT" — why -->`: run without TEXT (the set-up part of the quick-start line);
- `<!-- readme-test: exit N -->`: the block must exit with N (an error shown on purpose).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)
MARKER = re.compile(r"<!--\s*readme-test:\s*(skip|drop|exit)\b(.*?)-->\s*\n*\Z", re.S)


@dataclass
class Block:
    """One runnable block of the README, with what its marker says and the output shown after it."""

    lang: str
    code: str
    line: int
    skip: bool = False
    drop: str | None = None
    exit: int = 0
    output: str | None = None


def blocks(text: str) -> list[Block]:
    """The bash and python blocks of a Markdown text, in order, with their markers and shown output."""
    out: list[Block] = []
    end = 0
    for m in FENCE.finditer(text):
        between = text[end:m.start()]
        end = m.end()
        lang, code = m.group(1), m.group(2)
        if lang == "text" and out and out[-1].output is None and not between.strip():
            out[-1].output = code
            continue
        if lang not in ("bash", "python"):
            continue
        b = Block(lang, code, text.count("\n", 0, m.start()) + 1)
        marker = MARKER.search(between)
        if marker:
            kind, arg = marker.group(1), marker.group(2).strip()
            if kind == "skip":
                b.skip = True
            elif kind == "drop":
                b.drop = re.match(r'"([^"]*)"', arg).group(1)
            else:
                b.exit = int(arg.split()[0])
        elif "readme-test" in between.split("```")[-1]:
            raise AssertionError(f"README line {b.line}: a readme-test marker this test does not understand")
        out.append(b)
    return out


def _norm(line: str) -> str:
    # rich centres a table title over the table, so leading spaces change with the widest row
    return re.sub(r"━+", "━", re.sub(r"─+", "─", re.sub(r"[ \t]+", " ", line.strip())))


def matches(expected: str, actual: str) -> bool:
    """Whether output matches the shown text (`...` wildcards; spaces and table rules of any length)."""
    exp = [_norm(x) for x in expected.rstrip("\n").split("\n")]
    act = [_norm(x) for x in actual.rstrip("\n").split("\n")]
    pats = [None if x == "..." else re.compile(".*".join(re.escape(p) for p in x.split("...")) + r"\Z")
            for x in exp]

    def go(i: int, j: int) -> bool:
        if i == len(pats):
            return j == len(act)
        if pats[i] is None:
            return any(go(i + 1, k) for k in range(j, len(act) + 1))
        return j < len(act) and bool(pats[i].match(act[j])) and go(i + 1, j + 1)

    return go(0, 0)


def run(block: Block, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run one block as a user would: bash (errexit, pipefail) or python, stderr into stdout."""
    code = block.code.replace(block.drop, "", 1) if block.drop else block.code
    cmd = ["bash", "-e", "-o", "pipefail", "-c", code] if block.lang == "bash" else [sys.executable, "-c", code]
    return subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=300)


@pytest.fixture
def fresh_checkout(tmp_path) -> tuple[Path, dict[str, str]]:
    """A folder that looks like a set-up checkout without a database: corpus/, notebooks/ and .venv (this one)."""
    for name in ("corpus", "notebooks", "scripts"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORT_PARSER_")}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
               COLUMNS="200", NO_COLOR="1", TERM="dumb")
    return tmp_path, env


def test_the_readme_runs_top_to_bottom_and_prints_what_it_shows(fresh_checkout):
    cwd, env = fresh_checkout
    text = README.read_text(encoding="utf-8")
    todo = [b for b in blocks(text) if not b.skip]
    assert len(todo) >= 8, "the README lost its runnable blocks"
    for b in todo:
        res = run(b, cwd, env)
        where = f"README.md line {b.line} ({b.lang}):\n{b.code}"
        assert res.returncode == b.exit, f"{where}\nexited {res.returncode}, expected {b.exit}:\n{res.stdout}"
        if b.output is not None:
            assert matches(b.output, res.stdout), f"{where}\nprinted:\n{res.stdout}\nthe README shows:\n{b.output}"


def test_every_skipped_block_says_why():
    text = README.read_text(encoding="utf-8")
    for m in re.finditer(r"<!--\s*readme-test:\s*(skip|drop)(.*?)-->", text, re.S):
        assert len(m.group(2).split("—", 1)[-1].strip()) > 10, m.group(0)


def test_the_quick_start_keeps_its_two_commands():
    text = README.read_text(encoding="utf-8")
    quick = text[text.index("## Quick start"):text.index("\n## ", text.index("## Quick start") + 1)]
    assert [b.code.strip() for b in blocks(quick)] == [
        "bash scripts/setup.sh && .venv/bin/report-parser ingest corpus/", ".venv/bin/python -m pytest"]


def test_the_command_table_names_real_commands_options_and_arguments():
    """Each `report-parser CMD …` synopsis in the table: the command exists, its --options exist, and it names as
    many required arguments as the command has (export's OUT was left out)."""
    import click

    from report_parser.cli import main

    text = README.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `report-parser ([a-z-]+)([^`]*)` \|", text, re.M)
    assert len(rows) >= 10
    ctx = click.Context(main)
    for name, synopsis in rows:
        cmd = main.get_command(ctx, name)
        assert cmd is not None, name
        opts = {o for p in cmd.params for o in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
        for opt in re.findall(r"--[a-z][a-z-]*", synopsis):
            assert opt in opts, f"{name}: {opt} is not an option"
        required = [p for p in cmd.params if isinstance(p, click.Argument) and p.required]
        outside = re.sub(r"\[[^\]]*\]", "", synopsis)
        named = re.findall(r'"?\b[A-Z][A-Z_]*\b"?(?:\.\.\.)?', outside)
        assert len(named) >= len(required), f"{name}: the synopsis leaves out a required argument"


def test_the_harness_catches_a_wrong_output_and_reads_markers():
    md = ("<!-- readme-test: skip — a server that runs until stopped -->\n```bash\nserve\n```\n\n"
          "<!-- readme-test: exit 2 -->\n```bash\nfalse\n```\n```text\nError: ...\n```\n")
    got = blocks(md)
    assert [(b.skip, b.exit, b.output) for b in got] == [(True, 0, None), (False, 2, "Error: ...\n")]
    assert matches("a ... c\n...\nz", "a b c\nx\ny\nz")
    assert not matches("a ... c\nz", "a b c\nx\nz")
    assert matches("│ seen │ 80 │\n┏━┓", "│ seen        │    80 │\n┏━━━━━━┓")


def test_the_readme_names_every_notebook_and_the_command_that_opens_them():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Notebooks"):]
    section = section[:section.find("\n## ", 1) if "\n## " in section[1:] else len(section)]
    for nb in sorted((ROOT / "notebooks").glob("*.py")):
        assert f"notebooks/{nb.name}" in section, nb.name
    assert [b.code.strip() for b in blocks(section)] == [".venv/bin/jupyter lab notebooks/"]
