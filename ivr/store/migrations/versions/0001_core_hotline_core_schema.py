"""hotline core schema

Revision ID: 0001_core
Revises: 
Create Date: 2026-11-25 14:34:03.661017
"""

from alembic import op
import sqlalchemy as sa
import ivr.store.base


revision = '0001_core'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cardholders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('id_masked', sa.String(length=18), nullable=False),
    sa.Column('area_code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('mobile', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('password_is_initial', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('created_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cardholders')),
    sa.UniqueConstraint('id_hash', name=op.f('uq_cardholders_id_hash'))
    )
    with op.batch_alter_table('cardholders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cardholders_area_code'), ['area_code'], unique=False)

    op.create_table('outlets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('area_code', sa.String(length=6), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('hours', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outlets')),
    sa.UniqueConstraint('code', name=op.f('uq_outlets_code'))
    )
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outlets_area_code'), ['area_code'], unique=False)

    op.create_table('calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_sid', sa.String(length=64), nullable=False),
    sa.Column('from_number', sa.String(length=32), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('step', sa.String(length=32), nullable=False),
    sa.Column('turn', sa.Integer(), nullable=False),
    sa.Column('step_failures', sa.Integer(), nullable=False),
    sa.Column('verify_failures', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=24), nullable=True),
    sa.Column('outcome', sa.String(length=24), nullable=True),
    sa.Column('id_hash', sa.String(length=64), nullable=True),
    sa.Column('cardholder_id', sa.Integer(), nullable=True),
    sa.Column('password_ok', sa.Boolean(), nullable=False),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('started_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('twilio_status', sa.String(length=24), nullable=True),
    sa.Column('last_request_digest', sa.String(length=64), nullable=True),
    sa.Column('last_reply', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['cardholder_id'], ['cardholders.id'], name=op.f('fk_calls_cardholder_id_cardholders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calls')),
    sa.UniqueConstraint('call_sid', name=op.f('uq_calls_call_sid'))
    )
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calls_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_started_at'), ['started_at'], unique=False)

    op.create_table('cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cardholder_id', sa.Integer(), nullable=False),
    sa.Column('number_hash', sa.String(length=64), nullable=False),
    sa.Column('number_last4', sa.String(length=4), nullable=False),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.Column('state_changed_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expected_ready_on', sa.Date(), nullable=True),
    sa.Column('ready_outlet_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cardholder_id'], ['cardholders.id'], name=op.f('fk_cards_cardholder_id_cardholders')),
    sa.ForeignKeyConstraint(['ready_outlet_id'], ['outlets.id'], name=op.f('fk_cards_ready_outlet_id_outlets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cards')),
    sa.UniqueConstraint('number_hash', name=op.f('uq_cards_number_hash'))
    )
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cards_cardholder_id'), ['cardholder_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cards_state'), ['state'], unique=False)

    op.create_table('call_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('step', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_call_events_call_id_calls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_events'))
    )
    with op.batch_alter_table('call_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_events_call_id'), ['call_id'], unique=False)

    op.create_table('card_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('from_state', sa.String(length=24), nullable=False),
    sa.Column('to_state', sa.String(length=24), nullable=False),
    sa.Column('actor', sa.String(length=24), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_events_card_id_cards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_events'))
    )
    with op.batch_alter_table('card_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_events_card_id'), ['card_id'], unique=False)

    op.create_table('lockouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('locked_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_lockouts_call_id_calls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lockouts'))
    )
    with op.batch_alter_table('lockouts', schema=None) as batch_op:
        batch_op.create_index('ix_lockouts_hash_until', ['id_hash', 'locked_until'], unique=False)

    op.create_table('outgoing_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('occurrence', sa.Integer(), nullable=False),
    sa.Column('to_number', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('due_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('provider_sid', sa.String(length=64), nullable=True),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('lease_until', ivr.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('created_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_outgoing_messages_call_id_calls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_messages')),
    sa.UniqueConstraint('subject', 'kind', 'occurrence', name=op.f('uq_outgoing_messages_subject_kind_occurrence'))
    )
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outgoing_messages_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outgoing_messages_provider_sid'), ['provider_sid'], unique=False)
        batch_op.create_index('ix_outgoing_messages_state_due', ['state', 'due_at'], unique=False)

    op.create_table('preloss_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=8), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('filed_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('closed_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_preloss_reports_call_id_calls')),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_preloss_reports_card_id_cards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_preloss_reports')),
    sa.UniqueConstraint('reference', name=op.f('uq_preloss_reports_reference'))
    )
    with op.batch_alter_table('preloss_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_preloss_reports_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_preloss_reports_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_preloss_reports_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_preloss_reports_filed_at'), ['filed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_preloss_reports_status'), ['status'], unique=False)

    op.create_table('verification_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_verification_attempts_call_id_calls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verification_attempts'))
    )
    with op.batch_alter_table('verification_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_verification_attempts_hash_at', ['id_hash', 'at'], unique=False)



def downgrade():
    with op.batch_alter_table('verification_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_verification_attempts_hash_at')

    op.drop_table('verification_attempts')
    with op.batch_alter_table('preloss_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_preloss_reports_status'))
        batch_op.drop_index(batch_op.f('ix_preloss_reports_filed_at'))
        batch_op.drop_index(batch_op.f('ix_preloss_reports_expires_at'))
        batch_op.drop_index(batch_op.f('ix_preloss_reports_card_id'))
        batch_op.drop_index(batch_op.f('ix_preloss_reports_call_id'))

    op.drop_table('preloss_reports')
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_outgoing_messages_state_due')
        batch_op.drop_index(batch_op.f('ix_outgoing_messages_provider_sid'))
        batch_op.drop_index(batch_op.f('ix_outgoing_messages_call_id'))

    op.drop_table('outgoing_messages')
    with op.batch_alter_table('lockouts', schema=None) as batch_op:
        batch_op.drop_index('ix_lockouts_hash_until')

    op.drop_table('lockouts')
    with op.batch_alter_table('card_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_events_card_id'))

    op.drop_table('card_events')
    with op.batch_alter_table('call_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_events_call_id'))

    op.drop_table('call_events')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cards_state'))
        batch_op.drop_index(batch_op.f('ix_cards_cardholder_id'))

    op.drop_table('cards')
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calls_started_at'))
        batch_op.drop_index(batch_op.f('ix_calls_outcome'))

    op.drop_table('calls')
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outlets_area_code'))

    op.drop_table('outlets')
    with op.batch_alter_table('cardholders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cardholders_area_code'))

    op.drop_table('cardholders')
