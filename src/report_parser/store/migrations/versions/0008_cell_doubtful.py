"""Add cells.doubtful (OCR'd cells that break one of the template's identities: a possible misread) and
reports.ocr_engines (the OCR engine and model version per region kind).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 16:10:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the nullable columns (rows stored before them keep NULL: not checked, engine not recorded)."""
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("ocr_engines", sa.JSON(), nullable=True,
                                   comment="OCR engine and model version per region kind (revision 0008)"))
    with op.batch_alter_table("cells") as batch:
        batch.add_column(sa.Column("doubtful", sa.Boolean(), nullable=True,
                                   comment="OCR'd cell in a template identity that does not hold (revision 0008)"))


def downgrade() -> None:
    """Drop the columns."""
    with op.batch_alter_table("cells") as batch:
        batch.drop_column("doubtful")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("ocr_engines")
