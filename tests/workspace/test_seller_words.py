"""Each friction a new seller met, answered in their words: what happened and what to do, no
exception class names, no regex, no traceback."""

import json
import subprocess

from tests.sandbox.conftest import clean_faults, sandbox  # noqa: F401  (shared fixtures)
from tests.sandbox.server import API_KEY
from tests.support import HELPER_BIN, REPO, free_port, http

SAMPLE_CATALOG = REPO / "docs" / "samples" / "catalog-sendocki-template.csv"
NOT_FOR_SELLERS = ("Traceback", "Error(", "Exception", "ClientError", "pattern", "^\\s")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([HELPER_BIN, *args], capture_output=True, text=True, timeout=60)


def seller_text(result: subprocess.CompletedProcess) -> str:
    text = result.stdout + result.stderr
    for word in NOT_FOR_SELLERS:
        assert word not in text, text
    return text


def workspace(tmp_path):
    folder = tmp_path / "shop"
    folder.mkdir()
    return folder


def test_a_mistyped_data_dir_is_refused_and_only_create_makes_a_new_one(tmp_path):
    typo = tmp_path / "shpo"
    for command in (["status"], ["pair"], ["stages"], ["pairings"], ["sync"], ["delivery-fees"]):
        result = cli(*command, "--data-dir", str(typo))
        assert result.returncode == 2
        assert f"there is no data folder {typo}. Check the path" in seller_text(result)
    refused = cli("serve", "--data-dir", str(typo), "--port", "0")
    assert refused.returncode == 2 and "add --create" in refused.stderr
    assert not typo.exists()
    created = cli("import-catalog", str(SAMPLE_CATALOG), "--data-dir", str(typo), "--create")
    assert created.returncode == 0 and (typo / "helper.sqlite3").is_file()


def test_pair_warns_when_no_helper_runs_on_that_folder(tmp_path, helper_process):
    folder = workspace(tmp_path)
    alone = cli("pair", "--data-dir", str(folder))
    assert alone.returncode == 0
    assert f"no helper is running on {folder}" in alone.stderr
    assert alone.stdout.strip().splitlines()[-1].isdigit()  # the code, alone on the last line

    proc = helper_process(demo=False, data_dir=folder)
    proc.start()
    served = cli("pair", "--data-dir", str(folder))
    assert served.returncode == 0 and served.stderr == ""


def test_connect_explains_a_wrong_address(tmp_path, helper_process, sandbox):  # noqa: F811
    folder = workspace(tmp_path)
    data = ["--data-dir", str(folder), "--api-key", API_KEY]
    host = sandbox.url.removeprefix("http://")

    no_scheme = cli("connect", "--api-url", host, *data)
    assert no_scheme.returncode == 2
    assert f'"{host}" is not a full web address (did you mean https://{host}?)' in seller_text(
        no_scheme
    )

    with_v1 = cli("connect", "--api-url", sandbox.url + "/v1/", *data)
    assert f"leave /v1 out of the address: the helper adds it. Use --api-url {sandbox.url}" in (
        seller_text(with_v1)
    )

    proc = helper_process()
    proc.start()
    own = cli("connect", "--api-url", proc.base_url, *data)
    assert f"{proc.base_url} is the Sendocki helper on this computer, not the Sendocki API" in (
        seller_text(own)
    )

    closed = cli("connect", "--api-url", f"http://127.0.0.1:{free_port()}", *data)
    assert closed.returncode == 3
    assert "cannot reach the Sendocki API: no answer at that address" in seller_text(closed)

    wrong_path = cli("connect", "--api-url", sandbox.url + "/api", *data)
    assert "does not answer like the Sendocki API (nothing found there)" in seller_text(wrong_path)

    bad_key = cli("connect", "--api-url", sandbox.url, "--data-dir", str(folder), "--api-key", "x")
    assert bad_key.returncode == 2
    assert "Sendocki refused this API key" in seller_text(bad_key)
    assert not (folder / "sendocki-credentials.json").exists()


def test_sync_draws_no_progress_bar_when_not_on_a_terminal(tmp_path, sandbox):  # noqa: F811
    folder = workspace(tmp_path)
    connected = cli(
        "connect", "--api-url", sandbox.url, "--api-key", API_KEY, "--data-dir", str(folder)
    )
    assert connected.returncode == 0, connected.stderr
    assert "At its first sync the account's stages replace the local ones" in connected.stdout
    pulled = cli("sync", "--data-dir", str(folder))
    assert pulled.returncode == 0, pulled.stderr
    assert pulled.stdout.startswith("Pulled: stages 10")
    assert pulled.stderr == ""  # no bar, no escape sequences in a journal or a file


def test_import_catalog_words(tmp_path):
    folder = workspace(tmp_path)
    one_line = tmp_path / "one.csv"
    lines = SAMPLE_CATALOG.read_text(encoding="utf-8").splitlines()
    one_line.write_text("\n".join([lines[0], lines[-1]]) + "\n", encoding="utf-8")
    result = cli("import-catalog", str(one_line), "--data-dir", str(folder))
    assert "one.csv: sendocki format, 1 line\n" in seller_text(result)
    a_folder = cli("import-catalog", str(tmp_path), "--data-dir", str(folder))
    assert a_folder.returncode == 2
    assert f"{tmp_path} is a folder; give the catalog file itself (a .csv file)" in a_folder.stdout


def test_status_is_readable_and_json_has_each_figure_once(tmp_path):
    folder = workspace(tmp_path)
    human = cli("status", "--data-dir", str(folder))
    assert human.returncode == 0
    lines = human.stdout.splitlines()
    assert lines[0] == f"Workspace:            {folder} (yours)"
    assert lines[1] == "Helper:               not running (start it with `sendocki-helper serve`)"
    assert "Sendocki account:     none: orders are kept on this computer" in human.stdout
    assert "Orders to send:       none" in human.stdout
    assert "{" not in human.stdout

    document = json.loads(cli("status", "--json", "--data-dir", str(folder)).stdout)
    assert document["outbox_depth"] == 0 and "outbox_depth" not in document["sync"]
    assert "last_error" not in document["sync"] and "needs_attention" not in document["sync"]


def test_doctor_says_when_no_helper_runs_and_when_the_port_serves_another_folder(
    tmp_path, helper_process
):
    folder = workspace(tmp_path)
    port = free_port()
    idle = cli("doctor", "--data-dir", str(folder), "--port", str(port))
    assert f"[ok] port: {port} is free: no helper is running (start it with" in idle.stdout

    other = helper_process()
    other.start()
    wrong = cli("doctor", "--data-dir", str(folder), "--port", str(other.port))
    assert wrong.returncode == 1
    assert (
        f"[FAIL] port: {other.port} is a Sendocki helper serving another data folder, not {folder}"
    ) in wrong.stdout


def test_a_pairing_code_typed_with_spaces_pairs_and_letters_get_words(helper_process):
    proc = helper_process()
    proc.start()
    code = proc.pairing_code()
    spaced = f"{code[:4]} {code[4:]}"
    status, body = http(
        "POST", proc.base_url + "/v1/pairings", {"code": spaced, "client_name": "C"}
    )
    assert status == 201, body
    status, body = http(
        "POST", proc.base_url + "/v1/pairings", {"code": "12ab", "client_name": "C"}
    )
    assert status == 422
    [error] = body["errors"]
    assert error["field"] == "code"
    assert error["message"] == "type the digits of the code the helper printed (8 digits)"
