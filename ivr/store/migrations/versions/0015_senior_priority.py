"""Callers aged 65 or over: a person first, and first in the operator queue

Revision ID: 0015_senior_priority
Revises: 0014_sms_template
Create Date: 2026-12-07 00:00:00

Cardholders keep only their year of birth (`born_in`, from the ID number at import; NULL for
rows imported before this revision until the next import). A call remembers that its caller is
65 or over (`senior`) and the keyed ID number's last four (`id_last4`, read back again
after a silence), and a stay in the queue that it goes first (`priority`). The
registered mobile is indexed: every incoming call looks its caller ID up there.
"""

from alembic import op
import sqlalchemy as sa


revision = '0015_senior_priority'
down_revision = '0014_sms_template'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, not a batch copy: on SQLite a copy of `calls` would drop a table other rows
    # point at, which fails with foreign keys on (a database with calls in it could not upgrade).
    op.add_column('cardholders', sa.Column('born_in', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_cardholders_mobile'), 'cardholders', ['mobile'], unique=False)
    op.add_column('calls', sa.Column('senior', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('calls', sa.Column('id_last4', sa.String(length=4), nullable=True))
    op.add_column('queue_visits', sa.Column('priority', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('queue_visits', schema=None) as batch_op:
        batch_op.drop_column('priority')
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_column('id_last4')
        batch_op.drop_column('senior')
    with op.batch_alter_table('cardholders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cardholders_mobile'))
        batch_op.drop_column('born_in')
