"""A delivery fee file: one row per city (`city,fee`, or `ville;frais` from a French Excel, CSV
or .xlsx), read with the catalog's readers and bounds. The file replaces the whole table."""

from decimal import Decimal
from pathlib import Path

from sendocki_helper.services import delivery
from sendocki_helper.services.catalog_import import open_rows
from sendocki_helper.services.importers.limits import MAX_NAME_CHARS, bounded
from sendocki_helper.services.importers.records import LineError, money
from sendocki_helper.services.importers.sources import ImportFileError

CITY_COLUMNS = ("city", "ville", "المدينة", "town")
FEE_COLUMNS = ("fee", "frais", "tarif", "prix", "price", "الثمن", "delivery fee")


def _column(columns: list[str], names: tuple[str, ...], what: str) -> str:
    for name in names:
        if name in columns:
            return name
    raise ImportFileError(f"no {what} column (expected one of: {', '.join(names)})")


def import_fees(
    path: Path, default_fee: Decimal | None, free_above: Decimal | None
) -> tuple[list[delivery.FeeRow], list[LineError]]:
    rows = open_rows(Path(path))
    city_column = _column(rows.columns, CITY_COLUMNS, "city")
    fee_column = _column(rows.columns, FEE_COLUMNS, "fee")
    fees: dict[str, delivery.FeeRow] = {}
    lines: dict[str, int] = {}
    errors: list[LineError] = []
    for line, row in rows.lines:
        try:
            name = bounded((row.get(city_column) or "").strip(), line, city_column, MAX_NAME_CHARS)
            if not name:
                raise LineError(line, city_column, "is required")
            fee = money(row.get(fee_column), line, fee_column, required=True)
            key, shown = delivery.city_key(name)
            if key in fees:
                raise LineError(
                    line, city_column, f"{name!r} is {fees[key].city}, already on line {lines[key]}"
                )
            if len(fees) >= delivery.MAX_CITIES:
                raise LineError(line, city_column, f"more than {delivery.MAX_CITIES} cities")
            fees[key], lines[key] = delivery.FeeRow(key, shown, fee), line
        except LineError as error:
            errors.append(error)
    errors = sorted(rows.errors + errors, key=lambda error: error.line)
    delivery.replace(list(fees.values()), default_fee, free_above, "file")
    return list(fees.values()), errors
