"""The Comment model: Markdown made safe as for posts, kept with its author and post;
a post counts its comments in the query that reads it."""
import pytest
import sqlalchemy as sa


@pytest.fixture
def session(app, db):
    with app.app_context():
        yield db.session


def test_a_comment_is_markdown_cleaned_like_a_post(session, models, susan, bobs_post):
    comment = models.Comment(body='*Nice* <script>alert(1)</script>[x](javascript:alert(1))',
                             post_id=bobs_post, author_id=susan.id)
    session.add(comment)
    session.commit()

    assert comment.body_html == '<p><em>Nice</em> <a rel="nofollow noopener noreferrer">x</a></p>'


def test_a_new_comment_is_enabled_and_knows_its_author_and_post(session, models, susan,
                                                                  bobs_post, make_comment):
    comment = session.get(models.Comment, make_comment(bobs_post, susan))

    assert comment.disabled is False
    assert comment.author.username == 'susan'
    assert comment.post.body == "Bob's post"


def test_a_comment_shows_its_body_when_printed(models):
    assert repr(models.Comment(body='Nice post!')) == '<Comment Nice post!>'


def test_a_post_counts_its_comments_in_the_query_that_reads_it(
        session, models, susan, bobs_post, make_comment, record_queries):
    for _ in range(3):
        make_comment(bobs_post, susan)

    with record_queries() as sent:
        post = session.scalar(sa.select(models.Post).where(models.Post.id == bobs_post))
        count = post.comment_count

    assert count == 3
    assert len(sent) == 1, sent
