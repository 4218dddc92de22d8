"""Browser softphone calls: the engine's state between key presses.

Revision ID: 0003_softphone
Revises: 0002_lifecycle
Create Date: 2026-11-25 14:39:32.322548
"""

from alembic import op
import sqlalchemy as sa
import ivr.store.base


revision = '0003_softphone'
down_revision = '0002_lifecycle'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('softphone_calls',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('call_sid', sa.String(length=64), nullable=False),
    sa.Column('owner', sa.String(length=64), nullable=True),
    sa.Column('state', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('ended', sa.Boolean(), nullable=False),
    sa.Column('created_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_softphone_calls'))
    )
    with op.batch_alter_table('softphone_calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_softphone_calls_call_sid'), ['call_sid'], unique=False)
        batch_op.create_index(batch_op.f('ix_softphone_calls_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('softphone_calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_softphone_calls_created_at'))
        batch_op.drop_index(batch_op.f('ix_softphone_calls_call_sid'))

    op.drop_table('softphone_calls')
