"""Service levels: waits and talk times kept per queue stay, wrap-up codes, automatic callbacks

Revision ID: 0013_service_levels
Revises: 0012_operator_pin
Create Date: 2026-12-06 23:30:00

Stays that already ended get their wait and talk seconds from the moments stored on them, so the
reports count them like new ones.
"""

from alembic import op
import sqlalchemy as sa

import ivr.store.base


revision = '0013_service_levels'
down_revision = '0012_operator_pin'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('queue_visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wait_s', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('talk_s', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('wrapup_code', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('wrapup_note', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('wrapped_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(
            'ix_queue_visits_report_cover',
            ['enqueued_at', 'bridged_at', 'leaving_for', 'left_at', 'operator_id', 'wait_s', 'talk_s', 'wrapup_code'],
            unique=False,
        )
        batch_op.create_index('ix_queue_visits_operator_bridged', ['operator_id', 'bridged_at'], unique=False)
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('automatic', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('first_attempt_at', ivr.store.base.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('call_ratings', schema=None) as batch_op:
        batch_op.create_index('ix_call_ratings_report_cover', ['asked_at', 'operator_id', 'score'], unique=False)
    backfill()


def backfill():
    """Wait and talk seconds of the stays that ended before this revision (computed here, portably)."""
    connection = op.get_bind()
    visits = sa.table(
        'queue_visits',
        sa.column('id', sa.Integer),
        sa.column('enqueued_at', ivr.store.base.UTCDateTime(timezone=True)),
        sa.column('bridged_at', ivr.store.base.UTCDateTime(timezone=True)),
        sa.column('left_at', ivr.store.base.UTCDateTime(timezone=True)),
        sa.column('wait_s', sa.Integer),
        sa.column('talk_s', sa.Integer),
    )
    rows = connection.execute(
        sa.select(visits.c.id, visits.c.enqueued_at, visits.c.bridged_at, visits.c.left_at).where(
            visits.c.left_at.is_not(None)
        )
    ).all()
    for id_, enqueued, bridged, left in rows:
        wait = int(((bridged or left) - enqueued).total_seconds())
        talk = int((left - bridged).total_seconds()) if bridged else None
        connection.execute(sa.update(visits).where(visits.c.id == id_).values(wait_s=max(0, wait), talk_s=talk))


def downgrade():
    with op.batch_alter_table('call_ratings', schema=None) as batch_op:
        batch_op.drop_index('ix_call_ratings_report_cover')
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.drop_column('first_attempt_at')
        batch_op.drop_column('automatic')
    with op.batch_alter_table('queue_visits', schema=None) as batch_op:
        batch_op.drop_index('ix_queue_visits_operator_bridged')
        batch_op.drop_index('ix_queue_visits_report_cover')
        batch_op.drop_column('wrapped_at')
        batch_op.drop_column('wrapup_note')
        batch_op.drop_column('wrapup_code')
        batch_op.drop_column('talk_s')
        batch_op.drop_column('wait_s')
