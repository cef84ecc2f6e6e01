"""The real `sendocki-helper` program: binding, pairing from the CLI, clean stops, logs."""

import json
import signal
import socket
import subprocess

import pytest

from tests.support import HELPER_BIN, http

pytestmark = pytest.mark.slow  # every test runs the program


def non_loopback_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(
                ("10.255.255.255", 1)
            )  # UDP connect sends nothing; picks the route's address
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_pair_command_code_is_accepted_by_the_running_helper(helper_process):
    proc = helper_process()
    proc.start()
    code = proc.pairing_code()
    assert code.isdigit() and len(code) >= 6
    status, body = http(
        "POST", proc.base_url + "/v1/pairings", {"code": code, "client_name": "Chrome"}
    )
    assert status == 201
    status, workspace = http(
        "GET", proc.base_url + "/v1/workspace", headers={"Authorization": f"Bearer {body['token']}"}
    )
    assert status == 200
    assert workspace["stages"][0]["name"] == "New" and len(workspace["stages"]) == 10
    listing = subprocess.run(
        [HELPER_BIN, "pairings", "--data-dir", str(proc.data_dir)], capture_output=True, text=True
    )
    assert "Chrome" in listing.stdout and "active" in listing.stdout
    pairing_id = listing.stdout.split()[0]
    revoked = subprocess.run(
        [HELPER_BIN, "pairings", "--data-dir", str(proc.data_dir), "--revoke", pairing_id],
        capture_output=True,
        text=True,
    )
    assert revoked.returncode == 0
    status, _ = http(
        "GET", proc.base_url + "/v1/status", headers={"Authorization": f"Bearer {body['token']}"}
    )
    assert status == 401


def test_serve_prints_a_code_when_unpaired_and_binds_loopback_only(helper_process):
    proc = helper_process()
    proc.start()
    output = proc.output.read_text()
    assert f"listening on http://127.0.0.1:{proc.port}" in output
    assert "Pairing code" in output
    address = non_loopback_address()
    if address is not None:  # a machine with only loopback has nothing else to reach
        with socket.socket() as sock:
            sock.settimeout(2)
            assert sock.connect_ex((address, proc.port)) != 0


def test_sigterm_and_ctrl_c_stop_cleanly(helper_process):
    for sig in (signal.SIGTERM, signal.SIGINT):
        proc = helper_process()
        proc.start()
        assert proc.stop(sig) == 0
        assert "sendocki-helper stopped" in proc.output.read_text()


def test_a_second_helper_on_the_same_data_folder_is_refused(helper_process):
    first = helper_process()
    first.start()
    second = subprocess.run(
        [HELPER_BIN, "serve", "--data-dir", str(first.data_dir), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert second.returncode != 0
    assert "already running" in second.stdout


def test_logs_hold_no_token_code_or_phone(helper_process):
    proc = helper_process()
    proc.start()
    code = proc.pairing_code()
    _, body = http("POST", proc.base_url + "/v1/pairings", {"code": code, "client_name": "Chrome"})
    token = body["token"]
    auth = {"Authorization": f"Bearer {token}"}
    http("GET", proc.base_url + "/v1/customers/resolve?phone=0661234567", headers=auth)
    http("GET", proc.base_url + "/v1/status", headers=auth)
    proc.stop()
    logs = proc.output.read_text() + "".join(
        p.read_text() for p in (proc.data_dir / "logs").glob("*.log")
    )
    assert token not in logs
    assert code not in logs
    assert "0661234567" not in logs


def test_doctor_reports_fts5_database_and_port(helper_process, tmp_path):
    proc = helper_process()
    proc.start()
    out = subprocess.run(
        [HELPER_BIN, "doctor", "--data-dir", str(proc.data_dir), "--port", str(proc.port)],
        capture_output=True,
        text=True,
    )
    assert "[ok] FTS5" in out.stdout
    assert "[ok] database" in out.stdout and "integrity ok" in out.stdout
    assert f"{proc.port} is ours" in out.stdout
    assert out.returncode == 0


def test_status_command_reads_the_store(tmp_path):
    out = subprocess.run(
        [HELPER_BIN, "status", "--data-dir", str(tmp_path)], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert json.loads(out.stdout)["mode"] == "standalone"
