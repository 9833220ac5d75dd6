"""Named configurations, chosen by create_app(name) or by FLASK_CONFIG."""
import os


class Config:
    SECRET_KEY = os.environ.get('SECRET_KEY') or 'only-for-the-harness-tests'
    SQLALCHEMY_DATABASE_URI = os.environ.get('DATABASE_URL') or 'sqlite://'
    GREETING = 'Hello, World!'


class DevelopmentConfig(Config):
    pass


class TestingConfig(Config):
    TESTING = True


class ProductionConfig(Config):
    pass


config = {
    'development': DevelopmentConfig,
    'testing': TestingConfig,
    'production': ProductionConfig,
    'default': DevelopmentConfig,
}
