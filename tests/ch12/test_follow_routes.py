"""Following and unfollowing from a profile: a button that posts a form with its CSRF
token, for roles that may FOLLOW; pressing it twice, or at the wrong time, says so and
changes nothing."""
import pytest
import sqlalchemy as sa

from shared.pages import ODD_JSON_VALUES, Page, csrf_token


@pytest.fixture
def bob(make_user):
    return make_user('bob')


@pytest.fixture
def follows(app, db, models):
    """follows(): every (follower, followed) pair by username, themselves left out."""
    def follows():
        with app.app_context():
            follow = models.Follow
            return sorted((row.follower.username, row.followed.username)
                          for row in db.session.scalars(sa.select(follow))
                          if row.follower_id != row.followed_id)
    return follows


def test_pressing_follow_on_a_profile_follows_that_person(susan, bob, press, follows):
    response = press('/user/bob', 'Follow', follow_redirects=True)

    page = Page(response.text)
    assert page.flashes == ['You are now following bob.']
    assert page.headings == ['User: bob']
    assert follows() == [('susan', 'bob')]


def test_pressing_unfollow_stops_following(susan, bob, make_follow, press, follows):
    make_follow(susan, bob)

    response = press('/user/bob', 'Unfollow', follow_redirects=True)

    assert Page(response.text).flashes == ['You are not following bob anymore.']
    assert follows() == []


def test_following_twice_says_so_and_keeps_one_row(susan, bob, make_follow, client, press,
                                                   follows):
    page = client.get('/user/bob')      # the page as it was, before the first press
    press('/user/bob', 'Follow', follow_redirects=True)
    address, fields = Page(page.text).button('Follow')

    response = client.post(address, data=fields, follow_redirects=True)

    assert Page(response.text).flashes == ['You are already following bob.']
    assert follows() == [('susan', 'bob')]


def test_a_press_that_loses_a_race_to_another_still_follows_once(susan, bob, app, db, models,
                                                                 press, follows):
    """Two presses at once (two tabs): both find susan not following bob yet, and the
    other one saves first. This one's row then breaks the table's primary key."""
    def other_request_saves_first(session, flush_context, instances):
        if any(isinstance(row, models.Follow) for row in session.new):
            with db.engine.begin() as other_request:
                other_request.execute(sa.insert(models.Follow).values(
                    follower_id=susan.id, followed_id=bob.id))

    sa.event.listen(db.session, 'before_flush', other_request_saves_first)
    try:
        response = press('/user/bob', 'Follow', follow_redirects=True)
    finally:
        sa.event.remove(db.session, 'before_flush', other_request_saves_first)

    assert Page(response.text).flashes == ['You are now following bob.']
    assert follows() == [('susan', 'bob')]


def test_unfollowing_a_stranger_says_so(susan, bob, client, follows):
    page = Page(client.get('/user/bob').text)
    token = page.button('Follow')[1]['csrf_token']

    response = client.post('/unfollow/bob', data={'csrf_token': token},
                           follow_redirects=True)

    assert response.status_code == 200
    assert Page(response.text).flashes == ['You are not following bob.']
    assert follows() == []


@pytest.mark.parametrize('action, message', [
    ('follow', 'You cannot follow yourself.'),
    ('unfollow', 'You cannot unfollow yourself.'),
])
def test_nobody_follows_or_unfollows_themself_by_hand(susan, client, app, db, models,
                                                      action, message):
    token = csrf_token(client.get('/edit_profile').text)

    response = client.post(f'/{action}/susan', data={'csrf_token': token},
                           follow_redirects=True)

    assert Page(response.text).flashes == [message]
    with app.app_context():
        assert db.session.get(models.Follow, (susan.id, susan.id)) is not None


@pytest.mark.parametrize('action', ['follow', 'unfollow'])
def test_a_post_without_the_csrf_token_is_refused(susan, bob, make_follow, client,
                                                  follows, action):
    if action == 'unfollow':
        make_follow(susan, bob)
    before = follows()

    response = client.post(f'/{action}/bob')

    assert response.status_code == 400
    assert follows() == before


@pytest.mark.parametrize('action', ['follow', 'unfollow'])
def test_a_json_body_is_refused_like_a_missing_token(susan, bob, client, follows, action):
    token = Page(client.get('/user/bob').text).button('Follow')[1]['csrf_token']

    response = client.post(f'/{action}/bob', json={'csrf_token': token, **ODD_JSON_VALUES})

    assert response.status_code == 400
    assert follows() == []


@pytest.mark.parametrize('action', ['follow', 'unfollow'])
def test_a_link_cannot_follow_or_unfollow(susan, bob, make_follow, client, follows, action):
    """Another site can make a browser open any link, with the person's cookies: so
    following is never a GET."""
    if action == 'unfollow':
        make_follow(susan, bob)
    before = follows()

    response = client.get(f'/{action}/bob')

    assert response.status_code == 405
    assert follows() == before


def test_only_people_with_an_account_can_be_followed(susan, bob, client, follows):
    token = Page(client.get('/user/bob').text).button('Follow')[1]['csrf_token']

    missing = client.post('/follow/nobody', data={'csrf_token': token})
    found = client.post('/follow/bob', data={'csrf_token': token})

    assert (missing.status_code, found.status_code) == (404, 302)
    assert follows() == [('susan', 'bob')]


@pytest.mark.parametrize('action', ['follow', 'unfollow'])
def test_signed_out_visitors_are_asked_to_sign_in(bob, client, follows, action):
    response = client.post(f'/{action}/bob')

    assert response.status_code == 302
    assert response.location.startswith('/login')
    assert follows() == []


@pytest.fixture
def writer(make_role, make_user, log_in):
    """Wendy's role lets her write and comment, but not follow; she is signed in."""
    make_role('Writer', 'WRITE', 'COMMENT')
    wendy = make_user('wendy', role='Writer')
    log_in(wendy)
    return wendy


@pytest.mark.parametrize('action', ['follow', 'unfollow'])
def test_a_role_that_may_not_follow_gets_403(writer, bob, client, follows, action):
    token = csrf_token(client.get('/edit_profile').text)

    response = client.post(f'/{action}/bob', data={'csrf_token': token})

    assert response.status_code == 403
    assert follows() == []


def test_a_role_that_may_not_follow_sees_no_button(app, writer, bob, make_user, client,
                                                   log_in):
    """Wendy (the client of this test) sees no button where Susan sees one."""
    susans_browser = app.test_client()
    log_in(make_user('susan'), client=susans_browser)

    wendys_page = Page(client.get('/user/bob').text)
    susans_page = Page(susans_browser.get('/user/bob').text)

    assert susans_page.button('Follow')[0] == '/follow/bob'
    assert wendys_page.soup.find('input', attrs={'type': 'submit', 'value': 'Follow'}) is None


def test_the_button_is_on_other_peoples_profiles_only(susan, bob, client):
    def buttons(path):
        return Page(client.get(path).text).soup.find_all(
            'input', attrs={'type': 'submit', 'value': ['Follow', 'Unfollow']})

    assert len(buttons('/user/bob')) == 1
    assert buttons('/user/susan') == []


def test_the_button_says_unfollow_once_following(susan, bob, make_follow, client):
    make_follow(susan, bob)

    page = Page(client.get('/user/bob').text)

    assert page.button('Unfollow')[0] == '/unfollow/bob'
    assert page.soup.find('input', attrs={'type': 'submit', 'value': 'Follow'}) is None


def test_profile_counts_followers_and_following_without_the_person(
        susan, bob, make_user, make_follow, client):
    carol = make_user('carol')
    make_follow(bob, susan)
    make_follow(carol, susan)
    make_follow(susan, carol)

    page = Page(client.get('/user/susan').text)

    assert page.link('Followers: 2') == '/followers/susan'
    assert page.link('Following: 1') == '/following/susan'


def test_profile_says_when_its_owner_follows_you(susan, bob, make_user, make_follow, client):
    make_user('carol')
    make_follow(bob, susan)

    assert 'Follows you' in Page(client.get('/user/bob').text).text
    assert 'Follows you' not in Page(client.get('/user/carol').text).text
    assert 'Follows you' not in Page(client.get('/user/susan').text).text
