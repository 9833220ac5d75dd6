"""Richer profiles: a real name, a location, the date someone joined and when they were last
seen, in UTC; the e-mail address for its owner's and the administrators' eyes only."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from shared.database import SIGNED_IN_WRITES
from shared.pages import Page

MAY_17 = datetime(2024, 5, 17, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def alice(make_user, log_in):
    """Alice is registered and signed in."""
    alice = make_user('alice')
    log_in(alice)
    return alice


def profile_of(app, db, models, username):
    with app.app_context():
        return db.session.scalar(sa.select(models.User).where(models.User.username == username))


def test_profile_page_shows_name_location_and_dates(alice, make_user, client):
    make_user('bob', name='Bob Smith', location='Lisbon', about_me='I like cats',
              member_since=MAY_17, last_seen=MAY_17 + timedelta(days=1))

    text = Page(client.get('/user/bob').text).text

    for shown in ('Name: Bob Smith', 'Location: Lisbon', 'I like cats',
                  'Member since: 2024-05-17', 'Last seen on: 2024-05-18 09:30:00 UTC'):
        assert shown in text


def test_profile_page_escapes_name_and_location(alice, make_user, client):
    make_user('bob', name='<b>Bob</b>', location='<script>alert(1)</script>')

    response = client.get('/user/bob')

    # The markup is the lesson: the text arrives escaped, never as tags.
    assert '&lt;b&gt;Bob&lt;/b&gt;' in response.text
    assert '<script>' not in response.text


def test_email_address_is_shown_to_its_owner(alice, client):
    page = Page(client.get('/user/alice').text)

    assert page.link('alice@example.com') == 'mailto:alice@example.com'


def test_email_address_is_shown_to_administrators(make_user, log_in, client):
    make_user('bob')
    log_in(make_user('boss', role='Administrator'))

    page = Page(client.get('/user/bob').text)

    assert page.link('bob@example.com') == 'mailto:bob@example.com'


@pytest.mark.green_at_start(reason='chapter 9 shows nobody an address; this guards that '
                                   'the new one stays hidden from everyone else')
@pytest.mark.parametrize('role', ['User', 'Moderator'])
def test_email_address_is_hidden_from_other_users(make_user, log_in, client, role):
    make_user('bob')
    log_in(make_user('carol', role=role))

    page = Page(client.get('/user/bob').text)

    assert 'bob@example.com' not in page.text
    assert not any(href.startswith('mailto:') for _, href in page.links)


def test_a_new_account_is_a_member_since_it_registered(app, db, models, post_form):
    before = datetime.now(timezone.utc)

    post_form('/register', username='susan', email='susan@example.com',
              password='correct horse', password2='correct horse')

    member_since = profile_of(app, db, models, 'susan').member_since
    assert before <= member_since <= datetime.now(timezone.utc)


@pytest.mark.parametrize('path', ['/index', '/user/alice', '/edit_profile', '/no-such-page'])
def test_every_request_saves_last_seen_read_back_in_utc(make_user, log_in, client, app, db,
                                                       models, path):
    log_in(make_user('alice', last_seen=MAY_17))
    before = datetime.now(timezone.utc)

    client.get(path)

    last_seen = profile_of(app, db, models, 'alice').last_seen
    assert last_seen.tzinfo is not None, 'last_seen came back without its time zone'
    assert before <= last_seen <= datetime.now(timezone.utc)


def test_an_unconfirmed_user_is_still_seen(make_user, log_in, client, app, db, models):
    log_in(make_user('bob', confirmed=False, last_seen=MAY_17))
    before = datetime.now(timezone.utc)

    client.get('/index')

    assert profile_of(app, db, models, 'bob').last_seen >= before


def test_a_time_in_another_zone_is_kept_as_the_same_moment(app, db, models, make_user):
    in_lisbon_summer = datetime(2024, 5, 17, 10, 30, tzinfo=timezone(timedelta(hours=1)))

    make_user('bob', member_since=in_lisbon_summer)

    member_since = profile_of(app, db, models, 'bob').member_since
    assert member_since == MAY_17
    assert member_since.utcoffset() == timedelta(0)


def test_a_user_without_dates_reads_them_back_as_none(app, db, models, make_user):
    # As chapter 10's migration leaves every account it finds: nobody knows since when
    # they are members. (None would get the columns' defaults; sa.null() is NULL.)
    make_user('bob', member_since=sa.null(), last_seen=sa.null())

    bob = profile_of(app, db, models, 'bob')

    assert (bob.member_since, bob.last_seen) == (None, None)


def test_profile_of_a_user_without_dates_shows_without_them(alice, make_user, client):
    make_user('bob', member_since=sa.null(), last_seen=sa.null())

    response = client.get('/user/bob')

    assert response.status_code == 200
    text = Page(response.text).text
    assert 'User: bob' in text
    assert 'Member since' not in text and 'Last seen' not in text


def test_edit_profile_saves_name_location_and_about_me(alice, post_form, app, db, models):
    response = post_form('/edit_profile', username='alice', name='Alice Liddell',
                         location='Oxford', about_me='Curious')

    assert response.status_code == 302
    saved = profile_of(app, db, models, 'alice')
    assert (saved.name, saved.location, saved.about_me) == \
        ('Alice Liddell', 'Oxford', 'Curious')


def test_edit_profile_shows_the_saved_name_and_location(make_user, log_in, client):
    log_in(make_user('alice', name='Alice Liddell', location='Oxford'))

    page = Page(client.get('/edit_profile').text)

    assert (page.value('name'), page.value('location')) == ('Alice Liddell', 'Oxford')


@pytest.mark.parametrize('field', ['name', 'location'])
def test_edit_profile_refuses_a_name_or_location_too_long(alice, post_form, database_contents,
                                                         field):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = post_form('/edit_profile', username='alice', **{field: 'x' * 65})

    assert Page(response.text).errors(field) == ['Field cannot be longer than 64 characters.']
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before
