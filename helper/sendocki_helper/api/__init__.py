"""HTTP API v1: thin aiohttp handlers that parse with pydantic, call a service, answer."""
