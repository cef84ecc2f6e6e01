"""A rule that free and delivery lines share: they name no catalog item."""

from sendocki_helper.schemas.orders import LineIn
from sendocki_helper.services.errors import FieldError

CATALOG_FIELDS = ("sku", "variant_id")


def names_no_catalog_item(
    line: LineIn, path: str, errors: list[FieldError], kind: str, code: str
) -> bool:
    """False, with an error `code` for each, when the line carries a catalog SKU or variant id."""
    ok = True
    for name in CATALOG_FIELDS:
        if getattr(line, name) is not None:
            errors.append(FieldError(f"{path}.{name}", f"is not allowed on a {kind} line", code))
            ok = False
    return ok
