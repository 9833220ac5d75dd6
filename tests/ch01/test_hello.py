import pytest


@pytest.mark.ends('ch02', reason='chapter 2 replaces the greeting with a template')
@pytest.mark.parametrize('path', ['/', '/index'])
def test_home_page_says_hello_world(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert 'Hello, World!' in response.text


def test_flaskenv_names_the_app_for_flask_run(snapshot):
    settings = (snapshot.path / '.flaskenv').read_text().splitlines()

    assert 'FLASK_APP=microblog.py' in settings
