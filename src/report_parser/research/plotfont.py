"""A CJK font for matplotlib figures (Noto Sans CJK from Debian fonts-noto-cjk), or a warning instead of tofu."""
from __future__ import annotations

import warnings

# Family names in order of preference: Simplified Chinese first, then the other Noto CJK faces (same glyphs for
# the common hanzi), then fonts other systems ship.
CANDIDATES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Serif CJK SC", "Source Han Sans SC",
              "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei", "PingFang SC")


def use_cjk_font() -> str | None:
    """Make matplotlib draw Chinese with the first CJK font found; returns its name, or None after a warning."""
    import matplotlib
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    for name in CANDIDATES:
        if name in have:
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["font.sans-serif"] = [name, *matplotlib.rcParams["font.sans-serif"]]
            matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
            return name
    warnings.warn("no CJK font found (install fonts-noto-cjk): Chinese labels would print as empty boxes, "
                  "so figures use the English keys instead", stacklevel=2)
    return None


def label(zh: str, en: str, cjk: str | None) -> str:
    """The Chinese label when a CJK font is in use, else the English one (never tofu)."""
    return zh if cjk else en


def cjk_font_file() -> tuple[str, int] | None:
    """(path, face index) of the first CJK font fontconfig knows among CANDIDATES, for Pillow; None when none is."""
    import shutil
    import subprocess

    if shutil.which("fc-match") is None:
        return None
    for name in CANDIDATES:
        try:
            out = subprocess.run(["fc-match", "-f", "%{family}|%{file}|%{index}", name], capture_output=True,
                                 text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        family, _, rest = out.partition("|")
        path, _, index = rest.partition("|")
        # fc-match always answers with some font: only one whose family is the one asked for counts.
        if path and name in family.split(","):
            return path, int(index or 0)
    return None
