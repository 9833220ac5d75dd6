"""What chapter 13's tests share: a post to comment on, comments on it, and what the
database holds of them."""
import pytest
import sqlalchemy as sa


@pytest.fixture
def bobs_post(make_user, make_post):
    """The id of a post by Bob, whom the tests' people comment on."""
    return make_post(make_user('bob'), "Bob's post")


@pytest.fixture
def make_comment(app, db, models):
    """make_comment(post_id, susan, 'Nice!', disabled=True): a comment, saved; its id."""
    def make(post_id, author, body='A comment', **columns):
        with app.app_context():
            comment = models.Comment(body=body, post_id=post_id, author_id=author.id,
                                     **columns)
            db.session.add(comment)
            db.session.commit()
            return comment.id
    return make


@pytest.fixture
def saved_comments(app, db, models):
    """saved_comments(): (author, body, disabled) of every comment, oldest first."""
    def saved_comments():
        with app.app_context():
            return [(comment.author.username, comment.body, comment.disabled)
                    for comment in db.session.scalars(
                        sa.select(models.Comment).order_by(models.Comment.id))]
    return saved_comments
