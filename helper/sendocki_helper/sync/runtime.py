"""Connected mode in the running helper: the dispatcher and a periodic pull, as background tasks.

The account is read from the credentials file on each round, so `connect` and `disconnect`
(another process) take effect without a restart.
"""

import asyncio
import contextlib
import logging
import os
from pathlib import Path

from sendocki_helper.services import connection
from sendocki_helper.services.errors import ServiceError
from sendocki_helper.store.db import Store
from sendocki_helper.sync import credentials
from sendocki_helper.sync.client import ApiError, AuthRefused, SendockiClient
from sendocki_helper.sync.dispatcher import Dispatcher
from sendocki_helper.sync.puller import pull_all
from sendocki_helper.sync.wire import WireError

log = logging.getLogger("sendocki_helper.sync")

PULL_INTERVAL = float(os.environ.get("SENDOCKI_PULL_INTERVAL", "60"))
IDLE_POLL = float(os.environ.get("SENDOCKI_OUTBOX_POLL", "1"))
BACKOFF_CAP = float(os.environ.get("SENDOCKI_BACKOFF_CAP", "300"))


class SyncRuntime:
    def __init__(
        self,
        store: Store,
        data_dir: Path,
        *,
        pull_interval: float = PULL_INTERVAL,
        idle_poll: float = IDLE_POLL,
        backoff_cap: float = BACKOFF_CAP,
    ):
        self.store = store
        self.data_dir = Path(data_dir)
        self.pull_interval = pull_interval
        self.dispatcher = Dispatcher(
            store, self.client, idle_poll=idle_poll, backoff_cap=backoff_cap
        )
        self._client: SendockiClient | None = None
        self._credentials: credentials.Credentials | None = None
        self._pull_now = asyncio.Event()
        self._pulling = asyncio.Lock()  # one pull at a time: the loop's or one asked for
        self._tasks: list[asyncio.Task] = []

    def client(self) -> SendockiClient | None:
        current = credentials.load(self.data_dir)
        if current != self._credentials:
            if self._client is not None:
                asyncio.get_running_loop().create_task(self._client.close())
            self._credentials = current
            self._client = SendockiClient(current.api_url, current.api_key) if current else None
        return self._client

    def order_saved(self) -> None:
        """An order was just committed: the dispatcher sends it now rather than at its next poll."""
        self.dispatcher.wake()

    def request_pull(self) -> None:
        self._pull_now.set()

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self.dispatcher.run(), name="outbox-dispatcher"),
            asyncio.create_task(self._pull_loop(), name="sendocki-pull"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._client is not None:
            await self._client.close()

    async def _pull_loop(self) -> None:
        while True:
            client = self.client()
            if client is not None and not await self.store.run(connection.paused_reason):
                await self.pull_once(client)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._pull_now.wait(), timeout=self.pull_interval)
            self._pull_now.clear()

    async def pull_now(self) -> dict[str, int]:
        """A pull asked for (the extension's refresh): waits for it and says what it brought."""
        client = self.client()
        if client is None:
            raise ServiceError(
                409,
                "not_connected",
                "No Sendocki account is connected",
                detail="Run `sendocki-helper connect` to pull from Sendocki.",
            )
        try:
            async with self._pulling:
                counts = await pull_all(self.store, client)
        except (ApiError, WireError) as error:
            message = getattr(error, "message", None) or str(error)
            await self.store.run(connection.record_contact, False, f"pull failed: {message}")
            raise ServiceError(
                502, "sendocki_unreachable", "The pull from Sendocki failed", detail=message
            ) from None
        self.dispatcher.wake()
        return counts

    async def pull_once(self, client: SendockiClient) -> None:
        try:
            async with self._pulling:
                await pull_all(self.store, client)
            self.dispatcher.wake()  # the API answers: anything waiting out a backoff may go
        except AuthRefused as error:
            await self.store.run(
                connection.pause,
                "auth",
                f"Sendocki refused the API key ({error.status}): reconnect the account",
            )
        except (ApiError, WireError) as error:
            message = getattr(error, "message", None) or str(error)
            await self.store.run(connection.record_contact, False, f"pull failed: {message}")
            log.info("pull failed: %s", message)
        except Exception as error:  # a bug or a store failure: status says so, the loop goes on
            log.exception("pull failed")
            await self.store.run(
                connection.record_contact, False, f"pull failed: {type(error).__name__}: {error}"
            )
