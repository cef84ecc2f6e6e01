"""Who holds a port on 127.0.0.1: nobody, our helper (it answers /v1/ping as us), or another program."""

import json
import socket
import urllib.request

from sendocki_helper import PRODUCT

FREE, OURS, OTHER = "free", "ours", "taken by another program"


def port_state(port: int) -> str:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
        return FREE
    except OSError:
        pass
    finally:
        sock.close()
    return occupant(port)


def occupant(port: int) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/ping", timeout=2) as answer:
            if json.load(answer).get("product") == PRODUCT:
                return OURS
    except Exception:  # anything that does not answer as our helper is another program
        pass
    return OTHER
