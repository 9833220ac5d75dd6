"""The login's `next` redirect never takes anyone to another site, however the target is
written: slashes and backslashes in any mix, percent-encoded or not, with blanks, with a
scheme. What counts is the Location header the server sends, after Werkzeug has tidied it."""
import re
from itertools import product
from urllib.parse import urlencode

import pytest

from shared.pages import Page

SLASHES = ('/', '\\')
ENCODED = ('%2F', '%5C')          # a slash and a backslash, percent-encoded in the target
DROPPED = ('\t', '\n', '\r')      # browsers drop these anywhere in a URL
TRIMMED = (' ', '\t', '\x00', '\x0c')   # and trim these from its start
SCHEMES = ('http:', 'https:', 'HTTPS:', 'javascript:')


def mixes(parts, length):
    return [''.join(mix) for mix in product(parts, repeat=length)]


TARGETS = sorted({
    *(mix + 'evil.example' for n in (1, 2) for mix in mixes(SLASHES + ENCODED, n)),
    *(mix + 'evil.example' for n in (3, 4) for mix in mixes(SLASHES, n)),
    *(mix[:at] + blank + mix[at:] + 'evil.example'
      for mix in mixes(SLASHES, 2) for blank in DROPPED for at in (1, 2)),
    *(blank + mix + 'evil.example' for mix in mixes(SLASHES, 2) for blank in TRIMMED),
    *(scheme + mix + 'evil.example'
      for scheme in SCHEMES for mix in ('', '/', '//', '\\\\', '/\\')),
    '//[evil.example',              # not a valid host: urlsplit() raises ValueError
    '/\\\uff0fevil.example',        # a full-width slash: urlsplit() raises ValueError
})


def a_browser_stays_on_the_site(location):
    """Whether a browser that follows this Location stays here. Like a browser, trim spaces
    and control characters at the start, drop tabs and newlines, read a backslash as a
    slash. Then only a path with one leading slash is surely this site's: two slashes
    start another host's name. (Stricter than a browser: a relative path counts as away.)"""
    seen = re.sub(r'[\t\n\r]', '', location.lstrip(''.join(map(chr, range(33)))))
    seen = seen.replace('\\', '/')
    return seen.startswith('/') and not seen.startswith('//')


@pytest.fixture
def alice(make_user):
    return make_user('alice', password='correct horse')


@pytest.mark.parametrize('target', TARGETS)
def test_login_with_any_next_signs_in_and_stays_on_the_site(alice, log_in, client, target):
    response = log_in(alice, path='/login?' + urlencode({'next': target}))

    location = response.headers.get('Location', '')
    assert response.status_code == 302
    assert a_browser_stays_on_the_site(location), f'Location: {location!r} leaves the site'
    assert Page(client.get('/index').text, only='h1').headings == ['Hi, alice!'], \
        'alice was not signed in'
