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
# # 数据质量 / Data quality
#
# Coverage (which organisation reported which year), missing parts, and the audit's findings — read through
# the Python API. Set `REPORT_PARSER_DB` for your own database; otherwise the generated demo is used.

# %%
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from report_parser.research import demo
from report_parser.research.api import open_store
from report_parser.research.plotfont import label, use_cjk_font

OUT = Path(os.environ.get("REPORT_PARSER_NB_OUTPUT", "output"))
OUT.mkdir(parents=True, exist_ok=True)
cjk = use_cjk_font()
store = open_store(demo.database(OUT))
reports = store.reports()
print("reports:", len(reports), "| status:", reports["status"].value_counts().to_dict())

# %% [markdown]
# ## Coverage: organisation × year

# %%
reports["body"] = reports["org_id"].fillna("?" + reports["org"].fillna(""))
names = reports.sort_values("year").groupby("body")["org"].last()
cover = reports.pivot_table(index="body", columns="year", values="id", aggfunc="count", fill_value=0)
fig, ax = plt.subplots(figsize=(9, 0.4 * len(cover) + 1.5))
ax.imshow((cover.values > 0).astype(float), aspect="auto", cmap="Greens", vmin=0, vmax=1.5)
ax.set_xticks(range(len(cover.columns)), cover.columns)
ax.set_yticks(range(len(cover)), [names[b] for b in cover.index])
ax.set_title(label("报告覆盖情况（绿色 = 已入库）", "Coverage (green = stored)", cjk))
fig.tight_layout()
fig.savefig(OUT / "coverage.png", dpi=110)
cover

# %% [markdown]
# ## Missing parts

# %%
missing = reports.explode("missing_sections").dropna(subset=["missing_sections"])
counts = missing["missing_sections"].value_counts()
print(label("缺失部分的报告数", "reports missing each part", cjk))
counts

# %% [markdown]
# ## Audit findings by rule and severity

# %%
findings = store.findings()
failed = findings[findings["status"] == "fail"] if len(findings) else findings
table = failed.groupby(["rule_id", "severity"]).size().rename("findings").reset_index() if len(failed) else failed
fig, ax = plt.subplots(figsize=(8, 3.5))
if len(table):
    ax.bar(table["rule_id"], table["findings"])
ax.set_title(label("审核发现（按规则）", "Audit findings by rule", cjk))
ax.set_ylabel(label("条数", "findings", cjk))
fig.tight_layout()
fig.savefig(OUT / "findings.png", dpi=110)
failed[["org", "year", "rule_id", "severity", "message_zh"]].head(20) if len(failed) else table
