"""Signed-in pages cost two queries fewer than before the chapter: last_seen, already up to
date, is not written (no UPDATE), so nothing expires the signed-in user, who is not read a
second time. The same few queries whatever the number of posts."""


def verbs(statements):
    return [statement.split()[0] for statement in statements]


def test_the_home_page_reads_susan_a_page_of_posts_and_their_number(app, add_people,
                                                                     queries_of):
    app.config['POSTS_PER_PAGE'] = 50
    add_people(2)
    few = queries_of('/index')
    add_people(18)
    many = queries_of('/index')

    assert verbs(few) == ['SELECT', 'SELECT', 'SELECT'], few
    assert verbs(many) == verbs(few)


def test_the_followed_tab_reads_the_followed_posts_in_one_query(add_people, client,
                                                                 queries_of):
    add_people(3)
    client.get('/followed')

    sent = queries_of('/index')

    # Susan; a page of posts joined to her follows; their number.
    assert verbs(sent) == ['SELECT', 'SELECT', 'SELECT'], sent
    assert 'JOIN follow' in sent[1] and 'JOIN follow' in sent[2]


def test_a_profile_reads_its_owner_posts_and_follow_counts(add_people, queries_of):
    add_people(3)

    sent = queries_of('/user/susan')

    # Susan; the profile's owner by name; a page of posts; their number; how many follow
    # her and how many she follows.
    assert verbs(sent) == ['SELECT'] * 6, sent
    assert sum('count(*)' in statement and 'FROM follow' in statement
               for statement in sent) == 2


def test_the_admin_page_reads_the_administrator_and_the_roles(make_user, log_in, queries_of):
    log_in(make_user('boss', role='Administrator'))
    for name in ('bob', 'carol', 'dave'):
        make_user(name)

    sent = queries_of('/admin')

    assert verbs(sent) == ['SELECT', 'SELECT'], sent
