"""Notebook API: `open_store(url)` → a Store whose methods return pandas DataFrames."""
from __future__ import annotations

from typing import Any, Iterable

import sqlalchemy as sa

from ..store import schema as S
from .keys import check, check_prefix
from ..store.db import Store as _BaseStore


class Store(_BaseStore):
    """A database opened for analysis: every method returns a pandas DataFrame.

    Extend by adding methods that build a SQLAlchemy select and hand it to `self.frame(...)`;
    `self.where_reports(query, **filters)` applies the shared report filters.
    """

    def frame(self, query: Any, params: dict[str, Any] | None = None):
        """Run a select (or SQL text) and return a DataFrame."""
        import pandas as pd

        if isinstance(query, str):
            query = sa.text(query)
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn, params=params)

    def query(self, sql: str, params: dict[str, Any] | None = None, limit: int | None = None,
              timeout: float = 60.0):
        """Run one user-written statement read-only (as `report-parser query` does) and return a DataFrame."""
        import pandas as pd

        from ..store.readonly import run

        columns, rows = run(self.url, sql, params, limit=limit, timeout=timeout)
        return pd.DataFrame(rows, columns=columns)

    def where_reports(self, query: Any, table: Any = None, **filters: Any) -> Any:
        """Add the report filters (the CLI's, via compare.make_filters, and reports-column equality) to a select."""
        from .compare import make_filters

        return make_filters(**filters).apply(query, table if table is not None else S.reports)

    def reports(self, **filters: Any):
        """One row per stored report, with its paths joined by "; "."""
        paths = (sa.select(S.report_paths.c.report_id, S.report_paths.c.path)
                 .order_by(S.report_paths.c.report_id, S.report_paths.c.path))
        q = self.where_reports(sa.select(S.reports).order_by(S.reports.c.id), **filters)
        df = self.frame(q)
        p = self.frame(paths)
        joined = p.groupby("report_id")["path"].agg("; ".join) if len(p) else {}
        df.insert(1, "paths", df["id"].map(joined) if len(df) else [])
        return df

    def metrics(self, metrics: str | Iterable[str] | None = None, **filters: Any):
        """The report_metrics view: one row per report × metric (value exact as text, value_float).

        metrics: one key or a list (`report-parser keys --kind metric`); filters as compare's."""
        v = sa.table("report_metrics", *(sa.column(c) for c in _VIEW_COLUMNS))
        q = sa.select(v).order_by(v.c.org, v.c.year, v.c.metric, v.c.report_id)
        if metrics is not None:
            q = q.where(v.c.metric.in_(check(metrics, ("metric",), "metric key")))
        return self.frame(self.where_reports(q, table=v, **filters))

    def cells(self, keys: str | Iterable[str] | None = None, prefix: str | None = None, **filters: Any):
        """Table cells with report metadata; keys exact (s3.total.new) or a key prefix (s2.)."""
        c, r = S.cells, S.reports
        q = (sa.select(r.c.org, r.c.org_id, r.c.year, r.c.era, c)
             .join(r, r.c.id == c.c.report_id).order_by(c.c.report_id, c.c.position))
        if keys is not None:
            q = q.where(c.c.key.in_(check(keys, ("cell",), "cell key")))
        if prefix is not None:
            q = q.where(c.c.key.startswith(check_prefix(prefix), autoescape=True))
        return self.frame(self.where_reports(q, **filters))

    def findings(self, rule_id: str | None = None, severity: str | None = None, **filters: Any):
        """Audit findings with report metadata."""
        f, r = S.findings, S.reports
        q = (sa.select(r.c.org, r.c.org_id, r.c.year, f)
             .join(r, r.c.id == f.c.report_id).order_by(f.c.report_id, f.c.position))
        if rule_id is not None:
            q = q.where(f.c.rule_id == rule_id)
        if severity is not None:
            q = q.where(f.c.severity == severity)
        return self.frame(self.where_reports(q, **filters))

    def figures(self, metric: str | None = None, **filters: Any):
        """Prose figures with report metadata."""
        f, r = S.figures, S.reports
        q = (sa.select(r.c.org, r.c.org_id, r.c.year, f)
             .join(r, r.c.id == f.c.report_id).order_by(f.c.report_id, f.c.position))
        if metric is not None:
            q = q.where(f.c.metric == check(metric, ("metric", "figure"), "metric key")[0])
        return self.frame(self.where_reports(q, **filters))

    def reviews(self):
        """Auditors' reviews with their status now (current | stale, and why) and the value stored now."""
        import pandas as pd

        from ..audit.review import load_reviews

        with self.engine.connect() as conn:
            return pd.DataFrame([r.to_dict() for r in load_reviews(conn)],
                                columns=[*(c.name for c in S.reviews.c), "status", "stale_reason", "current_value"])

    def runs(self):
        """Ingest runs, newest first."""
        return self.frame(sa.select(S.runs).order_by(S.runs.c.started_at.desc()))


    def compare(self, items: str | Iterable[str], long: bool = False, use: str = "reported", **filters: Any):
        """Pivot metrics/cell keys × organisation × year (one column per year; missing stays NaN/None).

        Filters as the CLI: region, province, city, county, town, level, era, years="2015-2024", name="*镇*",
        org_id. long=True gives one row per value with its source (kind, ref, page, text) instead.
        use="reviewed": a reviewer's current correction replaces the reported value in the pivot; long rows then
        also carry corrected, used (reported | reviewed) and review (corrected | stale)."""
        import pandas as pd

        from .compare import compare, make_filters

        result = compare(self.engine, items, make_filters(**filters), explain=long, use=use)
        if long:
            extra = ["corrected", "used", "review"] if use == "reviewed" else []
            return pd.DataFrame([v.to_dict() for v in result.long()],
                                columns=["report_id", "org_key", "org", "year", "item", "value", "raw", "kind",
                                         "ref", "page", "text", *extra])
        return pd.DataFrame(result.rows(), columns=["org_id", "organisation", "item", *map(str, result.years)])


_VIEW_COLUMNS = ("report_id", "sha256", "org", "org_id", "region_province", "region_city", "region_county",
                 "region_town", "level", "year", "era", "status", "format", "metric", "value", "value_float",
                 "source_kind", "source_ref", "source_page")


def open_store(url: str | None = None) -> Store:
    """Open a database (URL, SQLite path, REPORT_PARSER_DB or reports.db) for analysis in a notebook."""
    return Store(url)
