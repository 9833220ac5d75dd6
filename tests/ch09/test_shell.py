"""`flask shell` knows Role and Permission: an existing account is made administrator
there, as notes/ch09.md shows."""

MAKE_SUSAN_ADMINISTRATOR = '''
db.session.add(User(username='susan', email='susan@example.com'))
db.session.commit()
u = db.session.scalar(sa.select(User).where(User.username == 'susan'))
u.role = db.session.scalar(sa.select(Role).where(Role.name == 'Administrator'))
db.session.commit()
print('administrator:', u.is_administrator(), u.can(Permission.MODERATE))
'''


def test_an_account_is_made_administrator_in_flask_shell(run_flask):
    result = run_flask(['shell'], input=MAKE_SUSAN_ADMINISTRATOR)

    errors = [line for line in result.stderr.splitlines() if 'Error: ' in line]
    assert result.returncode == 0, result.stderr
    assert 'administrator: True True' in result.stdout, errors or result.stdout
