"""The profile page: /user/<username>, with a Gravatar avatar, about_me and last_seen."""
from datetime import datetime, timezone
from hashlib import md5

import pytest

from shared.pages import Page

GRAVATAR = 'https://www.gravatar.com/avatar/'


@pytest.fixture
def alice(make_user, log_in):
    """Alice is registered and signed in."""
    alice = make_user('alice')
    log_in(alice)
    return alice


def now():
    # SQLite gives datetimes back without a time zone; the app stores UTC.
    return datetime.now(timezone.utc).replace(tzinfo=None)


def test_profile_page_shows_the_username(alice, client):
    response = client.get('/user/alice')

    assert response.status_code == 200
    assert Page(response.text).headings == ['User: alice']


def test_profile_page_requires_login(make_user, client):
    make_user('alice')

    response = client.get('/user/alice')

    assert response.status_code == 302
    assert response.location == '/login?next=%2Fuser%2Falice'


@pytest.mark.green_at_start(reason='before chapter 6 there is no /user/ route, so every '
                                   'profile is 404; this pins down that an unknown name '
                                   'stays 404 once the route exists')
def test_unknown_user_profile_is_404(alice, client):
    response = client.get('/user/nobody')

    assert response.status_code == 404


def test_own_profile_links_to_edit_profile(alice, client):
    page = Page(client.get('/user/alice').text)

    assert page.link('Edit your profile') == '/edit_profile'


def test_someone_elses_profile_has_no_edit_link(alice, make_user, client):
    make_user('bob')

    page = client.get('/user/bob').text

    assert Page(page).headings == ['User: bob'], "bob's profile page is missing"
    assert 'Edit your profile' not in page


def test_nav_links_to_your_own_profile(alice, client):
    page = Page(client.get('/index').text)

    assert page.nav_links.get('Profile') == '/user/alice', 'the navigation has no Profile link'


@pytest.mark.ends('ch10', reason='from chapter 10 the avatar comes from the SHA-256 of the '
                                 'address, cached in avatar_hash, with the s, d and r of '
                                 'Table 10-1')
@pytest.mark.parametrize('email', ['alice@example.com', 'Alice@Example.COM'])
@pytest.mark.parametrize('size', [36, 128])
def test_avatar_is_a_gravatar_identicon_of_the_lowercased_email(app, models, email, size):
    digest = md5(b'alice@example.com').hexdigest()
    with app.app_context():     # from chapter 9 a new User looks up its role
        user = models.User(username='alice', email=email)

    assert user.avatar(size) == f'{GRAVATAR}{digest}?d=identicon&s={size}'


@pytest.mark.ends('ch10', reason='from chapter 10 the avatar comes from the SHA-256 of the '
                                 'address, cached in avatar_hash, with the s, d and r of '
                                 'Table 10-1')
def test_profile_page_shows_a_128_pixel_avatar(alice, make_user, client):
    make_user('bob', email='Bob@Example.com')
    digest = md5(b'bob@example.com').hexdigest()

    page = Page(client.get('/user/bob').text)

    assert f'{GRAVATAR}{digest}?d=identicon&s=128' in page.images


@pytest.mark.ends('ch10', reason='from chapter 10 the avatar comes from the SHA-256 of the '
                                 'address, cached in avatar_hash, with the s, d and r of '
                                 'Table 10-1')
def test_profile_page_lists_posts_with_36_pixel_avatars(alice, make_user, client):
    make_user('bob')
    digest = md5(b'bob@example.com').hexdigest()

    page = Page(client.get('/user/bob').text)

    small_avatars = page.images.count(f'{GRAVATAR}{digest}?d=identicon&s=36')
    assert small_avatars == 2, f'{small_avatars} of 2 posts show a 36-pixel avatar'
    assert 'bob says: Test post #1' in page.text


def test_profile_page_shows_about_me(alice, make_user, client):
    make_user('bob', about_me='I like cats')

    page = client.get('/user/bob').text

    assert 'I like cats' in page


def test_profile_page_escapes_about_me(alice, make_user, client):
    make_user('bob', about_me='<script>alert(1)</script>')

    page = client.get('/user/bob').text

    # The markup is the lesson here: the payload arrives escaped, never as a tag.
    assert '&lt;script&gt;alert(1)&lt;/script&gt;' in page
    assert '<script>' not in page


def test_profile_page_shows_last_seen(alice, make_user, client):
    make_user('bob', last_seen=datetime(2024, 5, 17, 9, 30))

    page = client.get('/user/bob').text

    assert 'Last seen on: 2024-05-17 09:30:00' in page


@pytest.mark.ends('ch10', reason='from chapter 10 times come back from the database marked '
                                 'as UTC, which a naive datetime cannot be compared with')
@pytest.mark.parametrize('path', ['/index', '/user/alice', '/edit_profile', '/no-such-page'])
def test_every_request_of_a_signed_in_user_updates_last_seen(
        make_user, log_in, client, app, db, models, path):
    alice = make_user('alice', last_seen=datetime(2000, 1, 1))
    log_in(alice)
    before = now()

    client.get(path)

    with app.app_context():
        last_seen = db.session.get(models.User, alice.id).last_seen
    assert before <= last_seen <= now()


def test_anonymous_requests_update_nobody(make_user, client, database_contents):
    make_user('alice', last_seen=datetime(2000, 1, 1))
    before = database_contents()

    client.get('/login')
    client.get('/index')

    assert database_contents() == before


@pytest.mark.ends('ch11', reason='from chapter 11 the profile lists the real posts, a page '
                                 'at a time: two more queries, counted in tests/ch11')
def test_profile_page_sends_four_queries(alice, make_user, client, record_queries):
    # Flask-Login loads alice; before_request saves her last_seen, and the commit
    # expires her; the view finds bob; the navigation reloads alice's username.
    make_user('bob')

    with record_queries() as queries:
        response = client.get('/user/bob')

    assert response.status_code == 200
    verbs = [statement.split()[0] for statement in queries]
    assert verbs == ['SELECT', 'UPDATE', 'SELECT', 'SELECT'], queries
    assert 'WHERE user.username = ?' in queries[2]
