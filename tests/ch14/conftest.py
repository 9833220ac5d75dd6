"""What chapter 14's tests share: tokens for the API, and a database that fails."""
import pytest
import sqlalchemy as sa


@pytest.fixture
def bearer(client):
    """bearer(alice): headers that authenticate as Alice with a token, which
    POST /api/v1/tokens/ gave for her password."""
    def bearer(person):
        response = client.post('/api/v1/tokens/', auth=person.credentials)
        assert response.status_code == 200, response.json
        return {'Authorization': f'Bearer {response.json["token"]}'}
    return bearer


@pytest.fixture
def broken_database(app, db):
    """broken_database(): from now on every query that reads comments fails, as when the
    database is gone; the app answers such failures with its 500 handler."""
    def break_it():
        app.config['PROPAGATE_EXCEPTIONS'] = False
        with app.app_context():
            db.session.execute(sa.text('DROP TABLE comment'))
            db.session.commit()
    return break_it
