"""outlets: an English name and address, for English calls and SMS

Revision ID: 0011_outlet_english
Revises: 0010_token_outlet
Create Date: 2026-12-06 23:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0011_outlet_english'
down_revision = '0010_token_outlet'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_en', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('address_en', sa.String(length=300), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.drop_column('address_en')
        batch_op.drop_column('name_en')
