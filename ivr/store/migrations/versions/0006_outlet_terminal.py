"""outlets: a 24-hour self-service terminal

Revision ID: 0006_outlet_terminal
Revises: 0005_console
Create Date: 2026-12-01 00:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0006_outlet_terminal'
down_revision = '0005_console'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('terminal_24h', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.drop_column('terminal_24h')
