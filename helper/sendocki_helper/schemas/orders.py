"""Orders: `POST /v1/orders` body, the order answer, history."""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from sendocki_helper.schemas.common import Money, Open, Strict
from sendocki_helper.schemas.customers import AddressOut, StageBadge
from sendocki_helper.services.outbox import SyncState
from sendocki_helper.services.workspace import PaymentMethod, PaymentStatus

MAX_QUANTITY = 9999
MAX_LINES = 200


def _quantity(value: int) -> int:
    if not 1 <= value <= MAX_QUANTITY:
        raise PydanticCustomError(
            "quantity_range",
            "must be an integer from {min} to {max}",
            {"min": 1, "max": MAX_QUANTITY},
        )
    return value


def _price(value: Decimal) -> Decimal:
    if value < 0:
        raise PydanticCustomError("below_zero", "must not be below 0")
    return value


# strict: 2.0, "2" and true are not quantities.
Quantity = Annotated[int, Field(strict=True), AfterValidator(_quantity)]
# At most 2 decimals; 10 integer digits is far beyond any COD order and keeps centimes in int64.
Price = Annotated[
    Decimal, Field(allow_inf_nan=False, max_digits=12, decimal_places=2), AfterValidator(_price)
]


class AddressIn(Strict):
    line: str = Field(min_length=1, max_length=500)
    city: str = Field(min_length=1, max_length=120)


class CustomerIn(Strict):
    id: str | None = Field(default=None, max_length=64, description="Pick an existing card")
    name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=64)
    email: str | None = Field(default=None, max_length=254)
    address_id: str | None = Field(default=None, max_length=64, description="Pick a saved address")
    address: AddressIn | None = Field(default=None, description="Add an address to the card")


class LineIn(Strict):
    kind: Literal["catalog", "free", "delivery"] = Field(
        description="delivery: the fee for the order's city (docs/delivery.md), quantity 1"
    )
    sku: str | None = Field(default=None, max_length=120, description="catalog line: by SKU")
    variant_id: str | None = Field(
        default=None, max_length=64, description="catalog line: by variant"
    )
    name: str | None = Field(default=None, max_length=200, description="free line only")
    quantity: Quantity
    unit_price: Price | None = Field(
        default=None,
        description="applied price; required on a free line; on a delivery line the agent's fee",
    )


class ConversationIn(Strict):
    chat_key: str = Field(
        max_length=128, description="<digits>@c.us, <digits>@lid or a title key title:<hex>"
    )
    display_name: str | None = Field(default=None, max_length=200)
    title_key: str | None = Field(
        default=None,
        max_length=40,
        description="the same chat's title key; its orders move to chat_key (re-link)",
    )


class OrderRequest(Strict):
    customer: CustomerIn
    lines: list[LineIn] = Field(max_length=MAX_LINES)
    total: Price | None = Field(
        default=None, description="the agent's total (discount); default lines_total"
    )
    stage_id: str | None = Field(
        default=None, max_length=64, description="default: first active stage"
    )
    payment_method: PaymentMethod = "cash_on_delivery"
    payment_status: PaymentStatus = "pending"
    agent_id: str | None = Field(default=None, max_length=64)
    team_id: str | None = Field(default=None, max_length=64)
    note: str | None = Field(default=None, max_length=2000)
    conversation: ConversationIn | None = None

    @field_validator("lines")
    @classmethod
    def _at_least_one(cls, lines: list[LineIn]) -> list[LineIn]:
        if not lines:
            raise PydanticCustomError("no_lines", "an order needs at least one line")
        return lines


class OrderCustomer(Open):
    id: str
    created: bool
    name: str | None = None
    phone: str | None = None


class OrderLineOut(Open):
    kind: Literal["catalog", "free", "delivery"]
    sku: str | None = None
    variant_id: str | None = None
    product_id: str | None = None
    name: str
    quantity: int
    catalog_unit_price: Money | None
    unit_price: Money
    line_total: Money


class OrderWarning(Open):
    code: str
    sku: str | None = None
    variant_id: str | None = None
    available: int | None = None
    requested: int | None = None


class ConversationOut(Open):
    chat_key: str
    display_name: str | None = None


class PersonRef(Open):
    id: str
    name: str


class StageChangeOut(Open):
    from_stage: dict | None  # {id, name}; None for the order's creation
    to_stage: StageBadge
    at: str
    origin: str  # local (moved here) | sendocki (the pull brought it)
    pairing: PersonRef | None = None  # the paired browser that moved it here
    agent: PersonRef | None = None


class StageIssue(Open):
    code: str  # stage_conflict: Sendocki had moved the order meanwhile
    message: str
    wanted_stage_id: str | None = None
    at: str | None = None


class OrderOut(Open):
    id: str
    number: str
    created_at: str
    stage: StageBadge
    customer: OrderCustomer
    lines: list[OrderLineOut]
    catalog_total: Money
    lines_total: Money
    total: Money
    adjustment: Money  # total - catalog_total: the trace of every discount
    currency: str
    payment_method: str
    payment_status: str
    agent_id: str | None = None
    team_id: str | None = None
    note: str | None = None
    address: AddressOut | None = None
    conversation: ConversationOut | None = None
    sync_state: SyncState
    warnings: list[OrderWarning]
    automation_message: str | None
    origin: str = "local"  # local | sendocki (made in the web app or by a teammate)
    external_number: str | None = None  # the number its creating tool gave it (a teammate's WA-…)
    remote_number: str | None = None  # Sendocki's number (SO-…)
    created_by: PersonRef | None = None  # the agent who created it
    stage_changed_at: str | None = None
    stage_issue: StageIssue | None = None  # a move Sendocki did not take; see docs/pipeline.md


class OrdersQuery(Strict):
    conversation: str | None = Field(default=None, max_length=128)
    title_key: str | None = Field(
        default=None, max_length=40, description="the conversation's title key, also searched"
    )
    customer: str | None = Field(default=None, max_length=64)
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(
        default=None, max_length=32, description="the `next` of the previous page"
    )


class OrderList(Open):
    orders: list[OrderOut]
    next: str | None  # pass as `cursor` for the next (older) page


class StageHistory(Open):
    changes: list[StageChangeOut]  # oldest first, the creation included


class StageMoveRequest(Strict):
    stage_id: str = Field(max_length=64, description="an active stage")


class StageMoveOut(OrderOut):
    moved: bool  # false: the order already was in that stage (nothing changed, no message)
    stage_message: str | None  # the stage's message, rendered for the agent; never sent
