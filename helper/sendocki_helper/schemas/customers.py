"""Customer resolution: `GET /v1/customers/resolve` query and answer."""

from typing import Literal

from pydantic import Field

from sendocki_helper.schemas.common import Money, Open, Strict


class ResolveQuery(Strict):
    phone: str | None = Field(
        default=None, max_length=64, description="In any writing; E.164 in the answer"
    )
    conversation: str | None = Field(
        default=None,
        max_length=128,
        description="WhatsApp chat key: <digits>@c.us, <digits>@lid or title:<hex>",
    )
    title_key: str | None = Field(
        default=None, max_length=40, description="the chat's title key, asked after `conversation`"
    )


class StageBadge(Open):
    id: str
    name: str
    color: str
    state: str | None = None


class AddressOut(Open):
    id: str
    line: str
    city: str


class CustomerStats(Open):
    orders: int
    total_spent: Money  # cancelled, returned and failed deliveries excluded


class RecentOrder(Open):
    id: str
    number: str
    total: Money
    created_at: str
    stage: StageBadge


class PersonRef(Open):
    id: str
    name: str


class OpenOrder(Open):
    id: str
    number: str  # as its creator numbered it
    total: Money
    created_at: str
    origin: str  # local | sendocki (made in the web app or by a teammate)
    stage: StageBadge
    created_by: PersonRef | None = None


class CustomerCard(Open):
    id: str
    name: str
    phone: str | None  # E.164, as stored
    phone_national: str | None = None  # as an agent of the workspace's country reads it
    email: str | None
    tags: list[str] = Field(default_factory=list)
    duplicate: bool = False  # several cards share this phone; none is merged silently
    addresses: list[AddressOut]
    stats: CustomerStats
    recent_orders: list[RecentOrder]  # newest first, at most 5
    # not delivered, returned, cancelled or failed; newest first, at most 10
    open_orders: list[OpenOrder] = Field(default_factory=list)


class ResolveAnswer(Open):
    phone: str | None  # E.164
    status: Literal["existing", "unknown", "duplicates"]
    matched_by: Literal["phone", "conversation"] | None = None
    conversation: str | None = None
    customers: list[CustomerCard]
