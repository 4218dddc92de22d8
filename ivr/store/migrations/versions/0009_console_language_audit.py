"""console language per operator; audit log says from where and why

Revision ID: 0009_language_audit
Revises: 0008_queue
"""

from alembic import op
import sqlalchemy as sa


revision = '0009_language_audit'
down_revision = '0008_queue'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='zh', nullable=False))
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=16), server_default='console', nullable=False))
        batch_op.add_column(sa.Column('address', sa.String(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('reason', sa.Text(), server_default='', nullable=False))
        batch_op.create_index('ix_audit_log_action_at', ['action', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_action_at')
        batch_op.drop_column('reason')
        batch_op.drop_column('address')
        batch_op.drop_column('channel')
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.drop_column('language')
