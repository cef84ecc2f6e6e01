"""Sendocki's product import template (docs/catalog.md, "Import").

A product row has `type` simple or variable; variant rows repeat `sku_product` and carry
`sku_variant` and `variant_name`. Sellers often fill the product columns down on every variant
row: product columns that agree with the product's first row are the same product; one that
disagrees (another name or price for the same `sku_product`) is a line error naming both lines.
A simple product gets one variant with its own SKU, which is where its stock lives (the store's
convention, as in the demo catalog).
"""

from collections.abc import Iterable

from sendocki_helper.services.importers.attributes import from_variant_name
from sendocki_helper.services.importers.limits import MAX_NAME_CHARS, MAX_SKU_CHARS, bounded
from sendocki_helper.services.importers.records import (
    LineError,
    Parsed,
    ProductRecord,
    VariantRecord,
    image_url,
    money,
    quantity,
    required,
)

NAME = "sendocki"
SIGNATURE = {"sku_product", "product_name"}
# The columns that describe the product, compared when a later row repeats them.
PRODUCT_COLUMNS = ("product_name", "type", "price", "cost", "images")


def parse(rows: Iterable[tuple[int, dict[str, str]]]) -> Parsed:
    """rows: (line number, {lower-cased column: value}) pairs."""
    parsed = Parsed()
    products: dict[str, ProductRecord] = {}
    first_rows: dict[str, dict] = {}
    rejected_parents: dict[str, int] = {}
    variant_rows = []
    for line, row in rows:
        try:
            sku = bounded(required(row, "sku_product", line), line, "sku_product", MAX_SKU_CHARS)
            kind = (row.get("type") or "").strip().lower()
            has_variant = bool((row.get("sku_variant") or "").strip())
            if sku in products:
                _same_product(products[sku], first_rows[sku], line, row, has_variant)
            elif kind:
                try:
                    products[sku] = product_row(line, row, sku, kind, has_variant)
                    first_rows[sku] = row
                except LineError:
                    rejected_parents.setdefault(sku, line)
                    raise
            elif not has_variant:
                raise LineError(line, "type", "is required (simple or variable) on a product row")
            if has_variant:
                variant_rows.append((line, sku, variant(row, line)))
        except LineError as error:
            parsed.errors.append(error)
    _attach_variants(products, rejected_parents, variant_rows, parsed.errors)
    parsed.products = list(products.values())
    return parsed


def _same_product(
    product: ProductRecord,
    first: dict[str, str],
    line: int,
    row: dict[str, str],
    has_variant: bool,
) -> None:
    """A later row of a known sku_product: its filled product columns must agree."""
    for column in PRODUCT_COLUMNS:
        value = (row.get(column) or "").strip()
        if value and not _agrees(column, value, (first.get(column) or "").strip(), line):
            raise LineError(
                line,
                column,
                f"{_short(value)!r} differs from {_short(first.get(column))!r} on line "
                f"{product.line} for the same sku_product {product.sku}",
            )
    if not has_variant:
        raise LineError(line, "sku_product", f"{product.sku} is already on line {product.line}")


def _agrees(column: str, value: str, first: str, line: int) -> bool:
    if column in ("price", "cost"):
        return money(value, line, column, required=False) == money(
            first, line, column, required=False
        )
    if column == "type":
        return value.lower() == first.lower()
    return " ".join(value.split()) == " ".join(first.split())


def _short(text: str | None) -> str:
    text = (text or "").strip()
    return text if len(text) <= 60 else text[:60] + "..."


def _attach_variants(
    products: dict[str, ProductRecord],
    rejected_parents: dict[str, int],
    variant_rows: list[tuple[int, str, VariantRecord]],
    errors: list[LineError],
) -> None:
    seen: dict[str, int] = {}
    for line, sku, record in variant_rows:
        parent = products.get(sku)
        if parent is None:
            why = (
                f"its product (line {rejected_parents[sku]}) was rejected"
                if sku in rejected_parents
                else "variant without parent: no product row has this sku_product"
            )
            errors.append(LineError(line, "sku_product", why))
        elif parent.kind != "variable":
            errors.append(LineError(line, "sku_variant", "a simple product has no variants"))
        elif record.sku in seen:
            errors.append(
                LineError(
                    line, "sku_variant", f"{record.sku} is already on line {seen[record.sku]}"
                )
            )
        else:
            seen[record.sku] = line
            parent.variants.append(record)


def product_row(
    line: int, row: dict[str, str], sku: str, kind: str, has_variant: bool
) -> ProductRecord:
    if kind not in ("simple", "variable"):
        raise LineError(line, "type", f"{_short(kind)!r} is not simple or variable")
    name = bounded(required(row, "product_name", line), line, "product_name", MAX_NAME_CHARS)
    price = money(row.get("price"), line, "price", required=True)
    cost = money(row.get("cost"), line, "cost", required=False)
    record = ProductRecord(line, sku, name, kind, price, cost)
    record.image_url = image_url(row.get("images"), line, "images")
    if kind == "simple":
        if has_variant:
            raise LineError(line, "sku_variant", "a simple product has no variants")
        record.variants.append(
            VariantRecord(line, sku, name, {}, None, quantity(row.get("stock"), line, "stock"))
        )
    return record


def variant(row: dict[str, str], line: int) -> VariantRecord:
    name = bounded(required(row, "variant_name", line), line, "variant_name", MAX_NAME_CHARS)
    return VariantRecord(
        line=line,
        sku=bounded(row["sku_variant"].strip(), line, "sku_variant", MAX_SKU_CHARS),
        name=name,
        attributes=from_variant_name(name),
        price=money(row.get("variant_price"), line, "variant_price", required=False),
        available=quantity(row.get("stock"), line, "stock"),
    )
