"""What a person sees: writing a post in Markdown with its preview, and paging through a
long list of posts."""
from datetime import datetime, timedelta, timezone

import pytest

pytestmark = pytest.mark.e2e


def test_a_person_writes_a_markdown_post_watching_the_preview(visitor, make_user):
    make_user('susan')
    visitor.signs_in('susan')

    # Susan starts a post; under the box, the preview shows it as it will look.
    visitor.fills_in('body', 'Big *news*')
    visitor.sees('Big news', within='.preview')

    # She changes her mind and writes more; the preview follows.
    visitor.fills_in('body', 'Big **news**: [the microblog](https://example.com) is live!')
    visitor.sees('Big news: the microblog is live!', within='.preview')
    visitor.takes_screenshot('preview')
    visitor.presses('Submit')

    # Her post is on the home page, formatted, without its asterisks.
    visitor.sees('Your post is now live!')
    visitor.sees('Big news: the microblog is live!', within='.post-body')

    # Its permalink shows it on a page of its own.
    visitor.follows_link('Permalink')
    visitor.sees('Big news: the microblog is live!', within='.post-body')
    visitor.does_not_see('**')


def test_a_person_pages_through_a_long_list(visitor, app, make_user, make_post):
    app.config['POSTS_PER_PAGE'] = 5
    bob = make_user('bob')
    start = datetime(2024, 5, 17, tzinfo=timezone.utc)
    for n in range(1, 13):
        make_post(bob, f'Note number {n}.', timestamp=start + timedelta(hours=n))

    # Susan opens the home page: the newest five notes, and a bar of pages.
    make_user('susan')
    visitor.signs_in('susan')
    visitor.sees('Note number 12.')
    visitor.does_not_see('Note number 7.')

    # She goes to older posts, then straight to the last page.
    visitor.follows_link('Older »')
    visitor.sees('Note number 7.')
    visitor.takes_screenshot('pagination', of='.pagination')
    visitor.follows_link('3')
    visitor.sees('Note number 1.')
    visitor.does_not_see('Note number 3.')

    # And back to the newest.
    visitor.follows_link('1')
    visitor.sees('Note number 12.')
