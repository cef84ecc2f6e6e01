"""The customer card an order goes to: picked, found by phone, or created with the order.

Decisions (docs/orders.md): a picked card (`customer.id`) takes the corrected name, phone and
email; a card found by phone without being picked keeps its name (the agent never saw it) and
only gains a missing email; several cards on the phone and none picked is refused, never merged.
"""

from dataclasses import dataclass

from sendocki_helper.ids import new_id
from sendocki_helper.schemas.orders import CustomerIn
from sendocki_helper.services.customers import Card, card_by_id, cards_for_phone
from sendocki_helper.services.errors import FieldError
from sendocki_helper.services.phones import PhoneError, normalise
from sendocki_helper.services.sql import execute, one, rows


@dataclass
class AddressRow:
    id: str
    line: str
    city: str


@dataclass
class CustomerPlan:
    card: Card | None  # None: a new card
    name: str | None
    phone: str | None
    email: str | None
    picked: bool
    address: AddressRow | None = None  # a saved address chosen by id
    new_address: tuple[str, str] | None = None  # (line, city)

    @property
    def city(self) -> str | None:
        """The city the order is delivered to (its delivery fee follows it)."""
        if self.new_address is not None:
            return self.new_address[1]
        return self.address.city if self.address is not None else None


def is_email(text: str) -> bool:
    """Deliberately loose (one @, a dotted domain, no spaces): the card is for humans."""
    local, at, domain = text.rpartition("@")
    return bool(at and local and "." in domain.strip(".") and not any(c.isspace() for c in text))


def plan(data: CustomerIn, region: str, errors: list[FieldError]) -> CustomerPlan | None:
    """Reads only; every problem goes to `errors` with its `customer.*` path."""
    failed = len(errors)
    card = None
    if data.id is not None:
        card = card_by_id(data.id)
        if card is None:
            errors.append(
                FieldError(
                    "customer.id",
                    f"unknown customer '{data.id}'",
                    "unknown_customer",
                    {"id": data.id},
                )
            )
    name = data.name or None
    if data.name is not None and not data.name:
        errors.append(FieldError("customer.name", "must not be empty", "empty"))
    elif data.id is None and name is None:
        errors.append(
            FieldError("customer.name", "is required for a new customer", "required_new_customer")
        )
    phone = None
    if data.phone:
        try:
            phone = normalise(data.phone, region)
        except PhoneError as error:
            errors.append(error.field("customer.phone"))
    elif data.id is None or (card is not None and not card.phone):
        errors.append(FieldError("customer.phone", "is required", "required"))
    email = data.email or None
    if email is not None and not is_email(email):
        errors.append(FieldError("customer.email", "is not a valid email address", "email_invalid"))
    picked = card is not None
    if data.id is None and phone is not None:
        found = cards_for_phone(phone)
        if len(found) == 1:
            card = found[0]
        elif len(found) > 1:
            errors.append(
                FieldError(
                    "customer.id",
                    f"{len(found)} customer cards share this phone number: choose one",
                    "phone_shared",
                    {"count": len(found)},
                )
            )
    result = CustomerPlan(card=card, name=name, phone=phone, email=email, picked=picked)
    if data.address_id is not None and data.address is not None:
        errors.append(
            FieldError(
                "customer.address", "give address_id or address, not both", "address_conflict"
            )
        )
    elif data.address_id is not None:
        row = one(
            "SELECT id, line, city, customer_id FROM addresses WHERE id = ?", (data.address_id,)
        )
        if row is None or card is None or row[3] != card.id:
            errors.append(
                FieldError(
                    "customer.address_id", "is not an address of this customer", "address_foreign"
                )
            )
        else:
            result.address = AddressRow(row[0], row[1], row[2])
    elif data.address is not None:
        result.new_address = (data.address.line, data.address.city)
    return result if len(errors) == failed else None


def apply(p: CustomerPlan, now: str) -> tuple[Card, bool, AddressRow | None]:
    """Writes; call inside the order's transaction. Returns (card, created, address)."""
    created = p.card is None
    if p.card is None:
        assert p.name is not None, "plan() requires a name for a new card"
        card = Card(
            id=new_id("c"), name=p.name, phone=p.phone, email=p.email, tags=[], created_at=now
        )
        execute(
            "INSERT INTO customers (id, name, phone, email, tags, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, '[]', ?, ?)",
            (card.id, card.name, card.phone, card.email, now, now),
        )
    else:
        card = p.card
        changes = {}
        if p.picked:
            changes = {
                k: v
                for k, v in (("name", p.name), ("phone", p.phone), ("email", p.email))
                if v is not None and v != getattr(card, k)
            }
        elif p.email and not card.email:
            changes = {"email": p.email}
        if changes:
            for k, v in changes.items():
                setattr(card, k, v)
            execute(
                "UPDATE customers SET name = ?, phone = ?, email = ?, updated_at = ? WHERE id = ?",
                (card.name, card.phone, card.email, now, card.id),
            )
    address = p.address
    if p.new_address is not None:
        address = _add_address(card, created, *p.new_address, now)
    return card, created, address


def _add_address(card: Card, created: bool, line: str, city: str, now: str) -> AddressRow:
    """The same line and city typed again reuse the saved address instead of piling up copies."""
    if not created:
        for row in rows("SELECT id, line, city FROM addresses WHERE customer_id = ?", (card.id,)):
            if row[1].casefold() == line.casefold() and row[2].casefold() == city.casefold():
                return AddressRow(*row)
    address = AddressRow(new_id("a"), line, city)
    execute(
        "INSERT INTO addresses (id, customer_id, line, city, created_at) VALUES (?, ?, ?, ?, ?)",
        (address.id, card.id, line, city, now),
    )
    return address
