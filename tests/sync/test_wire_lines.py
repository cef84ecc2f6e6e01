"""An order's lines as Sendocki receives them: each kind carries its own fields, in a fixed order
(the body text is stored once and sent unchanged on every retry)."""

import json

from sendocki_helper.sync import wire
from sendocki_helper.sync.records import LocalCustomer, RemoteRefs

LINES = [
    {
        "kind": "catalog",
        "variant_id": "v-local",
        "sku": "SAC-CUIR-NOIR",
        "name": "Sac cuir Noir",
        "quantity": 2,
        "catalog_unit_price": "189.00",
        "unit_price": "179.00",
        "product_id": "p-local",
    },
    {"kind": "free", "name": "Emballage cadeau", "quantity": 1, "unit_price": "15.00", "sku": None},
    {
        "kind": "delivery",
        "name": "Livraison Rabat",
        "quantity": 1,
        "catalog_unit_price": "35.00",
        "unit_price": "30.00",
        "variant_id": None,
    },
]


def test_each_kind_of_line_carries_its_own_fields_in_order():
    payload = {"id": "o-local", "customer": {"name": "Karim"}, "lines": LINES}
    refs = RemoteRefs(variants={"v-local": "var_remote"})
    text = wire.order_body_text(payload, refs, LocalCustomer("c-local", "Karim", None, None))
    lines = json.loads(text)["lines"]

    assert [list(line.items()) for line in lines] == [
        [
            ("kind", "catalog"),
            ("variant_id", "var_remote"),
            ("sku", "SAC-CUIR-NOIR"),
            ("name", "Sac cuir Noir"),
            ("quantity", 2),
            ("catalog_unit_price", "189.00"),
            ("unit_price", "179.00"),
        ],
        [
            ("kind", "free"),
            ("name", "Emballage cadeau"),
            ("quantity", 1),
            ("unit_price", "15.00"),
        ],
        [
            ("kind", "delivery"),
            ("name", "Livraison Rabat"),
            ("quantity", 1),
            ("catalog_unit_price", "35.00"),
            ("unit_price", "30.00"),
        ],
    ]


def test_a_line_of_no_known_kind_goes_as_a_catalog_line_with_no_remote_variant():
    payload = {"id": "o-local", "customer": {}, "lines": [{"sku": "X", "variant_id": "unknown"}]}
    text = wire.order_body_text(payload, RemoteRefs(), LocalCustomer("c", "N", None, None))
    (line,) = json.loads(text)["lines"]
    assert line["kind"] == "catalog" and line["variant_id"] is None and line["sku"] == "X"
