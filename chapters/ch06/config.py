import os

basedir = os.path.abspath(os.path.dirname(__file__))


class Config:
    # Set SECRET_KEY in the environment anywhere but on your own machine.
    SECRET_KEY = os.environ.get('SECRET_KEY') or 'you-will-never-guess'
    SQLALCHEMY_DATABASE_URI = os.environ.get('DATABASE_URL') or \
        'sqlite:///' + os.path.join(basedir, 'app.db')
    # Limits on one request, so that a huge post gets 413 instead of being
    # read into memory. A filled-in form of this site sends well under 1 KB.
    MAX_CONTENT_LENGTH = 16 * 1024     # the whole body, in bytes
    MAX_FORM_MEMORY_SIZE = 4 * 1024    # one field of a multipart body
    MAX_FORM_PARTS = 20                # fields in a multipart body
