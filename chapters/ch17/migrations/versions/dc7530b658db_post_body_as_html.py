"""post body as html

Revision ID: dc7530b658db
Revises: af3bea9f1751
Create Date: 2026-11-21 23:21:18.300549

"""
from alembic import op
import sqlalchemy as sa

# The app's own conversion: a post written before this revision shows as one
# written after it. (Flask-Migrate runs migrations with the app imported.)
from app.rich_text import to_safe_html


# revision identifiers, used by Alembic.
revision = 'dc7530b658db'
down_revision = 'af3bea9f1751'
branch_labels = None
depends_on = None

post = sa.table('post', sa.column('id', sa.Integer), sa.column('body', sa.String),
                sa.column('body_html', sa.Text))


def upgrade():
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body_html', sa.Text(), nullable=True))

    connection = op.get_bind()
    for post_id, body in connection.execute(sa.select(post.c.id, post.c.body)).all():
        connection.execute(post.update().where(post.c.id == post_id)
                           .values(body_html=to_safe_html(body)))


def downgrade():
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.drop_column('body_html')
