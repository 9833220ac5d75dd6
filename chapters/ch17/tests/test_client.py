import re


def test_strangers_are_sent_to_sign_in(client):
    response = client.get('/')
    assert response.status_code == 302
    assert response.headers['Location'] == '/login?next=%2F'


def test_register_confirm_and_sign_out(client, csrf_token, inbox):
    # Register. The keys of data are the names of the form's fields.
    response = client.post('/register', data={
        'username': 'john',
        'email': 'john@example.com',
        'password': 'cat',
        'password2': 'cat',
        'csrf_token': csrf_token('/register'),
    })
    assert response.status_code == 302         # accepted: a redirect to the login page
    assert response.headers['Location'] == '/login'

    # Sign in, following the redirects as a browser would: the page at the end is the one
    # for accounts not yet confirmed.
    response = client.post('/login', data={
        'email': 'john@example.com',
        'password': 'cat',
        'csrf_token': csrf_token('/login'),
    }, follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'Hello, john!' in page
    # The template breaks this text across two lines: a pattern finds it, whatever
    # whitespace the template puts between the words.
    assert re.search(r'confirm your account\.\s+Check your inbox', page)

    # The link in the e-mail confirms the account.
    message = inbox.next_message()
    link = re.search(r'http://localhost(/confirm/\S+)', message).group(1)
    response = client.get(link, follow_redirects=True)
    assert 'You have confirmed your account' in response.get_data(as_text=True)

    assert client.get('/').status_code == 200
    client.get('/logout')
    assert client.get('/').status_code == 302


def test_a_wrong_password_signs_nobody_in(client, csrf_token, john):
    response = client.post('/login', data={
        'email': 'john@example.com',
        'password': 'dog',
        'csrf_token': csrf_token('/login'),
    }, follow_redirects=True)
    assert 'Invalid email or password' in response.get_data(as_text=True)
    assert client.get('/').status_code == 302


def test_a_form_without_its_csrf_token_is_refused(client, john):
    response = client.post('/login', data={'email': 'john@example.com', 'password': 'cat'})
    assert response.status_code == 200        # the form again, with its error
    assert client.get('/').status_code == 302


def test_a_page_past_the_end_of_any_table_is_not_found(signed_in):
    assert signed_in.get('/?page=2').status_code == 404
    assert signed_in.get(f'/?page={10**20}').status_code == 404
