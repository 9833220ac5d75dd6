import logging
import os
from logging.handlers import RotatingFileHandler, SMTPHandler

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
    row, so its address is a 404, not a query that fails with a 500."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault('max', 2**63 - 1)
        super().__init__(map, *args, **kwargs)


def create_app(config_name='default', settings=None):
    """The app, configured by the named configuration; settings, a dict, overrides some
    of it (a test's own mail server, say) before any extension reads them."""
    app = Flask(__name__)
    app.config.from_object(config[config_name])
    app.config.update(settings or {})
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

    # In debug mode the browser shows errors; under tests they reach the test.
    # Everywhere else they go to the admins' inbox and to a log file.
    if not app.debug and not app.testing:
        if app.config['MAIL_SERVER']:
            auth = None
            if app.config['MAIL_USERNAME'] or app.config['MAIL_PASSWORD']:
                auth = (app.config['MAIL_USERNAME'], app.config['MAIL_PASSWORD'])
            secure = None
            if app.config['MAIL_USE_TLS']:
                secure = ()
            mail_handler = SMTPHandler(
                mailhost=(app.config['MAIL_SERVER'], app.config['MAIL_PORT']),
                fromaddr='no-reply@' + app.config['MAIL_SERVER'],
                toaddrs=app.config['ADMINS'], subject='Microblog Failure',
                credentials=auth, secure=secure)
            mail_handler.setLevel(logging.ERROR)
            app.logger.addHandler(mail_handler)

        os.makedirs('logs', exist_ok=True)
        file_handler = RotatingFileHandler('logs/microblog.log', maxBytes=10240,
                                           backupCount=10)
        file_handler.setFormatter(logging.Formatter(
            '%(asctime)s %(levelname)s: %(message)s [in %(pathname)s:%(lineno)d]'))
        file_handler.setLevel(logging.INFO)
        app.logger.addHandler(file_handler)

        app.logger.setLevel(logging.INFO)
        app.logger.info('Microblog startup')

    return app


from app import models
