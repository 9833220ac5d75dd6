"""profile fields and avatar hash

Revision ID: af3bea9f1751
Revises: e9abd62b1ebc
Create Date: 2026-11-21 22:26:35.041819

"""
from hashlib import sha256

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'af3bea9f1751'
down_revision = 'e9abd62b1ebc'
branch_labels = None
depends_on = None

user = sa.table('user', sa.column('id', sa.Integer), sa.column('email', sa.String),
                sa.column('avatar_hash', sa.String))


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('location', sa.String(length=64), nullable=True))
        # A plain DATETIME: app.models.UTCDateTime stores UTC in it. Nobody knows
        # since when existing accounts are members, so they have no date.
        batch_op.add_column(sa.Column('member_since', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('avatar_hash', sa.String(length=64), nullable=True))

    # Every existing account gets its avatar hash, as a new one does.
    connection = op.get_bind()
    for user_id, email in connection.execute(sa.select(user.c.id, user.c.email)).all():
        digest = sha256(email.strip().lower().encode('utf-8')).hexdigest()
        connection.execute(user.update().where(user.c.id == user_id)
                           .values(avatar_hash=digest))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('avatar_hash')
        batch_op.drop_column('member_since')
        batch_op.drop_column('location')
        batch_op.drop_column('name')
