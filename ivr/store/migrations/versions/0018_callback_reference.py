"""Callback requests get a reference of their own, not their row id

Revision ID: 0018_callback_reference
Revises: 0017_service_hours
Create Date: 2026-12-07 03:00:00

Callers were told a callback request's row id as its 受理编号: short, but counting up, so one
told how many had asked and led to the next. A request now gets 7 random digits when it opens
(ivr/store/references.py says why 7). Every row already stored gets one here, drafts included, so
no request shown to an operator is without one.
"""

import secrets

from alembic import op
import sqlalchemy as sa


revision = '0018_callback_reference'
down_revision = '0017_service_hours'
branch_labels = None
depends_on = None

DIGITS = 7  # ivr/store/references.CALLBACK, frozen here as this revision wrote it


def upgrade():
    op.add_column('callback_requests', sa.Column('reference', sa.String(length=7), nullable=True))
    backfill()
    # A batch copy on SQLite (no ALTER ADD CONSTRAINT there): safe, as no table points at this one.
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_callback_requests_reference'), ['reference'])


def backfill():
    """A distinct random reference for every request stored before this revision."""
    connection = op.get_bind()
    requests = sa.table('callback_requests', sa.column('id', sa.Integer), sa.column('reference', sa.String))
    given = set()
    for (id_,) in connection.execute(sa.select(requests.c.id).order_by(requests.c.id)).all():
        reference = None
        while reference is None or reference in given:
            reference = f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"
        given.add(reference)
        connection.execute(sa.update(requests).where(requests.c.id == id_).values(reference=reference))


def downgrade():
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_callback_requests_reference'), type_='unique')
        batch_op.drop_column('reference')
