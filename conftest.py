# The course's fixtures and harness live in one place: the shared/ package.
pytest_plugins = [
    'shared.harness',
    'shared.fixtures',
    'shared.browser',
    'shared.mail',
    'shared.production',
    'shared.postgres',
]
