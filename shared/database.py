"""Looking at a database from the outside: what it holds, and which queries ran."""
from contextlib import contextmanager

import sqlalchemy as sa


def database_contents(engine):
    """Every row of every table, in a form two snapshots of it can be compared in."""
    with engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
        return {table: connection.execute(sa.text(f'SELECT * FROM "{table}" ORDER BY 1')).all()
                for table in tables if table != 'alembic_version'}


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
