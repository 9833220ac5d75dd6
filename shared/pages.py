"""Reading pages the way a person does, and posting forms the way a browser does.

    page = Page(response.text)
    page.title, page.headings, page.text, page.flashes
    page.texts('.post-body')      the text of each element a CSS selector picks
    page.link('Profile')          the address of the link a person would click
    page.nav_links                {'Home': '/index', 'Login': '/login'}
    page.value('username')        what a form field holds
    page.errors('username')       what the form says about that field
    page.button('Follow')         the address and fields its form would send

Tests of behaviour look at a page through these, never at its markup, so that a
chapter that restyles a template breaks no test of what the page does.
"""
import http.cookiejar
import re

import requests
from bs4 import BeautifulSoup, SoupStrainer

FIELDS = ('input', 'textarea', 'select')


def words(text):
    """Text with its runs of whitespace made single spaces, as a browser shows it."""
    return re.sub(r'\s+', ' ', text).strip()


class Page:
    def __init__(self, html, only=None):
        """only='form': read only the elements of that name, each with all it holds. A
        helper that needs no more than the page's forms (to sign in, to post a form, to
        press a button) reads a page in half the time."""
        self.html = html
        self.soup = BeautifulSoup(html, 'html.parser',
                                  parse_only=SoupStrainer(only) if only else None)

    @property
    def title(self):
        return words(self.soup.title.get_text()) if self.soup.title else None

    @property
    def headings(self):
        return [words(h1.get_text()) for h1 in self.soup.find_all('h1')]

    @property
    def text(self):
        body = self.soup.body or self.soup
        return words(body.get_text(' '))

    @property
    def flashes(self):
        """The flashed messages, in the order the page shows them."""
        return [words(item.get_text()) for item in self.soup.select('.flashes li')]

    def texts(self, selector):
        """The text of each element the CSS selector picks, in page order."""
        return [words(element.get_text(' ')) for element in self.soup.select(selector)]

    @property
    def links(self):
        """Every link as (text, address), in page order."""
        return [(words(a.get_text()), a.get('href')) for a in self.soup.find_all('a')]

    def link(self, text):
        """The address of the link that says text, or None if the page has none."""
        return next((href for label, href in self.links if label == text), None)

    @property
    def nav_links(self):
        """The navigation bar's links, {text: address}."""
        nav = self.soup.find('nav')
        return {words(a.get_text()): a.get('href') for a in nav.find_all('a')} if nav else {}

    @property
    def images(self):
        return [image.get('src') for image in self.soup.find_all('img')]

    def field(self, name):
        field = self.soup.find(FIELDS, attrs={'name': name})
        assert field is not None, f'the page has no field named {name!r}'
        return field

    def value(self, name):
        """What the field holds: its text, its value, for a checkbox whether it is ticked,
        for a list the value of the option chosen (the first, as in a browser, if none is)."""
        field = self.field(name)
        if field.name == 'select':
            options = field.find_all('option')
            chosen = next((option for option in options if option.has_attr('selected')),
                          options[0] if options else None)
            return chosen.get('value', chosen.get_text()) if chosen is not None else None
        if field.name == 'textarea':
            # A browser drops the one line break that may follow <textarea>.
            text = field.get_text()
            return text.removeprefix('\r\n') if text.startswith('\r\n') \
                else text.removeprefix('\n')
        if field.get('type') == 'checkbox':
            return field.has_attr('checked')
        return field.get('value', '')

    @property
    def csrf_token(self):
        """The CSRF token of the page's forms, or None if it has none."""
        field = self.soup.find('input', attrs={'name': 'csrf_token'})
        return field.get('value') if field is not None else None

    def button(self, label):
        """The form a button that says label would send: (its address, its fields), the
        button's own name and value among them, as a browser sends them."""
        button = self.soup.find('input', attrs={'type': 'submit', 'value': label})
        assert button is not None, f'the page has no button {label!r}'
        form = button.find_parent('form')
        fields = {field['name']: field.get('value', '')
                  for field in form.find_all('input', attrs={'type': 'hidden'})}
        if button.get('name'):
            fields[button['name']] = label
        return form.get('action'), fields

    def errors(self, name):
        """The errors the page shows for a field: those after it and before the next field.
        The CSRF token's errors are the errors of the field named csrf_token."""
        found = []
        for error in self.soup.select('.error'):
            owner = error.find_previous(FIELDS)
            if owner is not None and owner.get('name') == name:
                found.append(words(error.get_text()).removeprefix('[').removesuffix(']'))
        return found

    @property
    def all_errors(self):
        return [words(error.get_text()).removeprefix('[').removesuffix(']')
                for error in self.soup.select('.error')]


# What a JSON body can carry and a browser's form field cannot: each one crashed a
# validator or a page of some chapter before its forms read form posts only.
ODD_JSON_VALUES = {'a-number': 5, 'true': True, 'null': None, 'an-object': {'a': 1},
                   'a-list': ['a', 'b'], 'a-lone-surrogate': '\ud800'}


def assert_refused_as_empty(response, first_field):
    """The form came back as if posted empty: no CSRF token, its first field required."""
    page = Page(response.text)
    assert response.status_code == 200
    assert page.errors('csrf_token') == ['The CSRF token is missing.']
    assert page.errors(first_field) == ['This field is required.']


def csrf_token(html):
    return Page(html, only='form').csrf_token


def post_form(client, path, follow_redirects=False, **fields):
    """Open the page at path, then submit its form with fields and its CSRF token."""
    return submit(client, path, client.get(path), fields, follow_redirects)


def press(client, path, label, follow_redirects=False):
    """Open the page at path and press its button that says label."""
    address, fields = Page(client.get(path).text, only='form').button(label)
    return client.post(address or path, data=fields, follow_redirects=follow_redirects)


def who_signs_in(login_page, username, email):
    """What the login form (its HTML, or a Page) asks a person to say who they are:
    {'email': email} where it has an e-mail field (from chapter 8 on), else
    {'username': username}."""
    if not isinstance(login_page, Page):
        login_page = Page(login_page, only='form')
    asks_for_email = login_page.soup.find(attrs={'name': 'email'}) is not None
    return {'email': email} if asks_for_email else {'username': username}


def sign_in(client, person, path='/login', follow_redirects=False, **fields):
    """Sign in through the login form at path ('/login?next=...' say), as the person
    would."""
    response = client.get(path)
    page = Page(response.text, only='form')     # read once, for the fields and the token
    who = who_signs_in(page, person.username, person.email)
    return submit(client, path, response, {**who, 'password': person.password, **fields},
                  follow_redirects, page=page)


def submit(client, path, response, fields, follow_redirects, page=None):
    """Post the form of the page in response (read from path) with its CSRF token;
    page: that page, if it has been read already."""
    token = (page or Page(response.text, only='form')).csrf_token
    assert token, f'no form with a csrf_token at {path} (status {response.status_code})'
    return client.post(path, data={'csrf_token': token, **fields},
                       follow_redirects=follow_redirects)


class BehindTheProxy(http.cookiejar.DefaultCookiePolicy):
    """Keeps a Secure cookie as one to send over plain HTTP too (see HttpClient)."""

    def set_ok(self, cookie, request):
        cookie.secure = False
        return super().set_ok(cookie, request)


class HttpClient:
    """A client for a real server that answers like Flask's test client.

    It talks plain HTTP to the server on this machine, as the proxy that ends HTTPS in
    front of a production site does, and sends back every cookie the server set, those
    marked Secure (sent over HTTPS only, from chapter 17) too, as that proxy passes on what
    the browser sent it over HTTPS."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.cookies.set_policy(BehindTheProxy())

    def get(self, path, follow_redirects=False):
        return self.session.get(self.base_url + path, allow_redirects=follow_redirects,
                                timeout=30)

    def post(self, path, data, follow_redirects=False):
        return self.session.post(self.base_url + path, data=data,
                                 allow_redirects=follow_redirects, timeout=30)
