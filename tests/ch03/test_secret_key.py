"""Settings in config.py: the secret key comes from the environment when one is set there."""
import importlib


def test_secret_key_is_read_from_the_environment(config_class):
    config = config_class(SECRET_KEY='set-in-the-environment')

    assert config.SECRET_KEY == 'set-in-the-environment'


def test_without_secret_key_in_the_environment_a_development_key_is_used(config_class):
    config = config_class(SECRET_KEY=None)

    assert isinstance(config.SECRET_KEY, str)
    assert config.SECRET_KEY != ''


def test_app_takes_its_settings_from_the_config_class(app):
    config = importlib.import_module('config')

    assert app.config['SECRET_KEY'] == config.Config.SECRET_KEY
