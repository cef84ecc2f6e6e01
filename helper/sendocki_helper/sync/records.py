"""What the helper understands of the API's data, independent of the wire format."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Tombstone:
    remote_id: str


@dataclass
class VariantRecord:
    remote_id: str
    sku: str
    name: str
    attributes: dict
    price: Decimal | None
    available: int
    active: bool


@dataclass
class ProductRecord:
    remote_id: str
    sku: str
    name: str
    kind: str
    price: Decimal
    cost: Decimal | None
    active: bool
    variants: list[VariantRecord]
    image_url: str | None = None  # the first photo, for the dialog's thumbnail


@dataclass
class AddressRecord:
    remote_id: str
    line: str
    city: str
    client_reference: str | None


@dataclass
class CustomerRecord:
    remote_id: str
    name: str
    phone: str | None
    email: str | None
    tags: list[str]
    client_reference: str | None
    addresses: list[AddressRecord]


@dataclass
class StageRecord:
    remote_id: str
    name: str
    color: str
    position: int
    state: str | None
    active: bool
    description: str | None
    message_template: str | None
    automated: bool = False  # Sendocki sends this stage's message itself


@dataclass
class StageChangeRecord:
    from_stage: str | None  # remote stage ids
    to_stage: str
    at: str  # the store's ISO form
    agent: str | None
    client_reference: str | None  # a move's id, when a helper made it


@dataclass
class OrderLineRecord:
    kind: str
    variant: str | None  # remote variant id
    sku: str | None
    name: str
    quantity: int
    catalog_unit_price: Decimal | None
    unit_price: Decimal


@dataclass
class OrderRecord:
    remote_id: str
    number: str
    client_reference: str | None  # the creating helper's own order id
    external_number: str | None
    created_at: str  # the store's ISO form
    created_by: str | None  # remote agent id
    agent: str | None
    team: str | None
    stage: str  # remote stage id
    stage_history: list[StageChangeRecord]
    customer: str  # remote customer id
    customer_name: str | None
    customer_phone: str | None
    address: str | None  # remote address id
    lines: list[OrderLineRecord]
    total: Decimal
    currency: str
    payment_method: str
    payment_status: str
    note: str | None
    chat_key: str | None


@dataclass
class PersonRecord:
    """An agent or a team."""

    remote_id: str
    name: str
    active: bool


@dataclass
class FeedPage:
    records: list
    next_cursor: str
    has_more: bool
    remaining: int | None = None
    # "id: why" for each entry the API sent that this contract does not allow (not stored)
    skipped: list[str] = field(default_factory=list)


@dataclass
class Account:
    workspace_id: str
    workspace_name: str
    currency: str
    default_region: str | None


@dataclass
class RemoteOrder:
    remote_id: str
    number: str
    customer_remote_id: str | None
    address_remote_id: str | None
    stage_name: str | None = None


@dataclass
class RemoteRefs:
    """Sendocki ids of the local rows an order points at (None: known only locally)."""

    customer: str | None = None
    address: str | None = None
    stage: str | None = None
    agent: str | None = None
    team: str | None = None
    creator: str | None = None  # the agent who created the order
    variants: dict[str, str] = field(default_factory=dict)  # local variant id -> remote id


@dataclass
class LocalCustomer:
    """The card as it stands locally, for fields the outbox payload lacks."""

    id: str
    name: str
    phone: str | None
    email: str | None


@dataclass
class DeliveryFees:
    """The account's delivery fee by city; empty when the shop has set none."""

    fees: list[tuple[str, Decimal]]  # (city as the account writes it, fee)
    default_fee: Decimal | None
    free_above: Decimal | None
