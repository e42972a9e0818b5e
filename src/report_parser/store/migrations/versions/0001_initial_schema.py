"""Initial schema: reports, paths, sections, figures, cells, metrics, issues, runs, findings, report_metrics view.

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 16:25:05.728500

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Frozen as created by this revision; a later change to the view gets its own revision.
REPORT_METRICS_VIEW = """CREATE VIEW report_metrics AS
SELECT r.id AS report_id, r.sha256, r.org, r.org_id,
       r.region_province, r.region_city, r.region_county, r.region_town,
       r.level, r.year, r.era, r.status, r.format,
       m.metric, m.value, m.value_float, m.source_kind, m.source_ref, m.source_page
FROM metrics m JOIN reports r ON r.id = m.report_id"""


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('reports',
    sa.Column('id', sa.String(length=16), nullable=False, comment='first 16 hex digits of sha256'),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('format', sa.Text(), nullable=True),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('size_bytes', sa.BigInteger(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('org', sa.Text(), nullable=True),
    sa.Column('org_id', sa.Text(), nullable=True, comment='stable organisation id from the org registry'),
    sa.Column('region_province', sa.Text(), nullable=True),
    sa.Column('region_city', sa.Text(), nullable=True),
    sa.Column('region_county', sa.Text(), nullable=True),
    sa.Column('region_town', sa.Text(), nullable=True),
    sa.Column('level', sa.Text(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('era', sa.Text(), nullable=True),
    sa.Column('published', sa.Text(), nullable=True, comment='ISO date'),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('parser_version', sa.Text(), nullable=False),
    sa.Column('schema_version', sa.Text(), nullable=True),
    sa.Column('ingested_at', sa.Text(), nullable=False, comment='ISO 8601 UTC'),
    sa.Column('run_id', sa.Text(), nullable=True),
    sa.Column('ocr_pages', sa.Integer(), server_default='0', nullable=False),
    sa.Column('missing_sections', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_org_id_year', ['org_id', 'year'], unique=False)
        batch_op.create_index('ix_reports_region', ['region_province', 'region_city', 'region_county'], unique=False)
        batch_op.create_index('ix_reports_year_org', ['year', 'org'], unique=False)

    op.create_table('runs',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('started_at', sa.Text(), nullable=False),
    sa.Column('finished_at', sa.Text(), nullable=True),
    sa.Column('run_by', sa.Text(), nullable=True, comment='user@host that ran it'),
    sa.Column('parser_version', sa.Text(), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=True),
    sa.Column('status', sa.Text(), nullable=False, comment='running | done | interrupted'),
    sa.Column('files_seen', sa.Integer(), nullable=True),
    sa.Column('counts', sa.JSON(), nullable=True, comment='files by outcome'),
    sa.Column('issue_counts', sa.JSON(), nullable=True, comment='files by issue code'),
    sa.Column('seconds', sa.Double(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('cells',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('report_id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('value_float', sa.Double(), nullable=True),
    sa.Column('raw', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('label', sa.JSON(), nullable=True, comment='row label path and column label as printed'),
    sa.Column('table_name', sa.Text(), nullable=True),
    sa.Column('template', sa.Text(), nullable=True),
    sa.Column('unit', sa.Text(), nullable=True),
    sa.Column('derived', sa.Boolean(), nullable=False),
    sa.Column('ocr', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cells', schema=None) as batch_op:
        batch_op.create_index('ix_cells_key', ['key'], unique=False)
        batch_op.create_index('ix_cells_report', ['report_id', 'position'], unique=False)

    op.create_table('figures',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('report_id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('metric', sa.Text(), nullable=True),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('value_float', sa.Double(), nullable=True),
    sa.Column('raw', sa.Text(), nullable=True),
    sa.Column('unit', sa.Text(), nullable=True),
    sa.Column('scale', sa.Text(), nullable=True),
    sa.Column('qualifier', sa.Text(), nullable=True),
    sa.Column('kind', sa.Text(), nullable=True),
    sa.Column('section', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('parent', sa.Integer(), nullable=True),
    sa.Column('negation', sa.Boolean(), nullable=False),
    sa.Column('ocr', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.create_index('ix_figures_metric', ['metric'], unique=False)
        batch_op.create_index('ix_figures_report', ['report_id', 'position'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('report_id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Text(), nullable=False),
    sa.Column('severity', sa.Text(), nullable=True),
    sa.Column('message_zh', sa.Text(), nullable=True),
    sa.Column('message_en', sa.Text(), nullable=True),
    sa.Column('section', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('cell_keys', sa.JSON(), nullable=True, comment='the cell/metric keys the finding is about'),
    sa.Column('cell_values', sa.JSON(), nullable=True, comment='their values as compared'),
    sa.Column('status', sa.Text(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=True, comment='the finding exactly as the auditor produced it'),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index('ix_findings_report', ['report_id'], unique=False)
        batch_op.create_index('ix_findings_rule', ['rule_id'], unique=False)

    op.create_table('issues',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('report_id', sa.String(length=16), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('path', sa.Text(), nullable=True),
    sa.Column('run_id', sa.Text(), nullable=True),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('issues', schema=None) as batch_op:
        batch_op.create_index('ix_issues_code', ['code'], unique=False)
        batch_op.create_index('ix_issues_report', ['report_id'], unique=False)

    op.create_table('metrics',
    sa.Column('report_id', sa.String(length=16), nullable=False),
    sa.Column('metric', sa.Text(), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('value_float', sa.Double(), nullable=True),
    sa.Column('source_kind', sa.Text(), nullable=True),
    sa.Column('source_ref', sa.Text(), nullable=True),
    sa.Column('source_page', sa.Integer(), nullable=True),
    sa.Column('source', sa.JSON(), nullable=True, comment='the full metric source as the resolver gave it'),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'metric')
    )
    with op.batch_alter_table('metrics', schema=None) as batch_op:
        batch_op.create_index('ix_metrics_metric', ['metric', 'report_id'], unique=False)

    op.create_table('report_paths',
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('report_id', sa.String(length=16), nullable=False),
    sa.Column('first_seen', sa.Text(), nullable=False),
    sa.Column('last_seen', sa.Text(), nullable=False),
    sa.Column('run_id', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('path')
    )
    with op.batch_alter_table('report_paths', schema=None) as batch_op:
        batch_op.create_index('ix_report_paths_report', ['report_id'], unique=False)

    op.create_table('sections',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('report_id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('heading', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sections', schema=None) as batch_op:
        batch_op.create_index('ix_sections_report', ['report_id', 'key'], unique=False)

    op.execute(REPORT_METRICS_VIEW)



def downgrade() -> None:
    """Downgrade schema."""
    op.execute("DROP VIEW report_metrics")
    with op.batch_alter_table('sections', schema=None) as batch_op:
        batch_op.drop_index('ix_sections_report')

    op.drop_table('sections')
    with op.batch_alter_table('report_paths', schema=None) as batch_op:
        batch_op.drop_index('ix_report_paths_report')

    op.drop_table('report_paths')
    with op.batch_alter_table('metrics', schema=None) as batch_op:
        batch_op.drop_index('ix_metrics_metric')

    op.drop_table('metrics')
    with op.batch_alter_table('issues', schema=None) as batch_op:
        batch_op.drop_index('ix_issues_report')
        batch_op.drop_index('ix_issues_code')

    op.drop_table('issues')
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index('ix_findings_rule')
        batch_op.drop_index('ix_findings_report')

    op.drop_table('findings')
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_index('ix_figures_report')
        batch_op.drop_index('ix_figures_metric')

    op.drop_table('figures')
    with op.batch_alter_table('cells', schema=None) as batch_op:
        batch_op.drop_index('ix_cells_report')
        batch_op.drop_index('ix_cells_key')

    op.drop_table('cells')
    op.drop_table('runs')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_year_org')
        batch_op.drop_index('ix_reports_region')
        batch_op.drop_index('ix_reports_org_id_year')

    op.drop_table('reports')
