"""The course's test fixtures and harness, loaded by the root conftest.py."""
