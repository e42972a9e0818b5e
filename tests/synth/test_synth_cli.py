"""`report-parser synth`: writes docs, truth and manifest; bad options exit 2 with a sentence, no traceback."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from report_parser.cli import main


def test_synth_command_writes_documents_truth_and_manifest(tmp_path):
    out = tmp_path / "c"
    res = CliRunner().invoke(main, ["synth", str(out), "--orgs", "2", "--years", "2019-2021",
                                    "--formats", "docx,txt", "--seed", "3", "--quiet"])
    assert res.exit_code == 0, res.output
    assert len(list((out / "docs").iterdir())) == 6
    assert len(list((out / "truth").glob("*.json"))) == 6
    assert (out / "manifest.csv").read_text(encoding="utf-8").count("\n") == 7


@pytest.mark.parametrize("args,needle", [
    (["--formats", "doc"], "unknown format"),
    (["--years", "twenty"], "years"),
    (["--defects", "2"], "rate between 0 and 1"),
], ids=["unknown-format", "unreadable-years", "defect-rate-above-one"])
def test_bad_options_exit_2_with_a_sentence(tmp_path, args, needle):
    res = CliRunner().invoke(main, ["synth", str(tmp_path / "x"), *args])
    assert res.exit_code == 2
    assert needle in res.output and "Traceback" not in res.output
