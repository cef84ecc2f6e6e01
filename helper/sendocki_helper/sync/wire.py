"""The Sendocki sync API's wire format (docs/sendocki-api.md), and nothing else.

Paths, headers, query parameters and JSON field names live here only: the client sends what
this module builds and hands back what this module parses, so a real contract replaces this file.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from email.utils import parsedate_to_datetime
from typing import TypeVar
from urllib.parse import urlsplit

from sendocki_helper import clock
from sendocki_helper.sync.records import (
    Account,
    AddressRecord,
    CustomerRecord,
    DeliveryFees,
    FeedPage,
    LocalCustomer,
    OrderLineRecord,
    OrderRecord,
    PersonRecord,
    ProductRecord,
    RemoteOrder,
    RemoteRefs,
    StageChangeRecord,
    StageRecord,
    Tombstone,
    VariantRecord,
)

# Pull order: stages, agents and teams first, so a customer or order never points at the unknown.
# Orders last: they point at stages, agents, customers and variants.
FEEDS = ("stages", "agents", "teams", "catalog", "customers", "orders")
PAGE_SIZE = {"catalog": 500, "customers": 1000}
DEFAULT_PAGE_SIZE = 500
LINE_KINDS = ("catalog", "free", "delivery")
T = TypeVar("T")

# Non-negative, two decimals, at most 12 digits before the point (a billion dirhams and more):
# what the store's integer centimes hold, and all a price can be.
MONEY = re.compile(r"^\d{1,12}\.\d{2}$")
MAX_COUNT = 1_000_000_000


class WireError(ValueError):
    """The API answered something this contract does not allow."""


@dataclass
class Request:
    method: str
    path: str
    params: dict = field(default_factory=dict)
    json: dict | None = None
    headers: dict = field(default_factory=dict)
    data: bytes | None = None  # a body sent byte for byte (instead of `json`)


@dataclass
class Problem:
    status: int
    code: str
    message: str
    retry_after: float | None = None
    existing_order: RemoteOrder | None = None  # set when the client reference was already used
    conflict_order: OrderRecord | None = None  # a move refused: the order as it is now


def auth_headers(api_key: str) -> dict:
    return {"Authorization": f"Bearer {api_key}", "Accept": "application/json"}


# --- account -----------------------------------------------------------------------------------


def account_request() -> Request:
    return Request("GET", "/v1/account")


def parse_account(data: dict) -> Account:
    workspace = _get(data, "workspace", dict)
    return Account(
        workspace_id=str(workspace.get("id") or ""),
        workspace_name=str(workspace.get("name") or ""),
        currency=str(workspace.get("currency") or "MAD"),
        default_region=workspace.get("default_region"),
    )


# --- delta pulls -------------------------------------------------------------------------------


def feed_request(feed: str, cursor: str | None, count: bool = False) -> Request:
    params = {"limit": str(PAGE_SIZE.get(feed, DEFAULT_PAGE_SIZE))}
    if cursor:
        params["cursor"] = cursor
    if count:
        params["count"] = "true"
    return Request("GET", f"/v1/sync/{feed}", params=params)


def parse_feed_page(feed: str, data: dict) -> FeedPage:
    """One page; an entry this contract does not allow is skipped and named, not fatal."""
    parse_entry = ENTRY_PARSERS[feed]
    entries = _get(data, "data", list)
    asked = PAGE_SIZE.get(feed, DEFAULT_PAGE_SIZE)
    if len(entries) > asked:
        # One page is one transaction: an oversized one would hold the store for seconds.
        raise WireError(
            f"{feed}: the API sent {len(entries)} entries when at most {asked} were asked"
        )
    records, skipped = [], []
    for entry in entries:
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        try:
            if not isinstance(entry_id, str):
                raise WireError("an entry without an id")
            records.append(Tombstone(entry_id) if entry.get("deleted") else parse_entry(entry))
        except (WireError, ValueError, TypeError, ArithmeticError) as error:
            skipped.append(f"{feed} {str(entry_id)[:40] if entry_id else '?'}: {_short(error)}")
    remaining = data.get("remaining")
    return FeedPage(
        records=records,
        next_cursor=_get(data, "next_cursor", str),
        has_more=bool(data.get("has_more")),
        remaining=remaining if isinstance(remaining, int) else None,
        skipped=skipped,
    )


def _short(error: Exception, limit: int = 120) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _product(entry: dict) -> ProductRecord:
    return ProductRecord(
        remote_id=entry["id"],
        sku=_get(entry, "sku", str),
        name=_get(entry, "name", str),
        kind=entry.get("kind") or "simple",
        price=_money(entry.get("price"), "price"),
        cost=_optional_money(entry.get("cost"), "cost"),
        active=bool(entry.get("active", True)),
        image_url=_first_photo(entry.get("images")),
        variants=[
            VariantRecord(
                remote_id=_get(v, "id", str),
                sku=_get(v, "sku", str),
                name=_get(v, "name", str),
                attributes=v.get("attributes") or {},
                price=_optional_money(v.get("price"), "price"),
                available=_count(v.get("available"), "available"),
                active=bool(v.get("active", True)),
            )
            for v in entry.get("variants") or []
        ],
    )


MAX_URL_CHARS = 2048


def _first_photo(images: object) -> str | None:
    """The first http(s) address of a product's `images` (others are ignored, not an error)."""
    for url in images if isinstance(images, list) else []:
        if isinstance(url, str) and len(url) <= MAX_URL_CHARS:
            parts = urlsplit(url.strip())
            if parts.scheme in ("http", "https") and parts.hostname:
                return url.strip()
    return None


def delivery_fees_request() -> Request:
    return Request("GET", "/v1/delivery-fees")


MAX_DELIVERY_CITIES = 2000


def parse_delivery_fees(data: dict) -> DeliveryFees:
    rows = data.get("fees") or []
    if not isinstance(rows, list) or len(rows) > MAX_DELIVERY_CITIES:
        raise WireError(f"field 'fees' must be a list of at most {MAX_DELIVERY_CITIES} cities")
    fees = []
    for row in rows:
        city = _get(row, "city", str).strip()
        if not city or len(city) > 120:
            raise WireError("a delivery fee's 'city' must be 1 to 120 characters")
        fees.append((city, _money(row.get("fee"), "fee")))
    return DeliveryFees(
        fees,
        _optional_money(data.get("default_fee"), "default_fee"),
        _optional_money(data.get("free_above"), "free_above"),
    )


def _customer(entry: dict) -> CustomerRecord:
    return CustomerRecord(
        remote_id=entry["id"],
        name=_get(entry, "name", str),
        phone=entry.get("phone"),
        email=entry.get("email"),
        tags=list(entry.get("tags") or []),
        client_reference=entry.get("client_reference"),
        addresses=[
            AddressRecord(
                remote_id=_get(a, "id", str),
                line=_get(a, "line", str),
                city=_get(a, "city", str),
                client_reference=a.get("client_reference"),
            )
            for a in entry.get("addresses") or []
        ],
    )


def _stage(entry: dict) -> StageRecord:
    return StageRecord(
        remote_id=entry["id"],
        name=_get(entry, "name", str),
        color=entry.get("color") or "gray",
        position=int(entry.get("position") or 0),
        state=entry.get("state"),
        active=bool(entry.get("active", True)),
        description=entry.get("description"),
        message_template=entry.get("message_template"),
        automated=bool(entry.get("automated_message", False)),
    )


def _person(entry: dict) -> PersonRecord:
    return PersonRecord(
        remote_id=entry["id"], name=_get(entry, "name", str), active=bool(entry.get("active", True))
    )


def _order(entry: dict) -> OrderRecord:
    customer = _get(entry, "customer", dict)
    address = entry.get("address") or {}
    conversation = entry.get("conversation") or {}
    return OrderRecord(
        remote_id=entry["id"],
        number=_get(entry, "number", str),
        client_reference=entry.get("client_reference"),
        external_number=entry.get("external_number"),
        created_at=_time(entry.get("created_at"), "created_at"),
        created_by=entry.get("created_by"),
        agent=entry.get("agent_id"),
        team=entry.get("team_id"),
        stage=_get(_get(entry, "stage", dict), "id", str),
        stage_history=[
            StageChangeRecord(
                from_stage=change.get("from_stage_id"),
                to_stage=_get(change, "to_stage_id", str),
                at=_time(change.get("at"), "stage_history.at"),
                agent=change.get("agent_id"),
                client_reference=change.get("client_reference"),
            )
            for change in entry.get("stage_history") or []
        ],
        customer=_get(customer, "id", str),
        customer_name=customer.get("name"),
        customer_phone=customer.get("phone"),
        address=address.get("id"),
        lines=[
            OrderLineRecord(
                kind=line.get("kind") if line.get("kind") in LINE_KINDS else "catalog",
                variant=line.get("variant_id"),
                sku=line.get("sku"),
                name=_get(line, "name", str),
                quantity=int(line.get("quantity") or 1),
                catalog_unit_price=_optional_money(
                    line.get("catalog_unit_price"), "catalog_unit_price"
                ),
                unit_price=_money(line.get("unit_price"), "unit_price"),
            )
            for line in entry.get("lines") or []
        ],
        total=_money(entry.get("total"), "total"),
        currency=str(entry.get("currency") or "MAD"),
        payment_method=str(entry.get("payment_method") or "cash_on_delivery"),
        payment_status=str(entry.get("payment_status") or "pending"),
        note=entry.get("note"),
        chat_key=conversation.get("chat_key"),
    )


ENTRY_PARSERS = {
    "catalog": _product,
    "customers": _customer,
    "stages": _stage,
    "agents": _person,
    "teams": _person,
    "orders": _order,
}


# --- orders ------------------------------------------------------------------------------------


def order_create_request(body: str, idempotency_key: str) -> Request:
    """`body` is the text `order_body_text` built for the first attempt under this key."""
    return Request(
        "POST",
        "/v1/orders",
        data=body.encode("utf-8"),
        headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json"},
    )


def order_body_text(payload: dict, refs: RemoteRefs, customer: LocalCustomer) -> str:
    """The order's body as it will be stored and then sent, unchanged, on every attempt.

    `payload` is the order as the helper's own API answers it (the outbox row's payload).
    """
    return json.dumps(
        order_body(payload, refs, customer), ensure_ascii=False, separators=(",", ":")
    )


def order_body(payload: dict, refs: RemoteRefs, customer: LocalCustomer) -> dict:
    snapshot = payload.get("customer") or {}
    address = payload.get("address")
    stage = payload.get("stage") or {}
    conversation = payload.get("conversation")
    return {
        "client_reference": payload["id"],
        "external_number": payload.get("number"),
        "created_at": payload.get("created_at"),
        "customer": {
            "id": refs.customer,
            "client_reference": customer.id,
            "name": snapshot.get("name") or customer.name,
            "phone": snapshot.get("phone") or customer.phone,
            "email": snapshot.get("email", customer.email),
        },
        "address": None
        if not address
        else {
            "id": refs.address,
            "client_reference": address.get("id"),
            "line": address.get("line"),
            "city": address.get("city"),
        },
        "stage": {"id": refs.stage, "name": stage.get("name")},
        "lines": [_line(line, refs) for line in payload.get("lines") or []],
        "total": payload.get("total"),
        "currency": payload.get("currency"),
        "payment_method": payload.get("payment_method"),
        "payment_status": payload.get("payment_status"),
        "agent_id": refs.agent,
        "team_id": refs.team,
        "created_by": refs.creator,
        "note": payload.get("note"),
        "conversation": None
        if not conversation
        else {
            "chat_key": conversation.get("chat_key"),
            "display_name": conversation.get("display_name"),
        },
    }


# What a line of each kind carries to Sendocki, besides its kind (a free line has no catalog
# price to keep; a catalog line also names its variant, by Sendocki's id).
LINE_FIELDS = {
    "delivery": ("name", "quantity", "catalog_unit_price", "unit_price"),
    "free": ("name", "quantity", "unit_price"),
    "catalog": ("sku", "name", "quantity", "catalog_unit_price", "unit_price"),
}


def _line(line: dict, refs: RemoteRefs) -> dict:
    kind = line["kind"] if line.get("kind") in ("delivery", "free") else "catalog"
    wire: dict = {"kind": kind}
    if kind == "catalog":
        wire["variant_id"] = refs.variants.get(line.get("variant_id") or "")
    return wire | {name: line.get(name) for name in LINE_FIELDS[kind]}


def order_lookup_request(client_reference: str) -> Request:
    return Request("GET", "/v1/orders", params={"client_reference": client_reference})


def parse_order(data: dict) -> RemoteOrder:
    customer = data.get("customer") or {}
    address = data.get("address") or {}
    stage = data.get("stage") or {}
    return RemoteOrder(
        remote_id=_get(data, "id", str),
        number=_get(data, "number", str),
        customer_remote_id=customer.get("id"),
        address_remote_id=address.get("id"),
        stage_name=stage.get("name"),
    )


def parse_lookup(data: dict) -> RemoteOrder | None:
    found = _get(data, "orders", list)
    return parse_order(found[0]) if found else None


# --- moving an order -----------------------------------------------------------------------------

STAGE_CONFLICT = "stage_conflict"


def order_get_request(remote_order_id: str) -> Request:
    return Request("GET", f"/v1/orders/{remote_order_id}")


def parse_order_entry(data: dict) -> OrderRecord:
    """The order as the orders feed, `GET /v1/orders/{id}` and a move answer give it."""
    return _order(data)


def move_body_text(
    move_id: str, to_stage: str | None, from_stage: str | None, agent: str | None
) -> str:
    """The move's body (Sendocki ids), stored on its first attempt and sent unchanged after."""
    body = {
        "stage_id": to_stage,
        "expected_stage_id": from_stage,
        "client_reference": move_id,
        "agent_id": agent,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def move_request(remote_order_id: str, body: str, idempotency_key: str) -> Request:
    return Request(
        "POST",
        f"/v1/orders/{remote_order_id}/stage",
        data=body.encode("utf-8"),
        headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json"},
    )


def has_move(order: OrderRecord, move_id: str) -> bool:
    """Whether Sendocki's history holds this move (it arrived, whatever became of the answer)."""
    return any(change.client_reference == move_id for change in order.stage_history)


# --- errors ------------------------------------------------------------------------------------


def parse_problem(status: int, data: object, headers: Mapping[str, str] | None) -> Problem:
    """A problem+json answer (or anything else) into the code and a message a seller can read."""
    data = data if isinstance(data, dict) else {}
    code = str(data.get("code") or f"http_{status}")
    # Whatever the API sends, the message kept (stored, shown in status) stays short.
    parts = [_clip(data.get("title") or f"HTTP {status}")]
    if data.get("detail"):
        parts.append(_clip(data["detail"]))
    listed = data.get("errors")
    errors: list[object] = listed if isinstance(listed, list) else []
    for error in errors[:5]:
        if isinstance(error, dict):
            parts.append(_clip(f"{error.get('field')}: {error.get('message')}"))
    existing = conflict = None
    if code == "client_reference_exists" and isinstance(data.get("order"), dict):
        existing = parse_order(data["order"])
    if code == STAGE_CONFLICT and isinstance(data.get("order"), dict):
        conflict = _order(data["order"])
    return Problem(
        status=status,
        code=_clip(code, 80),
        message=_clip("; ".join(parts), 500),
        retry_after=retry_after(headers),
        existing_order=existing,
        conflict_order=conflict,
    )


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    value = (headers or {}).get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - clock.utcnow()).total_seconds())
    except (TypeError, ValueError):
        return None


def is_in_progress(problem: Problem) -> bool:
    return problem.status == 409 and problem.code == "idempotency_in_progress"


# --- helpers -----------------------------------------------------------------------------------


def _get(data: object, key: str, kind: type[T]) -> T:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind):
        raise WireError(f"expected {kind.__name__} in field {key!r}")
    return value


def _time(value: object, name: str) -> str:
    """An API time (2026-11-27T10:02:03Z, any fraction) in the store's form."""
    if not isinstance(value, str):
        raise WireError(f"field {name!r} must be a time")
    try:
        return clock.iso(clock.parse_any(value))
    except ValueError:
        raise WireError(f"field {name!r} is not an ISO 8601 time: {value!r}") from None


def _optional_money(value: object, name: str) -> Decimal | None:
    return None if value is None else _money(value, name)


def _clip(value: object, limit: int = 200) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(value: object, name: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise WireError(
            f"field {name!r} must be a whole number from 0, got {_clip(repr(value), 40)}"
        )
    return value


def _money(value: object, name: str) -> Decimal:
    if not isinstance(value, str) or not MONEY.match(value):
        raise WireError(
            f'field {name!r} must be a non-negative amount like "149.00", '
            f"got {_clip(repr(value), 40)}"
        )
    try:
        return Decimal(value)
    except InvalidOperation:
        raise WireError(f"field {name!r} is not an amount") from None
