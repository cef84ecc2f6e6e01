"""The outbox dispatcher: pushes each order to Sendocki exactly once (docs/security.md, "Retries").

Oldest first, one at a time. The same Idempotency-Key on every retry; before re-sending
anything that may have reached the API, it asks the API by client reference.
"""

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from datetime import timedelta

from sendocki_helper import clock
from sendocki_helper.services import connection, outbox
from sendocki_helper.store.db import Store
from sendocki_helper.sync import move_delivery, order_delivery, wire
from sendocki_helper.sync.backoff import retry_delay
from sendocki_helper.sync.client import (
    AuthRefused,
    Rejected,
    Retryable,
    SendockiClient,
    StageConflict,
    Unreachable,
)
from sendocki_helper.sync.records import OrderRecord, RemoteOrder

log = logging.getLogger("sendocki_helper.sync")

LEASE_SECONDS = 60
# The contract keeps keys at least 24 h; past this age a key may be gone, so a lost order is
# looked up and, if absent, re-sent under a fresh key.
KEY_RETENTION = timedelta(hours=23)
IN_PROGRESS_DELAY = 1.0


class Dispatcher:
    def __init__(
        self,
        store: Store,
        client_source: Callable[[], SendockiClient | None],
        *,
        idle_poll: float = 1.0,
        backoff_cap: float = 300.0,
        rand: random.Random | None = None,
    ):
        """`client_source` gives the client for the connected account, or None when not connected."""
        self.store = store
        self.client_source = client_source
        self.idle_poll = idle_poll
        self.backoff_cap = backoff_cap
        self.rand = rand or random.Random()
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """A new order, or connectivity back: look at the queue now."""
        self._wake.set()

    async def run(self) -> None:
        await self.store.run(outbox.release_claims)
        while True:
            try:
                await self.drain()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the outbox dispatcher failed; retrying")
            await self._sleep(await self._idle_time())

    async def drain(self) -> int:
        """One round: sends every row due now, each at most once; returns how many were tried."""
        attempts = 0
        started = clock.now_iso()
        while True:
            client = self.client_source()
            if client is None or await self.store.run(connection.paused_reason) is not None:
                return attempts
            claimed = await self.store.run(outbox.claim_next, LEASE_SECONDS, started)
            if claimed is None:
                return attempts
            attempts += 1
            await self.deliver(client, claimed)

    async def deliver(self, client: SendockiClient, claimed: outbox.Claimed) -> None:
        senders = {
            str(outbox.OutboxKind.ORDER_CREATE): self._send_create,
            str(outbox.OutboxKind.ORDER_MOVE): self._send_move,
        }
        send = senders.get(str(claimed.kind))
        if send is None:
            await self.store.run(
                outbox.settle_needs_attention,
                claimed.id,
                None,
                f"this helper cannot send outbox items of kind {claimed.kind!r}",
            )
            return
        try:
            await send(client, claimed)
        except AuthRefused as error:
            message = f"Sendocki refused the API key ({error.status}): reconnect the account"
            await self.store.run(outbox.unclaim, claimed.id, error.status, message)
            await self.store.run(connection.pause, "auth", message)
            log.warning("outbox paused: the API key was refused (%s)", error.status)
        except Rejected as error:
            await self.store.run(
                outbox.settle_needs_attention, claimed.id, error.status, error.message
            )
            await self.store.run(
                connection.record_contact,
                True,
                f"order {claimed.payload.get('number') or claimed.order_id}: {error.message}",
            )
            log.warning("order %s needs attention: HTTP %s", claimed.order_id, error.status)
        except (Retryable, Unreachable, wire.WireError) as error:
            await self._retry_later(claimed, error)

    async def _send_create(self, client: SendockiClient, claimed: outbox.Claimed) -> None:
        key, body = claimed.idempotency_key, claimed.request_body
        if claimed.attempted_before:
            found = await client.find_order(claimed.order_id)
            if found is not None:
                await self._delivered(claimed, found)
                return
            if claimed.first_attempt_age() > KEY_RETENTION:
                key, body = await self.store.run(outbox.renew_key, claimed.id), None
        if body is None:
            body = await self.store.run(self._first_body, claimed, key)
        remote = await client.create_order(body, key)
        await self._delivered(claimed, remote)

    async def _send_move(self, client: SendockiClient, claimed: outbox.Claimed) -> None:
        """Like a creation: one key per move, the stored body on every retry, and a look at
        the order's history in Sendocki before any re-send that may have arrived."""
        refs = await self.store.run(move_delivery.move_refs, claimed.order_id, claimed.payload)
        if refs.order is None:
            raise Rejected("the order is not in Sendocki: its move cannot be sent")
        move_id = claimed.payload["move_id"]
        key, body = claimed.idempotency_key, claimed.request_body
        if claimed.attempted_before:
            found = await client.get_order(refs.order)
            if wire.has_move(found, move_id):
                await self._moved(claimed, found)
                return
            if claimed.first_attempt_age() > KEY_RETENTION:
                key, body = await self.store.run(outbox.renew_key, claimed.id), None
        if body is None:
            body = await self.store.run(
                outbox.keep_body,
                claimed.id,
                key,
                wire.move_body_text(move_id, refs.to_stage, refs.from_stage, refs.agent),
            )
        try:
            moved = await client.move_order(refs.order, body, key)
        except StageConflict as conflict:
            message = await self.store.run(
                move_delivery.record_conflict,
                claimed.id,
                claimed.order_id,
                claimed.payload,
                conflict.order,
            )
            await self.store.run(connection.record_contact, True)
            log.warning("order %s: move refused, %s", claimed.order_id, message)
            return
        await self._moved(claimed, moved)

    async def _moved(self, claimed: outbox.Claimed, order: OrderRecord) -> None:
        await self.store.run(move_delivery.record_moved, claimed.id, order)
        if claimed.failures:
            await self.store.run(outbox.make_all_due)
        await self.store.run(connection.record_contact, True)
        log.info("order %s: move sent", claimed.order_id)

    @staticmethod
    def _first_body(claimed: outbox.Claimed, key: str) -> str:
        """Built once per key and stored before it is sent: retries must not see later pulls."""
        refs, customer = order_delivery.order_context(claimed)
        return outbox.keep_body(
            claimed.id, key, wire.order_body_text(claimed.payload, refs, customer)
        )

    async def _delivered(self, claimed: outbox.Claimed, remote: RemoteOrder) -> None:
        await self.store.run(order_delivery.record_delivery, claimed.id, remote)
        if claimed.failures:
            await self.store.run(outbox.make_all_due)
        await self.store.run(connection.record_contact, True)
        log.info("order %s synced as %s", claimed.order_id, remote.number)

    async def _retry_later(
        self, claimed: outbox.Claimed, error: Retryable | Unreachable | wire.WireError
    ) -> None:
        status = getattr(error, "status", None)
        retry_after = getattr(error, "retry_after", None)
        if status == 409:
            delay = max(IN_PROGRESS_DELAY, retry_after or 0)
        else:
            delay = retry_delay(claimed.failures + 1, retry_after, self.backoff_cap, self.rand)
        message = getattr(error, "message", None) or str(error)
        await self.store.run(outbox.settle_retry, claimed.id, delay, status, message)
        await self.store.run(
            connection.record_contact, isinstance(error, (Retryable, wire.WireError)), message
        )
        log.info("order %s: %s; next attempt in %.1f s", claimed.order_id, message, delay)

    async def _idle_time(self) -> float:
        if self.client_source() is None:
            # Standalone: nothing is sent, so no store hop (it would queue before the next order).
            return self.idle_poll
        due = await self.store.run(outbox.seconds_until_next_due)
        return self.idle_poll if due is None else min(self.idle_poll, due)

    async def _sleep(self, seconds: float) -> None:
        # asyncio.timeout, not wait_for: no task per sleep; every order wakes this loop, on the
        # event loop that answers the next request.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(seconds, 0.01)):
                await self._wake.wait()
        self._wake.clear()
