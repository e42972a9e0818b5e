"""The database schema (SQLAlchemy Core metadata), its DDL per dialect, and the report_metrics view."""
from __future__ import annotations

import sqlalchemy as sa

# Exact values are TEXT next to a float column: SQLite's NUMERIC affinity silently rounds
# (e.g. "0.1000000000000000055") and PostgreSQL NUMERIC would not round-trip "/" or blank.
metadata = sa.MetaData()


def _fk(nullable: bool = False) -> sa.Column:
    # Every child row belongs to one report and disappears with it.
    return sa.Column("report_id", sa.String(16), sa.ForeignKey("reports.id", ondelete="CASCADE"),
                     nullable=nullable)


def _child(name: str, *columns: sa.SchemaItem) -> sa.Table:
    """A child table of reports: deterministic id ("<report id>:<kind><position>"), report_id, position."""
    head = [sa.Column("id", sa.Text, primary_key=True), _fk(), sa.Column("position", sa.Integer, nullable=False)]
    return sa.Table(name, metadata, *head, *columns)


def _box() -> list[sa.Column]:
    """Where a value is printed (revision 0007): page and box in PDF points from the page's top-left corner."""
    return [sa.Column("box_page", sa.Integer, comment="page of the box (revision 0007)"),
            sa.Column("box_x0", sa.Double), sa.Column("box_top", sa.Double),
            sa.Column("box_x1", sa.Double), sa.Column("box_bottom", sa.Double),
            sa.Column("box_source", sa.Text, comment="pdf | ocr | block | libreoffice-pdf"),
            sa.Column("box_more", sa.JSON, comment="further [page, x0, top, x1, bottom] of a value wrapped over lines")]


def _exact(name: str = "value") -> list[sa.Column]:
    """An exact value as text beside its float for analysis."""
    return [sa.Column(name, sa.Text), sa.Column(f"{name}_float", sa.Double)]


reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.String(16), primary_key=True, comment="first 16 hex digits of sha256"),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("format", sa.Text),
    sa.Column("pages", sa.Integer),
    sa.Column("size_bytes", sa.BigInteger),
    sa.Column("title", sa.Text),
    sa.Column("org", sa.Text),
    sa.Column("org_id", sa.Text, comment="stable organisation id from the org registry"),
    sa.Column("region_province", sa.Text),
    sa.Column("region_city", sa.Text),
    sa.Column("region_county", sa.Text),
    sa.Column("region_town", sa.Text),
    sa.Column("level", sa.Text),
    sa.Column("year", sa.Integer),
    sa.Column("era", sa.Text),
    sa.Column("published", sa.Text, comment="ISO date"),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("parser_version", sa.Text, nullable=False),
    sa.Column("schema_version", sa.Text),
    sa.Column("ingested_at", sa.Text, nullable=False, comment="ISO 8601 UTC"),
    sa.Column("run_id", sa.Text),
    sa.Column("ocr_pages", sa.Integer, nullable=False, server_default="0"),
    sa.Column("missing_sections", sa.JSON),
    # added by a migration, so it comes last in both a migrated and a freshly created database
    sa.Column("ocr_engines", sa.JSON, comment="OCR engine and model version per region kind (revision 0008)"),
    sa.Index("ix_reports_year_org", "year", "org"),
    sa.Index("ix_reports_org_id_year", "org_id", "year"),
    sa.Index("ix_reports_region", "region_province", "region_city", "region_county"),
)

report_paths = sa.Table(
    "report_paths", metadata,
    sa.Column("path", sa.Text, primary_key=True),
    _fk(),
    sa.Column("first_seen", sa.Text, nullable=False),
    sa.Column("last_seen", sa.Text, nullable=False),
    sa.Column("run_id", sa.Text),
    sa.Index("ix_report_paths_report", "report_id"),
)

sections = _child(
    "sections",
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("heading", sa.Text),
    sa.Column("page", sa.Integer),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("level", sa.Integer),
    sa.Column("text", sa.Text, comment="the section's normalised text, heading included (revision 0003)"),
    sa.Index("ix_sections_report", "report_id", "key"),
)

figures = _child(
    "figures",
    sa.Column("metric", sa.Text),
    *_exact(),
    sa.Column("raw", sa.Text),
    sa.Column("unit", sa.Text),
    sa.Column("scale", sa.Text),
    sa.Column("qualifier", sa.Text),
    sa.Column("kind", sa.Text),
    sa.Column("section", sa.Text),
    sa.Column("text", sa.Text),
    sa.Column("page", sa.Integer),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("parent", sa.Integer),
    sa.Column("negation", sa.Boolean, nullable=False),
    sa.Column("ocr", sa.Boolean, nullable=False),
    sa.Index("ix_figures_report", "report_id", "position"),
    sa.Index("ix_figures_metric", "metric"),    # added by a migration, so they come last in both a migrated and a freshly created database
    *_box(),
)

cells = _child(
    "cells",
    sa.Column("key", sa.Text, nullable=False),
    *_exact(),
    sa.Column("raw", sa.Text),
    sa.Column("page", sa.Integer),
    sa.Column("label", sa.JSON, comment="row label path and column label as printed"),
    # "table" is a reserved word in SQL; table_name spares researchers the quoting.
    sa.Column("table_name", sa.Text),
    sa.Column("template", sa.Text),
    sa.Column("unit", sa.Text),
    sa.Column("derived", sa.Boolean, nullable=False),
    sa.Column("ocr", sa.Boolean, nullable=False),
    sa.Index("ix_cells_report", "report_id", "position"),
    sa.Index("ix_cells_key", "key"),
    # added by a migration, so it comes last in both a migrated and a freshly created database
    sa.Column("derived_by", sa.Text, comment="constraint: one split of a glued digit run (revision 0005)"),
    *_box(),
    sa.Column("span_start", sa.Integer, comment="offsets in the document's normalised text (revision 0007)"),
    sa.Column("span_end", sa.Integer),
    sa.Column("doubtful", sa.Boolean,
              comment="OCR'd cell in a template identity that does not hold (revision 0008)"),
)

metrics = sa.Table(
    "metrics", metadata,
    _fk(),
    sa.Column("metric", sa.Text, nullable=False),
    *_exact(),
    sa.Column("source_kind", sa.Text),
    sa.Column("source_ref", sa.Text),
    sa.Column("source_page", sa.Integer),
    sa.Column("source", sa.JSON, comment="the full metric source as the resolver gave it"),
    sa.PrimaryKeyConstraint("report_id", "metric"),
    sa.Index("ix_metrics_metric", "metric", "report_id"),
)

issues = sa.Table(
    "issues", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    _fk(nullable=True),  # NULL when the file could not even be hashed (unreadable)
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("path", sa.Text),
    sa.Column("run_id", sa.Text),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("message", sa.Text),
    sa.Column("page", sa.Integer),
    sa.Index("ix_issues_report", "report_id"),
    sa.Index("ix_issues_code", "code"),
)

runs = sa.Table(
    "runs", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("started_at", sa.Text, nullable=False),
    sa.Column("finished_at", sa.Text),
    sa.Column("run_by", sa.Text, comment="user@host that ran it"),
    sa.Column("parser_version", sa.Text, nullable=False),
    sa.Column("settings", sa.JSON),
    sa.Column("status", sa.Text, nullable=False, comment="running | done | interrupted"),
    sa.Column("files_seen", sa.Integer),
    sa.Column("counts", sa.JSON, comment="files by outcome"),
    sa.Column("issue_counts", sa.JSON, comment="files by issue code"),
    sa.Column("seconds", sa.Double),
    # added by a migration, so it comes last in both a migrated and a freshly created database
    sa.Column("pid", sa.Integer, comment="process id of the ingest on that host (revision 0004)"),
)

findings = _child(
    "findings",
    sa.Column("rule_id", sa.Text, nullable=False),
    sa.Column("severity", sa.Text),
    sa.Column("message_zh", sa.Text),
    sa.Column("message_en", sa.Text),
    sa.Column("section", sa.Text),
    sa.Column("page", sa.Integer),
    # Not "keys"/"values": "values" is reserved in SQL, and both names clash with pandas' row access.
    sa.Column("cell_keys", sa.JSON, comment="the cell/metric keys the finding is about"),
    sa.Column("cell_values", sa.JSON, comment="their values as compared"),
    sa.Column("status", sa.Text),
    sa.Column("payload", sa.JSON, comment="the finding exactly as the auditor produced it"),
    sa.Index("ix_findings_report", "report_id"),
    sa.Index("ix_findings_rule", "rule_id"),
)

table_quality = _child(
    "table_quality",
    sa.Column("table_name", sa.Text, nullable=False),
    sa.Column("template", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("page", sa.Integer),
    sa.Column("rows_missing", sa.JSON),
    sa.Column("cols_missing", sa.JSON),
    sa.Column("non_numeric", sa.JSON),
    sa.Index("ix_table_quality_report", "report_id"),
    sa.Column("runs", sa.JSON, comment="glued digit runs: row, run, number of splits, read (revision 0005)"),
)

# Auditors' verdicts. Not a child table: no foreign key and not in CHILD_TABLES, so re-ingest, --force, a new
# parser version or a changed file never delete them; a review whose target is gone is shown stale instead.
reviews = sa.Table(
    "reviews", metadata,
    sa.Column("id", sa.Text, primary_key=True, comment="<kind>:<report id>:<target>; a new verdict replaces it"),
    sa.Column("sha256", sa.String(64), nullable=False, comment="content hash of the reviewed file (stable)"),
    sa.Column("report_id", sa.String(16), nullable=False, comment="reports.id at review time (no foreign key)"),
    sa.Column("org", sa.Text, comment="the report's organisation at review time"),
    sa.Column("year", sa.Integer, comment="the report's year at review time"),
    sa.Column("kind", sa.Text, nullable=False, comment="finding | value"),
    sa.Column("target", sa.Text, nullable=False, comment="stable finding id, or cell/metric key or reports field"),
    sa.Column("rule_id", sa.Text),
    sa.Column("verdict", sa.Text, nullable=False, comment="confirmed | dismissed | corrected"),
    sa.Column("reported_value", sa.Text, comment="what was reviewed: the value, or the finding's values as JSON"),
    sa.Column("corrected_value", sa.Text),
    sa.Column("reason", sa.Text, comment="why (dismissed, corrected) or a note (confirmed)"),
    sa.Column("reviewed_by", sa.Text, nullable=False),
    sa.Column("reviewed_at", sa.Text, nullable=False, comment="ISO 8601 UTC"),
    sa.Index("ix_reviews_report", "report_id", "kind", "target"),
)

# Child tables in the order a report's rows are written (and deleted in reverse).
CHILD_TABLES = (sections, figures, cells, metrics, issues, findings, table_quality)

# One row per report × metric, with everything a researcher groups by. Plain SQL that both
# SQLite and PostgreSQL accept, so the view is identical on both engines.
REPORT_METRICS_VIEW = """CREATE VIEW report_metrics AS
SELECT r.id AS report_id, r.sha256, r.org, r.org_id,
       r.region_province, r.region_city, r.region_county, r.region_town,
       r.level, r.year, r.era, r.status, r.format,
       m.metric, m.value, m.value_float, m.source_kind, m.source_ref, m.source_page
FROM metrics m JOIN reports r ON r.id = m.report_id"""


def create_all(conn) -> None:
    """Create every table, index and view on a connection (used for fresh databases and by migrations)."""
    metadata.create_all(conn)
    conn.execute(sa.text(REPORT_METRICS_VIEW))


def ddl(dialect_name: str) -> str:
    """The full DDL of the schema for "sqlite" or "postgresql", as checked into schemas/."""
    from sqlalchemy.schema import CreateIndex, CreateTable

    if dialect_name == "sqlite":
        from sqlalchemy.dialects import sqlite as mod
    elif dialect_name == "postgresql":
        from sqlalchemy.dialects import postgresql as mod
    else:
        raise ValueError(f"no DDL for dialect {dialect_name!r}")
    dialect = mod.dialect()
    out = [f"-- report-parser schema for {dialect_name}; generated by "
           f"`python -m report_parser.store.schema {dialect_name}`, checked by tests/store/test_store_schema.py\n"]
    for table in metadata.sorted_tables:
        out.append(str(CreateTable(table).compile(dialect=dialect)).strip() + ";\n")
        for index in sorted(table.indexes, key=lambda i: i.name):
            out.append(str(CreateIndex(index).compile(dialect=dialect)).strip() + ";\n")
    out.append(REPORT_METRICS_VIEW + ";\n")
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    sys.stdout.write(ddl(sys.argv[1] if len(sys.argv) > 1 else "sqlite"))
