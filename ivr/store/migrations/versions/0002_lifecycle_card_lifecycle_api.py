"""Card lifecycle: API tokens, Idempotency-Key answers, the replaced card link, the uncollected flag.

Revision ID: 0002_lifecycle
Revises: 0001_core
"""

from alembic import op
import sqlalchemy as sa
import ivr.store.base


revision = '0002_lifecycle'
down_revision = '0001_core'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('actor', sa.String(length=24), nullable=False),
    sa.Column('created_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('name', name=op.f('uq_api_tokens_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    op.create_table('idempotent_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['token_id'], ['api_tokens.id'], name=op.f('fk_idempotent_requests_token_id_api_tokens')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotent_requests')),
    sa.UniqueConstraint('token_id', 'key', name=op.f('uq_idempotent_requests_token_id_key'))
    )
    with op.batch_alter_table('idempotent_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotent_requests_created_at'), ['created_at'], unique=False)

    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaces_card_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('flagged_uncollected_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_cards_replaces_card_id_cards'), 'cards', ['replaces_card_id'], ['id'])



def downgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cards_replaces_card_id_cards'), type_='foreignkey')
        batch_op.drop_column('flagged_uncollected_at')
        batch_op.drop_column('replaces_card_id')

    with op.batch_alter_table('idempotent_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotent_requests_created_at'))

    op.drop_table('idempotent_requests')
    op.drop_table('api_tokens')
