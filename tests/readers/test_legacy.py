"""Legacy .doc/.wps/.rtf: LibreOffice conversion, provenance, time limit, missing LibreOffice, odd names."""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest

from make_hostile import REPORT_PARAS, libreoffice_save_as, report_docx
from report_parser.errors import InputError
from report_parser.pipeline import parse_file
from report_parser.readers import legacy, read


@pytest.fixture(scope="session")
def soffice() -> str:
    found = legacy.find_soffice()
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.fixture(scope="session")
def legacy_files(soffice, tmp_path_factory) -> dict[str, Path]:
    """The test report saved by LibreOffice as .doc and .rtf (one batch)."""
    d = tmp_path_factory.mktemp("legacy-src")
    src = d / "report.docx"
    src.write_bytes(report_docx())
    libreoffice_save_as(soffice, src, ["doc:MS Word 97", "rtf"], d)
    return {"doc": d / "report.doc", "rtf": d / "report.rtf"}


def _fake_soffice(tmp_path: Path, script: str) -> str:
    p = tmp_path / "soffice"
    p.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    p.chmod(p.stat().st_mode | stat.S_IEXEC)
    return str(p)


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["doc", "rtf"])
def test_legacy_file_is_converted_and_read_with_provenance(legacy_files, fmt):
    p = legacy_files[fmt]
    doc = read(p)
    assert doc.format == fmt
    assert doc.path == str(p)
    assert doc.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()  # the original file, not the temp .docx
    assert doc.meta["converted_from"] == fmt
    assert doc.blocks and all(b.prov.converted_from == fmt for b in doc.blocks)
    assert "主动公开政府信息215条" in doc.text and doc.text.startswith(REPORT_PARAS[0])


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", [
    pytest.param("$(touch PWNED);`id` 年报.doc", id="shell-metacharacters"),
    pytest.param("-rf --headless.doc", id="leading-dash"),
    pytest.param("示范镇 2016 年报.wps", id="chinese-and-wps-extension"),
])
def test_odd_names_are_converted_safely(legacy_files, tmp_path, name):
    p = tmp_path / name
    shutil.copy(legacy_files["doc"], p)
    r = parse_file(p, {"strict": True})
    assert r.status == "ok", r.issues
    # Read by the bytes: a Word file named .wps is a WPS-saved Word file (sniff's call), never a failure.
    assert r.source["format"] in ("doc", "wps")
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


@pytest.mark.libreoffice
def test_broken_doc_is_a_conversion_failure(tmp_path, soffice):
    p = tmp_path / "broken.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 40)
    r = parse_file(p, {"strict": True})
    assert r.status == "failed"
    assert r.issues[0].code in ("CONVERSION_FAILED", "NOT_A_DOCUMENT"), r.issues
    assert "broken.doc" in r.issues[0].message


def test_missing_libreoffice_names_the_debian_package(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_PARSER_SOFFICE", str(tmp_path / "no-such-soffice"))
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    r = parse_file(p, {"strict": True})
    assert r.status == "failed"
    assert r.issues[0].code == "LIBREOFFICE_MISSING"
    assert "libreoffice-writer-nogui" in r.issues[0].message and "old.doc" in r.issues[0].message


def test_conversion_that_hangs_is_killed_at_the_time_limit(tmp_path, monkeypatch):
    marker = tmp_path / "still-running"
    monkeypatch.setenv("REPORT_PARSER_SOFFICE", _fake_soffice(tmp_path, f"sleep 30; touch '{marker}'"))
    p = tmp_path / "slow.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    with pytest.raises(InputError) as e:
        legacy.read(p, p.read_bytes(), {"convert_timeout": 1})
    assert e.value.code == "CONVERSION_TIMEOUT" and "slow.doc" in e.value.message
    assert not marker.exists()


def test_converter_that_writes_nothing_is_a_conversion_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_PARSER_SOFFICE", _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2"))
    p = tmp_path / "odd.rtf"
    p.write_bytes(b"{\\rtf1\\ansi nothing}")
    with pytest.raises(InputError) as e:
        legacy.read(p, p.read_bytes(), {})
    assert e.value.code == "CONVERSION_FAILED"
    assert "could not be loaded" in e.value.message and "odd.rtf" in e.value.message


def test_conversion_uses_a_private_profile_and_a_plain_input_name(tmp_path, monkeypatch):
    log = tmp_path / "args.txt"
    script = f"""printf '%s\\n' "$@" > '{log}'
for a; do last="$a"; done
out=$(dirname "$last"); cp '{tmp_path / "out.docx"}' "$out/input.docx" """
    (tmp_path / "out.docx").write_bytes(report_docx())
    monkeypatch.setenv("REPORT_PARSER_SOFFICE", _fake_soffice(tmp_path, script))
    p = tmp_path / "a b;c.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    doc = legacy.read(p, p.read_bytes(), {})
    args = log.read_text(encoding="utf-8").splitlines()
    assert any(a.startswith("-env:UserInstallation=file:///") for a in args)
    assert "--headless" in args
    assert os.path.basename(args[-1]) == "input.doc"
    assert doc.path == str(p) and doc.format == "doc"
