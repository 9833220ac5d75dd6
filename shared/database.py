"""Looking at a database from the outside: what it holds, and which queries ran."""
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa

# From chapter 6 on, every request of a signed-in person updates their last_seen.
# "Nothing was written" means: nothing but this.
SIGNED_IN_WRITES = ('user.last_seen',)


def database_contents(engine, ignoring=()):
    """Every row of every table, in a form two snapshots of it can be compared in.

    ignoring: columns left out, as 'table.column' (user.last_seen changes with
    every signed-in request, whatever else the request did or did not write).
    """
    with engine.connect() as connection:
        contents = {}
        for table in sa.inspect(connection).get_table_names():
            if table == 'alembic_version':
                continue
            # Every column, named by the result itself: asking the database for each
            # table's columns first would take longer than reading the rows.
            result = connection.execute(sa.text(f'SELECT * FROM "{table}" ORDER BY 1'))
            kept = [at for at, column in enumerate(result.keys())
                    if f'{table}.{column}' not in ignoring]
            contents[table] = [tuple(row[at] for at in kept) for row in result]
        return contents


def rows(engine, query):
    """The rows an SQL query finds, as tuples: rows(engine, 'SELECT id FROM user')."""
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text(query))]


@contextmanager
def recorded_queries(engine):
    statements = []

    def record(connection, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(engine, 'before_cursor_execute', record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, 'before_cursor_execute', record)


@dataclass
class Person:
    """Someone with an account, and the password they signed up with."""
    id: int
    username: str
    email: str
    password: str

    @property
    def credentials(self):
        """What the API takes for HTTP basic authentication (chapter 14 on)."""
        return (self.email, self.password)


def add_user(session, models, username, email=None, password='correct horse', **columns):
    """Save a user through the snapshot's own model, as registering would. From chapter 8
    on, a user has confirmed their address unless the test says confirmed=False. From
    chapter 9, role='Moderator' gives them that role instead of the default one."""
    if hasattr(models.User, 'confirmed'):
        columns.setdefault('confirmed', True)
    if 'role' in columns:
        columns['role'] = session.scalar(
            sa.select(models.Role).where(models.Role.name == columns['role']))
    user = models.User(username=username, email=email or f'{username}@example.com', **columns)
    if hasattr(user, 'set_password'):
        user.set_password(password)
    session.add(user)
    session.flush()         # the id now: after the commit, reading it would query again
    person = Person(user.id, user.username, user.email, password)
    session.commit()
    return person
