"""A local server implementing the project's Sendocki sync API contract (docs/sendocki-api.md).

For development and tests only: its own SQLite, a seeded workspace, and fault injection.
"""
