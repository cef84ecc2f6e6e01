"""What sending an order.create row reads and records beyond the outbox row itself: the Sendocki
ids the order points at, and the ids Sendocki gave back.

Runs on the store's writer thread.
"""

from sendocki_helper.services import outbox
from sendocki_helper.store.models import (
    Address,
    Agent,
    Customer,
    Order,
    Stage,
    Team,
    Variant,
    database_proxy,
)
from sendocki_helper.sync.records import LocalCustomer, RemoteOrder, RemoteRefs


def order_context(claimed: outbox.Claimed) -> tuple[RemoteRefs, LocalCustomer]:
    """Sendocki ids of what the order points at, as known now, and the local card."""
    order = Order.get_by_id(claimed.aggregate_id)
    customer = Customer.get_by_id(order.customer_id)
    variant_ids = [
        line.get("variant_id")
        for line in claimed.payload.get("lines") or []
        if line.get("variant_id")
    ]
    variants: dict[str, str] = {
        v.id: v.remote_id
        for v in Variant.select(Variant.id, Variant.remote_id).where(
            Variant.id.in_(variant_ids), Variant.remote_id.is_null(False)
        )
        if v.remote_id is not None
    }
    refs = RemoteRefs(
        customer=customer.remote_id,
        address=_remote_id(Address, order.address_id),
        # The stage it was created in: later moves travel as their own outbox rows.
        stage=_remote_id(Stage, (claimed.payload.get("stage") or {}).get("id") or order.stage_id),
        agent=_remote_id(Agent, order.agent_id),
        team=_remote_id(Team, order.team_id),
        creator=_remote_id(Agent, order.created_by_agent_id),
        variants=variants,
    )
    return refs, LocalCustomer(
        id=customer.id, name=customer.name, phone=customer.phone, email=customer.email
    )


def record_delivery(item_id: int, remote: RemoteOrder) -> None:
    """The row is done, the order synced, and its card and address learn their Sendocki ids."""
    with database_proxy.atomic():
        order_id = outbox.settle_delivered(item_id, remote.remote_id, remote.number)
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            return
        # Later orders for this card and address then name them by Sendocki id.
        _adopt_remote_id(Customer, order.customer_id, remote.customer_remote_id)
        _adopt_remote_id(Address, order.address_id, remote.address_remote_id)


def _remote_id(model: type[Address | Agent | Stage | Team], local_id: str | None) -> str | None:
    if local_id is None:
        return None
    row = model.select(model.remote_id).where(model.id == local_id).first()
    return row.remote_id if row else None


def _adopt_remote_id(
    model: type[Customer | Address], local_id: str | None, remote_id: str | None
) -> None:
    if not local_id or not remote_id:
        return
    if model.select().where(model.remote_id == remote_id).exists():
        return  # a pull already brought that record under another local row
    model.update(remote_id=remote_id).where(
        model.id == local_id, model.remote_id.is_null()
    ).execute()
