def test_a_token_for_a_password_then_a_post_with_the_token(client, john):
    response = client.post('/api/v1/tokens/', auth=('john@example.com', 'cat'))
    assert response.status_code == 200
    headers = {'Authorization': f'Bearer {response.json["token"]}'}

    response = client.post('/api/v1/posts/', json={'body': 'Hello from the API'},
                           headers=headers)
    assert response.status_code == 201
    response = client.get(response.headers['Location'], headers=headers)
    assert response.json['body'] == 'Hello from the API'
    assert response.json['author_url'].endswith('/api/v1/users/1')


def test_the_api_answers_a_wrong_password_with_a_json_401(client, john):
    response = client.get('/api/v1/posts/', auth=('john@example.com', 'dog'))
    assert response.status_code == 401
    assert response.json['error'] == 'Unauthorized'
