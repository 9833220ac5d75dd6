"""followers

Revision ID: eb3ceda745d1
Revises: dc7530b658db
Create Date: 2026-11-22 00:41:40.978718

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'eb3ceda745d1'
down_revision = 'dc7530b658db'
branch_labels = None
depends_on = None

user = sa.table('user', sa.column('id', sa.Integer))


def upgrade():
    follow = op.create_table('follow',
    sa.Column('follower_id', sa.Integer(), nullable=False),
    sa.Column('followed_id', sa.Integer(), nullable=False),
    # A plain DATETIME: app.models.UTCDateTime stores UTC in it.
    sa.Column('timestamp', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['followed_id'], ['user.id'], name='fk_follow_followed_id_user',
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['follower_id'], ['user.id'], name='fk_follow_follower_id_user',
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('follower_id', 'followed_id')
    )

    # Everyone follows themself from this chapter on, those who joined before it too.
    connection = op.get_bind()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    ids = connection.scalars(sa.select(user.c.id)).all()
    if ids:
        op.bulk_insert(follow, [{'follower_id': id, 'followed_id': id, 'timestamp': now}
                                for id in ids])


def downgrade():
    op.drop_table('follow')
