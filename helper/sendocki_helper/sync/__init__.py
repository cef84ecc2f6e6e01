"""Connected mode: pull the workspace from the Sendocki sync API, push orders through the outbox.

Only `wire.py` knows the API's paths, headers and field names (docs/sendocki-api.md).
"""
