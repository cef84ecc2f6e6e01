"""A seller's own workspace without a Sendocki account: the default pipeline from the first
minute, its stages and message templates edited with `sendocki-helper stages`."""

import json
import os
import subprocess
import uuid

from tests.orders.support import order_body
from tests.support import HELPER_BIN, REPO, http
from tests.workspace.support import create_free_order

SAMPLE_CATALOG = REPO / "docs" / "samples" / "catalog-sendocki-template.csv"


def seller_env(language: str) -> dict:
    return {**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "", "LANG": language}


def cli(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([HELPER_BIN, *args], capture_output=True, text=True, env=env)


def paired(proc) -> dict:
    code = proc.pairing_code()
    status, body = http(
        "POST", proc.base_url + "/v1/pairings", {"code": code, "client_name": "Chrome"}
    )
    assert status == 201, body
    return {"Authorization": f"Bearer {body['token']}"}


def create_order(proc, auth: dict, sku: str) -> tuple[int, dict]:
    body = order_body(
        lines=[{"kind": "catalog", "sku": sku, "quantity": 1}], total=None, stage_id=None
    )
    headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
    return http("POST", proc.base_url + "/v1/orders", body, headers)


def test_fresh_folder_own_catalog_no_account_takes_an_order_on_the_default_pipeline(
    helper_process, tmp_path
):
    env = seller_env("fr_MA.UTF-8")
    folder = tmp_path / "shop"
    imported = cli(
        "import-catalog", str(SAMPLE_CATALOG), "--data-dir", str(folder), "--create", env=env
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    proc = helper_process(demo=False, data_dir=folder, env=env)
    proc.start()
    auth = paired(proc)

    status, workspace = http("GET", proc.base_url + "/v1/workspace", headers=auth)
    names = [s["name"] for s in workspace["stages"]]
    assert names[0] == "Nouvelle" and "Confirmée" in names and len(names) == 10
    assert workspace["default_stage_id"] == workspace["stages"][0]["id"]

    status, order = create_order(proc, auth, "BABOUCHES-CUIR")
    assert status == 201, order
    assert order["stage"]["name"] == "Nouvelle"
    assert order["automation_message"].startswith("Bonjour Fatima, merci pour votre commande")
    assert order["number"] in order["automation_message"]

    # Edited while the helper runs: the next order offers the new text.
    edited = cli(
        "stages",
        "template",
        "Nouvelle",
        "Salam {{first_name}}, commande {{order_number}} : {{total}}",
        "--data-dir",
        str(folder),
    )
    assert edited.returncode == 0, edited.stderr
    status, second = create_order(proc, auth, "SAVON-ARGAN")
    assert status == 201
    assert (
        second["automation_message"] == f"Salam Fatima, commande {second['number']} : 45,00\u00a0DH"
    )

    human = cli("status", "--data-dir", str(folder)).stdout
    assert "Orders to send:       2 orders, sent once an account is connected" in human
    described = json.loads(cli("status", "--json", "--data-dir", str(folder)).stdout)
    assert described["mode"] == "standalone" and described["demo"] is False
    assert described["running"] is True and described["active_stages"][0] == "Nouvelle"


def test_default_pipeline_follows_the_system_language(helper_process, tmp_path):
    for language, first, template_start in (
        ("ar_MA.UTF-8", "جديدة", "مرحبا"),
        ("en_GB.UTF-8", "New", "Hello"),
        ("C.UTF-8", "Nouvelle", "Bonjour"),  # says nothing: French, the sellers' usual language
    ):
        folder = tmp_path / language
        folder.mkdir()
        listing = cli("stages", "list", "--data-dir", str(folder), env=seller_env(language))
        first_line = listing.stdout.splitlines()[0]
        assert first in first_line and template_start in first_line, listing.stdout


def test_stages_commands_edit_the_pipeline_and_refuse_with_clear_words(tmp_path):
    folder = tmp_path / "shop"
    folder.mkdir()
    data = ["--data-dir", str(folder)]
    env = seller_env("en_US.UTF-8")
    assert cli("stages", *data, env=env).returncode == 0
    assert cli("stages", "rename", "3", "Call to confirm", *data).returncode == 0
    added = cli("stages", "add", "Packed", "--after", "Confirmed", "--color", "blue", *data)
    assert added.stdout.strip() == "Added stage 5: Packed."
    assert cli("stages", "disable", "Unreachable", *data).returncode == 0
    listing = cli("stages", *data).stdout.splitlines()
    assert "Call to confirm" in listing[2] and "Packed" in listing[4]
    assert "(disabled)" in listing[1]
    shown = cli("stages", "show", "Packed", *data).stdout
    assert "No message for this stage." in shown

    unknown = cli("stages", "template", "1", "Hello {{nom}}", *data)
    assert unknown.returncode == 1
    assert "unknown placeholder(s) {{nom}}; use {{name}}, {{first_name}}" in unknown.stderr
    missing = cli("stages", "show", "Shipping", *data)
    assert (
        missing.returncode == 1 and 'no stage "Shipping"; the stages are: 1 New' in missing.stderr
    )
    twin = cli("stages", "add", "new", *data)
    assert 'a stage is already called "new"' in twin.stderr


def test_reset_brings_the_default_stages_back_and_moves_orders_by_state(tmp_path):
    from sendocki_helper.services import default_stages
    from sendocki_helper.store.db import open_database
    from sendocki_helper.store.models import Order, Stage

    database = open_database(tmp_path / "helper.sqlite3")
    try:
        assert default_stages.ensure_default("en")
        assert not default_stages.ensure_default("fr")  # only a workspace without any stage
        order_id = create_free_order()
        confirmed = Stage.get(Stage.state == "confirmed")
        Order.update(stage=confirmed.id).where(Order.id == order_id).execute()
        assert default_stages.reset_default("fr") == 1
        order = Order.get_by_id(order_id)
        assert order.stage.name == "Confirmée" and order.stage.state == "confirmed"
        assert Stage.select().count() == 10
    finally:
        database.close()
