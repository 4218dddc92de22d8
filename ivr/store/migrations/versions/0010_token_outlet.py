"""API tokens scoped to an outlet

Revision ID: 0010_token_outlet
Revises: 0009_language_audit
Create Date: 2026-12-01 00:50:00

Existing operator tokens keep acting for every outlet (NULL outlet_id); `api-token list` shows
them as "all outlets" so an administrator can re-issue them with --outlet.
"""

from alembic import op
import sqlalchemy as sa


revision = '0010_token_outlet'
down_revision = '0009_language_audit'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outlet_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_api_tokens_outlet_id_outlets'), 'outlets', ['outlet_id'], ['id'])


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_api_tokens_outlet_id_outlets'), type_='foreignkey')
        batch_op.drop_column('outlet_id')
