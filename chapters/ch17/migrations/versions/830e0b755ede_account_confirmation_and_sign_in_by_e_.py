"""account confirmation and sign-in by e-mail

Revision ID: 830e0b755ede
Revises: f9aa3e17053d
Create Date: 2026-11-21 20:40:29.166750

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '830e0b755ede'
down_revision = 'f9aa3e17053d'
branch_labels = None
depends_on = None

# The user table as this migration sees it, with only the columns it fills in
# (app.models describes the newest schema, which may have moved on).
user = sa.table('user', sa.column('id', sa.Integer), sa.column('email', sa.String),
                sa.column('login_id', sa.String))


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        # Existing accounts start unconfirmed: nobody has proved they own the address.
        batch_op.add_column(sa.Column('confirmed', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))
        # Empty at first; NOT NULL once every account has one of its own.
        batch_op.add_column(sa.Column('login_id', sa.String(length=32), nullable=True))

    connection = op.get_bind()
    for user_id in connection.scalars(sa.select(user.c.id)).all():
        connection.execute(user.update().where(user.c.id == user_id)
                           .values(login_id=secrets.token_hex(16)))

    # Addresses are kept in lower case from now on. Two accounts whose addresses
    # differ only in case keep theirs as they are (lower case, they would clash
    # in the unique index): which one keeps the address is a person's decision.
    other = user.alias('other')
    clash = sa.exists().where(other.c.id != user.c.id,
                              sa.func.lower(other.c.email) == sa.func.lower(user.c.email))
    connection.execute(user.update().where(~clash).values(email=sa.func.lower(user.c.email)))

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('login_id', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_index(batch_op.f('ix_user_login_id'), ['login_id'], unique=True)


def downgrade():
    # Addresses stay in lower case: chapter 7's app works with them as they are.
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_login_id'))
        batch_op.drop_column('login_id')
        batch_op.drop_column('active')
        batch_op.drop_column('confirmed')
