"""The command line: options → one library call → output. Subcommands load lazily."""
from __future__ import annotations

import atexit
import gc
import importlib

# A fresh process allocates ~35,000 container objects while it imports click and the stages and loads their data and
# compiled patterns, nearly all of them kept to its end; at the collector's default threshold (700 allocations) that
# is ~50 collections finding nothing, ~6 ms of a ~110 ms `parse` of one file. The command line raises the young
# generation's threshold so that a one-file command runs without one. A long batch does about the same collecting
# work per object (fewer, larger collections), and garbage cycles wait at most 50,000 allocations.
gc.set_threshold(max(gc.get_threshold()[0], 50_000), *gc.get_threshold()[1:])
# At exit the interpreter runs full collections over every object still alive (~13 ms after a `parse` of one file)
# before the teardown frees the modules, their data and compiled patterns by reference counting anyway. Frozen, those
# objects are left out of the collections; what a cycle still holds at exit is then not finalised, which Python
# does not promise either. (Registered first, it runs after the handlers registered later: the program cache's.)
atexit.register(gc.freeze)

import click  # noqa: E402 - after the collector's threshold: importing click is a third of those allocations

from . import __version__

# command name -> "module:attribute" under report_parser.commands. Loading a command imports only
# its own module, so `report-parser --help` starts without pdfplumber, jieba or SQLAlchemy.
COMMANDS = {
    "parse": "parse:parse_cmd",
    "eval": "evaluate:eval_cmd",
    "ingest": "ingest:ingest_cmd",
    "synth": "synth:synth_cmd",
    "compare": "query:compare_cmd",
    "query": "query:query_cmd",
    "export": "export:export_cmd",
    "orgs": "orgs:orgs_cmd",
    "datasette-metadata": "export:datasette_metadata_cmd",
    "audit": "audit:audit_cmd",
    "migrate": "ingest:migrate_cmd",
    "doctor": "doctor:doctor_cmd",
    "keys": "keys:keys_cmd",
    "review": "review:review_cmd",
    "show": "evidence:show_cmd",
    "dossier": "evidence:dossier_cmd",
}

HELP = {
    "parse": "Parse report files into records (JSON Lines with --json).",
    "eval": "Score the parser against gold files.",
    "ingest": "Ingest files and folders into the database.",
    "synth": "Generate a synthetic corpus with exact ground truth.",
    "compare": "Pivot metrics × organisation × year.",
    "query": "Run a read-only SQL query.",
    "export": "Export tables to CSV, Parquet, JSON Lines or Excel.",
    "orgs": "List organisations, the names merged into each (and why), and unresolved names.",
    "datasette-metadata": "Write Datasette metadata for the database.",
    "audit": "Find missing parts and numbers that don't add up.",
    "migrate": "Create or upgrade the database schema (and query's read-only role on PostgreSQL).",
    "doctor": "Show versions, optional tools and database reachability.",
    "keys": "List metric and cell keys with their Chinese labels.",
    "review": "Confirm, dismiss or correct audit findings; reviews survive re-ingest.",
    "show": "Draw a value on its page: the PDF page with the value boxed (web/text: an HTML snippet).",
    "dossier": "Write a report's evidence as one self-contained HTML file (and Markdown).",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported only when called."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        mod, attr = target.split(":")
        try:
            module = importlib.import_module(f".commands.{mod}", __package__)
        except ModuleNotFoundError as e:
            if e.name and e.name.startswith("report_parser.commands"):
                return None
            raise
        return getattr(module, attr)

    def format_commands(self, ctx, formatter):
        # Help lists the commands from the static table: no subcommand module is imported.
        rows = [(n, HELP.get(n, "")) for n in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="report-parser")
def main():
    """Turn Chinese government information-disclosure annual reports into a queryable database."""


if __name__ == "__main__":
    main()
