"""Texts pulled from Tencent (PullSmsReplyStatus) are kept until answered

Revision ID: 0019_pulled_sms_replies
Revises: 0018_callback_reference
Create Date: 2026-12-07 05:00:00

Tencent hands a pulled reply over once: a batch whose answers failed to commit was lost. It is now
kept in its own commit first, only as far as answering needs (never the words), and each row is
deleted in the transaction that answers it.
"""

from alembic import op
import sqlalchemy as sa
import ivr.store.base


revision = '0019_pulled_sms_replies'
down_revision = '0018_callback_reference'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('pulled_sms_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('sender', sa.String(length=32), nullable=False),
    sa.Column('word', sa.String(length=20), nullable=False),
    sa.Column('chinese', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pulled_sms_replies')),
    sa.UniqueConstraint('key', name=op.f('uq_pulled_sms_replies_key'))
    )


def downgrade():
    op.drop_table('pulled_sms_replies')
