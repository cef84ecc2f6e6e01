"""The outbox as the dispatcher sees it: claim, settle, reschedule (security.md 4.4).

Runs on the store's writer thread; knows nothing of HTTP. Every state change of an outbox row
and of its order happens in one transaction.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta

import peewee

from sendocki_helper import clock
from sendocki_helper.store.models import (
    Address,
    Agent,
    Customer,
    Order,
    OutboxItem,
    Stage,
    Team,
    Variant,
    database_proxy,
)
from sendocki_helper.sync.records import LocalCustomer, RemoteOrder, RemoteRefs

ORDER_CREATE = "order.create"
ORDER_MOVE = "order.move"
ACTIVE = ("pending", "in_flight")


@dataclass
class Claimed:
    id: int
    kind: str
    order_id: str
    idempotency_key: str
    payload: dict
    failures: int
    attempted_before: bool  # an earlier attempt may have reached the API
    first_attempt_at: str
    request_body: str | None  # what the first attempt under this key sent; None before it


def release_claims() -> int:
    """At dispatcher start: rows left in flight by a stopped or killed process go back to pending.

    Only `serve` dispatches and it holds the data folder's single-instance lock, so no live
    process owns them.
    """
    return (
        OutboxItem.update(status="pending", lease_until=None, updated_at=clock.now_iso())
        .where(OutboxItem.status == "in_flight")
        .execute()
    )


def claim_next(lease_seconds: float, due_by: str | None = None) -> Claimed | None:
    """The oldest due row whose dependency is done, leased to this dispatcher.

    `due_by` (at the latest now) lets one round skip rows it has just rescheduled.
    """
    now = clock.now_iso()
    due = min(now, due_by) if due_by else now
    Dependency = OutboxItem.alias()
    with database_proxy.atomic():
        row = (
            OutboxItem.select()
            .join(Dependency, peewee.JOIN.LEFT_OUTER, on=(OutboxItem.depends_on == Dependency.id))
            .where(
                (
                    (OutboxItem.status == "pending")
                    & (OutboxItem.next_attempt_at.is_null() | (OutboxItem.next_attempt_at <= due))
                )
                | ((OutboxItem.status == "in_flight") & (OutboxItem.lease_until < now)),
                OutboxItem.depends_on.is_null() | (Dependency.status == "done"),
            )
            .order_by(OutboxItem.id)
            .first()
        )
        if row is None:
            return None
        attempted_before = row.first_attempt_at is not None
        first = row.first_attempt_at or now
        (
            OutboxItem.update(
                status="in_flight",
                first_attempt_at=first,
                updated_at=now,
                lease_until=clock.iso_in(seconds=lease_seconds),
            )
            .where(OutboxItem.id == row.id)
            .execute()
        )
        if row.kind == ORDER_CREATE:
            Order.update(sync_state="pending").where(
                Order.id == row.aggregate_id, Order.sync_state == "local"
            ).execute()
    return Claimed(
        id=row.id,
        kind=row.kind,
        order_id=row.aggregate_id,
        idempotency_key=row.idempotency_key,
        payload=json.loads(row.payload_json),
        failures=row.attempts,
        attempted_before=attempted_before,
        first_attempt_at=first,
        request_body=row.request_body,
    )


def seconds_until_next_due() -> float | None:
    row = (
        OutboxItem.select(OutboxItem.next_attempt_at)
        .where(OutboxItem.status == "pending")
        .order_by(OutboxItem.next_attempt_at.asc(nulls="first"))
        .first()
    )
    if row is None:
        return None
    if row.next_attempt_at is None:
        return 0.0
    return max(0.0, (clock.parse_iso(row.next_attempt_at) - clock.utcnow()).total_seconds())


def order_context(claimed: Claimed) -> tuple[RemoteRefs, LocalCustomer]:
    """Sendocki ids of what the order points at, as known now, and the local card."""
    order = Order.get_by_id(claimed.order_id)
    customer = Customer.get_by_id(order.customer_id)
    variant_ids = [
        line.get("variant_id")
        for line in claimed.payload.get("lines") or []
        if line.get("variant_id")
    ]
    variants = {
        v.id: v.remote_id
        for v in Variant.select(Variant.id, Variant.remote_id).where(
            Variant.id.in_(variant_ids), Variant.remote_id.is_null(False)
        )
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


def keep_body(item_id: int, idempotency_key: str, body: str) -> str:
    """Stores the body of the first attempt under this key, before it is sent; returns the body
    to send, which is the one stored earlier if there is one."""
    with database_proxy.atomic():
        (
            OutboxItem.update(request_body=body)
            .where(
                OutboxItem.id == item_id,
                OutboxItem.idempotency_key == idempotency_key,
                OutboxItem.request_body.is_null(),
            )
            .execute()
        )
        return OutboxItem.select(OutboxItem.request_body).where(OutboxItem.id == item_id).scalar()


def _remote_id(model, local_id: str | None) -> str | None:
    if local_id is None:
        return None
    row = model.select(model.remote_id).where(model.id == local_id).first()
    return row.remote_id if row else None


def mark_delivered(item_id: int, remote: RemoteOrder) -> None:
    now = clock.now_iso()
    with database_proxy.atomic():
        item = OutboxItem.get_by_id(item_id)
        (
            OutboxItem.update(
                status="done",
                remote_id=remote.remote_id,
                lease_until=None,
                next_attempt_at=None,
                last_status=201,
                last_error=None,
                updated_at=now,
            )
            .where(OutboxItem.id == item_id)
            .execute()
        )
        order = Order.get_or_none(Order.id == item.aggregate_id)
        if order is None:
            return
        (
            Order.update(
                sync_state="synced", remote_id=remote.remote_id, remote_number=remote.number
            )
            .where(Order.id == order.id)
            .execute()
        )
        # Later orders for this card and address then name them by Sendocki id.
        _adopt_remote_id(Customer, order.customer_id, remote.customer_remote_id)
        _adopt_remote_id(Address, order.address_id, remote.address_remote_id)


def _adopt_remote_id(model, local_id: str | None, remote_id: str | None) -> None:
    if not local_id or not remote_id:
        return
    if model.select().where(model.remote_id == remote_id).exists():
        return  # a pull already brought that record under another local row
    model.update(remote_id=remote_id).where(
        model.id == local_id, model.remote_id.is_null()
    ).execute()


def schedule_retry(item_id: int, delay: float, status: int | None, error: str) -> None:
    now = clock.now_iso()
    (
        OutboxItem.update(
            status="pending",
            attempts=OutboxItem.attempts + 1,
            lease_until=None,
            next_attempt_at=clock.iso_in(seconds=delay),
            last_status=status,
            last_error=error,
            updated_at=now,
        )
        .where(OutboxItem.id == item_id)
        .execute()
    )


def mark_needs_attention(item_id: int, status: int | None, message: str) -> None:
    now = clock.now_iso()
    with database_proxy.atomic():
        item = OutboxItem.get_by_id(item_id)
        (
            OutboxItem.update(
                status="needs_attention",
                attempts=OutboxItem.attempts + 1,
                lease_until=None,
                next_attempt_at=None,
                last_status=status,
                last_error=message,
                updated_at=now,
            )
            .where(OutboxItem.id == item_id)
            .execute()
        )
        Order.update(sync_state="needs_attention").where(Order.id == item.aggregate_id).execute()


def unclaim(item_id: int, status: int | None, error: str) -> None:
    """Back to the queue without counting an attempt (the account must be reconnected first)."""
    (
        OutboxItem.update(
            status="pending",
            lease_until=None,
            last_status=status,
            last_error=error,
            updated_at=clock.now_iso(),
        )
        .where(OutboxItem.id == item_id)
        .execute()
    )


def renew_key(item_id: int) -> str:
    """A fresh key once the first one may have expired on the server (after a lookup found nothing).

    A new key is a new request: its body is built afresh, from the ids known now.
    """
    key = str(uuid.uuid4())
    now = clock.now_iso()
    (
        OutboxItem.update(
            idempotency_key=key, first_attempt_at=now, request_body=None, updated_at=now
        )
        .where(OutboxItem.id == item_id)
        .execute()
    )
    return key


def make_all_due() -> int:
    """Connectivity is back: rows waiting out a backoff may go now (not those told Retry-After)."""
    return (
        OutboxItem.update(next_attempt_at=None)
        .where(
            OutboxItem.status == "pending",
            OutboxItem.next_attempt_at.is_null(False),
            OutboxItem.last_status.is_null() | (OutboxItem.last_status != 429),
        )
        .execute()
    )


def first_attempt_age(claimed: Claimed) -> timedelta:
    return clock.utcnow() - clock.parse_iso(claimed.first_attempt_at)
