"""Who holds a port on 127.0.0.1: nobody, our helper (it answers /v1/ping as us), or another program."""

import json
import socket
import urllib.request

from sendocki_helper import PRODUCT

FREE, OURS, OTHER = "free", "ours", "taken by another program"


def is_free(port: int) -> bool:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        sock.close()


def port_state(port: int) -> str:
    return FREE if is_free(port) else occupant(port)


def identity(base_url: str) -> dict | None:
    """What the Sendocki helper at this address says of itself (/v1/ping), or None when nothing
    answers there as our helper."""
    try:
        with urllib.request.urlopen(base_url.rstrip("/") + "/v1/ping", timeout=2) as answer:
            found = json.load(answer)
    except Exception:  # anything that does not answer as our helper is another program
        return None
    return found if isinstance(found, dict) and found.get("product") == PRODUCT else None


def occupant(port: int) -> str:
    return OURS if identity(f"http://127.0.0.1:{port}") is not None else OTHER
