"""Domain knowledge shipped as data files (YAML), loaded once and cached."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Load a YAML file shipped in report_parser/data (e.g. "sections.yaml", "skeletons/gb2021.yaml")."""
    import yaml

    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
