"""Reminder engine: when a message was handed to the provider, and numbers that opted out.

Revision ID: 0004_reminders
Revises: 0003_softphone
"""

from alembic import op
import sqlalchemy as sa
import ivr.store.base


revision = '0004_reminders'
down_revision = '0003_softphone'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sms_opt_outs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('keyword', sa.String(length=20), nullable=False),
    sa.Column('opted_out_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_opt_outs')),
    sa.UniqueConstraint('number', name=op.f('uq_sms_opt_outs_number'))
    )
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handed_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.drop_column('handed_at')

    op.drop_table('sms_opt_outs')
