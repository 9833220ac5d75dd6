"""create_app() takes settings that override its configuration, read before any extension
reads them; PASSWORD_HASH_METHOD, one of them, lets the app's tests hash quickly."""
import pytest


def test_settings_override_the_configuration_before_the_extensions_read_it(snapshot):
    app = snapshot.package.create_app('testing', {'MAIL_SERVER': 'mail.example.com',
                                                  'POSTS_PER_PAGE': 3})
    assert app.config['POSTS_PER_PAGE'] == 3
    assert app.extensions['mail'].server == 'mail.example.com'


@pytest.mark.usefixtures('real_password_hashing')
def test_passwords_get_werkzeugs_default_hash_unless_told_otherwise(app, models):
    with app.app_context():
        user = models.User(username='john', email='john@example.com')
        user.set_password('cat')
        assert user.password_hash.startswith('scrypt:32768:8:1$')

        app.config['PASSWORD_HASH_METHOD'] = 'pbkdf2:sha256:1000'
        user.set_password('cat')
        assert user.password_hash.startswith('pbkdf2:sha256:1000$')
        assert user.check_password('cat')
