"""The one-folder program as a seller runs it: serve, pair, order, stop, restart, data kept."""

import os
import uuid

from sendocki_helper import PRODUCT
from sendocki_helper.cli import build_parser
from tests.packaging.conftest import FIGURES
from tests.packaging.frozen import REPO, FrozenHelper, size_on_disk
from tests.support import free_port

ORDER = {
    "customer": {
        "id": None,
        "name": "Fatima Zahra",
        "phone": "06 61 23 45 67",
        "email": None,
        "address_id": None,
        "address": {"line": "12 Rue Atlas, Maarif", "city": "Casablanca"},
    },
    "lines": [
        {"kind": "catalog", "sku": "SAC-DOS", "quantity": 1},
        {"kind": "free", "name": "Emballage cadeau", "unit_price": "15.00", "quantity": 1},
    ],
    "payment_method": "cash_on_delivery",
    "payment_status": "pending",
    "note": "Livrer après 18h",
    "conversation": {"chat_key": "212661234567@c.us", "display_name": "Fatima Zahra"},
}


def pair(helper: FrozenHelper, bundle) -> str:
    """The seller's way: the program's own `pair` command prints a code, the extension sends it."""
    printed = bundle.run("pair", "--data-dir", str(helper.data_dir))
    assert printed.returncode == 0, printed.stderr
    code = printed.stdout.strip().splitlines()[-1]
    assert code.isdigit(), printed.stdout
    status, body = helper.call("POST", "/v1/pairings", {"code": code, "client_name": "Chrome"})
    assert status == 201, body
    return body["token"]


def create_order(helper: FrozenHelper, token: str) -> dict:
    status, body = helper.call(
        "POST", "/v1/orders", ORDER, token, {"Idempotency-Key": str(uuid.uuid4())}
    )
    assert status == 201, body
    assert body["number"] and body["total"] == "164.00", body
    return body


def test_serve_pair_order_stop_restart_keeps_the_data(bundle, tmp_path):
    FIGURES["size on disk"] = (
        f"{size_on_disk(bundle.folder) / 2**20:.1f} MiB ({bundle.folder.name}/)"
    )
    FIGURES["extension zip"] = f"{bundle.extension_zip.stat().st_size / 1024:.1f} KiB"
    files_before = bundle.listing()
    data_dir = tmp_path / "seller-data"
    first = FrozenHelper(bundle, data_dir, free_port(), demo=True)
    try:
        seconds = first.start()
        FIGURES["start to first answer"] = f"{seconds:.2f} s (serve --demo on an empty data folder)"
        status, ping = first.call("GET", "/v1/ping")
        assert status == 200 and ping["product"] == PRODUCT
        token = pair(first, bundle)
        status, workspace = first.call("GET", "/v1/workspace", token=token)
        assert status == 200 and len(workspace["stages"]) == 10, workspace
        order = create_order(first, token)
        assert first.stop() == 0, first.output()
        assert "stopped" in first.output()
    finally:
        first.kill()

    # Again without --demo: whatever answers now was read back from the seller's data folder.
    second = FrozenHelper(bundle, data_dir, free_port(), demo=False)
    try:
        seconds = second.start()
        FIGURES["restart to first answer"] = f"{seconds:.2f} s (existing data folder)"
        status, again = second.call("GET", "/v1/ping")
        assert again["helper_id"] == ping["helper_id"]
        status, after = second.call("GET", "/v1/workspace", token=token)  # the pairing survived too
        assert status == 200 and after["stages"] == workspace["stages"]
        status, kept = second.call("GET", f"/v1/orders/{order['id']}", token=token)
        assert status == 200 and kept["number"] == order["number"] and kept["total"] == "164.00", (
            kept
        )
        chat = ORDER["conversation"]["chat_key"]
        status, history = second.call("GET", f"/v1/orders?conversation={chat}", token=token)
        assert status == 200 and [o["id"] for o in history["orders"]] == [order["id"]], history
        assert second.stop() == 0, second.output()
    finally:
        second.kill()

    assert (data_dir / "helper.sqlite3").is_file()
    assert (data_dir / "logs" / "helper.log").is_file()
    assert bundle.listing() == files_before, "the program wrote into its own folder"


def test_every_command_runs_from_the_bundle(bundle, tmp_path):
    # The source's parser is the list of commands, including EXTRA_COMMAND_MODULES: a module
    # that PyInstaller did not collect breaks here.
    commands = sorted(build_parser()._subparsers._group_actions[0].choices)
    for command in commands:
        shown = bundle.run(command, "--help")
        assert shown.returncode == 0, f"{command}: {shown.stderr}"
    data = str(tmp_path / "data")
    missing = bundle.run("status", "--data-dir", data)
    assert missing.returncode == 2 and "there is no data folder" in missing.stderr
    (tmp_path / "data").mkdir()
    for args in (["status"], ["pairings"], ["stages"], ["doctor", "--port", str(free_port())]):
        result = bundle.run(*args, "--data-dir", data)
        assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
    doctor = bundle.run("doctor", "--port", str(free_port()), "--data-dir", data).stdout
    assert "[ok] FTS5: present" in doctor  # the bundled SQLite, not the build machine's
    assert "schema" in doctor


def test_data_goes_to_the_per_user_folder_by_default(bundle, tmp_path):
    """No --data-dir: the database lands in the user's data folder (XDG on Linux), never next
    to the program, even when started from inside its own folder."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    files_before = bundle.listing()
    sample = REPO / "docs" / "samples" / "catalog-sendocki-template.csv"
    imported = bundle.run("import-catalog", str(sample), env=env, cwd=bundle.folder)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    result = bundle.run("status", env=env, cwd=bundle.folder)
    assert result.returncode == 0, result.stderr
    assert (home / ".local" / "share" / "sendocki-helper" / "helper.sqlite3").is_file()
    assert not (home / ".local" / "share" / "sendocki-helper-demo").exists()
    assert bundle.listing() == files_before


def test_the_bundle_carries_certifis_ca_bundle(bundle):
    # HTTPS to Sendocki uses certifi's file (sync/client.py): it must travel inside the program.
    found = list(bundle.folder.rglob("certifi/cacert.pem"))
    assert found and found[0].stat().st_size > 100_000
