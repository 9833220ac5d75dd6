import logging
import os
from logging.handlers import RotatingFileHandler, SMTPHandler

from werkzeug.middleware.proxy_fix import ProxyFix

basedir = os.path.abspath(os.path.dirname(__file__))


def database_url(url):
    """A database address as SQLAlchemy reads it. Some hosting services still hand out
    `postgres://...`, a name SQLAlchemy no longer knows; `postgresql://` would pick
    psycopg2. Both become `postgresql+psycopg://`: PostgreSQL through psycopg 3."""
    for old in ('postgres://', 'postgresql://'):
        if url and url.startswith(old):
            return 'postgresql+psycopg://' + url.removeprefix(old)
    return url


class Config:
    # Set SECRET_KEY in the environment anywhere but on your own machine.
    SECRET_KEY = os.environ.get('SECRET_KEY') or 'you-will-never-guess'
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get('DATABASE_URL')) or \
        'sqlite:///' + os.path.join(basedir, 'app.db')
    MAIL_SERVER = os.environ.get('MAIL_SERVER')
    MAIL_PORT = int(os.environ.get('MAIL_PORT') or 25)
    MAIL_USE_TLS = os.environ.get('MAIL_USE_TLS') is not None
    MAIL_USERNAME = os.environ.get('MAIL_USERNAME')
    MAIL_PASSWORD = os.environ.get('MAIL_PASSWORD')
    ADMINS = ['your-email@example.com']
    # Whoever registers with this address becomes an administrator.
    MICROBLOG_ADMIN = os.environ.get('MICROBLOG_ADMIN', '').strip().lower()
    # Limits on one request, so that a huge post gets 413 instead of being
    # read into memory. A filled-in form of this site sends well under 1 KB.
    MAX_CONTENT_LENGTH = 16 * 1024     # the whole body, in bytes
    MAX_FORM_MEMORY_SIZE = 4 * 1024    # one field of a multipart body
    MAX_FORM_PARTS = 20                # fields in a multipart body
    MAIL_SENDER = os.environ.get('MAIL_SENDER') or 'Microblog <no-reply@example.com>'
    MAIL_SUBJECT_PREFIX = '[Microblog] '
    # How long a link sent by e-mail works, in seconds.
    CONFIRMATION_MAX_AGE = 3600
    # Posts on one page, and the most that ?per_page= may ask for.
    POSTS_PER_PAGE = 20
    MAX_POSTS_PER_PAGE = 100
    # People on one page of a list of followers, or of those someone follows.
    FOLLOWERS_PER_PAGE = 50
    # Comments on one page, under a post and on the moderation page.
    COMMENTS_PER_PAGE = 30
    # How long a token from /api/v1/tokens/ works, in seconds.
    API_TOKEN_MAX_AGE = 3600
    # Flask-SQLAlchemy keeps each request's queries with their times; a query slower than
    # this, in seconds, goes to the log.
    SQLALCHEMY_RECORD_QUERIES = True
    SLOW_DB_QUERY_TIME = float(os.environ.get('SLOW_DB_QUERY_TIME') or 0.5)

    @classmethod
    def init_app(cls, app):
        """What this configuration does to the app beyond its settings."""


class DevelopmentConfig(Config):
    pass


class TestingConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get('TEST_DATABASE_URL')) or \
        'sqlite://'
    # Flask-Mail sends nothing in testing mode unless told to; the tests
    # read every message at an SMTP server of their own.
    MAIL_SUPPRESS_SEND = False


class ProductionConfig(Config):
    # No made-up key here: without SECRET_KEY in the environment, init_app() refuses.
    SECRET_KEY = os.environ.get('SECRET_KEY')
    # Cookies that the browser sends over HTTPS only, that scripts cannot read, and
    # that other sites' forms do not get.
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_SAMESITE = 'Lax'
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_SAMESITE = 'Lax'
    # How many proxies (a load balancer, nginx) stand in front of the app, each adding
    # its X-Forwarded-* headers; 0: requests come straight from the browsers.
    PROXIES = int(os.environ.get('PROXIES') or 0)
    # The names the site answers to, comma-separated ('microblog.example.com'); a request
    # for any other Host is refused with 400, so that no link in an e-mail points
    # elsewhere. Not set: any name.
    TRUSTED_HOSTS = [host.strip() for host in os.environ['TRUSTED_HOSTS'].split(',')] \
        if os.environ.get('TRUSTED_HOSTS') else None

    @classmethod
    def init_app(cls, app):
        if not app.config['SECRET_KEY']:
            raise RuntimeError('SECRET_KEY is not set. In production it must come from the '
                               'environment: export SECRET_KEY=... (a long random string).')
        if app.debug:
            raise RuntimeError('Debug mode is on (FLASK_DEBUG) in the production '
                               'configuration: its debugger runs any code a visitor types. '
                               'Unset FLASK_DEBUG.')
        if app.config['PROXIES']:
            count = app.config['PROXIES']
            # The visitor's address, the scheme and the name they asked for; the site is
            # at the top of its name, so no X-Forwarded-Prefix (nor -Port) is believed.
            app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

        # Errors go to the admins' inbox and to a log file.
        if app.config['MAIL_SERVER']:
            credentials = None
            if app.config['MAIL_USERNAME'] or app.config['MAIL_PASSWORD']:
                credentials = (app.config['MAIL_USERNAME'], app.config['MAIL_PASSWORD'])
            secure = None
            if app.config['MAIL_USE_TLS']:
                secure = ()
            mail_handler = SMTPHandler(
                mailhost=(app.config['MAIL_SERVER'], app.config['MAIL_PORT']),
                fromaddr='no-reply@' + app.config['MAIL_SERVER'],
                toaddrs=app.config['ADMINS'], subject='Microblog Failure',
                credentials=credentials, secure=secure)
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


config = {
    'development': DevelopmentConfig,
    'testing': TestingConfig,
    'production': ProductionConfig,
    'default': DevelopmentConfig,
}
