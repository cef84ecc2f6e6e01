"""The outbox: the one place that writes and moves outbox rows, and the states they and their
orders go through (docs/architecture.md, "The outbox").

A service *enqueues* a row inside the transaction that makes the change, so the change and its
message to Sendocki commit together. The sync dispatcher *claims* the oldest due row, sends it,
and *settles* it: delivered, retry later, needs attention, or back to the queue.

    pending --claim--> in_flight --delivered--> done
       ^                   |  \\--rejected--> needs_attention
       \\---retry / unclaim-/

An order's own `sync_state` follows its `order.create` row: local (no account connected) ->
pending -> synced, or needs_attention.

Runs on the store's writer thread; knows nothing of HTTP or of Sendocki's wire format.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

import peewee

from sendocki_helper import clock
from sendocki_helper.services.errors import clip
from sendocki_helper.services.sql import execute, one
from sendocki_helper.store.models import Order, OutboxItem, database_proxy


class OutboxKind(StrEnum):
    """What a row asks Sendocki to do; the dispatcher sends each kind its own way."""

    ORDER_CREATE = "order.create"
    ORDER_MOVE = "order.move"  # a stage change, after the order's creation (docs/pipeline.md)


class OutboxStatus(StrEnum):
    PENDING = "pending"  # waiting its turn (or its backoff)
    IN_FLIGHT = "in_flight"  # claimed by the dispatcher under a lease
    DONE = "done"  # Sendocki has it
    NEEDS_ATTENTION = "needs_attention"  # refused; a person must look (never retried alone)


ACTIVE = (OutboxStatus.PENDING, OutboxStatus.IN_FLIGHT)


class SyncState(StrEnum):
    """An order's standing with Sendocki, as the API and the extension show it."""

    LOCAL = "local"  # saved here; no account connected, sent once one is
    PENDING = "pending"  # queued for Sendocki
    SYNCED = "synced"  # Sendocki has it (remote id and number known)
    NEEDS_ATTENTION = "needs_attention"  # Sendocki refused it


@dataclass
class Claimed:
    id: int
    kind: OutboxKind | str  # a str only for a kind this version does not know
    aggregate_id: str  # the order the row is about
    idempotency_key: str
    payload: dict[str, Any]
    failures: int
    attempted_before: bool  # an earlier attempt may have reached the API
    first_attempt_at: str
    request_body: str | None  # what the first attempt under this key sent; None before it

    @property
    def order_id(self) -> str:
        return self.aggregate_id

    def first_attempt_age(self) -> timedelta:
        return clock.utcnow() - clock.parse_iso(self.first_attempt_at)


# ---------------------------------------------------------------- enqueue (services)


def enqueue(
    kind: OutboxKind,
    aggregate_id: str,
    payload: dict[str, Any],
    now: str,
    after_previous: bool = False,
) -> None:
    """Queues `payload` for Sendocki. Call inside the transaction that makes the change.

    `after_previous`: the row waits until the aggregate's previous row is done (a move goes
    after the order's creation and after the moves made before it).
    Plain SQL: this is on the order-creation path (services/sql.py says why).
    """
    previous = None
    if after_previous:
        row = one(
            "SELECT id FROM outbox WHERE aggregate_id = ? ORDER BY id DESC LIMIT 1",
            (aggregate_id,),
        )
        previous = row[0] if row else None
    payload_json = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    execute(
        "INSERT INTO outbox (kind, aggregate_id, depends_on, idempotency_key, payload_json, "
        "payload_hash, status, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        (
            str(kind),
            aggregate_id,
            previous,
            str(uuid.uuid4()),
            payload_json,
            hashlib.sha256(payload_json.encode("utf-8")).hexdigest(),
            str(OutboxStatus.PENDING),
            now,
            now,
        ),
    )


# ---------------------------------------------------------------- claim (dispatcher)


def release_claims() -> int:
    """At dispatcher start: rows left in flight by a stopped or killed process go back to pending.

    Only `serve` dispatches and it holds the data folder's single-instance lock, so no live
    process owns them.
    """
    return (
        OutboxItem.update(status=OutboxStatus.PENDING, lease_until=None, updated_at=clock.now_iso())
        .where(OutboxItem.status == OutboxStatus.IN_FLIGHT)
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
                    (OutboxItem.status == OutboxStatus.PENDING)
                    & (OutboxItem.next_attempt_at.is_null() | (OutboxItem.next_attempt_at <= due))
                )
                | ((OutboxItem.status == OutboxStatus.IN_FLIGHT) & (OutboxItem.lease_until < now)),
                OutboxItem.depends_on.is_null() | (Dependency.status == OutboxStatus.DONE),
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
                status=OutboxStatus.IN_FLIGHT,
                first_attempt_at=first,
                updated_at=now,
                lease_until=clock.iso_in(seconds=lease_seconds),
            )
            .where(OutboxItem.id == row.id)
            .execute()
        )
        if row.kind == OutboxKind.ORDER_CREATE:
            Order.update(sync_state=SyncState.PENDING).where(
                Order.id == row.aggregate_id, Order.sync_state == SyncState.LOCAL
            ).execute()
    return Claimed(
        id=row.id,
        kind=_kind(row.kind),
        aggregate_id=row.aggregate_id,
        idempotency_key=row.idempotency_key,
        payload=json.loads(row.payload_json),
        failures=row.attempts,
        attempted_before=attempted_before,
        first_attempt_at=first,
        request_body=row.request_body,
    )


def _kind(value: str) -> OutboxKind | str:
    try:
        return OutboxKind(value)
    except ValueError:
        return value


def seconds_until_next_due() -> float | None:
    row = (
        OutboxItem.select(OutboxItem.next_attempt_at)
        .where(OutboxItem.status == OutboxStatus.PENDING)
        .order_by(OutboxItem.next_attempt_at.asc(nulls="first"))
        .first()
    )
    if row is None:
        return None
    if row.next_attempt_at is None:
        return 0.0
    return max(0.0, (clock.parse_iso(row.next_attempt_at) - clock.utcnow()).total_seconds())


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
        stored: str = (
            OutboxItem.select(OutboxItem.request_body).where(OutboxItem.id == item_id).scalar()
        )
        return stored


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


# ---------------------------------------------------------------- settle (dispatcher)


def settle_delivered(item_id: int, remote_id: str, remote_number: str | None = None) -> str:
    """Sendocki has it: the row is done and, for an order.create, the order is synced.

    Returns the aggregate id, for what the caller records in the same transaction.
    """
    with database_proxy.atomic():
        item = OutboxItem.get_by_id(item_id)
        _settle(
            item_id,
            OutboxStatus.DONE,
            remote_id=remote_id,
            next_attempt_at=None,
            last_status=201,
            last_error=None,
        )
        if item.kind == OutboxKind.ORDER_CREATE:
            _set_order_state(
                item.aggregate_id,
                SyncState.SYNCED,
                remote_id=remote_id,
                remote_number=remote_number,
            )
    aggregate_id: str = item.aggregate_id
    return aggregate_id


def settle_without_effect(item_id: int, status: int, message: str) -> None:
    """Sendocki answered and took nothing, for a reason no retry changes and no error of ours
    (the order had moved meanwhile): the row is done, the reason kept; the caller tells the
    agent."""
    _settle(
        item_id, OutboxStatus.DONE, next_attempt_at=None, last_status=status, last_error=message
    )


def settle_retry(item_id: int, delay: float, status: int | None, error: str) -> None:
    """Back to the queue after `delay` seconds, one more failure counted."""
    _settle(
        item_id,
        OutboxStatus.PENDING,
        attempts=OutboxItem.attempts + 1,
        next_attempt_at=clock.iso_in(seconds=delay),
        last_status=status,
        last_error=error,
    )


def settle_needs_attention(item_id: int, status: int | None, message: str) -> None:
    """Refused for good: the row stops and its order shows it (a person must look)."""
    with database_proxy.atomic():
        item = OutboxItem.get_by_id(item_id)
        _settle(
            item_id,
            OutboxStatus.NEEDS_ATTENTION,
            attempts=OutboxItem.attempts + 1,
            next_attempt_at=None,
            last_status=status,
            last_error=message,
        )
        _set_order_state(item.aggregate_id, SyncState.NEEDS_ATTENTION)


def unclaim(item_id: int, status: int | None, error: str) -> None:
    """Back to the queue without counting an attempt (the account must be reconnected first)."""
    _settle(item_id, OutboxStatus.PENDING, last_status=status, last_error=error)


def _settle(item_id: int, status: OutboxStatus, **changes: Any) -> None:
    """Ends the claim: the row takes `status` and `changes`, and its lease is dropped."""
    if changes.get("last_error"):
        changes["last_error"] = clip(changes["last_error"])
    (
        OutboxItem.update(status=status, lease_until=None, updated_at=clock.now_iso(), **changes)
        .where(OutboxItem.id == item_id)
        .execute()
    )


def _set_order_state(order_id: str, state: SyncState, **changes: Any) -> None:
    Order.update(sync_state=state, **changes).where(Order.id == order_id).execute()


def make_all_due() -> int:
    """Connectivity is back: rows waiting out a backoff may go now (not those told Retry-After)."""
    return (
        OutboxItem.update(next_attempt_at=None)
        .where(
            OutboxItem.status == OutboxStatus.PENDING,
            OutboxItem.next_attempt_at.is_null(False),
            OutboxItem.last_status.is_null() | (OutboxItem.last_status != 429),
        )
        .execute()
    )


# ---------------------------------------------------------------- account connected or not


def initial_sync_state(connected: bool) -> SyncState:
    """An order being created is pending when an account is connected (the outbox sends it),
    local otherwise (sent once one is)."""
    return SyncState.PENDING if connected else SyncState.LOCAL


def retag_queued_orders(connected: bool) -> int:
    """The account was connected or disconnected: orders whose create row is still queued
    become pending, or local again. Returns how many changed."""
    old, new = (
        (SyncState.LOCAL, SyncState.PENDING) if connected else (SyncState.PENDING, SyncState.LOCAL)
    )
    queued = OutboxItem.select(OutboxItem.aggregate_id).where(
        OutboxItem.kind == OutboxKind.ORDER_CREATE, OutboxItem.status.in_(ACTIVE)
    )
    return (
        Order.update(sync_state=new).where(Order.sync_state == old, Order.id.in_(queued)).execute()
    )


# ---------------------------------------------------------------- counts (status)


@dataclass
class Depth:
    active: int  # pending or in flight
    needs_attention: int
    oldest_active_created_at: str | None
    last_error: str | None  # of the most recently updated row that has one


def depth() -> Depth:
    oldest = (
        OutboxItem.select(OutboxItem.created_at)
        .where(OutboxItem.status.in_(ACTIVE))
        .order_by(OutboxItem.id)
        .first()
    )
    last = (
        OutboxItem.select(OutboxItem.last_error)
        .where(OutboxItem.last_error.is_null(False))
        .order_by(OutboxItem.updated_at.desc())
        .first()
    )
    return Depth(
        active=OutboxItem.select().where(OutboxItem.status.in_(ACTIVE)).count(),
        needs_attention=OutboxItem.select()
        .where(OutboxItem.status == OutboxStatus.NEEDS_ATTENTION)
        .count(),
        oldest_active_created_at=oldest.created_at if oldest else None,
        last_error=last.last_error if last else None,
    )
