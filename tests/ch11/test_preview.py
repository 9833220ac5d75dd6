"""The live preview: the page sends what is typed to /preview, and shows the HTML that comes
back, made by the same conversion and cleaning as a saved post. It needs no other site."""
import pytest

from shared.database import SIGNED_IN_WRITES
from shared.pages import Page, csrf_token


def preview(client, body, token=True):
    data = {'body': body}
    if token:
        data['csrf_token'] = csrf_token(client.get('/index').text)
    return client.post('/preview', data=data)


def test_preview_answers_the_markdown_as_html(susan, client):
    response = preview(client, '**Hello**, [you](https://example.com)')

    assert response.status_code == 200
    assert response.mimetype == 'text/html'
    assert response.text == ('<p><strong>Hello</strong>, <a href="https://example.com" '
                             'rel="nofollow noopener noreferrer">you</a></p>')


def test_preview_cleans_what_a_saved_post_would_lose(susan, client):
    response = preview(client, 'Hi <script>alert(1)</script><b onclick="x()">there</b>')

    assert response.text == '<p>Hi <b>there</b></p>'


def test_preview_writes_nothing(susan, client, database_contents):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = preview(client, 'Not saved')

    assert response.text == '<p>Not saved</p>'
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_preview_without_the_forms_token_is_refused(susan, client):
    assert preview(client, 'Hello', token=False).status_code == 400


def test_preview_is_for_people_who_may_write(reader, client):
    token = csrf_token(client.get('/edit_profile').text)

    response = client.post('/preview', data={'csrf_token': token, 'body': 'Hello'})

    assert response.status_code == 403


@pytest.mark.green_at_start(reason='chapter 10 loads no script at all; this guards that the '
                                   'preview script goes only where the form is')
def test_a_page_without_the_post_form_loads_no_preview_script(reader, client):
    page = Page(client.get('/index').text)

    assert page.soup.find('script') is None


def test_preview_is_for_people_who_are_signed_in(client):
    response = client.post('/preview', data={'body': 'Hello'})

    assert response.status_code == 302
    assert response.location.startswith('/login')


@pytest.mark.parametrize('path', ['/index', 'edit'])
def test_the_page_asks_for_the_preview_with_its_own_script(susan, make_post, client, path):
    if path == 'edit':
        path = f'/edit/{make_post(susan, "Hello")}'

    page = Page(client.get(path).text)
    scripts = [script.get('src') for script in page.soup.find_all('script')]

    assert scripts == ['/static/preview.js']
    assert page.soup.select_one('[data-preview]')['data-preview'] == '/preview'
    with client.get('/static/preview.js') as script:
        assert script.status_code == 200
        assert "fetch(preview.dataset.preview" in script.text


@pytest.mark.green_at_start(reason='no page of chapter 10 loads anything from elsewhere '
                                   'either; this guards that the preview keeps it so')
def test_no_page_loads_anything_from_another_site(susan, make_post, client):
    post_id = make_post(susan, 'Hello')

    for path in ('/index', f'/post/{post_id}', f'/edit/{post_id}', '/user/susan'):
        page = Page(client.get(path).text).soup
        sources = [tag.get('src') for tag in page.find_all(['script', 'link', 'iframe'])
                   if tag.get('src')] + [tag.get('href') for tag in page.find_all('link')]
        assert all(source.startswith('/') for source in sources), (path, sources)
