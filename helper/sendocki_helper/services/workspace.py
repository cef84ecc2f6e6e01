"""What the order dialog needs to know about the workspace."""

from typing import Literal, get_args

from sendocki_helper.services import connection, settings
from sendocki_helper.store.models import Agent, Stage, Team

PaymentMethod = Literal["cash_on_delivery", "online_payment", "other"]
PaymentStatus = Literal["pending", "paid"]
PAYMENT_METHODS: list[str] = list(get_args(PaymentMethod))
PAYMENT_STATUSES: list[str] = list(get_args(PaymentStatus))
# Sendocki's 9 standard states (docs/orders.md, "Pipeline stages"); a stage may also have none.
STANDARD_STATES = [
    "new",
    "unreachable",
    "to_confirm",
    "confirmed",
    "shipped",
    "delivered",
    "delivery_failure",
    "returned",
    "cancelled",
]
# Orders in these states do not count in a customer's total spent.
NOT_SPENT_STATES = {"cancelled", "returned", "delivery_failure"}
# An order in these states is finished; any other (a stage without a state included) is open.
CLOSED_STATES = NOT_SPENT_STATES | {"delivered"}


def default_stage() -> Stage | None:
    return Stage.select().where(Stage.active == True).order_by(Stage.position).first()  # noqa: E712


def currency() -> str:
    return settings.get("currency", settings.DEFAULTS["currency"])


def default_region() -> str:
    return settings.get("default_region", settings.DEFAULTS["default_region"])


def describe() -> dict:
    stages = list(Stage.select().order_by(Stage.position))
    first = default_stage()
    return {
        # Demo data, not connected to a Sendocki account: the extension says so to the seller.
        "demo": settings.get("demo_seeded") is not None and not connection.is_connected(),
        "currency": currency(),
        "default_region": default_region(),
        "default_stage_id": first.id if first else None,
        "stages": [
            {
                "id": s.id,
                "name": s.name,
                "color": s.color,
                "position": s.position,
                "state": s.state,
                "active": s.active,
                "has_automation": bool(s.message_template),
                "automated": s.automated,
            }
            for s in stages
        ],
        "payment_methods": PAYMENT_METHODS,
        "payment_statuses": PAYMENT_STATUSES,
        "agents": [
            {"id": a.id, "name": a.name}
            for a in Agent.select().where(Agent.active).order_by(Agent.name)
        ],
        "teams": [
            {"id": t.id, "name": t.name}
            for t in Team.select().where(Team.active).order_by(Team.name)
        ],
    }
