"""How many queries the site's main pages make, and how long they take, with a database
full of made-up people. The queries must not grow with the data; the times are read beside
a route that does nothing, served by the same server:

    flask benchmark                      (1,000 users, 10,000 posts and comments)
    flask benchmark --users 100 --posts 500 --comments 500 --requests 20
"""
import base64
import json
import random
import re
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from http.cookiejar import CookieJar

import click
import sqlalchemy as sa
from faker import Faker
from flask_sqlalchemy.record_queries import get_recorded_queries
from werkzeug.security import generate_password_hash
from werkzeug.serving import WSGIRequestHandler, make_server

from app import create_app, db
from app.models import Comment, Follow, Post, Role, User

PASSWORD = 'password'


def fill(users, posts, comments, follows, seed=1):
    """Add made-up users, posts, comments and follows to the current app's database:
    each user follows `follows` others (and, as everyone does, themself)."""
    fake = Faker()
    fake.seed_instance(seed)
    pick = random.Random(seed)
    now = datetime.now(timezone.utc)
    password_hash = generate_password_hash(PASSWORD)    # one slow hash for them all
    for n in range(users):
        db.session.add(User(username=f'user{n}', email=f'user{n}@example.com',
                            password_hash=password_hash, confirmed=True, name=fake.name(),
                            location=fake.city(), about_me=fake.sentence()))
    db.session.flush()
    ids = db.session.scalars(sa.select(User.id).order_by(User.id)).all()
    for follower in ids:
        others = [other for other in pick.sample(ids, min(follows + 1, len(ids)))
                  if other != follower]
        for followed in others[:follows]:
            db.session.add(Follow(follower_id=follower, followed_id=followed))
    written = []
    for _ in range(posts):
        post = Post(body=fake.text(max_nb_chars=140), user_id=pick.choice(ids),
                    timestamp=now - timedelta(seconds=pick.randrange(365 * 86400)))
        db.session.add(post)
        written.append(post)
    for _ in range(comments):
        post = pick.choice(written)
        db.session.add(Comment(body=fake.sentence(), post=post, author_id=pick.choice(ids),
                               timestamp=post.timestamp + timedelta(minutes=1)))
    db.session.commit()


def busiest(column, grouped_by):
    """The value of grouped_by that has the most rows (the user with the most posts...)."""
    return db.session.scalar(sa.select(grouped_by).group_by(grouped_by)
                             .order_by(sa.func.count(column).desc()).limit(1))


def pages_to_measure():
    """(name, address, whether it needs the API token): the site's main pages and the
    API's collections, each for the user or the post with the most rows behind it."""
    author = db.session.get(User, busiest(Post.id, Post.user_id))
    followed = db.session.get(User, busiest(Follow.follower_id, Follow.followed_id))
    post = busiest(Comment.id, Comment.post_id)
    return [
        ('home page, all posts', '/all', False),
        ('home page, followed posts', '/followed', False),
        ('profile page', f'/user/{author.username}', False),
        ('followers', f'/followers/{followed.username}', False),
        ('post and its comments', f'/post/{post}', False),
        ('API: posts', '/api/v1/posts/', True),
        ("API: a user's posts", f'/api/v1/users/{author.id}/posts/', True),
        ("API: a user's timeline", f'/api/v1/users/{author.id}/timeline/', True),
        ("API: a post's comments", f'/api/v1/posts/{post}/comments/', True),
        ('API: comments', '/api/v1/comments/', True),
    ]


class QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, *args):
        pass            # a line for each of hundreds of requests would bury the table


@dataclass
class Result:
    name: str
    address: str
    queries: int
    median: float       # seconds
    p95: float


class Visitor:
    """A signed-in person's browser, as far as the benchmark needs one: cookies, and a
    token for the API."""

    def __init__(self, site, email):
        self.site = site
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        login = self.get('/login')[0]
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
        self.post('/login', urllib.parse.urlencode(
            {'email': email, 'password': PASSWORD, 'csrf_token': token}).encode())
        basic = base64.b64encode(f'{email}:{PASSWORD}'.encode()).decode()
        answer = self.post('/api/v1/tokens/', b'', Authorization=f'Basic {basic}')[0]
        self.bearer = {'Authorization': f'Bearer {json.loads(answer)["token"]}'}

    def get(self, address, signed_in=True, **headers):
        """The page's text, and how many queries the app made for it."""
        request = urllib.request.Request(self.site + address, headers=headers)
        open = self.opener.open if signed_in else urllib.request.urlopen
        with open(request) as response:
            return response.read().decode(), int(response.headers['X-Queries'])

    def post(self, address, data, **headers):
        request = urllib.request.Request(self.site + address, data=data, headers=headers)
        with self.opener.open(request) as response:
            return response.read().decode(), int(response.headers['X-Queries'])

    def time(self, name, address, requests, signed_in=True, **headers):
        """Request the page `requests` times; /all and /followed choose the home page's
        tab (a cookie) and send the browser on to the home page, which is what is timed."""
        if address in ('/all', '/followed'):
            self.get(address)
            address = '/'
        self.get(address, signed_in, **headers)   # once first: templates get compiled
        seconds = []
        for _ in range(requests):
            start = time.perf_counter()
            _, queries = self.get(address, signed_in, **headers)
            seconds.append(time.perf_counter() - start)
        p95 = statistics.quantiles(seconds, n=20, method='inclusive')[18]
        return Result(name, address, queries, statistics.median(seconds), p95)


def measure(app, requests):
    """Serve app on a free port of this machine and time each page, signed in as the first
    user. Returns a Result for each page, the baseline's first."""
    @app.route('/benchmark/baseline')
    def baseline():
        return 'Nothing to do.'

    @app.after_request
    def count_queries(response):
        response.headers['X-Queries'] = str(len(get_recorded_queries()))
        return response

    with app.app_context():
        pages = pages_to_measure()
        reader = db.session.scalar(sa.select(User.email).order_by(User.id).limit(1))
    server = make_server('127.0.0.1', 0, app, threaded=True,
                         request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05})
    thread.start()
    try:
        visitor = Visitor(f'http://127.0.0.1:{server.server_port}', reader)
        # The baseline: what the server and Flask cost for a stranger's request that
        # asks nothing of the database.
        results = [visitor.time('baseline: a route that does nothing',
                                '/benchmark/baseline', requests, signed_in=False)]
        for name, address, needs_token in pages:
            headers = visitor.bearer if needs_token else {}
            results.append(visitor.time(name, address, requests, **headers))
    finally:
        server.shutdown()
        thread.join()
    return results


def benchmark_app(database, users, posts, comments, follows, seed=1):
    """A new app with its own database file, filled with made-up data. It is built as the
    tests build theirs (no log files, no error e-mail), with debug mode off."""
    app = create_app('testing', {'SQLALCHEMY_DATABASE_URI': f'sqlite:///{database}',
                                 'DEBUG': False, 'SQLALCHEMY_RECORD_QUERIES': True})
    with app.app_context():
        db.create_all()
        Role.insert_roles()
        fill(users, posts, comments, follows, seed)
    return app


@click.command('benchmark')
@click.option('--users', default=1000, show_default=True, type=click.IntRange(min=2))
@click.option('--posts', default=10000, show_default=True, type=click.IntRange(min=1))
@click.option('--comments', default=10000, show_default=True, type=click.IntRange(min=1))
@click.option('--follows', default=20, show_default=True, type=click.IntRange(min=1),
              help='How many others each follows.')
@click.option('--requests', default=50, show_default=True, type=click.IntRange(min=2),
              help='Requests for each page (two at least, for a median and a 95th '
                   'percentile).')
@click.option('--seed', default=1, show_default=True, help='The same seed, the same data.')
def benchmark_command(users, posts, comments, follows, requests, seed):
    """Time the main pages on a new database full of made-up data."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        app = benchmark_app(f'{folder}/benchmark.db', users, posts, comments, follows, seed)
        click.echo(f'{users} users, {posts} posts, {comments} comments, {follows} follows '
                   f'each: made in {time.perf_counter() - start:.1f} s. '
                   f'{requests} requests a page.\n')
        results = measure(app, requests)
        with app.app_context():
            db.engine.dispose()         # the file is closed before its folder goes
    baseline = results[0].median
    click.echo(f'{"page":<36}{"queries":>8}{"median ms":>11}{"95% ms":>9}{"x baseline":>12}')
    for result in results:
        click.echo(f'{result.name:<36}{result.queries:>8}{result.median * 1000:>11.1f}'
                   f'{result.p95 * 1000:>9.1f}{result.median / baseline:>12.1f}')
