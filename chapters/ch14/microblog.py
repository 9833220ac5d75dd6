import os

import sqlalchemy as sa
import sqlalchemy.orm as so

from app import create_app, db
from app.models import Permission, Post, User

app = create_app(os.environ.get('FLASK_CONFIG') or 'default')


@app.shell_context_processor
def make_shell_context():
    # Flask-SQLAlchemy adds every model (Role too) by itself; Permission is no model.
    return {'sa': sa, 'so': so, 'db': db, 'User': User, 'Post': Post,
            'Permission': Permission}
