"""An order's delivery line: priced from the workspace's fee by city, like a catalog line from
the catalog. The request may set only the applied fee (`unit_price`, the agent's change) or leave
the line out (the agent removed it). Its `catalog_unit_price` is what the table asks for the
order's city, 0 when the products reach the free-above amount, so the order's catalog total and
adjustment keep the trace of a changed fee.
"""

from decimal import Decimal

from sendocki_helper.schemas.orders import LineIn
from sendocki_helper.services import delivery
from sendocki_helper.services.errors import FieldError
from sendocki_helper.services.line_checks import names_no_catalog_item

LINE_NAME = "Livraison"  # the line's name in Sendocki, followed by the city


def check_delivery_line(line: LineIn, path: str, errors: list[FieldError], seen: bool) -> bool:
    """The request's own rules for a delivery line; False when it cannot be priced."""
    ok = names_no_catalog_item(line, path, errors, "delivery", "delivery_extra")
    if line.quantity != 1:
        errors.append(
            FieldError(f"{path}.quantity", "must be 1 on a delivery line", "delivery_quantity")
        )
        ok = False
    if seen:
        errors.append(
            FieldError(f"{path}.kind", "an order has at most one delivery line", "delivery_twice")
        )
        ok = False
    return ok


def delivery_prices(
    city: str | None,
    products_total: Decimal,
    unit_price: Decimal | None,
    path: str,
    errors: list[FieldError],
) -> tuple[str, Decimal | None, Decimal] | None:
    """(line name, the table's fee or None, the applied fee), or None with an error."""
    quote = delivery.quote(city, products_total)
    shown = (quote.city if quote and quote.city else None) or (city or "").strip() or None
    name = f"{LINE_NAME} {shown}" if shown else LINE_NAME
    if quote is None:
        if unit_price is not None:
            return name, None, unit_price
        errors.append(
            FieldError(
                f"{path}.unit_price",
                "no delivery fee is set for this city: give the fee",
                "delivery_fee_unknown",
                {"city": (city or "").strip()},
            )
        )
        return None
    return name, quote.due, quote.due if unit_price is None else unit_price
