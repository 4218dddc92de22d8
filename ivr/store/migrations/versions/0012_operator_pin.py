"""operator line PINs, and the SMS callers make the hotline send (counted for the limits)

Revision ID: 0012_operator_pin
Revises: 0011_outlet_english
Create Date: 2026-12-06 23:30:00

A line registered before this has no PIN: it is refused until `flask --app app operator-line NAME
PHONE` sets one (caller ID alone proves nothing).
"""

from alembic import op
import sqlalchemy as sa
import ivr.store.base


revision = '0012_operator_pin'
down_revision = '0011_outlet_english'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('operator_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pin_hash', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('proven_call_sid', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('proven_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True))

    op.create_table('caller_sms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('destination', sa.String(length=64), nullable=False),
    sa.Column('caller', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_caller_sms'))
    )
    with op.batch_alter_table('caller_sms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caller_sms_at'), ['at'], unique=False)
        batch_op.create_index('ix_caller_sms_destination_at', ['destination', 'at'], unique=False)
        batch_op.create_index('ix_caller_sms_caller_at', ['caller', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('caller_sms', schema=None) as batch_op:
        batch_op.drop_index('ix_caller_sms_caller_at')
        batch_op.drop_index('ix_caller_sms_destination_at')
        batch_op.drop_index(batch_op.f('ix_caller_sms_at'))
    op.drop_table('caller_sms')
    with op.batch_alter_table('operator_lines', schema=None) as batch_op:
        batch_op.drop_column('proven_at')
        batch_op.drop_column('proven_call_sid')
        batch_op.drop_column('pin_hash')
