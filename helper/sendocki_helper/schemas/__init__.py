"""Pydantic models of the HTTP API v1: the extension's contract (field names are part of it)."""
