"""Re-typesetting a real excerpt (hard wraps, spaced numbers, breadcrumbs, …) leaves its parse unchanged."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT, SHARED

DEV = SHARED / "real" / "dev"
# bench/perturb.py reports these counts over dev + dev2 tuning items; the gate runs dev alone (51 excerpts).
MAX_CHANGED = {"spaced-numbers": 1}


def _perturb():
    spec = importlib.util.spec_from_file_location("perturb", ROOT / "bench" / "perturb.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def changed():
    if not DEV.is_dir():
        pytest.skip(f"{DEV} is absent")
    mod = _perturb()
    n, tried, changed = mod.count_changes(mod.excerpts(SHARED, ("dev",)))
    assert n == len(list(DEV.glob("*.json"))) and all(tried.values())
    return changed


@pytest.mark.parametrize("variant", list(_perturb().VARIANTS))
def test_retypesetting_changes_no_parse(changed, variant):
    assert changed[variant] <= MAX_CHANGED.get(variant, 0)
