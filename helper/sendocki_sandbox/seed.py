"""The workspace a fresh sandbox starts with, and bulk data for benchmarks."""

import json
import secrets

from sendocki_sandbox.clock import now
from sendocki_sandbox.db import get_meta, next_value, set_meta, transaction
from sendocki_sandbox.entities import add_customer, add_person, add_product, add_stage

STAGES = [
    ("New", "green", "new"),
    ("Unreachable", "orange", "unreachable"),
    ("To confirm by call", "yellow", "to_confirm"),
    ("Confirmed", "blue", "confirmed"),
    ("Preparation", "orange", None),
    ("Shipped", "purple", "shipped"),
    ("Delivered", "green", "delivered"),
    ("Delivery failure", "red", "delivery_failure"),
    ("Returned", "red", "returned"),
    ("Cancelled", "gray", "cancelled"),
]
NEW_TEMPLATE = "Bonjour {{name}}, votre commande {{order_number}} ({{total}}) est bien reçue."

# sku, name, price in centimes, variants (suffix, attributes, stock, price override) or a stock figure
PRODUCTS = [
    (
        "SAC-CUIR",
        "Sac cuir",
        18900,
        [("NOIR", {"couleur": "Noir"}, 1, None), ("MARRON", {"couleur": "Marron"}, 7, None)],
    ),
    (
        "CEINTURE-CUIR",
        "Ceinture en cuir",
        8900,
        [
            ("NOIR-90", {"couleur": "Noir", "taille": "90"}, 5, None),
            ("NOIR-100", {"couleur": "Noir", "taille": "100"}, 0, None),
        ],
    ),
    (
        "TSH-BLANC",
        "T-shirt blanc",
        13900,
        [(s, {"taille": s}, n, None) for s, n in [("S", 4), ("M", 10), ("L", 6)]],
    ),
    (
        "DJELLABA-FEMME",
        "Djellaba brodée femme",
        45000,
        [
            ("BLEU-M", {"couleur": "Bleu", "taille": "M"}, 2, None),
            ("VERT-M", {"couleur": "Vert", "taille": "M"}, 0, 47000),
        ],
    ),
    ("HUILE-ARGAN", "Huile d'argan pure", 12000, 20),
    ("SAVON-NOIR", "Savon noir beldi", 3500, 40),
    ("THE-VERT", "Thé vert à la menthe", 3900, 30),
    ("TAPIS-BERBERE", "Tapis berbère", 120000, 1),
]
CUSTOMERS = [
    ("Fatima Zahra", "+212661234567", None, [("12 Rue Atlas, Maarif", "Casablanca")]),
    (
        "Youssef El Amrani",
        "+212612345678",
        "youssef@example.ma",
        [("5 Avenue Hassan II", "Rabat"), ("Derb Sidi Bouloukat 14", "Marrakech")],
    ),
    ("Khadija Benali", "+212700112233", None, [("Hay Riad, Rue 7", "Rabat")]),
]
AGENTS = ["Salma", "Omar"]
TEAMS = ["Confirmation", "Livraison"]


def seed_workspace(conn, api_key: str) -> bool:
    """Returns False when the data dir already holds a workspace."""
    if get_meta(conn, "workspace_id"):
        return False
    with transaction(conn):
        set_meta(conn, "workspace_id", "ws_" + secrets.token_hex(4))
        set_meta(conn, "workspace_name", "Sandbox shop")
        set_meta(conn, "currency", "MAD")
        set_meta(conn, "default_region", "MA")
        set_meta(conn, "api_key", api_key)
        for position, (name, color, state) in enumerate(STAGES, start=1):
            add_stage(conn, name, color, position, state, NEW_TEMPLATE if position == 1 else None)
        for sku, name, price, variants in PRODUCTS:
            if isinstance(variants, int):
                add_product(conn, sku, name, price, stock=variants)
                continue
            add_product(
                conn,
                sku,
                name,
                price,
                [
                    {
                        "sku": f"{sku}-{suffix}",
                        "name": f"{name} / " + " / ".join(attrs.values()),
                        "attributes": attrs,
                        "price": override,
                        "available": stock,
                    }
                    for suffix, attrs, stock, override in variants
                ],
            )
        for name, phone, email, addresses in CUSTOMERS:
            add_customer(conn, name, phone, email, addresses)
        for name in AGENTS:
            add_person(conn, "agents", "agt", name)
        for name in TEAMS:
            add_person(conn, "teams", "team", name)
    return True


def seed_bulk(
    conn, variants: int, customers: int, orders: int = 0, variants_per_product: int = 5
) -> None:
    """Many products (5 variants each) and customers (one address each), written in bulk."""
    stamp = now()
    with transaction(conn):
        product_rows, variant_rows = [], []
        for p in range(variants // variants_per_product):
            product_id = f"prod_b{p}"
            product_rows.append(
                (
                    product_id,
                    f"BULK-{p:06d}",
                    f"Article {p} coton",
                    "variable",
                    1000 + p % 50000,
                    None,
                    stamp,
                    next_value(conn, "change"),
                )
            )
            for v in range(variants_per_product):
                variant_rows.append(
                    (
                        f"var_b{p}_{v}",
                        product_id,
                        f"BULK-{p:06d}-{v}",
                        f"Article {p} coton / T{v}",
                        json.dumps({"taille": f"T{v}"}),
                        None,
                        (p + v) % 17,
                    )
                )
        conn.executemany(
            "INSERT INTO products (id, sku, name, kind, price, cost, active, updated_at, seq)"
            " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
            product_rows,
        )
        conn.executemany(
            "INSERT INTO variants (id, product_id, sku, name, attributes, price, available, active)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
            variant_rows,
        )
        customer_rows, address_rows = [], []
        for c in range(customers):
            customer_id = f"cus_b{c}"
            customer_rows.append(
                (
                    customer_id,
                    f"Client {c}",
                    f"+2126{c:08d}",
                    None,
                    "[]",
                    None,
                    stamp,
                    stamp,
                    next_value(conn, "change"),
                )
            )
            address_rows.append(
                (f"adr_b{c}", customer_id, f"{c} Rue de la Paix", "Casablanca", None, stamp)
            )
        conn.executemany(
            "INSERT INTO customers (id, name, phone, email, tags, client_reference,"
            " created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            customer_rows,
        )
        conn.executemany(
            "INSERT INTO addresses (id, customer_id, line, city, client_reference, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            address_rows,
        )
        if orders:
            _seed_orders(conn, orders, customers, variants // variants_per_product, stamp)


def _seed_orders(conn, count: int, customers: int, products: int, stamp: str) -> None:
    """`count` orders on the first customers, spread over the stages, one catalog line each."""
    stages = [r[0] for r in conn.execute("SELECT id FROM stages ORDER BY position")]
    agents = [r[0] for r in conn.execute("SELECT id FROM agents ORDER BY seq")]
    order_rows, change_rows = [], []
    for i in range(count):
        order_id, stage_id = f"ord_b{i}", stages[i % len(stages)]
        line = {"kind": "free", "name": f"Article {i}", "quantity": 1, "unit_price": "100.00"}
        if products:
            p = i % products
            line = {
                "kind": "catalog",
                "variant_id": f"var_b{p}_0",
                "sku": f"BULK-{p:06d}-0",
                "name": f"Article {p} coton / T0",
                "quantity": 1,
                "catalog_unit_price": "100.00",
                "unit_price": "100.00",
            }
        body = {"lines": [line], "currency": "MAD", "created_by": agents[i % len(agents)]}
        order_rows.append(
            (
                order_id,
                f"SO-B{i:07d}",
                f"cus_b{i % max(customers, 1)}",
                stage_id,
                10000,
                json.dumps(body),
                stamp,
                agents[i % len(agents)],
                stamp,
                next_value(conn, "change"),
            )
        )
        change_rows.append((order_id, None, stage_id, stamp, agents[i % len(agents)], None, "web"))
    conn.executemany(
        "INSERT INTO orders (id, number, client_reference, idempotency_key, customer_id,"
        " address_id, stage_id, total, body, answer, created_at, created_by, updated_at, seq)"
        " VALUES (?, ?, NULL, NULL, ?, NULL, ?, ?, ?, '{}', ?, ?, ?, ?)",
        order_rows,
    )
    conn.executemany(
        "INSERT INTO stage_changes (order_id, from_stage_id, to_stage_id, at, agent_id,"
        " client_reference, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
        change_rows,
    )
