"""`flask benchmark` fills a new database with made-up users, posts, comments and follows,
serves it, and reports for each main page and API collection its queries and its time,
beside a route that does nothing. The queries of a page must not grow with the data."""
import importlib

import pytest

SMALL = {'users': 12, 'posts': 40, 'comments': 40, 'follows': 3}
LARGER = {'users': 30, 'posts': 150, 'comments': 150, 'follows': 8}

# What each page costs in queries, signed in, after this chapter's fixes.
QUERIES = {
    'baseline: a route that does nothing': 0,
    'home page, all posts': 3,
    'home page, followed posts': 3,
    'profile page': 8,
    'followers': 4,
    'post and its comments': 4,
    'API: posts': 3,
    "API: a user's posts": 4,
    "API: a user's timeline": 4,
    "API: a post's comments": 4,
    'API: comments': 3,
}


@pytest.fixture(scope='module')
def benchmark(snapshot):
    return importlib.import_module('app.benchmark')


@pytest.fixture(scope='module')
def queries_at(benchmark, tmp_path_factory):
    """queries_at(SMALL): {page: queries} from a benchmark run on data of that size."""
    def queries_at(size):
        database = tmp_path_factory.mktemp('benchmark') / 'benchmark.db'
        app = benchmark.benchmark_app(database, **size)
        try:
            return {result.name: result.queries for result in benchmark.measure(app, 2)}
        finally:
            with app.app_context():
                benchmark.db.engine.dispose()
    return queries_at


def test_each_page_makes_as_many_queries_at_two_sizes(queries_at):
    assert queries_at(SMALL) == queries_at(LARGER)


def test_each_page_makes_the_queries_the_notes_show(queries_at):
    assert queries_at(SMALL) == QUERIES


def test_the_command_prints_a_row_for_each_page_beside_the_baseline(app):
    result = app.test_cli_runner().invoke(args=[
        'benchmark', '--users', '12', '--posts', '40', '--comments', '40', '--follows', '3',
        '--requests', '3'])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith('12 users, 40 posts, 40 comments, 3 follows each: made in ')
    header = lines[2]
    assert header.split() == ['page', 'queries', 'median', 'ms', '95%', 'ms', 'x', 'baseline']
    rows = {line[:36].strip(): line[36:].split() for line in lines[3:]}
    assert list(rows) == list(QUERIES)
    assert rows['baseline: a route that does nothing'][3] == '1.0'
    for name, (queries, median, p95, ratio) in rows.items():
        assert int(queries) == QUERIES[name]
        assert 0 < float(median) <= float(p95)


@pytest.mark.parametrize('option', ['--users=1', '--posts=0', '--comments=0', '--follows=0',
                                    '--requests=1', '--requests=two'])
def test_the_command_refuses_a_size_it_cannot_measure(app, option):
    result = app.test_cli_runner().invoke(args=['benchmark', option])

    assert result.exit_code == 2
    assert "Invalid value for '--" in result.output
    assert 'Traceback' not in result.output
