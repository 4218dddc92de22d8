"""Digits a caller said, awaiting their yes: kept as a keyed hash, never in clear

Revision ID: 0016_heard_digits
Revises: 0015_senior_priority
Create Date: 2026-12-07 03:00:00

A caller may say the last four digits of the registered mobile instead of keying them; they are
read back and used only after the caller says yes. Between the two turns the call keeps a keyed
hash of them (`heard_hash`), compared with the registered mobile's when the caller confirms.
"""

from alembic import op
import sqlalchemy as sa


revision = '0016_heard_digits'
down_revision = '0015_senior_priority'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN (0015 says why not a batch copy of `calls`).
    op.add_column('calls', sa.Column('heard_hash', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_column('heard_hash')
