"""Gravatar avatars: the address is built from the hash of the e-mail address, kept in the
user's row and renewed whenever the address changes, with the arguments of Table 10-1."""
from hashlib import sha256
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from shared.pages import Page

GRAVATAR = 'https://www.gravatar.com/avatar/'
ALICE = sha256(b'alice@example.com').hexdigest()
DEFAULT_IMAGES = ['404', 'mp', 'mm', 'identicon', 'monsterid', 'wavatar', 'retro',
                  'robohash', 'blank']


def avatar_of(app, db, models, username, **arguments):
    """What user.avatar(**arguments) answers, and the hash kept in the user's row."""
    with app.app_context():
        user = db.session.scalar(sa.select(models.User).where(models.User.username == username))
        return user.avatar(**arguments), user.avatar_hash


def parts(url):
    """The address without its query, and the query's arguments as a dict."""
    split = urlsplit(url)
    arguments = {name: values[0] for name, values in parse_qs(split.query).items()}
    return f'{split.scheme}://{split.netloc}{split.path}', arguments


@pytest.fixture
def avatar(app, db, models, make_user):
    """avatar(size=36, ...): Alice's avatar address (her address: ' Alice@Example.COM ')."""
    make_user('alice', email=' Alice@Example.COM ')
    return lambda **arguments: avatar_of(app, db, models, 'alice', **arguments)[0]


def test_avatar_hash_is_the_sha256_of_the_trimmed_lower_case_address(avatar):
    address, _ = parts(avatar())

    assert address == GRAVATAR + ALICE


def test_avatar_hash_is_kept_in_the_users_row(app, db, models, make_user):
    make_user('alice', email='Alice@Example.COM')

    _, kept = avatar_of(app, db, models, 'alice')

    assert kept == ALICE


def test_avatar_asks_for_80_pixels_identicons_rated_g_unless_told(avatar):
    _, arguments = parts(avatar())

    assert arguments == {'s': '80', 'd': 'identicon', 'r': 'g'}


@pytest.mark.parametrize('size', [1, 36, 128, 2048])
def test_s_is_the_size_in_pixels(avatar, size):
    assert parts(avatar(size=size))[1]['s'] == str(size)


@pytest.mark.parametrize('rating', ['g', 'pg', 'r', 'x'])
def test_r_is_the_highest_rating_shown(avatar, rating):
    assert parts(avatar(rating=rating))[1]['r'] == rating


@pytest.mark.parametrize('default', DEFAULT_IMAGES)
def test_d_names_what_to_draw_for_an_address_without_avatar(avatar, default):
    assert parts(avatar(default=default))[1]['d'] == default


def test_d_may_be_the_address_of_an_image_sent_percent_encoded(avatar):
    image = 'https://example.com/images/nobody.png?v=1&x=2'

    url = avatar(default=image)

    assert 'd=https%3A%2F%2Fexample.com%2Fimages%2Fnobody.png%3Fv%3D1%26x%3D2' in url
    assert parts(url)[1]['d'] == image


def test_f_forces_the_default_image(avatar):
    assert parts(avatar(force_default=True))[1]['f'] == 'y'
    assert 'f' not in parts(avatar(force_default=False))[1]


@pytest.mark.parametrize('arguments', [
    {'size': 0}, {'size': 2049}, {'default': 'smiley'}, {'default': 'javascript:alert(1)'},
    {'rating': 'nc-17'},
])
def test_an_argument_gravatar_does_not_know_is_refused(avatar, arguments):
    with pytest.raises(ValueError):
        avatar(**arguments)


def test_a_new_address_gets_a_new_hash(app, db, models, make_user):
    person = make_user('alice')

    with app.app_context():
        db.session.get(models.User, person.id).email = 'alice@new.example'
        db.session.commit()

    _, kept = avatar_of(app, db, models, 'alice')
    assert kept == sha256(b'alice@new.example').hexdigest()


def test_the_change_email_link_renews_the_hash(app, db, models, make_user, log_in, post_form,
                                               smtp_server, client):
    log_in(make_user('alice'))
    post_form('/change_email', email='alice@new.example', password='correct horse')
    link = smtp_server.message_to('alice@new.example').links[0]

    client.get(urlsplit(link).path)

    _, kept = avatar_of(app, db, models, 'alice')
    assert kept == sha256(b'alice@new.example').hexdigest()


def test_profile_page_shows_a_128_pixel_avatar_that_reads_well_unloaded(make_user, log_in,
                                                                         client):
    log_in(make_user('alice'))

    image = Page(client.get('/user/alice').text).soup.find('img')

    assert parts(image['src']) == (GRAVATAR + ALICE, {'s': '128', 'd': 'identicon', 'r': 'g'})
    # Where the image cannot load, the browser shows the text in its place; the size
    # keeps the page from moving when the image does arrive.
    assert (image.get('width'), image.get('height')) == ('128', '128')
    assert image.get('alt') == 'Avatar of alice'


@pytest.mark.ends('ch11', reason='it reads the placeholder posts; from chapter 11 a profile '
                                 'lists real posts, and tests/ch11 checks their avatars')
def test_each_post_shows_a_36_pixel_avatar_of_its_author(make_user, log_in, client):
    log_in(make_user('alice'))

    images = Page(client.get('/user/alice').text).soup.find_all('img')[1:]

    assert images, 'no post shows an avatar'
    for image in images:
        assert parts(image['src']) == (GRAVATAR + ALICE, {'s': '36', 'd': 'identicon', 'r': 'g'})
        assert (image.get('width'), image.get('height')) == ('36', '36')
