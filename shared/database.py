"""Looking at a database from the outside: what it holds, and which queries ran."""
from contextlib import contextmanager

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
        inspector = sa.inspect(connection)
        contents = {}
        for table in inspector.get_table_names():
            if table == 'alembic_version':
                continue
            columns = [f'"{column["name"]}"' for column in inspector.get_columns(table)
                       if f'{table}.{column["name"]}' not in ignoring]
            query = f'SELECT {", ".join(columns)} FROM "{table}" ORDER BY 1'
            contents[table] = connection.execute(sa.text(query)).all()
        return contents


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
