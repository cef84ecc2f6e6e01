"""A program that takes the port the extension dials and relays to the real helper gets no token.

Real processes: the `sendocki-helper` program, a relay process (relay.py) that rewrites Host so
the helper's allowlist lets it through, and the extension worker's helper link under Node with
its real fetch and WebCrypto.
"""

import json
import subprocess
import sys
from pathlib import Path

from tests.support import REPO, free_port, http, wait_for_ping

HERE = Path(__file__).resolve().parent


def pair(proc) -> dict:
    status, body = http(
        "POST",
        proc.base_url + "/v1/pairings",
        {"code": proc.pairing_code(), "client_name": "Chrome"},
    )
    assert status == 201, body
    return body


def worker_call(port: int, paired: dict, path: str = "/v1/workspace") -> dict:
    out = subprocess.run(
        [
            "node",
            str(HERE / "worker_call.js"),
            str(port),
            paired["token"],
            paired["pairing_id"],
            paired["helper_id"],
            path,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_relay(listen_port: int, helper_port: int, seen: Path) -> subprocess.Popen:
    relay = subprocess.Popen(
        [sys.executable, str(HERE / "relay.py"), str(listen_port), str(helper_port), str(seen)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    wait_for_ping(f"http://127.0.0.1:{listen_port}", 15, relay)
    return relay


def test_the_worker_refuses_a_relay_on_its_port_and_sends_it_no_token(helper_process, tmp_path):
    proc = helper_process()
    proc.start()
    paired = pair(proc)
    # The same worker code, dialling the helper itself, is answered: the proof checks out.
    assert worker_call(proc.port, paired) == {"outcome": "answered", "status": 200}

    relay_port, seen = free_port(), tmp_path / "relay-seen.txt"
    relay = start_relay(relay_port, proc.port, seen)
    try:
        outcome = worker_call(relay_port, paired)
    finally:
        relay.terminate()
        relay.wait(10)
    assert outcome["outcome"] == "wrong-helper", outcome
    relayed = seen.read_bytes().decode("latin-1")
    assert "GET /v1/ping?pairing=" in relayed, "the relay did carry the identity check"
    assert paired["token"] not in relayed
    assert "authorization" not in relayed.lower()


def test_the_database_alone_cannot_produce_the_proof(helper_process):
    proc = helper_process()
    proc.start()
    paired = pair(proc)
    database = b"".join(p.read_bytes() for p in proc.data_dir.glob("helper.sqlite3*"))
    key_file = proc.data_dir / "pairing-keys" / f"{paired['pairing_id']}.key"
    key = key_file.read_text().strip()
    assert key.encode() not in database and paired["token"].encode() not in database
    # Without the key file (e.g. a copied database), the helper has no proof to give.
    key_file.unlink()
    assert worker_call(proc.port, paired)["outcome"] == "unpaired"
