"""Checking the Sendocki API address a seller types, and explaining a failed connection in their
words: a missing https://, a trailing /v1, this computer's own helper instead of the API."""

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from sendocki_helper.cli_workspace import CommandError
from sendocki_helper.port_check import identity
from sendocki_helper.sync.client import ApiError, AuthRefused, Unreachable

EXAMPLE = "https://api.sendocki.com"


def check_api_url(typed: str) -> str:
    """The base address to use (no trailing slash); refuses what cannot be an API address."""
    text = typed.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        hint = f" (did you mean https://{text}?)" if text and "://" not in text else ""
        raise CommandError(
            f'"{typed}" is not a full web address{hint}. Write it as it appears in your '
            f"Sendocki account, starting with https://, for example {EXAMPLE}"
        )
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):
        base = urlunsplit((parts.scheme, parts.netloc, path[: -len("/v1")], "", ""))
        raise CommandError(
            f"leave /v1 out of the address: the helper adds it. Use --api-url {base}"
        )
    if _is_this_helper(text):
        raise CommandError(
            f"{text} is the Sendocki helper on this computer, not the Sendocki API. Use the "
            f"API address from your Sendocki account, for example {EXAMPLE}"
        )
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _is_this_helper(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    return local and identity(url) is not None


def describe_failure(api_url: str, error: ApiError) -> str:
    if isinstance(error, AuthRefused):
        return (
            "Sendocki refused this API key: copy it again from your Sendocki account and "
            "check that it belongs to this address"
        )
    if isinstance(error, Unreachable):
        return error.message
    if error.status == 404:
        return (
            f"{api_url} does not answer like the Sendocki API (nothing found there): "
            f"check the address, for example {EXAMPLE}"
        )
    return f"the Sendocki API answered with an error ({error.status}): {error.message}"
