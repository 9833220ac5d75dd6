"""`flask shell` starts with the database, the models and SQLAlchemy already imported."""

# What `flask shell` does: import microblog.py (FLASK_APP), which registers the
# shell context, then ask the app for it inside an app context. The names it
# should hold, and what each one should be, come first.
SHELL_CONTEXT = '''
import sqlalchemy as sa
import sqlalchemy.orm as so
from app import db
from app.models import Post, User
expected = {'db': db, 'User': User, 'Post': Post, 'sa': sa, 'so': so}
import microblog
with app.app_context():
    context = app.make_shell_context()
print(sorted(name for name, value in expected.items() if context.get(name) is value))
'''


def test_flask_shell_offers_db_models_and_sqlalchemy(run_with_app):
    result = run_with_app(SHELL_CONTEXT)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['Post', 'User', 'db', 'sa', 'so']"
