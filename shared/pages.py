"""Reading pages and posting forms the way a browser does: with the form's CSRF token."""
import re

import requests

CSRF_FIELD = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html):
    match = CSRF_FIELD.search(html)
    return match.group(1) if match else None


def post_form(client, path, follow_redirects=False, **fields):
    """Open the page at path, then submit its form with fields and its CSRF token."""
    page = client.get(path)
    token = csrf_token(page.text)
    assert token, f'no form with a csrf_token at {path} (status {page.status_code})'
    return client.post(path, data={'csrf_token': token, **fields},
                       follow_redirects=follow_redirects)


class HttpClient:
    """A client for a real server that answers like Flask's test client."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path, follow_redirects=False):
        return self.session.get(self.base_url + path, allow_redirects=follow_redirects,
                                timeout=30)

    def post(self, path, data, follow_redirects=False):
        return self.session.post(self.base_url + path, data=data,
                                 allow_redirects=follow_redirects, timeout=30)
