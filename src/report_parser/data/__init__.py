"""Domain knowledge shipped as data files (YAML), loaded once and cached."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any


def _loader(pure: bool = False) -> Any:
    """libyaml's safe loader (C, ~9× faster on these files) when PyYAML was built with it, else the pure one."""
    import yaml

    if pure:
        return yaml.SafeLoader
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str, pure: bool = False) -> Any:
    """YAML text → Python data with the safe loader (pure=True forces the pure-Python one, for the tests)."""
    import yaml

    return yaml.load(text, Loader=_loader(pure))


def read_text(name: str) -> str:
    """The text of a data file shipped in report_parser/data."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Load a YAML file shipped in report_parser/data (e.g. "sections.yaml", "skeletons/gb2021.yaml")."""
    return parse(read_text(name))
