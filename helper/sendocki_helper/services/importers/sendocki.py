"""Sendocki's product import template (docs/catalog.md, "Import").

A parent row has `type` simple or variable; variant rows repeat `sku_product` and carry
`sku_variant` and `variant_name`. A simple product gets one variant with its own SKU, which is
where its stock lives (the store's convention, as in the demo catalog).
"""

from collections.abc import Iterable

from sendocki_helper.services.importers.attributes import from_variant_name
from sendocki_helper.services.importers.records import (
    LineError,
    Parsed,
    ProductRecord,
    VariantRecord,
    money,
    quantity,
    required,
)

NAME = "sendocki"
SIGNATURE = {"sku_product", "product_name"}


def parse(rows: Iterable[tuple[int, dict[str, str]]]) -> Parsed:
    """rows: (line number, {lower-cased column: value}) pairs."""
    parsed = Parsed()
    products: dict[str, ProductRecord] = {}
    rejected_parents: dict[str, int] = {}
    variant_rows = []
    for line, row in rows:
        try:
            sku = required(row, "sku_product", line)
            kind = (row.get("type") or "").strip().lower()
            has_variant = bool((row.get("sku_variant") or "").strip())
            if kind:
                try:
                    products_row(products, line, row, sku, kind, has_variant)
                except LineError:
                    rejected_parents.setdefault(sku, line)
                    raise
            if has_variant:
                variant_rows.append((line, sku, variant(row, line)))
            elif not kind:
                raise LineError(line, "type", "is required (simple or variable) on a product row")
        except LineError as error:
            parsed.errors.append(error)
    seen: dict[str, int] = {}
    for line, sku, record in variant_rows:
        parent = products.get(sku)
        if parent is None:
            why = (
                f"its product (line {rejected_parents[sku]}) was rejected"
                if sku in rejected_parents
                else "variant without parent: no product row has this sku_product"
            )
            parsed.errors.append(LineError(line, "sku_product", why))
        elif parent.kind != "variable":
            parsed.errors.append(LineError(line, "sku_variant", "a simple product has no variants"))
        elif record.sku in seen:
            parsed.errors.append(
                LineError(
                    line, "sku_variant", f"{record.sku} is already on line {seen[record.sku]}"
                )
            )
        else:
            seen[record.sku] = line
            parent.variants.append(record)
    parsed.products = list(products.values())
    return parsed


def products_row(
    products: dict[str, ProductRecord],
    line: int,
    row: dict[str, str],
    sku: str,
    kind: str,
    has_variant: bool,
) -> None:
    if kind not in ("simple", "variable"):
        raise LineError(line, "type", f"{kind!r} is not simple or variable")
    if sku in products:
        raise LineError(line, "sku_product", f"{sku} is already on line {products[sku].line}")
    name = required(row, "product_name", line)
    price = money(row.get("price"), line, "price", required=True)
    cost = money(row.get("cost"), line, "cost", required=False)
    record = ProductRecord(line, sku, name, kind, price, cost)
    if kind == "simple":
        if has_variant:
            raise LineError(line, "sku_variant", "a simple product has no variants")
        record.variants.append(
            VariantRecord(line, sku, name, {}, None, quantity(row.get("stock"), line, "stock"))
        )
    products[sku] = record


def variant(row: dict[str, str], line: int) -> VariantRecord:
    name = required(row, "variant_name", line)
    return VariantRecord(
        line=line,
        sku=row["sku_variant"].strip(),
        name=name,
        attributes=from_variant_name(name),
        price=money(row.get("variant_price"), line, "variant_price", required=False),
        available=quantity(row.get("stock"), line, "stock"),
    )
