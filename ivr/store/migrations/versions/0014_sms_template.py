"""The catalogue key and parameters each SMS was composed from

Revision ID: 0014_sms_template
Revises: 0013_service_levels
Create Date: 2026-12-06 23:30:00

A mainland SMS provider sends only approved templates filled with parameters, not free text: the
row keeps what `ivr.messaging.notify` composed its body from. Rows queued before this revision
have none; a template gateway fails them with that reason, the others send the body as before.
"""

from alembic import op
import sqlalchemy as sa


revision = '0014_sms_template'
down_revision = '0013_service_levels'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.drop_column('template')
