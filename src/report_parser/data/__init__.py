"""Domain knowledge shipped as data files (YAML), loaded once and cached."""
from __future__ import annotations

import marshal
import os
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).parent
# Where parsed data files are kept between processes; "off" reads the YAML every time.
CACHE_ENV = "REPORT_PARSER_CACHE"


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
    return (HERE / name).read_text(encoding="utf-8")


def cache_dir() -> Path | None:
    """The user's cache folder for parsed data files ($REPORT_PARSER_CACHE, else the XDG cache); None when off."""
    where = os.environ.get(CACHE_ENV)
    if where is not None:
        return None if where.strip().lower() in ("", "off", "0", "no") else Path(where)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "report-parser"


def _cache_path(path: Path, folder: Path, kind: str = "yaml") -> Path:
    """The cache file of one data file read one way (kind): a new name whenever the package version, the file or the
    marshal format change."""
    from .. import __version__

    st = path.stat()
    # An editable install changes data files without a new version: size and mtime are in the key too; the path's
    # checksum keeps apart same-named files (places.yaml, synth/places.yaml) and other checkouts.
    tag = f"{__version__}-{marshal.version}-{st.st_size}-{st.st_mtime_ns}-{zlib.crc32(str(path).encode()):08x}"
    return folder / f"{path.name}-{kind}-{tag}.marshal"


def _read_cached(cached: Path) -> Any:
    """The data kept in a cache file; LookupError when it is missing or unreadable."""
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, EOFError, ValueError, TypeError) as e:
        raise LookupError(cached) from e


def _write_cached(cached: Path, value: Any) -> None:
    """Keep value in a cache file, atomically; a read-only or full disk only costs the next start its speed."""
    try:
        blob = marshal.dumps(value)  # ValueError for types marshal cannot hold (a YAML timestamp): not cached
        cached.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, cached)  # readers in other processes see the old file or the whole new one
    except (OSError, ValueError):
        pass


def load_file(path: Path, folder: Path | None, build: Callable[[str], Any] | None = None, kind: str = "yaml") -> Any:
    """A data file's value (build(text), by default its YAML), from the cache in folder when it holds this very
    file read this way (kind), else built (and cached)."""
    build = build or parse
    if folder is None:
        return build(path.read_text(encoding="utf-8"))
    cached = _cache_path(path, folder, kind)
    try:
        return _read_cached(cached)
    except LookupError:
        pass
    value = build(path.read_text(encoding="utf-8"))
    _write_cached(cached, value)
    prune_superseded(cached, f"{path.name}-{kind}-*-{cached.name.rsplit('-', 1)[1]}")
    return value


def prune_superseded(kept: Path, pattern: str) -> None:
    """Delete the cache files matching pattern (a glob in kept's folder) other than kept: earlier entries of the same
    thing, written for another package version or an earlier edit of the file."""
    # Each new version or edit of a data file is a new entry (the key holds version, size and mtime); without this the
    # folder kept every entry ever written, and an editable checkout that is edited often gathered hundreds.
    if not kept.exists():  # not written (read-only or full disk): leave the older entries to the next start
        return
    for old in kept.parent.glob(pattern):
        # (as many fields as kept: the glob's * must not reach into another reading, "t2s" against "t2s-cjk-class")
        if old != kept and old.name.count("-") == kept.name.count("-") and not old.name.endswith(".tmp"):
            try:
                old.unlink()
            except OSError:
                pass


def load_built(name: str, build: Callable[[str], Any], kind: str) -> Any:
    """A value built from a shipped data file's text (a CSV table, say), kept in the cache like the YAML files.

    build must return what marshal holds (dicts, lists, tuples, str, numbers, None); kind names the reading."""
    return load_file(HERE / name, cache_dir(), build, kind)


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Load a YAML file shipped in report_parser/data (e.g. "sections.yaml", "skeletons/gb2021.yaml")."""
    # Parsing the YAML (and importing PyYAML) cost ~60 ms of a fresh `parse`; a cached copy loads in ~1 ms.
    return load_file(HERE / name, cache_dir())
