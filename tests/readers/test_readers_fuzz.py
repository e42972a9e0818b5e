"""Mutated seed files never crash a reader: each read gives a Document or an InputError with a code.

A short run happens in every test run; a longer one by hand:
    REPORT_PARSER_FUZZ_EXAMPLES=2000 pytest tests/readers/test_readers_fuzz.py
"""
from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_parser.errors import InputError
from report_parser.model import Document
from report_parser.readers import read

EXAMPLES = int(os.environ.get("REPORT_PARSER_FUZZ_EXAMPLES", "15"))
CODE = re.compile(r"^[A-Z][A-Z0-9_]+$")


def _mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    buf = bytearray(data)
    for op, at, arg in ops:
        if not buf:
            break
        i = at % len(buf)
        if op == "flip":
            buf[i] = arg % 256
        elif op == "cut":
            del buf[i:]
        elif op == "zero":
            buf[i:i + arg % 2000] = b"\0" * (arg % 2000)
        else:  # copy a stretch from elsewhere in the file over this one
            j = arg % len(buf)
            buf[i:i + 64] = buf[j:j + 64]
    return bytes(buf)


MUTATIONS = st.lists(st.tuples(st.sampled_from(["flip", "cut", "zero", "splice"]), st.integers(0, 2**31),
                               st.integers(0, 2**31)), min_size=1, max_size=8)


@pytest.mark.parametrize("name", ["qianwei-2017.txt", "qianwei-2017.docx", "qianwei-2017.pdf"])
def test_mutated_files_give_a_document_or_a_coded_error(corpus, tmp_path_factory, name):
    source = corpus / "seed" / name
    if not source.exists():
        pytest.skip(f"{source} is absent")
    original = source.read_bytes()
    folder = tmp_path_factory.mktemp("fuzz")

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(MUTATIONS)
    def check(ops):
        p = folder / name
        p.write_bytes(_mutate(original, ops))
        try:
            doc = read(p, {"ocr": False})
        except InputError as e:
            assert CODE.match(e.code) and p.name in e.message
            return
        assert isinstance(doc, Document)
        assert all(isinstance(b.text, str) for b in doc.blocks)

    check()
