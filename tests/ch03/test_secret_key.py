"""Settings in config.py: the secret key comes from the environment when one is set there."""
import importlib
import runpy


def test_secret_key_is_read_from_the_environment(snapshot, monkeypatch):
    monkeypatch.setenv('SECRET_KEY', 'set-in-the-environment')

    settings = runpy.run_path(str(snapshot.path / 'config.py'))

    assert settings['Config'].SECRET_KEY == 'set-in-the-environment'


def test_without_secret_key_in_the_environment_a_development_key_is_used(snapshot, monkeypatch):
    monkeypatch.delenv('SECRET_KEY', raising=False)

    settings = runpy.run_path(str(snapshot.path / 'config.py'))

    assert isinstance(settings['Config'].SECRET_KEY, str)
    assert settings['Config'].SECRET_KEY != ''


def test_app_takes_its_settings_from_the_config_class(snapshot):
    config = importlib.import_module('config')

    assert snapshot.app.config['SECRET_KEY'] == config.Config.SECRET_KEY
