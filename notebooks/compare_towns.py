# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 比较乡镇与年度 / Comparing towns and years
#
# Trend lines of applications received, a heat map of organisation × year, and the grounds of refusal.
# The data come through the Python API (`report_parser.open_store`). Set `REPORT_PARSER_DB` to use your own
# database; otherwise a generated demo corpus is built in `output/` (takes a few seconds the first time).

# %%
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from report_parser.research import demo
from report_parser.research.api import open_store
from report_parser.data import load
from report_parser.research.plotfont import label, use_cjk_font

OUT = Path(os.environ.get("REPORT_PARSER_NB_OUTPUT", "output"))
OUT.mkdir(parents=True, exist_ok=True)
cjk = use_cjk_font()
store = open_store(demo.database(OUT))
print("font:", cjk, "| reports:", len(store.reports()))


def number(v):
    """A pivot cell as a float: missing stays NaN, and so do conflicting reports ("3 | 5", listed below)."""
    try:
        return float(v)
    except (TypeError, ValueError):
        return np.nan

# %% [markdown]
# ## Applications received, town by town (`requests.received`)
# Missing years stay gaps in the lines: a report that does not state a number is not a zero. Two reports of one
# body for one year (a wrong year in a title, a re-published report) show both values, "0 | 2": they are gaps
# here and listed under the figure.

# %%
received = store.compare("requests.received", level="township")
years = [c for c in received.columns if c.isdigit()]
fig, ax = plt.subplots(figsize=(9, 4.5))
for _, row in received.iterrows():
    values = [number(row[y]) for y in years]
    ax.plot([int(y) for y in years], values, marker="o", label=row["organisation"])
ax.set_xlabel(label("年度", "year", cjk))
ax.set_ylabel(label("收到申请（件）", "applications received", cjk))
ax.set_title(label("乡镇街道历年收到的政府信息公开申请", "Applications received by towns", cjk))
ax.legend(fontsize=7, ncol=2)
fig.tight_layout()
fig.savefig(OUT / "trend_received.png", dpi=110)
conflicts = [(r["organisation"], y, r[y]) for _, r in received.iterrows() for y in years if "|" in str(r[y])]
print("conflicting reports:", conflicts)
received

# %% [markdown]
# ## Heat map: organisation × year (`active.items`, items published proactively)

# %%
items = store.compare("active.items")
years = [c for c in items.columns if c.isdigit()]
grid = np.array([[number(v) for v in row] for row in items[years].values])
fig, ax = plt.subplots(figsize=(9, 0.45 * len(items) + 1.5))
im = ax.imshow(np.ma.masked_invalid(grid), aspect="auto", cmap="viridis")
ax.set_xticks(range(len(years)), years)
ax.set_yticks(range(len(items)), items["organisation"])
ax.set_title(label("主动公开政府信息条数（空白为未报告）", "Items published (blank = not stated)", cjk))
fig.colorbar(im, ax=ax)
fig.tight_layout()
fig.savefig(OUT / "heatmap_items.png", dpi=110)

# %% [markdown]
# ## Grounds of refusal (s3 不予公开, total column, all years)

# %%
rows = load("skeletons/gb2021.yaml")["tables"]["s3"]["rows"]
cells = store.cells(prefix="s3.not_open.")
cells = cells[cells["key"].str.endswith(".total") & ~cells["key"].str.startswith("s3.not_open.total.")]
cells = cells.assign(reason=cells["key"].str.split(".").str[2])
by_reason = cells.groupby("reason")["value_float"].sum().sort_values()
names = [label(rows[f"not_open.{r}"][0].split(".", 1)[-1], r, cjk) for r in by_reason.index]
fig, ax = plt.subplots(figsize=(8, 4))
ax.barh(names, by_reason.values)
ax.set_xlabel(label("件数", "requests", cjk))
ax.set_title(label("不予公开的理由", "Grounds of refusal", cjk))
fig.tight_layout()
fig.savefig(OUT / "refusal_reasons.png", dpi=110)
by_reason
