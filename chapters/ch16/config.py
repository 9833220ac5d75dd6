import os

basedir = os.path.abspath(os.path.dirname(__file__))


class Config:
    # Set SECRET_KEY in the environment anywhere but on your own machine.
    SECRET_KEY = os.environ.get('SECRET_KEY') or 'you-will-never-guess'
    SQLALCHEMY_DATABASE_URI = os.environ.get('DATABASE_URL') or \
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


class DevelopmentConfig(Config):
    pass


class TestingConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = os.environ.get('TEST_DATABASE_URL') or 'sqlite://'
    # Flask-Mail sends nothing in testing mode unless told to; the tests
    # read every message at an SMTP server of their own.
    MAIL_SUPPRESS_SEND = False


class ProductionConfig(Config):
    pass


config = {
    'development': DevelopmentConfig,
    'testing': TestingConfig,
    'production': ProductionConfig,
    'default': DevelopmentConfig,
}
