"""What the tests share: a mail server that keeps what it receives, the app with an empty
database, a client, and the CSRF token of a form."""
import queue
import re
import socket

import pytest
from aiosmtpd.controller import Controller

from app import create_app, db
from app.models import Role, User


class Inbox:
    """aiosmtpd calls handle_DATA for every message; the tests take them from the queue."""

    def __init__(self):
        self.messages = queue.Queue()

    async def handle_DATA(self, server, session, envelope):
        self.messages.put(envelope.content.decode())
        return '250 Message accepted for delivery'

    def next_message(self):
        """The next message to arrive: the app sends e-mail from a thread, so it may
        still be on its way."""
        return self.messages.get(timeout=5)


@pytest.fixture(scope='session')
def mail_server():
    """A real SMTP server on a free port of this machine."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    controller = Controller(Inbox(), hostname='127.0.0.1', port=port)
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def inbox(mail_server):
    """What the mail server receives from now on."""
    mail_server.handler.messages = queue.Queue()
    return mail_server.handler


@pytest.fixture(scope='session')
def settings(mail_server):
    """What the tests' apps set on top of the testing configuration."""
    return {
        # E-mail goes to the tests' own mail server.
        'MAIL_SERVER': mail_server.hostname,
        'MAIL_PORT': mail_server.port,
        # Werkzeug's default hash costs a quarter of a second, on purpose; the tests'
        # passwords guard nothing, so they are hashed with scrypt at its least cost.
        'PASSWORD_HASH_METHOD': 'scrypt:128:8:1',
    }


@pytest.fixture
def app(settings):
    """An app in testing mode with an empty database."""
    app = create_app('testing', settings)
    with app.app_context():
        db.create_all()
        Role.insert_roles()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()         # its connection closed, not left to the garbage collector


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_token(client):
    """csrf_token('/login'): the hidden token in the form of that page. CSRF protection
    stays on in the tests, as it is for everyone who uses the site."""
    def csrf_token(path):
        page = client.get(path).get_data(as_text=True)
        return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    return csrf_token


@pytest.fixture
def john(app):
    """A user with a confirmed account; his password is 'cat'."""
    user = User(username='john', email='john@example.com', confirmed=True)
    user.set_password('cat')
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def signed_in(client, csrf_token, john):
    """The client, with John signed in."""
    response = client.post('/login', data={'email': 'john@example.com', 'password': 'cat',
                                           'csrf_token': csrf_token('/login')})
    assert response.status_code == 302
    return client
