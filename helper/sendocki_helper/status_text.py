"""`sendocki-helper status`: the workspace's state for a person, or one JSON object for scripts."""

import json

from sendocki_helper.config import HelperConfig
from sendocki_helper.instance import is_running
from sendocki_helper.services import status, workspace


def status_document(config: HelperConfig) -> dict:
    """GET /v1/status's content once (the sync block without its copies), plus the folder."""
    described = status.describe()
    sync = {
        key: value
        for key, value in described["sync"].items()
        if key not in ("outbox_depth", "needs_attention", "last_error")
    }
    stages = workspace.describe()["stages"]
    return {
        "data_dir": str(config.data_dir),
        "running": is_running(config.lock_path),
        "mode": described["mode"],
        "demo": described["demo"],
        "outbox_depth": described["outbox_depth"],
        "needs_attention": described["needs_attention"],
        "last_error": described["last_error"],
        "sync": sync,
        "active_stages": [s["name"] for s in stages if s["active"]],
    }


def print_status(config: HelperConfig, as_json: bool) -> int:
    document = status_document(config)
    if as_json:
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    for label, text in status_lines(document):
        print(f"{label + ':':<22}{text}")
    return 0


def status_lines(d: dict) -> list[tuple[str, str]]:
    sync = d["sync"]
    kind = (
        "demo (sample products and customers; `sendocki-helper reset-demo` erases it)"
        if d["demo"]
        else "yours"
    )
    lines = [
        ("Workspace", f"{d['data_dir']} ({kind})"),
        (
            "Helper",
            "running" if d["running"] else "not running (start it with `sendocki-helper serve`)",
        ),
    ]
    if sync["connected"]:
        account = f"connected to {sync.get('workspace') or 'Sendocki'} ({sync.get('api_url')})"
        if sync.get("paused") == "auth":
            account += "; PAUSED: Sendocki refused the API key, run `sendocki-helper connect` again"
        elif sync.get("api_reachable") is False:
            account += "; Sendocki cannot be reached right now (orders wait and are sent later)"
        lines.append(("Sendocki account", account))
        lines.append(("Last sync", sync.get("last_pull_at") or "never"))
    else:
        lines.append(
            (
                "Sendocki account",
                "none: orders are kept on this computer (`sendocki-helper connect` sends them)",
            )
        )
    waiting = d["outbox_depth"]
    if not waiting:
        lines.append(("Orders to send", "none"))
    elif sync["connected"]:
        lines.append(("Orders to send", _orders(waiting)))
    else:
        lines.append(("Orders to send", f"{_orders(waiting)}, sent once an account is connected"))
    if d["needs_attention"]:
        lines.append(("Need attention", _orders(d["needs_attention"]) + " Sendocki refused"))
    if d["last_error"]:
        lines.append(("Last error", d["last_error"]))
    stages = d["active_stages"]
    lines.append(
        (
            "Stages",
            f"{len(stages)}: " + ", ".join(stages)
            if stages
            else "none (`sendocki-helper stages reset` creates the default ones)",
        )
    )
    return lines


def _orders(count: int) -> str:
    return f"{count} order" if count == 1 else f"{count} orders"
