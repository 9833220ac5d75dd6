"""The tables the models describe, and the migrations that build them."""
import pytest
import sqlalchemy as sa

COLUMNS = {
    'user': {'id': ('INTEGER', False), 'username': ('VARCHAR(64)', False),
             'email': ('VARCHAR(120)', False), 'password_hash': ('VARCHAR(256)', True)},
    'post': {'id': ('INTEGER', False), 'body': ('VARCHAR(140)', False),
             'timestamp': ('DATETIME', False), 'user_id': ('INTEGER', False)},
}

INDEXES = {
    'user': {'ix_user_username': (['username'], True), 'ix_user_email': (['email'], True)},
    'post': {'ix_post_timestamp': (['timestamp'], False), 'ix_post_user_id': (['user_id'], False)},
}


def schema(engine):
    """Each table's columns, keys and indexes, as the database reports them."""
    inspector = sa.inspect(engine)
    return {
        table: {
            'columns': {column['name']: (str(column['type']), column['nullable'])
                        for column in inspector.get_columns(table)},
            'primary key': inspector.get_pk_constraint(table)['constrained_columns'],
            'indexes': {index['name']: (index['column_names'], bool(index['unique']))
                        for index in inspector.get_indexes(table)},
            'unique constraints': sorted(constraint['column_names'] for constraint
                                         in inspector.get_unique_constraints(table)),
            'foreign keys': sorted((key['constrained_columns'], key['referred_table'],
                                    key['referred_columns'])
                                   for key in inspector.get_foreign_keys(table)),
        }
        for table in inspector.get_table_names() if table != 'alembic_version'
    }


@pytest.fixture
def models_schema(app, db):
    """The schema db.create_all() makes from the models."""
    with app.app_context():
        return schema(db.engine)


@pytest.mark.sqlite_only(reason="reads column types as SQLite names them (DATETIME); "
                                "tests/ch17/test_postgresql.py compares the migrations with the "
                                "models on PostgreSQL")
@pytest.mark.parametrize('table', ['user', 'post'])
def test_models_make_table_with_columns(models_schema, table):
    columns = models_schema[table]['columns']

    assert {name: columns.get(name) for name in COLUMNS[table]} == COLUMNS[table]
    assert models_schema[table]['primary key'] == ['id']


@pytest.mark.parametrize('table', ['user', 'post'])
def test_models_index_table(models_schema, table):
    indexes = models_schema[table]['indexes']

    assert {name: indexes.get(name) for name in INDEXES[table]} == INDEXES[table]


def test_post_user_id_refers_to_a_user(models_schema):
    assert models_schema['post']['foreign keys'] == [(['user_id'], 'user', ['id'])]


@pytest.mark.sqlite_only(reason="compares a migrated SQLite file with the tests' database; "
                                "tests/ch17/test_postgresql.py does the same on PostgreSQL")
def test_flask_db_upgrade_builds_exactly_the_models_schema(migrated_database, models_schema):
    engine = sa.create_engine(f'sqlite:///{migrated_database}')
    try:
        migrated = schema(engine)
    finally:
        engine.dispose()

    assert migrated == models_schema
