"""Upserting imported products and variants by SKU, in plain SQL (100k variants in seconds).

The store's triggers queue every change for the search index; the caller applies the queue.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager

from sendocki_helper import clock
from sendocki_helper.ids import new_id
from sendocki_helper.services.importers.records import ProductRecord, VariantRecord
from sendocki_helper.store.fields import to_centimes
from sendocki_helper.store.models import database_proxy


def _attributes_json(attributes: dict) -> str:
    # The same text JSONTextField writes, so an unchanged variant compares equal.
    return json.dumps(attributes, ensure_ascii=False, sort_keys=True)


class CatalogWriter:
    def __init__(self) -> None:
        db = database_proxy
        self.products = {
            row[1]: row
            for row in db.execute_sql(
                "SELECT id, sku, name, kind, price, cost, active, image_url FROM products"
            )
        }
        self.variants = {
            row[2]: row
            for row in db.execute_sql(
                "SELECT id, product_id, sku, name, attributes, price, available, active FROM variants"
            )
        }

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with database_proxy.atomic():
            yield

    def write(self, record: ProductRecord) -> str:
        """Returns 'created', 'updated' or 'unchanged' (for the product and its variants)."""
        now = clock.now_iso()
        wanted = (
            record.name,
            record.kind,
            to_centimes(record.price),
            to_centimes(record.cost),
            int(record.active),
            record.image_url,
        )
        existing = self.products.get(record.sku)
        if existing is None:
            product_id = new_id("p")
            database_proxy.execute_sql(
                "INSERT INTO products (id, sku, name, kind, price, cost, active, image_url, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (product_id, record.sku, *wanted, now),
            )
            outcome = "created"
        else:
            product_id = existing[0]
            outcome = "unchanged"
            if tuple(existing[2:]) != wanted:
                database_proxy.execute_sql(
                    "UPDATE products SET name = ?, kind = ?, price = ?, cost = ?, active = ?, "
                    "image_url = ?, updated_at = ? WHERE id = ?",
                    (*wanted, now, product_id),
                )
                outcome = "updated"
        self.products[record.sku] = (product_id, record.sku, *wanted)
        for variant in record.variants:
            changed = self._write_variant(product_id, variant, now)
            if changed and outcome == "unchanged":
                outcome = "updated"
        return outcome

    def _write_variant(self, product_id: str, variant: VariantRecord, now: str) -> bool:
        existing = self.variants.get(variant.sku)
        available = (
            variant.available if variant.available is not None else (existing[6] if existing else 0)
        )
        wanted = (
            product_id,
            variant.sku,
            variant.name,
            _attributes_json(variant.attributes),
            to_centimes(variant.price),
            available,
            1,
        )
        if existing is None:
            variant_id = new_id("v")
            database_proxy.execute_sql(
                "INSERT INTO variants (id, product_id, sku, name, attributes, price, available, active, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (variant_id, *wanted, now),
            )
        elif tuple(existing[1:]) != wanted:
            variant_id = existing[0]
            database_proxy.execute_sql(
                "UPDATE variants SET product_id = ?, sku = ?, name = ?, attributes = ?, price = ?, "
                "available = ?, active = ?, updated_at = ? WHERE id = ?",
                (*wanted, now, variant_id),
            )
        else:
            return False
        self.variants[variant.sku] = (variant_id, *wanted)
        return True
