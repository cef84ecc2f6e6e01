"""SQLite store: peewee models, migrations and the single-writer executor. Knows nothing of HTTP."""
