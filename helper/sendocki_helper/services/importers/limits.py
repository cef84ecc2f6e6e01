"""Bounds on what a catalog file may hold, so a hostile or broken file costs little.

A line that breaks one of them is refused on its own (with its line and column) and the rest of
the file imports; a header that breaks them makes the file unusable. The same bounds apply to
CSV files and workbooks.
"""

from sendocki_helper.services.importers.records import LineError

MAX_COLUMNS = 256  # a real export has 12 (Sendocki) to ~50 (Shopify) columns
MAX_FIELD_CHARS = 65_536  # Shopify's Body (HTML) can be long; nothing we store is
MAX_LINE_CHARS = 1_048_576  # all fields of one line together
MAX_NAME_CHARS = 255  # product and variant names as stored (and answered by search)
MAX_SKU_CHARS = 120  # the order API accepts SKUs up to this length
MAX_XML_PART_BYTES = 256 * 1024 * 1024  # one workbook part, uncompressed (sheets are streamed)
# openpyxl reads the shared strings whole: a 100k-variant catalog's are about 5 MB.
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024


def check_line(line: int, header: list[str], values: list[str]) -> None:
    """Raises LineError for a line with too many columns or an oversized field."""
    if len(values) > MAX_COLUMNS:
        raise LineError(line, f"column {MAX_COLUMNS + 1}", f"more than {MAX_COLUMNS} columns")
    total = 0
    for position, value in enumerate(values):
        size = len(value)
        total += size
        if size > MAX_FIELD_CHARS:
            raise LineError(
                line,
                column_label(header, position),
                f"{size} characters (at most {MAX_FIELD_CHARS})",
            )
    if total > MAX_LINE_CHARS:
        raise LineError(line, "(line)", f"{total} characters (at most {MAX_LINE_CHARS})")


def column_label(header: list[str], position: int) -> str:
    return (
        header[position]
        if position < len(header) and header[position]
        else f"column {position + 1}"
    )


def bounded(value: str, line: int, column: str, limit: int) -> str:
    if len(value) > limit:
        raise LineError(line, column, f"is {len(value)} characters long (at most {limit})")
    return value
