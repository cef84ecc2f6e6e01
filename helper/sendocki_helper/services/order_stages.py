"""An order's stage history: every stage it entered, here or in Sendocki."""

from sendocki_helper.services.sql import execute, rows


def record_change(
    order_id: str,
    from_stage_id: str | None,
    to_stage_id: str,
    at: str,
    pairing_id: str | None,
    agent_id: str | None = None,
    client_reference: str | None = None,
) -> None:
    """A change made here (origin 'local'); `client_reference` names a move sent to Sendocki."""
    execute(
        "INSERT INTO order_stage_changes (order_id, from_stage_id, to_stage_id, at, origin,"
        " pairing_id, agent_id, client_reference) VALUES (?, ?, ?, ?, 'local', ?, ?, ?)",
        (order_id, from_stage_id, to_stage_id, at, pairing_id, agent_id, client_reference),
    )


def history(order_id: str) -> list[dict]:
    """Oldest first: from, to, when, and who (a paired browser here, an agent in Sendocki)."""
    found = rows(
        "SELECT fs.id, fs.name, ts.id, ts.name, ts.color, ts.state, c.at, c.origin, c.pairing_id,"
        " p.name, a.id, a.name FROM order_stage_changes c"
        " JOIN stages ts ON ts.id = c.to_stage_id LEFT JOIN stages fs ON fs.id = c.from_stage_id"
        " LEFT JOIN pairings p ON p.id = c.pairing_id LEFT JOIN agents a ON a.id = c.agent_id"
        " WHERE c.order_id = ? ORDER BY c.from_stage_id IS NOT NULL, c.at, c.id",
        (order_id,),
    )
    return [
        {
            "from_stage": None if r[0] is None else {"id": r[0], "name": r[1]},
            "to_stage": {"id": r[2], "name": r[3], "color": r[4], "state": r[5]},
            "at": r[6][:19] + "Z",
            "origin": r[7],
            "pairing": None if r[8] is None else {"id": r[8], "name": r[9]},
            "agent": None if r[10] is None else {"id": r[10], "name": r[11]},
        }
        for r in found
    ]
