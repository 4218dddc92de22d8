"""operators' session generation: sign-out and password resets end every session

Revision ID: 0007_console_sessions
Revises: 0006_outlet_terminal
Create Date: 2026-12-01 00:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0007_console_sessions'
down_revision = '0006_outlet_terminal'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))
    # The throttle asks "failures of this name from this address lately" on every sign-in.
    with op.batch_alter_table('sign_in_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_sign_in_attempts_name_address_at', ['name', 'address', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('sign_in_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_sign_in_attempts_name_address_at')
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
