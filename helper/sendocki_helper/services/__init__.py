"""Business rules. Nothing here imports aiohttp: services take and return plain values."""
