"""A post's body is Markdown. The server turns it into HTML and cleans that with nh3 once,
when the body is set; the page shows the cleaned HTML. Nothing a writer types can put a
script, an event handler or a javascript: link on anyone's page."""
import pytest
import sqlalchemy as sa

from shared.pages import Page

ALLOWED_TAGS = {'a', 'abbr', 'acronym', 'b', 'blockquote', 'code', 'em', 'i', 'li', 'ol',
                'pre', 'strong', 'ul', 'h1', 'h2', 'h3', 'p'}
HOSTILE = {
    'script': 'Hi <script>alert(1)</script>',
    'event handler': '<b onmouseover="alert(1)">hover me</b>',
    'image with onerror': '<img src="x" onerror="alert(1)">',
    'markdown javascript link': '[click](javascript:alert(1))',
    'mixed-case javascript link': '[click](JaVaScRiPt:alert(1))',
    'entity-encoded javascript link': '[click](&#106;avascript:alert(1))',
    'html javascript link': '<a href="javascript:alert(1)">click</a>',
    'data link': '[click](data:text/html;base64,PHNjcmlwdD4=)',
    'iframe': '<iframe src="https://evil.example"></iframe>',
    'style': '<style>body { display: none }</style>',
    'svg': '<svg onload="alert(1)"></svg>',
    'form': '<form action="https://evil.example"><input name="password"></form>',
    'attribute break-out': '<a href="https://example.com" title="x" style="x">ok</a>',
}


def post_body(client, post_id):
    """The body of the post as its permalink page has it: a parsed element."""
    return Page(client.get(f'/post/{post_id}').text).soup.select_one('.post-body')


@pytest.mark.parametrize('markdown, tag, text', [
    ('**bold**', 'strong', 'bold'),
    ('*slanted*', 'em', 'slanted'),
    ('# A heading', 'h1', 'A heading'),
    ('* one\n* two', 'li', 'one'),
    ('1. first', 'ol', 'first'),
    ('`code`', 'code', 'code'),
    ('> quoted', 'blockquote', 'quoted'),
    ('[a link](https://example.com)', 'a', 'a link'),
])
def test_markdown_is_shown_formatted(susan, make_post, client, markdown, tag, text):
    body = post_body(client, make_post(susan, markdown))

    assert body.find(tag) is not None, f'no <{tag}> in {body}'
    assert body.find(tag).get_text(strip=True) == text


def test_links_lead_out_without_passing_on_the_page(susan, make_post, client):
    link = post_body(client, make_post(susan, '[a link](https://example.com)')).find('a')

    assert link['href'] == 'https://example.com'
    assert set(link['rel']) == {'nofollow', 'noopener', 'noreferrer'}


@pytest.mark.parametrize('address', ['ftp://example.com/file', 'tel:+351210000000',
                                     'file:///etc/passwd'])
def test_links_lead_only_to_web_pages_and_email_addresses(susan, make_post, client, address):
    link = post_body(client, make_post(susan, f'[here]({address})')).find('a')

    assert link is not None and not link.has_attr('href'), link


@pytest.mark.parametrize('body', HOSTILE.values(), ids=HOSTILE)
def test_hostile_markup_never_reaches_the_page(susan, make_post, client, body):
    post_id = make_post(susan, body)

    for page in (client.get(f'/post/{post_id}'), client.get('/index')):
        element = Page(page.text).soup.select_one('.post-body')
        tags = {tag.name for tag in element.find_all(True)}
        attributes = {name for tag in element.find_all(True) for name in tag.attrs}
        hrefs = [tag['href'] for tag in element.find_all(href=True)]
        assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
        assert attributes <= {'href', 'title', 'rel'}, attributes
        assert all(href.startswith(('https:', 'http:', 'mailto:')) for href in hrefs), hrefs


def test_text_that_is_not_markup_is_shown_as_typed(susan, make_post, client):
    body = post_body(client, make_post(susan, '1 < 2 & 3 > 2, said <nobody>'))

    assert body.get_text(strip=True) == '1 < 2 & 3 > 2, said'
    assert body.find('nobody') is None


def test_setting_the_body_renders_its_html(app, db, models, make_user):
    susan = make_user('susan')

    with app.app_context():
        post = models.Post(body='*one*', user_id=susan.id)
        assert post.body_html == '<p><em>one</em></p>'
        post.body = '**two**'
        assert post.body_html == '<p><strong>two</strong></p>'


def test_the_page_shows_the_saved_html_not_the_body(susan, make_post, client, app, db, models):
    # The page renders body_html as it is: made once, when the post was written.
    post_id = make_post(susan, 'plain')
    with app.app_context():
        db.session.execute(sa.update(models.Post).values(body_html='<p><em>kept</em></p>'))
        db.session.commit()

    assert post_body(client, post_id).find('em').get_text() == 'kept'
