"""The demo workspace: what it holds, and that a second start adds nothing."""

from sendocki_helper.services import demo
from sendocki_helper.store.db import open_database
from sendocki_helper.store.models import (
    Address,
    Agent,
    Customer,
    Product,
    Stage,
    Team,
    Variant,
)


def counts():
    return {
        model.__name__: model.select().count()
        for model in (Stage, Product, Variant, Customer, Address, Agent, Team)
    }


def test_demo_seed_is_idempotent(tmp_path):
    database = open_database(tmp_path / "demo.sqlite3")
    assert demo.seed_demo() is True
    first = counts()
    assert demo.seed_demo() is False
    assert counts() == first
    database.close()


def test_demo_workspace_content(tmp_path):
    database = open_database(tmp_path / "demo.sqlite3")
    demo.seed_demo()
    stages = list(Stage.select().order_by(Stage.position))
    assert [s.name for s in stages] == [
        "New",
        "Unreachable",
        "To confirm by call",
        "Confirmed",
        "Preparation",
        "Shipped",
        "Delivered",
        "Delivery failure",
        "Returned",
        "Cancelled",
    ]
    assert [s.color for s in stages] == [
        "green",
        "orange",
        "yellow",
        "blue",
        "orange",
        "purple",
        "green",
        "red",
        "red",
        "gray",
    ]
    assert stages[4].state is None  # Preparation has no standard state
    assert (
        "{{name}}" in stages[0].message_template
        and "{{order_number}}" in stages[0].message_template
    )
    assert Product.select().count() >= 30
    assert Product.select().where(Product.kind == "variable").count() >= 5
    assert Variant.select().where(Variant.available == 0).count() >= 3
    assert any(any(ord(ch) > 127 for ch in p.name) for p in Product.select())  # accents
    assert any("\u0600" <= ch <= "\u06ff" for p in Product.select() for ch in p.name)  # Arabic
    two_addresses = [c for c in Customer.select() if c.addresses.count() >= 2]
    assert two_addresses
    phones = [c.phone for c in Customer.select()]
    assert any(phones.count(p) == 2 for p in phones)  # one phone shared by two cards
    assert all(p.startswith("+") for p in phones)
    assert Agent.select().count() == 2 and Team.select().count() == 1
    database.close()
