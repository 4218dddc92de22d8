"""Service figures summed per hour: the reports read hours that are over from these rows

Revision ID: 0017_service_hours
Revises: 0016_heard_digits
Create Date: 2026-12-07 02:40:00

`service_hours` holds one UTC hour's sums per operator (0: nobody), `service_hour_wrapups` its
wrap-up codes, `stale_service_hours` the hours changed after they were summed. The tables start
empty: the scheduler's `summarise-service-hours` job sums the past, newest first, and until an
hour is summed the reports count it from the calls as before. Callbacks get a covering index for
the hours counted live.
"""

from alembic import op
import sqlalchemy as sa

import ivr.store.base


revision = '0017_service_hours'
down_revision = '0016_heard_digits'
branch_labels = None
depends_on = None

FIGURES = (
    'calls', 'self_served', 'offered', 'answered', 'answered_in_target', 'abandoned', 'left_for_callback',
    'still_waiting', 'answered_wait_s', 'longest_wait_s', 'talk_s', 'talks', 'ratings_given', 'ratings_satisfied',
    'callbacks_asked', 'callbacks_automatic', 'callbacks_in_time', 'callbacks_reached', 'callbacks_open',
)


def upgrade():
    op.create_table(
        'service_hours',
        sa.Column('hour', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('operator_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('target_s', sa.Integer(), nullable=False),
        sa.Column('summed_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in FIGURES],
        sa.PrimaryKeyConstraint('hour', 'operator_id', name=op.f('pk_service_hours')),
    )
    op.create_table(
        'service_hour_wrapups',
        sa.Column('hour', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('operator_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('conversations', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('hour', 'operator_id', 'code', name=op.f('pk_service_hour_wrapups')),
    )
    op.create_table(
        'stale_service_hours',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('hour', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('marked_at', ivr.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_stale_service_hours')),
    )
    op.create_index('ix_stale_service_hours_hour', 'stale_service_hours', ['hour'], unique=False)
    op.create_index(
        'ix_callback_requests_report_cover',
        'callback_requests',
        ['created_at', 'status', 'automatic', 'first_attempt_at', 'due_by'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_callback_requests_report_cover', table_name='callback_requests')
    op.drop_index('ix_stale_service_hours_hour', table_name='stale_service_hours')
    op.drop_table('stale_service_hours')
    op.drop_table('service_hour_wrapups')
    op.drop_table('service_hours')
