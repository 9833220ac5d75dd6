"""user roles

Revision ID: e9abd62b1ebc
Revises: 830e0b755ede
Create Date: 2026-11-21 22:12:29.663749

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e9abd62b1ebc'
down_revision = '830e0b755ede'
branch_labels = None
depends_on = None

# The roles as this chapter made them: FOLLOW 1, COMMENT 2, WRITE 4, MODERATE 8,
# ADMIN 16 (written out here, as Role.ROLES may change later; insert_roles()
# brings the rows up to date then).
ROLES = [
    {'name': 'User', 'default': True, 'permissions': 1 + 2 + 4},
    {'name': 'Moderator', 'default': False, 'permissions': 1 + 2 + 4 + 8},
    {'name': 'Administrator', 'default': False, 'permissions': 1 + 2 + 4 + 8 + 16},
]


def upgrade():
    role = op.create_table('role',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('default', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('permissions', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    with op.batch_alter_table('role', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_role_default'), ['default'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_role_id'), ['role_id'], unique=False)
        batch_op.create_foreign_key('fk_user_role_id_role', 'role', ['role_id'], ['id'])

    # The roles exist from the upgrade on, and everyone who already has an
    # account gets the default one, as a new user would.
    op.bulk_insert(role, ROLES)
    user = sa.table('user', sa.column('role_id', sa.Integer))
    default_role = sa.select(role.c.id).where(role.c.default).scalar_subquery()
    op.get_bind().execute(user.update().values(role_id=default_role))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint('fk_user_role_id_role', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_user_role_id'))
        batch_op.drop_column('role_id')

    with op.batch_alter_table('role', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_role_default'))

    op.drop_table('role')
