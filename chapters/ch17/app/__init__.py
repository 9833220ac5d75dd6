import sqlalchemy as sa
from flask import Flask
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from werkzeug.routing import IntegerConverter

from config import config

# The extensions are made once, with no app; create_app() gives them one.
db = SQLAlchemy()
migrate = Migrate()
login = LoginManager()
login.login_view = 'auth.login'
# A session cookie that turns up from another address or browser is dropped.
login.session_protection = 'strong'
mail = Mail()


def enforce_foreign_keys(connection, record):
    # SQLite checks foreign keys (and deletes what ON DELETE CASCADE says) only on a
    # connection that asks it to; other databases always do.
    cursor = connection.cursor()
    cursor.execute('PRAGMA foreign_keys = ON')
    cursor.close()


class IdConverter(IntegerConverter):
    """<int:id>, with a limit: a number larger than the database's integers names no
    row, so its address is a 404, not a query that fails with a 500. The ids are
    INTEGER columns: 64 bits in SQLite, 32 in PostgreSQL."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault('max', 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def create_app(config_name='default', settings=None):
    """The app, configured by the named configuration; settings, a dict, overrides some
    of it (a test's own mail server, say) before any extension reads them."""
    app = Flask(__name__)
    app.config.from_object(config[config_name])
    app.config.update(settings or {})
    # The production configuration checks its settings, sends errors to the admins
    # and to a log file, and trusts a proxy's headers if told to; the others do nothing.
    config[config_name].init_app(app)
    # Before any route is added: every <int:...> in a route uses it.
    app.url_map.converters['int'] = IdConverter

    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == 'sqlite':
            sa.event.listen(db.engine, 'connect', enforce_foreign_keys)
    migrate.init_app(app, db)
    login.init_app(app)
    mail.init_app(app)

    from app.main import bp as main_bp
    app.register_blueprint(main_bp)

    from app.auth import bp as auth_bp
    app.register_blueprint(auth_bp)

    from app.errors import bp as errors_bp
    app.register_blueprint(errors_bp)

    from app.api import bp as api_bp
    app.register_blueprint(api_bp, url_prefix='/api/v1')

    from app.fake import fake_cli
    app.cli.add_command(fake_cli)

    from app.benchmark import benchmark_command
    app.cli.add_command(benchmark_command)

    return app


from app import models
