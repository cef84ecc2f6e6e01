"""Seeding the demo workspace. Idempotent: a second run adds nothing."""

from decimal import Decimal

from sendocki_helper import clock
from sendocki_helper.ids import new_id
from sendocki_helper.services import phones, settings
from sendocki_helper.services.demo_data import (
    AGENTS,
    COD_BUSINESS_STAGES,
    CUSTOMERS,
    NEW_STAGE_TEMPLATE,
    PRODUCTS,
    TEAMS,
)
from sendocki_helper.store.models import (
    Address,
    Agent,
    Customer,
    Order,
    Product,
    Stage,
    Team,
    Variant,
    database_proxy,
)

DEMO_SEEDED = "demo_seeded"


def is_demo() -> bool:
    """True for a workspace the demo seeded (its products and customers are examples)."""
    return settings.get(DEMO_SEEDED) is not None


def holds_seller_data() -> bool:
    """Products, customers or orders that the demo did not put there."""
    if is_demo():
        return False
    return any(model.select().exists() for model in (Product, Customer, Order))


def seed_demo() -> bool:
    """Returns True when it seeded, False when the workspace was already there."""
    with database_proxy.atomic():
        if is_demo():
            return False
        settings.put("currency", "MAD")
        settings.put("default_region", "MA")
        _seed_stages()
        _seed_catalog()
        _seed_people()
        settings.put(DEMO_SEEDED, clock.now_iso())
    return True


def _seed_stages() -> None:
    if Stage.select().exists():
        return
    for position, (name, color, state) in enumerate(COD_BUSINESS_STAGES, start=1):
        Stage.create(
            id=f"s_{position}",
            name=name,
            color=color,
            position=position,
            state=state,
            active=True,
            message_template=NEW_STAGE_TEMPLATE if position == 1 else None,
        )


def _seed_catalog() -> None:
    now = clock.now_iso()
    for sku, name, price, variants in PRODUCTS:
        if Product.get_or_none(Product.sku == sku):
            continue
        product = Product.create(
            id=new_id("p"),
            sku=sku,
            name=name,
            price=Decimal(price),
            kind="variable" if isinstance(variants, list) else "simple",
            active=True,
            updated_at=now,
        )
        if isinstance(variants, int):
            # A simple product keeps its stock on its one variant (same SKU).
            Variant.create(
                id=new_id("v"),
                product=product,
                sku=sku,
                name=name,
                attributes={},
                available=variants,
                updated_at=now,
            )
            continue
        for suffix, attributes, stock, override in variants:
            Variant.create(
                id=new_id("v"),
                product=product,
                sku=f"{sku}-{suffix}",
                name=f"{name} / " + " / ".join(attributes.values()),
                attributes=attributes,
                price=Decimal(override) if override else None,
                available=stock,
                updated_at=now,
            )


def _seed_people() -> None:
    for name in AGENTS:
        if not Agent.get_or_none(Agent.name == name):
            Agent.create(id=new_id("ag"), name=name)
    for name in TEAMS:
        if not Team.get_or_none(Team.name == name):
            Team.create(id=new_id("tm"), name=name)
    now = clock.now_iso()
    for name, phone, email, addresses in CUSTOMERS:
        if Customer.get_or_none(Customer.name == name):
            continue
        e164 = phones.normalise(phone, "MA")
        customer = Customer.create(
            id=new_id("c"), name=name, phone=e164, email=email, created_at=now, updated_at=now
        )
        for line, city in addresses:
            Address.create(id=new_id("a"), customer=customer, line=line, city=city, created_at=now)
