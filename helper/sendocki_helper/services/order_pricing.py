"""Pricing an order's lines from the helper's own catalog, and the order's totals.

A catalog line's catalog price always comes from here, never from the request; the request may
only set the applied price. Stock shortfalls are warnings, not refusals (stock moves at pipeline
stages in Sendocki, not at creation).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from sendocki_helper.schemas.orders import LineIn
from sendocki_helper.services.delivery_line import check_delivery_line, delivery_prices
from sendocki_helper.services.errors import FieldError
from sendocki_helper.services.line_checks import names_no_catalog_item
from sendocki_helper.services.sql import rows
from sendocki_helper.store.fields import CENT, from_centimes


@dataclass
class PricedLine:
    kind: str
    name: str
    quantity: int
    unit_price: Decimal
    catalog_unit_price: Decimal | None = None
    sku: str | None = None
    variant_id: str | None = None
    product_id: str | None = None
    available: int | None = None  # stock of the variant, for the warning

    @property
    def line_total(self) -> Decimal:
        return (self.unit_price * self.quantity).quantize(CENT)

    @property
    def catalog_line_total(self) -> Decimal:
        price = self.unit_price if self.catalog_unit_price is None else self.catalog_unit_price
        return (price * self.quantity).quantize(CENT)


@dataclass
class Pricing:
    lines: list[PricedLine] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)


def price_lines(lines: list[LineIn], city: str | None = None) -> Pricing:
    """Each line in, priced; errors name `lines[i].field`. Two batched catalog queries at most.
    A delivery line is priced last, from `city` and the products' total (free-above)."""
    result = Pricing()
    by_id, by_sku, products = _load_catalog(lines)
    delivery_at, delivery_seen = None, False
    for i, line in enumerate(lines):
        path = f"lines[{i}]"
        if line.kind == "delivery":
            if check_delivery_line(line, path, result.errors, delivery_seen):
                delivery_at = i
            delivery_seen = True
            continue
        if line.kind == "free":
            priced = _free_line(line, path, result.errors)
        else:
            priced = _catalog_line(line, path, by_id, by_sku, products, result.errors)
        if priced is not None:
            result.lines.append(priced)
    if delivery_at is not None:
        products_total = sum((p.line_total for p in result.lines), Decimal("0.00"))
        line = lines[delivery_at]
        prices = delivery_prices(
            city, products_total, line.unit_price, f"lines[{delivery_at}]", result.errors
        )
        if prices is not None:
            name, table_fee, applied = prices
            priced = PricedLine("delivery", name, 1, applied, catalog_unit_price=table_fee)
            result.lines.insert(min(delivery_at, len(result.lines)), priced)
    return result


@dataclass
class CatalogProduct:
    id: str
    sku: str
    name: str
    kind: str
    price: Decimal
    active: bool


@dataclass
class CatalogVariant:
    id: str
    sku: str
    name: str
    price: Decimal | None  # overrides the product's price when set
    available: int
    active: bool
    product: CatalogProduct


_VARIANT_SQL = (
    "SELECT v.id, v.sku, v.name, v.price, v.available, v.active, "
    "p.id, p.sku, p.name, p.kind, p.price, p.active "
    "FROM variants v JOIN products p ON p.id = v.product_id WHERE v.{column} IN ({marks})"
)


def _variants(column: str, values: set[str]) -> list[CatalogVariant]:
    if not values:
        return []
    sql = _VARIANT_SQL.format(column=column, marks=", ".join("?" for _ in values))
    return [
        CatalogVariant(
            r[0],
            r[1],
            r[2],
            from_centimes(r[3]),
            r[4],
            bool(r[5]),
            CatalogProduct(r[6], r[7], r[8], r[9], from_centimes(r[10]), bool(r[11])),
        )
        for r in rows(sql, tuple(values))
    ]


def _load_catalog(
    lines: list[LineIn],
) -> tuple[dict[str, CatalogVariant], dict[str, CatalogVariant], dict[str, CatalogProduct]]:
    ids = {line.variant_id for line in lines if line.kind == "catalog" and line.variant_id}
    skus = {line.sku for line in lines if line.kind == "catalog" and line.sku}
    by_id, by_sku, products = {}, {}, {}
    for variant in _variants("id", ids) + _variants("sku", skus):
        by_id[variant.id] = variant
        by_sku[variant.sku] = variant
    missing = skus - by_sku.keys()
    if missing:
        # A product SKU with no variant row: a simple product, or a variable one (then ambiguous).
        found = rows(
            "SELECT id, sku, name, kind, price, active FROM products WHERE sku IN ("
            + ", ".join("?" for _ in missing)
            + ")",
            tuple(missing),
        )
        for r in found:
            products[r[1]] = CatalogProduct(r[0], r[1], r[2], r[3], from_centimes(r[4]), bool(r[5]))
    return by_id, by_sku, products


def _free_line(line: LineIn, path: str, errors: list[FieldError]) -> PricedLine | None:
    ok = names_no_catalog_item(line, path, errors, "free", "free_line_extra")
    if not line.name:
        errors.append(FieldError(f"{path}.name", "is required on a free line", "required"))
        ok = False
    if line.unit_price is None:
        errors.append(FieldError(f"{path}.unit_price", "is required on a free line", "required"))
        ok = False
    if not ok or not line.name or line.unit_price is None:
        return None
    return PricedLine(
        kind="free", name=line.name, quantity=line.quantity, unit_price=line.unit_price
    )


def _catalog_line(
    line: LineIn,
    path: str,
    by_id: dict[str, CatalogVariant],
    by_sku: dict[str, CatalogVariant],
    products: dict[str, CatalogProduct],
    errors: list[FieldError],
) -> PricedLine | None:
    if line.variant_id is None and line.sku is None:
        errors.append(
            FieldError(
                f"{path}.sku", "a catalog line needs a sku or a variant_id", "product_missing"
            )
        )
        return None
    variant = None
    if line.variant_id is not None:
        variant = by_id.get(line.variant_id)
        if variant is None:
            errors.append(
                FieldError(
                    f"{path}.variant_id",
                    f"unknown variant '{line.variant_id}'",
                    "variant_unknown",
                    {"id": line.variant_id},
                )
            )
            return None
        if line.sku is not None and line.sku != variant.sku:
            errors.append(
                FieldError(
                    f"{path}.sku",
                    f"'{line.sku}' is not the SKU of variant '{variant.id}'",
                    "sku_mismatch",
                    {"sku": line.sku, "id": variant.id},
                )
            )
            return None
    elif line.sku is not None:
        variant = by_sku.get(line.sku)
    if variant is not None:
        product = variant.product
        if not (variant.active and product.active):
            errors.append(
                FieldError(
                    f"{path}.{'variant_id' if line.variant_id else 'sku'}",
                    f"'{variant.sku}' is no longer sold (inactive)",
                    "product_inactive",
                    {"sku": variant.sku},
                )
            )
            return None
        catalog_price = product.price if variant.price is None else variant.price
        if not _price_usable(catalog_price, f"{path}.sku", variant.sku, errors):
            return None
        return PricedLine(
            kind="catalog",
            name=variant.name,
            quantity=line.quantity,
            sku=variant.sku,
            variant_id=variant.id,
            product_id=product.id,
            catalog_unit_price=catalog_price,
            unit_price=catalog_price if line.unit_price is None else line.unit_price,
            available=variant.available,
        )
    found = products.get(line.sku) if line.sku is not None else None
    if found is None:
        errors.append(
            FieldError(f"{path}.sku", f"unknown SKU '{line.sku}'", "sku_unknown", {"sku": line.sku})
        )
        return None
    if found.kind != "simple":
        errors.append(
            FieldError(
                f"{path}.sku",
                f"'{line.sku}' has variants: choose one",
                "variant_required",
                {"sku": line.sku},
            )
        )
        return None
    if not found.active:
        errors.append(
            FieldError(
                f"{path}.sku",
                f"'{found.sku}' is no longer sold (inactive)",
                "product_inactive",
                {"sku": found.sku},
            )
        )
        return None
    if not _price_usable(found.price, f"{path}.sku", found.sku, errors):
        return None
    return PricedLine(
        kind="catalog",
        name=found.name,
        quantity=line.quantity,
        sku=found.sku,
        product_id=found.id,
        catalog_unit_price=found.price,
        unit_price=found.price if line.unit_price is None else line.unit_price,
    )


def _price_usable(price: Decimal | None, field: str, sku: str, errors: list[FieldError]) -> bool:
    """A catalog price below zero (stored by an older version from a bad API answer) is never
    charged: the line is refused by name and the seller fixes the price in Sendocki."""
    if price is not None and price < 0:
        errors.append(
            FieldError(
                field,
                f"'{sku}' has a negative catalog price: correct it in Sendocki",
                "catalog_price_negative",
                {"sku": sku},
            )
        )
        return False
    return True


@dataclass
class Totals:
    catalog_total: Decimal
    lines_total: Decimal
    total: Decimal

    @property
    def adjustment(self) -> Decimal:
        return self.total - self.catalog_total


def totals(lines: list[PricedLine], agent_total: Decimal | None) -> Totals:
    catalog_total = sum((line.catalog_line_total for line in lines), Decimal("0.00"))
    lines_total = sum((line.line_total for line in lines), Decimal("0.00"))
    total = lines_total if agent_total is None else agent_total.quantize(CENT)
    return Totals(catalog_total.quantize(CENT), lines_total.quantize(CENT), total)


def stock_warnings(lines: list[PricedLine]) -> list[dict]:
    """One warning per variant whose lines together ask for more than its stock."""
    requested: dict[str, int] = {}
    first: dict[str, PricedLine] = {}
    for line in lines:
        if line.variant_id is not None:
            requested[line.variant_id] = requested.get(line.variant_id, 0) + line.quantity
            first.setdefault(line.variant_id, line)
    warnings = []
    for variant_id, quantity in requested.items():
        line = first[variant_id]
        if line.available is not None and quantity > line.available:
            warnings.append(
                {
                    "code": "insufficient_stock",
                    "sku": line.sku,
                    "variant_id": variant_id,
                    "available": line.available,
                    "requested": quantity,
                }
            )
    return warnings
