"""The Follow model: one row per person followed, with the moment it began; everyone
follows themself; rows go when a user goes; lists of follows load their users in the same
query; followed_posts is one join query."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa


@pytest.fixture
def session(app, db):
    with app.app_context():
        yield db.session


@pytest.fixture
def user(session, models):
    """user('bob'): a new user, saved, as registering makes one."""
    def user(username):
        person = models.User(username=username, email=f'{username}@example.com')
        session.add(person)
        session.commit()
        return person
    return user


def follow_rows(session, models):
    follow = models.Follow
    return sorted(session.execute(sa.select(follow.follower_id, follow.followed_id)).all())


def test_a_new_user_follows_themself(session, models, user):
    susan = user('susan')

    assert follow_rows(session, models) == [(susan.id, susan.id)]
    assert susan.is_following(susan) and susan.is_followed_by(susan)


def test_follow_saves_one_row_with_the_moment_it_began(session, models, user):
    susan, bob = user('susan'), user('bob')
    before = datetime.now(timezone.utc)

    susan.follow(bob)
    session.commit()

    row = session.get(models.Follow, (susan.id, bob.id))
    assert row.follower == susan and row.followed == bob
    assert before - timedelta(seconds=1) <= row.timestamp <= datetime.now(timezone.utc)
    assert row.timestamp.tzinfo == timezone.utc


def test_a_follow_shows_who_follows_whom_when_printed(models):
    assert repr(models.Follow(follower_id=1, followed_id=2)) == '<Follow 1 -> 2>'


def test_following_twice_keeps_one_row(session, models, user):
    susan, bob = user('susan'), user('bob')

    susan.follow(bob)
    session.commit()
    susan.follow(bob)
    session.commit()

    assert follow_rows(session, models) == sorted(
        [(susan.id, susan.id), (bob.id, bob.id), (susan.id, bob.id)])


def test_is_following_and_is_followed_by_read_the_two_directions(session, user):
    susan, bob = user('susan'), user('bob')

    susan.follow(bob)
    session.commit()

    assert susan.is_following(bob) and bob.is_followed_by(susan)
    assert not bob.is_following(susan) and not susan.is_followed_by(bob)


def test_unfollow_deletes_the_row(session, models, user):
    susan, bob = user('susan'), user('bob')
    susan.follow(bob)
    session.commit()

    susan.unfollow(bob)
    session.commit()

    assert not susan.is_following(bob)
    assert follow_rows(session, models) == sorted([(susan.id, susan.id), (bob.id, bob.id)])


def test_unfollowing_a_stranger_changes_nothing(session, models, user):
    susan, bob = user('susan'), user('bob')

    susan.unfollow(bob)
    session.commit()

    assert follow_rows(session, models) == sorted([(susan.id, susan.id), (bob.id, bob.id)])


def test_nobody_follows_a_user_not_saved_yet(session, models, user):
    susan = user('susan')
    newcomer = models.User(username='newcomer', email='newcomer@example.com')

    assert not susan.is_following(newcomer)
    assert not susan.is_followed_by(newcomer)


def test_counts_leave_out_the_user_themself(session, user):
    susan, bob, carol = user('susan'), user('bob'), user('carol')
    bob.follow(susan)
    carol.follow(susan)
    susan.follow(bob)
    session.commit()

    assert (susan.followers_count(), susan.following_count()) == (2, 1)
    assert (carol.followers_count(), carol.following_count()) == (0, 1)


def test_deleting_a_user_deletes_their_follows_both_ways(session, models, user):
    susan, bob, carol = user('susan'), user('bob'), user('carol')
    bob.follow(susan)
    susan.follow(carol)
    bob.follow(carol)
    session.commit()

    session.delete(susan)
    session.commit()

    assert follow_rows(session, models) == sorted(
        [(bob.id, bob.id), (carol.id, carol.id), (bob.id, carol.id)])


def test_a_hundred_followed_users_come_in_one_query(session, models, user, record_queries):
    susan = user('susan')
    session.add_all(models.User(username=f'user{n}', email=f'user{n}@example.com')
                    for n in range(100))
    session.commit()
    for other in session.scalars(sa.select(models.User).where(models.User.id != susan.id)):
        susan.follow(other)
    session.commit()
    session.expire_all()         # nobody loaded yet...
    session.refresh(susan)       # ...but susan

    with record_queries() as sent:
        names = [follow.followed.username
                 for follow in session.scalars(susan.followed.select())]

    assert len(names) == 101
    assert len(sent) == 1, sent


def test_followed_posts_is_one_query_for_own_and_followed_authors_posts(
        session, models, user, record_queries):
    susan, bob, carol = user('susan'), user('bob'), user('carol')
    susan.follow(bob)
    session.add_all([models.Post(body=f'by {person.username}', user_id=person.id)
                     for person in (susan, bob, carol)])
    session.commit()

    query = susan.followed_posts
    with record_queries() as sent:
        bodies = sorted(post.body for post in session.scalars(query))

    assert isinstance(query, sa.Select)
    assert bodies == ['by bob', 'by susan']
    assert len(sent) == 1, sent


def test_both_query_shapes_find_the_same_posts(session, models, user):
    """Starting from the follows and joining the posts, or starting from the posts and
    joining the follows: the same join, so the same posts."""
    Follow, Post = models.Follow, models.Post
    susan, bob, carol = user('susan'), user('bob'), user('carol')
    susan.follow(bob)
    carol.follow(susan)
    session.add_all([models.Post(body=f'by {person.username}', user_id=person.id)
                     for person in (susan, bob, carol, bob)])
    session.commit()

    from_follows = sa.select(Post).select_from(Follow).where(
        Follow.follower_id == susan.id).join(Post, Follow.followed_id == Post.user_id)

    assert sorted(p.id for p in session.scalars(from_follows)) == \
        sorted(p.id for p in session.scalars(susan.followed_posts))
