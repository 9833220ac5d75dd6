"""Pages for some roles only: /admin for administrators (admin_required), /moderate for
moderators (permission_required(Permission.MODERATE)); everyone else gets the 403 page,
and a visitor who is not signed in is asked to sign in first."""
import pytest
from flask import render_template_string

from shared.pages import Page

# Which roles each page lets in; the other roles get 403.
PAGES = {
    '/admin': {'Administrator'},
    '/moderate': {'Moderator', 'Administrator'},
}
ROLES = ['User', 'Moderator', 'Administrator']
CASES = [(path, role) for path in PAGES for role in ROLES]


@pytest.fixture
def signed_in_as(make_user, log_in):
    """signed_in_as('Moderator'): the client is signed in as someone with that role."""
    def sign_in(role):
        person = make_user(role.lower(), role=role)
        log_in(person)
        return person
    return sign_in


@pytest.mark.parametrize('path, role', [case for case in CASES if case[1] in PAGES[case[0]]])
def test_page_opens_for_a_role_it_allows(signed_in_as, client, path, role):
    signed_in_as(role)

    response = client.get(path)

    assert response.status_code == 200


@pytest.mark.parametrize('path, role',
                         [case for case in CASES if case[1] not in PAGES[case[0]]])
def test_page_is_forbidden_to_a_role_it_does_not_allow(signed_in_as, client, path, role):
    signed_in_as(role)

    response = client.get(path)

    assert response.status_code == 403


@pytest.mark.parametrize('path', PAGES)
def test_page_asks_a_visitor_who_is_not_signed_in_to_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.location == f'/login?next={path.replace("/", "%2F")}'


def test_forbidden_page_is_drawn_in_the_site_layout(signed_in_as, client):
    signed_in_as('User')

    response = client.get('/admin')
    page = Page(response.text)

    assert response.status_code == 403
    assert page.headings == ['Forbidden']
    assert page.title == 'Welcome to Microblog'
    assert set(page.nav_links) == {'Home', 'Profile', 'Logout'}
    assert page.link('Back') == '/index'


@pytest.mark.parametrize('role, links', [
    ('User', {}),
    ('Moderator', {'Moderate': '/moderate'}),
    ('Administrator', {'Moderate': '/moderate', 'Admin': '/admin'}),
])
def test_navigation_shows_the_pages_a_role_may_open(signed_in_as, client, role, links):
    signed_in_as(role)

    nav = Page(client.get('/index').text).nav_links

    assert {text: nav[text] for text in nav if text in ('Moderate', 'Admin')} == links


@pytest.mark.green_at_start(reason='chapter 8 shows a visitor no role pages either; this '
                                   'guards that the new links stay hidden from visitors')
def test_navigation_of_a_visitor_who_is_not_signed_in_offers_no_role_pages(client):
    nav = Page(client.get('/login').text).nav_links

    assert set(nav) == {'Home', 'Login'}


def test_every_template_can_name_permissions(app, models):
    with app.test_request_context('/'):
        shown = render_template_string('{{ Permission.WRITE }} {{ Permission.ADMIN }}')

    assert shown == f'{models.Permission.WRITE} {models.Permission.ADMIN}'


def test_admin_page_shows_each_role_with_its_people_and_permissions(signed_in_as, make_user,
                                                                     client):
    signed_in_as('Administrator')
    make_user('bob')
    make_user('carol')

    page = Page(client.get('/admin').text)
    rows = [[cell.get_text(strip=True) for cell in row.find_all('td')]
            for row in page.soup.find_all('tr') if row.find('td')]

    assert page.headings == ['Administration']
    assert rows == [
        ['User (new users)', '2', 'yes', 'yes', 'yes', 'no', 'no'],
        ['Moderator', '0', 'yes', 'yes', 'yes', 'yes', 'no'],
        ['Administrator', '1', 'yes', 'yes', 'yes', 'yes', 'yes'],
    ]


@pytest.mark.ends('ch16', reason='from chapter 16 last_seen is written once a minute at '
                                  'most: no UPDATE, and no second read of the signed-in '
                                  'user; tests/ch16/test_query_counts.py has the new '
                                  'queries')
def test_admin_page_counts_in_one_query(signed_in_as, make_user, client, record_queries):
    signed_in_as('Administrator')
    for name in ('bob', 'carol', 'dave'):
        make_user(name)

    with record_queries() as queries:
        client.get('/admin')

    # Flask-Login loads the administrator with the role; last_seen is saved; the page
    # counts; the navigation reloads the administrator after the commit.
    assert [statement.split()[0] for statement in queries] == \
        ['SELECT', 'UPDATE', 'SELECT', 'SELECT'], queries
